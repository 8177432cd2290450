"""Admin for the shell: the e-service links of the header, the dashboard's waiting
panel, and the admin's Polish fixes (a date-picker label upstream hard-codes)."""

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .dashboard import waiting_for
from .models import EServiceLink


class EServiceLinkViewSet(SnippetViewSet):
    model = EServiceLink
    icon = "link-external"
    menu_label = _("Linki do e-usług")
    add_to_settings_menu = True
    list_display = ["label", "url", "valid_from", "valid_until", "sort_order"]
    ordering = ["sort_order", "label"]


register_snippet(EServiceLinkViewSet)


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/css/admin.css"))


@hooks.register("insert_global_admin_js")
def admin_polish_js():
    return format_html(
        '<script src="{}" data-save-selected="{}"></script>',
        static("core/js/admin-polish.js"),
        _("Zastosuj"),
    )


class WaitingPanel(Component):
    """What waits for this clerk, from every app's ``dashboard.py`` (ratusz/core/dashboard.py)."""

    name = "ratusz_waiting"
    order = 50

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        return render_to_string("core/admin/waiting_panel.html", {"items": waiting_for(self.user)})


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    panels.insert(0, WaitingPanel(request.user))
