"""Apps declare what they give the platform; central code names no app."""

import re
from pathlib import Path

import pytest

from ratusz.core.discovery import declared

ROOT = Path(__file__).resolve().parents[2] / "ratusz"

# Modules that once listed other apps' models, statuses and URLs as strings.
CENTRAL = [
    "search/sources.py",
    "search/signals.py",
    "search/index.py",
    "accounts/rodo.py",
    "accounts/roles.py",
    "core/signals.py",
    "core/ratelimit.py",
    "core/discovery.py",
]
APPS = ("cooperation", "budget", "budget_voting", "alerts", "eufunds", "ngo", "services", "gis")
NAMING_AN_APP = re.compile(
    rf"ratusz\.({'|'.join(APPS)})\b"  # an import or a dotted path
    rf"|[\"']({'|'.join(APPS)})([.:][^\"']*)?[\"']"  # an app label, model label or URL name
    r"|budzet-obywatelski|wspolpraca/|komunikaty/|fundusze-europejskie|zalatw-sprawe"
    r"|/ngo/|/ogcapi/|/sit/"  # an app's URL
    r"|[\"'](draft|approved|announced|active|letter_of_intent|in_progress|Actual|Cancel)[\"']"
)


@pytest.mark.parametrize("module", CENTRAL)
def test_central_modules_name_no_app(module):
    source = (ROOT / module).read_text()
    assert not NAMING_AN_APP.findall(source)


def test_declarations_come_in_installed_apps_order_with_their_app():
    kinds = [(label, source.kind) for label, source in declared("search", "SOURCES")]
    assert kinds[:2] == [("pages", "page"), ("pages", "news")]
    assert ("cooperation", "partnership") in kinds and ("services", "office-unit") in kinds
    labels = [label for label, _ in kinds]
    assert labels.index("budget") < labels.index("ngo")


def test_dict_declarations_give_pairs():
    grants = declared("roles", "GRANTS")
    assert ("services", "Redaktor") in {(label, name) for label, (name, _) in grants}


def test_every_app_with_public_records_declares_them():
    from ratusz.core.signals import public_models

    apps_declaring = {model._meta.app_label for model in public_models()}
    assert {"core", "pages", "cooperation", "budget", "alerts", "gis", "eufunds"} <= apps_declaring
    assert {"ngo", "services", "search", "wagtailcore"} <= apps_declaring


def test_personal_data_of_every_app_is_covered():
    from ratusz.accounts.rodo import sources

    owners = {type(source).__module__ for source in sources()}
    assert owners == {
        "ratusz.pages.privacy",
        "ratusz.budget.privacy",
        "ratusz.budget.voting.privacy",
        "ratusz.alerts.privacy",
        "ratusz.ngo.privacy",
    }
