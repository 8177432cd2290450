"""Public pages of the NGO area: thin views over models and rules."""

import hashlib
import json
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ratusz.core import city
from ratusz.core.maps import tile_context
from ratusz.core.ratelimit import ratelimit
from ratusz.core.tenancy import in_city
from ratusz.gis.geo import districts_outline

from . import rules
from .forms import ChangeProposalForm, CommentForm, DirectoryFilterForm, RegistrationForm
from .ical import Event
from .ical import calendar as ical_calendar
from .models import (
    ChangeProposal,
    Competition,
    CompetitionResult,
    CooperationProgramme,
    Organisation,
    SmallGrant,
)

PAGE_SIZE = 20
UNSUBSCRIBE_SALT = "ngo-unsubscribe"


def organisations(request):
    """The request's city's approved catalogue entries."""
    return in_city(Organisation.objects.approved(), request)


def public_competitions(request):
    """The request's city's announced competitions."""
    return in_city(Competition.objects.public(), request)


def published_grants(request):
    """The request's city's small grants published for comments."""
    return in_city(SmallGrant.objects.filter(published_on__isnull=False), request)


def programmes(request):
    return in_city(CooperationProgramme.objects.all(), request)


def crumbs(*items):
    return [(_("Organizacje pozarządowe"), reverse("ngo:index")), *items]


@require_GET
def index(request):
    today = timezone.localdate()
    competitions = list(
        public_competitions(request)
        .exclude(state__in=["resolved", "cancelled"])
        .select_related("area")
    )
    open_grants = [g for g in published_grants(request) if g.open_for_comments(today)]
    return render(
        request,
        "ngo/index.html",
        {
            "competitions": competitions,
            "open_grants": open_grants,
            "programme": programmes(request).filter(year=today.year).first(),
            "organisation_count": organisations(request).count(),
            "breadcrumbs": [(_("Organizacje pozarządowe"), None)],
        },
    )


def _search(queryset, text):
    # Casefold in Python: SQLite's LIKE folds ASCII only ("Łąka" ≠ "łąka"),
    # and a city's directory is a few hundred rows.
    needle = text.casefold()
    ids = [
        pk
        for pk, name, description in queryset.values_list("pk", "name", "description")
        if needle in name.casefold() or needle in description.casefold()
    ]
    return queryset.filter(pk__in=ids)


@require_GET
def directory(request):
    form = DirectoryFilterForm(request.GET or None, site=city.site_of(request))
    entries = organisations(request).select_related("district").prefetch_related("areas")
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            if data["q"]:
                entries = _search(entries, data["q"])
            if data["area"]:
                entries = entries.filter(areas=data["area"])
            if data["district"]:
                entries = entries.filter(district=data["district"])
            if data["opp"]:
                entries = entries.filter(opp=True)
        else:
            entries, status = entries.none(), 400
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("strona"))
    query = request.GET.copy()
    query.pop("strona", None)
    return render(
        request,
        "ngo/directory.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "breadcrumbs": crumbs((_("Katalog organizacji"), None)),
        },
        status=status,
    )


