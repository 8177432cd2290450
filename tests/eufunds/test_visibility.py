"""Logo strip and board/poster rules (no Django)."""

from decimal import Decimal

import pytest

from ratusz.eufunds.visibility import (
    EU,
    FE,
    KPO,
    REGION,
    RP,
    is_regional,
    logo_strip,
    physical_duty,
    total_in_eur,
)

FESL = "Fundusze Europejskie dla Śląskiego 2021-2027"
RPO = "Regionalny Program Operacyjny Województwa Śląskiego na lata 2014-2020"


@pytest.mark.parametrize(
    ("period", "programme", "funds", "kinds", "eu_text"),
    [
        ("2021-2027", FESL, ("EFRR",), [FE, RP, EU, REGION], "Dofinansowane przez Unię Europejską"),
        ("2021-2027", "FEnIKS", ("FS",), [FE, RP, EU], "Dofinansowane przez Unię Europejską"),
        (
            "2014-2020",
            RPO,
            ("EFRR",),
            [FE, RP, REGION, EU],
            "Unia Europejska Europejski Fundusz Rozwoju Regionalnego",
        ),
        (
            "2014-2020",
            "POWER",
            ("EFS",),
            [FE, RP, EU],
            "Unia Europejska Europejski Fundusz Społeczny",
        ),
        (
            "2021-2027",
            "Krajowy Plan Odbudowy i Zwiększania Odporności",
            ("KPO",),
            [KPO, RP, EU],
            "Sfinansowane przez Unię Europejską NextGenerationEU",
        ),
    ],
)
def test_logo_strip(period, programme, funds, kinds, eu_text):
    strip = logo_strip(period, programme, funds)
    assert [s.kind for s in strip] == kinds
    assert len(strip) <= 4
    assert next(s.text for s in strip if s.kind == EU) == eu_text


def test_programme_name_on_the_fe_sign():
    assert logo_strip("2021-2027", FESL, ("EFRR",))[0].text == "Fundusze Europejskie dla Śląskiego"
    assert (
        logo_strip("2014-2020", RPO, ("EFRR",))[0].text == "Fundusze Europejskie Program Regionalny"
    )


def test_regional_detection():
    assert is_regional(FESL) and is_regional(RPO) and is_regional("FESL")
    assert not is_regional("FEnIKS 2021-2027") and not is_regional("Interreg Czechy-Polska")


@pytest.mark.parametrize(
    ("period", "funds", "eur", "kind"),
    [
        ("2021-2027", ("EFRR",), "500001", "board"),
        ("2021-2027", ("EFRR",), "500000", "poster"),
        ("2021-2027", ("EFS+",), "100001", "board"),
        ("2021-2027", ("EFS+",), "100000", "poster"),
        ("2021-2027", ("FS",), "400000", "poster"),
        ("2014-2020", ("EFRR",), "600000", "board"),
    ],
)
def test_board_or_poster(period, funds, eur, kind):
    assert physical_duty(period, funds, Decimal(eur)).kind == kind


def test_event_and_unknowns():
    assert physical_duty("2021-2027", ("EFRR",), Decimal("10000001")).event
    assert not physical_duty("2021-2027", ("EFRR",), Decimal("9000000")).event
    assert physical_duty("2021-2027", ("KPO",), Decimal("1")) is None
    assert physical_duty("2021-2027", ("EFRR",), None) is None


def test_pln_to_eur():
    assert total_in_eur(Decimal("2150000"), "PLN", Decimal("4.30")) == Decimal("500000")
    assert total_in_eur(Decimal("7"), "EUR", None) == Decimal("7")
    assert total_in_eur(Decimal("7"), "PLN", None) is None
