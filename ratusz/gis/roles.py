"""The role of the land-information system (see ``ratusz.core.roles``)."""

from django.utils.translation import gettext_lazy

from ratusz.core.roles import ADMIN_ACCESS, Role, crud

ROLES = [
    Role(
        "Redaktor SIT",
        gettext_lazy("Prowadzi warstwy i obiekty mapy oraz dane dzielnic."),
        frozenset(
            ADMIN_ACCESS
            | crud("gis", "layer", "feature", actions=("add", "change", "delete", "view"))
            | {"gis.change_district", "gis.view_district"}
        ),
    ),
]
