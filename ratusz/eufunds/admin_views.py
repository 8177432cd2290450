"""The import of the official list for editors (Wagtail admin)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from .forms import ImportForm
from .importer import ImportRefused, import_file
from .report import report_lines


def import_view(request):
    if not request.user.has_perm("eufunds.change_project"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "page_title": _("Import listy projektów UE")}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = import_file(
                    upload.read(),
                    upload.name,
                    user=request.user,
                    dry_run=form.cleaned_data["dry_run"],
                )
                context["report_lines"] = report_lines(report)
                context["report"] = report
            except ImportRefused as refused:
                context["errors"] = [str(e) for e in refused.errors]
                status = 400
        else:
            status = 400
    return render(request, "eufunds/admin/import.html", context, status=status)
