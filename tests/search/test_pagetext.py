"""What a rendered page shows, read for the index (plain Python, no database)."""

from ratusz.search.pagetext import read

PAGE = """<!doctype html><html lang="pl"><head><title>X</title>
<meta name="description" content="Opis strony"></head><body>
<header><nav><a href="/">Menu główne</a></nav></header>
<nav class="breadcrumbs"><ol><li><a href="/">Strona główna</a></li>
<li><a href="/fundusze-europejskie/">Fundusze europejskie</a></li>
<li><span aria-current="page">Trasa rowerowa</span></li></ol></nav>
<main id="main"><h1>Trasa rowerowa</h1>
<p class="lead">Projekt dofinansowany przez Unię Europejską.</p>
<span class="badge">w realizacji</span>
<dl><dt>Dofinansowanie z UE</dt><dd>1 000,00 zł</dd></dl>
<ul><li>35×45 mm,</li><li>dotychczasowy dowód</li></ul>
<ul><li><a href="/projekt/1/">Projekt pierwszy</a> opis</li></ul>
<select><option>opcja ukryta</option></select>
<script type="application/json">{"features": []}</script>
<div data-search-skip>pominięte</div>
</main><footer>Stopka</footer></body></html>"""


def test_language_heading_and_section():
    shown = read(PAGE)
    assert shown.lang == "pl"
    assert shown.title == "Trasa rowerowa"
    assert shown.section == ["Fundusze europejskie", "Trasa rowerowa"]
    assert shown.description == "Opis strony"


def test_labels_are_headings_field_names_and_badges():
    assert read(PAGE).labels == ["Trasa rowerowa", "w realizacji", "Dofinansowanie z UE"]


def test_main_text_keeps_block_boundaries_and_drops_machine_data():
    text = read(PAGE).text
    assert "35×45 mm,\ndotychczasowy" in text
    assert "Projekt dofinansowany przez Unię Europejską." in text
    for absent in ("Menu główne", "Stopka", "opcja ukryta", "features", "pominięte"):
        assert absent not in text


def test_a_listing_drops_items_that_link_to_records():
    text = read(PAGE, skip_items=True).text
    assert "Projekt pierwszy" not in text
    assert "dotychczasowy dowód" in text  # an item without a link is the page's own text


def test_broken_html_never_raises():
    assert read("<main><h1>Tytuł<p>bez końca").title.startswith("Tytuł")
    assert read("").text == ""
