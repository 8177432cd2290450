"""Results per pool: funded projects with the engine's explanation, turnout, downloads."""

import csv
import io
import json
from html import unescape

import pytest
from django.urls import reverse

from ratusz.budget import pabulib
from ratusz.budget.models import ExclusionGroup, Pool
from ratusz.budget.voting import results, services
from ratusz.budget.voting.models import Ballot
from ratusz.core.pesel import parse_pesel
from tests.budget.helpers import pesel_for, years_ago

from .factory import make_voting_edition, project

pytestmark = pytest.mark.django_db


def vote(edition, serial, choices, age=30, district=None):
    """choices: {pool slug: [(number, points), ...]}"""
    pesel = parse_pesel(pesel_for(years_ago(age), serial=serial))
    pools = {p.slug: p for p in edition.pools.all()}
    ballot = {
        str(pools[slug].pk): tuple((str(project(edition, n).pk), pts) for n, pts in items)
        for slug, items in choices.items()
    }
    person = services.Person(pesel.number, pesel.birth_date, district_id=district)
    outcome = services.cast(edition, person, ballot)
    assert outcome.ballot is not None
    return outcome.ballot


@pytest.fixture
def finished():
    edition = make_voting_edition(slug="po-glosowaniu", open_=False)
    # Piasek, 100 000 zł; costs PI1 40k, PI2 30k, PI3 50k, PI4 20k; votes PI3 3, PI1 2,
    # PI2 2 (tie, list order puts PI1 first), PI4 1: PI3 and PI1 funded, 10k left.
    piasek = edition.pools.get(slug="piasek")
    district = piasek.district_id
    for serial, items in enumerate(
        [["PI3", "PI1"], ["PI3", "PI2"], ["PI3", "PI1"], ["PI2", "PI4"]], start=200
    ):
        vote(edition, serial, {"piasek": [(n, 1) for n in items]}, district=district)
    # Ranked 3/2/1: MI2 6 pkt, MI1 4, MI3 1, MI4 1; MI3 (50k) no longer fits, MI4 (20k) does.
    vote(edition, 300, {"miasto": [("MI2", 3), ("MI1", 2), ("MI4", 1)]}, age=16)
    vote(edition, 301, {"miasto": [("MI2", 3), ("MI1", 2), ("MI3", 1)]}, age=70)
    return edition


def pool_result(data, slug):
    return next(p for p in data["pools"] if p["slug"] == slug)


def test_greedy_with_skip_ties_and_explanations(finished):
    data = results.publish(finished).result
    piasek = pool_result(data, "piasek")
    assert [p["number"] for p in piasek["projects"] if p["funded"]] == ["PI3", "PI1"]
    assert [p["number"] for p in piasek["projects"]] == ["PI3", "PI1", "PI2", "PI4"]
    assert (piasek["spent"], piasek["left"]) == ("90000.00", "10000.00")
    pi2 = next(p for p in piasek["projects"] if p["number"] == "PI2")
    assert pi2["action"] == "skipped"
    assert (
        pi2["reason"] == "Pominięty: kosztuje 30\u00a0000\u00a0zł, a zostało 10\u00a0000\u00a0zł."
    )
    assert piasek["ties"] == [["PI1", "PI2"]]


def test_ranked_points_and_turnout(finished):
    data = results.publish(finished).result
    miasto = pool_result(data, "miasto")
    assert {p["number"]: p["points"] for p in miasto["projects"]} == {
        "MI2": 6,
        "MI1": 4,
        "MI3": 1,
        "MI4": 1,
    }
    assert [p["number"] for p in miasto["projects"] if p["funded"]] == ["MI2", "MI1", "MI4"]
    assert data["ballots_counted"] == 6
    district = next(r for r in data["turnout_by_district"] if r["district"] == "Piasek")
    assert (district["voters"], district["percent"]) == (4, "0,4")
    ages = {r["group"]: r["voters"] for r in data["turnout_by_age"]}
    assert (ages["do 17"], ages["25–34"], ages["60+"]) == (1, 4, 1)


