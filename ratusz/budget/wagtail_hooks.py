"""Admin for officials: editions, pools, projects and the verification decisions."""

import django_filters
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ratusz.budget import admin_views, catalogue
from ratusz.budget.models import Edition, ExclusionGroup, MeritReviewer, Pool, Project
from ratusz.budget.widgets import FactorWeightsWidget
from ratusz.core.embeds import register_embed
from ratusz.core.tenancy import CityScopedViewSet, for_user, in_city


def _mine(model):
    """A filter's choices: the records of the user's cities only."""

    def queryset(request):
        if request is None:
            return model.objects.none()
        return for_user(model.objects.all(), request.user)

    return queryset


class PoolFilterSet(WagtailFilterSet):
    edition = django_filters.ModelChoiceFilter(label=_("edycja"), queryset=_mine(Edition))

    class Meta:
        model = Pool
        fields = ["edition", "kind"]


class ExclusionGroupFilterSet(WagtailFilterSet):
    edition = django_filters.ModelChoiceFilter(label=_("edycja"), queryset=_mine(Edition))

    class Meta:
        model = ExclusionGroup
        fields = ["edition"]


class ProjectFilterSet(WagtailFilterSet):
    edition = django_filters.ModelChoiceFilter(label=_("edycja"), queryset=_mine(Edition))
    pool = django_filters.ModelChoiceFilter(label=_("pula"), queryset=_mine(Pool))

    class Meta:
        model = Project
        fields = ["edition", "pool", "status", "merit_unit"]


class EditionViewSet(CityScopedViewSet, SnippetViewSet):
    model = Edition
    icon = "date"
    menu_label = _("Edycje")
    list_display = ["name", "year", "submissions_start", "submissions_end", "appeals_end"]
    panels = [
        FieldPanel("site"),
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("year"),
                FieldPanel("city"),
                FieldPanel("number_prefix"),
                FieldPanel("description"),
                FieldPanel("rules_document"),
                FieldPanel("rules_url"),
                FieldPanel("privacy_notice"),
            ],
            heading=_("Edycja"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("submissions_start"), FieldPanel("submissions_end")]),
                FieldRowPanel([FieldPanel("formal_check_end"), FieldPanel("merit_check_end")]),
                FieldRowPanel([FieldPanel("lists_published_on"), FieldPanel("appeals_end")]),
                FieldPanel("final_list_on"),
                FieldRowPanel([FieldPanel("voting_start"), FieldPanel("voting_end")]),
                FieldRowPanel([FieldPanel("results_on"), FieldPanel("implementation_end")]),
            ],
            heading=_("Harmonogram"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("min_cost"), FieldPanel("max_cost"), FieldPanel("max_cost_share")]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("min_age"),
                        FieldPanel("consent_below_age"),
                        FieldPanel("required_supports"),
                    ]
                ),
                FieldPanel("age_reference_date"),
                FieldPanel("author_pesel_required"),
            ],
            heading=_("Wymogi uchwały"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("voter_min_age"),
                FieldPanel("second_vote_policy"),
                FieldPanel("address_required"),
            ],
            heading=_("Głosowanie"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("allocation_total"),
                FieldPanel("allocation_factors", widget=FactorWeightsWidget),
            ],
            heading=_("Podział kwoty między dzielnice"),
        ),
    ]


class PoolViewSet(CityScopedViewSet, SnippetViewSet):
    model = Pool
    icon = "table"
    menu_label = _("Pule")
    list_display = ["name", "edition", "kind", "amount", "ballot_kind", "counting_rule"]
    filterset_class = PoolFilterSet


class ExclusionGroupViewSet(CityScopedViewSet, SnippetViewSet):
    model = ExclusionGroup
    icon = "warning"
    menu_label = _("Projekty wykluczające się")
    list_display = ["name", "edition"]
    filterset_class = ExclusionGroupFilterSet


def _decision_link(project):
    return format_html(
        '<a class="button button-small button-secondary" href="{}">{}</a>',
        reverse("budget_decision", args=[project.pk]),
        _("Decyzja"),
    )


