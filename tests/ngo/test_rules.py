"""Rules of the public benefit act (no Django)."""

from datetime import date
from decimal import Decimal

import pytest

from ratusz.ngo import rules
from ratusz.ngo.rules import RuleError, SmallGrantOffer

D = Decimal


# ---------------------------------------------------------------- identifiers


@pytest.mark.parametrize("value", ["0000123456", " 0000 123 456 ", "KRS 0000123456"])
def test_krs_accepts_ten_digits(value):
    assert rules.clean_krs(value) == "0000123456"


@pytest.mark.parametrize(
    ("value", "length"), [("123456", 6), ("00001234567", 11), ("000012345", 9)]
)
def test_krs_refuses_wrong_length(value, length):
    with pytest.raises(RuleError) as err:
        rules.clean_krs(value)
    assert err.value.code == "krs_length"
    assert f"podano {length}" in str(err.value)
    assert "10 cyfr" in str(err.value)


@pytest.mark.parametrize("value", ["00001234a6", "٠٠٠٠١٢٣٤٥٦"])  # letters, Arabic-Indic digits
def test_krs_refuses_non_digits(value):
    with pytest.raises(RuleError) as err:
        rules.clean_krs(value)
    assert err.value.code == "krs_format"


@pytest.mark.parametrize("value", ["8567346215", "PL 8567346215", "856-734-62-15"])
def test_nip_known_good(value):
    assert rules.clean_nip(value) == "8567346215"
    assert rules.format_nip("8567346215") == "856-734-62-15"


@pytest.mark.parametrize(
    ("value", "code"),
    [("8567346216", "nip_checksum"), ("856734621", "nip_length"), ("85673462x5", "nip_format")],
)
def test_nip_refused(value, code):
    with pytest.raises(RuleError) as err:
        rules.clean_nip(value)
    assert err.value.code == code
    assert str(err.value).startswith("NIP")


def test_nip_every_single_digit_change_fails():
    good = "8567346215"
    for i in range(10):
        for d in "0123456789":
            if d != good[i]:
                bad = good[:i] + d + good[i + 1 :]
                with pytest.raises(RuleError):
                    rules.clean_nip(bad)


@pytest.mark.parametrize("value", ["123456785", "12345678512347"])
def test_regon_9_and_14(value):
    assert rules.clean_regon(value) == value


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("123456786", "regon_checksum"),
        ("12345678512348", "regon_checksum"),
        ("12345678612347", "regon_checksum"),  # the 9-digit stem of a REGON-14 is checked too
        ("1234567851", "regon_length"),
        ("12345678x", "regon_format"),
    ],
)
def test_regon_refused(value, code):
    with pytest.raises(RuleError) as err:
        rules.clean_regon(value)
    assert err.value.code == code


def test_association_without_krs_is_fine_when_ordinary():
    assert rules.check_registration("stowarzyszenie-zwykle", "", False) == []
    assert rules.check_registration("klub-sportowy", "", False) == []


def test_registered_forms_need_krs():
    [err] = rules.check_registration("fundacja", "", False)
    assert err.code == "krs_required" and err.field == "krs"
    assert "fundacja" in str(err)


def test_opp_needs_krs():
    codes = [e.code for e in rules.check_registration("stowarzyszenie-zwykle", "", True)]
    assert codes == ["opp_without_krs"]


def test_unknown_legal_form():
    [err] = rules.check_registration("spółka z o.o.", "0000123456", False)
    assert err.field == "legal_form"


# ---------------------------------------------------------------------- money


def test_format_pln():
    assert rules.format_pln(D("1234567.5")) == "1\u00a0234\u00a0567,50\u00a0zł"
    assert rules.format_pln(D("999")) == "999,00\u00a0zł"
    assert rules.format_pln(D("-0.01")) == "−0,01\u00a0zł"


# ---------------------------------------------------------- open competitions


def test_earliest_deadline_is_21_days_after_publication():
    assert rules.earliest_offer_deadline(date(2026, 1, 12)) == date(2026, 2, 2)


def test_deadline_of_exactly_21_days_is_allowed():
    rules.check_offer_deadline(date(2026, 1, 12), date(2026, 2, 2))


def test_deadline_of_20_days_is_refused_with_the_earliest_date():
    with pytest.raises(RuleError) as err:
        rules.check_offer_deadline(date(2026, 1, 12), date(2026, 2, 1))
    assert err.value.code == "deadline_too_short"
    assert err.value.field == "offer_deadline"
    assert "02.02.2026" in str(err.value) and "21 dni" in str(err.value)


def test_results_within_amount():
    assert rules.check_results_total([D("30000"), D("20000.00")], D("50000")) == D("50000.00")
    assert rules.check_results_total([], D("1")) == 0


def test_results_over_amount_refused():
    with pytest.raises(RuleError) as err:
        rules.check_results_total([D("30000"), D("20000.01")], D("50000"))
    assert err.value.code == "results_over_amount"
    message = str(err.value)
    assert "50\u00a0000,01\u00a0zł" in message and "o 0,01\u00a0zł" in message


def test_normal_lifecycle():
    rules.check_transition("announced", "closed", deadline_passed=True)
    rules.check_transition("closed", "resolved", deadline_passed=True, results_count=3)


def test_cannot_close_intake_before_deadline():
    with pytest.raises(RuleError) as err:
        rules.check_transition("announced", "closed", deadline_passed=False)
    assert err.value.code == "close_early"


def test_cannot_resolve_without_results_or_skip_closing():
    with pytest.raises(RuleError) as err:
        rules.check_transition("closed", "resolved", deadline_passed=True, results_count=0)
    assert err.value.code == "resolve_empty"
    with pytest.raises(RuleError) as err:
        rules.check_transition("announced", "resolved", deadline_passed=True, results_count=1)
    assert err.value.code == "transition"


