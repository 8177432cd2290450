"""Roles with least privilege, as plain data every app can declare.

Model permissions are "app_label.codename". Page permissions apply to the
whole page tree (granted on the root), collection permissions to the root
collection of images and documents.

An app declares in its own ``roles.py`` (found by ``ratusz.core.discovery``):
``ROLES``, the roles it brings (``Role(...)``), and ``GRANTS``, the
permissions of its models it adds to roles declared elsewhere, by role name
(``{"Redaktor": crud("services", "servicecard")}``). ``ratusz.accounts.roles``
merges them; ``manage.py ratusz_roles`` applies the result.
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
    # Roles whose permissions this one has too ("Moderator" is an editor who publishes).
    includes: tuple[str, ...] = ()


ADMIN_ACCESS = frozenset({"wagtailadmin.access_admin"})

# The shell's own models: the e-service links of the header.
GRANTS = {"Moderator": crud("core", "eservicelink", actions=("add", "change", "delete", "view"))}
