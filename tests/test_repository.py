"""The repository stands alone: its data, its licence and its lock files.

A clone has nothing beside it to read from; the installs take exact versions from the lock
files, which must cover what ``pyproject.toml`` declares.
"""

import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.files import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
# Built from parts so that this file does not match itself.
OUTSIDE = re.compile(
    "|".join(
        [
            "RATUSZ_" + "SHARED_DIR",
            r"\.\./" + "shared",
            r"[/(,]\s*[\"']" + "shared" + r"[\"']",
        ]
    )
)
SCANNED = ["ratusz", "tests", "bench", "scripts", ".ci", "Makefile"]


def scanned_files():
    for name in SCANNED:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if "data" in file.relative_to(ROOT).parts[:2] or file.suffix in {".pyc", ".mo"}:
                continue
            yield file


def test_nothing_reads_outside_the_repository():
    found = []
    for file in scanned_files():
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE.search(line):
                found.append(f"{file.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_the_check_above_would_find_a_reference():
    for line in [
        'SHARED = Path(os.environ.get("RATUSZ_' + 'SHARED_DIR"))',
        'DATA = ROOT.parent / "' + 'shared" / "data"',
        'path = "../' + 'shared/data/pabulib"',
        'shared_path("' + 'shared", "standards")',
    ]:
        assert OUTSIDE.search(line), line


def test_licence_file_and_metadata_agree():
    assert PROJECT["license"] == "AGPL-3.0-or-later"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("GNU AFFERO GENERAL PUBLIC LICENSE")
    assert "13. Remote Network Interaction" in text and len(text) > 30_000
    for name in PROJECT["license-files"]:
        assert (ROOT / name).is_file(), name


def pins(lock_name):
    found = {}
    text = (ROOT / "requirements" / lock_name).read_text(encoding="utf-8")
    for match in re.finditer(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", text, flags=re.M):
        found.setdefault(canonicalize_name(match[1]), set()).add(match[2])
    assert "--hash=sha256:" in text
    return found


LOCKS = {
    "run.txt": PROJECT["dependencies"],
    "production.txt": PROJECT["dependencies"] + PROJECT["optional-dependencies"]["production"],
    "dev.txt": PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"],
}


@pytest.mark.parametrize("lock_name", sorted(LOCKS))
def test_lock_file_pins_every_declared_dependency_within_its_range(lock_name):
    pinned = pins(lock_name)
    wrong = []
    for text in LOCKS[lock_name]:
        requirement = Requirement(text)
        versions = pinned.get(canonicalize_name(requirement.name), set())
        if not versions or not all(requirement.specifier.contains(v) for v in versions):
            wrong.append(f"{text}: {sorted(versions) or 'missing'}")
    assert wrong == [], f"run `make lock` (requirements/{lock_name}): {wrong}"


def test_the_audit_step_names_the_production_lock():
    """docs/security.md tells operators how to audit: pip-audit against the hashed lock."""
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    audit = re.search(r"pip-audit --strict --disable-pip -r (requirements/\S+\.txt)", text)
    assert audit, "the pip-audit step is missing from docs/security.md"
    lock = ROOT / audit[1]
    assert lock.name == "production.txt" and "--hash=sha256:" in lock.read_text(encoding="utf-8")
    assert "pip install --require-hashes -r requirements/production.txt" in text
