from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetVotingConfig(AppConfig):
    name = "ratusz.budget.voting"
    label = "budget_voting"
    verbose_name = _("Budżet obywatelski — głosowanie")

    def ready(self):
        from ratusz.budget.services import personal_data_purge, register_outcome_reader

        from .results import outcomes
        from .services import purge_voters

        personal_data_purge.connect(purge_voters, dispatch_uid="budget_voting.purge_voters")
        register_outcome_reader(outcomes)
