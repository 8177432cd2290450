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


def test_wsgi_wrapper_answers_hits_before_django(client, cached):
    from django.test import RequestFactory

    from ratusz.core.pagecache import CachedPagesApp, purge_all

    stored = client.get(ARTICLE)
    environ = dict(RequestFactory().get(ARTICLE).META)
    reached_django = []

    def django_app(env, start_response):
        reached_django.append(env)
        start_response("200 OK", [])
        return [b"django"]

    app = CachedPagesApp(django_app)
    answer = {}

    def start_response(status, headers):
        answer.update(status=status, headers=dict(headers), names=[name for name, _ in headers])

    body = b"".join(app(environ, start_response))
    assert not reached_django and answer["status"] == "200 OK"
    assert answer["headers"]["X-Ratusz-Cache"] == "hit" and body == stored.content
    assert answer["names"].count("X-Ratusz-Cache") == 1
    assert answer["headers"]["Content-Security-Policy"]

    etag = answer["headers"]["ETag"]
    assert b"".join(app({**environ, "HTTP_IF_NONE_MATCH": etag}, start_response)) == b""
    assert answer["status"] == "304 Not Modified"

    app({**environ, "HTTP_COOKIE": "csrftoken=x; sessionid=abc"}, start_response)
    assert len(reached_django) == 1  # a logged-in visitor never gets the copy
    purge_all()
    app(environ, start_response)
    assert len(reached_django) == 2  # a published change is never served stale
