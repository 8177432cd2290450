"""Roles with least privilege: exact permissions per group (plain data).

Model permissions are "app_label.codename". Page permissions apply to the
whole page tree (granted on the root), collection permissions to the root
collection of images and documents. `manage.py ratusz_roles` applies this.
"""

from dataclasses import dataclass, field


def crud(app, *models, actions=("add", "change", "view")):
    return {f"{app}.{action}_{model}" for model in models for action in actions}


@dataclass(frozen=True)
class Role:
    name: str
    description: str
    permissions: frozenset = field(default_factory=frozenset)
    page_permissions: frozenset = field(default_factory=frozenset)
    collection_permissions: frozenset = field(default_factory=frozenset)
    everything: bool = False  # the administrator gets every permission


ADMIN_ACCESS = {"wagtailadmin.access_admin"}
MEDIA = {
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
}
EDITOR_PAGES = {"add_page", "change_page", "lock_page", "unlock_page"}

EDITOR = (
    ADMIN_ACCESS
    | crud("pages", "newscategory")
    | crud(
        "services",
        "servicecard",
        "servicecategory",
        "officeunit",
        "officeclosure",
        "servicefee",
        "serviceform",
        "unitopeninghours",
        "unitperson",
    )
    | crud(
        "cooperation",
        "organisation",
        "membership",
        "membershipdocument",
        "role",
        "partnership",
        "agreement",
        "activity",
    )
    | crud(
        "eufunds",
        "project",
        "beneficiary",
        "visibilitymark",
        "projectindicator",
        "projectphoto",
        "projectdocument",
    )
    | {"eufunds.view_projectrevision"}
)

ROLES = [
    Role(
        "Redaktor",
        "Tworzy i poprawia strony, aktualności, karty usług, współpracę i projekty unijne; "
        "nie publikuje stron.",
        frozenset(EDITOR),
        frozenset(EDITOR_PAGES),
        frozenset(MEDIA),
    ),
    Role(
        "Moderator",
        "Jak redaktor, a do tego publikuje strony, prowadzi przekierowania i linki do "
        "e-usług w nagłówku, przegląda zgłoszenia z formularzy i moderuje komentarze do "
        "małych grantów.",
        frozenset(
            EDITOR
            | crud("wagtailredirects", "redirect", actions=("add", "change", "delete", "view"))
            | {"wagtailforms.view_formsubmission", "wagtailforms.delete_formsubmission"}
            | crud("ngo", "smallgrantcomment", actions=("change", "delete", "view"))
            | crud("search", "synonymrule", actions=("add", "change", "delete", "view"))
            | crud("core", "eservicelink", actions=("add", "change", "delete", "view"))
        ),
        frozenset(EDITOR_PAGES | {"publish_page"}),
        frozenset(MEDIA),
    ),
    Role(
        "Urzędnik budżetu obywatelskiego",
        "Prowadzi edycje budżetu obywatelskiego, weryfikuje projekty, wpisuje i potwierdza "
        "karty papierowe.",
        frozenset(
            ADMIN_ACCESS
            | crud("budget", "edition", "pool", "exclusiongroup", "project", "costitem")
            | crud("budget", "attachment", actions=("add", "change", "delete", "view"))
            | {"budget.add_statuschange", "budget.view_statuschange", "budget.view_support"}
            | crud("budget_voting", "ballot", "votingrules")
            | {"budget_voting.view_voter", "budget_voting.view_tally", "budget_voting.view_choice"}
            | {"budget_voting.change_tally"}  # orders a recount (budget_voting.md)
            | {"wagtaildocs.choose_document", "wagtailimages.choose_image"}
        ),
    ),
    Role(
        "Publikujący ostrzeżenia",
        "Przygotowuje i publikuje komunikaty i ostrzeżenia dla mieszkańców.",
        frozenset(
            ADMIN_ACCESS
            | crud("alerts", "announcement")
            | {
                "alerts.publish_announcement",
                "alerts.lock_announcement",
                "alerts.unlock_announcement",
                "alerts.view_message",
                "alerts.view_importsource",
            }
        ),
    ),
    Role(
        "Redaktor SIT",
        "Prowadzi warstwy i obiekty mapy oraz dane dzielnic.",
        frozenset(
            ADMIN_ACCESS
            | crud("gis", "layer", "feature", actions=("add", "change", "delete", "view"))
            | {"gis.change_district", "gis.view_district"}
        ),
    ),
    Role(
        "Urzędnik ds. NGO",
        "Prowadzi rejestr organizacji pozarządowych, konkursy, małe granty i program "
        "współpracy; rozpatruje zgłoszenia zmian.",
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
    Role(
        "Administrator",
        "Pełne uprawnienia: konta, grupy, ustawienia serwisu i wszystkie moduły.",
        everything=True,
        page_permissions=frozenset(EDITOR_PAGES | {"publish_page"}),
        collection_permissions=frozenset(
            MEDIA | {"wagtailimages.delete_image", "wagtaildocs.delete_document"}
        ),
    ),
]