def test_withdrawn_and_excluded_projects_leave_the_ranking(finished):
    group = ExclusionGroup.objects.create(edition=finished, name="Park")
    project(finished, "PI3").__class__.objects.filter(
        number__in=["PI3", "PI1"], edition=finished
    ).update(exclusion_group=group)
    data = results.publish(finished).result
    piasek = pool_result(data, "piasek")
    assert [p["number"] for p in piasek["projects"] if p["funded"]] == ["PI3", "PI2", "PI4"]
    pi1 = next(p for p in piasek["projects"] if p["number"] == "PI1")
    assert pi1["action"] == "excluded"
    assert pi1["reason"] == "Wykluczony: projekt alternatywny wobec PI3, który ma więcej głosów."


def test_invalidated_ballots_are_not_counted(finished):
    Ballot.objects.filter(pk=Ballot.objects.first().pk).update(valid=False)
    assert results.publish(finished).result["ballots_counted"] == 5


def test_the_count_is_published_once_with_its_seed(finished):
    first = results.publish(finished)
    vote_after = Ballot.objects.count()
    assert results.publish(finished).seed == first.seed
    assert results.publish(finished, recount=True).seed == first.seed
    assert vote_after == 6


def test_results_page_chart_and_table(client, finished):
    results.publish(finished)
    html = client.get(reverse("budget_voting:results", args=[finished.slug])).content.decode()
    assert '<svg class="chart"' in html and 'role="img"' in html
    assert "<caption>Projekty w puli Piasek w kolejności rankingu</caption>" in html
    assert html.count('class="bar bar--funded"') == 2 + 3
    assert "Frekwencja" in html


def test_downloads_csv_json_and_pb(client, finished):
    results.publish(finished)
    csv_text = client.get(
        reverse("budget_voting:results-csv", args=[finished.slug])
    ).content.decode()
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[0][:4] == ["pula", "numer", "tytuł", "koszt"]
    assert ["Piasek", "PI3"] == rows[1][:2] and rows[1][6] == "sfinansowany"
    api = client.get(reverse("budget_voting:api-results", args=[finished.slug]))
    data = json.loads(api.content)
    assert pool_result(data, "miasto")["spent"] == "90000.00"
    pb = client.get(
        reverse("budget_voting:results-pb", args=[finished.slug, "miasto"])
    ).content.decode()
    election = pabulib.loads(pb)
    assert pabulib.check(election) == []
    assert election.vote_type == "ordinal" and election.selected(1) == ["MI1", "MI2", "MI4"]
    assert election.scores() == {"MI1": 4, "MI2": 6, "MI3": 1, "MI4": 1}


def test_mes_pool(finished):
    Pool.objects.filter(edition=finished, slug="piasek").update(
        counting_rule=Pool.CountingRule.MES_ADD1
    )
    piasek = pool_result(results.publish(finished).result, "piasek")
    assert piasek["rule"] == "metoda równych udziałów z uzupełnieniem Add1"
    assert sum(p["funded"] for p in piasek["projects"]) >= 2


def test_results_embed_lists_the_funded_projects(rf, finished):
    from ratusz.core.embeds import render_embed

    assert render_embed("budget-results", rf.get("/"), None) == ""  # not counted yet
    results.publish(finished)
    html = render_embed("budget-results", rf.get("/"), None)
    assert "PI3 Projekt 3 w puli Piasek — liczba głosów: 3" in html
    assert "PI2" not in html


def test_ties_decided_by_an_official(finished):
    rules_ = finished.voting_rules
    rules_.tie_policy = "decision"
    rules_.tie_decision = "PI2, PI1"
    rules_.save()
    piasek = pool_result(results.publish(finished).result, "piasek")
    # PI3 50k + PI2 30k leave 20k: PI1 (40k) is skipped, PI4 (20k) fits.
    assert [p["number"] for p in piasek["projects"] if p["funded"]] == ["PI3", "PI2", "PI4"]
    assert piasek["ties"] == [["PI2", "PI1"]]


