from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EufundsConfig(AppConfig):
    name = "ratusz.eufunds"
    label = "eufunds"
    verbose_name = _("Fundusze europejskie")