class ProjectViewSet(CityScopedViewSet, SnippetViewSet):
    model = Project
    icon = "doc-full"
    menu_label = _("Projekty")
    list_display = [
        "number",
        "title",
        "pool",
        "status",
        "cost",
        "merit_unit",
        # The decision is the clerk's main action: a link in each row, not in the "⋯" menu.
        Column("decision", label=_("Decyzja"), accessor=lambda p: _decision_link(p)),
    ]
    filterset_class = ProjectFilterSet
    search_fields = ["title", "number"]
    search_backend_name = None

    def get_queryset(self, request):
        # the pool and unit columns: one query for the page, not two per row
        return (
            super().get_queryset(request).select_related("pool__edition", "merit_unit", "edition")
        )

    panels = [
        FieldPanel("edition", read_only=True),
        FieldPanel("number", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("pool"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("justification"),
        FieldPanel("location_text"),
        FieldRowPanel([FieldPanel("location_lat"), FieldPanel("location_lon")]),
        FieldPanel("exclusion_group"),
        FieldPanel("merit_unit"),
        MultiFieldPanel(
            [
                FieldPanel("author_name"),
                FieldPanel("author_email"),
                FieldPanel("author_phone"),
                FieldPanel("author_name_public"),
                FieldPanel("author_guardian_consent"),
                FieldPanel("support_scan_count"),
            ],
            heading=_("Autor (dane niepubliczne; formularz papierowy wpisuje urzędnik)"),
        ),
    ]


class MeritReviewerViewSet(CityScopedViewSet, SnippetViewSet):
    model = MeritReviewer
    icon = "group"
    menu_label = _("Oceniający merytorycznie")
    list_display = ["unit", "user"]
    list_filter = ["unit"]
    panels = [FieldPanel("site"), FieldPanel("unit"), FieldPanel("user")]


class BudgetGroup(SnippetViewSetGroup):
    menu_label = _("Budżet (BO)")
    menu_icon = "tasks"
    menu_order = 310
    items = (
        EditionViewSet,
        PoolViewSet,
        ProjectViewSet,
        ExclusionGroupViewSet,
        MeritReviewerViewSet,
    )


register_snippet(BudgetGroup)


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path("budget/projekt/<int:pk>/decyzja/", admin_views.decision, name="budget_decision"),
        path("budget/zalacznik/<int:pk>/", admin_views.attachment, name="budget_admin_attachment"),
        path("budget/ocena-merytoryczna/", admin_views.merit_queue, name="budget_merit_queue"),
        path("budget/edycja/<int:pk>/podzial/", admin_views.split, name="budget_split"),
        path(
            "budget/edycja/<int:pk>/lista-ostateczna/",
            admin_views.final_list,
            name="budget_final_list",
        ),
    ]


class MeritQueueItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.has_perm("budget.review_merit") or user.has_perm("budget.coordinate_project")


@hooks.register("register_admin_menu_item")
def merit_queue_menu_item():
    return MeritQueueItem(
        _("Ocena merytoryczna"),
        reverse("budget_merit_queue"),
        icon_name="tasks",
        order=311,
    )


@hooks.register("register_snippet_listing_buttons")
def decision_button(snippet, user, next_url=None):
    if isinstance(snippet, Project) and user.has_perm("budget.change_project"):
        yield Button(
            _("Decyzja"),
            reverse("budget_decision", args=[snippet.pk]),
            icon_name="tick",
            priority=5,
        )
    if isinstance(snippet, Edition) and user.has_perm("budget.change_project"):
        yield Button(
            _("Lista ostateczna"),
            reverse("budget_final_list", args=[snippet.pk]),
            icon_name="list-ul",
            priority=5,
        )
        yield Button(
            _("Podział kwoty"),
            reverse("budget_split", args=[snippet.pk]),
            icon_name="table",
            priority=6,
        )


@hooks.register("register_log_actions")
def log_actions(actions):
    actions.register_action(
        "budget.status_change", _("Zmiana statusu projektu"), _("Zmieniono status projektu")
    )


def render_admitted(request, page):
    site = request if request is not None else (page.get_site() if page is not None else None)
    edition = in_city(Edition.objects.all(), site).first()
    if edition is None:
        return ""
    return render_to_string(
        "budget/embeds/lists.html",
        {"edition": edition, "pools": catalogue.lists_by_pool(edition)},
        request=request,
    )


register_embed(
    "budget-lists", _("Budżet obywatelski — listy projektów bieżącej edycji"), render_admitted
)
