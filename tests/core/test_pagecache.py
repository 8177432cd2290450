import re

import pytest
from django.core.cache import cache

from ratusz.core import sessionmarker
from ratusz.core.signals import is_public_content
from ratusz.pages.models import ArticlePage

ARTICLE = "/swiat-region-ludzie/wspolpraca-z-innymi-miastami/"
PASSWORD = "długie-hasło-do-testów-2026"


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


def sign_in(client, django_user_model):
    django_user_model.objects.create_superuser("redaktor", "r@example.invalid", PASSWORD)
    response = client.post("/admin/login/", {"username": "redaktor", "password": PASSWORD})
    assert response.status_code == 302
    return response


def test_logged_in_editor_never_gets_the_anonymous_copy(client, cached, django_user_model):
    from django.test import Client

    client.get(ARTICLE)
    assert client.get(ARTICLE)["X-Ratusz-Cache"] == "hit"
    editor = Client()
    login = sign_in(editor, django_user_model)
    marker = login.cookies[sessionmarker.COOKIE]
    assert sessionmarker.valid(marker.value)
    assert marker["httponly"] and marker["samesite"] == "Lax" and not marker["max-age"]
    response = editor.get(ARTICLE)
    assert "X-Ratusz-Cache" not in response
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    logout = editor.post("/admin/logout/")
    assert logout.cookies[sessionmarker.COOKIE].value == ""  # removed at logout
    assert editor.get(ARTICLE)["X-Ratusz-Cache"] == "hit"


def test_forged_session_or_marker_cookie_gets_the_cached_copy(client, cached):
    client.get(ARTICLE)
    client.cookies["sessionid"] = "x"
    assert client.get(ARTICLE)["X-Ratusz-Cache"] == "hit"
    client.cookies[sessionmarker.COOKIE] = "x:y:z"
    assert client.get(ARTICLE)["X-Ratusz-Cache"] == "hit"
    forged = sessionmarker.make()[:-3] + "AAA"
    client.cookies[sessionmarker.COOKIE] = forged
    assert client.get(ARTICLE)["X-Ratusz-Cache"] == "hit"


def test_a_session_from_before_the_marker_is_never_stored(admin_client, client, cached):
    # force_login makes a session without the marker, like a login before the
    # upgrade: the page is rendered for the editor but kept from everybody.
    response = admin_client.get(ARTICLE)
    assert response.get("X-Ratusz-Cache") != "hit"
    assert "no-store" in response["Cache-Control"]
    assert sessionmarker.valid(response.cookies[sessionmarker.COOKIE].value)
    assert client.get(ARTICLE)["X-Ratusz-Cache"] == "miss"


CHROME = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
    "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"
)
FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
GDAL = "application/json"


