"""Demo: build the search index over everything the other apps' demos loaded.

`manage.py demo` calls this last. Rebuilding is idempotent: rows are updated in
place and nothing else changes on a second run.
"""

from ratusz.search import index

# Tychy's own words: its lake, its trolleybuses, its public transport company.
SECOND_CITY_RULES = [
    ("Paprocany, jezioro Paprocańskie", ""),
    ("trajtek, trolejbus", ""),
    ("TLT", "Tyskie Linie Trolejbusowe"),
    ("MZK", "Miejski Zarząd Komunikacji"),
]


def load(stdout=None):
    index.reindex(stdout=stdout)


def load_second_city(site):
    """The second city's synonym rules (the shipped ones and its own) and its
    landing pages in the index; its pages and records are indexed by ``load``."""
    from ratusz.search.cities import shipped_rules
    from ratusz.search.models import SynonymRule

    for terms, expands_to in [*shipped_rules(), *SECOND_CITY_RULES]:
        SynonymRule.objects.get_or_create(site=site, terms=terms, expands_to=expands_to)
    index.index_site_views(site.pk)
