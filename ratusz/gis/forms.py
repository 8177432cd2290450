"""The editor's layer form: the model fields plus the uploaded file."""

import re

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ratusz.core.conf import conf

from . import crs as crsmod
from .importer import check_layer, import_layer
from .readers import LayerFileError, read_layer

CRS_CHOICES = [
    ("", _("odczytaj z pliku")),
    (crsmod.CRS84.uri, _("WGS 84 (długość, szerokość)")),
    (crsmod.EPSG2180.uri, _("PUWG 1992 (EPSG:2180)")),
    (crsmod.EPSG2177.uri, _("PL-2000 strefa 6 (EPSG:2177)")),
]


class LayerAdminForm(WagtailAdminModelForm):
    source_file = forms.FileField(
        label=_("Plik z danymi"),
        required=False,
        help_text=_(
            "GeoJSON, GeoPackage (.gpkg) albo Shapefile spakowany do ZIP (.shp, .shx, .dbf, "
            ".prj). Nowy plik zastępuje wszystkie obiekty warstwy. Duże warstwy "
            "(dziesiątki tysięcy obiektów) importuj poleceniem manage.py import_layer."
        ),
    )
    file_crs = forms.ChoiceField(
        label=_("Układ współrzędnych pliku"), choices=CRS_CHOICES, required=False
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
    gpkg_table = forms.CharField(
        label=_("Tabela GeoPackage"),
        required=False,
        max_length=200,
        help_text=_("Tylko gdy plik GeoPackage ma kilka warstw."),
    )

    _layer_data = None

    def clean_colour(self):
        value = self.cleaned_data["colour"].strip().lower()
        if not re.fullmatch(r"#[0-9a-f]{6}", value):
            raise forms.ValidationError(_("Podaj kolor w zapisie #rrggbb, np. #1d5f8a."))
        return value

    def clean(self):
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
        crs = crsmod.get_crs(data["file_crs"]) if data.get("file_crs") else None
        try:
            layer_data = read_layer(
                upload.name,
                upload.read(),
                crs,
                data.get("gpkg_table") or None,
                repair=bool(data.get("repair_geometry")),
            )
            check_layer(layer_data)
        except LayerFileError as error:
            self.add_error("source_file", _("Plik odrzucony: %(reason)s") % {"reason": error})
            return data
        self._layer_data = layer_data
        self._check_attributes(data, layer_data.fields)
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
        if not commit or self._layer_data is None:
            return super().save(commit=commit)
        with transaction.atomic():  # the layer row and its features, or nothing
            layer = super().save(commit=True)
            import_layer(layer, self._layer_data)
        return layer
