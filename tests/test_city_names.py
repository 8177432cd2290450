"""No city is written into the product: its names live in the city identity
(ratusz.core.city), filled in by `manage.py ratusz_city new` or the demo.

Every text file under ratusz/ is searched for the demo city's names (in each
case and folded to ASCII, as in host names and identifiers) except the demo
itself, migrations (history), translations (they follow the code) and the
shipped reference data (the gazetteer of cities, the county boundaries).
"""

import re
import unicodedata

from ratusz.core import terc
from ratusz.demo import pages as demo_pages
from tests.files import ROOT

PACKAGE = ROOT / "ratusz"
TEXT_SUFFIXES = {".py", ".html", ".txt", ".xml", ".js", ".css", ".json", ".svg", ".md"}
EXEMPT_PARTS = {"demo", "migrations", "locale", "data"}
DEMO_CITIES = [demo_pages.TERC]


def _fold(text):
    text = text.replace("ł", "l").replace("Ł", "L")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _pattern():
    forms = set()
    for code in DEMO_CITIES:
        name = terc.resolve(code)
        locative = name.locative.split(" ", 1)[1]  # "w Mysłowicach" -> "Mysłowicach"
        for form in (name.name, name.genitive, locative):
            forms |= {form, _fold(form)}
    return re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)), re.I)


def _hits(path, pattern):
    text = path.read_text(encoding="utf-8", errors="replace")
    return [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}"
        for number, line in enumerate(text.splitlines(), start=1)
        if pattern.search(line)
    ]


def test_no_demo_city_name_in_product_code_or_templates():
    pattern = _pattern()
    hits = []
    for path in sorted(PACKAGE.rglob("*")):
        parts = set(path.relative_to(PACKAGE).parts)
        if path.is_file() and path.suffix in TEXT_SUFFIXES and not parts & EXEMPT_PARTS:
            hits += _hits(path, pattern)
    assert hits == [], "the city's name belongs in its identity (ratusz.core.city):\n" + "\n".join(
        hits
    )


def test_the_search_finds_the_names_where_they_belong():
    # the demo names its city in every case: the search above would see them
    pattern = _pattern()
    found = "\n".join(_hits(PACKAGE / "demo" / "pages.py", pattern))
    assert "Mysłowice" in found and "Mysłowic " in found and "w Mysłowicach" in found
    assert pattern.search("bip.myslowice.pl")
