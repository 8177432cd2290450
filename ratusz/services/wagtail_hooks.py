"""Admin for service cards, units and closures; a panel of cards due for review."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import OfficeClosure, OfficeUnit, ServiceCard, ServiceCategory


class ServiceCardViewSet(SnippetViewSet):
    model = ServiceCard
    icon = "form"
    list_display = ["title", "category", "responsible_unit", "last_reviewed", "is_published"]
    list_filter = ["category", "responsible_unit", "is_published"]
    search_fields = ["title", "summary"]


class CategoryViewSet(SnippetViewSet):
    model = ServiceCategory
    icon = "folder-open-inverse"


class UnitViewSet(SnippetViewSet):
    model = OfficeUnit
    icon = "group"
    list_display = ["name", "head_name", "phone"]


class ClosureViewSet(SnippetViewSet):
    model = OfficeClosure
    icon = "date"


class ServicesGroup(SnippetViewSetGroup):
    items = (ServiceCardViewSet, CategoryViewSet, UnitViewSet, ClosureViewSet)
    menu_icon = "form"
    menu_label = _("Załatw sprawę")
    menu_name = "services"


register_snippet(ServicesGroup)


class StaleCardsPanel(Component):
    name = "stale_service_cards"
    order = 150

    def render_html(self, parent_context):
        cards = ServiceCard.objects.needing_review().select_related("responsible_unit")[:20]
        if not cards:
            return ""
        return render_to_string("services/admin_stale_panel.html", {"cards": cards})


@hooks.register("construct_homepage_panels")
def add_stale_cards_panel(request, panels):
    panels.append(StaleCardsPanel())
