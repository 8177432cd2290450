"""Many cities (#24): each city's participatory budget is its own.

Mysłowice (the default site) and Tychy both run an edition under the same
address ("bo-2027"): the public pages, the exports and the vote answer for the
request's city only, and a budget official of one city neither sees nor
changes the other's editions and projects in the admin.
"""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ratusz.budget import roles
from ratusz.budget.models import Attachment, Edition, Pool, Project
from ratusz.budget.voting import results
from ratusz.budget.voting.models import Ballot, Voter, VotingRules
from ratusz.budget.workflow import Status
from tests.budget.helpers import pesel_for, private_storage_in, years_ago

pytestmark = pytest.mark.django_db

SLUG = "bo-2027"


def _edition(site, name, titles, *, voting=False, closed=False):
    now = timezone.now()
    if closed:
        start, end = now - timedelta(days=20), now - timedelta(days=10)
    else:
        start, end = now - timedelta(days=3), now + timedelta(days=3)
    edition = Edition.objects.create(
        site=site,
        slug=SLUG,
        year=now.year + 1,
        name=name,
        voting_start=start if (voting or closed) else None,
        voting_end=end if (voting or closed) else None,
        results_on=(end + timedelta(days=1)).date() if closed else None,
        voter_min_age=15,
    )
    VotingRules.objects.create(edition=edition, tie_policy=VotingRules.Ties.ORDER)
    pool = Pool.objects.create(
        edition=edition,
        kind=Pool.Kind.CITYWIDE,
        name=f"Pula ogólnomiejska {name}",
        slug="miasto",
        code="OM",
        amount=Decimal("300000"),
        max_choices=2,
    )
    for i, title in enumerate(titles, start=1):
        Project.objects.create(
            edition=edition,
            pool=pool,
            number=f"OM{i}",
            title=title,
            description="Opis projektu.",
            justification="Uzasadnienie.",
            cost=Decimal("50000"),
            status=Status.ADMITTED,
            author_name="Jan Autor",
        )
    return edition


@pytest.fixture
def budgets(two_cities):
    a = _edition(two_cities.a, "Budżet Mysłowic", ["Ławki nad Przemszą", "Plac zabaw Piasek"])
    b = _edition(two_cities.b, "Budżet Tychów", ["Rowery nad Paprocanami", "Tężnia w Parku"])
    return a, b


def _get(client, host, path):
    return client.get(path, HTTP_HOST=host)


# --- the public side -------------------------------------------------------------


def test_the_same_edition_address_shows_each_city_its_own_projects(client, two_cities, budgets):
    a, b = budgets
    pages = {}
    for host in (two_cities.host_a, two_cities.host_b):
        html = ""
        for path in (
            "/budzet-obywatelski/",
            f"/budzet-obywatelski/{SLUG}/",
            f"/budzet-obywatelski/{SLUG}/listy/",
            f"/budzet-obywatelski/{SLUG}/mapa/",
            "/budzet-obywatelski/projekty/",
            f"/budzet-obywatelski/projekty/?edition={SLUG}",
        ):
            response = _get(client, host, path)
            assert response.status_code == 200, (host, path)
            html += response.content.decode()
        pages[host] = html
    assert "Budżet Mysłowic" in pages[two_cities.host_a]
    assert "Budżet Tychów" not in pages[two_cities.host_a]
    assert "Budżet Tychów" in pages[two_cities.host_b]
    assert "Budżet Mysłowic" not in pages[two_cities.host_b]


def test_the_catalogue_never_lists_another_citys_projects(client, two_cities, budgets):
    html = _get(client, two_cities.host_a, "/budzet-obywatelski/projekty/").content.decode()
    assert "Ławki nad Przemszą" in html
    assert "Rowery nad Paprocanami" not in html and "Tężnia w Parku" not in html
    html = _get(client, two_cities.host_b, "/budzet-obywatelski/projekty/").content.decode()
    assert "Rowery nad Paprocanami" in html and "Ławki nad Przemszą" not in html


