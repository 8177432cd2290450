"""Models of the ngo app, one module per part of the statute."""

from .base import as_validation_error, unique_slug
from .competitions import Competition, CompetitionDocument, CompetitionQuerySet, CompetitionResult
from .directory import (
    LEGAL_FORM_CHOICES,
    PROPOSABLE_FIELDS,
    Area,
    ChangeProposal,
    Organisation,
    OrganisationQuerySet,
    locate_district,
    sync_areas,
)
from .grants import SmallGrant, SmallGrantComment
from .programme import CooperationProgramme

__all__ = [
    "LEGAL_FORM_CHOICES",
    "PROPOSABLE_FIELDS",
    "Area",
    "ChangeProposal",
    "Competition",
    "CompetitionDocument",
    "CompetitionQuerySet",
    "CompetitionResult",
    "CooperationProgramme",
    "Organisation",
    "OrganisationQuerySet",
    "SmallGrant",
    "SmallGrantComment",
    "as_validation_error",
    "locate_district",
    "sync_areas",
    "unique_slug",
]
