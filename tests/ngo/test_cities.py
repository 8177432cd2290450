"""Two cities' NGO records kept apart (#24): public pages, exports, forms,
the admin, the dashboard, the KRS import, e-mails and a resident's data."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ratusz.ngo.models import (
    ChangeProposal,
    CompetitionResult,
    CooperationProgramme,
    Organisation,
    SmallGrant,
    SmallGrantComment,
)
from ratusz.ngo.views import unsubscribe_token
from ratusz.ngo.wagtail_hooks import VIEWSETS

pytestmark = pytest.mark.django_db

NGO_ROLE = "Urzędnik ds. NGO"


@pytest.fixture
def records(two_cities, make_org, make_competition):
    """Each city: an approved and a pending organisation, a competition with a
    result, a small grant open for comments with a comment, a programme."""
    today = timezone.localdate()
    made = {}
    for key, site, town in (("a", two_cities.a, "Mysłowicka"), ("b", two_cities.b, "Tyska")):
        org = make_org(
            name=f"Fundacja {town}",
            site=site,
            representative_email=f"prezes@{key}.example.org",
            notify_competitions=True,
        )
        pending = make_org(name=f"Klub {town} Oczekujący", site=site, status="pending")
        competition = make_competition(title=f"Konkurs {town} na sport", site=site)
        CompetitionResult.objects.create(
            competition=competition,
            organisation=org,
            task_title=f"Liga {town}",
            amount=Decimal("900"),
        )
        grant = SmallGrant.objects.create(
            organisation=org,
            title=f"Piknik {town}",
            area_id="16",
            amount=Decimal("5000"),
            task_start=today + timedelta(days=20),
            task_end=today + timedelta(days=30),
            received_on=today - timedelta(days=2),
            published_on=today,
        )
        comment = SmallGrantComment.objects.create(
            small_grant=grant,
            author_name=f"Mieszkaniec {town}",
            author_email=f"sasiad@{key}.example.org",
            text="Uwaga.",
        )
        proposal = ChangeProposal.objects.create(
            organisation=org,
            changes={"description": f"Nowy opis {town}"},
            proposer_name=f"Zgłaszający {town}",
            proposer_email="wspolny@example.org",
        )
        CooperationProgramme.objects.create(
            site=site, year=today.year, title=f"Program {town} {today.year}"
        )
        made[key] = dict(
            org=org,
            pending=pending,
            competition=competition,
            grant=grant,
            comment=comment,
            proposal=proposal,
            town=town,
        )
    return made


PUBLIC_PATHS = [
    "/ngo/",
    "/ngo/organizacje/",
    "/ngo/konkursy/",
    "/ngo/konkursy/kanal.atom",
    "/ngo/male-granty/",
    "/ngo/program-wspolpracy/",
    "/ngo/kalendarz/",
    "/ngo/kalendarz.ics",
    "/api/ngo/organizacje.csv",
    "/api/ngo/organizacje.json",
    "/api/ngo/konkursy.csv",
    "/api/ngo/konkursy.json",
]


def test_public_pages_feeds_and_exports_show_their_own_city(client, two_cities, records):
    for host, own, other in (
        (two_cities.host_a, records["a"], records["b"]),
        (two_cities.host_b, records["b"], records["a"]),
    ):
        seen = ""
        for path in PUBLIC_PATHS:
            response = client.get(path, HTTP_HOST=host)
            assert response.status_code == 200, path
            body = response.content.decode()
            assert other["town"] not in body, (host, path)
            seen += body
        for name in ("Fundacja", "Konkurs", "Piknik", "Program"):
            assert f"{name} {own['town']}" in seen, (host, name)
        assert client.get("/ngo/", HTTP_HOST=host).context["organisation_count"] == 1


def test_another_citys_records_are_not_found_on_a_citys_host(client, two_cities, records):
    b = records["b"]
    for url in (
        b["org"].get_absolute_url(),
        b["competition"].get_absolute_url(),
        b["grant"].get_absolute_url(),
        reverse("ngo:propose", args=[b["org"].slug]),
        reverse("ngo:unsubscribe", args=[unsubscribe_token(b["org"])]),
    ):
        assert client.get(url, HTTP_HOST=two_cities.host_a).status_code == 404, url
        assert client.get(url, HTTP_HOST=two_cities.host_b).status_code == 200, url


def test_the_same_name_in_two_cities_makes_two_entries_at_the_same_address(
    client, two_cities, make_org
):
    in_a = make_org(name="Klub Sportowy Górnik", site=two_cities.a, description="Z Mysłowic")
    in_b = make_org(
        name="Klub Sportowy Górnik", site=two_cities.b, description="Z Tychów", nip=in_a.nip
    )
    assert in_a.slug == in_b.slug == "klub-sportowy-gornik"
    url = in_a.get_absolute_url()
    assert "Z Mysłowic" in client.get(url, HTTP_HOST=two_cities.host_a).content.decode()
    assert "Z Tychów" in client.get(url, HTTP_HOST=two_cities.host_b).content.decode()


def test_public_forms_reach_their_own_citys_records_only(client, two_cities, records):
    b = records["b"]
    proposal = {
        "proposer_name": "Anna",
        "proposer_email": "anna@example.org",
        "name": "Przejęta nazwa",
        "regon": b["org"].regon,
        "areas": ["17"],
    }
    before = ChangeProposal.objects.count()
    url = reverse("ngo:propose", args=[b["org"].slug])
    assert client.post(url, proposal, HTTP_HOST=two_cities.host_a).status_code == 404
    assert ChangeProposal.objects.count() == before
    comment = {"author_name": "Obcy", "text": "Uwaga z innego miasta."}
    assert (
        client.post(b["grant"].get_absolute_url(), comment, HTTP_HOST=two_cities.host_a).status_code
        == 404
    )
    assert b["grant"].comments.count() == 1
    # on its own host the form works
    assert (
        client.post(b["grant"].get_absolute_url(), comment, HTTP_HOST=two_cities.host_b).status_code
        == 200
    )
    assert b["grant"].comments.count() == 2


def test_a_registration_joins_the_catalogue_of_the_city_it_was_sent_to(client, two_cities):
    from ratusz.demo.ngo import fictional_nip, fictional_regon

    data = {
        "name": "Stowarzyszenie Paprocany",
        "legal_form": "stowarzyszenie-zwykle",
        "nip": fictional_nip(777),
        "regon": fictional_regon(777),
        "areas": ["17"],
        "street": "ul. Jeziorna 1",
        "postal_code": "43-100",
        "city": "Tychy",
        "representative_name": "Jan Kowalski",
        "representative_email": "jan@example.org",
        "consent": "on",
    }
    response = client.post(reverse("ngo:register"), data, HTTP_HOST=two_cities.host_b)
    assert response.status_code == 302
    assert Organisation.objects.get(name="Stowarzyszenie Paprocany").site_id == two_cities.b.pk


def _clerk(two_cities, client):
    clerk = two_cities.staff(two_cities.a, NGO_ROLE, username="urzednik-ngo-a")
    client.force_login(clerk)
    return clerk


def test_a_clerk_cannot_list_open_or_change_another_citys_records(client, two_cities, records):
    _clerk(two_cities, client)
    a, b = records["a"], records["b"]
    for model, key in (
        (Organisation, "org"),
        (ChangeProposal, "proposal"),
        (type(b["competition"]), "competition"),
        (SmallGrant, "grant"),
        (SmallGrantComment, "comment"),
    ):
        viewset = VIEWSETS[model]
        listing = client.get(reverse(viewset.get_url_name("list")))
        assert listing.status_code == 200
        ids = {obj.pk for obj in listing.context["object_list"]}
        assert a[key].pk in ids and b[key].pk not in ids, model
        for view in ("edit", "delete", "history", "usage", "inspect"):
            try:
                url = reverse(viewset.get_url_name(view), args=[b[key].pk])
            except Exception:  # noqa: BLE001, S112 - a view this viewset does not have
                continue
            assert client.get(url).status_code in (403, 404), (model, view)
    programme_b = CooperationProgramme.objects.get(site=two_cities.b)
    url = reverse(VIEWSETS[CooperationProgramme].get_url_name("edit"), args=[programme_b.pk])
    assert client.get(url).status_code == 404
    # the decisions: approving B's pending entry, B's proposal, B's competition's state
    pending_b = b["pending"]
    for obj, data in (
        (pending_b, {"decision": "approve"}),
        (b["proposal"], {"decision": "approve"}),
        (
            b["competition"],
            {"state": "cancelled", "day": date.today().isoformat(), "cancel_reason": "reserved"},
        ),
    ):
        url = reverse(VIEWSETS[type(obj)].get_url_name("decide"), args=[obj.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, data).status_code == 404
    pending_b.refresh_from_db()
    b["proposal"].refresh_from_db()
    b["competition"].refresh_from_db()
    b["org"].refresh_from_db()
    assert pending_b.status == "pending" and b["proposal"].status == "pending"
    assert b["competition"].state == "announced" and not b["org"].description
    # an edit posted to B's record changes nothing
    url = reverse(VIEWSETS[Organisation].get_url_name("edit"), args=[b["org"].pk])
    assert client.post(url, {"name": "Przejęta", "site": two_cities.a.pk}).status_code == 404
    b["org"].refresh_from_db()
    assert b["org"].name == "Fundacja Tyska" and b["org"].site_id == two_cities.b.pk
    # and A's own records open
    url = reverse(VIEWSETS[Organisation].get_url_name("edit"), args=[a["org"].pk])
    assert client.get(url).status_code == 200


def test_a_small_grant_cannot_take_another_citys_organisation(client, two_cities, records):
    _clerk(two_cities, client)
    today = timezone.localdate()
    data = {
        "organisation": records["b"]["org"].pk,
        "title": "Grant na cudzą organizację",
        "area": "16",
        "amount": "1000.00",
        "task_start": (today + timedelta(days=20)).isoformat(),
        "task_end": (today + timedelta(days=25)).isoformat(),
        "received_on": today.isoformat(),
        "decision": "pending",
    }
    response = client.post(reverse(VIEWSETS[SmallGrant].get_url_name("add")), data)
    assert response.status_code == 200  # the form again, with an error
    assert not SmallGrant.objects.filter(title="Grant na cudzą organizację").exists()


def test_the_dashboard_counts_the_clerks_city_only(two_cities, records):
    from ratusz.ngo import dashboard

    clerk = two_cities.staff(two_cities.a, NGO_ROLE, username="urzednik-pulpit")
    assert dashboard.registrations(clerk).count == 1
    assert dashboard.change_proposals(clerk).count == 1
    assert dashboard.grant_comments(clerk).count == 1


def test_a_krs_import_lands_in_the_clerks_city(client, two_cities, monkeypatch):
    import json
    from pathlib import Path

    from ratusz.ngo import krs

    data = json.loads(
        (Path(__file__).parent / "fixtures" / "krs_odpis_rejestr_s.json").read_text(
            encoding="utf-8"
        )
    )
    monkeypatch.setattr(krs, "fetch_odpis", lambda *args, **kwargs: data)
    _clerk(two_cities, client)
    url = reverse(VIEWSETS[Organisation].get_url_name("krs"))
    response = client.post(url, {"krs": "0009990001", "register": "S", "site": two_cities.b.pk})
    assert response.status_code == 302
    assert Organisation.objects.get(krs="0009990001").site_id == two_cities.a.pk
    # the same organisation already in Tychy's catalogue does not stop Mysłowice's entry
    Organisation.objects.filter(krs="0009990001").update(site=two_cities.b)
    response = client.post(url, {"krs": "0009990001", "register": "S"})
    assert response.status_code == 302
    assert set(Organisation.objects.filter(krs="0009990001").values_list("site_id", flat=True)) == {
        two_cities.a.pk,
        two_cities.b.pk,
    }


def test_a_competition_is_announced_to_its_own_citys_organisations(
    two_cities, records, make_competition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_competition(
            title="Nowy konkurs tyski", site=two_cities.b, announced_on=timezone.localdate()
        )
    sent = [m for m in mail.outbox if "Nowy konkurs tyski" in m.subject]
    assert [m.to for m in sent] == [["prezes@b.example.org"]]
    assert two_cities.host_b in sent[0].body


def test_a_residents_data_export_for_one_city_holds_nothing_of_another(two_cities, records):
    from ratusz.accounts import rodo
    from ratusz.accounts.identity import Identity

    # the same person wrote to both cities
    report = rodo.export(Identity(email="wspolny@example.org", site_id=two_cities.a.pk))
    text = str(report)
    assert "Mysłowicka" in text and "Tyska" not in text
    for email in ("prezes@a.example.org", "sasiad@a.example.org"):
        report = rodo.export(Identity(email=email, site_id=two_cities.a.pk))
        assert report and "Tyska" not in str(report)
    for email in ("prezes@b.example.org", "sasiad@b.example.org"):
        assert rodo.export(Identity(email=email, site_id=two_cities.a.pk)) == {}
        assert rodo.export(Identity(email=email, site_id=two_cities.b.pk))


def test_the_demo_of_the_second_city_is_its_own(client, two_cities):
    from ratusz.demo import ngo as demo

    demo.load_second_city(two_cities.b)
    demo.load_second_city(two_cities.b)  # idempotent
    tychy = Organisation.objects.filter(site=two_cities.b)
    assert tychy.count() == len(demo.TYCHY_ORGANISATIONS)
    assert not Organisation.objects.filter(site=two_cities.a).exists()
    page = client.get("/ngo/organizacje/", HTTP_HOST=two_cities.host_b).content.decode()
    assert "Stowarzyszenie Przyjaciół Paprocan" in page
    page = client.get("/ngo/konkursy/", HTTP_HOST=two_cities.host_a).content.decode()
    assert "Paprocanami" not in page


def test_the_organisation_chooser_offers_the_clerks_city_only(client, two_cities, records):
    _clerk(two_cities, client)
    chooser = client.get("/admin/snippets/choose/ngo/organisation/").json()["html"]
    assert "Fundacja Mysłowicka" in chooser and "Fundacja Tyska" not in chooser
    url = f"/admin/snippets/choose/ngo/organisation/chosen/{records['b']['org'].pk}/"
    assert client.get(url).status_code == 404
    url = f"/admin/snippets/choose/ngo/organisation/chosen/{records['a']['org'].pk}/"
    assert client.get(url).status_code == 200


def test_a_change_proposal_entered_in_the_admin_takes_the_clerks_citys_organisation(
    client, two_cities, records
):
    _clerk(two_cities, client)
    url = reverse(VIEWSETS[ChangeProposal].get_url_name("add"))
    data = {
        "changes": '{"name": "Nowa nazwa"}',
        "proposer_name": "Jan Nowak",
        "proposer_email": "jan@example.org",
        "note": "",
        "status": "pending",
        "created_at": "2026-12-01 10:00",
    }
    response = client.post(url, {**data, "organisation": records["b"]["org"].pk})
    assert response.status_code == 200
    assert not ChangeProposal.objects.filter(
        organisation=records["b"]["org"], proposer_name="Jan Nowak"
    ).exists()
    response = client.post(url, {**data, "organisation": records["a"]["org"].pk})
    assert response.status_code == 302


def test_a_new_entry_of_a_tychy_official_starts_in_tychy(client, two_cities):
    client.force_login(two_cities.staff(two_cities.b, NGO_ROLE, username="urzednik-tychy"))
    form = client.get(reverse(VIEWSETS[Organisation].get_url_name("add"))).content.decode()
    assert 'value="Tychy"' in form and "Mysłowice" not in form
