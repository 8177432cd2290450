"""Admin page to import CAP from a file or a feed URL."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core import jobs
from ratusz.core.city import site_of
from ratusz.core.tenancy import CityFormMixin, user_site_ids

from .jobs import KIND

MAX_UPLOAD = 5 * 1024 * 1024


def _sites():
    from wagtail.models import Site

    return Site.objects.order_by("-is_default_site", "site_name", "hostname")


class ImportForm(CityFormMixin, forms.Form):
    # the city whose announcements the import creates: only the clerk's cities
    site = forms.ModelChoiceField(
        queryset=_sites(),
        label=gettext_lazy("Miasto"),
        required=False,
        help_text=gettext_lazy("Puste: miasto serwisu, w którym pracujesz."),
    )
    file = forms.FileField(label=gettext_lazy("Plik CAP, Atom lub RSS"), required=False)
    url = forms.URLField(
        label=gettext_lazy("albo adres kanału"), required=False, assume_scheme="https"
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Tylko sprawdź (nic nie publikuj)"), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        self.for_user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url"):
            raise forms.ValidationError(_("Wybierz plik albo podaj adres kanału."))
        upload = data.get("file")
        if upload and upload.size > MAX_UPLOAD:
            self.add_error("file", _("Plik jest większy niż 5 MB."))
        return data


def _default_city(request):
    """The admin's host's city when the user works for it, else their first city."""
    from wagtail.models import Site

    here = site_of(request)
    ids = user_site_ids(request.user)
    if here is not None and (ids is None or here.pk in ids):
        return here
    if ids is None:
        return site_of(None)  # a superuser outside any city's host: the default city
    return Site.objects.filter(pk__in=ids[:1]).first()  # None: no city set up yet


def import_view(request):
    """Queue the import; the task worker fetches and reads (ratusz.core.jobs)."""
    if not request.user.has_perm("alerts.publish_announcement"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
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
            city = data.get("site") or _default_city(request)
            job = jobs.start(
                KIND,
                title,
                request.user,
                upload=upload,
                params={
                    "site": city.pk if city is not None else None,
                    **({} if upload else {"url": data["url"]}),
                },
                dry_run=dry_run,
                site=city,
            )
            return redirect(jobs.job_url(job))
        return render(request, "alerts/admin/import.html", {"form": form}, status=400)
    return render(request, "alerts/admin/import.html", {"form": form})
