"""Permissions of the register of EU-funded projects (see ``ratusz.core.roles``)."""

from ratusz.core.roles import crud

GRANTS = {
    "Redaktor": crud(
        "eufunds",
        "project",
        "beneficiary",
        "visibilitymark",
        "projectindicator",
        "projectphoto",
        "projectdocument",
    )
    | {"eufunds.view_projectrevision"},
}
