"""Demo: build the search index over everything the other apps' demos loaded.

`manage.py demo` calls this last. Rebuilding is idempotent: rows are updated in
place and nothing else changes on a second run.
"""

from ratusz.search import index


def load(stdout=None):
    index.reindex(stdout=stdout)
