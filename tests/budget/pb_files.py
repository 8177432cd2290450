"""The shared pabulib files, each parsed once per test run."""

from functools import cache

from ratusz.budget import pabulib
from tests.shared import shared_path


def directory():
    return shared_path("data", "pabulib")


def names() -> list[str]:
    return sorted(p.name for p in directory().glob("*.pb"))


@cache
def election(name: str) -> pabulib.Election:
    return pabulib.load(directory() / name)