def test_another_citys_project_page_and_attachment_answer_404(
    client, two_cities, budgets, settings, tmp_path
):
    private_storage_in(settings, tmp_path)
    a, b = budgets
    theirs = b.projects.first()
    found = Attachment.objects.create(
        project=theirs,
        kind=Attachment.Kind.DOCUMENT,
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.7\n"),
        original_name="plan.pdf",
        content_type="application/pdf",
        size=9,
    )
    url = f"/budzet-obywatelski/{SLUG}/projekty/{theirs.pk}/"
    assert _get(client, two_cities.host_b, url).status_code == 200
    assert _get(client, two_cities.host_a, url).status_code == 404
    attachment = f"/budzet-obywatelski/zalacznik/{found.pk}/"
    assert _get(client, two_cities.host_b, attachment).status_code == 200
    assert _get(client, two_cities.host_a, attachment).status_code == 404


def test_the_exports_and_the_api_hold_the_citys_projects_only(client, two_cities, budgets):
    csv_a = _get(client, two_cities.host_a, f"/budzet-obywatelski/{SLUG}/projekty.csv")
    text = csv_a.content.decode()
    assert "Ławki nad Przemszą" in text and "Rowery nad Paprocanami" not in text
    editions = json.loads(_get(client, two_cities.host_a, "/api/budget/editions/").content)
    assert [e["name"] for e in editions["editions"]] == ["Budżet Mysłowic"]
    api = _get(client, two_cities.host_b, f"/api/budget/editions/{SLUG}/projects/")
    titles = {p["title"] for p in json.loads(api.content)["projects"]}
    assert titles == {"Rowery nad Paprocanami", "Tężnia w Parku"}


def test_results_and_pb_files_are_the_citys_own(client, two_cities):
    a = _edition(two_cities.a, "Budżet Mysłowic", ["Ławki nad Przemszą"], closed=True)
    b = _edition(two_cities.b, "Budżet Tychów", ["Rowery nad Paprocanami"], closed=True)
    results.publish(a)
    results.publish(b)
    base = f"/budzet-obywatelski/wyniki/{SLUG}/"
    for host, ours, theirs in (
        (two_cities.host_a, "Ławki nad Przemszą", "Rowery nad Paprocanami"),
        (two_cities.host_b, "Rowery nad Paprocanami", "Ławki nad Przemszą"),
    ):
        text = ""
        for path in (
            base,
            f"{base}wyniki.csv",
            f"{base}miasto.pb",
            f"/api/budget/editions/{SLUG}/results/",
        ):
            response = _get(client, host, path)
            assert response.status_code == 200, (host, path)
            text += (
                response.content.decode()
                if path.endswith(".pb") or path.endswith(".csv")
                else (
                    response.content.decode()
                    if not path.startswith("/api")
                    else json.dumps(json.loads(response.content), ensure_ascii=False)
                )
            )
        assert ours in text and theirs not in text, host
    pb = _get(client, two_cities.host_b, f"{base}miasto.pb").content.decode()
    assert "Tychy" in pb


# --- the vote --------------------------------------------------------------------


def _vote(client, host, edition, pesel):
    pool = edition.pools.get()
    chosen = [str(pk) for pk in edition.projects.values_list("pk", flat=True)[:1]]
    return client.post(
        f"/budzet-obywatelski/glosowanie/{SLUG}/",
        {
            "name": "Anna Nowak",
            "pesel": pesel,
            "resident": "on",
            "privacy": "on",
            f"pool_{pool.pk}": chosen,
        },
        HTTP_HOST=host,
    )


