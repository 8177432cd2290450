"""Admin for the shell: the e-service links of the header."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import EServiceLink


class EServiceLinkViewSet(SnippetViewSet):
    model = EServiceLink
    icon = "link-external"
    menu_label = _("Linki do e-usług")
    add_to_settings_menu = True
    list_display = ["label", "url", "valid_from", "valid_until", "sort_order"]
    ordering = ["sort_order", "label"]


register_snippet(EServiceLinkViewSet)
