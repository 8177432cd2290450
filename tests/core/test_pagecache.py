import re

import pytest
from django.core.cache import cache

from ratusz.core.signals import is_public_content
from ratusz.pages.models import ArticlePage

ARTICLE = "/swiat-region-ludzie/wspolpraca-z-innymi-miastami/"


@pytest.fixture
def cached(settings, demo_site):
    settings.RATUSZ_PAGE_CACHE_SECONDS = 60
    cache.clear()


def test_anonymous_page_is_stored_and_served_from_cache(client, cached):
    first = client.get(ARTICLE)
    second = client.get(ARTICLE)
    assert first["X-Ratusz-Cache"] == "miss" and second["X-Ratusz-Cache"] == "hit"
    assert first.content == second.content
    assert "public" in second["Cache-Control"] and "max-age=0" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]
    assert second["Content-Security-Policy"]  # headers still applied on a hit
    assert not second.cookies


def test_published_change_is_visible_on_next_request(client, cached):
    client.get(ARTICLE)
    page = ArticlePage.objects.get(slug="wspolpraca-z-innymi-miastami")
    page.title = "Współpraca — nowy tytuł"
    page.save_revision().publish()
    response = client.get(ARTICLE)
    assert response["X-Ratusz-Cache"] == "miss"
    assert "Współpraca — nowy tytuł" in response.content.decode()


def test_logged_in_editor_never_gets_the_anonymous_copy(client, admin_client, cached):
    client.get(ARTICLE)
    assert client.get(ARTICLE)["X-Ratusz-Cache"] == "hit"
    response = admin_client.get(ARTICLE)
    assert "X-Ratusz-Cache" not in response
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_form_page_is_not_cached_and_token_stays_valid(cached):
    from django.test import Client

    visitor = Client(enforce_csrf_checks=True)
    for _ in range(2):
        response = visitor.get("/kontakt/")
        assert response.get("X-Ratusz-Cache") != "hit"
    other = Client(enforce_csrf_checks=True)
    html = other.get("/kontakt/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    posted = other.post("/kontakt/", {"csrfmiddlewaretoken": token})
    assert posted.status_code == 400  # field errors, not a CSRF 403


def test_conditional_get_answers_304(client, cached):
    etag = client.get(ARTICLE)["ETag"]
    assert client.get(ARTICLE, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_votes_do_not_flush_the_cache():
    from django.apps import apps

    labels = {m._meta.label_lower: is_public_content(m) for m in apps.get_models()}
    assert labels["pages.articlepage"] and labels["core.eservicelink"]
    assert not labels["wagtailcore.revision"]
    assert not any(v for k, v in labels.items() if "ballot" in k or "vote" in k)
