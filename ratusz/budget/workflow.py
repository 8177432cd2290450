"""Status machine of a participatory-budget project (plain Python, no Django).

Path of a project: draft → submitted → formal check (rejected / returned for
correction / sent to merit check) → merit check (feasible / not feasible /
merged, cost corrected on the way) → lists published → appeal within the
edition's deadline → upheld / dismissed → admitted to the vote.

The machine only decides whether a step is legal and what it leads to; the
Django layer stores the result and logs who, when and why. Messages are Polish
msgids marked with ``gettext_noop`` and translated by the caller.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date


def gettext_noop(message: str) -> str:
    """Marks a msgid for makemessages; the caller translates it."""
    return message


class Status(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    FORMAL_REJECTED = "formal_rejected"
    MERIT_CHECK = "merit_check"
    FEASIBLE = "feasible"
    NOT_FEASIBLE = "not_feasible"
    MERGED = "merged"
    APPEALED = "appealed"
    APPEAL_DISMISSED = "appeal_dismissed"
    ADMITTED = "admitted"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.DRAFT: gettext_noop("Szkic"),
    Status.SUBMITTED: gettext_noop("Złożony, czeka na ocenę formalną"),
    Status.RETURNED: gettext_noop("Zwrócony autorowi do uzupełnienia"),
    Status.FORMAL_REJECTED: gettext_noop("Odrzucony w ocenie formalnej"),
    Status.MERIT_CHECK: gettext_noop("W ocenie merytorycznej"),
    Status.FEASIBLE: gettext_noop("Oceniony pozytywnie"),
    Status.NOT_FEASIBLE: gettext_noop("Oceniony negatywnie"),
    Status.MERGED: gettext_noop("Połączony z innym projektem"),
    Status.APPEALED: gettext_noop("Odwołanie w rozpatrzeniu"),
    Status.APPEAL_DISMISSED: gettext_noop("Odrzucony, odwołanie oddalone"),
    Status.ADMITTED: gettext_noop("Dopuszczony do głosowania"),
    Status.WITHDRAWN: gettext_noop("Wycofany przez autora"),
}

# Statuses shown on the public lists: on the list of admitted projects, and on
# the list of rejected ones (always with the reason).
POSITIVE = frozenset({Status.FEASIBLE, Status.ADMITTED})
NEGATIVE = frozenset(
    {Status.FORMAL_REJECTED, Status.NOT_FEASIBLE, Status.APPEAL_DISMISSED, Status.APPEALED}
)
# Never public: the author's work in progress.
PRIVATE = frozenset({Status.DRAFT})


class Action(enum.StrEnum):
    SUBMIT = "submit"
    RETURN_FOR_CORRECTION = "return_for_correction"
    REJECT_FORMALLY = "reject_formally"
    ADMIT_FORMALLY = "admit_formally"
    ASSESS_FEASIBLE = "assess_feasible"
    ASSESS_NOT_FEASIBLE = "assess_not_feasible"
    CORRECT_COST = "correct_cost"
    MERGE = "merge"
    APPEAL = "appeal"
    UPHOLD_APPEAL = "uphold_appeal"
    DISMISS_APPEAL = "dismiss_appeal"
    ADMIT_TO_VOTE = "admit_to_vote"
    WITHDRAW = "withdraw"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.SUBMIT: gettext_noop("złożenie projektu"),
    Action.RETURN_FOR_CORRECTION: gettext_noop("zwrot do uzupełnienia"),
    Action.REJECT_FORMALLY: gettext_noop("odrzucenie w ocenie formalnej"),
    Action.ADMIT_FORMALLY: gettext_noop("przyjęcie w ocenie formalnej"),
    Action.ASSESS_FEASIBLE: gettext_noop("pozytywna ocena merytoryczna"),
    Action.ASSESS_NOT_FEASIBLE: gettext_noop("negatywna ocena merytoryczna"),
    Action.CORRECT_COST: gettext_noop("korekta kosztu"),
    Action.MERGE: gettext_noop("połączenie z innym projektem"),
    Action.APPEAL: gettext_noop("odwołanie autora"),
    Action.UPHOLD_APPEAL: gettext_noop("uwzględnienie odwołania"),
    Action.DISMISS_APPEAL: gettext_noop("oddalenie odwołania"),
    Action.ADMIT_TO_VOTE: gettext_noop("dopuszczenie do głosowania"),
    Action.WITHDRAW: gettext_noop("wycofanie projektu"),
}

# The merit decision: recorded by the project's department or a coordinator.
MERIT_ACTIONS = frozenset({Action.ASSESS_FEASIBLE, Action.ASSESS_NOT_FEASIBLE, Action.CORRECT_COST})

# Who may take a step: the author (public pages) or an official (admin).
AUTHOR_ACTIONS = frozenset({Action.SUBMIT, Action.APPEAL, Action.WITHDRAW})

_S = Status
# action → statuses it may start from.
SOURCES: dict[Action, frozenset[Status]] = {
    Action.SUBMIT: frozenset({_S.DRAFT, _S.RETURNED}),
    Action.RETURN_FOR_CORRECTION: frozenset({_S.SUBMITTED}),
    Action.REJECT_FORMALLY: frozenset({_S.SUBMITTED, _S.RETURNED}),
    Action.ADMIT_FORMALLY: frozenset({_S.SUBMITTED}),
    Action.ASSESS_FEASIBLE: frozenset({_S.MERIT_CHECK}),
    Action.ASSESS_NOT_FEASIBLE: frozenset({_S.MERIT_CHECK}),
    Action.CORRECT_COST: frozenset({_S.MERIT_CHECK, _S.FEASIBLE}),
    Action.MERGE: frozenset({_S.MERIT_CHECK, _S.FEASIBLE}),
    Action.APPEAL: frozenset({_S.FORMAL_REJECTED, _S.NOT_FEASIBLE}),
    Action.UPHOLD_APPEAL: frozenset({_S.APPEALED}),
    Action.DISMISS_APPEAL: frozenset({_S.APPEALED}),
    Action.ADMIT_TO_VOTE: frozenset({_S.FEASIBLE}),
    Action.WITHDRAW: frozenset(
        {_S.DRAFT, _S.SUBMITTED, _S.RETURNED, _S.MERIT_CHECK, _S.FEASIBLE, _S.APPEALED, _S.ADMITTED}
    ),
}

_FIXED_TARGETS: dict[Action, Status] = {
    Action.SUBMIT: _S.SUBMITTED,
    Action.RETURN_FOR_CORRECTION: _S.RETURNED,
    Action.REJECT_FORMALLY: _S.FORMAL_REJECTED,
    Action.ADMIT_FORMALLY: _S.MERIT_CHECK,
    Action.ASSESS_FEASIBLE: _S.FEASIBLE,
    Action.ASSESS_NOT_FEASIBLE: _S.NOT_FEASIBLE,
    Action.MERGE: _S.MERGED,
    Action.APPEAL: _S.APPEALED,
    Action.DISMISS_APPEAL: _S.APPEAL_DISMISSED,
    Action.ADMIT_TO_VOTE: _S.ADMITTED,
    Action.WITHDRAW: _S.WITHDRAWN,
}

# Steps whose "why" is part of the public record; an empty reason is refused.
NEEDS_REASON = frozenset(
    {
        Action.RETURN_FOR_CORRECTION,
        Action.REJECT_FORMALLY,
        Action.ASSESS_NOT_FEASIBLE,
        Action.CORRECT_COST,
        Action.MERGE,
        Action.UPHOLD_APPEAL,
        Action.DISMISS_APPEAL,
    }
)


class TransitionError(ValueError):
    """An illegal step. ``message`` is a Polish msgid, ``params`` fill it in."""

    def __init__(self, message: str, **params: object) -> None:
        self.message = message
        self.params = params
        super().__init__(message % params if params else message)


@dataclass(frozen=True)
class Calendar:
    """The edition's dates that guard some steps (None = not set yet)."""

    submissions_start: date | None = None
    submissions_end: date | None = None
    lists_published: date | None = None
    appeals_end: date | None = None


