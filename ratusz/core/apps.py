from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ratusz.core"
    label = "core"
    verbose_name = _("Portal")

    def ready(self):
        from django.core import checks

        from . import checks_deploy, conf_checks, sessionmarker, signals  # noqa: F401 - register

        signals.connect()
        checks.register(conf_checks.check_app_settings)
        from .logs import connect_task_signals

        connect_task_signals()
        from .adminlabels import label_upstream_fields

        label_upstream_fields()
