"""The NGO official's role, and comment moderation for moderators (see ``ratusz.core.roles``)."""

from ratusz.core.marks import N_
from ratusz.core.roles import ADMIN_ACCESS, Role, crud

ROLES = [
    Role(
        N_("Urzędnik ds. NGO"),
        N_(
            "Prowadzi rejestr organizacji pozarządowych, konkursy, małe granty i program "
            "współpracy; rozpatruje zgłoszenia zmian."
        ),
        frozenset(
            ADMIN_ACCESS
            | crud(
                "ngo",
                "area",
                "organisation",
                "changeproposal",
                "competition",
                "competitiondocument",
                "competitionresult",
                "smallgrant",
                "smallgrantcomment",
                "cooperationprogramme",
            )
            | {"ngo.delete_competitiondocument", "ngo.delete_competitionresult"}
            | {"wagtaildocs.choose_document", "wagtaildocs.add_document"}
        ),
    ),
]

GRANTS = {"Moderator": crud("ngo", "smallgrantcomment", actions=("change", "delete", "view"))}
