"""Representatives, change proposers and small-grant commenters are stored
encrypted, like the budget's authors; rows from before are encrypted in place."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from ratusz.core.privacy import encrypt_plain_columns
from ratusz.ngo.models import ChangeProposal, Organisation, SmallGrant, SmallGrantComment

pytestmark = pytest.mark.django_db

EMAIL = "jan.kowalski@example.org"
NAME = "Jan Kowalski"


def raw_row(model, pk):
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return " ".join(str(v) for v in cursor.fetchone())


def test_personal_columns_hold_no_plain_text(make_org):
    org = make_org(representative_name=NAME, representative_email=EMAIL)
    proposal = ChangeProposal.objects.create(
        organisation=org, changes={}, proposer_name=NAME, proposer_email=EMAIL
    )
    grant = SmallGrant.objects.create(
        organisation=org,
        title="Grant",
        area_id="16",
        amount=Decimal("100"),
        task_start=date(2026, 5, 1),
        task_end=date(2026, 5, 2),
        received_on=date(2026, 4, 30),
    )
    comment = SmallGrantComment.objects.create(
        small_grant=grant, author_name=NAME, author_email=EMAIL, text="Uwaga"
    )
    for model, pk in [
        (Organisation, org.pk),
        (ChangeProposal, proposal.pk),
        (SmallGrantComment, comment.pk),
    ]:
        stored = raw_row(model, pk)
        assert EMAIL not in stored and "Kowalski" not in stored, model
    assert Organisation.objects.get(pk=org.pk).representative_email == EMAIL
    assert ChangeProposal.objects.get(pk=proposal.pk).proposer_name == NAME
    assert SmallGrantComment.objects.get(pk=comment.pk).author_email == EMAIL


def test_rows_from_before_are_encrypted_in_place(make_org):
    org = make_org(representative_name="", representative_email="")
    table = connection.ops.quote_name(Organisation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET representative_name = %s, representative_email = %s "  # noqa: S608
            "WHERE id = %s",
            [NAME, EMAIL, org.pk],
        )
    fields = ["representative_name", "representative_email"]
    encrypt_plain_columns(Organisation, fields, connection)
    encrypt_plain_columns(Organisation, fields, connection)  # twice: idempotent
    assert EMAIL not in raw_row(Organisation, org.pk)
    again = Organisation.objects.get(pk=org.pk)
    assert (again.representative_name, again.representative_email) == (NAME, EMAIL)


def test_forms_still_check_the_address():
    field = Organisation._meta.get_field("representative_email").formfield()
    assert field.__class__.__name__ == "EmailField" and field.max_length == 254