def test_resolved_and_cancelled_are_final():
    for final in ("resolved", "cancelled"):
        for other in ("announced", "closed"):
            with pytest.raises(RuleError):
                rules.check_transition(final, other, deadline_passed=True)


def test_cancellation_needs_a_reason_and_statutory_ones_wait_for_the_deadline():
    with pytest.raises(RuleError) as err:
        rules.check_transition("closed", "cancelled", deadline_passed=True)
    assert err.value.code == "cancel_reason"
    with pytest.raises(RuleError) as err:
        rules.check_transition("announced", "cancelled", deadline_passed=False, reason="no-offers")
    assert err.value.code == "cancel_early"
    rules.check_transition("announced", "cancelled", deadline_passed=False, reason="reserved")
    rules.check_transition("closed", "cancelled", deadline_passed=True, reason="no-valid-offers")


def test_public_phase():
    assert rules.public_phase("announced", False) == rules.Phase.INTAKE
    assert rules.public_phase("announced", True) == rules.Phase.EVALUATION
    assert rules.public_phase("closed", True) == rules.Phase.EVALUATION
    assert rules.public_phase("resolved", True) == rules.Phase.RESOLVED
    assert rules.public_phase("cancelled", False) == rules.Phase.CANCELLED


# ------------------------------------------------------------- small grants


def offer(amount="10000", start=date(2026, 5, 1), end=date(2026, 7, 29), **kw):
    return SmallGrantOffer(amount=D(amount), start=start, end=end, **kw)


def test_small_grant_at_the_limits_passes():
    assert rules.task_days(date(2026, 5, 1), date(2026, 7, 29)) == 90
    assert rules.check_small_grant(offer()) == []


def test_small_grant_one_grosz_over():
    [err] = rules.check_small_grant(offer(amount="10000.01"))
    assert err.code == "too_much" and err.field == "amount"
    assert "10\u00a0000,00\u00a0zł" in str(err)


def test_small_grant_91_days():
    [err] = rules.check_small_grant(offer(end=date(2026, 7, 30)))
    assert err.code == "too_long" and "trwa 91" in str(err)


def test_small_grant_end_before_start():
    [err] = rules.check_small_grant(offer(end=date(2026, 4, 30)))
    assert err.code == "dates"


def test_third_grant_over_yearly_limit():
    assert (
        rules.check_small_grant(offer(amount="5000", earlier_grants_this_year=[D("10000")])) == []
    )
    [err] = rules.check_small_grant(
        offer(amount="5000.01", earlier_grants_this_year=[D("10000"), D("5000")])
    )
    assert err.code == "yearly_limit"
    assert "20\u00a0000,01\u00a0zł" in str(err)


def test_twenty_percent_of_planned_ngo_grants():
    ok = offer(amount="4000", planned_ngo_grants=D("100000"), small_grants_this_year=[D("16000")])
    assert rules.check_small_grant(ok) == []
    over = offer(
        amount="4000.01", planned_ngo_grants=D("100000"), small_grants_this_year=[D("16000")]
    )
    assert [e.code for e in rules.check_small_grant(over)] == ["budget_share"]


def test_publication_due_counts_working_days():
    # Thu 30.04.2026: 4, 5, 6, 7, 8, 11, 12 May (1 and 3 May are holidays, 2 May a Saturday).
    assert rules.publication_due(date(2026, 4, 30)) == date(2026, 5, 12)


def test_comment_period_and_decision():
    assert rules.comments_until(date(2026, 5, 12)) == date(2026, 5, 19)
    rules.check_small_grant_dates(date(2026, 5, 4), date(2026, 5, 12), date(2026, 5, 20))
    with pytest.raises(RuleError) as err:
        rules.check_small_grant_dates(date(2026, 5, 4), date(2026, 5, 12), date(2026, 5, 19))
    assert err.value.code == "decided_early" and "20.05.2026" in str(err.value)


def test_small_grant_dates_order():
    with pytest.raises(RuleError) as err:
        rules.check_small_grant_dates(date(2026, 5, 4), date(2026, 5, 3), None)
    assert err.value.code == "published_before_received"
    with pytest.raises(RuleError) as err:
        rules.check_small_grant_dates(date(2026, 5, 4), None, date(2026, 6, 1))
    assert err.value.code == "decided_unpublished"


# ------------------------------------------------------ cooperation programme


def test_programme_and_report_deadlines():
    assert rules.programme_due(2026) == date(2025, 11, 30)
    assert rules.report_due(2025) == date(2026, 5, 31)


def test_reminder_when_next_years_programme_missing_after_30_november():
    assert rules.missing_documents(date(2026, 11, 30), {2026}, {2025}) == []
    [reminder] = rules.missing_documents(date(2026, 12, 1), {2026}, {2025})
    assert reminder.code == "programme_missing" and reminder.params["year"] == 2027


def test_reminder_when_report_missing_after_31_may():
    assert rules.missing_documents(date(2026, 5, 31), {2025, 2026}, set()) == []
    [reminder] = rules.missing_documents(date(2026, 6, 1), {2025, 2026}, set())
    assert reminder.code == "report_missing" and reminder.params["year"] == 2025
    # No programme recorded for 2025: no report can be asked for.
    assert rules.missing_documents(date(2026, 6, 1), {2026}, set()) == []


def test_rule_error_keeps_msgid_and_params_apart():
    err = RuleError("Kwota %(x)s", "c", {"x": "5"}, field="f")
    assert err.message == "Kwota %(x)s" and str(err) == "Kwota 5" and err.field == "f"
