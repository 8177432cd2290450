"""The participatory budget's role (see ``ratusz.core.roles``); the vote adds its own
permissions to it in ``budget/voting/roles.py``."""

from ratusz.core.marks import N_
from ratusz.core.roles import ADMIN_ACCESS, Role, crud

OFFICIAL = N_("Urzędnik budżetu obywatelskiego")
MERIT_REVIEWER = N_("Oceniający merytorycznie (wydział)")

ROLES = [
    Role(
        OFFICIAL,
        N_(
            "Prowadzi edycje budżetu obywatelskiego, weryfikuje projekty, wpisuje i "
            "potwierdza karty papierowe."
        ),
        frozenset(
            ADMIN_ACCESS
            | crud("budget", "edition", "pool", "exclusiongroup", "project", "costitem")
            | crud("budget", "attachment", actions=("add", "change", "delete", "view"))
            | {"budget.add_statuschange", "budget.view_statuschange", "budget.view_support"}
            | {"wagtaildocs.choose_document", "wagtailimages.choose_image"}
            # the coordinator: any merit decision, and who reviews for which unit
            | {"budget.coordinate_project"}
            | crud("budget", "meritreviewer", actions=("add", "change", "delete", "view"))
        ),
    ),
    Role(
        MERIT_REVIEWER,
        N_(
            "Pracownik wydziału: widzi kolejkę projektów wskazanych jego komórce i zapisuje "
            "ich ocenę merytoryczną (komórkę przypisuje koordynator: Budżet obywatelski → "
            "Oceniający merytorycznie)."
        ),
        frozenset(
            ADMIN_ACCESS
            | {"budget.review_merit", "budget.view_project", "budget.view_statuschange"}
            | {"budget.view_attachment"}
        ),
    ),
]