def test_a_pesel_that_voted_in_one_city_votes_in_the_other_but_not_twice_in_the_first(
    client, two_cities
):
    a = _edition(two_cities.a, "Budżet Mysłowic", ["Ławki nad Przemszą"], voting=True)
    b = _edition(two_cities.b, "Budżet Tychów", ["Rowery nad Paprocanami"], voting=True)
    pesel = pesel_for(years_ago(30), serial=321)
    assert _vote(client, two_cities.host_a, a, pesel).status_code == 302
    assert _vote(client, two_cities.host_b, b, pesel).status_code == 302
    assert Voter.objects.filter(edition=a).count() == 1
    assert Voter.objects.filter(edition=b).count() == 1
    again = _vote(client, two_cities.host_a, a, pesel)
    assert again.status_code == 409
    assert Ballot.objects.filter(edition=a).count() == 1
    # each ballot holds its own city's project
    assert Ballot.objects.get(edition=b).choices.get().project.edition_id == b.pk


def test_the_ballot_declares_residence_in_the_editions_city(client, two_cities):
    _edition(two_cities.b, "Budżet Tychów", ["Rowery nad Paprocanami"], voting=True)
    html = _get(
        client, two_cities.host_b, f"/budzet-obywatelski/glosowanie/{SLUG}/"
    ).content.decode()
    assert "mieszkam w Tychach" in html
    assert "Mysłowic" not in html.split("mieszkam", 1)[1][:40]


# --- the admin -------------------------------------------------------------------


@pytest.fixture
def official_a(client, two_cities):
    user = two_cities.staff(two_cities.a, roles.OFFICIAL, username="bo-myslowice")
    client.force_login(user)
    return user


def test_an_official_lists_their_citys_editions_pools_and_projects_only(
    client, two_cities, budgets, official_a
):
    listings = ""
    for model in ("budget/edition", "budget/pool", "budget/project", "budget_voting/votingrules"):
        response = client.get(f"/admin/snippets/{model}/")
        assert response.status_code == 200, model
        listings += response.content.decode()
    assert "Budżet Mysłowic" in listings and "Ławki nad Przemszą" in listings
    assert "Budżet Tychów" not in listings  # neither a row nor a filter's choice
    assert "Rowery nad Paprocanami" not in listings and "Tychów" not in listings


def test_an_official_cannot_open_or_change_another_citys_edition_or_projects(
    client, two_cities, budgets, official_a
):
    a, b = budgets
    theirs = b.projects.first()
    pool = b.pools.get()
    for model, pk in (("edition", b.pk), ("project", theirs.pk), ("pool", pool.pk)):
        for view in ("edit", "delete", "history", "usage", "inspect"):
            response = client.get(f"/admin/snippets/budget/{model}/{view}/{pk}/")
            assert response.status_code in (403, 404), (model, view)
    for url in (
        f"/admin/budget/projekt/{theirs.pk}/decyzja/",
        f"/admin/budget/edycja/{b.pk}/podzial/",
        f"/admin/budget/edycja/{b.pk}/lista-ostateczna/",
        f"/admin/glosowanie/{b.pk}/karty-papierowe/",
        f"/admin/glosowanie/{b.pk}/karty-papierowe/dodaj/",
        f"/admin/glosowanie/{b.pk}/liczenie/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/admin/budget/projekt/{a.projects.first().pk}/decyzja/").status_code == 200
    # the changes posted anyway leave B's records as they were
    client.post(
        f"/admin/snippets/budget/edition/edit/{b.pk}/",
        {"site": two_cities.a.pk, "name": "Przejęta", "slug": "przejeta", "year": 2030},
    )
    client.post(f"/admin/snippets/budget/edition/delete/{b.pk}/")
    response = client.post(
        f"/admin/budget/projekt/{theirs.pk}/decyzja/", {"action": "withdraw", "reason": "x"}
    )
    assert response.status_code == 404
    client.post(f"/admin/budget/edycja/{b.pk}/lista-ostateczna/")
    client.post(f"/admin/glosowanie/{b.pk}/liczenie/", {"action": "invalidate", "reason": "x"})
    b.refresh_from_db()
    theirs.refresh_from_db()
    assert (b.name, b.slug, b.site_id) == ("Budżet Tychów", SLUG, two_cities.b.pk)
    assert theirs.status == Status.ADMITTED
    assert theirs.history.count() == 0


