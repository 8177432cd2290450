"""The dashboard's "Czeka na Ciebie" panel: each role's queues, counts, links, bounded queries."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ratusz.core.dashboard import Waiting, waiting_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_site):
    """Some organisations waiting: the counts are COUNT queries, so a few rows do."""
    from ratusz.demo.ngo import fictional_nip, fictional_regon
    from ratusz.ngo.models import Organisation

    for n, status in enumerate(["pending", "pending", "approved"], start=801):
        Organisation.objects.create(
            name=f"Stowarzyszenie Testowe {n}",
            legal_form="stowarzyszenie-zwykle",
            nip=fictional_nip(n),
            regon=fictional_regon(n),
            status=status,
            representative_email=f"rep{n}@example.org",
        )


def _panel(html):
    match = re.search(r'<section class="w-panel ratusz-waiting".*?</section>', html, re.S)
    assert match, "no waiting panel on the dashboard"
    return match.group(0)


def test_a_superuser_sees_every_apps_queue_with_counts_and_links(demo, admin_client):
    from ratusz.ngo.models import Organisation

    pending = Organisation.objects.filter(status="pending").count()
    assert pending == 2
    panel = _panel(admin_client.get("/admin/").content.decode())
    for label in (
        "Projekty do oceny formalnej",
        "Odwołania do rozpatrzenia",
        "Zgłoszenia organizacji do zatwierdzenia",
        "Propozycje zmian w katalogu organizacji",
        "Uwagi do małych grantów przed decyzją",
        "Karty usług po terminie przeglądu",
        "Komunikaty wygasające w ciągu 6 godzin",
    ):
        assert label in panel, label
    item = re.search(
        r'href="([^"]+)"><span class="ratusz-waiting__count">(\d+)</span> '
        r'<span class="ratusz-waiting__label">Zgłoszenia organizacji',
        panel,
    )
    assert item and int(item.group(2)) == pending
    assert admin_client.get(item.group(1).replace("&amp;", "&")).status_code == 200


def test_the_count_follows_the_data(demo, admin_user):
    from ratusz.demo.ngo import fictional_nip, fictional_regon
    from ratusz.ngo.models import Organisation

    def count():
        items = waiting_for(admin_user)
        (item,) = [i for i in items if i.label.startswith("Zgłoszenia organizacji")]
        return item.count

    before = count()
    Organisation.objects.create(
        name="Stowarzyszenie Czekające",
        legal_form="stowarzyszenie-zwykle",
        nip=fictional_nip(901),
        regon=fictional_regon(901),
        status="pending",
        representative_email="czeka@example.org",
    )
    assert count() == before + 1


def test_a_clerk_without_a_role_sees_no_queue(demo, django_user_model, client):
    from django.contrib.auth.models import Permission

    clerk = django_user_model.objects.create_user("bez-roli", "b@example.invalid", "x")
    clerk.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert waiting_for(clerk) == []
    client.force_login(clerk)
    assert "Nic nie czeka na Twoją decyzję." in _panel(client.get("/admin/").content.decode())


def test_a_budget_official_sees_the_budget_queues_only(demo, django_user_model):
    from django.contrib.auth.models import Group

    call_command("ratusz_roles", stdout=io.StringIO())
    official = django_user_model.objects.create_user("bo", "bo@example.invalid", "x")
    official.groups.add(Group.objects.get(name="Urzędnik budżetu obywatelskiego"))
    labels = [item.label for item in waiting_for(official)]
    assert "Projekty do oceny formalnej" in labels
    assert not any("organizacji" in label or "Komunikaty" in label for label in labels)


def test_urgent_items_come_first_then_those_with_work(monkeypatch, admin_user):
    from ratusz.core import dashboard

    declared = [
        lambda user: Waiting("pusta", 0, "/a/"),
        lambda user: None,  # not this user's queue
        lambda user: Waiting("zwykła", 2, "/b/"),
        lambda user: Waiting("pilna", 1, "/c/", urgent=True),
    ]
    monkeypatch.setattr(dashboard, "sources", lambda: declared)
    assert [item.label for item in waiting_for(admin_user)] == ["pilna", "zwykła", "pusta"]


def test_the_panel_costs_a_bounded_number_of_queries(demo, admin_user):
    waiting_for(admin_user)  # content types and permissions cached, as after the first request
    with CaptureQueriesContext(connection) as queries:
        items = waiting_for(admin_user)
    assert len(items) >= 7
    # one or two queries a queue, whatever the number of projects or organisations
    assert len(queries) <= 15, [q["sql"][:120] for q in queries]


def test_finished_jobs_and_imports_waiting_for_a_second_person(demo, admin_user, django_user_model):
    from django.utils import timezone

    from ratusz.core.models import Job
    from ratusz.gis.jobs import KIND as LAYER_IMPORT

    now = timezone.now()
    for status in (Job.Status.DONE, Job.Status.FAILED):
        Job.objects.create(
            kind=LAYER_IMPORT,
            title="Import warstwy",
            started_by=admin_user,
            status=status,
            finished_at=now,
        )
    colleague = django_user_model.objects.create_user("kolega", "k@example.invalid", "x")
    Job.objects.create(
        kind=LAYER_IMPORT,
        title="Import warstwy",
        started_by=colleague,
        status=Job.Status.DONE,
        finished_at=now,
        review=Job.Review.WAITING,
    )
    items = {item.label: item for item in waiting_for(admin_user)}
    mine = items["Twoje zadania w tle zakończone w ostatnich 7 dniach"]
    assert (mine.count, mine.urgent, mine.note) == (2, True, "1 nieudane")
    # the colleague's draft waits for admin; admin's own drafts would not
    assert items["Importy czekające na Twoją publikację"].count == 1
    assert "Importy czekające na Twoją publikację" not in [i.label for i in waiting_for(colleague)]