@pytest.mark.parametrize("first,second", [(CHROME, GDAL), (GDAL, CHROME)])
@pytest.mark.parametrize("path", ["/ogcapi/collections", "/ogcapi/", "/ogcapi/conformance"])
def test_each_negotiated_format_gets_its_own_copy(client, cached, path, first, second):
    kind = {CHROME: "text/html", GDAL: "application/json"}
    for accept in (first, second, first, second):
        response = client.get(path, HTTP_ACCEPT=accept)
        assert response.status_code == 200
        assert response["Content-Type"].startswith(kind[accept]), (accept, response.status_code)
    assert response["X-Ratusz-Cache"] == "hit"
    # another browser's Accept header shares the browsers' copy
    other = client.get(path, HTTP_ACCEPT=FIREFOX)
    assert other["X-Ratusz-Cache"] == "hit" and other["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("first,second", [(CHROME, GDAL), (GDAL, CHROME)])
def test_wsgi_wrapper_honours_accept_too(client, cached, real_wsgi, first, second):
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    from ratusz.core.pagecache import CachedPagesApp

    app = CachedPagesApp(WSGIHandler())
    path = "/ogcapi/collections/dzielnice"
    kind = {CHROME: "text/html", GDAL: "application/json"}
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.clear()
        answer.update(dict(headers))

    for accept in (first, second, first, second):
        environ = dict(RequestFactory().get(path, HTTP_ACCEPT=accept).META)
        b"".join(app(environ, start_response))
        assert answer["Content-Type"].startswith(kind[accept])
    assert answer["X-Ratusz-Cache"] == "hit"


def test_browser_languages_share_one_copy(client, cached):
    client.get(ARTICLE, HTTP_ACCEPT_LANGUAGE="pl-PL,pl;q=0.9")
    for language in ("en-US,en;q=0.5", "de", "cs,sk;q=0.8", "x" * 50):
        response = client.get(ARTICLE, HTTP_ACCEPT_LANGUAGE=language)
        assert response["X-Ratusz-Cache"] == "hit" and 'lang="pl"' in response.content.decode()


def test_random_query_strings_cannot_force_renders_without_end(client, cached, settings):
    settings.RATUSZ_RATELIMIT_ENABLED = True
    settings.RATUSZ_READ_RATES = {**settings.RATUSZ_READ_RATES, "render": "5/m"}
    client.get(ARTICLE)
    statuses = [client.get(ARTICLE, {"x": str(i)}).status_code for i in range(6)]
    assert statuses == [200] * 4 + [429] * 2
    refused = client.get(ARTICLE, {"x": "new"})
    assert refused["Retry-After"] == "60" and refused["Cache-Control"] == "no-store"
    assert client.get(ARTICLE)["X-Ratusz-Cache"] == "hit"  # copies still served
    other = client.get(ARTICLE, {"x": "new"}, REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 200


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
    assert not reached_django  # a made-up session cookie gets the copy
    app({**environ, "HTTP_COOKIE": f"ratusz_auth={sessionmarker.make()}"}, start_response)
    assert len(reached_django) == 1  # a signed-in visitor never gets the copy
    purge_all()
    app(environ, start_response)
    assert len(reached_django) == 2  # a published change is never served stale


# --- which saves purge: the apps' explicit opt-in (PUBLIC_MODELS in public.py) ---
# Before, a word list decided: "accessibilitystatement" contains "state", and
# view restrictions and synonym rules were missed the same way.


def test_edited_accessibility_statement_is_not_served_from_cache(client, cached):
    from wagtail.models import Site

    from ratusz.core.models import AccessibilityStatement

    path = "/deklaracja-dostepnosci/"
    client.get(path)
    assert client.get(path)["X-Ratusz-Cache"] == "hit"
    statement = AccessibilityStatement.for_site(Site.objects.get(is_default_site=True))
    statement.inaccessible_content = "Filmy z sesji rady bez napisów — poprawimy do końca roku."
    statement.save()
    response = client.get(path)
    assert response["X-Ratusz-Cache"] == "miss"
    assert "Filmy z sesji rady bez napisów" in response.content.decode()


def _restrict(page):
    from wagtail.models import PageViewRestriction

    return PageViewRestriction.objects.create(page=page, restriction_type="login")


def test_a_page_restricted_after_caching_is_no_longer_served(client, cached):
    client.get(ARTICLE)
    assert client.get(ARTICLE)["X-Ratusz-Cache"] == "hit"
    restriction = _restrict(ArticlePage.objects.get(slug="wspolpraca-z-innymi-miastami"))
    response = client.get(ARTICLE)
    assert response.status_code == 302 and "X-Ratusz-Cache" not in response
    restriction.delete()
    assert client.get(ARTICLE).status_code == 200


def test_the_sitemap_drops_a_page_restricted_after_caching(client, cached):
    page = ArticlePage.objects.get(slug="wspolpraca-z-innymi-miastami")
    assert ARTICLE in client.get("/sitemap.xml").content.decode()
    assert client.get("/sitemap.xml")["X-Ratusz-Cache"] == "hit"
    _restrict(page.get_parent())  # an ancestor's restriction covers the page
    sitemap = client.get("/sitemap.xml").content.decode()
    assert ARTICLE not in sitemap and "<urlset" in sitemap


def test_a_new_synonym_rule_is_not_served_from_cache(client, cached):
    from ratusz.search import index
    from ratusz.search.models import SynonymRule
    from ratusz.search.sources import Entry

    index.store("page", "cache-test", Entry("Kąpielisko Słupna", "Basen odkryty.", "/k/"))
    path = "/szukaj/?q=p%C5%82ywalnia"
    client.get(path)
    assert "Kąpielisko" not in client.get(path).content.decode()
    SynonymRule.objects.create(terms="pływalnia, basen")
    assert "Kąpielisko" in client.get(path).content.decode()


def test_a_restricted_page_is_never_stored_whoever_is_let_in(rf, cached, admin_user):
    """Staff let in without a session cookie (e.g. single sign-on at a proxy)
    get the page, and the copy is not kept for the next anonymous visitor:
    Wagtail marks restricted pages no-store and the page cache obeys."""
    from wagtail.views import serve

    from ratusz.core.pagecache import AnonymousPageCacheMiddleware

    _restrict(ArticlePage.objects.get(slug="wspolpraca-z-innymi-miastami"))

    def let_in(request):
        request.user = admin_user
        return serve(request, ARTICLE)

    middleware = AnonymousPageCacheMiddleware(let_in)
    response = middleware(rf.get(ARTICLE, HTTP_HOST="127.0.0.1"))
    assert response.status_code == 200 and "X-Ratusz-Cache" not in response
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert middleware(rf.get(ARTICLE, HTTP_HOST="127.0.0.1")).get("X-Ratusz-Cache") != "hit"


def test_declared_public_models():
    from django.apps import apps

    from ratusz.core.signals import is_public_content

    public = {m._meta.label_lower for m in apps.get_models() if is_public_content(m)}
    assert {
        "core.accessibilitystatement",
        "wagtailcore.pageviewrestriction",
        "search.synonymrule",
        "pages.newspage",  # every page type, through Page
        "budget_voting.tally",
    } <= public
    assert not public & {
        "budget.support",
        "budget_voting.ballot",
        "budget_voting.voter",
        "alerts.subscription",
        "alerts.delivery",
        "wagtailcore.revision",
        "wagtailimages.rendition",
        "search.document",
    }
