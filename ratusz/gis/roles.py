"""The role of the land-information system (see ``ratusz.core.roles``)."""

from ratusz.core.marks import N_
from ratusz.core.roles import ADMIN_ACCESS, Role, crud

ROLES = [
    Role(
        "Redaktor SIT",
        N_("Prowadzi warstwy i obiekty mapy oraz dane dzielnic."),
        frozenset(
            ADMIN_ACCESS
            | crud("gis", "layer", "feature", actions=("add", "change", "delete", "view"))
            | {"gis.change_district", "gis.view_district"}
        ),
    ),
]
