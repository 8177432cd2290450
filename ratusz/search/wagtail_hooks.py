from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ratusz.core.tenancy import CityScopedViewSet

from .models import SynonymRule


class SynonymRuleViewSet(CityScopedViewSet, SnippetViewSet):
    """Each city's moderators edit their city's rules only (#24)."""

    model = SynonymRule
    icon = "search"
    menu_label = _("Synonimy wyszukiwarki")
    list_display = ["terms", "expands_to", "active", "site"]
    list_filter = ["active", "site"]
    search_fields = ["terms", "expands_to"]


register_snippet(SynonymRuleViewSet)
