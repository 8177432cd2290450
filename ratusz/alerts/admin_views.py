"""Admin page to import CAP from a file or a feed URL."""

import time

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from . import cap
from .importing import Report, fetch, import_bytes
from .models import Announcement


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Plik CAP, Atom lub RSS"), required=False)
    url = forms.URLField(
        label=gettext_lazy("albo adres kanału"), required=False, assume_scheme="https"
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url"):
            raise forms.ValidationError(_("Wybierz plik albo podaj adres kanału."))
        return data


def import_view(request):
    if not request.user.has_perm("alerts.publish_announcement"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            report = _run(form.cleaned_data)
            for ident in report.published:
                ann = Announcement.objects.filter(source_identifier=ident.split(",", 1)[1]).first()
                if ann:
                    log(instance=ann, action="wagtail.publish", user=request.user)
        else:
            status = 400
    return render(
        request, "alerts/admin/import.html", {"form": form, "report": report}, status=status
    )


def _run(data):
    if data.get("file"):
        upload = data["file"]
        if upload.size > 5 * 1024 * 1024:
            return Report(errors=[_("Plik jest większy niż 5 MB.")])
        return import_bytes(upload.read())
    started = time.monotonic()
    try:
        return import_bytes(fetch(data["url"]), base_url=data["url"], started=started)
    except (OSError, cap.CapError) as exc:
        return Report(errors=[str(exc)])
