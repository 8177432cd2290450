"""Voting results for the search index (see ``ratusz.search.sources``).

The results pages are declared in ``ratusz.budget.search``; a tally
published or withdrawn changes what they show.
"""

from django.urls import reverse

from ratusz.budget.models import Edition

from .models import Tally


def _results():
    for slug in Edition.objects.order_by("pk").values_list("slug", flat=True):
        yield reverse("budget_voting:results", args=[slug])


# Saves of these records change what these pages show: their index entries
# are re-rendered soon after (ratusz.search.signals).
VIEWS_DEPEND_ON = {Tally: [_results], "budget_voting.VotingRules": [_results]}
