"""Editors of one city edit only that city's pages (#24).

Page permissions are granted on a page and its subtree, so each city's
editing roles are groups of their own ("Redaktor — Tychy") with the
permissions on that city's home page; the shared "Redaktor" keeps the default
city's home only once there are several cities.
"""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission, Page

from ratusz.accounts.citygroups import city_group
from ratusz.accounts.roles import all_roles
from ratusz.core.models import CityStaff

pytestmark = pytest.mark.django_db

PASSWORD = "Haslo-miasta-2026!"


def _editor(two_cities, site, username, role="Redaktor"):
    """An account of one city in that city's group of ``role``."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username, password=PASSWORD)
    group = Group.objects.get(name=f"{role} — {site.site_name}")
    user.groups.add(group)
    CityStaff.objects.create(user=user, site=site)
    return user


def _article(site, title):
    from ratusz.pages.models import ArticlePage

    home = site.root_page.specific
    page = ArticlePage(title=title, slug=title.lower(), intro="Wstęp.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _denied(response):
    # Wagtail answers a page it refuses with 403, or sends the user back to the
    # dashboard with a message (a redirect away from the page)
    return response.status_code in (403, 404) or (
        response.status_code == 302 and "/admin/pages/" not in response["Location"]
    )


def test_setting_up_a_city_makes_its_page_groups_on_its_home(two_cities):
    for site in (two_cities.a, two_cities.b):
        for role in ("Redaktor", "Moderator"):
            group = Group.objects.get(name=f"{role} — {site.site_name}")
            pages = set(
                GroupPagePermission.objects.filter(group=group).values_list("page_id", flat=True)
            )
            assert pages == {site.root_page_id}
    # the shared groups hold the default city only now; the administrator the whole tree
    shared = set(
        GroupPagePermission.objects.filter(group__name="Redaktor").values_list("page_id", flat=True)
    )
    assert shared == {two_cities.a.root_page_id}
    admin_pages = set(
        GroupPagePermission.objects.filter(group__name="Administrator").values_list(
            "page_id", flat=True
        )
    )
    assert admin_pages == {Page.get_first_root_node().pk}
    # a city's group has the role's other permissions too (snippets, media)
    assert set(Group.objects.get(name="Redaktor — Tychy").permissions.all()) == set(
        Group.objects.get(name="Redaktor").permissions.all()
    )


@pytest.mark.parametrize("role", ["Redaktor", "Moderator"])
def test_an_editor_of_one_city_cannot_open_or_change_the_others_pages(client, two_cities, role):
    own = _article(two_cities.b, "Tyskie")
    other = _article(two_cities.a, "Myslowickie")
    editor = _editor(two_cities, two_cities.b, "redaktor-tychy", role)
    client.force_login(editor)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{two_cities.b.root_page_id}/add_subpage/").status_code == 200
    for url in (
        f"/admin/pages/{other.pk}/edit/",
        f"/admin/pages/{other.pk}/delete/",
        f"/admin/pages/{other.pk}/unpublish/",
        f"/admin/pages/{other.pk}/move/",
        f"/admin/pages/{other.pk}/copy/",
        f"/admin/pages/{other.pk}/view_draft/",
        f"/admin/pages/{two_cities.a.root_page_id}/add_subpage/",
        f"/admin/pages/add/pages/articlepage/{two_cities.a.root_page_id}/",
    ):
        assert _denied(client.get(url)), url
    response = client.post(
        f"/admin/pages/{other.pk}/edit/",
        {"title": "Przejęte", "slug": "przejete", "intro": "x", "body-count": "0"},
    )
    assert _denied(response)
    other.refresh_from_db()
    assert other.title == "Myslowickie" and other.live
    client.post(f"/admin/pages/{other.pk}/delete/")
    assert Page.objects.filter(pk=other.pk).exists()
    # the explorer starts at the city's own home and lists its pages only
    listing = client.get(f"/admin/pages/{two_cities.b.root_page_id}/").content.decode()
    assert "Tyskie" in listing and "Myslowickie" not in listing


def test_and_the_other_way_round(client, two_cities):
    own = _article(two_cities.a, "Myslowickie")
    other = _article(two_cities.b, "Tyskie")
    for editor in (
        _editor(two_cities, two_cities.a, "redaktor-myslowic"),
        # the shared group serves the default city's pages only
        two_cities.staff(two_cities.a, "Redaktor", username="redaktor-wspolny"),
    ):
        client.force_login(editor)
        assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
        assert _denied(client.get(f"/admin/pages/{other.pk}/edit/"))
        assert _denied(client.get(f"/admin/pages/{two_cities.b.root_page_id}/add_subpage/"))
        # the admin's page search finds the city's own pages only
        found = client.get("/admin/pages/search/?q=Tyskie").content.decode()
        assert f"/admin/pages/{other.pk}/" not in found
        found = client.get("/admin/pages/search/?q=Myslowickie").content.decode()
        assert f"/admin/pages/{own.pk}/" in found
    other.refresh_from_db()
    assert other.title == "Tyskie"


def test_the_staff_fixture_gives_a_city_its_own_page_group(client, two_cities):
    other = _article(two_cities.a, "Myslowickie")
    own = _article(two_cities.b, "Tyskie")
    client.force_login(two_cities.staff(two_cities.b, "Redaktor", username="ed-b"))
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert _denied(client.get(f"/admin/pages/{other.pk}/edit/"))


def test_ratusz_roles_keeps_the_city_groups_exact_and_follows_a_renamed_site(two_cities):
    editors_b = Group.objects.get(name="Redaktor — Tychy")
    member = _editor(two_cities, two_cities.b, "redaktor-tychy")
    GroupPagePermission.objects.create(
        group=editors_b,
        page=two_cities.a.root_page,
        permission=GroupPagePermission.objects.filter(group=editors_b).first().permission,
    )
    two_cities.b.site_name = "Miasto Tychy"
    two_cities.b.save()
    out = StringIO()
    call_command("ratusz_roles", stdout=out)
    call_command("ratusz_roles", stdout=out)
    editors_b.refresh_from_db()
    assert editors_b.name == "Redaktor — Miasto Tychy" and member in editors_b.user_set.all()
    pages = set(
        GroupPagePermission.objects.filter(group=editors_b).values_list("page_id", flat=True)
    )
    assert pages == {two_cities.b.root_page_id}  # the stray grant on Mysłowice is gone
    roles = {role.name for role in all_roles()}
    assert Group.objects.filter(name__startswith="Redaktor — ").count() == 2
    assert roles <= set(Group.objects.values_list("name", flat=True))


def test_one_city_keeps_the_whole_tree(db):
    from wagtail.models import Site

    assert Site.objects.count() == 1
    call_command("ratusz_roles", stdout=StringIO())
    shared = set(
        GroupPagePermission.objects.filter(group__name="Redaktor").values_list("page_id", flat=True)
    )
    assert shared == {Page.get_first_root_node().pk}
    assert not Group.objects.filter(name__contains=" — ").exists()


def test_ratusz_city_new_with_an_editor(two_cities, django_user_model):
    from wagtail.models import Site

    user = django_user_model.objects.create_user("anna.nowak", password=PASSWORD)
    out = StringIO()
    call_command(
        "ratusz_city", "new", "--terc", "2469011", "--host", "gliwice.localhost", "--port", "80",
        "--editor", "anna.nowak", stdout=out,
    )  # fmt: skip
    gliwice = Site.objects.get(hostname="gliwice.localhost")
    group = city_group(next(r for r in all_roles() if r.name == "Redaktor"), gliwice)
    assert group is not None and group.name == f"Redaktor — {gliwice.site_name}"
    assert user in group.user_set.all()
    assert list(CityStaff.objects.filter(user=user).values_list("site_id", flat=True)) == [
        gliwice.pk
    ]
    assert "anna.nowak" in out.getvalue()


def test_an_unknown_editor_refuses_the_whole_city(two_cities):
    from wagtail.models import Site

    with pytest.raises(CommandError, match="Nie ma konta"):
        call_command(
            "ratusz_city", "new", "--terc", "2469011", "--host", "gliwice.localhost",
            "--editor", "nikt-taki", stdout=StringIO(),
        )  # fmt: skip
    assert not Site.objects.filter(hostname="gliwice.localhost").exists()
    assert not Group.objects.filter(name__contains="Gliwice").exists()
