"""Admin: map layers (with file upload) and districts, grouped under "SIT".

Both are a city's: the lists show the user's cities, another city's id is a 404.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from ratusz.core.adminforms import CityAdminForm
from ratusz.core.tenancy import CityScopedViewSet

from .forms import LayerAdminForm
from .models import District, Layer


class _ShowsQueuedImport:
    """After a save that queued an import, go to the job's progress page."""

    def form_valid(self, form):
        response = super().form_valid(form)
        job = getattr(form, "job", None)
        if job is None or response.status_code != 302:
            return response
        from ratusz.core.jobs import job_url

        messages.info(
            self.request,
            _("Plik czeka w kolejce do wczytania; postęp i wynik widać na tej stronie."),
        )
        return redirect(job_url(job))


class LayerCreateView(_ShowsQueuedImport, CreateView):
    pass


class LayerEditView(_ShowsQueuedImport, EditView):
    pass


class LayerViewSet(CityScopedViewSet, SnippetViewSet):
    model = Layer
    add_view_class = LayerCreateView
    edit_view_class = LayerEditView
    icon = "site"
    menu_label = _("Warstwy mapy")
    list_display = ["title", "slug", "kind", "feature_count", "published", "updated_at"]
    list_filter = ["site", "kind", "published"]
    search_fields = ["title", "slug"]
    edit_handler = ObjectList(
        [
            FieldPanel("site"),
            MultiFieldPanel(
                [
                    FieldPanel("source_file"),
                    FieldPanel("file_crs"),
                    FieldPanel("gpkg_table"),
                    FieldPanel("dry_run"),
                    FieldPanel("repair_geometry"),
                    FieldPanel("import_report", read_only=True),
                ],
                heading=_("Dane"),
            ),
            FieldPanel("title"),
            FieldPanel("slug"),
            FieldPanel("description"),
            FieldPanel("kind"),
            FieldPanel("label_property"),
            FieldPanel("time_property"),
            MultiFieldPanel(
                [FieldPanel("licence"), FieldPanel("licence_url"), FieldPanel("attribution")],
                heading=_("Licencja i źródło"),
            ),
            MultiFieldPanel(
                [FieldPanel("colour"), FieldPanel("position"), FieldPanel("published")],
                heading=_("Wygląd i publikacja"),
            ),
        ],
        base_form_class=LayerAdminForm,
    )


class DistrictViewSet(CityScopedViewSet, SnippetViewSet):
    model = District
    icon = "group"
    menu_label = _("Dzielnice")
    list_display = ["name", "code", "population", "area_km2"]
    list_filter = ["site"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("site"),
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("code"),
            FieldPanel("population"),
            FieldPanel("area_km2"),
        ],
        base_form_class=CityAdminForm,
    )


class GisGroup(SnippetViewSetGroup):
    items = (LayerViewSet, DistrictViewSet)
    menu_icon = "site"
    menu_label = _("SIT")
    menu_name = "sit"


register_snippet(GisGroup)
