"""Admin: announcements (draft → moderation → publish), CAP messages, subscriptions,
import sources; the "latest notices" embed."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ratusz.core.adminforms import CityAdminForm
from ratusz.core.embeds import register_embed
from ratusz.core.tenancy import CityScopedViewSet, in_city

from .forms import AnnouncementAdminForm
from .models import Announcement, ImportSource, Message, Subscription
from .widgets import AreaMapWidget


class ValidityColumn(Column):
    """Whether a notice is in force now: what a clerk looks for in the list."""

    def get_value(self, instance):
        now = timezone.now()
        if not instance.live:
            return _("nieopublikowany")
        if instance.msg_type == "Cancel":
            return _("odwołany")
        if instance.expires and instance.expires <= now:
            return _("wygasł")
        if instance.effective and instance.effective > now:
            return _("od %(when)s") % {
                "when": formats.date_format(
                    timezone.localtime(instance.effective), "SHORT_DATETIME_FORMAT"
                )
            }
        return _("obowiązuje")


class AnnouncementViewSet(CityScopedViewSet, SnippetViewSet):
    model = Announcement
    icon = "warning"
    menu_label = _("Komunikaty")
    list_display = [
        "headline",
        "kind",
        "level",
        "msg_type",
        "effective",
        "expires",
        ValidityColumn("validity", label=_("Obowiązuje / wygasł")),
    ]
    list_filter = ["kind", "level", "live"]
    search_fields = ["headline", "description"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("site"),
                    # What a clerk decides; the CAP fields below follow from it.
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("level")]),
                    FieldPanel("headline"),
                    FieldPanel("description"),
                    FieldPanel("instruction"),
                    FieldPanel("update_note"),
                    FieldRowPanel(
                        [FieldPanel("effective"), FieldPanel("onset"), FieldPanel("expires")]
                    ),
                    FieldPanel("full_page"),
                    MultiFieldPanel(
                        [
                            FieldPanel("msg_type"),
                            FieldRowPanel([FieldPanel("urgency"), FieldPanel("certainty")]),
                            FieldPanel("status"),
                            FieldPanel("event"),
                            FieldPanel("categories"),
                            FieldPanel("response_types"),
                        ],
                        heading=_("Zaawansowane (CAP)"),
                        classname="collapsed",
                    ),
                ],
                heading=_("Treść"),
            ),
            ObjectList(
                [
                    FieldPanel("whole_city"),
                    FieldPanel("districts"),
                    FieldPanel("area_description"),
                    FieldPanel("polygon", widget=AreaMapWidget),
                    FieldPanel("circle"),
                    FieldPanel("geocodes"),
                ],
                heading=_("Obszar"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("headline_en"),
                            FieldPanel("description_en"),
                            FieldPanel("instruction_en"),
                        ],
                        heading=_("Wersja angielska (opcjonalna)"),
                    ),
                    FieldPanel("web"),
                    FieldPanel("contact"),
                ],
                heading=_("Po angielsku i kontakt"),
            ),
        ],
        base_form_class=AnnouncementAdminForm,
    )


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Published CAP messages are a record: nobody adds, edits or deletes them by hand."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class MessageViewSet(CityScopedViewSet, SnippetViewSet):
    model = Message
    icon = "code"
    menu_label = _("Wiadomości CAP")
    list_display = ["identifier", "msg_type", "headline", "sent", "is_latest"]
    list_filter = ["msg_type", "kind"]
    inspect_view_enabled = True
    # the CAP XML is for machines (and in English by the standard): the public feed has it
    inspect_view_fields_exclude = ["xml"]
    panels = [FieldPanel("headline", read_only=True), FieldPanel("xml", read_only=True)]

    @cached_property
    def permission_policy(self):
        return ReadOnlyPolicy(self.model)


class SubscriptionViewSet(CityScopedViewSet, SnippetViewSet):
    model = Subscription
    icon = "mail"
    menu_label = _("Subskrypcje")
    list_display = ["email", "min_severity", "confirmed_at", "created_at"]
    # The address is encrypted: no search by its text (rodo_export finds one person).
    edit_handler = ObjectList(
        [FieldPanel("site"), FieldPanel("email"), FieldPanel("min_severity")],
        base_form_class=CityAdminForm,
    )


class ImportSourceViewSet(CityScopedViewSet, SnippetViewSet):
    model = ImportSource
    icon = "download"
    menu_label = _("Źródła CAP")
    list_display = ["name", "url", "active", "last_run_at"]
    edit_handler = ObjectList(
        [FieldPanel("site"), FieldPanel("name"), FieldPanel("url"), FieldPanel("active")],
        base_form_class=CityAdminForm,
    )


class AlertsGroup(SnippetViewSetGroup):
    menu_label = _("Komunikaty")
    menu_icon = "warning"
    menu_order = 250
    items = (AnnouncementViewSet, MessageViewSet, SubscriptionViewSet, ImportSourceViewSet)


register_snippet(AlertsGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    from .admin_views import import_view

    return [path("komunikaty/import/", import_view, name="alerts_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("alerts.publish_announcement")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import CAP"), reverse("alerts_import"), icon_name="download", order=260
    )


def render_latest(request, page):
    from .models import Message

    messages = list(in_city(Message.objects.all(), request).active().order_by("-sent")[:5])
    return render_to_string("alerts/includes/latest.html", {"messages": messages}, request=request)


register_embed("alerts-latest", _("Komunikaty — najnowsze"), render_latest)
