"""Admin for officials: directory, proposals, competitions, small grants, programme."""

from functools import partial
from typing import Any

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList, extract_panel_definitions_from_model_class
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ratusz.core.embeds import register_embed
from ratusz.core.tenancy import CityFormMixin, CityScopedViewSet, in_city

from . import admin_views, rules
from .adminforms import OrganisationChoiceForm
from .models import (
    ChangeProposal,
    Competition,
    CooperationProgramme,
    Organisation,
    SmallGrant,
    SmallGrantComment,
)


class CompetitionAdminForm(CityFormMixin, WagtailAdminModelForm):
    """Checks the inline results against the competition's amount."""

    def is_valid(self):
        if not super().is_valid():
            return False
        formset = self.formsets.get("results")
        if formset is None:
            return True
        amounts = [
            f.cleaned_data["amount"]
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("amount")
        ]
        try:
            rules.check_results_total(amounts, self.cleaned_data["amount"])
        except rules.RuleError as err:
            self.add_error("amount", gettext(err.message) % err.params)
            return False
        return True


class DecisionViewSet(SnippetViewSet):
    """A snippet viewset with one extra admin view at decide/<pk>/."""

    decision_view: Any = None

    def get_urlpatterns(self):
        view = partial(type(self).decision_view, list_url_name=self.get_url_name("list"))
        return [*super().get_urlpatterns(), path("decide/<int:pk>/", view, name="decide")]


class OrganisationIndexView(SnippetViewSet.index_view_class):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        url = reverse(self.add_url_name.rsplit(":", 1)[0] + ":krs")
        return [*buttons, HeaderButton(_("Dodaj z KRS"), url=url, icon_name="download")]


class OrganisationViewSet(CityScopedViewSet, DecisionViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organizacje")
    list_display = ["name", "status", "legal_form", "opp", "submitted_at"]
    list_filter = ["status", "opp", "legal_form", "district"]
    search_fields = ["name", "nip", "krs"]
    search_backend_name = None
    decision_view = staticmethod(admin_views.decide_organisation)
    index_view_class = OrganisationIndexView

    def get_urlpatterns(self):
        view = partial(admin_views.krs_import, edit_url_name=self.get_url_name("edit"))
        return [*super().get_urlpatterns(), path("krs/", view, name="krs")]


class ChangeProposalViewSet(CityScopedViewSet, DecisionViewSet):
    model = ChangeProposal
    icon = "edit"
    menu_label = _("Propozycje zmian")
    list_display = ["organisation", "proposer_name", "status", "created_at"]
    list_filter = ["status"]
    decision_view = staticmethod(admin_views.review_proposal)
    inspect_view_enabled = True

    def get_edit_handler(self):
        # the model's fields, as Wagtail would list them, in a form that offers
        # only the user's cities' organisations
        panels = extract_panel_definitions_from_model_class(
            self.model, exclude=self.get_exclude_form_fields()
        )
        return ObjectList(panels, base_form_class=OrganisationChoiceForm).bind_to_model(self.model)


class CompetitionViewSet(CityScopedViewSet, DecisionViewSet):
    model = Competition
    icon = "doc-full"
    menu_label = _("Konkursy ofert")
    list_display = ["title", "state", "amount", "announced_on", "offer_deadline"]
    list_filter = ["state", "area"]
    search_fields = ["title"]
    search_backend_name = None
    edit_handler = ObjectList(Competition.panels, base_form_class=CompetitionAdminForm)
    decision_view = staticmethod(admin_views.competition_state)


class SmallGrantViewSet(CityScopedViewSet, SnippetViewSet):
    model = SmallGrant
    icon = "tag"
    menu_label = _("Małe granty")
    list_display = [
        "title",
        "organisation",
        "amount",
        "received_on",
        "publication_due",
        "published_on",
        "decision",
    ]
    list_filter = ["decision"]
    edit_handler = ObjectList(SmallGrant.panels, base_form_class=OrganisationChoiceForm)


class SmallGrantCommentViewSet(CityScopedViewSet, SnippetViewSet):
    model = SmallGrantComment
    icon = "comment"
    menu_label = _("Uwagi do małych grantów")
    list_display = ["small_grant", "author_name", "created_at"]
    inspect_view_enabled = True


class ProgrammeViewSet(CityScopedViewSet, SnippetViewSet):
    model = CooperationProgramme
    icon = "date"
    menu_label = _("Programy współpracy")
    list_display = ["year", "title", "adopted_on", "report_published_on"]


class NgoGroup(SnippetViewSetGroup):
    menu_label = _("NGO")
    menu_icon = "group"
    menu_order = 340
    items = (
        OrganisationViewSet,
        ChangeProposalViewSet,
        CompetitionViewSet,
        SmallGrantViewSet,
        SmallGrantCommentViewSet,
        ProgrammeViewSet,
    )


ngo_group = NgoGroup()
register_snippet(ngo_group)
VIEWSETS = {vs.model: vs for vs in ngo_group.registerables}


@hooks.register("register_snippet_listing_buttons")
def decision_buttons(snippet, user, next_url=None):
    viewset = VIEWSETS.get(type(snippet))
    if not isinstance(viewset, DecisionViewSet):
        return
    url = reverse(viewset.get_url_name("decide"), args=[snippet.pk])
    if isinstance(snippet, Organisation) and snippet.status == Organisation.Status.PENDING:
        yield MenuItem(_("Rozpatrz zgłoszenie"), url, icon_name="tick", priority=5)
    elif isinstance(snippet, ChangeProposal) and snippet.status == ChangeProposal.Status.PENDING:
        yield MenuItem(_("Rozpatrz propozycję"), url, icon_name="tick", priority=5)
    elif isinstance(snippet, Competition) and rules.TRANSITIONS[rules.State(snippet.state)]:
        yield MenuItem(_("Zmień stan konkursu"), url, icon_name="arrow-right", priority=5)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "ngo.approve", _("Zatwierdzenie wpisu"), _("Zatwierdzono wpis do katalogu")
    )
    actions.register_action(
        "ngo.reject", _("Odrzucenie wpisu"), _("Odrzucono zgłoszenie do katalogu")
    )
    actions.register_action(
        "ngo.proposal.approve", _("Przyjęcie zmian"), _("Wprowadzono zaproponowane zmiany")
    )
    actions.register_action(
        "ngo.proposal.reject", _("Odrzucenie zmian"), _("Odrzucono propozycję zmian")
    )
    actions.register_action(
        "ngo.competition.closed", _("Zamknięcie naboru"), _("Zamknięto nabór ofert")
    )
    actions.register_action(
        "ngo.competition.resolved", _("Rozstrzygnięcie"), _("Rozstrzygnięto konkurs")
    )
    actions.register_action(
        "ngo.competition.cancelled", _("Unieważnienie"), _("Unieważniono konkurs")
    )


def render_open_competitions(request, page):
    site = request if request is not None else (page.get_site() if page is not None else None)
    items = in_city(Competition.objects.public(), site).filter(
        state=rules.State.ANNOUNCED, offer_deadline__gt=timezone.now()
    )
    return render_to_string("ngo/embeds/open_competitions.html", {"items": items}, request=request)


register_embed(
    "ngo-open-competitions", _("NGO — konkursy z otwartym naborem"), render_open_competitions
)
