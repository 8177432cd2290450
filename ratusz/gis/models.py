"""Spatial records of the portal.

Geometries are GeoJSON in CRS84 (lon, lat) kept in JSON columns, with an
indexed bounding box for prefiltering; exact tests use shapely. No GDAL or
SpatiaLite is needed, so the embedded set-up stays pure Python.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    """A district (dzielnica) of the city: pools, alerts and filters use it."""

    name = models.CharField(_("nazwa"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
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

    def __str__(self):
        return self.name
