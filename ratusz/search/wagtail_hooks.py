from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymRule


class SynonymRuleViewSet(SnippetViewSet):
    model = SynonymRule
    icon = "search"
    menu_label = _("Synonimy wyszukiwarki")
    list_display = ["terms", "expands_to", "active"]
    list_filter = ["active"]
    search_fields = ["terms", "expands_to"]


register_snippet(SynonymRuleViewSet)
