"""Pages behind a Wagtail view restriction never reach public search.

A restriction (login, groups or a password) on the page itself or on any
ancestor keeps the page out of the index; adding, changing or removing one
reindexes the whole subtree. Before, a page published under a restricted
parent was indexed and an anonymous search showed its title and snippet.
"""

import pytest
from django.contrib.auth.models import Group
from django.utils.html import strip_tags

from ratusz.search.models import Document

SECRET = "Bezgraniczna narada zarządu kryzysowego"
PAGES = Document.objects.filter(kind__in=("page", "news"))  # keys of other kinds may collide
WORD = "bezgraniczna"


def restrict(page, kind):
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=kind,
        password="tajne-haslo" if kind == PageViewRestriction.PASSWORD else "",
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get_or_create(name="Pracownicy urzędu")[0]])
    return restriction


@pytest.fixture
def section(demo):
    from wagtail.models import Page

    from ratusz.pages.models import SectionPage

    parent = Page.objects.get(url_path__endswith="/dla-mieszkanca/")
    section = SectionPage(title="Strefa pracownika", slug="strefa-pracownika")
    parent.add_child(instance=section)
    section.save_revision().publish()
    return section


def article(parent, title=SECRET, slug="narada"):
    from ratusz.pages.models import ArticlePage

    page = ArticlePage(title=title, slug=slug, intro=f"{title}: porządek obrad i ustalenia.")
    parent.add_child(instance=page)
    return page


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()


def anonymous_search(client, word=WORD):
    response = client.get("/szukaj/", {"q": word})
    assert response.status_code == 200
    return strip_tags(response.content.decode())  # a hit's words are wrapped in <mark>


def test_a_public_page_with_the_word_is_found(section, client, django_capture_on_commit_callbacks):
    publish(article(section), django_capture_on_commit_callbacks)
    assert SECRET in anonymous_search(client)  # so the tests below can fail


@pytest.mark.parametrize("kind", ["login", "groups", "password"])
def test_page_under_a_restricted_parent_is_not_indexed(
    section, client, kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        restrict(section, kind)
    page = article(section)
    publish(page, django_capture_on_commit_callbacks)
    assert not PAGES.filter(key=str(page.pk)).exists()
    html = anonymous_search(client)
    assert SECRET not in html and "porządek obrad" not in html


def test_page_with_its_own_restriction_is_not_indexed(
    section, client, django_capture_on_commit_callbacks
):
    page = article(section)
    with django_capture_on_commit_callbacks(execute=True):
        restrict(page, "login")
    publish(page, django_capture_on_commit_callbacks)
    assert SECRET not in anonymous_search(client)


def test_adding_changing_and_removing_a_restriction_reindexes_the_subtree(
    section, client, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    page = article(section)
    publish(page, django_capture_on_commit_callbacks)
    child = article(page, title="Bezgraniczna lista obecności", slug="lista")
    publish(child, django_capture_on_commit_callbacks)
    keys = {str(page.pk), str(child.pk)}
    assert set(PAGES.filter(key__in=keys).values_list("key", flat=True)) == keys

    with django_capture_on_commit_callbacks(execute=True):
        restriction = restrict(section, "login")
    assert not PAGES.filter(key__in=keys).exists()
    assert "Bezgraniczna" not in anonymous_search(client)

    with django_capture_on_commit_callbacks(execute=True):
        restriction.restriction_type = PageViewRestriction.PASSWORD
        restriction.password = "inne-haslo"
        restriction.save()
    assert not PAGES.filter(key__in=keys).exists()

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert set(PAGES.filter(key__in=keys).values_list("key", flat=True)) == keys
    assert SECRET in anonymous_search(client)


def test_moving_a_page_under_a_restricted_parent_drops_it(
    section, client, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    page = article(Page.objects.get(url_path__endswith="/dla-mieszkanca/"))
    publish(page, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        restrict(section, "login")
    assert PAGES.filter(key=str(page.pk)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        page.move(section, pos="last-child")
    assert not PAGES.filter(key=str(page.pk)).exists()


def test_restricted_news_stay_out_of_the_index_and_the_feeds(
    demo, client, django_capture_on_commit_callbacks
):
    from ratusz.pages.models import NewsIndexPage, NewsPage

    news_index = NewsIndexPage.objects.first()
    news = NewsPage(title=SECRET, slug="narada-zarzadu", intro="Tylko dla pracowników.")
    news_index.add_child(instance=news)
    with django_capture_on_commit_callbacks(execute=True):
        restrict(news, "login")
    publish(news, django_capture_on_commit_callbacks)
    assert not PAGES.filter(key=str(news.pk)).exists()
    for path in (news_index.url, "/", "/aktualnosci/feed/rss/", "/aktualnosci/feed/atom/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert SECRET not in response.content.decode(), path