@dataclass(frozen=True)
class Step:
    """The facts of one requested step."""

    action: Action
    today: date
    reason: str = ""
    correction_deadline: date | None = None  # RETURN_FOR_CORRECTION
    new_cost: object | None = None  # CORRECT_COST (Decimal in practice)
    merged_into: object | None = None  # MERGE: the id of the surviving project
    author_consent: bool = False  # MERGE
    appealed_from: Status | None = None  # UPHOLD_APPEAL: status before the appeal
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    source: Status
    target: Status
    action: Action


def allowed_actions(status: Status) -> list[Action]:
    """Actions whose source set contains ``status`` (dates not checked)."""
    return [a for a, sources in SOURCES.items() if Status(status) in sources]


def apply(status: Status | str, step: Step, calendar: Calendar = Calendar()) -> Outcome:
    """Return the outcome of ``step`` from ``status`` or raise TransitionError."""
    status = Status(status)
    action = Action(step.action)
    if status not in SOURCES[action]:
        raise TransitionError(
            gettext_noop(
                "Krok „%(action)s” jest niedozwolony dla projektu o statusie „%(status)s”."
            ),
            action=action.label,
            status=status.label,
        )
    if action in NEEDS_REASON and not step.reason.strip():
        raise TransitionError(
            gettext_noop("Krok „%(action)s” wymaga uzasadnienia."), action=action.label
        )
    _check_guards(status, action, step, calendar)
    return Outcome(status, _target(status, action, step), action)