def test_a_new_edition_belongs_to_the_officials_city_and_its_slug_is_unique_there(
    client, two_cities
):
    _edition(two_cities.a, "Budżet Mysłowic", ["Ławki nad Przemszą"])
    client.force_login(two_cities.staff(two_cities.b, roles.OFFICIAL, username="bo-tychy"))
    form = client.get("/admin/snippets/budget/edition/add/").content.decode()
    assert 'value="Tychy"' in form  # the city's name, not the default site's

    def add(name):
        return client.post(
            "/admin/snippets/budget/edition/add/",
            {
                "site": two_cities.a.pk,  # disabled for a one-city official: ignored
                "name": name,
                "slug": SLUG,  # Mysłowice's edition has it: another city's address
                "year": 2029,
                "city": "Tychy",
                "number_prefix": "BO",
                "min_cost": "2500",
                "max_cost_share": "0.8",
                "min_age": 15,
                "consent_below_age": 16,
                "required_supports": 15,
                "voter_min_age": 15,
                "second_vote_policy": "refuse",
                "allocation_factors": "{}",
            },
        )

    response = add("Budżet Tychów 2029")
    assert response.status_code == 302, response.context["form"].errors
    assert Edition.objects.get(name="Budżet Tychów 2029").site_id == two_cities.b.pk
    again = add("Drugi budżet Tychów")
    assert again.status_code == 200 and again.context["form"].errors
    assert not Edition.objects.filter(name="Drugi budżet Tychów").exists()


def test_the_dashboard_counts_the_officials_city_only(two_cities, budgets, official_a):
    from ratusz.budget import dashboard

    a, b = budgets
    b.projects.update(status=Status.SUBMITTED)
    assert dashboard.formal_check(official_a).count == 0
    a.projects.update(status=Status.SUBMITTED)
    official_a.__dict__.pop("_ratusz_budget_queues", None)
    assert dashboard.formal_check(official_a).count == 2


def test_the_choosers_and_forms_offer_the_citys_editions_and_pools_only(
    client, two_cities, budgets, official_a
):
    a, b = budgets
    for model, ours, theirs in (
        ("edition", "Budżet Mysłowic", "Budżet Tychów"),
        ("pool", "Pula ogólnomiejska Budżet Mysłowic", "Pula ogólnomiejska Budżet Tychów"),
    ):
        html = json.loads(client.get(f"/admin/snippets/choose/budget/{model}/").content)["html"]
        assert ours in html and theirs not in html, model
    assert client.get(f"/admin/snippets/choose/budget/edition/chosen/{b.pk}/").status_code == 404
    assert client.get(f"/admin/snippets/choose/budget/edition/chosen/{a.pk}/").status_code == 200
    # a pool posted into the other city's edition is refused
    response = client.post(
        "/admin/snippets/budget/pool/add/",
        {
            "edition": b.pk,
            "kind": "citywide",
            "name": "Pula podrzucona",
            "slug": "podrzucona",
            "amount": "1000",
            "sort_order": 0,
            "ballot_kind": "approval",
            "min_choices": 1,
            "counting_rule": "greedy",
            "min_support": 0,
            "leftover_transfer": "none",
        },
    )
    assert response.status_code == 200 and "edition" in response.context["form"].errors
    assert not Pool.objects.filter(slug="podrzucona").exists()


def test_the_demo_gives_tychy_an_edition_of_its_own(client, two_cities):
    from ratusz.demo.budget import load_second_city

    load_second_city(two_cities.b)
    edition = load_second_city(two_cities.b)  # idempotent
    assert edition.site_id == two_cities.b.pk and edition.city == "Tychy"
    assert edition.pools.count() == 1
    assert sorted(edition.projects.values_list("number", flat=True)) == [
        "BO/2028/OM/001",
        "BO/2028/OM/002",
        "BO/2028/OM/003",
    ]
    html = _get(client, two_cities.host_b, "/budzet-obywatelski/projekty/").content.decode()
    assert "jeziora Paprocany" in html
    html = _get(client, two_cities.host_a, "/budzet-obywatelski/projekty/").content.decode()
    assert "jeziora Paprocany" not in html
