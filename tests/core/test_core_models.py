from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from ratusz.core.models import AccessibilityStatement, EServiceLink
from ratusz.core.privacy import EncryptedTextField, decrypt, encrypt, keyed_hash

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_demo_links():
    EServiceLink.objects.all().delete()


def make_link(label, start, end=None):
    return EServiceLink.objects.create(
        label=label, url="https://example.org/", valid_from=start, valid_until=end
    )


def test_sekap_shown_until_switch_off_then_history():
    make_link("SEKAP", date(2008, 4, 25), date(2021, 12, 22))
    make_link("ePUAP", date(2008, 1, 1))
    day_before = EServiceLink.objects.valid_on(date(2021, 12, 22))
    switch_off = EServiceLink.objects.valid_on(date(2021, 12, 23))
    assert {link.label for link in day_before} == {"SEKAP", "ePUAP"}
    assert {link.label for link in switch_off} == {"ePUAP"}
    assert [link.label for link in EServiceLink.objects.ended(on=date(2021, 12, 23))] == ["SEKAP"]


@time_machine.travel("2026-11-26 12:00 +0100")
def test_current_uses_todays_date():
    make_link("e-Doręczenia", date(2025, 1, 1))
    make_link("przyszły", date(2027, 1, 1))
    assert [link.label for link in EServiceLink.objects.current()] == ["e-Doręczenia"]


def test_end_before_start_is_refused():
    link = EServiceLink(
        label="x",
        url="https://example.org/",
        valid_from=date(2020, 1, 2),
        valid_until=date(2020, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        link.full_clean()
    assert "valid_until" in error.value.message_dict


def test_keyed_hash_is_stable_and_purpose_bound():
    assert keyed_hash("90090515836", "vote:2026") == keyed_hash("90090515836", "vote:2026")
    assert keyed_hash("90090515836", "vote:2026") != keyed_hash("90090515836", "support:2026")
    assert "90090515836" not in keyed_hash("90090515836", "vote:2026")


def test_encryption_round_trip_and_field():
    token = encrypt("Jan Kowalski")
    assert "Kowalski" not in token
    assert decrypt(token) == "Jan Kowalski"
    field = EncryptedTextField()
    stored = field.get_prep_value("Anna Nowak")
    assert "Nowak" not in stored
    assert field.from_db_value(stored, None, None) == "Anna Nowak"


@pytest.mark.parametrize(
    "reviewed, today, due",
    [
        (date(2026, 3, 20), date(2026, 11, 26), False),
        (date(2025, 3, 20), date(2026, 3, 31), False),  # still within the grace period
        (date(2025, 3, 20), date(2026, 4, 1), True),
        (date(2024, 12, 1), date(2026, 2, 1), True),
    ],
)
def test_review_due_after_31_march(reviewed, today, due):
    statement = AccessibilityStatement(reviewed_on=reviewed)
    assert statement.review_due(today) is due
