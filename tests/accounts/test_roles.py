"""Each role reaches what it needs and nothing else."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page

from ratusz.accounts.roles import all_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(db):
    call_command("ratusz_roles", stdout=open("/dev/null", "w"))


@pytest.fixture
def member(django_user_model, verified, roles):
    def make(role):
        user = django_user_model.objects.create_user(
            role.split()[0].lower(), password="rola-testowa-2026", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        return verified(user), user

    return make


def test_command_is_idempotent_and_exact(roles):
    before = {
        g.name: (set(g.permissions.values_list("pk", flat=True)), g.page_permissions.count())
        for g in Group.objects.filter(name__in=[r.name for r in all_roles()])
    }
    editor = Group.objects.get(name="Redaktor")
    editor.permissions.add(
        Permission.objects.get(codename="delete_project", content_type__app_label="budget")
    )
    call_command("ratusz_roles", stdout=open("/dev/null", "w"))
    after = {
        g.name: (set(g.permissions.values_list("pk", flat=True)), g.page_permissions.count())
        for g in Group.objects.filter(name__in=[r.name for r in all_roles()])
    }
    assert after == before  # the stray permission was taken away again
    assert len(before) == 8


def test_only_moderator_and_administrator_publish_pages(roles):
    publishers = set(
        GroupPagePermission.objects.filter(
            permission__codename="publish_page", page=Page.get_first_root_node()
        ).values_list("group__name", flat=True)
    )
    assert publishers == {"Moderator", "Administrator"}


# role, paths it must open (200), paths it must not (redirect or 403)
REACH = [
    (
        "Urzędnik ds. NGO",
        ["/admin/snippets/ngo/organisation/"],
        [
            "/admin/budget/projekt/1/decyzja/",
            "/admin/snippets/budget/project/",
            "/admin/snippets/alerts/announcement/",
            "/admin/komunikaty/import/",
            "/admin/users/",
        ],
    ),
    (
        "Urzędnik budżetu obywatelskiego",
        ["/admin/snippets/budget/project/", "/admin/snippets/budget/edition/"],
        [
            "/admin/snippets/ngo/organisation/",
            "/admin/snippets/alerts/subscription/",
            "/admin/snippets/gis/layer/",
            "/admin/users/",
        ],
    ),
    (
        "Publikujący ostrzeżenia",
        ["/admin/snippets/alerts/announcement/", "/admin/komunikaty/import/"],
        [
            "/admin/snippets/alerts/subscription/",  # residents' addresses: not needed
            "/admin/snippets/budget/project/",
            "/admin/budget/projekt/1/decyzja/",
            "/admin/users/",
        ],
    ),
    (
        "Redaktor SIT",
        ["/admin/snippets/gis/layer/"],
        ["/admin/snippets/ngo/organisation/", "/admin/eufunds/import/", "/admin/users/"],
    ),
    (
        "Redaktor",
        ["/admin/pages/", "/admin/snippets/services/servicecard/", "/admin/images/"],
        [
            "/admin/snippets/budget/project/",
            "/admin/snippets/alerts/announcement/",
            "/admin/users/",
        ],
    ),
    (
        "Moderator",
        ["/admin/pages/", "/admin/forms/", "/admin/redirects/"],
        ["/admin/snippets/budget/project/", "/admin/users/", "/admin/groups/"],
    ),
    (
        "Administrator",
        ["/admin/users/", "/admin/groups/", "/admin/snippets/budget/project/"],
        [],
    ),
]


@pytest.mark.parametrize("role,allowed,denied", REACH, ids=[r[0] for r in REACH])
def test_role_reaches_what_it_needs_and_not_the_rest(member, role, allowed, denied):
    client, _user = member(role)
    for path in allowed:
        assert client.get(path).status_code == 200, (role, path)
    for path in denied:
        response = client.get(path)
        assert response.status_code in (302, 403), (role, path, response.status_code)
        if response.status_code == 302:
            assert "/dwuetapowe/" not in response["Location"]


def test_emergency_publisher_has_the_publish_permission_and_editor_not(member):
    _, publisher = member("Publikujący ostrzeżenia")
    _, editor = member("Redaktor")
    assert publisher.has_perm("alerts.publish_announcement")
    assert not editor.has_perm("alerts.publish_announcement")
    assert not publisher.has_perm("budget.change_project")


def test_contact_form_submissions_only_for_roles_with_their_permission(member):
    from wagtail import hooks
    from wagtail.models import Page

    _, editor = member("Redaktor")
    _, moderator = member("Moderator")
    pages = Page.objects.all()
    filters = hooks.get_hooks("filter_form_submissions_for_user")
    for fn in filters:
        assert not fn(editor, pages).exists()
        assert fn(moderator, pages).count() == pages.count()


def test_moderator_changes_the_header_e_service_links_and_editor_cannot(member):
    from django.core.cache import cache
    from django.urls import reverse

    from ratusz.core.models import EServiceLink

    link = EServiceLink.objects.create(
        label="ePUAP", url="https://epuap.gov.pl/", sort_order=1, valid_from="2020-01-01"
    )
    edit = reverse("wagtailsnippets_core_eservicelink:edit", args=[link.pk])
    client, _ = member("Redaktor")
    assert client.get(edit).status_code in (302, 403)

    client, _ = member("Moderator")
    listing = client.get(reverse("wagtailsnippets_core_eservicelink:list"))
    assert listing.status_code == 200 and "ePUAP" in listing.content.decode()
    renamed = {
        "label": "e-Urząd",
        "url": "https://epuap.gov.pl/",
        "sort_order": "1",
        "valid_from": "2020-01-01",
    }
    response = client.post(edit, {**renamed, "valid_until": "2019-01-01"})
    assert response.status_code == 200  # ends before it starts: refused, nothing changes
    assert "wcześniejsza niż data początkowa" in response.content.decode()
    link.refresh_from_db()
    assert link.label == "ePUAP"
    response = client.post(edit, renamed)
    assert response.status_code == 302
    client.logout()
    cache.clear()  # the header is cached per day and content generation
    assert ">e-Urząd<" in client.get("/").content.decode()
