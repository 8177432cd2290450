from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetVotingConfig(AppConfig):
    name = "ratusz.budget.voting"
    label = "budget_voting"
    verbose_name = _("Budżet obywatelski — głosowanie")
