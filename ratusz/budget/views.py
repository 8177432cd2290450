"""Public pages of the participatory budget: thin, the work is in services."""

from django.core import signing
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ratusz.budget import catalogue, services
from ratusz.budget.forms import AppealForm, ProjectForm, SupportForm
from ratusz.budget.models import Attachment, Edition, Project, StatusChange
from ratusz.budget.workflow import Action, Status, allowed_actions
from ratusz.core.maps import tile_context
from ratusz.core.ratelimit import ratelimit
from ratusz.core.tenancy import in_city

SUPPORT_SALT = "budget-support-link"


def _crumbs(edition=None, *rest):
    items = [(_("Budżet obywatelski"), reverse("budget:index"))]
    if edition is not None:
        items.append((edition.name, edition.get_absolute_url()))
    items.extend(rest)
    return items


def _edition(request, slug):
    """An edition of the request's city (another city's slug: 404)."""
    return get_object_or_404(in_city(Edition.objects.all(), request), slug=slug)


@require_GET
def index(request):
    editions = list(in_city(Edition.objects.all(), request))
    current = editions[0] if editions else None
    context = {
        "editions": editions,
        "edition": current,
        "breadcrumbs": [(_("Budżet obywatelski"), None)],
    }
    if current:
        context.update(catalogue.edition_overview(current))
    return render(request, "budget/index.html", context)


@require_GET
def edition(request, slug):
    current = _edition(request, slug)
    context = {"edition": current, "breadcrumbs": _crumbs(current)}
    context["breadcrumbs"][-1] = (current.name, None)
    context.update(catalogue.edition_overview(current))
    return render(request, "budget/edition.html", context)


@ratelimit("budget-submit", rate="20/h")
@require_http_methods(["GET", "POST"])
def submit(request, slug):
    current = _edition(request, slug)
    crumbs = _crumbs(current, (_("Zgłoś projekt"), None))
    if not current.submissions_open():
        status = 400 if request.method == "POST" else 200
        return render(
            request,
            "budget/closed.html",
            {"edition": current, "breadcrumbs": crumbs},
            status=status,
        )
    return _project_form(request, current, None, crumbs)


def _project_form(request, current, project, crumbs, token=None):
    if request.method == "POST" and request.POST.get("action") == "add_cost":
        # "Dodaj pozycję" without JavaScript: the same form again with one more cost
        # row, nothing saved and no errors yet (files have to be chosen again).
        posted = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        form = ProjectForm(edition=current, project=project, initial=posted, extra_rows=1)
        return _render_form(request, current, project, crumbs, form, 200, token)
    if request.method == "POST":
        is_draft = request.POST.get("action") == "draft"
        form = ProjectForm(
            request.POST, request.FILES, edition=current, draft=is_draft, project=project
        )
        if form.is_valid():
            try:
                saved, new_token = services.save_from_form(
                    form, submit=not is_draft, user=request.user
                )
            except services.DecisionError as error:
                form.add_error(None, str(error))
            else:
                token = new_token or token
                if new_token:
                    link = request.build_absolute_uri(reverse("budget:mine", args=[new_token]))
                    from ratusz.budget.tasks import send_author_link

                    send_author_link(saved, link)
                return redirect(reverse("budget:mine", args=[token]) + "?zapisano=1")
        status = 400
    else:
        form = ProjectForm(edition=current, project=project, initial=_initial(project))
        status = 200
    return _render_form(request, current, project, crumbs, form, status, token)


def _render_form(request, current, project, crumbs, form, status, token=None):
    if project is not None and token:
        # the author's own page, with the support link and the count
        return render(
            request,
            "budget/mine.html",
            {**_mine_context(request, project, token, form), "breadcrumbs": crumbs},
            status=status,
        )
    return render(
        request,
        "budget/submit.html",
        {
            "edition": current,
            "form": form,
            "project": project,
            "progress": _progress(current, project),
            "breadcrumbs": crumbs,
            "districts_map": catalogue.districts_map(current),
            **tile_context(),
        },
        status=status,
    )


