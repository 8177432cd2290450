"""Admin views for officials: one decision on a project, its attachments, the final list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.budget import allocation, eligibility, services
from ratusz.budget.forms import DecisionForm, SplitForm
from ratusz.budget.models import Attachment, Edition, Pool, Project
from ratusz.budget.workflow import Status
from ratusz.core.tenancy import for_user


def _require(request):
    if not request.user.has_perm("budget.change_project"):
        raise PermissionDenied


def _require_project(request, project):
    """Budget officials see every project; a department's reviewer only its unit's."""
    if request.user.has_perm("budget.change_project"):
        return
    if project.merit_unit_id is None or project.merit_unit_id not in services.reviewer_units(
        request.user
    ):
        raise PermissionDenied


def _location_in_district(project):
    pool = project.pool
    if project.point is None or pool.kind != "district" or pool.district_id is None:
        return None
    if not getattr(pool.district, "geometry", None):
        return None
    from ratusz.gis.lookup import district_at

    found = district_at(*project.point, site=project.edition.site_id)
    return found is not None and found.pk == pool.district_id


def checklist(project):
    """The edition's formal criteria with what the project's data say of each."""
    items = [eligibility.CostItem(i.name, i.amount) for i in project.cost_items.all()]
    sub = eligibility.Submission(
        items=items,
        pool_amount=project.pool.amount,
        supports_online=project.supports.count(),
        supports_paper=project.support_scan_count,
        has_support_scan=project.attachments.filter(kind=Attachment.Kind.SUPPORT_LIST).exists(),
        texts_complete=bool(project.title and project.description and project.justification),
        author_age_confirmed=project.author_age_confirmed,
        guardian_consent=project.author_guardian_consent,
        location_given=bool(project.location_text or project.point),
        location_in_district=_location_in_district(project),
    )
    rows = []
    for row in eligibility.formal_checklist(sub, project.edition.rules):
        text = _(row.message)
        rows.append({"text": text % row.params if row.params else text, "state": row.state})
    return rows


def decision(request, pk):
    if not (
        request.user.has_perm("budget.change_project")
        or request.user.has_perm("budget.review_merit")
    ):
        raise PermissionDenied  # before the lookup: no hint whether the project exists
    # another city's project: 404, as if it did not exist
    project = get_object_or_404(
        for_user(
            Project.objects.select_related("edition", "pool", "pool__district", "merit_unit"),
            request.user,
        ),
        pk=pk,
    )
    _require_project(request, project)
    form = DecisionForm(
        request.POST or None,
        project=project,
        may=lambda action: services.may_decide(request.user, project, action),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.decide(
                    project,
                    action=data["action"],
                    user=request.user,
                    reason=data.get("reason") or "",
                    correction_deadline=data.get("correction_deadline"),
                    new_cost=data.get("new_cost"),
                    merged_into=data.get("merged_into"),
                    author_consent=bool(data.get("author_consent")),
                )
            except services.DecisionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Decyzja zapisana, autor dostanie wiadomość e-mail."))
                return redirect(reverse("budget_decision", args=[project.pk]))
        status = 400
    if status == 400:
        messages.error(request, _("Decyzja nie została zapisana: popraw zaznaczone pola."))
    return TemplateResponse(
        request,
        "budget/admin/decision.html",
        {
            "project": project,
            "form": form,
            "history": project.history.select_related("user"),
            "attachments": project.attachments.all(),
            "cost_items": project.cost_items.all(),
            "checklist": checklist(project),
            "supports_online": project.supports.count(),
            "is_coordinator": services.is_coordinator(request.user),
        },
        status=status,
    )


def merit_queue(request):
    """The projects a department checks on their merits: its own queue (a coordinator
    sees every unit's, with the unit named)."""
    user = request.user
    if not (user.has_perm("budget.review_merit") or services.is_coordinator(user)):
        raise PermissionDenied
    projects = for_user(Project.objects.filter(status=Status.MERIT_CHECK), user).select_related(
        "edition", "pool", "merit_unit"
    )
    if not services.is_coordinator(user):
        projects = projects.filter(merit_unit_id__in=services.reviewer_units(user))
    return TemplateResponse(
        request,
        "budget/admin/merit_queue.html",
        {
            "projects": projects.order_by("edition", "merit_unit__name", "number"),
            "coordinator": services.is_coordinator(user),
        },
    )


def attachment(request, pk):
    """Any attachment of a project, scans of supports and guardian consents
    included, for the official who verifies it; never cached, always a download."""
    if not (
        request.user.has_perm("budget.change_project")
        or request.user.has_perm("budget.review_merit")
    ):
        raise PermissionDenied
    found = get_object_or_404(
        for_user(Attachment.objects.select_related("project"), request.user), pk=pk
    )
    _require_project(request, found.project)
    response = FileResponse(
        found.file.open("rb"),
        content_type=found.content_type,
        as_attachment=True,
        filename=found.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def final_list(request, pk):
    _require(request)
    edition = get_object_or_404(for_user(Edition.objects.all(), request.user), pk=pk)
    if request.method == "POST":
        try:
            admitted = services.publish_final_list(edition, user=request.user)
        except services.DecisionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Do głosowania dopuszczono %(n)d projektów.") % {"n": len(admitted)}
            )
        return redirect(reverse("budget_final_list", args=[edition.pk]))
    return TemplateResponse(
        request,
        "budget/admin/final_list.html",
        {
            "edition": edition,
            "feasible": edition.projects.filter(status="feasible").count(),
            "appealed": edition.projects.filter(status="appealed").count(),
        },
    )


def _split_preview(form):
    """The amounts the form's weights give each district pool, or a Polish error."""
    pools = form.pools
    values = {
        "population": {str(p.pk): p.population for p in pools},
        "area_km2": {str(p.pk): p.area_km2 for p in pools},
        "weight": {str(p.pk): w for p, w in zip(pools, form.weights().values(), strict=True)},
    }
    try:
        parts = allocation.split(
            form.cleaned_data["total"], [str(p.pk) for p in pools], form.factors(), values
        )
    except allocation.AllocationError as error:
        params = {k: _(v) if isinstance(v, str) else v for k, v in error.params.items()}
        for pool in pools:  # "Pula „12”" → the pool's name
            if params.get("unit") == str(pool.pk):
                params["unit"] = pool.name
        text = _(error.message)
        return None, text % params if params else text
    by_pk = {str(p.pk): p for p in pools}
    rows = [
        {
            "pool": by_pk[part.key],
            "share": f"{float(part.share) * 100:.2f}".replace(".", ","),
            "amount": part.amount,
            "differs": by_pk[part.key].amount != part.amount,
        }
        for part in parts
    ]
    return rows, None


def split(request, pk):
    """The district split as a form: weights named in Polish, one row per pool, and
    the amounts each pool gets shown before anything is saved."""
    _require(request)
    edition = get_object_or_404(for_user(Edition.objects.all(), request.user), pk=pk)
    pools = list(
        edition.pools.filter(kind=Pool.Kind.DISTRICT)
        .select_related("district")
        .order_by("sort_order", "name")
    )
    for pool in pools:  # as the edition page reads them: the district's figures if unset
        if pool.population is None and pool.district_id:
            pool.population = pool.district.population
    form = SplitForm(request.POST or None, edition=edition, pools=pools)
    preview, error, status = None, None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            preview, error = _split_preview(form)
            if error:
                form.add_error(None, error)
            elif request.POST.get("save") == "1":
                _save_split(edition, form, preview, request.user)
                messages.success(request, _("Zapisano podział i kwoty pul dzielnicowych."))
                return redirect(reverse("budget_split", args=[edition.pk]))
            else:
                status = 200
    elif edition.allocation_total is not None and edition.allocation_factors and pools:
        bound = SplitForm(
            {
                "total": edition.allocation_total,
                **{f"factor_{k}": v for k, v in edition.allocation_factors.items()},
                **{f"weight_{p.pk}": p.weight for p in pools if p.weight is not None},
            },
            edition=edition,
            pools=pools,
        )
        if bound.is_valid():
            preview, error = _split_preview(bound)
    if status == 400:
        messages.error(request, _("Podział nie został zapisany: popraw zaznaczone pola."))
    return TemplateResponse(
        request,
        "budget/admin/split.html",
        {"edition": edition, "form": form, "preview": preview, "error": error, "pools": pools},
        status=status,
    )


def _save_split(edition, form, preview, user):
    from django.db import transaction
    from wagtail.log_actions import log

    with transaction.atomic():
        edition.allocation_total = form.cleaned_data["total"]
        edition.allocation_factors = form.factors()
        edition.save(update_fields=["allocation_total", "allocation_factors"])
        weights = form.weights()
        for row in preview:
            pool = row["pool"]
            Pool.objects.filter(pk=pool.pk).update(amount=row["amount"], weight=weights[pool.pk])
        log(
            instance=edition,
            action="wagtail.edit",
            user=user,
            data={"split": {str(r["pool"].pk): str(r["amount"]) for r in preview}},
        )
