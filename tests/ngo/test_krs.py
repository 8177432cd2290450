"""Parsing KRS open-API extracts (no Django). Fixtures are fictional, shaped like real answers."""

import io
import json
import urllib.error
from pathlib import Path

import pytest

from ratusz.ngo.krs import directory_legal_form, fetch_odpis, parse_odpis
from ratusz.ngo.rules import RuleError

FIXTURES = Path(__file__).parent / "fixtures"


def load(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_association_register_s():
    record = parse_odpis(load("krs_odpis_rejestr_s.json"))
    assert record.krs == "0009990001" and record.register == "S"
    assert record.name.startswith("STOWARZYSZENIE PRZYKŁADOWE")
    assert record.legal_form == "STOWARZYSZENIE"
    assert record.nip == "9990001019"
    assert record.regon == "999000124"  # zero padding of the API removed
    assert record.opp is True
    assert record.ade == "AE:PL-00000-00000-AAAAA-11"
    assert record.street == "UL. PRZYKŁADOWA 12/3" and record.postal_code == "41-400"
    assert record.email == "kontakt@zielona-przemsza.example"
    assert directory_legal_form(record.legal_form) == "stowarzyszenie"


def test_entrepreneurs_register_p_with_missing_fields():
    record = parse_odpis(load("krs_odpis_rejestr_p.json"))
    assert record.register == "P" and record.opp is False
    assert record.nip == "" and record.regon == "999000124" and record.ade == ""
    assert directory_legal_form(record.legal_form) == "spoldzielnia-socjalna"


def test_unknown_legal_form_maps_to_other():
    assert directory_legal_form("SPÓŁKA AKCYJNA") == "inna"


@pytest.mark.parametrize("data", [{}, {"odpis": None}, {"odpis": {"dane": {}}}, []])
def test_malformed_document(data):
    with pytest.raises(RuleError) as err:
        parse_odpis(data)
    assert err.value.code == "krs_json"


def test_bad_identifier_in_extract_is_reported():
    data = load("krs_odpis_rejestr_s.json")
    data["odpis"]["dane"]["dzial1"]["danePodmiotu"]["identyfikatory"]["nip"] = "9990001018"
    with pytest.raises(RuleError) as err:
        parse_odpis(data)
    assert err.value.code == "nip_checksum"


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_fetch_builds_the_api_url_and_reads_json():
    seen = {}

    def opener(request, timeout):
        seen["url"], seen["timeout"] = request.full_url, timeout
        return FakeResponse((FIXTURES / "krs_odpis_rejestr_s.json").read_bytes())

    data = fetch_odpis("0009990001", "S", opener=opener)
    assert (
        seen["url"]
        == "https://api-krs.ms.gov.pl/api/krs/OdpisAktualny/0009990001?rejestr=S&format=json"
    )
    assert parse_odpis(data).krs == "0009990001"


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (urllib.error.HTTPError("u", 404, "Not Found", {}, None), "krs_not_found"),
        (urllib.error.HTTPError("u", 503, "Unavailable", {}, None), "krs_http"),
        (urllib.error.URLError("no route"), "krs_network"),
        (TimeoutError(), "krs_network"),
    ],
)
def test_fetch_failures_become_rule_errors(error, code):
    def opener(request, timeout):
        raise error

    with pytest.raises(RuleError) as err:
        fetch_odpis("0009990001", opener=opener)
    assert err.value.code == code


def test_fetch_refuses_a_bad_number_before_any_request():
    with pytest.raises(RuleError) as err:
        fetch_odpis("123", opener=lambda *a, **k: pytest.fail("no request expected"))
    assert err.value.code == "krs_length"
