"""The project status machine, without Django."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from ratusz.budget.workflow import (
    Action,
    Calendar,
    Status,
    Step,
    TransitionError,
    allowed_actions,
    apply,
    in_submission_phase,
)

TODAY = date(2026, 5, 10)
CAL = Calendar(
    submissions_start=date(2026, 4, 1),
    submissions_end=date(2026, 5, 15),
    lists_published=date(2026, 7, 1),
    appeals_end=date(2026, 7, 8),
)


def step(action, today=TODAY, **facts):
    return Step(action=action, today=today, **facts)


def test_happy_path_to_the_vote():
    status = Status.DRAFT
    status = apply(status, step(Action.SUBMIT), CAL).target
    assert status is Status.SUBMITTED
    status = apply(status, step(Action.ADMIT_FORMALLY), CAL).target
    assert status is Status.MERIT_CHECK
    status = apply(status, step(Action.ASSESS_FEASIBLE), CAL).target
    assert status is Status.FEASIBLE
    status = apply(status, step(Action.ADMIT_TO_VOTE, today=date(2026, 7, 9)), CAL).target
    assert status is Status.ADMITTED


def test_admitting_a_project_never_formally_checked_is_refused():
    with pytest.raises(TransitionError) as err:
        apply(Status.SUBMITTED, step(Action.ASSESS_FEASIBLE), CAL)
    assert "niedozwolony" in str(err.value)
    assert "Złożony" in str(err.value)
    with pytest.raises(TransitionError):
        apply(Status.SUBMITTED, step(Action.ADMIT_TO_VOTE, today=date(2026, 8, 1)), CAL)


@pytest.mark.parametrize("status", list(Status))
def test_actions_outside_their_source_set_are_refused(status):
    for action in set(Action) - set(allowed_actions(status)):
        with pytest.raises(TransitionError, match="niedozwolony"):
            apply(status, step(action, reason="powód", author_consent=True, merged_into=1), CAL)


def test_terminal_statuses_allow_nothing_but_appeal():
    for status in (Status.MERGED, Status.APPEAL_DISMISSED, Status.WITHDRAWN):
        assert allowed_actions(status) == []
    assert allowed_actions(Status.FORMAL_REJECTED) == [Action.APPEAL]


@pytest.mark.parametrize(
    "action",
    [
        Action.REJECT_FORMALLY,
        Action.ASSESS_NOT_FEASIBLE,
        Action.DISMISS_APPEAL,
    ],
)
def test_rejections_need_a_reason(action):
    source = {
        Action.REJECT_FORMALLY: Status.SUBMITTED,
        Action.ASSESS_NOT_FEASIBLE: Status.MERIT_CHECK,
        Action.DISMISS_APPEAL: Status.APPEALED,
    }[action]
    with pytest.raises(TransitionError, match="uzasadnienia"):
        apply(source, step(action, reason="   "), CAL)
    assert apply(source, step(action, reason="Teren nie należy do miasta."), CAL).action is action


def test_submission_only_in_the_submission_phase():
    with pytest.raises(TransitionError, match="Nabór"):
        apply(Status.DRAFT, step(Action.SUBMIT, today=date(2026, 5, 16)), CAL)
    with pytest.raises(TransitionError, match="Nabór"):
        apply(Status.DRAFT, step(Action.SUBMIT), Calendar())
    assert in_submission_phase(CAL, date(2026, 4, 1))
    assert in_submission_phase(CAL, date(2026, 5, 15))
    assert not in_submission_phase(CAL, date(2026, 3, 31))


def test_return_for_correction_needs_a_future_deadline_and_is_kept():
    with pytest.raises(TransitionError, match="terminu"):
        apply(Status.SUBMITTED, step(Action.RETURN_FOR_CORRECTION, reason="Brak mapy"), CAL)
    with pytest.raises(TransitionError, match="terminu"):
        apply(
            Status.SUBMITTED,
            step(Action.RETURN_FOR_CORRECTION, reason="Brak mapy", correction_deadline=TODAY),
            CAL,
        )
    deadline = TODAY + timedelta(days=7)
    out = apply(
        Status.SUBMITTED,
        step(Action.RETURN_FOR_CORRECTION, reason="Brak mapy", correction_deadline=deadline),
        CAL,
    )
    assert out.target is Status.RETURNED
    # The corrected project may come back after the submission phase, until the deadline.
    late = Calendar(submissions_start=date(2026, 4, 1), submissions_end=TODAY)
    again = apply(
        Status.RETURNED, step(Action.SUBMIT, today=deadline, correction_deadline=deadline), late
    )
    assert again.target is Status.SUBMITTED
    with pytest.raises(TransitionError, match="minął"):
        apply(
            Status.RETURNED,
            step(Action.SUBMIT, today=deadline + timedelta(days=1), correction_deadline=deadline),
            late,
        )
    # Before the deadline the official may not reject; after it, he may.
    with pytest.raises(TransitionError, match="ma czas"):
        apply(
            Status.RETURNED,
            step(Action.REJECT_FORMALLY, reason="Nie uzupełniono", correction_deadline=deadline),
            CAL,
        )
    out = apply(
        Status.RETURNED,
        step(
            Action.REJECT_FORMALLY,
            today=deadline + timedelta(days=1),
            reason="Nie uzupełniono w terminie",
            correction_deadline=deadline,
        ),
        CAL,
    )
    assert out.target is Status.FORMAL_REJECTED


def test_appeal_only_after_publication_and_within_deadline():
    with pytest.raises(TransitionError, match="po publikacji"):
        apply(Status.NOT_FEASIBLE, step(Action.APPEAL, today=date(2026, 6, 30)), CAL)
    with pytest.raises(TransitionError, match="minął"):
        apply(Status.NOT_FEASIBLE, step(Action.APPEAL, today=date(2026, 7, 9)), CAL)
    with pytest.raises(TransitionError, match="po publikacji"):
        apply(Status.NOT_FEASIBLE, step(Action.APPEAL, today=date(2026, 7, 2)), Calendar())
    out = apply(Status.NOT_FEASIBLE, step(Action.APPEAL, today=date(2026, 7, 8)), CAL)
    assert out.target is Status.APPEALED
    with pytest.raises(TransitionError):
        apply(Status.FEASIBLE, step(Action.APPEAL, today=date(2026, 7, 2)), CAL)


def test_upheld_appeal_goes_back_to_the_right_check():
    formal = apply(
        Status.APPEALED,
        step(
            Action.UPHOLD_APPEAL,
            reason="Braki były po stronie urzędu",
            appealed_from=Status.FORMAL_REJECTED,
        ),
        CAL,
    )
    assert formal.target is Status.MERIT_CHECK
    merit = apply(
        Status.APPEALED,
        step(
            Action.UPHOLD_APPEAL, reason="Działka jest miejska", appealed_from=Status.NOT_FEASIBLE
        ),
        CAL,
    )
    assert merit.target is Status.FEASIBLE
    with pytest.raises(TransitionError, match="od jakiej decyzji"):
        apply(Status.APPEALED, step(Action.UPHOLD_APPEAL, reason="x"), CAL)


def test_final_list_waits_for_the_appeals():
    with pytest.raises(TransitionError, match="nie zostały"):
        apply(Status.FEASIBLE, step(Action.ADMIT_TO_VOTE), Calendar())
    with pytest.raises(TransitionError, match="po terminie odwołań"):
        apply(Status.FEASIBLE, step(Action.ADMIT_TO_VOTE, today=date(2026, 7, 8)), CAL)


def test_merge_needs_a_target_and_the_authors_consent():
    with pytest.raises(TransitionError, match="Wskaż"):
        apply(Status.MERIT_CHECK, step(Action.MERGE, reason="Ten sam park", author_consent=True))
    with pytest.raises(TransitionError, match="zgody autora"):
        apply(Status.MERIT_CHECK, step(Action.MERGE, reason="Ten sam park", merged_into=3))
    out = apply(
        Status.FEASIBLE,
        step(Action.MERGE, reason="Ten sam park", merged_into=3, author_consent=True),
    )
    assert out.target is Status.MERGED


def test_cost_correction_keeps_the_status_and_needs_amount_and_reason():
    with pytest.raises(TransitionError, match="nowej kwoty"):
        apply(Status.MERIT_CHECK, step(Action.CORRECT_COST, reason="Ceny z 2026"))
    with pytest.raises(TransitionError, match="uzasadnienia"):
        apply(Status.MERIT_CHECK, step(Action.CORRECT_COST, new_cost=Decimal("9000")))
    out = apply(
        Status.FEASIBLE, step(Action.CORRECT_COST, reason="Ceny z 2026", new_cost=Decimal("9000"))
    )
    assert out.source is out.target is Status.FEASIBLE


def test_statuses_accept_their_stored_strings_and_have_polish_labels():
    assert apply("submitted", step(Action.ADMIT_FORMALLY)).target == "merit_check"
    assert Status.ADMITTED.label == "Dopuszczony do głosowania"
    with pytest.raises(ValueError):
        apply("nonsense", step(Action.SUBMIT))