# --- issue 20: counted once in the task worker, served from storage ----------------------


@pytest.fixture
def engine_calls(monkeypatch):
    """Counts every call into the tally engine (and the Django count around it)."""
    from ratusz.budget import rules

    calls = []
    for module, name in (
        (rules, "greedy"),
        (rules, "equal_shares"),
        (rules, "tally_pools"),
        (results, "compute"),
    ):
        original = getattr(module, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    return calls


def test_the_worker_counts_a_closed_edition_once_with_version_and_input_hash(finished):
    from ratusz.budget import rules
    from ratusz.budget.voting import tasks

    assert tasks.enqueue_closed() == [finished.pk]
    tally = finished.__class__.objects.get(pk=finished.pk).tally
    assert tally.engine_version == rules.ENGINE_VERSION == tally.result["engine_version"]
    assert len(tally.input_hash) == 64 and tally.input_hash == tally.result["input_sha256"]
    assert tasks.enqueue_closed() == []  # stored: not counted again
    # The same input gives the same hash; one more ballot changes it.
    again = results.publish(finished, recount=True)
    assert again.input_hash == tally.input_hash
    vote(
        finished,
        400,
        {"piasek": [("PI4", 1)]},
        district=finished.pools.get(slug="piasek").district_id,
    )
    assert results.publish(finished, recount=True).input_hash != tally.input_hash


def test_an_edition_still_voting_is_not_counted():
    from ratusz.budget.voting import tasks

    make_voting_edition(slug="trwa", open_=True)
    assert tasks.enqueue_closed() == []


def test_results_page_never_runs_the_engine(client, finished, engine_calls):
    url = reverse("budget_voting:results", args=[finished.slug])
    page = client.get(url)
    assert page.status_code == 200 and "są właśnie liczone" in page.content.decode()
    api = client.get(reverse("budget_voting:api-results", args=[finished.slug]))
    assert api.status_code == 503
    assert client.get(reverse("budget_voting:results-csv", args=[finished.slug])).status_code == 404
    assert engine_calls == []
    results.publish(finished)  # the worker's job
    engine_calls.clear()
    for _visitor in range(5):
        assert client.get(url).status_code == 200
        assert (
            client.get(reverse("budget_voting:api-results", args=[finished.slug])).status_code
            == 200
        )
        pb = reverse("budget_voting:results-pb", args=[finished.slug, "miasto"])
        assert client.get(pb).status_code == 200
    assert engine_calls == []


def test_results_page_query_count_is_bounded(client, finished, django_assert_max_num_queries):
    results.publish(finished)
    url = reverse("budget_voting:results", args=[finished.slug])
    client.get(url)  # warm caches (site, settings)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_official_orders_a_recount_and_it_is_logged(client, finished, db_tasks):
    from django.contrib.auth import get_user_model
    from wagtail.models import ModelLogEntry

    from ratusz.budget.voting.models import Tally
    from ratusz.core.models import Job
    from tests.worker import queued_paths, run_worker

    results.publish(finished)
    first = Tally.objects.get(edition=finished)
    client.force_login(get_user_model().objects.create_superuser("liczacy", "l@example.org", "x"))
    url = reverse("budget_voting_count", args=[finished.pk])
    page = client.get(url).content.decode()
    assert finished.tally.input_hash in page

    # a dry run counts, compares and keeps nothing
    Tally.objects.filter(pk=first.pk).update(result={"stary": True})
    response = client.post(url, {"dry_run": "on"})
    dry = Job.objects.get()
    assert response["Location"] == f"/admin/zadania/{dry.pk}/"
    assert queued_paths() == ["ratusz.core.jobs.run_job"]  # counted by the worker only
    run_worker()
    dry.refresh_from_db()
    assert dry.status == Job.Status.DONE and dry.summary.startswith("Edycja „")
    assert "Wynik się zmienił" in dry.report[0][2]
    assert Tally.objects.get(pk=first.pk).result == {"stary": True}
    assert not ModelLogEntry.objects.filter(action="budget_voting.recount").exists()

    assert client.post(url).status_code == 302
    run_worker()
    job = Job.objects.get(dry_run=False)
    assert job.status == Job.Status.DONE, job.error
    tally = Tally.objects.get(pk=first.pk)
    assert tally.seed == first.seed and tally.result == first.result  # same seed, same count
    assert ModelLogEntry.objects.filter(action="budget_voting.recount").count() == 1


# --- issue 20: results residents can read, and recount ------------------------------------


def test_results_page_is_readable(client, finished):
    import re

    from ratusz.budget.models import Pool as PoolModel

    PoolModel.objects.create(
        edition=finished, name="Pula pusta", slug="pusta", amount=1000, kind="thematic"
    )
    results.publish(finished)
    html = client.get(reverse("budget_voting:results", args=[finished.slug])).content.decode()
    svg = "".join(re.findall(r"<svg.*?</svg>", html, re.S))
    # Numbers for the SVG are never localised (width="520,0" draws nothing).
    assert not re.search(r'(width|height|x|y|viewBox)="[^"]*\d,\d', svg)
    assert re.search(r'<rect class="bar bar--funded" x="\d+" y="\d+" width="220"', svg)
    # Labels have their own column: a count never starts left of the bars.
    for bar_x, value_x in re.findall(
        r'<rect class="bar[^"]*" x="(\d+)"[^>]*></rect>\s*<text x="([\d.]+)"', svg
    ):
        assert float(value_x) > float(bar_x)
    assert (
        "Kwota puli 100\u00a0000,00\u00a0zł · wydano 90\u00a0000,00\u00a0zł · zostało 10\u00a0000,00\u00a0zł"
        in html
    )
    assert "Pula pusta" in html.split('id="frekwencja"')[0].split("Pule bez projektów")[1]
    assert 'id="pula-pusta"' not in html
    # Downloads come last, after the results and turnout.
    assert html.index('id="frekwencja"') < html.index('id="pliki"')
    assert html.index('id="pula-piasek"') < html.index("wyniki.csv")
    assert "0,4&nbsp;%" in html  # Piasek turnout


def test_project_pages_and_the_catalogue_show_the_outcome(client, finished):
    pi3 = project(finished, "PI3")
    before = client.get(pi3.get_absolute_url()).content.decode()
    assert "Wynik głosowania" not in before
    results.publish(finished)
    page = client.get(pi3.get_absolute_url()).content.decode()
    assert "Wynik głosowania" in page and "wybrany" in page
    assert "3 głosy" in page or "3 głosów" in page
    assert "miejsce 1 z 4" in page
    pi2 = client.get(project(finished, "PI2").get_absolute_url()).content.decode()
    assert "niewybrany" in pi2 and "miejsce 3 z 4" in pi2
    catalogue = client.get(reverse("budget:catalogue"), {"edition": finished.slug}).content.decode()
    assert "miejsce 1 z 4" in catalogue and "niewybrany" in catalogue


def _pabutools_winners(path):
    election = pytest.importorskip("pabutools.election")
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares

    instance, profile = election.parse_pabulib(str(path))
    if instance.meta["rule"].startswith("equalshares"):
        chosen = method_of_equal_shares(
            instance, profile, sat_class=election.Cost_Sat, voter_budget_increment=1
        )
    else:
        chosen = greedy_utilitarian_welfare(instance, profile, sat_class=election.Cost_Sat)
    return sorted(p.name for p in chosen)


@pytest.mark.parametrize("rule", [Pool.CountingRule.MES_ADD1, Pool.CountingRule.GREEDY])
def test_anyone_can_recount_the_published_file(client, finished, tmp_path, capsys, rule):
    from ratusz.budget.__main__ import main

    Pool.objects.filter(edition=finished, slug="piasek").update(counting_rule=rule)
    rules_ = finished.voting_rules
    rules_.tie_policy = "decision"
    rules_.tie_decision = "PI1, PI2"  # pabutools breaks ties by file order: say the same
    rules_.save()
    results.publish(finished)
    html = client.get(reverse("budget_voting:results", args=[finished.slug])).content.decode()
    published = pool_result(finished.tally.result, "piasek")
    winners = sorted(p["number"] for p in published["projects"] if p["funded"])
    pb = client.get(reverse("budget_voting:results-pb", args=[finished.slug, "piasek"]))
    path = tmp_path / pb["Content-Disposition"].split('filename="')[1].rstrip('"')
    path.write_bytes(pb.content)
    assert f"python -m ratusz.budget tally {path.name}" in html
    # Our own engine, as the page tells residents to run it.
    assert main(["tally", str(path)]) == 0
    assert sorted(json.loads(capsys.readouterr().out)["selected"]) == winners
    # The independent library, with the command shown on the page.
    assert f'parse_pabulib("{path.name}")' in unescape(html)
    assert _pabutools_winners(path) == winners


def test_the_page_command_recounts_exclusions_and_the_80_percent_rule(
    client, finished, tmp_path, capsys
):
    from ratusz.budget.__main__ import main

    group = ExclusionGroup.objects.create(edition=finished, name="Park")
    finished.projects.filter(number__in=["PI3", "PI1"]).update(exclusion_group=group)
    Pool.objects.filter(edition=finished, slug="miasto").update(
        counting_rule=Pool.CountingRule.POZNAN_80
    )
    results.publish(finished)
    html = unescape(
        client.get(reverse("budget_voting:results", args=[finished.slug])).content.decode()
    )
    for slug in ("piasek", "miasto"):
        published = pool_result(finished.tally.result, slug)
        pb = client.get(reverse("budget_voting:results-pb", args=[finished.slug, slug]))
        name = pb["Content-Disposition"].split('filename="')[1].rstrip('"')
        (tmp_path / name).write_bytes(pb.content)
        command = next(
            line
            for line in html.splitlines()
            if "python -m ratusz.budget tally" in line and name in line
        )
        args = command.split("python -m ratusz.budget ")[1].split("</code>")[0].split()
        args[-1] = str(tmp_path / name)
        assert main(args) == 0
        out = json.loads(capsys.readouterr().out)
        assert sorted(out["selected"]) == sorted(
            p["number"] for p in published["projects"] if p["funded"]
        )
        assert sorted(out["extra"]) == sorted(
            p["number"] for p in published["projects"] if p["reserve"]
        )
    assert "--exclusive PI1,PI3" in html or "--exclusive PI3,PI1" in html


def test_reopening_voting_over_published_results_needs_the_logged_invalidation(client, finished):
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError
    from django.utils import timezone
    from wagtail.models import ModelLogEntry

    tally = results.publish(finished)
    finished.voting_end = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        finished.full_clean()
    assert "najpierw unieważnij wyniki" in str(error.value.message_dict["voting_end"])
    # Even dates moved behind the form's back do not reopen the ballot.
    finished.save()
    assert not services.voting_open(finished)

    client.force_login(get_user_model().objects.create_superuser("k", "k@example.org", "x"))
    url = reverse("budget_voting_count", args=[finished.pk])
    refused = client.post(url, {"action": "invalidate", "reason": " "})
    assert refused.status_code == 400 and "Podaj powód" in refused.content.decode()
    assert (
        client.post(url, {"action": "invalidate", "reason": "Błąd w imporcie kart"}).status_code
        == 302
    )
    assert results.stored(finished) is None
    entry = ModelLogEntry.objects.get(action="budget_voting.invalidate")
    assert entry.data["reason"] == "Błąd w imporcie kart"
    assert entry.data["input_hash"] == tally.input_hash
    finished.full_clean()  # now the vote can be reopened
    assert services.voting_open(finished)
