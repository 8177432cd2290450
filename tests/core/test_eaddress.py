import pytest

from ratusz.core.eaddress import ade_check_digits_plausible, validate_ade, validate_epuap


@pytest.mark.parametrize("address", ["AE:PL-55754-97181-CHDVR-19", "AE:PL-84192-40504-UIWTR-22"])
def test_real_ade_addresses_pass(address):
    validate_ade(address)
    assert ade_check_digits_plausible(address)


@pytest.mark.parametrize(
    "address",
    [
        "AE:PL-55754-97181-chdvr-19",
        "PL-55754-97181-CHDVR-19",
        "AE:PL-5575-97181-CHDVR-19",
        "AE:PL-557540-97181-CHDVR-19",
        "",
    ],
)
def test_malformed_ade_refused(address):
    with pytest.raises(ValueError, match="AE:PL"):
        validate_ade(address)


def test_unofficial_check_digits_only_warn():
    address = "AE:PL-55004-94640-IGCES-27"  # real, yet fails the unofficial rule
    validate_ade(address)
    assert not ade_check_digits_plausible(address)


@pytest.mark.parametrize(
    "box",
    [
        "/umwodzislaw/SkrytkaESP",
        "/f0330ogrc7/skrytka",
        "/u390efc0tm/SEKAP",
        "/ZOJO_Cieszyn/skrytka",
    ],
)
def test_epuap_boxes(box):
    validate_epuap(box)


@pytest.mark.parametrize("box", ["umwodzislaw/SkrytkaESP", "/a b/c", "/onlyone"])
def test_bad_epuap_boxes(box):
    with pytest.raises(ValueError):
        validate_epuap(box)
