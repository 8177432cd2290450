"""What "Załatw sprawę" shows the public (see ``ratusz.core.discovery``)."""

from .models import (
    OfficeClosure,
    OfficeUnit,
    ServiceCard,
    ServiceCategory,
    ServiceFee,
    ServiceForm,
    UnitOpeningHours,
    UnitPerson,
)

PUBLIC_MODELS = [
    ServiceCategory,
    OfficeUnit,
    UnitOpeningHours,
    UnitPerson,
    OfficeClosure,
    ServiceCard,
    ServiceFee,
    ServiceForm,
]
