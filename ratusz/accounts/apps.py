from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ratusz.accounts"
    label = "accounts"
    verbose_name = _("Konta i dostęp")

    def ready(self):
        from . import signals  # noqa: F401  (failed-login counting)
