"""Random and hostile input against every public route and form: never a 5xx.

Routes come from the URL resolver, forms from the crawled HTML (conftest), so
new ones are covered without editing this file. RATUSZ_FUZZ_EXAMPLES sets the
number of cases per test (scripts/fuzz.sh runs thousands).
"""

import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import examples

HOSTILE = [
    "",
    " ",
    "'",
    '"',
    "' OR '1'='1",
    "1; DROP TABLE wagtailcore_page;--",
    "\\",
    "%",
    "%%",
    "_",
    "*",
    "&",
    "!",
    "|",
    ":*",
    "a & | ! b",
    "(",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "{% debug %}",
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "/etc/passwd",
    "C:\\Windows\\win.ini",
    "-1",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    "-inf",
    "99999999999999999999999999",
    "-9223372036854775809",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31T25:61:61Z",
    "2026-01-01/..",
    "../2026-01-01",
    "1,2,3",
    "181,-91,182,92",
    "nan,nan,nan,nan",
    "1,1,0,0",
    "-180,-90,180,90",
    "true",
    "null",
    "[]",
    "{}",
    '{"a":',
    "a" * 5000,
    "ą" * 300,
    "\u202etxet",
    "\U0001f600",
    "\t\n\r",
    "https://evil.example/",
    "//evil.example/",
    "javascript:alert(1)",
    "04 02 10 1 238 4",
    "44051401359",
    "00000000000",
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
# Query parameter names: the ones our views read and form field names found by the crawl.
COMMON_PARAMS = [
    "q",
    "strona",
    "page",
    "limit",
    "offset",
    "bbox",
    "bbox-crs",
    "crs",
    "datetime",
    "f",
    "sortby",
    "properties",
    "filter",
    "lon",
    "lat",
    "next",
    "kategoria",
    "typ",
    "status",
    "dzielnica",
    "rok",
    "data",
    "lang",
    "nowa",
    "zapisano",
    "step",
    "action",
]
FUZZ = settings(
    max_examples=examples(120),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PARAM_VALUE = {
    "int": st.one_of(st.integers(min_value=0, max_value=10**12).map(str), st.just("0")),
    "slug": st.one_of(st.from_regex(r"[a-z0-9-]{1,30}", fullmatch=True), st.just("-")),
    "str": hostile_text.filter(lambda s: s and "/" not in s and "?" not in s and "#" not in s),
    "path": hostile_text.filter(lambda s: s and "?" not in s and "#" not in s),
}


COUNT = {"requests": 0, "errors": 0}


def _assert_not_5xx(response, what):
    COUNT["requests"] += 1
    COUNT["errors"] += response.status_code >= 500
    assert response.status_code < 500, f"{what} -> {response.status_code}"


def _fill(route, params, draw):
    path = route
    for name, conv in params:
        value = draw(PARAM_VALUE.get(conv, PARAM_VALUE["str"]))
        path = re.sub(rf"<(?:\w+:)?{name}>", lambda _m, v=value: v, path, count=1)
    return "/" + path


@pytest.fixture
def client(world, db, settings):
    settings.RATUSZ_RATELIMIT_ENABLED = False
    cache.clear()
    return Client(raise_request_exception=True)


def test_crawl_reached_every_app(world, db):
    # A crawl stuck on the home page would make the fuzzing below hollow.
    prefixes = ["/wspolpraca/", "/budzet-obywatelski/", "/komunikaty/", "/sit/", "/zalatw-sprawe/"]
    for prefix in prefixes:
        assert any(url.startswith(prefix) for url in world.urls), prefix
    assert len(world.urls) > 40
    methods = {form.method for form in world.forms}
    assert methods == {"GET", "POST"}


def test_every_route_survives_random_path_and_query(world, client):
    names = sorted(set(COMMON_PARAMS) | {n for f in world.forms for n in f.fields})

    @FUZZ
    @given(data=st.data())
    def run(data):
        if data.draw(st.booleans()):
            base = data.draw(st.sampled_from(world.urls)).split("?")[0]
        else:
            route, params = data.draw(st.sampled_from(world.patterns))
            base = _fill(route, params, data.draw)
        query = data.draw(st.dictionaries(st.sampled_from(names), hostile_text, max_size=4))
        accept = data.draw(
            st.sampled_from(["*/*", "application/json", "text/html", "application/geo+json"])
        )
        response = client.get(base, query, HTTP_ACCEPT=accept)
        _assert_not_5xx(response, f"GET {base} {query!r}")

    run()


def test_every_form_survives_hostile_submissions(world, client):
    assert world.forms, "the crawl found no forms"

    @FUZZ
    @given(data=st.data())
    def run(data):
        form = data.draw(st.sampled_from(world.forms))
        payload = {}
        for name, known in form.fields.items():
            choice = st.sampled_from(known) if known else hostile_text
            if data.draw(st.integers(0, 3)) == 0:
                continue  # a missing field is hostile too
            payload[name] = data.draw(st.one_of(choice, hostile_text))
        if form.method == "POST":
            for name in form.files:
                if data.draw(st.booleans()):
                    filename = data.draw(
                        st.sampled_from(
                            [
                                "../../etc/passwd",
                                "a.pdf",
                                "x" * 300 + ".jpg",
                                ".htaccess",
                                "zdjęcie.png",
                                "a.pdf\x00.exe",
                            ]
                        )
                    )
                    body = data.draw(st.binary(max_size=512))
                    payload[name] = SimpleUploadedFile(filename, body)
            response = client.post(form.action, payload)
        else:
            response = client.get(form.action, payload)
        _assert_not_5xx(response, f"{form.method} {form.action} {payload!r}")

    run()


def test_malformed_bodies_never_crash_forms(world, client):
    # Bodies a browser would never send: wrong type, broken multipart, huge field.
    targets = sorted({f.action for f in world.forms if f.method == "POST"})
    bodies = [
        ("application/json", b'{"a": 1'),
        ("multipart/form-data; boundary=zz", b"--zz\r\nContent-Disposition: form-data\r\n\r\n"),
        ("multipart/form-data", b"no boundary"),
        ("application/x-www-form-urlencoded", b"a=%ZZ&&=&%00=%00"),
        ("application/x-www-form-urlencoded", b"x=" + b"A" * 300_000),
        ("text/xml", b"<!DOCTYPE a [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><a>&e;</a>"),
    ]
    for target in targets:
        for content_type, body in bodies:
            response = client.generic("POST", target, body, content_type=content_type)
            _assert_not_5xx(response, f"POST {target} {content_type}")


def test_nul_bytes_anywhere_are_refused_not_crashed(world, db, settings):
    # PostgreSQL refuses NUL in text values; every path and parameter must cope
    # (SQLite accepts NUL, so this bites only in production: scripts/fuzz.sh runs on PostgreSQL).
    settings.RATUSZ_RATELIMIT_ENABLED = False
    client = Client(raise_request_exception=False)  # list every crash, not just the first
    names = sorted(set(COMMON_PARAMS) | {n for f in world.forms for n in f.fields})
    requests = []
    for url in world.urls:
        requests.append((url.split("?")[0], dict.fromkeys(names, "a\x00b")))
    for form in (f for f in world.forms if f.method == "GET"):
        requests += [(form.action, {name: "\x00"}) for name in form.fields]
    for route, params in world.patterns:
        if any(conv in ("str", "path") for _, conv in params):
            requests.append(("/" + re.sub(r"<(?:\w+:)?\w+>", "a%00b", route), {}))
    crashed = []
    for path, query in requests:
        with transaction.atomic():  # a failed statement must not poison the next request
            status = client.get(path, query).status_code
            COUNT["requests"] += 1
            if status >= 500:
                COUNT["errors"] += 1
                crashed.append((path, sorted(query)[:3], status))
    assert not crashed, crashed


def test_zz_report_the_count():
    # scripts/fuzz.sh reports this line; every request above was checked for 5xx.
    print(f"\nFUZZ requests={COUNT['requests']} server_errors={COUNT['errors']}")
    assert COUNT["requests"] > 0