def _progress(edition, project):
    """Where the author is on the path: draft → support link → count → submit."""
    online = project.supports.count() if project else 0
    paper = project.support_scan_count if project else 0
    required = edition.required_supports
    have = online + paper
    return {
        "saved": project is not None,
        "online": online,
        "paper": paper,
        "have": have,
        "required": required,
        "missing": max(required - have, 0),
        "complete": have >= required,
        "percent": min(100, int(100 * have / required)) if required else 100,
    }


def _initial(project):
    if project is None:
        return {}
    data = {
        "pool": project.pool_id,
        "title": project.title,
        "description": project.description,
        "justification": project.justification,
        "location_text": project.location_text,
        "location_lat": project.location_lat,
        "location_lon": project.location_lon,
        "author_name": project.author_name,
        "author_email": project.author_email,
        "author_phone": project.author_phone,
        "author_name_public": project.author_name_public,
        "guardian_consent": project.author_guardian_consent,
        "support_scan_count": project.support_scan_count or None,
    }
    for i, item in enumerate(project.cost_items.all(), start=1):
        data[f"cost_{i}_name"] = item.name
        data[f"cost_{i}_amount"] = item.amount
    return data


def support_link(request, project):
    value = signing.dumps(project.pk, salt=SUPPORT_SALT)
    return request.build_absolute_uri(reverse("budget:support", args=[value]))


@ratelimit("budget-mine", rate="60/h")
@require_http_methods(["GET", "POST"])
def mine(request, token):
    """The author's private page: edit the draft, collect support, appeal, withdraw."""
    project = services.find_by_token(token)
    if project is None or not in_city(Project.objects.filter(pk=project.pk), request).exists():
        raise Http404
    current = project.edition
    crumbs = _crumbs(current, (_("Mój projekt"), None))
    editable = project.status in (Status.DRAFT, Status.RETURNED)
    if request.method == "POST" and "action" in request.POST and editable:
        if request.POST["action"] in ("draft", "submit", "add_cost"):
            return _project_form(request, current, project, crumbs, token=token)
    appeal_form = AppealForm()
    message = None
    status = 200
    if request.method == "POST" and request.POST.get("step") in ("appeal", "withdraw"):
        appeal_form, message, status = _author_step(request, project, token)
        if status == 302:
            return redirect(reverse("budget:mine", args=[token]))
    form = None
    if editable:
        form = ProjectForm(edition=current, project=project, initial=_initial(project))
    context = {
        **_mine_context(request, project, token, form),
        "appeal_form": appeal_form,
        "message": message,
        "breadcrumbs": crumbs,
    }
    return render(request, "budget/mine.html", context, status=status)


def _mine_context(request, project, token, form):
    current = project.edition
    editable = project.status in (Status.DRAFT, Status.RETURNED)
    return {
        "edition": current,
        "project": project,
        "form": form,
        "token": token,
        "saved": request.GET.get("zapisano") == "1",
        "support_url": support_link(request, project) if editable else None,
        "support_count": project.supports.count(),
        "progress": _progress(current, project),
        "appeal_form": AppealForm(),
        "can_appeal": Action.APPEAL in allowed_actions(project.status)
        and current.lists_public()
        and current.appeals_end is not None
        and timezone.localdate() <= current.appeals_end,
        "can_withdraw": Action.WITHDRAW in allowed_actions(project.status),
        "history": project.history.all(),
        "districts_map": catalogue.districts_map(current) if form else None,
        **tile_context(),
    }


def _author_step(request, project, token):
    step = request.POST["step"]
    form = AppealForm(request.POST) if step == "appeal" else AppealForm()
    if step == "appeal" and not form.is_valid():
        return form, None, 400
    reason = form.cleaned_data["reason"] if step == "appeal" else ""
    action = Action.APPEAL if step == "appeal" else Action.WITHDRAW
    try:
        services.decide(project, action=action, reason=reason, by_author=True)
    except services.DecisionError as error:
        return form, str(error), 400
    return form, None, 302