@require_GET
def organisation(request, slug):
    org = get_object_or_404(
        organisations(request).select_related("district", "logo").prefetch_related("areas"),
        slug=slug,
    )
    grants = (
        CompetitionResult.objects.filter(organisation=org, competition__state="resolved")
        .select_related("competition")
        .order_by("-competition__resolved_on")
    )
    small = org.small_grants.filter(decision=SmallGrant.Decision.GRANTED).order_by("-decided_on")
    total = sum((g.amount for g in grants), Decimal("0")) + sum(
        (g.amount for g in small), Decimal("0")
    )
    jsonld = {
        "@context": "https://schema.org",
        "@type": "NGO",
        "name": org.name,
        "url": request.build_absolute_uri(org.get_absolute_url()),
        "taxID": org.nip,
    }
    if org.street:
        jsonld["address"] = {
            "@type": "PostalAddress",
            "streetAddress": org.street,
            "postalCode": org.postal_code,
            "addressLocality": org.city,
            "addressCountry": "PL",
        }
    if org.website:
        jsonld["sameAs"] = org.website
    return render(
        request,
        "ngo/organisation.html",
        {
            "org": org,
            "grants": grants,
            "small_grants": small,
            "grants_total": total,
            # "<" escaped so that no value can close the script element.
            "jsonld": json.dumps(jsonld, ensure_ascii=False).replace("<", "\\u003c"),
            "breadcrumbs": crumbs(
                (_("Katalog organizacji"), reverse("ngo:directory")), (org.name, None)
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@ratelimit("ngo-register", rate="5/h")
def register(request):
    form = RegistrationForm(
        request.POST or None,
        request.FILES or None,
        # the catalogue of the city whose portal took the entry
        instance=Organisation(site=city.site_of(request)),
        initial={"city": city.current(request).city_name},
    )
    if request.method == "POST":
        if form.is_valid():
            form.save()
            return redirect("ngo:register_done")
        status = 400
    else:
        status = 200
    return render(
        request,
        "ngo/register.html",
        {
            "form": form,
            "breadcrumbs": crumbs((_("Zgłoś organizację"), None)),
            "districts_map": districts_outline(request),
            **tile_context(),
        },
        status=status,
    )


@require_GET
def register_done(request):
    return render(
        request,
        "ngo/register_done.html",
        {"breadcrumbs": crumbs((_("Zgłoszenie przyjęte"), None))},
    )


@require_http_methods(["GET", "POST"])
@ratelimit("ngo-propose", rate="10/h")
def propose_changes(request, slug):
    org = get_object_or_404(organisations(request), slug=slug)
    form = ChangeProposalForm(request.POST or None, organisation=org)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            ChangeProposal.objects.create(
                organisation=org,
                changes=form.changes,
                proposer_name=form.cleaned_data["proposer_name"],
                proposer_email=form.cleaned_data["proposer_email"],
                note=form.cleaned_data["note"],
            )
            return render(
                request,
                "ngo/propose_done.html",
                {
                    "org": org,
                    "breadcrumbs": crumbs(
                        (org.name, org.get_absolute_url()), (_("Zmiany zgłoszone"), None)
                    ),
                },
            )
        status = 400
    return render(
        request,
        "ngo/propose.html",
        {
            "org": org,
            "form": form,
            "breadcrumbs": crumbs(
                (org.name, org.get_absolute_url()), (_("Zaproponuj zmiany"), None)
            ),
        },
        status=status,
    )


@require_GET
def competitions(request):
    by_phase = defaultdict(list)
    for competition in (
        public_competitions(request).select_related("area").prefetch_related("results")
    ):
        by_phase[competition.phase].append(competition)
    sections = [
        (rules.Phase.INTAKE, _("Trwa nabór ofert")),
        (rules.Phase.EVALUATION, _("Trwa ocena ofert")),
        (rules.Phase.RESOLVED, _("Rozstrzygnięte")),
        (rules.Phase.CANCELLED, _("Unieważnione")),
    ]
    return render(
        request,
        "ngo/competitions.html",
        {
            "sections": [(phase, title, by_phase[phase]) for phase, title in sections],
            "breadcrumbs": crumbs((_("Otwarte konkursy ofert"), None)),
        },
    )


@require_GET
def competition(request, slug):
    item = get_object_or_404(
        public_competitions(request)
        .select_related("area")
        .prefetch_related(
            "documents__document",
            Prefetch("results", queryset=CompetitionResult.objects.select_related("organisation")),
        ),
        slug=slug,
    )
    results = list(item.results.all())
    total = sum((r.amount for r in results), Decimal("0"))
    return render(
        request,
        "ngo/competition.html",
        {
            "item": item,
            "results": results,
            "results_total": total,
            "remaining": item.amount - total,
            "breadcrumbs": crumbs(
                (_("Otwarte konkursy ofert"), reverse("ngo:competitions")), (item.title, None)
            ),
        },
    )


@require_GET
def small_grants(request):
    today = timezone.localdate()
    grants = list(published_grants(request).select_related("organisation", "area"))
    return render(
        request,
        "ngo/small_grants.html",
        {
            "open": [g for g in grants if g.open_for_comments(today)],
            "waiting": [
                g for g in grants if not g.open_for_comments(today) and g.decision == "pending"
            ],
            "decided": [g for g in grants if g.decision != "pending"],
            "breadcrumbs": crumbs((_("Małe granty"), None)),
        },
    )


@require_http_methods(["GET", "POST"])
@ratelimit("ngo-comment", rate="10/h")
def small_grant(request, pk):
    grant = get_object_or_404(
        published_grants(request).select_related("organisation", "area", "offer_document"),
        pk=pk,
    )
    is_open = grant.open_for_comments()
    form = CommentForm(request.POST or None) if is_open else None
    status, sent = 200, False
    if request.method == "POST":
        if form is None:
            status = 400
        elif form.is_valid():
            comment = form.save(commit=False)
            comment.small_grant = grant
            comment.save()
            form, sent = CommentForm(), True
        else:
            status = 400
    return render(
        request,
        "ngo/small_grant.html",
        {
            "grant": grant,
            "form": form,
            "sent": sent,
            "breadcrumbs": crumbs(
                (_("Małe granty"), reverse("ngo:small_grants")), (grant.title, None)
            ),
        },
        status=status,
    )


@require_GET
def programme(request):
    items = list(programmes(request).select_related("document", "report_document"))
    today = timezone.localdate()
    return render(
        request,
        "ngo/programme.html",
        {
            "current": next((p for p in items if p.year == today.year), None),
            "programmes": items,
            "reminders": rules.missing_documents(
                today,
                {p.year for p in items},
                {p.year for p in items if p.has_report},
            ),
            "breadcrumbs": crumbs((_("Program współpracy"), None)),
        },
    )


def calendar_events(today, request):
    """Upcoming deadlines of the request's city as (date, label, url, kind), sorted."""
    events = []
    for item in public_competitions(request).filter(
        state="announced", offer_deadline__date__gte=today - timedelta(days=1)
    ):
        deadline = timezone.localtime(item.offer_deadline)
        if deadline.date() >= today:
            events.append(
                (
                    deadline.date(),
                    _("Termin składania ofert: %(t)s") % {"t": item.title},
                    item.get_absolute_url(),
                    "competition",
                )
            )
    for grant in in_city(SmallGrant.objects.all(), request).filter(
        published_on__gte=today - timedelta(days=rules.COMMENT_DAYS)
    ):
        if grant.comments_until >= today:
            label = _("Koniec zgłaszania uwag do oferty: %(t)s") % {"t": grant.title}
            events.append((grant.comments_until, label, grant.get_absolute_url(), "small-grant"))
    next_year = today.year + 1
    for due, label in (
        (
            rules.programme_due(next_year),
            _("Uchwalenie programu współpracy na rok %(y)d") % {"y": next_year},
        ),
        (
            rules.report_due(today.year - 1),
            _("Publikacja sprawozdania z programu za rok %(y)d") % {"y": today.year - 1},
        ),
        (
            rules.report_due(today.year),
            _("Publikacja sprawozdania z programu za rok %(y)d") % {"y": today.year},
        ),
    ):
        if due >= today:
            events.append((due, label, reverse("ngo:programme"), "programme"))
    return sorted(events, key=lambda e: (e[0], e[1]))


@require_GET
def calendar_ics(request):
    today = timezone.localdate()
    events = [
        # UID from what identifies the deadline, so calendars update instead of duplicating.
        Event(
            hashlib.sha256(f"{kind}|{url}|{label}".encode()).hexdigest()[:24] + "@ratusz-ngo",
            day,
            label,
            request.build_absolute_uri(url),
        )
        for day, label, url, kind in calendar_events(today, request)
    ]
    body = ical_calendar(
        events, name=_("Terminy dla organizacji pozarządowych"), stamp=timezone.now()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="terminy-ngo.ics"'
    return response


@require_GET
def calendar(request):
    today = timezone.localdate()
    months = defaultdict(list)
    for event in calendar_events(today, request):
        months[event[0].replace(day=1)].append(event)
    return render(
        request,
        "ngo/calendar.html",
        {
            "months": sorted(months.items()),
            "today": today,
            "breadcrumbs": crumbs((_("Kalendarz terminów"), None)),
        },
    )


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise Http404 from None
    org = get_object_or_404(in_city(Organisation.objects.all(), request), pk=pk)
    done = False
    if request.method == "POST":
        org.notify_competitions = False
        org.save(update_fields=["notify_competitions"])
        done = True
    return render(
        request,
        "ngo/unsubscribe.html",
        {"org": org, "done": done, "breadcrumbs": crumbs((_("Powiadomienia o konkursach"), None))},
    )


def unsubscribe_token(org) -> str:
    return signing.dumps(org.pk, salt=UNSUBSCRIBE_SALT)
