"""The import of the official list for editors (Wagtail admin): stored and queued,
into the city the clerk chose among their own."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ratusz.core import jobs

from .forms import ImportForm
from .jobs import KIND


def import_view(request):
    """The file is read by the task worker (ratusz.core.jobs), never in this request."""
    if not request.user.has_perm("eufunds.change_project"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    context = {"form": form, "page_title": _("Import listy projektów UE")}
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            dry_run = form.cleaned_data["dry_run"]
            title = _("Próba importu listy projektów UE") if dry_run else context["page_title"]
            site = form.cleaned_data["site"]
            job = jobs.start(KIND, title, request.user, upload=upload, dry_run=dry_run, site=site)
            return redirect(jobs.job_url(job))
        return render(request, "eufunds/admin/import.html", context, status=400)
    return render(request, "eufunds/admin/import.html", context)
