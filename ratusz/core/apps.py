from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ratusz.core"
    label = "core"
    verbose_name = _("Portal")

    def ready(self):
        from . import sessionmarker, signals  # noqa: F401 - sessionmarker's receivers

        signals.connect()
