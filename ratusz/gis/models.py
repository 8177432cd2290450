"""Spatial records of the portal.

Geometries are GeoJSON in CRS84 (lon, lat) kept in JSON columns, with an
indexed bounding box for prefiltering; exact tests use shapely. No GDAL or
SpatiaLite is needed, so the embedded set-up stays pure Python.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ratusz.core.tenancy import city_field


class District(models.Model):
    """A district (dzielnica) of a city: pools, alerts and filters use it."""

    site = city_field()
    name = models.CharField(_("nazwa"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    code = models.CharField(_("kod"), max_length=20, blank=True)
    population = models.PositiveIntegerField(_("liczba mieszkańców"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("powierzchnia [km²]"), max_digits=8, decimal_places=3, null=True, blank=True
    )
    geometry = models.JSONField(_("granica (GeoJSON, CRS84)"), null=True, blank=True)
    min_lon = models.FloatField(null=True, blank=True, editable=False)
    min_lat = models.FloatField(null=True, blank=True, editable=False)
    max_lon = models.FloatField(null=True, blank=True, editable=False)
    max_lat = models.FloatField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("dzielnica")
        verbose_name_plural = _("dzielnice")
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="gis_district_unique_name"),
            models.UniqueConstraint(fields=["site", "slug"], name="gis_district_unique_slug"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        from .crs import geometry_bbox

        box = geometry_bbox(self.geometry)
        self.min_lon, self.min_lat, self.max_lon, self.max_lat = box or (None, None, None, None)
        super().save(*args, **kwargs)


class Layer(models.Model):
    """A map layer of a city uploaded by an editor; published as an OGC API collection."""

    KIND_GENERIC = "generic"
    KIND_PARCELS = "parcels"
    KIND_ADDRESSES = "addresses"
    KINDS = [
        (KIND_GENERIC, _("zwykła warstwa")),
        (KIND_PARCELS, _("działki ewidencyjne")),
        (KIND_ADDRESSES, _("punkty adresowe")),
    ]

    site = city_field()
    slug = models.SlugField(
        _("identyfikator"),
        max_length=80,
        help_text=_("Część adresu kolekcji w OGC API, np. „dzialki”."),
    )
    title = models.CharField(_("tytuł"), max_length=200)
    description = models.TextField(_("opis"), blank=True)
    kind = models.CharField(_("rodzaj"), max_length=20, choices=KINDS, default=KIND_GENERIC)
    licence = models.CharField(
        _("licencja"),
        max_length=200,
        blank=True,
        help_text=_("Np. „CC BY 4.0” albo podstawa prawna."),
    )
    licence_url = models.URLField(_("adres licencji"), blank=True)
    attribution = models.CharField(_("źródło danych"), max_length=200, blank=True)
    colour = models.CharField(
        _("kolor"),
        max_length=7,
        default="#1d5f8a",
        help_text=_("Kolor obrysu i wypełnienia na mapie, np. #1d5f8a."),
    )
    label_property = models.CharField(
        _("atrybut z nazwą obiektu"),
        max_length=100,
        blank=True,
        help_text=_("Np. identyfikator działki albo adres; po nim działa wyszukiwanie."),
    )
    time_property = models.CharField(
        _("atrybut z datą"),
        max_length=100,
        blank=True,
        help_text=_("Atrybut z datą lub przedziałem dat obiektu (dla parametru datetime)."),
    )
    attributes = models.JSONField(_("atrybuty"), default=list, blank=True, editable=False)
    source_format = models.CharField(_("format źródła"), max_length=20, blank=True, editable=False)
    source_crs = models.CharField(_("układ źródła"), max_length=100, blank=True, editable=False)
    feature_count = models.PositiveIntegerField(_("liczba obiektów"), default=0, editable=False)
    min_lon = models.FloatField(null=True, blank=True, editable=False)
    min_lat = models.FloatField(null=True, blank=True, editable=False)
    max_lon = models.FloatField(null=True, blank=True, editable=False)
    max_lat = models.FloatField(null=True, blank=True, editable=False)
    # the largest feature extent: lets a bbox query use the (min_lon, min_lat) index
    max_width = models.FloatField(default=0, editable=False)
    max_height = models.FloatField(default=0, editable=False)
    import_report = models.TextField(
        _("raport z ostatniego importu"),
        blank=True,
        help_text=_("Co system zmienił w pliku przy imporcie (np. naprawione geometrie)."),
    )
    published = models.BooleanField(_("opublikowana"), default=True)
    position = models.PositiveIntegerField(_("kolejność"), default=100)
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("warstwa mapy")
        verbose_name_plural = _("warstwy mapy")
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="gis_layer_unique_slug"),
        ]

    def __str__(self):
        return self.title

    @property
    def bbox(self):
        if self.min_lon is None:
            return None
        return (self.min_lon, self.min_lat, self.max_lon, self.max_lat)


class Feature(models.Model):
    """One object of a layer: a CRS84 GeoJSON geometry plus attributes."""

    CITY_PATH = "layer__site"

    layer = models.ForeignKey(Layer, on_delete=models.CASCADE, related_name="features")
    fid = models.CharField(_("identyfikator obiektu"), max_length=100)
    geometry = models.JSONField(_("geometria (GeoJSON, CRS84)"), null=True, blank=True)
    properties = models.JSONField(_("atrybuty"), default=dict, blank=True)
    label = models.CharField(_("nazwa"), max_length=200, blank=True, db_index=True)
    min_lon = models.FloatField(null=True, blank=True)
    min_lat = models.FloatField(null=True, blank=True)
    max_lon = models.FloatField(null=True, blank=True)
    max_lat = models.FloatField(null=True, blank=True)
    # an open end is stored as the far past/future, so "no time" stays NULL
    time_start = models.DateTimeField(null=True, blank=True)
    time_end = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["layer", "id"]
        verbose_name = _("obiekt warstwy")
        verbose_name_plural = _("obiekty warstw")
        constraints = [
            models.UniqueConstraint(fields=["layer", "fid"], name="gis_feature_unique_fid")
        ]
        indexes = [
            models.Index(fields=["layer", "min_lon", "min_lat"], name="gis_feature_bbox"),
            # pages of a layer in its order: the keys of page N read off the index
            models.Index(fields=["layer", "id"], name="gis_feature_layer_order"),
        ]

    def __str__(self):
        return self.label or self.fid


class SearchEntry(models.Model):
    """A key the map's search box finds (ratusz.gis.placesearch): a parcel id or
    number, an address, a street or a place name, normalised (searchkeys.py).
    Rebuilt from a layer's features after each import; a "stamp" row records
    which version of the layer the entries belong to."""

    CITY_PATH = "layer__site"
    KIND_STAMP = "stamp"
    layer = models.ForeignKey(Layer, on_delete=models.CASCADE, related_name="search_entries")
    feature = models.ForeignKey(Feature, on_delete=models.CASCADE, null=True, related_name="+")
    kind = models.CharField(max_length=10)
    key = models.CharField(max_length=200)
    label = models.CharField(max_length=200)
    min_lon = models.FloatField(null=True)
    min_lat = models.FloatField(null=True)
    max_lon = models.FloatField(null=True)
    max_lat = models.FloatField(null=True)

    class Meta:
        verbose_name = _("hasło wyszukiwarki mapy")
        verbose_name_plural = _("hasła wyszukiwarki mapy")
        indexes = [
            # LIKE 'prefix%' uses it on PostgreSQL whatever the database's collation
            models.Index(fields=["key"], name="gis_search_key", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self):
        return self.label
