"""The vote form says exactly what happens to the PESEL: a keyed hash is kept."""

from ratusz.budget.voting.forms import VoteForm


def test_the_form_says_a_keyed_hash_is_stored_not_that_nothing_is():
    text = str(VoteForm.base_fields["pesel"].help_text)
    assert "nie zapisujemy go." not in text  # the old, inexact wording
    assert "Samego numeru nie zapisujemy" in text
    assert "skrót obliczony z tajnym kluczem" in text and "HMAC-SHA256" in text
