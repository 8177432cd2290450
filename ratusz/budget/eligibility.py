"""Eligibility rules of a submission (plain Python, no Django).

What an edition's resolution fixes: cost limits (the defaults, from the
reference city's resolution: from 2 500 PLN to 80 % of the district pool), the
minimum age of authors and supporters on the edition's date (15), guardian
consent below an age (16), the number of supports (15), one support per person
per project.

Functions return ``Problem`` lists instead of raising, so a form can show all
of them at once next to the right field. Messages are Polish msgids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Any

from ratusz.budget.workflow import gettext_noop
from ratusz.core.pesel import age_on

GROSZ = Decimal("0.01")


@dataclass(frozen=True)
class Rules:
    min_cost: Decimal = Decimal("2500.00")
    max_cost: Decimal | None = None  # absolute cap, if the resolution sets one
    max_cost_share: Decimal | None = Decimal("0.80")  # of the pool's amount
    min_age: int = 15  # authors and supporters
    consent_below_age: int = 16  # guardian consent needed below this age
    required_supports: int = 15


DEFAULTS = Rules()


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    params: dict[str, Any]

    def __str__(self) -> str:
        return self.message % self.params if self.params else self.message


@dataclass(frozen=True)
class CostItem:
    name: str
    amount: Decimal


@dataclass(frozen=True)
class Person:
    """An author or supporter as far as the rules care.

    ``identity`` is whatever stays stable for one person (a keyed hash of the
    PESEL in practice); the rules never need the PESEL itself.
    """

    identity: str
    birth_date: date
    guardian_consent: bool = False


def max_cost(rules: Rules, pool_amount: Decimal | None) -> Decimal | None:
    """The highest admissible cost: the lower of the absolute cap and the pool share."""
    caps = []
    if rules.max_cost is not None:
        caps.append(rules.max_cost)
    if rules.max_cost_share is not None and pool_amount is not None:
        caps.append((pool_amount * rules.max_cost_share).quantize(GROSZ, rounding=ROUND_DOWN))
    return min(caps) if caps else None


def total_cost(items: Iterable[CostItem]) -> Decimal:
    return sum((item.amount for item in items), Decimal("0.00"))


def check_cost(
    items: Sequence[CostItem], rules: Rules, pool_amount: Decimal | None
) -> list[Problem]:
    problems: list[Problem] = []
    if not items:
        return [Problem("cost_items", gettext_noop("Podaj co najmniej jedną pozycję kosztu."), {})]
    for number, item in enumerate(items, start=1):
        if not item.name.strip():
            problems.append(
                Problem(
                    "cost_items",
                    gettext_noop("Pozycja kosztu nr %(number)d nie ma nazwy."),
                    {"number": number},
                )
            )
        if item.amount <= 0 or item.amount != item.amount.quantize(GROSZ):
            problems.append(
                Problem(
                    "cost_items",
                    gettext_noop(
                        "Kwota pozycji nr %(number)d musi być dodatnia i podana z dokładnością do grosza."
                    ),
                    {"number": number},
                )
            )
    if problems:
        return problems
    total = total_cost(items)
    if total < rules.min_cost:
        problems.append(
            Problem(
                "cost_items",
                gettext_noop(
                    "Koszt projektu (%(total)s zł) jest niższy niż najniższy dopuszczalny (%(limit)s zł)."
                ),
                {"total": format_pln(total), "limit": format_pln(rules.min_cost)},
            )
        )
    cap = max_cost(rules, pool_amount)
    if cap is not None and total > cap:
        problems.append(
            Problem(
                "cost_items",
                gettext_noop(
                    "Koszt projektu (%(total)s zł) przekracza najwyższy dopuszczalny w tej puli (%(limit)s zł)."
                ),
                {"total": format_pln(total), "limit": format_pln(cap)},
            )
        )
    return problems


def check_author(
    author: Person, rules: Rules, on: date, field: str = "birth_date", supporter: bool = False
) -> list[Problem]:
    """Minimum age and guardian consent of an author (or, with ``supporter``, a supporter)."""
    age = age_on(author.birth_date, on)
    if age < rules.min_age:
        message = (
            gettext_noop("Osoba popierająca musi mieć ukończone %(age)d lat w dniu %(day)s.")
            if supporter
            else gettext_noop("Autor projektu musi mieć ukończone %(age)d lat w dniu %(day)s.")
        )
        return [Problem(field, message, {"age": rules.min_age, "day": on.strftime("%d.%m.%Y")})]
    if age < rules.consent_below_age and not author.guardian_consent:
        return [
            Problem(
                "guardian_consent",
                gettext_noop(
                    "Osoba poniżej %(age)d lat potrzebuje zgody opiekuna prawnego na przetwarzanie danych."
                ),
                {"age": rules.consent_below_age},
            )
        ]
    return []


@dataclass(frozen=True)
class SupportReport:
    valid: int
    duplicates: int
    too_young: int
    missing_consent: int
    problems: tuple[Problem, ...]


def check_supports(
    supporters: Iterable[Person],
    rules: Rules,
    on: date,
    already_counted: Iterable[str] = (),
    field: str = "supports",
) -> SupportReport:
    """Count valid supports; one per person per project (by ``identity``).

    ``already_counted`` holds identities stored earlier for the same project,
    so a support sent twice counts once.
    """
    seen = set(already_counted)
    valid = duplicates = too_young = missing_consent = 0
    for person in supporters:
        if person.identity in seen:
            duplicates += 1
            continue
        seen.add(person.identity)
        age = age_on(person.birth_date, on)
        if age < rules.min_age:
            too_young += 1
        elif age < rules.consent_below_age and not person.guardian_consent:
            missing_consent += 1
        else:
            valid += 1
    problems = []
    if valid + len(set(already_counted)) < rules.required_supports:
        problems.append(
            Problem(
                field,
                gettext_noop(
                    "Projekt ma %(valid)d ważnych podpisów poparcia, a wymaganych jest %(required)d."
                ),
                {"valid": valid + len(set(already_counted)), "required": rules.required_supports},
            )
        )
    return SupportReport(valid, duplicates, too_young, missing_consent, tuple(problems))


def format_pln(amount: Decimal) -> str:
    """Polish money format: space as thousands separator, comma for grosze."""
    whole, _, cents = f"{amount.quantize(GROSZ):f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{' '.join(groups) or '0'},{cents}"


OK, FAIL, CHECK = "ok", "fail", "check"


@dataclass(frozen=True)
class Criterion:
    """One line of the clerk's formal checklist: a msgid, its params and a verdict
    (``ok``/``fail`` where the data decide, ``check`` where a person must look)."""

    message: str
    params: dict[str, Any]
    state: str


@dataclass(frozen=True)
class Submission:
    """What the formal check looks at, as plain facts."""

    items: Sequence[CostItem]
    pool_amount: Decimal | None
    supports_online: int
    supports_paper: int
    has_support_scan: bool
    texts_complete: bool  # title, description, justification
    author_age_confirmed: bool
    guardian_consent: bool
    location_given: bool
    location_in_district: bool | None  # None = not a district pool or no point


def formal_checklist(sub: Submission, rules: Rules) -> list[Criterion]:
    """The formal criteria of the edition's resolution, each with its verdict."""
    total = total_cost(sub.items)
    cap = max_cost(rules, sub.pool_amount)
    supports = sub.supports_online + sub.supports_paper
    rows = [
        Criterion(
            gettext_noop("Tytuł, opis i uzasadnienie wypełnione"),
            {},
            OK if sub.texts_complete else FAIL,
        ),
        Criterion(
            gettext_noop("Kosztorys: co najmniej jedna pozycja, razem %(total)s zł"),
            {"total": format_pln(total)},
            OK if sub.items else FAIL,
        ),
        Criterion(
            gettext_noop("Koszt nie niższy niż %(limit)s zł"),
            {"limit": format_pln(rules.min_cost)},
            OK if sub.items and total >= rules.min_cost else FAIL,
        ),
    ]
    if cap is not None:
        rows.append(
            Criterion(
                gettext_noop("Koszt nie wyższy niż %(limit)s zł (limit tej puli)"),
                {"limit": format_pln(cap)},
                OK if total <= cap else FAIL,
            )
        )
    rows.append(
        Criterion(
            gettext_noop(
                "Poparcie: %(have)d z %(required)d wymaganych (%(online)d w internecie, "
                "%(paper)d na liście papierowej)"
            ),
            {
                "have": supports,
                "required": rules.required_supports,
                "online": sub.supports_online,
                "paper": sub.supports_paper,
            },
            OK if supports >= rules.required_supports else FAIL,
        )
    )
    if sub.supports_paper:
        rows.append(
            Criterion(
                gettext_noop("Skan listy poparcia dołączony — policz podpisy na skanie"),
                {},
                CHECK if sub.has_support_scan else FAIL,
            )
        )
    rows.append(
        Criterion(
            gettext_noop("Autor ma co najmniej %(age)d lat (sprawdzone przy zgłoszeniu)"),
            {"age": rules.min_age},
            OK if sub.author_age_confirmed else CHECK,
        )
    )
    rows.append(
        Criterion(
            gettext_noop("Zgoda opiekuna, jeśli autor ma mniej niż %(age)d lat"),
            {"age": rules.consent_below_age},
            OK if sub.guardian_consent else CHECK,
        )
    )
    if sub.location_in_district is not None:
        rows.append(
            Criterion(
                gettext_noop("Miejsce realizacji leży w dzielnicy wybranej puli"),
                {},
                OK if sub.location_in_district else FAIL,
            )
        )
    elif not sub.location_given:
        rows.append(Criterion(gettext_noop("Miejsce realizacji wskazane"), {}, CHECK))
    return rows
