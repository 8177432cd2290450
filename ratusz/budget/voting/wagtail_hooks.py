"""Admin for officials: paper ballots (entry, second-official confirmation, CSV import)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ratusz.budget.models import Edition
from ratusz.core.embeds import register_embed
from ratusz.core.tenancy import CityScopedViewSet, in_city

from . import admin_views
from .models import VotingRules


class VotingRulesViewSet(CityScopedViewSet, SnippetViewSet):
    """Per-edition ballot rules beyond the pools' own (in the Snippets menu)."""

    model = VotingRules
    icon = "list-ol"
    menu_label = _("Zasady głosowania BO")
    list_display = ["edition", "max_district_pools", "own_district_only", "tie_policy"]


register_snippet(VotingRulesViewSet)


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path(
            "glosowanie/<int:pk>/karty-papierowe/",
            admin_views.paper_ballots,
            name="budget_voting_paper",
        ),
        path(
            "glosowanie/<int:pk>/karty-papierowe/dodaj/",
            admin_views.paper_add,
            name="budget_voting_paper_add",
        ),
        path("glosowanie/<int:pk>/liczenie/", admin_views.count, name="budget_voting_count"),
        path(
            "glosowanie/<int:pk>/karty-papierowe/import/",
            admin_views.paper_import,
            name="budget_voting_paper_import",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def paper_button(snippet, user, next_url=None):
    if isinstance(snippet, Edition) and user.has_perm("budget_voting.change_ballot"):
        yield Button(
            _("Karty papierowe"),
            reverse("budget_voting_paper", args=[snippet.pk]),
            icon_name="doc-full",
            priority=6,
        )
    if isinstance(snippet, Edition) and user.has_perm("budget_voting.change_tally"):
        yield Button(
            _("Liczenie głosów"),
            reverse("budget_voting_count", args=[snippet.pk]),
            icon_name="list-ol",
            priority=7,
        )


@hooks.register("register_log_actions")
def log_actions(actions):
    actions.register_action(
        "budget_voting.enter", _("Wprowadzenie karty papierowej"), _("Wprowadzono kartę papierową")
    )
    actions.register_action(
        "budget_voting.recount", _("Przeliczenie głosów"), _("Zlecono przeliczenie głosów")
    )
    actions.register_action(
        "budget_voting.invalidate", _("Unieważnienie wyników"), _("Unieważniono wyniki głosowania")
    )
    actions.register_action(
        "budget_voting.confirm",
        _("Potwierdzenie karty papierowej"),
        _("Potwierdzono kartę papierową"),
    )


def render_results(request, page):
    """The funded projects of the latest edition whose results are public."""
    from django.template.loader import render_to_string

    from . import results, services

    site = request if request is not None else (page.get_site() if page is not None else None)
    for edition in in_city(Edition.objects.order_by("-year"), site):
        tally = results.stored(edition) if services.results_public(edition) else None
        if tally is not None:
            data = tally.result
            return render_to_string(
                "budget_voting/embeds/results.html",
                {"edition": edition, "data": data},
                request=request,
            )
    return ""


register_embed("budget-results", _("Budżet obywatelski — wyniki ostatniej edycji"), render_results)
