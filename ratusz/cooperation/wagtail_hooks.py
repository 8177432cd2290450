"""Admin for the register (snippets) and the embeds for the section page."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ratusz.core.embeds import register_embed

from . import register
from .forms import OrganisationForm, PartnershipForm
from .models import Membership, Organisation, Partnership, Role


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    edit_handler = ObjectList(Organisation.panels, base_form_class=OrganisationForm)
    icon = "group"
    menu_label = _("Organizacje")
    list_display = ["name", "kind", "country", "successor"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "short_name", "name_en"]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "link"
    menu_label = _("Członkostwa")
    list_display = ["organisation", "level", "valid_from", "valid_until"]
    list_filter = ["level"]


class RoleViewSet(SnippetViewSet):
    model = Role
    icon = "user"
    menu_label = _("Funkcje")
    list_display = ["person", "function", "organisation", "valid_from", "valid_until"]
    search_fields = ["person", "function"]


class PartnershipViewSet(SnippetViewSet):
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


def render_today(request, page):
    snap = register.snapshot(timezone.localdate())
    return render_to_string("cooperation/embeds/today.html", {"snap": snap}, request=request)


def render_history(request, page):
    snap = register.snapshot(timezone.localdate())
    return render_to_string("cooperation/embeds/history.html", {"snap": snap}, request=request)


register_embed("cooperation-today", _("Współpraca — stan obecny"), render_today)
register_embed("cooperation-history", _("Współpraca — historia"), render_history)
