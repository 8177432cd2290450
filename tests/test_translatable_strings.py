"""Every Polish text a person reads is marked for translation (docs/development.md).

An AST walk over the product code (not the demo content) finds string literals and
f-strings that read as Polish and are not inside ``gettext``/``ngettext``/… or the
plain modules' no-op marker ``N_`` (``ratusz.core.marks``). A new unmarked sentence
fails here; wrap it, with values as ``%(name)s`` placeholders, never in an f-string.
"""

import ast
import re

from tests.files import ROOT

PACKAGE = ROOT / "ratusz"
MARKERS = {
    "_",
    "N_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "format_lazy",
}
LOGGING = {"debug", "info", "warning", "error", "exception", "critical", "log"}
POLISH = re.compile(
    r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]"
    r"|\b(?i:nie|jest|albo|oraz|lub|dla|przez|tylko|brak|podaj|wiersz|plik|musi)\b"
)
REGEX_LIKE = re.compile(r"\\[bsdwS]|\(\?|\[a-|\|")

# Whole files or folders whose Polish is not interface text.
NOT_INTERFACE = {
    "ratusz/demo/": "the demo city's content, not the product",
    "/migrations/": "frozen history; the models carry the marked strings",
    "/management/commands/": "the operator's console, like Django's own commands",
    "/cities.py": "each app's part of `manage.py ratusz_city` (the operator's console) "
    "and the starter texts it writes, the new city's own Polish content",
    "ratusz/core/newcity.py": "`manage.py ratusz_city`'s set-up and refusals (operator's console)",
    "ratusz/budget/__main__.py": "the counting tool's console",
    "ratusz/settings/": "configuration defaults (the sender's name, the city)",
    "ratusz/core/conf_checks.py": "system checks for the operator at deploy time",
    "ratusz/core/checks_deploy.py": "system checks for the operator at deploy time",
    "ratusz/core/logs.py": "the log's own words for operators",
    "ratusz/search/polish.py": "the Polish stemmer's suffixes",
    "ratusz/search/synonyms.py": "the default Polish synonym list (search data)",
    "ratusz/search/thesaurus.py": "the default Polish thesaurus (search data)",
    "ratusz/cooperation/countries.py": "the Polish alphabet for sorting",
    "ratusz/eufunds/writer.py": "the ministry's column headers of the official list",
    "ratusz/eufunds/visibility.py": "the EU sign's mandated Polish wording",
    "ratusz/budget/voting/exports.py": "CSV columns of the results export (data format)",
}
# Single strings that are data, by file: matched against the literal's text.
DATA = {
    "ratusz/eufunds/values.py": [  # fund and month names matched in the ministry's files
        r"^(europejski|fundusz|instrument|krajowy|cały kraj|współpraca terytorialna)",
        r"^[a-ząćęłńóśźż]+$",
    ],
    "ratusz/eufunds/official_list.py": [r"^[a-ząćęłńóśźż ]+$"],  # column headers to match
    "ratusz/eufunds/sync.py": [r"^(tak|nie)$"],  # values in the stored change history
    "ratusz/core/conf.py": [r"^Mysłowice$"],  # the default city, a proper name
    "ratusz/core/models.py": [r"^częściowo zgodna$"],  # a stored choice value
    "ratusz/core/privacy.py": [r"^\(usunięto na wniosek\)$"],  # stored in place of data
    "ratusz/budget/voting/admin_views.py": [r"^plik$"],  # a form field's name
    "ratusz/ngo/forms.py": [r"^Loga organizacji"],  # a stored collection's name, looked up
}


def _name(func):
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def _letters(text):
    return len(re.findall(r"[^\W\d_]", text))


def _skipped(node, parents):
    """True when the literal is not shown to a person as it stands."""
    child = node
    while child in parents:
        parent = parents[child]
        if isinstance(parent, ast.Expr) and isinstance(child, ast.Constant):
            return True  # a docstring
        if isinstance(parent, ast.Call):
            name = _name(parent.func)
            if name in MARKERS or name in LOGGING:
                return True
            func = parent.func
            if isinstance(func, ast.Attribute) and getattr(func.value, "id", None) == "re":
                return True
        if isinstance(parent, ast.Subscript) and child is parent.slice:
            return True  # a data key: row["tytuł"]
        if isinstance(parent, ast.Dict) and child in parent.keys:
            return True  # a data key
        if isinstance(parent, ast.Compare):
            return True  # matching input, not showing text
        if isinstance(parent, ast.keyword) and parent.arg == "default":
            return True  # a model field's stored default
        if isinstance(parent, ast.stmt | ast.Lambda):
            return False
        child = parent
    return False


def unmarked(path, relative=None):
    relative = relative or path.relative_to(ROOT).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {c: p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
    allowed = [re.compile(rx) for rx in DATA.get(relative, ())]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if isinstance(parents.get(node), ast.JoinedStr | ast.FormattedValue):
                continue  # judged as part of its f-string
            text = node.value
        else:
            continue
        if not POLISH.search(text) or _letters(text) < 3 or REGEX_LIKE.search(text):
            continue
        if any(rx.search(text) for rx in allowed) or _skipped(node, parents):
            continue
        found.append(f"{relative}:{node.lineno}: {text[:70]!r}")
    return found


def _product_files():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if not any(part in relative for part in NOT_INTERFACE):
            yield path


def test_every_polish_text_in_the_product_is_marked_for_translation():
    found = [line for path in _product_files() for line in unmarked(path)]
    assert not found, "wrap in gettext / N_ (placeholders, no f-string):\n" + "\n".join(found)


def test_the_check_finds_an_unmarked_sentence_and_an_f_string(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from django.utils.translation import gettext as _\n"
        "OK = _('Zapisano zmiany.')\n"
        "def f(n):\n"
        "    log.warning('Błąd serwera %s', n)\n"
        "    return 'Nie udało się zapisać.', f'Wczytano {n} wierszy, pominięto resztę.'\n",
        encoding="utf-8",
    )
    found = unmarked(sample, "ratusz/sample.py")
    assert [line.split(": ", 1)[1] for line in found] == [
        "'Nie udało się zapisać.'",
        "'Wczytano  wierszy, pominięto resztę.'",
    ]


def test_the_allow_list_names_files_that_exist():
    for part in NOT_INTERFACE:
        if not part.startswith("/"):
            assert (ROOT / part).exists(), part
    for relative in DATA:
        assert (ROOT / relative).is_file(), relative
