"""An installation of the release before many cities migrates without losing anything (#24).

``tests/data/single_city/`` holds the demo database that release made (its own
code, its own ``manage.py migrate`` and ``manage.py demo --accounts``; the
folder's README says how). Migrating a copy to this code's head must keep every
row of every table, and give every record that now belongs to a city the
default site — the one city the installation had.
"""

import json
import lzma
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DUMP = ROOT / "tests" / "data" / "single_city" / "demo-1d2eec5.sqlite3.xz"

# Django's own bookkeeping grows with every new model or migration: never shrinks
GROWING = {"django_migrations", "django_content_type", "auth_permission"}
# FTS5's own storage of the search index (segments, not records): a migration
# that rewrites indexed rows (search.0008) adds segments; the index's rows
# (the virtual table search_document_fts) are still counted.
FTS_STORAGE = {"search_document_fts_data", "search_document_fts_idx"}

# one process (Django starts once): migrate, then look at whose the records are
MIGRATE_AND_CHECK = """
import json
from django.core.management import call_command
call_command("migrate", interactive=False)
from django.apps import apps
from wagtail.models import Site
from ratusz.core.tenancy import city_path, default_site_id, is_city_owned

default = default_site_id()
report = {"sites": list(Site.objects.values_list("pk", flat=True)), "default": default, "models": {}}
for model in apps.get_models():
    if model._meta.proxy or not model._meta.managed or not is_city_owned(model):
        continue
    rows = model._base_manager.all()
    path = city_path(model)
    report["models"][model._meta.label] = {
        "rows": rows.count(),
        "elsewhere": rows.exclude(**{path: default}).count(),
        "without": rows.filter(**{f"{path}__isnull": True}).count(),
    }
print("REPORT" + json.dumps(report))
"""


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in tables}


def _manage(tmp_path, database, *args):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ratusz.settings.test",
            "DATABASE_URL": f"sqlite:///{database}",
            "MEDIA_ROOT": str(tmp_path / "media"),
            "RATUSZ_PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
            "PYTHONPATH": str(ROOT),
        }
    )
    for name in ("CACHE_URL", "REDIS_URL"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"manage.py {args[0]}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("single-city")
    database = tmp_path / "ratusz.sqlite3"
    with lzma.open(DUMP) as packed, open(database, "wb") as out:
        shutil.copyfileobj(packed, out)
    before = _counts(database)
    log, _, report = _manage(tmp_path, database, "shell", "-c", MIGRATE_AND_CHECK).partition(
        "REPORT"
    )
    return before, _counts(database), json.loads(report), log


def test_the_old_release_database_is_behind_head(migrated):
    _before, _after, _report, log = migrated
    # a dump that needs no migration would test nothing
    assert "Applying " in log


def test_no_row_of_any_table_is_lost(migrated):
    before, after, _report, _log = migrated
    assert len(before) > 100 and sum(before.values()) > 5000  # a real demo, not an empty shell
    missing = sorted(set(before) - set(after))
    assert not missing, f"tables gone after migrate: {missing}"
    changed = {
        name: (count, after[name])
        for name, count in before.items()
        if name not in GROWING | FTS_STORAGE and after[name] != count
    }
    assert not changed, f"row counts changed (before, after): {changed}"
    shrunk = {name: (before[name], after[name]) for name in GROWING if after[name] < before[name]}
    assert not shrunk


def test_every_city_record_belongs_to_the_default_site(migrated):
    _before, _after, report, _log = migrated
    assert len(report["sites"]) == 1 and report["default"] == report["sites"][0]
    assert report["models"], "no model belongs to a city"
    wrong = {
        label: figures
        for label, figures in report["models"].items()
        if figures["elsewhere"] or figures["without"]
    }
    assert not wrong, f"records outside the default site: {wrong}"
    # the demo fills the city-owned models, so the check saw real rows
    assert sum(figures["rows"] for figures in report["models"].values()) > 0
