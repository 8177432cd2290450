from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NgoConfig(AppConfig):
    name = "ratusz.ngo"
    label = "ngo"
    verbose_name = _("Organizacje pozarządowe")

    def ready(self):
        from . import signals  # noqa: F401
