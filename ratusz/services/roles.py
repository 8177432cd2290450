"""Permissions of "Załatw sprawę" (see ``ratusz.core.roles``)."""

from ratusz.core.roles import crud

GRANTS = {
    "Redaktor": crud(
        "services",
        "servicecard",
        "servicecategory",
        "officeunit",
        "officeclosure",
        "servicefee",
        "serviceform",
        "unitopeninghours",
        "unitperson",
    ),
}
