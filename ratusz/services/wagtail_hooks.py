"""Admin for service cards, units and closures; a panel of cards due for review."""

import django_filters
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ratusz.core.adminforms import CityAdminForm
from ratusz.core.tenancy import CityScopedViewSet, default_site_id, for_user, user_site_ids

from .models import OfficeClosure, OfficeUnit, ServiceCard, ServiceCategory


class OwnCityChoices:
    """Choices of related records (a category, a unit, staff) limited to the user's cities."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is None:
            return
        for name in ("category", "responsible_unit"):
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if field is not None:
                field.queryset = for_user(field.queryset, user)
        staff = self.fields.get("staff")  # type: ignore[attr-defined]
        ids = user_site_ids(user)
        if staff is not None and ids is not None:
            # accounts of the user's cities (an account without a city: the default one's)
            from django.db.models import Q

            own = Q(city_assignments__site_id__in=ids)
            if default_site_id() in ids:
                own |= Q(city_assignments__isnull=True)
            staff.queryset = staff.queryset.filter(own).distinct()


def _own(model):
    return lambda request: (
        for_user(model.objects.all(), request.user) if request else model.objects.none()
    )


class CardFilterSet(WagtailFilterSet):
    """The listing's filters offer the user's cities' categories and units only."""

    category = django_filters.ModelChoiceFilter(
        label=_("kategoria"), queryset=_own(ServiceCategory)
    )
    responsible_unit = django_filters.ModelChoiceFilter(
        label=_("komórka odpowiedzialna"), queryset=_own(OfficeUnit)
    )

    class Meta:
        model = ServiceCard
        fields = ["category", "responsible_unit", "is_published"]


class ServiceCardForm(OwnCityChoices, CityAdminForm):
    pass


class OfficeUnitForm(OwnCityChoices, CityAdminForm):
    pass


class ServiceCardViewSet(CityScopedViewSet, SnippetViewSet):
    model = ServiceCard
    icon = "form"
    list_display = ["title", "category", "responsible_unit", "last_reviewed", "is_published"]
    filterset_class = CardFilterSet
    search_fields = ["title", "summary"]
    edit_handler = ObjectList(ServiceCard.panels, base_form_class=ServiceCardForm)


class CategoryViewSet(CityScopedViewSet, SnippetViewSet):
    model = ServiceCategory
    icon = "folder-open-inverse"


class UnitViewSet(CityScopedViewSet, SnippetViewSet):
    model = OfficeUnit
    icon = "group"
    list_display = ["name", "head_name", "phone"]
    edit_handler = ObjectList(OfficeUnit.panels, base_form_class=OfficeUnitForm)


class ClosureViewSet(CityScopedViewSet, SnippetViewSet):
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
        user = parent_context["request"].user
        cards = for_user(ServiceCard.objects.needing_review(), user).select_related(
            "responsible_unit"
        )[:20]
        if not cards:
            return ""
        return render_to_string("services/admin_stale_panel.html", {"cards": cards})


@hooks.register("construct_homepage_panels")
def add_stale_cards_panel(request, panels):
    panels.append(StaleCardsPanel())
