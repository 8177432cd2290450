"""Safety announcements in an installation of two cities (#24): each city's
clerks, pages, feeds, banner, subscribers and imports see that city's only."""

import pytest
from django.core import mail
from django.utils import timezone

from ratusz.alerts import cap, importing
from ratusz.alerts.models import Announcement, ImportSource, Message, Subscription
from ratusz.alerts.publishing import MAILING
from ratusz.core.models import Job
from tests.alerts.test_admin import _mysl_cap, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]
PUBLISHER = "Publikujący ostrzeżenia"
SNIPPETS = "/admin/snippets/alerts"


@pytest.fixture
def both(two_cities, make_announcement):
    """One live announcement in each city."""
    a = make_announcement(site=two_cities.a, headline="Wiatr-Mysłowice", level="orange")
    b = make_announcement(site=two_cities.b, headline="Wiatr-Tychy", level="orange")
    return a, b


def get(client, host, url):
    return client.get(url, HTTP_HOST=host)


def test_a_clerk_lists_opens_and_changes_only_their_citys_announcements(client, two_cities, both):
    own, other = both
    client.force_login(two_cities.staff(two_cities.a, PUBLISHER, username="clerk-a"))
    listing = get(client, two_cities.host_a, f"{SNIPPETS}/announcement/").content.decode()
    assert "Wiatr-Mysłowice" in listing and "Wiatr-Tychy" not in listing
    assert (
        get(client, two_cities.host_a, f"{SNIPPETS}/announcement/edit/{own.pk}/").status_code == 200
    )
    for view in ("edit", "delete", "history", "usage", "unpublish", "lock"):
        url = f"{SNIPPETS}/announcement/{view}/{other.pk}/"
        assert get(client, two_cities.host_a, url).status_code in (403, 404, 405), view
    messages = get(client, two_cities.host_a, f"{SNIPPETS}/message/").content.decode()
    assert "Wiatr-Mysłowice" in messages and "Wiatr-Tychy" not in messages
    inspect = f"{SNIPPETS}/message/inspect/{other.latest_message().pk}/"
    assert get(client, two_cities.host_a, inspect).status_code == 404
    data = form_data(headline="Przejęty", **{"action-publish": "action-publish"})
    response = client.post(
        f"{SNIPPETS}/announcement/edit/{other.pk}/", data, HTTP_HOST=two_cities.host_a
    )
    assert response.status_code == 404
    response = client.post(
        f"{SNIPPETS}/announcement/delete/{other.pk}/", HTTP_HOST=two_cities.host_a
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.headline == "Wiatr-Tychy" and other.live
    assert Message.objects.filter(announcement=other).count() == 1


def test_a_clerks_new_announcement_is_their_citys_and_its_cap_names_that_city(
    client, two_cities, django_capture_on_commit_callbacks
):
    client.force_login(two_cities.staff(two_cities.b, PUBLISHER, username="clerk-b"))
    # the city cannot be switched to another one by a forged form
    data = form_data(
        headline="Awaria wodociągu", site=two_cities.a.pk, **{"action-publish": "action-publish"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{SNIPPETS}/announcement/add/", data, HTTP_HOST=two_cities.host_b)
    assert response.status_code == 302
    ann = Announcement.objects.get(headline="Awaria wodociągu")
    assert ann.site_id == two_cities.b.pk
    message = ann.latest_message()
    alert = cap.parse(message.xml.encode())
    area = alert.infos[0].areas[0]
    assert area.desc == "Tychy" and ("TERYT", "2477011") in area.geocodes
    assert alert.identifier.startswith("pl.tychy.komunikaty.")
    assert alert.sender == "komunikaty@tychy.localhost"
    assert "Tychy" in alert.infos[0].sender_name and "Mysłowic" not in message.xml
    assert alert.infos[0].web.startswith("http://tychy.localhost/komunikaty/")


def test_public_pages_feeds_and_the_banner_show_the_requests_city_only(client, two_cities, both):
    a, b = both
    for host, ours, theirs, other in (
        (two_cities.host_a, "Wiatr-Mysłowice", "Wiatr-Tychy", b),
        (two_cities.host_b, "Wiatr-Tychy", "Wiatr-Mysłowice", a),
    ):
        for url in (
            "/komunikaty/",
            "/komunikaty/?kind=weather",
            f"/komunikaty/?day={timezone.localdate():%Y-%m-%d}",
            "/api/alerts/atom.xml",
            "/api/alerts/rss.xml",
            "/api/alerts/active.json",
            "/api/alerts/active.geojson",
            "/",  # the alert strip on every page
        ):
            response = get(client, host, url)
            assert response.status_code == 200, (host, url)
            body = response.content.decode()
            assert ours in body and theirs not in body, (host, url)
        assert get(client, host, f"/komunikaty/{other.pk}/").status_code == 404
        assert get(client, host, other.latest_message().cap_url()).status_code == 404
    atom = get(client, two_cities.host_b, "/api/alerts/atom.xml").content.decode()
    assert (
        "http://tychy.localhost/komunikaty/" in atom and "http://localhost/komunikaty/" not in atom
    )


def test_the_embed_lists_the_requests_city_only(rf, two_cities, both):
    from ratusz.core.embeds import render_embed

    html = render_embed("alerts-latest", rf.get("/", HTTP_HOST=two_cities.host_b), None)
    assert "Wiatr-Tychy" in html and "Wiatr-Mysłowice" not in html


def test_a_subscriber_gets_mail_of_their_city_only(two_cities, make_announcement):
    now = timezone.now()
    Subscription.objects.create(site=two_cities.a, email="jan@example.pl", confirmed_at=now)
    # the same address may subscribe in both cities: one subscription per city
    Subscription.objects.create(site=two_cities.b, email="jan@example.pl", confirmed_at=now)
    Subscription.objects.create(site=two_cities.b, email="ewa@example.pl", confirmed_at=now)
    mail.outbox.clear()
    make_announcement(site=two_cities.b, headline="Wiatr-Tychy")
    assert sorted(m.to[0] for m in mail.outbox) == ["ewa@example.pl", "jan@example.pl"]
    # the mailing job is Tychy's (its clerks follow it in "Zadania w tle")
    assert Job.objects.get(kind=MAILING).site_id == two_cities.b.pk
    tychy = Subscription.objects.get(
        site=two_cities.b, email_hash=Subscription.hash_of("jan@example.pl")
    )
    body = next(m.body for m in mail.outbox if m.to == ["jan@example.pl"])
    assert f"http://tychy.localhost/komunikaty/subskrypcja/wypisz/{tychy.token}/" in body
    mail.outbox.clear()
    Subscription.objects.create(site=two_cities.a, email="ola@example.pl", confirmed_at=now)
    make_announcement(site=two_cities.a, headline="Wiatr-Mysłowice")
    assert sorted(m.to[0] for m in mail.outbox) == ["jan@example.pl", "ola@example.pl"]


def test_subscribing_on_a_citys_host_subscribes_to_that_city(
    client, two_cities, django_capture_on_commit_callbacks
):
    data = {"email": "jan@example.pl", "min_severity": "Moderate", "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post("/komunikaty/subskrypcja/", data, HTTP_HOST=two_cities.host_b).status_code
            == 302
        )
    sub = Subscription.objects.get()
    assert sub.site_id == two_cities.b.pk
    (confirmation,) = mail.outbox
    assert (
        f"http://tychy.localhost/komunikaty/subskrypcja/potwierdz/{sub.token}/" in confirmation.body
    )
    assert "Tychy" in confirmation.body
    # the other city's host does not know this subscription's links
    confirm = f"/komunikaty/subskrypcja/potwierdz/{sub.token}/"
    assert client.post(confirm, HTTP_HOST=two_cities.host_a).status_code == 404
    sub.refresh_from_db()
    assert sub.confirmed_at is None


def test_a_cap_import_publishes_in_the_chosen_city_only(
    two_cities, django_capture_on_commit_callbacks
):
    _, tychy_xml = _mysl_cap("PL.50", emma="PL2477")  # Tychy's powiat
    with django_capture_on_commit_callbacks(execute=True):
        report = importing.import_bytes(tychy_xml, site=two_cities.b)
        skipped = importing.import_bytes(tychy_xml, site=two_cities.a)
    assert report.published == ["imgw@example.pl,PL.50"], report.lines()
    assert any("nie obejmuje miasta" in s for s in skipped.skipped)
    ann = Announcement.objects.get()
    assert ann.site_id == two_cities.b.pk
    assert "pl.tychy.komunikaty" in ann.latest_message().identifier
    # an alert of a region covering both cities: each city republishes its own copy
    region, _ = _mysl_cap("PL.51")
    region.infos[0].areas = [cap.Area("województwo śląskie", geocodes=[("TERYT", "24")])]
    region_xml = cap.to_xml(region)
    with django_capture_on_commit_callbacks(execute=True):
        for site in (two_cities.a, two_cities.b):
            assert importing.import_bytes(region_xml, site=site).published
    copies = Announcement.objects.filter(source_identifier="PL.51")
    assert sorted(copies.values_list("site_id", flat=True)) == sorted(
        [two_cities.a.pk, two_cities.b.pk]
    )


def test_a_clerks_import_job_publishes_in_their_city(
    client, two_cities, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ratusz.alerts.jobs import run_import

    client.force_login(two_cities.staff(two_cities.b, PUBLISHER, username="clerk-b"))
    _, xml = _mysl_cap("PL.70", emma="PL2477")
    upload = SimpleUploadedFile("a.xml", xml, content_type="application/cap+xml")
    # a forged choice of another city is not taken: the field offers the clerk's only
    data = {"file": upload, "site": two_cities.a.pk}
    response = client.post("/admin/komunikaty/import/", data, HTTP_HOST=two_cities.host_b)
    assert response.status_code == 302
    job = Job.objects.get(kind="alerts.cap")
    assert job.site_id == two_cities.b.pk and job.params["site"] == two_cities.b.pk

    class Context:
        rows = []

        def read_input(self):
            return xml

        def row(self, *row):
            self.rows.append(row)

    with django_capture_on_commit_callbacks(execute=True):
        run_import(job, Context())
    assert Announcement.objects.get(source_identifier="PL.70").site_id == two_cities.b.pk


def test_configured_sources_import_into_their_own_city(
    two_cities, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    from ratusz.alerts.management.commands import import_cap

    _, tychy_xml = _mysl_cap("PL.60", emma="PL2477")
    monkeypatch.setattr(import_cap, "fetch", lambda url: tychy_xml)
    ImportSource.objects.create(
        site=two_cities.b, name="IMGW dla Tychów", url="https://x.example/feed.xml"
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_cap", "--configured")
    assert Announcement.objects.get(source_identifier="PL.60").site_id == two_cities.b.pk


def test_a_clerk_sees_only_their_citys_subscriptions_and_sources(
    client, django_user_model, two_cities
):
    from django.contrib.auth.models import Permission

    clerk = two_cities.staff(two_cities.a, PUBLISHER, username="clerk-a")
    clerk.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_subscription", "change_subscription", "change_importsource"]
        )
    )
    client.force_login(clerk)
    own = ImportSource.objects.create(
        site=two_cities.a, name="Źródło-A", url="https://a.example/feed.xml"
    )
    other = ImportSource.objects.create(
        site=two_cities.b, name="Źródło-B", url="https://b.example/feed.xml"
    )
    sub = Subscription.objects.create(site=two_cities.b, email="ewa@example.pl")
    listing = get(client, two_cities.host_a, f"{SNIPPETS}/importsource/").content.decode()
    assert "Źródło-A" in listing and "Źródło-B" not in listing
    assert (
        get(client, two_cities.host_a, f"{SNIPPETS}/importsource/edit/{own.pk}/").status_code == 200
    )
    assert (
        get(client, two_cities.host_a, f"{SNIPPETS}/importsource/edit/{other.pk}/").status_code
        == 404
    )
    assert (
        "ewa@example.pl"
        not in get(client, two_cities.host_a, f"{SNIPPETS}/subscription/").content.decode()
    )
    assert (
        get(client, two_cities.host_a, f"{SNIPPETS}/subscription/edit/{sub.pk}/").status_code == 404
    )


def test_the_second_citys_demo_notices_are_its_own(client, two_cities):
    from ratusz.demo.alerts import load_second_city

    load_second_city(two_cities.b)
    load_second_city(two_cities.b)  # again: nothing twice
    assert Announcement.objects.filter(site=two_cities.b, live=True).count() == 2
    assert not Announcement.objects.filter(site=two_cities.a).exists()
    assert "Paprocańskim" in get(client, two_cities.host_b, "/komunikaty/").content.decode()
    assert "Paprocańskim" not in get(client, two_cities.host_a, "/komunikaty/").content.decode()


def test_the_dashboard_counts_the_clerks_city_only(two_cities, make_announcement):
    from datetime import timedelta

    from ratusz.alerts.dashboard import _awaiting_review, expiring

    soon = timezone.now() + timedelta(hours=2)
    make_announcement(site=two_cities.a, headline="Wiatr-Mysłowice", expires=soon)
    make_announcement(site=two_cities.b, headline="Wiatr-Tychy", expires=soon)
    make_announcement(site=two_cities.b, headline="Burza-Tychy", expires=soon)
    clerk_a = two_cities.staff(two_cities.a, PUBLISHER, username="clerk-a")
    clerk_b = two_cities.staff(two_cities.b, PUBLISHER, username="clerk-b")
    assert expiring(clerk_a).count == 1
    assert expiring(clerk_b).count == 2
    assert _awaiting_review(clerk_a) == 0
