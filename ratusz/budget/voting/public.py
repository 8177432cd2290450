"""What the vote shows the public (see ``ratusz.core.discovery``).

Voters, ballots and choices are left out on purpose: a vote must not flush
the page cache during the last day of a budget vote.
"""

from .models import Tally, VotingRules

PUBLIC_MODELS = [VotingRules, Tally]

# Ballot numbers must not be guessable by trying many.
READ_LIMITS = [("ballot-check", r"^/budzet-obywatelski/glosowanie/[^/]+/(sprawdz|karta)/")]
