"""OWASP classics over HTTP: CSRF, injection, open redirects, path traversal."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client

from ratusz.budget.models import Attachment

INJECTIONS = [
    "' OR '1'='1",
    "x'); DROP TABLE budget_project;--",
    '" OR ""="',
    "1 UNION SELECT username, password FROM auth_user--",
    "a & | ! ( ) : * <-> b",
    "!!!",
    "' \\",
    "%_%",
    "\x00",
]
EVIL = ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]
TRAVERSAL = [
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "....//....//etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
]


@pytest.fixture
def client(world, db, settings):
    settings.RATUSZ_RATELIMIT_ENABLED = False
    cache.clear()
    return Client(raise_request_exception=True)


def test_every_post_form_refuses_a_request_without_csrf_token(world, db):
    strict = Client(enforce_csrf_checks=True)
    posts = [form for form in world.forms if form.method == "POST"]
    assert len(posts) >= 6, [f.action for f in posts]  # contact, BO x2, ballot, alerts, NGO…
    for form in posts:
        response = strict.post(form.action, {name: "x" for name in form.fields})
        assert response.status_code == 403, form.action


def test_every_post_form_page_sets_a_csrf_token(world, db):
    # The other half of the contract: the real form carries a token.
    for form in (f for f in world.forms if f.method == "POST"):
        body = Client().get(form.page).content.decode()
        assert 'name="csrfmiddlewaretoken"' in body, form.page


def _row_counts():
    from django.apps import apps

    labels = ("budget", "alerts", "ngo", "services", "cooperation", "eufunds")
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in labels and not model._meta.proxy
    }


def test_sql_and_fts_injection_in_search_and_list_filters(world, client):
    filters = [form for form in world.forms if form.method == "GET"]
    assert any(form.action == "/szukaj/" for form in filters)
    for payload in INJECTIONS:
        assert client.get("/szukaj/", {"q": payload}).status_code < 500, payload
    before = _row_counts()
    for form in filters:
        for name in form.fields:
            for payload in INJECTIONS[::2]:  # the rest go through the search box below
                response = client.get(form.action, {name: payload})
                assert response.status_code < 500, (form.action, name, payload)
    # A tautology made of nonsense words must not widen a search to every document.
    hits = re.compile(r'class="search-result"')
    for q in ["qqxxzzq' OR 'qqxxzzq'='qqxxzzq", "qqxxzzq') OR ('x'='x", "qqxxzzq:* | !qqxxzzq"]:
        body = client.get("/szukaj/", {"q": q}).content.decode()
        assert not hits.findall(body), q
    assert hits.findall(client.get("/szukaj/", {"q": "budżet"}).content.decode())
    assert _row_counts() == before  # nothing dropped, nothing written


def test_no_parameter_redirects_to_another_host(world, client):
    for url in world.urls:
        base = url.split("?")[0]
        # One request per page, a different trick in each parameter name.
        query = dict(zip(("next", "redirect", "url", "return_to"), EVIL, strict=True))
        response = client.get(base, query)
        assert response.status_code < 500
        if 300 <= response.status_code < 400:
            location = urlsplit(response["Location"])
            assert location.netloc in ("", "testserver"), (base, response["Location"])
            assert location.scheme in ("", "http", "https")
            assert not response["Location"].startswith(("//", "/\\"))


def test_admin_login_next_stays_on_this_host(db, client, django_user_model):
    django_user_model.objects.create_user("redaktorka", password="bardzo-tajne-haslo-9")
    for target in EVIL:
        response = client.post(
            "/admin/login/",
            {"username": "redaktorka", "password": "bardzo-tajne-haslo-9", "next": target},
        )
        assert response.status_code < 500
        if 300 <= response.status_code < 400:
            assert "evil.example" not in response["Location"], response["Location"]


def test_path_parameters_cannot_reach_files_outside(world, client):
    for route, params in world.patterns:
        if not any(conv in ("str", "path") for _, conv in params):
            continue
        for trick in TRAVERSAL:
            path = "/" + re.sub(r"<(?:\w+:)?\w+>", trick, route)
            response = client.get(path)
            assert response.status_code < 500, path
            assert b"root:x:0:0" not in response.content, path


def test_upload_names_never_choose_the_stored_path(world, db):
    from ratusz.budget.models import _attachment_path

    project = world_project()
    for name in [
        "../../etc/passwd",
        "a.pdf/../../../../tmp/x",
        "..\\..\\win.ini",
        "x.PDF\x00.sh",
        "..",
    ]:
        stored = _attachment_path(Attachment(project=project), name)
        assert stored.startswith(f"budget/{project.edition_id}/"), stored
        assert ".." not in stored and "\\" not in stored and "\x00" not in stored, stored
        assert stored.count("/") == 2, stored


def world_project():
    from ratusz.budget.models import Project

    return Project.objects.order_by("pk").first()


def test_public_attachments_are_served_only_by_number(world, db, client, settings, tmp_path):
    # Downloads take a database id, never a name: no name can point elsewhere.
    from django.core.files.base import ContentFile
    from django.urls import reverse

    from ratusz.budget.models import Project
    from ratusz.budget.workflow import Status
    from tests.budget.helpers import private_storage_in

    private_storage_in(settings, tmp_path)
    project = Project.objects.exclude(status=Status.DRAFT).order_by("pk").first()
    shown, hidden = (
        Attachment.objects.create(
            project=project,
            kind=kind,
            file=ContentFile(b"%PDF-1.4 test", name=name),
            original_name=name,
            content_type="application/pdf",
            size=13,
        )
        for kind, name in [
            (Attachment.Kind.DOCUMENT, "plan.pdf"),
            (Attachment.Kind.SUPPORT_LIST, "lista.pdf"),
        ]
    )
    public = client.get(reverse("budget:attachment", args=[shown.pk]))
    assert public.status_code == 200 and b"".join(public.streaming_content) == b"%PDF-1.4 test"
    # A scan of the support list is never public, whatever its number.
    assert client.get(reverse("budget:attachment", args=[hidden.pk])).status_code == 404
    for trick in ["../../etc/passwd", "1/../../settings.py", "%2e%2e"]:
        response = client.get(reverse("budget:attachment", args=[shown.pk]) + trick)
        assert response.status_code == 404


def test_nul_in_address_is_a_polish_400(db):
    client = Client()
    page = client.get("/zalatw-sprawe/", {"q": "a\x00b"})
    assert page.status_code == 400 and 'lang="pl"' in page.content.decode()
    api = client.get("/api/gis/szukaj", {"q": "\x00"})
    assert api.status_code == 400 and api["Content-Type"] == "application/problem+json"
    assert client.get("/komunikaty/subskrypcja/potwierdz/a%00b/").status_code == 400
    assert client.get("/zalatw-sprawe/", {"q": "woda"}).status_code == 200
