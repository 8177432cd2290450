"""Public voting, receipt and results pages: thin, the work is in services and results."""

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ratusz.budget import pabulib
from ratusz.budget.models import Edition
from ratusz.core import csvsafe
from ratusz.core.problems import problem
from ratusz.core.ratelimit import ratelimit
from ratusz.core.tenancy import in_city

from . import charts, exports, results, services
from .forms import VerifyForm, VoteForm, chosen_districts, district_choices
from .models import Ballot


def _edition(request, slug):
    """An edition of the request's city (another city's slug: 404)."""
    return get_object_or_404(in_city(Edition.objects.all(), request), slug=slug)


def _crumbs(edition, *rest):
    return [
        (_("Budżet obywatelski"), reverse("budget:index")),
        (edition.name, edition.get_absolute_url()),
        *rest,
    ]


@require_http_methods(["GET", "POST"])
@ratelimit("budget-vote", rate="30/h")
def vote(request, slug):
    edition = _edition(request, slug)
    crumbs = _crumbs(edition, (_("Głosowanie"), None))
    if not services.voting_open(edition):
        return render(
            request, "budget_voting/closed.html", {"edition": edition, "breadcrumbs": crumbs}
        )
    pools = services.ballot_pools(edition)
    rules = services.rules_of(edition)
    districts = chosen_districts(request.GET.getlist("dzielnica"), pools, rules.max_district_pools)
    choices = district_choices(pools)
    if request.method == "GET" and districts is None and choices:
        # The first step: which district's pools the resident sees (a plain GET form,
        # so it works without JavaScript and with the keyboard alone).
        context = {
            "edition": edition,
            "rules": rules,
            "choices": choices,
            "several": rules.max_district_pools != 1 and not rules.own_district_only,
            "invalid": "dzielnica" in request.GET,
            "breadcrumbs": crumbs,
        }
        status = 400 if "dzielnica" in request.GET else 200
        return render(request, "budget_voting/vote_district.html", context, status=status)
    form = VoteForm(request.POST or None, edition=edition, districts=districts, pools=pools)
    if request.method == "POST":
        if form.is_valid():
            outcome = services.cast(edition, form.person, form.ballot)
            if outcome.ballot is None:
                context = {"edition": edition, "message": outcome.refused, "breadcrumbs": crumbs}
                return render(request, "budget_voting/refused.html", context, status=409)
            url = reverse("budget_voting:receipt", args=[edition.slug, outcome.ballot.number])
            return redirect(f"{url}?nowa=1", permanent=False)
        status = 400
    else:
        status = 200
    names = dict(choices)
    context = {
        "edition": edition,
        "form": form,
        "chosen": [names[pk] for pk in districts or []],
        "stepped": districts is not None,
        "breadcrumbs": crumbs,
    }
    return render(request, "budget_voting/vote.html", context, status=status)


@require_GET
def receipt(request, slug, number):
    edition = _edition(request, slug)
    ballot = (
        Ballot.objects.filter(edition=edition, number=number.upper())
        .select_related("voter")
        .first()
    )
    if ballot is None:
        raise Http404(_("Nie ma karty o tym numerze w tej edycji."))
    context = {
        "edition": edition,
        "ballot": ballot,
        "fresh": request.GET.get("nowa") == "1",
        "counted": Ballot.objects.counted().filter(pk=ballot.pk).exists(),
        "results_public": services.results_public(edition),
        "breadcrumbs": _crumbs(edition, (_("Potwierdzenie głosu"), None)),
    }
    return render(request, "budget_voting/receipt.html", context)


@require_GET
def verify(request, slug):
    edition = _edition(request, slug)
    form = VerifyForm(request.GET or None)
    status = 200
    if request.GET:
        status = 400
        if form.is_valid():
            number = form.cleaned_data["number"]
            if Ballot.objects.filter(edition=edition, number=number).exists():
                return redirect("budget_voting:receipt", edition.slug, number)
            form.add_error("number", _("Nie ma karty o tym numerze w tej edycji."))
            status = 404
    context = {
        "edition": edition,
        "form": form,
        "breadcrumbs": _crumbs(edition, (_("Sprawdź swój głos"), None)),
    }
    return render(request, "budget_voting/verify.html", context, status=status)


