"""What a new city needs from the participatory budget (ratusz.core.newcity).

An edition belongs to its city (``Edition.site``), but its dates and limits come
from the council's resolution, which no command knows: so the step makes none and
says what to do; the defaults an edition starts with are the limits of
``eligibility.DEFAULTS``.
"""

from ratusz.core.newcity import NewCity, Step


def budget(city: NewCity) -> None:
    city.say(
        "budżet obywatelski: bez edycji — pierwszą edycję (daty i limity z uchwały rady) "
        "dodaj w panelu: Budżet obywatelski → Edycje"
    )


STEPS = [Step(50, "budżet obywatelski", budget)]
