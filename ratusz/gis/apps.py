from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GisConfig(AppConfig):
    name = "ratusz.gis"
    label = "gis"
    verbose_name = _("System informacji o terenie")

    def ready(self):
        from . import placesearch  # noqa: F401  (re-indexes a layer after each import)