def _published(edition):
    """The stored result once it may be shown; never counts (the task worker does)."""
    if not services.results_public(edition):
        return None
    tally = results.stored(edition)
    return tally.result if tally is not None else None


@require_GET
def results_page(request, slug):
    edition = _edition(request, slug)
    data = _published(edition)
    crumbs = _crumbs(edition, (_("Wyniki głosowania"), None))
    if data is None:
        context = {
            "edition": edition,
            "breadcrumbs": crumbs,
            "counting": services.results_public(edition),
        }
        return render(request, "budget_voting/results_hidden.html", context)
    groups = [[n for n in numbers if n] for numbers in _group_numbers(edition)]
    pools, empty = [], []
    for pool in data["pools"]:
        if not pool["projects"]:  # no header-only tables for pools nobody could vote in
            empty.append(pool["name"])
            continue
        pb_name = exports.pb_file_name(edition, pool["name"])
        pools.append(
            {
                **pool,
                "chart": charts.bars(pool),
                "pb_name": pb_name,
                "command": exports.cli_command(pool, pb_name, groups),
                "pabutools": exports.pabutools_command(pool, pb_name),
            }
        )
    # Each district's share of all voters; turnout against residents only where the
    # district's population is known (the gis register may not have it).
    voters = sum(row["voters"] for row in data["turnout_by_district"]) or 1
    districts = [
        {**row, "of_voters": f"{100 * row['voters'] / voters:.1f}".replace(".", ",")}
        for row in data["turnout_by_district"]
    ]
    context = {
        "edition": edition,
        "data": data,
        "districts": districts,
        "with_population": any(row["population"] for row in districts),
        "pools": pools,
        "empty_pools": empty,
        "funded_count": sum(
            p["funded"] or p["reserve"] for pool in pools for p in pool["projects"]
        ),
        "breadcrumbs": crumbs,
    }
    return render(request, "budget_voting/results.html", context)


def _group_numbers(edition):
    from ratusz.budget.models import Project

    found: dict[int, list[str]] = {}
    rows = Project.objects.filter(edition=edition, exclusion_group__isnull=False)
    for group, number in rows.values_list("exclusion_group_id", "number"):
        found.setdefault(group, []).append(number)
    return list(found.values())


@require_GET
def results_csv(request, slug):
    edition = _edition(request, slug)
    data = _published(edition)
    if data is None:
        raise Http404(_("Wyniki nie są jeszcze ogłoszone."))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wyniki-{edition.slug}.csv"'
    writer = csvsafe.writer(response)
    writer.writerows(exports.csv_rows(data))
    return response


@require_GET
def results_pb(request, slug, pool_slug):
    edition = _edition(request, slug)
    if _published(edition) is None:
        raise Http404(_("Wyniki nie są jeszcze ogłoszone."))
    pool = get_object_or_404(edition.pools, slug=pool_slug)
    text = pabulib.dumps(exports.election(pool, results.stored(edition).result))
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exports.pb_name(pool)}"'
    return response


@require_GET
def api_results(request, slug):
    edition = in_city(Edition.objects.all(), request).filter(slug=slug).first()
    if edition is None:
        return problem(404, _("Nie ma takiej edycji."), slug=slug)
    if not services.results_public(edition):
        detail = _("Liczba głosów jest niejawna do ogłoszenia wyników.")
        return problem(403, _("Wyniki nie są jeszcze ogłoszone."), detail)
    data = _published(edition)
    if data is None:
        response = problem(
            503, _("Wyniki są w trakcie liczenia."), _("Spróbuj ponownie za kilka minut.")
        )
        response["Retry-After"] = "120"
        return response
    payload = {"edition": edition.slug, "name": edition.name, **json.loads(json.dumps(data))}
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
