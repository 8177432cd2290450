"""A resident's data across the apps: find it, export it, erase it (RODO).

Each app says where it keeps personal data in its ``privacy.py``
(``PERSONAL_DATA``, instances of ``ratusz.core.privacy.PersonalData``, found
by ``ratusz.core.discovery``): how it finds records for an e-mail or a PESEL
and what erasing means. Records that are public or must be kept by law (a
budget project, a cast vote's register entry) are anonymised instead of
deleted; pure personal records (subscriptions, form submissions) are deleted.
"""

import functools

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from ratusz.core.discovery import declared
from ratusz.core.privacy import ERASED, PersonalData

__all__ = ["ERASED", "erase", "export", "sources"]


@functools.cache
def sources() -> tuple[PersonalData, ...]:
    found = []
    for label, source in declared("privacy", "PERSONAL_DATA"):
        if not isinstance(source, PersonalData):
            raise ImproperlyConfigured(f"{label}.privacy.PERSONAL_DATA: {source!r}")
        found.append(source)
    return tuple(found)


def export(identity):
    """{source label: [records]} for every source that holds something."""
    report = {}
    for source in sources():
        records = [source.describe(obj) for obj in source.rows(identity)]
        if records:
            report[str(source.label)] = records  # label may be lazy
    return report


@transaction.atomic
def erase(identity):
    """Erase or anonymise everything found; {source label: count}. All or nothing."""
    counts = {}
    for source in sources():
        rows = source.rows(identity)
        for obj in rows:
            source.erase(obj)
        if rows:
            counts[str(source.label)] = len(rows)
    return counts
