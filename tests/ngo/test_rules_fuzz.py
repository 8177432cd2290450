"""Any text either passes the identifier checks or fails with a RuleError (no other exception)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ratusz.ngo import rules

texts = st.one_of(st.text(max_size=30), st.text(alphabet="0123456789 -PLKRSNIP", max_size=20))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_identifier_cleaners_only_raise_rule_errors(value):
    for cleaner, lengths in (
        (rules.clean_krs, {10}),
        (rules.clean_nip, {10}),
        (rules.clean_regon, {9, 14}),
    ):
        try:
            cleaned = cleaner(value)
        except rules.RuleError as err:
            assert str(err)  # a readable Polish message
        else:
            assert cleaned.isdigit() and len(cleaned) in lengths


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.decimals(min_value=0, max_value=10**9, places=2), max_size=8),
    st.decimals(min_value=1, max_value=10**9, places=2),
)
def test_results_check_agrees_with_the_sum(amounts, available):
    total = sum(amounts, Decimal(0))
    try:
        assert rules.check_results_total(amounts, available) == total
        assert total <= available
    except rules.RuleError:
        assert total > available
