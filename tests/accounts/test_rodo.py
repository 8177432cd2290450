"""RODO export and erasure across apps; a PESEL never reaches the logs."""

import json
import logging
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from ratusz.accounts.identity import identify
from tests.budget.voting.factory import make_voting_edition, person_data, project

pytestmark = pytest.mark.django_db

EMAIL = "Anna.Nowak@example.org"


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def vote(client, edition, **person):
    pools = {pool.slug: pool.pk for pool in edition.pools.all()}
    choice = {f"pool_{pools['koszyk']}": [str(project(edition, "KO1").pk)]}
    return client.post(
        reverse("budget_voting:vote", args=[edition.slug]), {**person_data(**person), **choice}
    )


@pytest.fixture
def resident_data(client, demo_site):
    """One resident's traces in the budget, alerts, a contact form and the NGO register."""
    from wagtail.models import Page

    from ratusz.alerts.models import Subscription
    from ratusz.budget.models import Project
    from ratusz.pages.models import ContactFormSubmission as FormSubmission

    edition = make_voting_edition()
    assert vote(client, edition, name="Anna Nowak").status_code == 302
    pesel = person_data()["pesel"]
    authored = project(edition, "PI1")
    authored.author_email = EMAIL
    authored.author_phone = "600 100 200"
    authored.save()
    Subscription.objects.create(email=EMAIL.lower(), kinds=["weather"])
    FormSubmission.objects.create(
        page=Page.objects.filter(depth=2).first(),
        form_data={"imie": "Anna", "email": EMAIL, "tresc": "Dziura w jezdni na Grunwaldzkiej."},
    )
    other = FormSubmission.objects.create(
        page=Page.objects.filter(depth=2).first(), form_data={"email": "ktos@example.org"}
    )
    organisation = None
    try:
        from ratusz.ngo.models import Organisation

        organisation = Organisation.objects.create(
            name="Stowarzyszenie Przyjaciół Słupnej",
            legal_form=Organisation._meta.get_field("legal_form").choices[0][0],
            nip="2220000000",
            representative_name="Anna Nowak",
            representative_email=EMAIL,
        )
    except ImportError:  # the NGO app is optional for this test
        pass
    return {
        "pesel": pesel,
        "project": authored,
        "other_submission": other,
        "organisation": organisation,
        "Project": Project,
    }


def test_identify_email_or_pesel():
    assert identify(" Anna.Nowak@Example.org ").email == "anna.nowak@example.org"
    with pytest.raises(ValueError):
        identify("12345678901")
    with pytest.raises(ValueError):
        identify("anna@")
    assert "***" in repr(identify(person_data()["pesel"]))


def test_export_by_email_and_by_pesel(resident_data):
    by_email = json.loads(run("rodo_export", EMAIL))
    assert by_email["budżet obywatelski — autor projektu"][0]["telefon"] == "600 100 200"
    assert by_email["komunikaty — subskrypcja e-mail"][0]["e-mail"] == EMAIL.lower()
    submissions = by_email["formularze kontaktowe — zgłoszenia"]
    assert len(submissions) == 1 and "Grunwaldzkiej" in submissions[0]["dane"]["tresc"]
    if resident_data["organisation"]:
        assert by_email["organizacje pozarządowe — osoba zgłaszająca organizację"]

    pesel = resident_data["pesel"]
    text = run("rodo_export", pesel)
    by_pesel = json.loads(text)
    assert (
        by_pesel["budżet obywatelski — rejestr głosujących"][0]["imię i nazwisko"] == "Anna Nowak"
    )
    assert pesel not in text  # the export never repeats the number


def test_erase_needs_yes_then_removes_or_anonymises(resident_data):
    from ratusz.alerts.models import Subscription
    from ratusz.budget.voting.models import Ballot, Voter
    from ratusz.pages.models import ContactFormSubmission as FormSubmission

    dry = run("rodo_erase", EMAIL)
    assert "Nic nie zmieniono" in dry and Subscription.objects.exists()

    run("rodo_erase", EMAIL, "--yes")
    run("rodo_erase", resident_data["pesel"], "--yes")
    assert not Subscription.objects.exists()
    assert list(FormSubmission.objects.all()) == [resident_data["other_submission"]]
    authored = resident_data["Project"].objects.get(pk=resident_data["project"].pk)
    assert (authored.author_email, authored.author_phone) == ("", "")
    voter = Voter.objects.get()
    assert (voter.name, voter.address) == ("", "")
    assert Ballot.objects.count() == 1  # the vote itself stays counted
    if resident_data["organisation"]:
        resident_data["organisation"].refresh_from_db()
        assert resident_data["organisation"].representative_email == ""
    assert json.loads(run("rodo_export", EMAIL)) == {}
    assert "Nie znaleziono" in run("rodo_erase", EMAIL, "--yes")


def test_bad_identifier_is_a_polish_error():
    with pytest.raises(CommandError, match="PESEL|e-mail"):
        run("rodo_export", "12345")


def test_pesel_never_reaches_the_logs(client, caplog, demo_site):
    edition = make_voting_edition()
    pesel = person_data(serial=555)["pesel"]
    caplog.set_level(logging.DEBUG)
    # A refused ballot (400, logged by django.request) and an accepted one.
    bad = client.post(
        reverse("budget_voting:vote", args=[edition.slug]),
        {**person_data(serial=555), "resident": ""},
    )
    assert bad.status_code == 400
    assert vote(client, edition, pesel=pesel).status_code == 302
    logged = caplog.text + " ".join(str(r.args) for r in caplog.records)
    assert caplog.records  # the 400 was logged, so the check below has something to read
    assert pesel not in logged
