"""News in an installation of two cities (#24): feeds and categories per city."""

from datetime import date

import pytest

from ratusz.pages.models import NewsCategory, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def _news_index(site):
    index = NewsIndexPage.objects.in_site(site).first()
    if index is None:
        index = NewsIndexPage(title="Aktualności", slug="aktualnosci")
        site.root_page.add_child(instance=index)
        index.save_revision().publish()
    return index


def _news(site, title, *categories):
    page = NewsPage(title=title, slug=title.lower(), date=date(2026, 12, 1), intro=f"{title}.")
    _news_index(site).add_child(instance=page)
    page.categories.set(categories)
    page.save_revision().publish()
    return page


@pytest.fixture
def news(two_cities):
    ours = NewsCategory.objects.create(site=two_cities.a, name="Kategoria-A", slug="wspolna")
    theirs = NewsCategory.objects.create(site=two_cities.b, name="Kategoria-B", slug="wspolna")
    _news(two_cities.a, "Nowina-A", ours)
    _news(two_cities.b, "Nowina-B", theirs)
    return ours, theirs


@pytest.mark.parametrize("feed", ["/aktualnosci/feed/atom/", "/aktualnosci/feed/rss/"])
def test_a_citys_news_feed_has_its_own_news_only(client, two_cities, news, feed):
    a = client.get(feed, HTTP_HOST=two_cities.host_a).content.decode()
    b = client.get(feed, HTTP_HOST=two_cities.host_b).content.decode()
    assert "Nowina-A" in a and "Nowina-B" not in a
    assert "Nowina-B" in b and "Nowina-A" not in b and "Tychy" in b


def test_a_news_index_offers_its_citys_categories(client, two_cities, news):
    index_b = _news_index(two_cities.b)
    html = client.get(
        index_b.url + "?kategoria=wspolna", HTTP_HOST=two_cities.host_b
    ).content.decode()
    assert "Kategoria-B" in html and "Kategoria-A" not in html
    assert "Nowina-B" in html and "Nowina-A" not in html


def test_a_news_page_editor_offers_the_pages_citys_categories(two_cities, news):
    from ratusz.pages.models import NewsPage as Model

    form_class = Model.get_edit_handler().get_form_class()
    page = NewsPage.objects.get(title="Nowina-B")
    form = form_class(instance=page, parent_page=page.get_parent(), for_user=None)
    assert list(form.fields["categories"].queryset.values_list("name", flat=True)) == [
        "Kategoria-B"
    ]


def test_a_clerk_cannot_see_or_change_another_citys_categories(client, two_cities, news):
    from django.contrib.auth.models import Permission

    ours, theirs = news
    clerk = two_cities.staff(two_cities.a, username="redaktor-a")
    clerk.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "access_admin",
                "view_newscategory",
                "change_newscategory",
                "delete_newscategory",
            ]
        )
    )
    client.force_login(clerk)
    listing = client.get("/admin/snippets/pages/newscategory/").content.decode()
    assert "Kategoria-A" in listing and "Kategoria-B" not in listing
    assert client.get(f"/admin/snippets/pages/newscategory/edit/{ours.pk}/").status_code == 200
    for view in ("edit", "delete", "history", "usage"):
        response = client.get(f"/admin/snippets/pages/newscategory/{view}/{theirs.pk}/")
        assert response.status_code in (403, 404), view
    client.post(
        f"/admin/snippets/pages/newscategory/edit/{theirs.pk}/", {"name": "Przejęta", "slug": "x"}
    )
    theirs.refresh_from_db()
    assert theirs.name == "Kategoria-B"
