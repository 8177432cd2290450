"""The architecture the build enforces (docs/development.md, "Layers and contracts").

``make test`` and ``make lint`` run ``lint-imports`` on the contracts in
pyproject.toml, and ``make lint`` runs mypy. These tests show that the contracts
have teeth: a copy of the package with one import cycle added fails them.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.files import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _contract(name):
    contracts = PYPROJECT["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["name"] == name)


def _copy_package(target):
    """The package's Python files (no templates, static files or data) and the config."""
    shutil.copytree(
        ROOT / "ratusz",
        target / "ratusz",
        ignore=lambda _dir, names: [
            n for n in names if not n.endswith(".py") and "." in n or n in ("static", "locale")
        ],
    )
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")


def _lint_imports(tree):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_an_import_cycle_fails_lint_imports(tmp_path):
    _copy_package(tmp_path)
    clean = _lint_imports(tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr  # the copy itself is fine
    # models <-> forms: the cycle the codebase once had (cooperation/forms imports models).
    models = tmp_path / "ratusz" / "cooperation" / "models.py"
    models.write_text(
        models.read_text(encoding="utf-8") + "\nfrom ratusz.cooperation import forms  # noqa\n",
        encoding="utf-8",
    )
    run = _lint_imports(tmp_path)
    assert run.returncode != 0, run.stdout
    assert "no cycles BROKEN" in run.stdout, run.stdout + run.stderr


def test_an_app_importing_the_demo_fails_lint_imports(tmp_path):
    _copy_package(tmp_path)
    views = tmp_path / "ratusz" / "services" / "views.py"
    views.write_text(
        views.read_text(encoding="utf-8") + "\nfrom ratusz.demo import services  # noqa\n",
        encoding="utf-8",
    )
    run = _lint_imports(tmp_path)
    assert run.returncode != 0 and "layers BROKEN" in run.stdout, run.stdout + run.stderr


def test_the_plain_modules_are_type_checked_strictly():
    plain = set(_contract("plain modules import no Django or Wagtail")["source_modules"])
    strict = next(
        o for o in PYPROJECT["tool"]["mypy"]["overrides"] if o.get("disallow_untyped_defs")
    )
    assert set(strict["module"]) == plain
    assert not [o for o in PYPROJECT["tool"]["mypy"]["overrides"] if o.get("ignore_errors")]


def test_no_contract_has_exceptions():
    """Layering is fixed in the code, not waived in the config."""
    contracts = PYPROJECT["tool"]["importlinter"]["contracts"]
    assert [c["name"] for c in contracts if c.get("ignore_imports")] == []


def test_settings_are_read_through_conf():
    """One home for Ratusz's settings: ratusz.core.conf states each default once."""
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "ratusz").rglob("*.py"))
        if path.name != "conf.py" or path.parent.name != "core"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "getattr(settings," in line.replace(" ", "")
    ]
    assert found == []
