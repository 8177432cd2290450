"""An entry shows text of related records; saving one of those reindexes it.

Before, the indexer listened only to each record's own model: renaming a
partner organisation left "Partnerstwo: <old name>" in the index, and renaming
a budget pool left the old name in every project of the pool.
"""

from ratusz.search.models import Document
from ratusz.search.polish import normalise


def bodies(kind, keys):
    return list(Document.objects.filter(kind=kind, key__in=keys).values_list("title", "body"))


def test_renaming_an_organisation_updates_its_partnerships(
    demo, django_capture_on_commit_callbacks
):
    from ratusz.cooperation.models import Partnership

    partnership = Partnership.objects.select_related("organisation").first()
    org = partnership.organisation
    old = org.name
    assert any(old in title for title, _ in bodies("partnership", [str(partnership.pk)]))
    with django_capture_on_commit_callbacks(execute=True):
        org.name = "Miasto Zmienionej Nazwy"
        org.save()
    [(title, _)] = bodies("partnership", [str(partnership.pk)])
    assert title == "Partnerstwo: Miasto Zmienionej Nazwy"
    assert old not in title


def test_renaming_a_budget_pool_updates_its_projects(demo, django_capture_on_commit_callbacks):
    from ratusz.budget.models import Pool, Project

    pool = Pool.objects.filter(projects__isnull=False).exclude(projects__status="draft").first()
    keys = [
        str(pk) for pk in Project.objects.public().filter(pool=pool).values_list("pk", flat=True)
    ]

    # The pool's name is indexed as a keyword of the project (not shown in snippets).
    def indexed():
        rows = Document.objects.filter(kind="budget-project", key__in=keys)
        return [set(norm.split()) for norm in rows.values_list("body_norm", flat=True)]

    new_words = set(normalise("Przemianowana Testowa").split())
    assert keys and not any(new_words <= words for words in indexed())
    with django_capture_on_commit_callbacks(execute=True):
        pool.name = "Pula Przemianowana Testowa"
        pool.save()
    found = indexed()
    assert len(found) == len(keys)
    assert all(new_words <= words for words in found)


def test_every_declared_dependency_is_a_relation_of_the_source():
    from ratusz.search.sources import dependencies

    related = {model._meta.label for model in dependencies()}
    assert {"cooperation.Organisation", "budget.Pool", "gis.District"} <= related
