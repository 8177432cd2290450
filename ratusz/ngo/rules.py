"""Rules of the public benefit act for the NGO app (plain Python, no Django).

Ustawa z 24 kwietnia 2003 r. o działalności pożytku publicznego i o
wolontariacie, t.j. Dz.U. 2024 poz. 1491. Every check raises or returns a
RuleError whose Polish message is a gettext msgid with %(name)s parameters,
so the Django layer can translate it and keep the parameters apart.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

from .workdays import add_working_days


def gettext_noop(message: str) -> str:
    """Marks a msgid for makemessages; translation happens in the Django layer."""
    return message


class RuleError(ValueError):
    """A broken rule: `message % params` is the Polish text, `field` the form field."""

    def __init__(
        self, message: str, code: str, params: dict[str, Any] | None = None, field: str = ""
    ):
        self.message = message
        self.code = code
        self.params = params or {}
        self.field = field
        super().__init__(message % self.params if self.params else message)


# ---------------------------------------------------------------- identifiers

KRS_LENGTH = 10


def _digits_only(value: str, allowed: str = " -") -> str:
    text = str(value).strip().upper()
    for prefix in ("KRS", "NIP", "REGON", "PL"):
        if text.startswith(prefix):
            text = text[len(prefix) :].lstrip(" :")
    return "".join(ch for ch in text if ch not in allowed)


def clean_krs(value: str) -> str:
    """A KRS number: exactly 10 digits, leading zeros included; no check digit."""
    krs = _digits_only(value)
    if not krs.isdigit() or not krs.isascii():
        raise RuleError(gettext_noop("Numer KRS może zawierać tylko cyfry."), "krs_format")
    if len(krs) != KRS_LENGTH:
        raise RuleError(
            gettext_noop(
                "Numer KRS ma dokładnie 10 cyfr, razem z zerami na początku "
                "(np. 0000123456); podano %(length)d."
            ),
            "krs_length",
            {"length": len(krs)},
        )
    return krs


def clean_nip(value: str) -> str:
    """A NIP as 10 digits, checked with python-stdnum."""
    try:
        return stdnum_nip.validate(_digits_only(value))
    except InvalidLength:
        raise RuleError(gettext_noop("NIP ma 10 cyfr."), "nip_length") from None
    except InvalidChecksum:
        raise RuleError(
            gettext_noop("NIP ma błędną cyfrę kontrolną — sprawdź, czy nie ma literówki."),
            "nip_checksum",
        ) from None
    except (InvalidFormat, ValidationError):
        raise RuleError(gettext_noop("NIP może zawierać tylko cyfry."), "nip_format") from None


def format_nip(value: str) -> str:
    return stdnum_nip.format(value)


def clean_regon(value: str) -> str:
    """A REGON of 9 or 14 digits, checked with python-stdnum."""
    try:
        return stdnum_regon.validate(_digits_only(value))
    except InvalidLength:
        raise RuleError(gettext_noop("REGON ma 9 albo 14 cyfr."), "regon_length") from None
    except InvalidChecksum:
        raise RuleError(
            gettext_noop("REGON ma błędną cyfrę kontrolną — sprawdź, czy nie ma literówki."),
            "regon_checksum",
        ) from None
    except (InvalidFormat, ValidationError):
        raise RuleError(gettext_noop("REGON może zawierać tylko cyfry."), "regon_format") from None


class LegalForm(NamedTuple):
    code: str
    label: str
    in_krs: bool  # entered in KRS by law, so a KRS number is required


LEGAL_FORMS: tuple[LegalForm, ...] = (
    LegalForm("stowarzyszenie", gettext_noop("stowarzyszenie"), True),
    LegalForm("stowarzyszenie-zwykle", gettext_noop("stowarzyszenie zwykłe"), False),
    LegalForm("zwiazek-stowarzyszen", gettext_noop("związek stowarzyszeń"), True),
    LegalForm("fundacja", gettext_noop("fundacja"), True),
    # Clubs without business activity are kept by the starosta, not in KRS.
    LegalForm("klub-sportowy", gettext_noop("klub sportowy, w tym uczniowski"), False),
    LegalForm("kgw", gettext_noop("koło gospodyń wiejskich"), False),
    LegalForm("koscielna", gettext_noop("kościelna osoba prawna lub jednostka"), False),
    LegalForm("spoldzielnia-socjalna", gettext_noop("spółdzielnia socjalna"), True),
    LegalForm("spolka-non-profit", gettext_noop("spółka niedziałająca dla zysku"), True),
    LegalForm("inna", gettext_noop("inna forma"), False),
)
LEGAL_FORMS_BY_CODE = {form.code: form for form in LEGAL_FORMS}


def check_registration(legal_form: str, krs: str, opp: bool) -> list[RuleError]:
    """Consistency of legal form, KRS number and public-benefit status."""
    errors = []
    form = LEGAL_FORMS_BY_CODE.get(legal_form)
    if form is None:
        errors.append(
            RuleError(gettext_noop("Wybierz formę prawną z listy."), "form", field="legal_form")
        )
    elif form.in_krs and not krs:
        errors.append(
            RuleError(
                gettext_noop("Forma prawna „%(form)s” jest wpisywana do KRS — podaj numer KRS."),
                "krs_required",
                {"form": form.label},
                field="krs",
            )
        )
    if opp and not krs:
        errors.append(
            RuleError(
                gettext_noop(
                    "Status organizacji pożytku publicznego jest wpisany w KRS — podaj numer KRS."
                ),
                "opp_without_krs",
                field="krs",
            )
        )
    return errors


# ---------------------------------------------------------------------- money

CENT = Decimal("0.01")


def format_pln(amount: Decimal) -> str:
    """Polish notation: 12 500,00 zł (non-breaking spaces)."""
    q = Decimal(amount).quantize(CENT)
    whole, cents = f"{abs(q):.2f}".split(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    sign = "−" if q < 0 else ""
    return f"{sign}{chr(0xA0).join(groups)},{cents}\u00a0zł"


# ---------------------------------------------------------- open competitions

# Art. 13 ust. 1: the deadline for offers may not be shorter than 21 days
# from the last publication of the announcement.
MIN_OFFER_DAYS = 21


def earliest_offer_deadline(last_publication: date) -> date:
    """The first allowed deadline day: the publication day is not counted (art. 111 k.c.)."""
    return last_publication + timedelta(days=MIN_OFFER_DAYS)


def check_offer_deadline(last_publication: date, deadline: date) -> None:
    earliest = earliest_offer_deadline(last_publication)
    if deadline < earliest:
        raise RuleError(
            gettext_noop(
                "Termin składania ofert nie może być krótszy niż %(days)d dni od ogłoszenia "
                "(art. 13 ust. 1 ustawy). Przy ogłoszeniu z %(published)s najwcześniejszy "
                "termin to %(earliest)s."
            ),
            "deadline_too_short",
            {
                "days": MIN_OFFER_DAYS,
                "published": last_publication.strftime("%d.%m.%Y"),
                "earliest": earliest.strftime("%d.%m.%Y"),
            },
            field="offer_deadline",
        )


class State(enum.StrEnum):
    ANNOUNCED = "announced"
    CLOSED = "closed"
    RESOLVED = "resolved"
    CANCELLED = "cancelled"


TRANSITIONS: dict[State, frozenset[State]] = {
    State.ANNOUNCED: frozenset({State.CLOSED, State.CANCELLED}),
    State.CLOSED: frozenset({State.RESOLVED, State.CANCELLED}),
    State.RESOLVED: frozenset(),
    State.CANCELLED: frozenset(),
}


class CancelReason(enum.StrEnum):
    NO_OFFERS = "no-offers"  # art. 18a ust. 1 pkt 1
    NO_VALID_OFFERS = "no-valid-offers"  # art. 18a ust. 1 pkt 2
    RESERVED = "reserved"  # a reservation made in the announcement itself


def check_transition(
    current: str,
    new: str,
    *,
    deadline_passed: bool,
    reason: str = "",
    results_count: int = 0,
) -> None:
    """Whether a competition may move from `current` to `new` now."""
    current, new = State(current), State(new)
    if new == current:
        return
    if new not in TRANSITIONS[current]:
        raise RuleError(
            gettext_noop("Nie można zmienić stanu konkursu z „%(current)s” na „%(new)s”."),
            "transition",
            {"current": current.value, "new": new.value},
            field="state",
        )
    if new == State.CLOSED and not deadline_passed:
        raise RuleError(
            gettext_noop("Nabór można zamknąć dopiero po upływie terminu składania ofert."),
            "close_early",
            field="state",
        )
    if new == State.RESOLVED and results_count == 0:
        raise RuleError(
            gettext_noop(
                "Rozstrzygnięcie wymaga co najmniej jednej przyznanej dotacji; jeśli żadna "
                "oferta nie spełnia wymogów, konkurs się unieważnia (art. 18a)."
            ),
            "resolve_empty",
            field="state",
        )
    if new == State.CANCELLED:
        if reason not in set(CancelReason):
            raise RuleError(
                gettext_noop("Podaj podstawę unieważnienia konkursu."),
                "cancel_reason",
                field="cancel_reason",
            )
        statutory = reason in (CancelReason.NO_OFFERS, CancelReason.NO_VALID_OFFERS)
        if statutory and not deadline_passed:
            raise RuleError(
                gettext_noop(
                    "Z tej przyczyny (art. 18a) konkurs można unieważnić dopiero po "
                    "upływie terminu składania ofert."
                ),
                "cancel_early",
                field="cancel_reason",
            )


class Phase(enum.StrEnum):
    """What the public sees, derived from the stored state and the clock."""

    INTAKE = "intake"  # trwa nabór
    EVALUATION = "evaluation"  # trwa ocena
    RESOLVED = "resolved"  # rozstrzygnięty
    CANCELLED = "cancelled"  # unieważniony


def public_phase(state: str, deadline_passed: bool) -> Phase:
    state = State(state)
    if state == State.RESOLVED:
        return Phase.RESOLVED
    if state == State.CANCELLED:
        return Phase.CANCELLED
    if state == State.CLOSED or deadline_passed:
        return Phase.EVALUATION
    return Phase.INTAKE


def check_results_total(amounts: Iterable[Decimal], available: Decimal) -> Decimal:
    """Grants awarded may not exceed the public funds announced; returns the total."""
    total = sum((Decimal(a) for a in amounts), Decimal("0"))
    if total > available:
        raise RuleError(
            gettext_noop(
                "Suma przyznanych dotacji (%(total)s) przekracza kwotę środków w konkursie "
                "(%(available)s) o %(excess)s."
            ),
            "results_over_amount",
            {
                "total": format_pln(total),
                "available": format_pln(available),
                "excess": format_pln(total - available),
            },
            field="amount",
        )
    return total


# ------------------------------------------------------ small grants, art. 19a

SMALL_GRANT_MAX_AMOUNT = Decimal("10000.00")
SMALL_GRANT_MAX_DAYS = 90
SMALL_GRANT_YEARLY_LIMIT = Decimal("20000.00")  # per organisation, same executive
SMALL_GRANT_BUDGET_SHARE = Decimal("0.20")  # of grants planned for NGOs in the year
PUBLISH_WITHIN_WORKING_DAYS = 7
COMMENT_DAYS = 7


def task_days(start: date, end: date) -> int:
    """Length of a task counting both its first and its last day."""
    return (end - start).days + 1


@dataclass(frozen=True)
class SmallGrantOffer:
    amount: Decimal
    start: date
    end: date
    earlier_grants_this_year: Sequence[Decimal] = ()  # same organisation, same executive
    planned_ngo_grants: Decimal | None = None  # budget line for NGO grants this year
    small_grants_this_year: Sequence[Decimal] = ()  # all art. 19a grants already given


def check_small_grant(offer: SmallGrantOffer) -> list[RuleError]:
    """Every art. 19a limit the offer breaks (an empty list when it may proceed)."""
    errors = []
    if offer.end < offer.start:
        errors.append(
            RuleError(
                gettext_noop("Koniec zadania nie może być przed jego początkiem."),
                "dates",
                field="end",
            )
        )
    elif task_days(offer.start, offer.end) > SMALL_GRANT_MAX_DAYS:
        errors.append(
            RuleError(
                gettext_noop(
                    "Zadanie w trybie art. 19a może trwać najwyżej %(max)d dni; to trwa %(days)d."
                ),
                "too_long",
                {"max": SMALL_GRANT_MAX_DAYS, "days": task_days(offer.start, offer.end)},
                field="end",
            )
        )
    if offer.amount > SMALL_GRANT_MAX_AMOUNT:
        errors.append(
            RuleError(
                gettext_noop("Mały grant może wynieść najwyżej %(max)s."),
                "too_much",
                {"max": format_pln(SMALL_GRANT_MAX_AMOUNT)},
                field="amount",
            )
        )
    yearly = sum(offer.earlier_grants_this_year, Decimal("0")) + offer.amount
    if yearly > SMALL_GRANT_YEARLY_LIMIT:
        errors.append(
            RuleError(
                gettext_noop(
                    "Organizacja dostałaby w tym roku %(total)s w trybie art. 19a; limit to %(max)s."
                ),
                "yearly_limit",
                {"total": format_pln(yearly), "max": format_pln(SMALL_GRANT_YEARLY_LIMIT)},
                field="amount",
            )
        )
    if offer.planned_ngo_grants is not None:
        cap = (offer.planned_ngo_grants * SMALL_GRANT_BUDGET_SHARE).quantize(CENT)
        total = sum(offer.small_grants_this_year, Decimal("0")) + offer.amount
        if total > cap:
            errors.append(
                RuleError(
                    gettext_noop(
                        "Małe granty w tym roku wyniosłyby %(total)s, a mogą sięgnąć 20%% "
                        "dotacji planowanych dla organizacji (%(max)s)."
                    ),
                    "budget_share",
                    {"total": format_pln(total), "max": format_pln(cap)},
                    field="amount",
                )
            )
    return errors


def publication_due(received: date) -> date:
    """Last day to publish a received offer: 7 working days after receipt."""
    return add_working_days(received, PUBLISH_WITHIN_WORKING_DAYS)


def comments_until(published: date) -> date:
    """Last day of the 7-day comment period (the publication day is not counted)."""
    return published + timedelta(days=COMMENT_DAYS)


def check_small_grant_dates(received: date, published: date | None, decided: date | None) -> None:
    """Publication after receipt; no decision before the comment period has ended."""
    if published is not None and published < received:
        raise RuleError(
            gettext_noop("Oferty nie można opublikować przed jej wpłynięciem."),
            "published_before_received",
            field="published_on",
        )
    if decided is None:
        return
    if published is None:
        raise RuleError(
            gettext_noop("Decyzję można podjąć dopiero po publikacji oferty do uwag."),
            "decided_unpublished",
            field="decided_on",
        )
    last = comments_until(published)
    if decided <= last:
        raise RuleError(
            gettext_noop(
                "Uwagi do oferty można zgłaszać do %(last)s; decyzja może zapaść od %(first)s."
            ),
            "decided_early",
            {
                "last": last.strftime("%d.%m.%Y"),
                "first": (last + timedelta(days=1)).strftime("%d.%m.%Y"),
            },
            field="decided_on",
        )


# ------------------------------------------------ cooperation programme, art. 5a


def programme_due(year: int) -> date:
    """The council adopts the programme for `year` by 30 November of the year before."""
    return date(year - 1, 11, 30)


def report_due(year: int) -> date:
    """The report on the programme for `year` is published in BIP by 31 May next year."""
    return date(year + 1, 5, 31)


class Reminder(NamedTuple):
    code: str
    message: str
    params: dict[str, Any]


def missing_documents(
    today: date, programme_years: set[int], report_years: set[int]
) -> list[Reminder]:
    """Overdue programme or report, judged on the latest statutory deadline passed."""
    reminders = []
    year = today.year + 1 if today > programme_due(today.year + 1) else today.year
    if year not in programme_years:
        reminders.append(
            Reminder(
                "programme_missing",
                gettext_noop("Brak programu współpracy na rok %(year)d (termin: %(due)s)."),
                {"year": year, "due": programme_due(year).strftime("%d.%m.%Y")},
            )
        )
    year = today.year - 1 if today > report_due(today.year - 1) else today.year - 2
    # Only years the city ran a programme for can have a report due.
    if year in programme_years and year not in report_years:
        reminders.append(
            Reminder(
                "report_missing",
                gettext_noop(
                    "Brak sprawozdania z realizacji programu za rok %(year)d (termin: %(due)s)."
                ),
                {"year": year, "due": report_due(year).strftime("%d.%m.%Y")},
            )
        )
    return reminders
