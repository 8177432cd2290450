"""Issue #22's findings, each as a test over the demo.

The resident evaluation measures the search in general; these are the
particular failures the issue reported, asserted one by one so that none can
come back unnoticed. The results page's findings (counts, suggestions,
snippets, language, promotions) are in test_results_page.py, privacy in
test_private.py, coverage and the sitemap in test_coverage.py.
"""

import pytest

from ratusz.search import engine

pytestmark = pytest.mark.django_db


def results(text):
    return engine.search(text, language="pl")


def urls(text, n=3):
    return [h.document.url for h in results(text).hits[:n]]


def kinds(text, n=10):
    return [h.document.kind for h in results(text).hits[:n]]


@pytest.mark.parametrize(
    "text, url",
    [
        ("deklaracja dostępności", "/deklaracja-dostepnosci/"),
        ("katalog organizacji pozarządowych", "/ngo/organizacje/"),
        ("mapa działek", "/sit/warstwy/dzialki-demo/"),
    ],
)
def test_landing_pages_answer_what_they_are(demo, text, url):
    assert url in urls(text)


@pytest.mark.parametrize("text", ["dofinansowanie unijne", "projekty UE", "unia europejska"])
def test_eu_projects_are_found_by_their_labels(demo, text):
    # "Dofinansowanie z UE", "Unia Europejska" are on every project's page.
    assert kinds(text).count("eufunds") >= 3


def test_a_place_is_found_in_any_form(demo):
    assert any("/wspolpraca/" in u for u in urls("partnerzy na Węgrzech"))
    assert set(urls("Węgry", 5)) & set(urls("na Węgrzech", 5))


def test_a_question_finds_the_office_matter(demo):
    # "Rejestracja pojazdów" is written on the unit's page; the resident asks with a verb.
    assert any("wydzial-komunikacji" in u for u in urls("jak zarejestrować samochód"))


def test_everyday_words_find_the_offices_words(demo):
    assert results("śmieciarka").hits
    assert results("meldunek").hits


def test_opening_hours_do_not_match_km_per_hour(demo):
    # A wind warning says "km/h"; "h" is not "godzina".
    assert "alert" not in kinds("godziny otwarcia urzędu", 3)
    assert "/zalatw-sprawe/urzad/" in urls("godziny otwarcia urzędu")


def test_ngo_finds_the_ngo_section_first(demo):
    assert urls("NGO", 1)[0] in ("/ngo/", "/ngo/organizacje/")


def test_an_abbreviation_with_a_number_is_that_edition(demo):
    first = results("MBO 2028").hits[0].document
    assert "2028" in first.title


@pytest.mark.parametrize(
    "text",
    [
        # the marriage card's "(składane w urzędzie)" and "dowód opłaty
        # skarbowej" are two list items: closeness stops at a block boundary
        "urząd skarbowy",
        "urząd skarbowy PIT",
        "karta dużej rodziny",
    ],
)
def test_no_answer_is_not_a_full_match(demo, text):
    # The marriage card mentions "urząd" and a tax office: not an answer.
    found = results(text)
    assert not found.hits or found.any_words, [h.document.title for h in found.hits[:3]]


def test_a_verb_reaches_the_noun_of_its_pair(demo):
    # "godziny przyjęć" on the office's directory; residents ask "kiedy przyjmuje".
    assert "/zalatw-sprawe/urzad/" in urls("w jakich godzinach przyjmuje urząd")
