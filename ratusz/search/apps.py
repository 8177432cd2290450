from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "ratusz.search"
    label = "search"
    verbose_name = _("Wyszukiwarka")

    def connect_signals(self):
        from . import signals

        signals.connect()

    def ready(self):
        self.connect_signals()
