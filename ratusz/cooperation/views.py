"""Public pages of the register: overview, organisation, partnership, map."""

import json

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core import city
from ratusz.core.maps import tile_context
from ratusz.core.tenancy import in_city

from . import jsonld, register
from .models import Organisation, Partnership, Role

PARTNER_LANGUAGES = ("pl", "en", "de", "cs")


class DayForm(forms.Form):
    """ "Show the register as on a day" (GET); empty means today."""

    day = forms.DateField(
        label=gettext_lazy("Stan na dzień"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": gettext_lazy("Podaj datę w formacie RRRR-MM-DD.")},
    )

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day and day.year < 1900:
            raise forms.ValidationError(_("Rejestr obejmuje lata od 1900."))
        return day


def _ld(data):
    # Escaped so that editor text can never close the <script> element.
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _map_context(organisations, unions=()):
    """Points for the map; bodies sharing a seat become one point with all names."""
    by_place = {}
    for org, side in [(o, "right") for o in organisations] + [(o, "left") for o in unions]:
        if org.has_point:
            point = by_place.setdefault(
                (org.latitude, org.longitude),
                {"names": [], "lat": org.latitude, "lon": org.longitude, "side": side},
            )
            point["names"].append(org.name)
    points = list(by_place.values())
    return {
        "points": points,
        **tile_context(),
    }


def index(request):
    today = timezone.localdate()
    form = DayForm(request.GET or None)
    status = 200
    day = today
    if form.is_bound:
        if form.is_valid():
            day = form.cleaned_data["day"] or today
        else:
            status = 400
    snap = register.snapshot(day, request)
    context = {
        "form": form,
        "snap": snap,
        "is_today": day == today,
        "breadcrumbs": [(_("Współpraca z innymi miastami"), None)],
        "jsonld": _ld(jsonld.city(settings_city(request), snap.local, snap.roles.current)),
        "open_data": [
            ("organisations", _("organizacje")),
            ("memberships", _("członkostwa")),
            ("roles", _("funkcje")),
            ("partnerships", _("partnerstwa")),
        ],
    }
    return render(request, "cooperation/index.html", context, status=status)


def settings_city(request=None):
    return city.current(request).city_name


def organisation(request, slug):
    org = get_object_or_404(
        in_city(Organisation.objects.all(), request).select_related("successor"), slug=slug
    )
    today = timezone.localdate()
    memberships = list(org.memberships.prefetch_related("documents"))
    roles = list(Role.objects.filter(organisation=org))
    partnerships = list(org.partnerships.all())
    context = {
        "org": org,
        "today": today,
        "memberships": memberships,
        "roles": roles,
        "partnerships": partnerships,
        "predecessors": list(org.predecessors.all()),
        "breadcrumbs": [
            (_("Współpraca z innymi miastami"), reverse("cooperation:index")),
            (org.name, None),
        ],
        "jsonld": _ld(jsonld.organisation(org, request.build_absolute_uri(org.get_absolute_url()))),
        **_map_context([org]),
    }
    return render(request, "cooperation/organisation.html", context)


def partnership(request, slug, language=None):
    """One partnership; also in a partner's language (en, de, cs): the labels and
    the partner's name are translated, the city's records stay in Polish and are
    marked so (lang="pl")."""
    if language is not None and (language == "pl" or language not in PARTNER_LANGUAGES):
        raise Http404
    item = get_object_or_404(
        in_city(Partnership.objects.all(), request).select_related("organisation"), slug=slug
    )
    with translation.override(language or translation.get_language()):
        activities = list(item.activities.select_related("photo").order_by("-starts_on"))
        context = {
            "item": item,
            "org": item.organisation,
            "agreements": list(item.agreements.order_by("signed_on")),
            "activities": activities,
            "today": timezone.localdate(),
            "language": language or "pl",
            "languages": [
                (code, name, _partnership_url(item, code))
                for code, name in settings.LANGUAGES
                if code in PARTNER_LANGUAGES
            ],
            "breadcrumbs": [
                (_("Współpraca z innymi miastami"), reverse("cooperation:index")),
                (
                    _("Partnerstwo: %(name)s") % {"name": item.organisation.localized_name()},
                    None,
                ),
            ],
            "jsonld": _ld(jsonld.partnership(item, activities, settings_city(request))),
            **_map_context([item.organisation]),
        }
        response = render(request, "cooperation/partnership.html", context)
    response["Content-Language"] = language or "pl"
    return response


def _partnership_url(item, language):
    if language == "pl":
        return item.get_absolute_url()
    return reverse("cooperation:partnership-in", args=[item.slug, language])


def partner_map(request):
    snap = register.snapshot(timezone.localdate(), request)
    memberships = [m for m in snap.memberships.current if m.organisation.has_point]
    context = {
        "partnerships": snap.partnerships.current,
        "memberships": memberships,
        **_map_context(
            [p.organisation for p in snap.partnerships.current],
            [m.organisation for m in memberships],
        ),
        "breadcrumbs": [
            (_("Współpraca z innymi miastami"), reverse("cooperation:index")),
            (_("Mapa partnerów"), None),
        ],
    }
    return render(request, "cooperation/map.html", context)


def partners_in(request, language):
    """The partner list in a partner's language (pl, en, de, cs)."""
    if language not in PARTNER_LANGUAGES:
        raise Http404
    with translation.override(language):
        snap = register.snapshot(timezone.localdate(), request)
        context = {
            "snap": snap,
            "city": settings_city(request),
            "language": language,
            "languages": [
                (code, name, reverse("cooperation:partners-in", args=[code]))
                for code, name in settings.LANGUAGES
                if code in PARTNER_LANGUAGES
            ],
            "breadcrumbs": [
                (_("Współpraca z innymi miastami"), reverse("cooperation:index")),
                (_("Miasta partnerskie"), None),
            ],
        }
        response = render(request, "cooperation/partners.html", context)
    response["Content-Language"] = language
    return response
