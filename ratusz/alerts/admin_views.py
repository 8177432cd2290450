"""Admin page to import CAP from a file or a feed URL."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core import jobs

from .jobs import KIND

MAX_UPLOAD = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Plik CAP, Atom lub RSS"), required=False)
    url = forms.URLField(
        label=gettext_lazy("albo adres kanału"), required=False, assume_scheme="https"
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Tylko sprawdź (nic nie publikuj)"), required=False
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url"):
            raise forms.ValidationError(_("Wybierz plik albo podaj adres kanału."))
        upload = data.get("file")
        if upload and upload.size > MAX_UPLOAD:
            self.add_error("file", _("Plik jest większy niż 5 MB."))
        return data


def import_view(request):
    """Queue the import; the task worker fetches and reads (ratusz.core.jobs)."""
    if not request.user.has_perm("alerts.publish_announcement"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            upload = data.get("file")
            dry_run = data.get("dry_run", False)
            title = _("Import CAP: %(source)s") % {"source": upload.name if upload else data["url"]}
            if dry_run:
                title = _("Próba importu CAP: %(source)s") % {
                    "source": upload.name if upload else data["url"]
                }
            job = jobs.start(
                KIND,
                title,
                request.user,
                upload=upload,
                params={} if upload else {"url": data["url"]},
                dry_run=dry_run,
            )
            return redirect(jobs.job_url(job))
        return render(request, "alerts/admin/import.html", {"form": form}, status=400)
    return render(request, "alerts/admin/import.html", {"form": form})
