"""Page-editing groups of one city (#24): "Redaktor — Tychy", "Moderator — Tychy".

A role's group ("Redaktor") is shared by the whole installation: its model
permissions hold everywhere (the records themselves are kept apart by
``CityStaff``, ``ratusz.core.tenancy``), but page permissions are granted on a
page and everything under it. So in an installation with several cities:

- every role with page permissions (but not the administrator's, who manages
  accounts and groups of the whole installation) gets a group per city, with the
  role's model and collection permissions and its page permissions granted on
  that city's home page only — an editor of one city cannot open another's pages
  in the admin, and the other way round;
- the shared group keeps its page permissions on the default city's home page
  only (staff without a city assignment work for the default city), not on the
  root of the tree, which holds every city's pages.

With one city nothing changes: the shared groups hold the whole tree.

A city's group is found by its page permission on the city's home page, not by
its name: renaming the site renames the group and keeps its members.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from ratusz.core.roles import Role

SEPARATOR = " — "


def city_roles(roles) -> list[Role]:
    """The roles that get a group per city: those editing pages, the administrator aside."""
    return [role for role in roles if role.page_permissions and not role.everything]


def group_name(role: Role, site) -> str:
    return f"{role.name}{SEPARATOR}{site.site_name or site.hostname}"[:150]


def several_cities() -> bool:
    return Site.objects.count() > 1


def shared_anchor(role: Role):
    """The page a shared role group's page permissions are granted on."""
    root = Page.get_first_root_node()
    if role.everything or not several_cities():
        return root
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site is not None else root


def grant(group: Group, page, permissions, page_permissions, collection_permissions) -> None:
    """Exactly these permissions: model ones, page ones on ``page``, collection
    ones on the root collection; nothing left over."""
    group.permissions.set(permissions)
    GroupPagePermission.objects.filter(group=group).delete()
    if page is not None:
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page=page, permission=perm)
            for perm in page_permissions
        )
    GroupCollectionPermission.objects.filter(group=group).delete()
    collection = Collection.get_first_root_node()
    if collection is not None:
        GroupCollectionPermission.objects.bulk_create(
            GroupCollectionPermission(group=group, collection=collection, permission=perm)
            for perm in collection_permissions
        )


def city_group(role: Role, site) -> Group | None:
    """The existing group of ``role`` for ``site`` (by its page permission), or None."""
    return (
        Group.objects.filter(
            name__startswith=f"{role.name}{SEPARATOR}", page_permissions__page_id=site.root_page_id
        )
        .distinct()
        .first()
    )


def set_up_city_groups(site, roles, permissions_of) -> list[tuple[Group, bool]]:
    """Create or correct the groups of ``site`` (idempotent). ``permissions_of(role)``
    gives a role's (model, page, collection) permissions. Returns (group, created) pairs."""
    done = []
    for role in city_roles(roles):
        group = city_group(role, site)
        name = group_name(role, site)
        created = group is None
        if group is None:
            group, created = Group.objects.get_or_create(name=name)
        elif group.name != name and not Group.objects.filter(name=name).exists():
            group.name = name
            group.save(update_fields=["name"])
        grant(group, site.root_page, *permissions_of(role))
        done.append((group, created))
    return done


def editor_group(site, roles, name: str) -> Group | None:
    """The city's group of the role called ``name`` ("Redaktor")."""
    for role in city_roles(roles):
        if role.name == name:
            return city_group(role, site)
    return None
