"""Admin views for officials: one decision on a project, its attachments, the final list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.budget import services
from ratusz.budget.forms import DecisionForm
from ratusz.budget.models import Attachment, Edition, Project


def _require(request):
    if not request.user.has_perm("budget.change_project"):
        raise PermissionDenied


def decision(request, pk):
    _require(request)
    project = get_object_or_404(
        Project.objects.select_related("edition", "pool", "merit_unit"), pk=pk
    )
    form = DecisionForm(request.POST or None, project=project)
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
    return TemplateResponse(
        request,
        "budget/admin/decision.html",
        {
            "project": project,
            "form": form,
            "history": project.history.select_related("user"),
            "attachments": project.attachments.all(),
        },
        status=status,
    )


def attachment(request, pk):
    """Any attachment of a project, scans of supports and guardian consents
    included, for the official who verifies it; never cached, always a download."""
    _require(request)
    found = get_object_or_404(Attachment, pk=pk)
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
    edition = get_object_or_404(Edition, pk=pk)
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