def _target(status: Status, action: Action, step: Step) -> Status:
    if action is Action.CORRECT_COST:
        return status
    if action is Action.UPHOLD_APPEAL:
        # A formal rejection overturned still needs the merit check; a merit
        # rejection overturned makes the project feasible.
        if step.appealed_from is Status.FORMAL_REJECTED:
            return Status.MERIT_CHECK
        return Status.FEASIBLE
    return _FIXED_TARGETS[action]


def _check_guards(status: Status, action: Action, step: Step, cal: Calendar) -> None:
    today = step.today
    if action is Action.SUBMIT and status is Status.DRAFT:
        if not in_submission_phase(cal, today):
            raise TransitionError(gettext_noop("Nabór projektów w tej edycji nie trwa."))
    if action is Action.SUBMIT and status is Status.RETURNED:
        deadline = step.correction_deadline
        if deadline is not None and today > deadline:
            raise TransitionError(
                gettext_noop("Termin na uzupełnienie projektu minął %(deadline)s."),
                deadline=deadline.strftime("%d.%m.%Y"),
            )
    if action is Action.RETURN_FOR_CORRECTION:
        if step.correction_deadline is None or step.correction_deadline <= today:
            raise TransitionError(
                gettext_noop("Zwrot do uzupełnienia wymaga terminu późniejszego niż dziś.")
            )
    if action is Action.REJECT_FORMALLY and status is Status.RETURNED:
        deadline = step.correction_deadline
        if deadline is not None and today <= deadline:
            raise TransitionError(
                gettext_noop("Autor ma czas na uzupełnienie projektu do %(deadline)s."),
                deadline=deadline.strftime("%d.%m.%Y"),
            )
    if action is Action.CORRECT_COST and step.new_cost is None:
        raise TransitionError(gettext_noop("Korekta kosztu wymaga nowej kwoty."))
    if action is Action.MERGE:
        if step.merged_into is None:
            raise TransitionError(gettext_noop("Wskaż projekt, z którym ten zostaje połączony."))
        if not step.author_consent:
            raise TransitionError(gettext_noop("Połączenie projektów wymaga zgody autora."))
    if action is Action.APPEAL:
        _check_appeal_window(cal, today)
    if action is Action.UPHOLD_APPEAL and step.appealed_from not in (
        Status.FORMAL_REJECTED,
        Status.NOT_FEASIBLE,
    ):
        raise TransitionError(gettext_noop("Nie wiadomo, od jakiej decyzji wniesiono odwołanie."))
    if action is Action.ADMIT_TO_VOTE:
        if cal.lists_published is None:
            raise TransitionError(gettext_noop("Listy projektów nie zostały jeszcze opublikowane."))
        if cal.appeals_end is not None and today <= cal.appeals_end:
            raise TransitionError(
                gettext_noop(
                    "Lista ostateczna może powstać dopiero po terminie odwołań (%(end)s)."
                ),
                end=cal.appeals_end.strftime("%d.%m.%Y"),
            )


def _check_appeal_window(cal: Calendar, today: date) -> None:
    if cal.lists_published is None or today < cal.lists_published:
        raise TransitionError(
            gettext_noop("Odwołanie można złożyć dopiero po publikacji list projektów.")
        )
    if cal.appeals_end is None or today > cal.appeals_end:
        raise TransitionError(gettext_noop("Termin na złożenie odwołania minął."))


def in_submission_phase(cal: Calendar, today: date) -> bool:
    """True when ``today`` lies within the submission dates (both inclusive)."""
    if cal.submissions_start is None or cal.submissions_end is None:
        return False
    return cal.submissions_start <= today <= cal.submissions_end
