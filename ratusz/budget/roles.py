"""The participatory budget's role (see ``ratusz.core.roles``); the vote adds its own
permissions to it in ``budget/voting/roles.py``."""

from ratusz.core.roles import ADMIN_ACCESS, Role, crud

OFFICIAL = "Urzędnik budżetu obywatelskiego"

ROLES = [
    Role(
        OFFICIAL,
        "Prowadzi edycje budżetu obywatelskiego, weryfikuje projekty, wpisuje i potwierdza "
        "karty papierowe.",
        frozenset(
            ADMIN_ACCESS
            | crud("budget", "edition", "pool", "exclusiongroup", "project", "costitem")
            | crud("budget", "attachment", actions=("add", "change", "delete", "view"))
            | {"budget.add_statuschange", "budget.view_statuschange", "budget.view_support"}
            | {"wagtaildocs.choose_document", "wagtailimages.choose_image"}
        ),
    ),
]
