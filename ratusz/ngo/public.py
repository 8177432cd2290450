"""What the NGO directory shows the public (see ``ratusz.core.discovery``).

Change proposals and comments on small grants come from residents and are
never shown as such (an official sums comments up on the grant): posting
one does not flush the page cache.
"""

from .models import (
    Area,
    Competition,
    CompetitionDocument,
    CompetitionResult,
    CooperationProgramme,
    Organisation,
    SmallGrant,
)

PUBLIC_MODELS = [
    Area,
    Organisation,
    Competition,
    CompetitionDocument,
    CompetitionResult,
    CooperationProgramme,
    SmallGrant,
]
