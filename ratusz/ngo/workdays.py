"""Working days for the NGO deadlines (art. 19a counts "7 dni roboczych").

The holiday rules live in ``ratusz.core.holidays``, shared with the office
directory's opening hours.
"""

from ratusz.core.holidays import (  # noqa: F401 - this module's public names
    WIGILIA_FROM_YEAR,
    add_working_days,
    easter_sunday,
    is_working_day,
    polish_holidays,
)


def public_holidays(year):
    """Statutory days off in Poland in the given year."""
    return frozenset(polish_holidays(year))
