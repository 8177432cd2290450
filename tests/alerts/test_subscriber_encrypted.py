"""Subscribers' addresses are encrypted; the keyed hash keeps one row per address."""

import importlib

import pytest
from django.db import connection

from ratusz.alerts.models import Subscription

pytestmark = pytest.mark.django_db


def raw_email(sub):
    with connection.cursor() as cursor:
        cursor.execute("SELECT email, email_hash FROM alerts_subscription WHERE id = %s", [sub.pk])
        return cursor.fetchone()


def test_address_is_encrypted_and_found_by_its_hash():
    sub = Subscription.objects.create(email="anna@example.pl")
    email, digest = raw_email(sub)
    assert "anna" not in email and "anna" not in digest
    assert Subscription.objects.get(email_hash=Subscription.hash_of(" Anna@Example.PL ")) == sub
    assert Subscription.objects.get(pk=sub.pk).email == "anna@example.pl"


def test_subscribing_twice_keeps_one_row(client, settings):
    settings.RATUSZ_RATELIMIT_ENABLED = False
    for address in ("ola@example.pl", "OLA@example.pl"):
        client.post(
            "/komunikaty/subskrypcja/",
            {"email": address, "kinds": ["weather"], "min_severity": "Moderate", "consent": "on"},
        )
    assert Subscription.objects.count() == 1


def test_the_migration_encrypts_existing_addresses():
    sub = Subscription.objects.create(email="x@example.pl")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE alerts_subscription SET email = %s, email_hash = %s WHERE id = %s",
            ["stary@example.pl", "old", sub.pk],
        )
    migration = importlib.import_module("ratusz.alerts.migrations.0002_encrypt_subscriber_email")

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    from django.apps import apps

    migration.encrypt_existing(apps, editor)
    email, digest = raw_email(sub)
    assert "stary" not in email and digest == Subscription.hash_of("stary@example.pl")
    assert Subscription.objects.get(pk=sub.pk).email == "stary@example.pl"
