from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ratusz.core"
    label = "core"
    verbose_name = _("Portal")

    def ready(self):
        from . import checks_deploy, sessionmarker, signals  # noqa: F401 - they register

        signals.connect()
        from .logs import connect_task_signals

        connect_task_signals()
