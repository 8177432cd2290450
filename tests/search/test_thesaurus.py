"""The municipal thesaurus: every line is a rule, and the migration holds the same lines."""

from importlib import import_module

from ratusz.search.synonyms import parse_rules
from ratusz.search.thesaurus import THESAURUS


def test_every_line_is_a_rule():
    for line in THESAURUS.splitlines():
        assert parse_rules(line), line


def test_the_migration_seeds_the_same_thesaurus():
    # A change of the thesaurus needs a migration of its own for existing sites.
    migration = import_module("ratusz.search.migrations.0005_municipal_thesaurus")
    assert migration.LINES == THESAURUS
