"""The translation catalogues: compiled .mo files match their .po sources, and
our Polish for Wagtail's missing strings is the one Django uses."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "ratusz").glob("*/locale*/*/LC_MESSAGES/*.po"))


def _catalog(path):
    with open(path, "rb") as handle:
        return gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]


@pytest.mark.parametrize("po", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_committed_mo_is_compiled_from_the_po(po, tmp_path):
    # The .mo files are committed (no gettext needed to run the portal); this
    # catches a .po edited without `manage.py compilemessages`.
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (GNU gettext) is needed: apt-get install gettext"
    fresh = tmp_path / "fresh.mo"
    subprocess.run([msgfmt, "--check-format", "-o", fresh, po], check=True, capture_output=True)
    committed = po.with_suffix(".mo")
    assert committed.exists(), f"{committed} missing: run manage.py compilemessages"
    assert _catalog(committed) == _catalog(fresh), f"{committed} is stale: compilemessages"


def test_locale_paths_exist():
    from django.conf import settings

    for path in settings.LOCALE_PATHS:
        assert Path(path).is_dir(), path


@pytest.mark.parametrize(
    ("english", "polish"),
    [
        ("Go to the first error", "Przejdź do pierwszego błędu"),
        (
            "The page could not be saved due to validation errors.",
            "Nie można zapisać strony: formularz ma błędy.",
        ),
        ("Toggle checks", "Pokaż lub ukryj kontrole"),
        ("This data explained", "Co znaczą te liczby"),
        ("Snippets", "Fragmenty"),  # ours replaces upstream's "Snippety"
    ],
)
def test_our_polish_wins_for_wagtail_strings(english, polish):
    with translation.override("pl"):
        assert translation.gettext(english) == polish


def test_polish_plurals_for_wagtail_counts():
    with translation.override("pl"):
        forms = [
            translation.ngettext(
                '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
                '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
                n,
            ).split(" <")[0]
            % {"total": n}
            for n in (1, 3, 5, 22)
        ]
    assert forms == ["1 obraz", "3 obrazy", "5 obrazów", "22 obrazy"]


@pytest.mark.parametrize(
    ("n", "text"), [(1, "1 wynik"), (2, "2 wyniki"), (5, "5 wyników"), (22, "22 wyniki")]
)
def test_the_search_says_how_many_results_in_polish_grammar(n, text):
    from django.template import Context, Template

    text_in_search = (
        "Znaleziono {{ counter }} wynik dla „{{ q }}”.{% plural %}"
        "Znaleziono {{ counter }} wyników dla „{{ q }}”."
    )
    assert text_in_search in (ROOT / "ratusz/search/templates/search/index.html").read_text()
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n with q='woda' %}"
        + text_in_search
        + "{% endblocktranslate %}"
    )
    with translation.override("pl"):
        assert template.render(Context({"n": n})) == f"Znaleziono {text} dla „woda”."


def _plural_entries(po):
    """(msgid, forms, fuzzy) of every active msgid_plural entry in a .po file."""
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid_plural ") for line in lines):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        forms = {}
        key = None
        for line in lines:
            if line.startswith(("msgid ", "msgid_plural ", "msgstr[")):
                key, _, text = line.partition(" ")
                forms[key] = text.strip('"')
            elif line.startswith('"') and key:
                forms[key] += line.strip('"')
        yield forms.get("msgid"), [forms.get(f"msgstr[{i}]", "") for i in range(4)], fuzzy


@pytest.mark.parametrize(
    "po",
    [po for po in SOURCES if po.parts[-3] == "pl" and "locale_upstream" not in po.parts],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_every_counted_string_has_its_polish_forms(po):
    # ngettext with a Polish source gives "2 wyników" unless the pl catalogue has the forms.
    missing = [msgid for msgid, forms, fuzzy in _plural_entries(po) if fuzzy or not all(forms)]
    assert not missing, (
        f"{po}: fill msgstr[0..3] (1 plik, 2 pliki, 5 plików, 1,5 pliku): " + "; ".join(missing)
    )
