"""Admin of the pages app's snippets: news categories, each city's own."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ratusz.core.tenancy import CityScopedViewSet

from .models import NewsCategory


class NewsCategoryViewSet(CityScopedViewSet, SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("Kategorie aktualności")
    list_display = ["name", "slug"]


register_snippet(NewsCategoryViewSet)
