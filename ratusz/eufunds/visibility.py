"""Visibility duties of a co-financed project: which signs, in which order, and which
board or poster. Plain Python (no Django).

Sources (see design/domain/eufunds.md §4): art. 50 of Regulation (EU) 2021/1060 and the
"zestawienie znaków" of the managing authorities for 2021–2027; the 2014–2020 rules name the
fund under the EU flag; KPO (RRF) uses "NextGenerationEU".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .values import PERIOD_2014, PERIOD_2021

# Sign kinds; the city uploads one image (with alt text) per kind and programme.
FE = "fe"  # Fundusze Europejskie sign with the programme name
RP = "rp"  # colours of the Republic of Poland, "Rzeczpospolita Polska"
EU = "eu"  # EU flag with the statement of support
REGION = "region"  # regional brand or coat of arms (regional programmes only)
KPO = "kpo"  # Krajowy Plan Odbudowy logo

FUND_NAMES = {
    "EFRR": "Europejski Fundusz Rozwoju Regionalnego",
    "EFS": "Europejski Fundusz Społeczny",
    "EFS+": "Europejski Fundusz Społeczny Plus",
    "FS": "Fundusz Spójności",
    "FST": "Fundusz na rzecz Sprawiedliwej Transformacji",
}

# Programme name on the FE sign, by code or by words of the programme's full name.
PROGRAMME_SIGNS = (
    (r"\bfesl\b|dla śląskiego", "Fundusze Europejskie dla Śląskiego"),
    (
        r"\bfeniks\b|infrastruktur\w*, klimat",
        "Fundusze Europejskie na Infrastrukturę, Klimat, Środowisko",
    ),
    (r"\bfers\b|rozwoju społecznego", "Fundusze Europejskie dla Rozwoju Społecznego"),
    (r"\bfeng\b|nowoczesnej gospodarki", "Fundusze Europejskie dla Nowoczesnej Gospodarki"),
    (r"\bferc\b|rozwój cyfrowy", "Fundusze Europejskie na Rozwój Cyfrowy"),
    (r"\bfepw\b|polski wschodniej", "Fundusze Europejskie dla Polski Wschodniej"),
    (r"\brpo\b|regionalny program operacyjny", "Fundusze Europejskie Program Regionalny"),
    (r"\bpoiiś\b|infrastruktura i środowisko", "Fundusze Europejskie Infrastruktura i Środowisko"),
    (r"\bpower\b|wiedza edukacja rozwój", "Fundusze Europejskie Wiedza Edukacja Rozwój"),
    (r"\bpoir\b|inteligentny rozwój", "Fundusze Europejskie Inteligentny Rozwój"),
    (r"\bpopc\b|polska cyfrowa", "Fundusze Europejskie Polska Cyfrowa"),
)

REGIONAL = re.compile(
    r"\bfe[a-z]{2,4}\b.*20(21|27)|dla (śląskiego|małopolski|mazowsza|pomorza|łódzkiego|"
    r"dolnego śląska|lubuskiego|opolskiego|podkarpacia|lubelskiego|podlaskiego|"
    r"kujaw i pomorza|wielkopolski|warmii i mazur|świętokrzyskiego|zachodniopomorskiego)|"
    r"\brpo\b|regionalny program|\bfesl\b",
    re.IGNORECASE,
)
NATIONAL_CODES = re.compile(r"\b(feniks|fers|feng|ferc|fepw|fepz|poiiś|power|poir|popc|popw)\b")


@dataclass(frozen=True)
class Sign:
    kind: str
    text: str  # the words of the sign; also the fallback when no image is uploaded


def is_regional(programme: str) -> bool:
    key = programme.casefold()
    if NATIONAL_CODES.search(key):
        return False
    return bool(REGIONAL.search(key))


def programme_sign_text(programme: str) -> str:
    key = programme.casefold()
    for pattern, text in PROGRAMME_SIGNS:
        if re.search(pattern, key):
            return text
    return "Fundusze Europejskie"


def logo_strip(period: str, programme: str, funds: tuple[str, ...] = ()) -> list[Sign]:
    """The signs of the strip, in order; at most four in one line."""
    if "KPO" in funds or "krajowy plan odbudowy" in programme.casefold():
        return [
            Sign(KPO, "Krajowy Plan Odbudowy"),
            Sign(RP, "Rzeczpospolita Polska"),
            Sign(EU, "Sfinansowane przez Unię Europejską NextGenerationEU"),
        ]
    regional = is_regional(programme)
    fe = Sign(FE, programme_sign_text(programme))
    rp = Sign(RP, "Rzeczpospolita Polska")
    region = Sign(REGION, "Herb lub marka województwa")
    if period == PERIOD_2014:
        fund = next((FUND_NAMES[f] for f in funds if f in FUND_NAMES), "")
        eu = Sign(EU, "Unia Europejska" + (f" {fund}" if fund else ""))
        return [fe, rp, region, eu] if regional else [fe, rp, eu]
    # 2021–2027: the fund is no longer named.
    eu = Sign(EU, "Dofinansowane przez Unię Europejską")
    return [fe, rp, eu, region] if regional else [fe, rp, eu]


BOARD_FUNDS_500K = {"EFRR", "FS"}
BOARD_FUNDS_100K = {"EFS+", "FST", "EFMRA", "FAMI", "FBW", "IZGW"}
EVENT_THRESHOLD_EUR = Decimal("10000000")


@dataclass(frozen=True)
class PhysicalDuty:
    kind: str  # "board" (tablica lub billboard) or "poster" (plakat min. A3)
    threshold_eur: Decimal | None
    event: bool  # a communication event (operations over EUR 10 m; unverified)


def total_in_eur(amount: Decimal, currency: str, eur_rate: Decimal | None) -> Decimal | None:
    """PLN -> EUR with the configured rate (PLN per 1 EUR); None when no rate is known."""
    if currency == "EUR":
        return amount
    if not eur_rate or eur_rate <= 0:
        return None
    return amount / eur_rate


def physical_duty(
    period: str, funds: tuple[str, ...], total_eur: Decimal | None
) -> PhysicalDuty | None:
    """Board or poster under art. 50(1)(c)/(d) CPR (2021–2027) or the 2014–2020 rule
    (billboard/plaque over EUR 500 000 of support for works). None when it cannot be told."""
    if total_eur is None or period not in (PERIOD_2021, PERIOD_2014) or "KPO" in funds:
        return None
    if period == PERIOD_2014:
        threshold = Decimal("500000")
    elif BOARD_FUNDS_500K & set(funds):
        threshold = Decimal("500000")
    elif BOARD_FUNDS_100K & set(funds):
        threshold = Decimal("100000")
    else:
        return None
    kind = "board" if total_eur > threshold else "poster"
    return PhysicalDuty(kind, threshold, period == PERIOD_2021 and total_eur > EVENT_THRESHOLD_EUR)
