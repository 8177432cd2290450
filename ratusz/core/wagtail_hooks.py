"""Admin for the shell: the e-service links of the header."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
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


@hooks.register("insert_global_admin_js")
def admin_polish_js():
    return format_html(
        '<script src="{}" data-save-selected="{}"></script>',
        static("core/js/admin-polish.js"),
        _("Zastosuj"),
    )
