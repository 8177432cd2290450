"""The pabulib files of the tests, each parsed once per test run.

Twenty files are kept in ``tests/data/pabulib`` (chosen to cover every rule and
ballot type). ``RATUSZ_PABULIB_DIR`` may name a folder with more, such as the 40
Polish files of the pabulib library; the conformance tests then run on those too.
A test that needs a file outside the bundled set is skipped, saying so, when the
variable is not set.
"""

import os
from functools import cache
from pathlib import Path

import pytest

from ratusz.budget import pabulib
from tests.files import DATA

BUNDLED = DATA / "pabulib"
FULL_SET_VARIABLE = "RATUSZ_PABULIB_DIR"


def full_directory() -> Path | None:
    """The optional larger set; a variable set to a missing folder is an error."""
    value = os.environ.get(FULL_SET_VARIABLE, "")
    if not value:
        return None
    path = Path(value)
    if not path.is_dir():
        raise RuntimeError(f"{FULL_SET_VARIABLE}={value} is not a directory")
    return path


def skip_reason(what: str) -> str:
    return f"{what} needs the full pabulib set: set {FULL_SET_VARIABLE} to a folder of .pb files"


def directory() -> Path:
    return BUNDLED


def bundled_names() -> list[str]:
    return sorted(p.name for p in BUNDLED.glob("*.pb"))


def names() -> list[str]:
    """The bundled files plus, when it is set, those of the larger set."""
    found = set(bundled_names())
    full = full_directory()
    if full:
        found |= {p.name for p in full.glob("*.pb")}
    return sorted(found)


def path_of(name: str) -> Path:
    if (BUNDLED / name).exists():
        return BUNDLED / name
    full = full_directory()
    if full is None:
        pytest.skip(skip_reason(name))
    return full / name


@cache
def election(name: str) -> pabulib.Election:
    return pabulib.load(path_of(name))
