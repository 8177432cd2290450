"""The editor's layer form: the model fields plus the uploaded file."""

import re

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ratusz.core.conf import conf
from ratusz.core.tenancy import CityFormMixin

from . import crs as crsmod

CRS_CHOICES = [
    ("", _("odczytaj z pliku")),
    (crsmod.CRS84.uri, _("WGS 84 (długość, szerokość)")),
    (crsmod.EPSG2180.uri, _("PUWG 1992 (EPSG:2180)")),
    (crsmod.EPSG2177.uri, _("PL-2000 strefa 6 (EPSG:2177)")),
]


class LayerAdminForm(CityFormMixin, WagtailAdminModelForm):
    source_file = forms.FileField(
        label=_("Plik z danymi"),
        required=False,
        help_text=_(
            "GeoJSON, GeoPackage (.gpkg) albo Shapefile spakowany do ZIP (.shp, .shx, .dbf, "
            ".prj). Plik wczytuje się w tle do szkicu; obiekty na mapie zastępuje dopiero "
            "publikacja szkicu przez drugą osobę (Zadania w tle). Duże warstwy "
            "(dziesiątki tysięcy obiektów) importuj poleceniem manage.py import_layer."
        ),
    )
    file_crs = forms.ChoiceField(
        label=_("Układ współrzędnych pliku"), choices=CRS_CHOICES, required=False
    )
    gpkg_table = forms.CharField(
        label=_("Tabela GeoPackage"),
        required=False,
        max_length=200,
        help_text=_("Tylko gdy plik GeoPackage ma kilka warstw."),
    )

    repair_geometry = forms.BooleanField(
        label=_("Napraw geometrię"),
        required=False,
        help_text=_(
            "Wielokąty, których krawędzie się przecinają, zostaną naprawione (jak "
            "ST_MakeValid w PostGIS), a każda naprawa trafi do raportu importu. Bez tej "
            "opcji plik z taką geometrią jest odrzucany z numerem obiektu."
        ),
    )

    dry_run = forms.BooleanField(
        label=_("Tylko sprawdź plik (nic nie zapisuj)"),
        required=False,
        help_text=_("Plik zostanie wczytany w tle jak przy imporcie, ale warstwa się nie zmieni."),
    )

    # set by save(): the queued import, so the view can show its progress
    job = None

    def clean_colour(self):
        value = self.cleaned_data["colour"].strip().lower()
        if not re.fullmatch(r"#[0-9a-f]{6}", value):
            raise forms.ValidationError(_("Podaj kolor w zapisie #rrggbb, np. #1d5f8a."))
        return value

    def clean(self):
        # The file is only checked for size here: it is read by the task
        # worker, under a memory and time limit (ratusz.core.jobs), never in the request.
        data = super().clean()
        upload = data.get("source_file")
        if not upload:
            if not self.instance.pk:
                self.add_error("source_file", _("Prześlij plik z danymi warstwy."))
            else:
                self._check_attributes(data, self.instance.attributes)
            return data
        limit_mb = conf.RATUSZ_GIS_MAX_UPLOAD_MB
        if upload.size > limit_mb * 1024 * 1024:
            self.add_error(
                "source_file",
                _("Plik jest większy niż %(mb)s MB: użyj polecenia import_layer.")
                % {"mb": limit_mb},
            )
            return data
        return data

    def _check_attributes(self, data, attributes):
        for name in ("label_property", "time_property"):
            value = data.get(name)
            if value and value not in attributes:
                self.add_error(
                    name,
                    _("Warstwa nie ma atrybutu „%(name)s”. Dostępne: %(names)s.")
                    % {"name": value, "names": ", ".join(attributes) or "—"},
                )

    def save(self, commit=True):
        upload = self.cleaned_data.get("source_file")
        if not commit or not upload:
            return super().save(commit=commit)
        from ratusz.core import jobs

        from .jobs import KIND

        with transaction.atomic():
            if not self.instance.pk:
                # a new layer shows on the map only once a second person publishes it
                self.instance.published = False
            layer = super().save(commit=True)
            dry_run = self.cleaned_data.get("dry_run", False)
            title = _("Import warstwy „%(title)s”") % {"title": layer.title}
            if dry_run:
                title = _("Próba importu warstwy „%(title)s”") % {"title": layer.title}
            self.job = jobs.start(
                KIND,
                title,
                getattr(self, "for_user", None),
                upload=upload,
                params={
                    "layer": layer.pk,
                    "crs": self.cleaned_data.get("file_crs") or "",
                    "table": self.cleaned_data.get("gpkg_table") or "",
                    "repair": bool(self.cleaned_data.get("repair_geometry")),
                },
                dry_run=dry_run,
                site=layer.site_id,  # the layer's city, the one chosen in the form
            )
        return layer
