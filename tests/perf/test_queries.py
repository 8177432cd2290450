"""Queries per page for every public page type, and no growth with the data.

Each page is requested once to warm the per-process caches (site root paths,
settings), then measured; the page cache is off in tests, so every measured
request renders the page in full.
"""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Q

from .cases import CASES


def _path(url):
    return url() if callable(url) else url


def _count(client, path, capture):
    client.get(path)  # warm caches that every process fills once
    with capture(10_000) as captured:
        response = client.get(path)
    assert response.status_code == 200, f"{path} answers {response.status_code}"
    return len(captured), captured


@pytest.mark.parametrize("url,bound", [case[1:] for case in CASES], ids=[c[0] for c in CASES])
def test_queries_per_page(demo, client, url, bound, django_assert_max_num_queries):
    path = _path(url)
    client.get(path)
    with django_assert_max_num_queries(bound) as captured:
        response = client.get(path)
    assert response.status_code == 200, f"{path} answers {response.status_code}"
    print(f"QUERIES {path} {len(captured)} (bound {bound})")


def _unique_value(field, value, n):
    if isinstance(value, str):
        suffix = f"-x{n}"
        limit = getattr(field, "max_length", None) or 255
        return value[: limit - len(suffix)] + suffix
    return value


def _unique_fields(model):
    """Fields that must differ between rows, alone or with others."""
    names = {field.name for field in model._meta.concrete_fields if field.unique}
    for group in model._meta.unique_together:
        names.update(group)
    for constraint in model._meta.constraints:
        names.update(getattr(constraint, "fields", ()) or ())
    fields = [model._meta.get_field(name) for name in names]
    return [field for field in fields if not field.primary_key and not field.is_relation]


def _make_unique(obj, n):
    for field in _unique_fields(type(obj)):
        value = getattr(obj, field.attname)
        if isinstance(value, int) and not isinstance(value, bool):
            setattr(obj, field.attname, value + 1000 + n)
        elif isinstance(value, str) and value:
            setattr(obj, field.attname, _unique_value(field, value, n))


def clone(obj, n):
    """A copy of `obj` (unique fields suffixed) with copies of its child rows.

    Copies share the original's foreign keys and categories, so a page that
    shows them runs the same per-row code paths as for the original: an N+1
    shows up as more queries, not as an error.
    """
    model = type(obj)
    copy = model._default_manager.get(pk=obj.pk)
    copy.pk = None
    copy._state.adding = True
    _make_unique(copy, n)
    copy.save()
    for m2m in model._meta.many_to_many:
        getattr(copy, m2m.name).set(getattr(obj, m2m.name).all())
    for rel in model._meta.related_objects:
        if not rel.one_to_many or rel.related_model is model:
            continue
        for child in getattr(obj, rel.get_accessor_name()).all():
            child.pk = None
            child._state.adding = True
            setattr(child, rel.field.name, copy)
            _make_unique(child, n)
            try:
                with transaction.atomic():
                    child.save()
            except IntegrityError:
                break  # a child row unique per parent and more (rare): copies get fewer
    return copy


def _add(model_path, n=6, *conditions, **filters):
    from django.apps import apps

    model = apps.get_model(model_path)
    original = model._default_manager.filter(*conditions, **filters).order_by("pk").first()
    assert original is not None, f"demo has no {model_path}"
    for i in range(n):
        clone(original, i)


def _add_news(n=6):
    from ratusz.pages.models import NewsPage

    news = NewsPage.objects.live().order_by("pk").first()
    for i in range(n):
        news.copy(update_attrs={"slug": f"{news.slug}-x{i}", "title": f"{news.title} {i}"})


def _add_articles(n=6):
    from ratusz.pages.models import ArticlePage

    article = ArticlePage.objects.live().get(url_path__endswith="/wspolpraca-z-innymi-miastami/")
    for i in range(n):
        article.copy(update_attrs={"slug": f"{article.slug}-x{i}", "title": f"{article.title} {i}"})


def _budget_projects(n=6):
    from ratusz.budget.models import Edition

    for edition in Edition.objects.all():  # each list shows one edition
        _add("budget.Project", n, ~Q(status="draft"), edition=edition)


# List pages and what to add so that each shows more rows.
GROWTH = {
    "news-index": _add_news,
    "news-atom": _add_news,
    "sitemap": _add_news,
    "section": _add_articles,
    "cooperation-index": lambda: (_add("cooperation.Partnership"), _add("cooperation.Membership")),
    "cooperation-geojson": lambda: _add("cooperation.Partnership"),
    "budget-catalogue": _budget_projects,
    "budget-edition": _budget_projects,
    "budget-api-projects": _budget_projects,
    "budget-csv": _budget_projects,
    "budget-lists": _budget_projects,
    "gis-layer-budget": _budget_projects,
    "ogc-items-budget": _budget_projects,
    "alerts-index": lambda: _add("alerts.Message"),
    "alerts-atom": lambda: _add("alerts.Message"),
    "eufunds-index": lambda: _add("eufunds.Project"),
    "eufunds-api": lambda: _add("eufunds.Project"),
    "eufunds-csv": lambda: _add("eufunds.Project"),
    "gis-layer-eufunds": lambda: _add("eufunds.Project"),
    "services-index": lambda: _add("services.ServiceCard"),
    "services-json": lambda: _add("services.ServiceCard"),
    "services-directory": lambda: _add("services.OfficeUnit"),
    "ngo-directory": lambda: _add("ngo.Organisation"),
    "gis-layer-ngo": lambda: _add("ngo.Organisation"),
    "ngo-api-organisations": lambda: _add("ngo.Organisation"),
    "ngo-competitions": lambda: _add("ngo.Competition"),
    "ngo-feed": lambda: _add("ngo.Competition"),
    "ngo-small-grants": lambda: _add("ngo.SmallGrant"),
}
URLS = {case[0]: case[1] for case in CASES}
# A known N+1 not fixed yet: case id -> reason. The xfail is strict, so a fix shows
# up as XPASS and the entry must go.
KNOWN = {}


def _growth_params():
    for case_id in sorted(GROWTH):
        marks = [pytest.mark.xfail(reason=KNOWN[case_id], strict=True)] if case_id in KNOWN else []
        yield pytest.param(case_id, marks=marks, id=case_id)


@pytest.mark.parametrize("case_id", list(_growth_params()))
def test_queries_do_not_grow_with_records(demo, client, case_id, django_assert_max_num_queries):
    path = _path(URLS[case_id])
    before, _ = _count(client, path, django_assert_max_num_queries)
    GROWTH[case_id]()
    after, captured = _count(client, path, django_assert_max_num_queries)
    sql = "\n".join(query["sql"][:200] for query in captured.captured_queries)
    assert after <= before, f"{path}: {before} queries before, {after} after adding rows\n{sql}"


def test_clone_makes_rows_that_the_list_shows(demo, client):
    """The growth test is only worth something if the copies are on the page."""
    from ratusz.eufunds.models import Project

    before = Project.objects.count()
    _add("eufunds.Project", 2)
    assert Project.objects.count() == before + 2
    copy = Project.objects.order_by("-pk").first()
    assert copy.title.encode() in client.get("/fundusze-europejskie/").content
