"""Permissions of the vote, for the budget's official (see ``ratusz.core.roles``)."""

from ratusz.budget.roles import OFFICIAL
from ratusz.core.roles import crud

GRANTS = {
    OFFICIAL: crud("budget_voting", "ballot", "votingrules")
    | {"budget_voting.view_voter", "budget_voting.view_tally", "budget_voting.view_choice"}
    | {"budget_voting.change_tally"},  # orders a recount (budget_voting.md)
}
