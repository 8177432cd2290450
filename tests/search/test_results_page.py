"""The results page after issue #22: counts, suggestions, language, snippets, promotions."""

import re

import pytest
from django.utils import translation
from django.utils.translation import ngettext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction, Site

pytestmark = pytest.mark.django_db


def _polish_form(n):
    if n == 1:
        return "wynik"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "wyniki"
    return "wyników"


@pytest.mark.parametrize("n", [1, 2, 4, 5, 12, 22, 23, 25, 101])
def test_the_count_has_the_polish_plural(n):
    with translation.override("pl"):
        text = ngettext(
            "Znaleziono %(counter)s wynik dla „%(q)s”.",
            "Znaleziono %(counter)s wyników dla „%(q)s”.",
            n,
        ) % {"counter": n, "q": "x"}
    assert text == f"Znaleziono {n} {_polish_form(n)} dla „x”."


def test_the_page_says_the_count_in_polish(client, demo):
    response = client.get("/szukaj/", {"q": "dowód osobisty"})
    n = response.context["results"].total
    assert n > 1
    assert f"Znaleziono {n} {_polish_form(n)} dla" in response.content.decode()


def test_suggestion_keeps_filters_and_polish_letters(client, demo):
    html = client.get("/szukaj/", {"q": "silny wiart", "typ": "alert"}).content.decode()
    link = re.search(r'class="search-suggestion">[^<]*<a href="\?([^"]+)">([^<]+)</a>', html)
    assert link, html
    assert "typ=alert" in link.group(1) and link.group(2) == "silny wiatr"
    html = client.get("/szukaj/", {"q": "dowod osobsity"}).content.decode()
    assert ">dowód osobisty</a>" in html
    # A correct Polish word is not "corrected".
    html = client.get("/szukaj/", {"q": "spis wyborców"}).content.decode()
    assert "Czy chodziło Ci o" not in html


def test_polish_results_hold_no_pages_in_other_languages(client, demo):
    response = client.get("/szukaj/", {"q": "Mysłowice"})
    urls = [h.document.url for h in response.context["results"].hits]
    assert urls and not any(re.match(r"^/(en|de|cs)/", u) for u in urls)
    assert not any(re.search(r"/(en|de|cs)/$", u) for u in urls)


def test_no_answer_shows_no_list_of_noise(client, demo):
    html = client.get("/szukaj/", {"q": "karta dużej rodziny"}).content.decode()
    assert "Nic nie znaleźliśmy" in html
    assert "„dowód osobisty” albo „wywóz śmieci”" in html  # the current tip
    assert "„odpady” zamiast „śmieci”" not in html


def test_snippets_start_with_the_text_not_keywords_and_keep_word_breaks(client, demo):
    response = client.get("/szukaj/", {"q": "dowód osobisty"})
    snippets = [h.snippet_html for h in response.context["page_obj"].object_list]
    assert snippets
    for snippet in snippets:
        assert not snippet.lower().startswith(
            ("załatw sprawę", "karta usługi", "budżet obywatelski")
        )
        assert not re.search(r"[a-ząęółśżźćń],[a-ząęółśżźćń]", snippet), snippet


def test_promoted_results_come_first_and_queries_are_counted(client, demo):
    # the default city's pages (the demo has a second city with such a page too)
    pages = Site.objects.get(is_default_site=True).root_page.get_descendants()
    public = pages.get(url_path__endswith="/ochrona-danych-osobowych/")
    private = pages.live().exclude(pk=public.pk).filter(depth__gt=2).first()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    query = Query.get("wywóz śmieci")
    SearchPromotion.objects.create(query=query, page=public, description="Polecamy", sort_order=0)
    SearchPromotion.objects.create(query=query, page=private, sort_order=1)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://bip.example.pl/",
        external_link_text="BIP",
        sort_order=2,
    )
    html = client.get("/szukaj/", {"q": "Wywoz  smieci"}).content.decode()
    promoted = html[html.index('class="search-promoted"') :]
    assert promoted.index(public.title) < promoted.index("BIP")
    assert private.title not in promoted.split("</section>")[0]
    assert "Polecamy" in promoted
    assert sum(h.hits for h in Query.get("Wywoz  smieci").daily_hits.all()) == 1
    # A query holding a long number (a PESEL, a phone) is never recorded.
    client.get("/szukaj/", {"q": "dowód 90010112345"})
    assert not Query.objects.filter(query_string__contains="90010112345").exists()
