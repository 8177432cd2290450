"""Working days for the NGO deadlines (art. 19a counts "7 dni roboczych").

The holiday rules live in ``ratusz.core.holidays``, shared with the office
directory's opening hours.
"""

from datetime import date

from ratusz.core.holidays import (
    WIGILIA_FROM_YEAR,
    add_working_days,
    easter_sunday,
    is_working_day,
    polish_holidays,
)

__all__ = [
    "WIGILIA_FROM_YEAR",
    "add_working_days",
    "easter_sunday",
    "is_working_day",
    "polish_holidays",
    "public_holidays",
]


def public_holidays(year: int) -> frozenset[date]:
    """Statutory days off in Poland in the given year."""
    return frozenset(polish_holidays(year))
