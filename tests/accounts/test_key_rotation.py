"""Encrypted personal data survives a key rotation: old keys still decrypt,
the re-encrypt command moves every row to the newest key."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection

from ratusz.budget.models import Project
from tests.budget.helpers import make_edition

pytestmark = pytest.mark.django_db


def raw(project):
    with connection.cursor() as cursor:
        cursor.execute("SELECT author_name FROM budget_project WHERE id = %s", [project.pk])
        return cursor.fetchone()[0]


def test_rotation_keeps_old_rows_readable_and_reencrypt_moves_them(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.RATUSZ_ENCRYPTION_KEYS = [old]
    edition = make_edition()
    project = Project.objects.create(
        edition=edition,
        pool=edition.pools.first(),
        title="Ławki",
        cost=1000,
        author_name="Anna Nowak",
        author_email="anna@example.org",
    )
    assert Fernet(old.encode()).decrypt(raw(project).encode()) == b"Anna Nowak"

    settings.RATUSZ_ENCRYPTION_KEYS = [new, old]  # newest first
    assert Project.objects.get(pk=project.pk).author_name == "Anna Nowak"
    call_command("ratusz_reencrypt")
    assert Fernet(new.encode()).decrypt(raw(project).encode()) == b"Anna Nowak"

    settings.RATUSZ_ENCRYPTION_KEYS = [new]  # the old key can go now
    fresh = Project.objects.get(pk=project.pk)
    assert (fresh.author_name, fresh.author_email) == ("Anna Nowak", "anna@example.org")


def test_a_missing_old_key_is_reported(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.RATUSZ_ENCRYPTION_KEYS = [old]
    edition = make_edition()
    Project.objects.create(
        edition=edition, pool=edition.pools.first(), title="X", cost=1, author_name="Jan"
    )
    settings.RATUSZ_ENCRYPTION_KEYS = [new]
    with pytest.raises(CommandError, match="dopisz brakujący stary klucz"):
        call_command("ratusz_reencrypt")
