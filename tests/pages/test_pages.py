import re
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.utils.html import strip_tags

from ratusz.pages.models import ContactPage, NewsPage
from tests.files import SEED_TEXT

PUBLIC_PAGES = [
    "/",
    "/aktualnosci/",
    "/aktualnosci/sesja-rady-miasta-listopad-2026/",
    "/swiat-region-ludzie/",
    "/swiat-region-ludzie/wspolpraca-z-innymi-miastami/",
    "/dla-mieszkanca/ochrona-danych-osobowych/",
    "/kontakt/",
    "/deklaracja-dostepnosci/",
]
SEED_ARTICLE = "/swiat-region-ludzie/wspolpraca-z-innymi-miastami/"


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_render_in_polish(client, demo_site, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl"' in html
    assert 'name="deklaracja-dostępności"' in html
    assert 'rel="canonical"' in html


def test_seed_article_paragraph_by_paragraph(client, demo_site):
    seed = SEED_TEXT.read_text(encoding="utf-8")
    paragraphs = [normalise(line) for line in seed.splitlines() if len(line.strip()) > 80]
    # The last long line is the footer's five links run together, not the article.
    paragraphs = [p for p in paragraphs if not p.startswith("System informacji")]
    assert len(paragraphs) == 5
    text = normalise(strip_tags(client.get(SEED_ARTICLE).content.decode()))
    positions = [text.find(p) for p in paragraphs]
    assert -1 not in positions, "a seed paragraph is missing"
    assert positions == sorted(positions), "seed paragraphs out of order"


def test_shell_carries_the_seed_elements(client, demo_site):
    html = client.get(SEED_ARTICLE).content.decode()
    for label in [
        "Drukuj",
        "Powiększ tekst (skrót: +)",
        "Pomniejsz tekst (skrót: -)",
        "System informacji o terenie miasta",
        "Budżet obywatelski",
        "Fundusze europejskie",
        "NGO",
        "Komunikaty dot. bezpieczeństwa",
        "ePUAP",
        "Silesia",
        "Deklaracja dostępności",
        "AE:PL-",
    ]:
        assert label in html, label
    assert "Ostatnia aktualizacja" in html
    assert 'aria-label="Jesteś tutaj"' in html and "Świat, region, ludzie" in html


@time_machine.travel(date(2021, 12, 22))
def test_sekap_in_header_until_it_was_switched_off(client, demo_site):
    assert ">SEKAP<" in client.get("/").content.decode()


@time_machine.travel(date(2021, 12, 23))
def test_sekap_hidden_after_switch_off(client, demo_site):
    cache.clear()
    html = client.get("/").content.decode()
    assert ">SEKAP<" not in html and ">ePUAP<" in html


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_no_cookies_for_anonymous_visitors_but_csrf_on_forms(client, demo_site, url):
    response = client.get(url)
    cookies = set(response.cookies.keys())
    if url == "/kontakt/":
        assert cookies <= {"csrftoken"}
    else:
        assert cookies == set(), f"{url} set {cookies}"


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_pages_reference_no_other_host(client, demo_site, url):
    html = client.get(url).content.decode()
    loaded = re.findall(
        r'<(?:script|link|img|iframe|source|video|audio)\b[^>]*?(?:src|href)="([^"]+)"', html
    )
    foreign = [
        u
        for u in loaded
        if re.match(r"^(https?:)?//", u) and "127.0.0.1" not in u and "testserver" not in u
    ]
    assert not foreign, foreign


def test_security_headers_and_strict_csp(client, demo_site):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "Referrer-Policy" in response and "Permissions-Policy" in response


def test_no_inline_scripts_on_public_pages(client, demo_site):
    for url in PUBLIC_PAGES:
        html = client.get(url).content.decode()
        for match in re.finditer(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
            attrs, body = match.groups()
            if body.strip():
                assert (
                    'type="application/ld+json"' in attrs or 'type="application/json"' in attrs
                ), url
        assert ' style="' not in html, url


def test_home_has_government_organisation_json_ld(client, demo_site):
    html = client.get("/").content.decode()
    assert '"@type": "GovernmentOrganization"' in html
    assert "Powstańców 1" in html


def test_accessibility_statement_ids(client, demo_site):
    html = client.get("/deklaracja-dostepnosci/").content.decode()
    for ident in [
        "a11y-wstep",
        "a11y-podmiot",
        "a11y-url",
        "a11y-data-publikacja",
        "a11y-data-aktualizacja",
        "a11y-status",
        "a11y-data-sporzadzenie",
        "a11y-data-przeglad",
        "a11y-kontakt",
        "a11y-osoba",
        "a11y-email",
        "a11y-telefon",
        "a11y-procedura",
        "a11y-architektura",
        "a11y-aplikacje",
    ]:
        assert html.count(f'id="{ident}"') == 1, ident
    assert re.search(r'<time id="a11y-data-publikacja" datetime="\d{4}-\d{2}-\d{2}"', html)
    status = re.search(r'id="a11y-status">(.*?)</p>', html, re.S).group(1)
    assert "częściowo zgodna" in status


def test_feeds_sitemap_robots(client, demo_site):
    atom = client.get("/aktualnosci/feed/atom/")
    assert atom.status_code == 200 and "application/atom+xml" in atom["Content-Type"]
    assert "Sesja Rady Miasta" in atom.content.decode()
    rss = client.get("/aktualnosci/feed/rss/")
    assert "<rss" in rss.content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/swiat-region-ludzie/" in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap:" in robots and "Disallow: /admin/" in robots


def test_news_category_filter_and_bad_page_number(client, demo_site):
    html = client.get("/aktualnosci/?kategoria=kultura").content.decode()
    assert "Jarmark" in html and "Sesja Rady" not in html
    assert client.get("/aktualnosci/?strona=abc").status_code == 200
    assert client.get("/aktualnosci/?strona=99999").status_code == 200
    assert client.get("/aktualnosci/?kategoria=<script>").status_code == 200


@pytest.mark.parametrize(
    "url, limit",
    [
        ("/", 16),
        ("/swiat-region-ludzie/", 26),
        (SEED_ARTICLE, 17),
        ("/aktualnosci/", 19),
        ("/aktualnosci/sesja-rady-miasta-listopad-2026/", 18),
        ("/kontakt/", 18),
        ("/deklaracja-dostepnosci/", 9),
    ],
)
def test_page_renders_with_bounded_queries(
    client, demo_site, django_assert_max_num_queries, url, limit
):
    client.get(url)  # warm per-process caches (site root, settings)
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_news_index_queries_do_not_grow_with_items(client, demo_site, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/aktualnosci/")
    with CaptureQueriesContext(connection) as before:
        client.get("/aktualnosci/")
    baseline = len(before.captured_queries)  # the log is reset by every request
    index = NewsPage.objects.first().get_parent()
    for number in range(5):
        index.add_child(
            instance=NewsPage(
                title=f"Dodatkowa {number}", slug=f"dodatkowa-{number}", date=date(2026, 11, 1)
            )
        )
    client.get("/aktualnosci/")  # the shell is rebuilt once after any change
    with django_assert_num_queries(baseline):
        client.get("/aktualnosci/")


VALID_CONTACT = {
    "imie_i_nazwisko": "Anna Nowak",
    "adres_e_mail": "anna@example.org",
    "temat": "Pytanie",
    "wiadomosc": "Dzień dobry, mam pytanie o godziny pracy urzędu.",
    "zgoda": "on",
}


def contact_field_names():
    return {field.clean_name for field in ContactPage.objects.get().form_fields.all()}


@pytest.fixture
def contact(client, demo_site, settings):
    settings.RATUSZ_RATELIMIT_ENABLED = False
    names = contact_field_names()
    assert {"imie_i_nazwisko", "wiadomosc", "zgoda"} - {"zgoda"} <= names | {"zgoda"}
    return client


def test_contact_form_stores_and_emails(contact):
    response = contact.post("/kontakt/", VALID_CONTACT)
    assert response.status_code == 200
    assert "Dziękujemy" in response.content.decode()
    page = ContactPage.objects.get()
    assert page.get_submission_class().objects.filter(page=page).count() == 1
    assert len(mail.outbox) == 1 and "godziny pracy" in mail.outbox[0].body


@pytest.mark.parametrize(
    "change, field_error",
    [
        (
            {"imie_i_nazwisko": "", "adres_e_mail": "", "wiadomosc": "", "zgoda": ""},
            "To pole jest wymagane",
        ),
        ({"wiadomosc": "x" * 5001}, "co najwyżej 5000"),
        ({"adres_e_mail": "nie-adres"}, "Wprowadź poprawny adres email"),
        ({"zgoda": ""}, "Zgoda jest potrzebna"),
        ({"strona_www": "http://spam.example"}, "automatyczny"),
    ],
)
def test_contact_form_bad_input_gets_polish_field_errors(contact, change, field_error):
    data = {**VALID_CONTACT, **change}
    data = {k: v for k, v in data.items() if v != ""}
    response = contact.post("/kontakt/", data)
    assert response.status_code == 400
    assert field_error in response.content.decode()
    page = ContactPage.objects.get()
    assert page.get_submission_class().objects.filter(page=page).count() == 0
    assert mail.outbox == []


def test_contact_form_rate_limited(client, demo_site, settings):
    settings.RATUSZ_RATELIMIT_ENABLED = True
    cache.clear()
    statuses = [
        client.post("/kontakt/", {**VALID_CONTACT, "zgoda": ""}).status_code for _ in range(7)
    ]
    assert statuses[:5] == [400] * 5 and statuses[-1] == 429


def test_news_items_are_in_polish_and_dated(demo_site):
    news = NewsPage.objects.live()
    assert news.count() >= 6
    assert all(item.date.year == 2026 for item in news)


def test_editors_changes_go_through_moderation(demo_site):
    from django.contrib.auth.models import Group, User

    from ratusz.pages.models import ArticlePage

    page = ArticlePage.objects.get(slug="wspolpraca-z-innymi-miastami")
    workflow = page.get_workflow()
    assert workflow is not None and workflow.name == "Moderacja redakcyjna"
    editor = User.objects.create_user("redaktor-test", password="x" * 12, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    assert not page.permissions_for_user(editor).can_publish()
    revision = page.save_revision(user=editor)
    state = workflow.start(page, editor)
    assert state.status == "in_progress"
    page.refresh_from_db()
    assert page.live_revision_id != revision.pk  # still the published version until approved


def test_e_addresses_and_e_service_links_in_contact_block_and_statement(client, demo_site):
    from ratusz.core.models import OfficeSettings

    office = OfficeSettings.objects.get()
    assert office.ade_address and office.epuap_box
    statement = client.get("/deklaracja-dostepnosci/").content.decode()
    line = re.search(r'id="a11y-eadresy">(.*?)</p>', statement, re.S).group(1)
    assert office.ade_address in line and office.epuap_box in line
    for html in (statement, client.get("/kontakt/").content.decode()):
        assert 'class="eservice-list"' in html and ">ePUAP</a>" in html


def test_main_menu_starts_with_residents_tasks_and_marks_where_you_are(client, demo_site):
    import re

    html = client.get("/komunikaty/").content.decode()
    menu = html[html.index('id="main-nav-list"') :]
    menu = menu[: menu.index("</ul>")]
    titles = re.findall(r">([^<>]+)</a>", menu)
    assert titles[:4] == ["Załatw sprawę", "Komunikaty", "Budżet obywatelski", "Mapa"]
    assert "Aktualności" in titles and titles.count("Załatw sprawę") == 1
    assert re.search(r'href="/komunikaty/" aria-current="page">Komunikaty<', menu)
    detail = client.get("/aktualnosci/").content.decode()
    assert re.search(r'href="/aktualnosci/" aria-current="page">Aktualności<', detail)