@ratelimit("budget-support", rate="30/h")
@require_http_methods(["GET", "POST"])
def support(request, signed):
    try:
        pk = signing.loads(signed, salt=SUPPORT_SALT)
    except signing.BadSignature:
        raise Http404 from None
    project = get_object_or_404(
        in_city(Project.objects.select_related("edition", "pool"), request), pk=pk
    )
    current = project.edition
    crumbs = _crumbs(current, (_("Poprzyj projekt"), None))
    open_ = project.status in (Status.DRAFT, Status.RETURNED) and (
        current.submissions_open() or project.status == Status.RETURNED
    )
    done = False
    status = 200
    form = SupportForm(edition=current)
    if request.method == "POST":
        form = SupportForm(request.POST, edition=current)
        if not open_:
            form.is_valid()
            form.add_error(None, _("Zbieranie poparcia dla tego projektu jest zakończone."))
        elif form.is_valid():
            try:
                services.add_support(project, form)
            except services.DecisionError as error:
                form.add_error("pesel", str(error))
            else:
                done = True
                form = SupportForm(edition=current)
        status = 200 if done else 400
    return render(
        request,
        "budget/support.html",
        {
            "edition": current,
            "project": project,
            "form": form,
            "open": open_,
            "done": done,
            "breadcrumbs": crumbs,
        },
        status=status,
    )


@require_GET
def project_list(request):
    result = catalogue.search(request.GET, request)
    result["projects"] = list(result["projects"])
    editions = {p.edition_id: p.edition for p in result["projects"]}
    return render(
        request,
        "budget/catalogue.html",
        {
            **result,
            "outcomes": services.published_outcomes(editions.values()),
            "breadcrumbs": [
                (_("Budżet obywatelski"), reverse("budget:index")),
                (_("Katalog projektów"), None),
            ],
        },
    )


@require_GET
def project_detail(request, slug, pk):
    project = get_object_or_404(
        in_city(Project.objects.public(), request)
        .select_related("edition", "pool", "pool__district", "merged_into", "exclusion_group")
        .prefetch_related(
            "cost_items",
            Prefetch(
                "attachments", queryset=Attachment.objects.filter(kind__in=Attachment.PUBLIC_KINDS)
            ),
            Prefetch("history", queryset=StatusChange.objects.order_by("created_at", "pk")),
        ),
        pk=pk,
        edition__slug=slug,
    )
    return render(
        request,
        "budget/project.html",
        {
            "edition": project.edition,
            "project": project,
            "outcome": services.published_outcomes([project.edition]).get(project.pk),
            "map_data": catalogue.map_data([project]),
            **tile_context(),
            "breadcrumbs": _crumbs(project.edition, (project.title, None)),
        },
    )


@require_GET
def lists(request, slug):
    current = _edition(request, slug)
    return render(
        request,
        "budget/lists.html",
        {
            "edition": current,
            "pools": catalogue.lists_by_pool(current),
            "lists_public": current.lists_public(),
            "final_public": current.final_list_public(),
            "breadcrumbs": _crumbs(current, (_("Listy projektów"), None)),
        },
    )


@require_GET
def project_map(request, slug):
    current = _edition(request, slug)
    projects = current.projects.public().select_related("pool")
    return render(
        request,
        "budget/map.html",
        {
            "edition": current,
            "map_data": catalogue.map_data(projects),
            **tile_context(),
            "projects": [p for p in projects if p.point],
            "breadcrumbs": _crumbs(current, (_("Mapa projektów"), None)),
        },
    )


@require_GET
def paper_form(request, slug):
    current = _edition(request, slug)
    return render(
        request,
        "budget/paper_form.html",
        {
            "edition": current,
            "pools": current.pools.all(),
            "rows": range(1, 7),
            "support_rows": range(1, current.required_supports + 6),
            "breadcrumbs": _crumbs(current, (_("Formularz papierowy"), None)),
        },
    )


@require_GET
def export_csv(request, slug):
    current = _edition(request, slug)
    return catalogue.csv_response(current)


@require_GET
def attachment(request, pk):
    """A public attachment of a non-draft project; scans of supports and consents never."""
    found = get_object_or_404(
        in_city(Attachment.objects.select_related("project"), request),
        pk=pk,
        kind__in=Attachment.PUBLIC_KINDS,
    )
    if found.project.status == Status.DRAFT:
        raise Http404
    response = FileResponse(
        found.file.open("rb"), content_type=found.content_type, filename=found.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
