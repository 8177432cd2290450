from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "ratusz.alerts"
    label = "alerts"
    verbose_name = _("Komunikaty")

    def ready(self):
        from . import signals

        signals.connect()
