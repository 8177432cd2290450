"""Contact-form submissions are personal data: stored encrypted, readable for staff."""

import importlib

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from ratusz.pages.models import ContactFormSubmission, ContactPage

from .test_pages import VALID_CONTACT

pytestmark = pytest.mark.django_db

MESSAGE = VALID_CONTACT["wiadomosc"]


def raw(submission):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT form_data FROM pages_contactformsubmission WHERE id = %s", [submission.pk]
        )
        return cursor.fetchone()[0]


@pytest.fixture
def submitted(client, demo_site, settings):
    settings.RATUSZ_RATELIMIT_ENABLED = False
    assert client.post("/kontakt/", VALID_CONTACT).status_code == 200
    return ContactFormSubmission.objects.get()


def test_a_submission_is_stored_encrypted(submitted):
    stored = raw(submitted)
    assert stored.startswith("gAAAA")  # a Fernet token
    for value in ("godziny pracy", "Anna", "@example"):
        assert value not in stored
    assert submitted.form_data["wiadomosc"] == MESSAGE


def test_staff_read_the_list_and_the_csv_export(client, submitted, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x" * 12)
    client.force_login(admin)
    page = ContactPage.objects.get()
    listing = client.get(f"/admin/forms/submissions/{page.pk}/")
    assert listing.status_code == 200
    assert MESSAGE in listing.content.decode()
    export = client.get(f"/admin/forms/submissions/{page.pk}/?export=csv")
    assert export.status_code == 200
    assert MESSAGE in b"".join(export.streaming_content).decode()


def test_key_rotation_and_reencrypt_cover_submissions(submitted, settings):
    old = settings.RATUSZ_ENCRYPTION_KEY
    new = Fernet.generate_key().decode()
    settings.RATUSZ_ENCRYPTION_KEYS = [new, old]
    assert ContactFormSubmission.objects.get().form_data["wiadomosc"] == MESSAGE
    call_command("ratusz_reencrypt", stdout=open("/dev/null", "w"))
    assert MESSAGE in Fernet(new.encode()).decrypt(raw(submitted).encode()).decode()
    settings.RATUSZ_ENCRYPTION_KEYS = [new]
    assert ContactFormSubmission.objects.get().form_data["wiadomosc"] == MESSAGE


def test_the_migration_moves_plain_submissions_into_the_encrypted_table(demo_site):
    from wagtail.contrib.forms.models import FormSubmission

    page = ContactPage.objects.get()
    plain = FormSubmission.objects.create(page=page, form_data={"wiadomosc": "stara treść"})
    FormSubmission.objects.filter(pk=plain.pk).update(submit_time="2025-03-01T10:00:00Z")
    other_page = page.get_parent()  # not a contact page: left alone
    kept = FormSubmission.objects.create(page=other_page, form_data={"x": "y"})

    migration = importlib.import_module(
        "ratusz.pages.migrations.0003_encrypted_contact_submissions"
    )
    migration.move_and_encrypt(apps, None)

    moved = ContactFormSubmission.objects.get()
    assert moved.form_data == {"wiadomosc": "stara treść"}
    assert moved.submit_time.isoformat().startswith("2025-03-01T10:00:00")
    assert "stara" not in raw(moved)
    assert list(FormSubmission.objects.all()) == [kept]
