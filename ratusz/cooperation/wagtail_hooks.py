"""Admin for the register (snippets) and the embeds for the section page."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ratusz.core.embeds import register_embed
from ratusz.core.tenancy import CityScopedViewSet

from . import register
from .forms import CooperationRecordForm, OrganisationForm, PartnershipForm
from .models import Membership, Organisation, Partnership, Role
from .views import PARTNER_LANGUAGES


class OrganisationViewSet(CityScopedViewSet, SnippetViewSet):
    model = Organisation
    edit_handler = ObjectList(Organisation.panels, base_form_class=OrganisationForm)
    icon = "group"
    menu_label = _("Organizacje")
    list_display = ["name", "kind", "country", "successor"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "short_name", "name_en"]


class MembershipViewSet(CityScopedViewSet, SnippetViewSet):
    model = Membership
    edit_handler = ObjectList(Membership.panels, base_form_class=CooperationRecordForm)
    icon = "link"
    menu_label = _("Członkostwa")
    list_display = ["organisation", "level", "valid_from", "valid_until"]
    list_filter = ["level"]


class RoleViewSet(CityScopedViewSet, SnippetViewSet):
    model = Role
    edit_handler = ObjectList(Role.panels, base_form_class=CooperationRecordForm)
    icon = "user"
    menu_label = _("Funkcje")
    list_display = ["person", "function", "organisation", "valid_from", "valid_until"]
    search_fields = ["person", "function"]


class PartnershipViewSet(CityScopedViewSet, SnippetViewSet):
    model = Partnership
    edit_handler = ObjectList(Partnership.panels, base_form_class=PartnershipForm)
    icon = "site"
    menu_label = _("Partnerstwa")
    list_display = ["organisation", "status", "valid_from", "valid_until"]
    list_filter = ["status"]


class CooperationGroup(SnippetViewSetGroup):
    menu_label = _("Współpraca")
    menu_icon = "globe"
    menu_order = 300
    items = (OrganisationViewSet, MembershipViewSet, RoleViewSet, PartnershipViewSet)


register_snippet(CooperationGroup)


# The register has one address (/wspolpraca/, or its partner list in the page's
# language): a page that places it shows a brief summary that links there,
# never a second full copy.
RECENT_EVENTS = 5


def _register_url(page):
    language = getattr(getattr(page, "locale", None), "language_code", "")
    if language in PARTNER_LANGUAGES and language != "pl":
        return reverse("cooperation:partners-in", args=[language])
    return reverse("cooperation:index")


def _city(request, page):
    """The city whose records an embedding page shows: the page's site (also in
    a preview from the admin's host), else the request's, else the default site."""
    from wagtail.models import Site

    path = getattr(page, "path", None)
    if path:
        roots = [
            s for s in Site.objects.select_related("root_page") if path.startswith(s.root_page.path)
        ]
        if roots:
            return max(roots, key=lambda s: len(s.root_page.path))
    return request


def render_today(request, page):
    snap = register.snapshot(timezone.localdate(), _city(request, page))
    context = {"snap": snap, "register_url": _register_url(page)}
    return render_to_string("cooperation/embeds/today.html", context, request=request)


def render_history(request, page):
    snap = register.snapshot(timezone.localdate(), _city(request, page))
    recent = [event for _year, events in snap.history for event in events][:RECENT_EVENTS]
    context = {"recent": recent, "register_url": reverse("cooperation:index")}
    return render_to_string("cooperation/embeds/history.html", context, request=request)


register_embed("cooperation-today", _("Współpraca — stan obecny"), render_today)
register_embed("cooperation-history", _("Współpraca — historia"), render_history)
