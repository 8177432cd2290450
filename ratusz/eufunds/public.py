"""What the register of EU-funded projects shows the public (see ``ratusz.core.discovery``)."""

from .models import (
    Beneficiary,
    EuFundsSettings,
    Project,
    ProjectDocument,
    ProjectIndicator,
    ProjectPhoto,
    VisibilityMark,
)

PUBLIC_MODELS = [
    Beneficiary,
    Project,
    ProjectIndicator,
    ProjectPhoto,
    ProjectDocument,
    VisibilityMark,
    EuFundsSettings,
]
