"""Permissions of the cooperation register (see ``ratusz.core.roles``)."""

from ratusz.core.roles import crud

GRANTS = {
    "Redaktor": crud(
        "cooperation",
        "organisation",
        "membership",
        "membershipdocument",
        "role",
        "partnership",
        "agreement",
        "activity",
    ),
}
