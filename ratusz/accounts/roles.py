"""The portal's roles: the shared ones, and those the apps declare.

The shared roles are defined here with Wagtail's own permissions (pages,
media, redirects); each app adds the permissions of its own models to them,
or brings roles of its own, in its ``roles.py`` (see ``ratusz.core.roles``).
``all_roles()`` merges everything; ``manage.py ratusz_roles`` applies it.
"""

import dataclasses
import functools

from django.core.exceptions import ImproperlyConfigured

from ratusz.core.discovery import declared
from ratusz.core.marks import N_
from ratusz.core.roles import ADMIN_ACCESS, Role, crud

EDITOR = "Redaktor"
MODERATOR = "Moderator"
ADMINISTRATOR = "Administrator"

MEDIA = {
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
}
EDITOR_PAGES = {"add_page", "change_page", "lock_page", "unlock_page"}

# The shared roles (this app's own declaration, discovered like any other).
ROLES = [
    Role(
        EDITOR,
        N_(
            "Tworzy i poprawia strony, aktualności, karty usług, współpracę i projekty "
            "unijne; nie publikuje stron."
        ),
        frozenset(ADMIN_ACCESS),
        frozenset(EDITOR_PAGES),
        frozenset(MEDIA),
    ),
    Role(
        MODERATOR,
        N_(
            "Jak redaktor, a do tego publikuje strony, prowadzi przekierowania i linki do "
            "e-usług w nagłówku, przegląda zgłoszenia z formularzy i moderuje komentarze do "
            "małych grantów."
        ),
        frozenset(
            crud("wagtailredirects", "redirect", actions=("add", "change", "delete", "view"))
        ),
        frozenset(EDITOR_PAGES | {"publish_page"}),
        frozenset(MEDIA),
        includes=(EDITOR,),
    ),
    Role(
        ADMINISTRATOR,
        N_("Pełne uprawnienia: konta, grupy, ustawienia serwisu i wszystkie moduły."),
        everything=True,
        page_permissions=frozenset(EDITOR_PAGES | {"publish_page"}),
        collection_permissions=frozenset(
            MEDIA | {"wagtailimages.delete_image", "wagtaildocs.delete_document"}
        ),
    ),
]


def _merge(role: Role, extra) -> Role:
    return dataclasses.replace(role, permissions=frozenset(role.permissions | set(extra)))


@functools.cache
def all_roles() -> tuple[Role, ...]:
    """Every declared role with the grants of every app; the administrator last."""
    roles: dict[str, Role] = {}
    for label, role in declared("roles", "ROLES"):
        if not isinstance(role, Role) or role.name in roles:
            raise ImproperlyConfigured(f"{label}.roles.ROLES: {role!r} is not a new Role")
        roles[role.name] = role
    for label, grants in declared("roles", "GRANTS"):
        name, permissions = grants
        if name not in roles:
            raise ImproperlyConfigured(f"{label}.roles.GRANTS: no role named {name!r}")
        roles[name] = _merge(roles[name], permissions)
    for name, role in list(roles.items()):
        for included in role.includes:
            roles[name] = _merge(roles[name], roles[included].permissions)
    return tuple(sorted(roles.values(), key=lambda role: role.everything))
