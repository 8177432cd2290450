"""Indexing follows publishing; the full-text table follows the rows."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ratusz.search import engine, index
from ratusz.search.models import Document, Lemma, SynonymRule
from ratusz.search.sources import Entry, Source, all_sources, available


def titles(text, **kw):
    return [h.document.title for h in engine.search(text, **kw).hits]


def test_full_text_follows_insert_update_delete(db):
    index.store("page", "x1", Entry("Kąpielisko miejskie", "Otwarte w lipcu.", "/k/"))
    assert titles("kapieliska") == ["Kąpielisko miejskie"]
    index.store("page", "x1", Entry("Lodowisko miejskie", "Otwarte w grudniu.", "/k/"))
    assert titles("kapielisko") == [] and titles("lodowisku") == ["Lodowisko miejskie"]
    Document.objects.filter(key="x1").delete()
    assert titles("lodowisko") == []


def test_lemmas_are_kept_for_the_vocabulary(db):
    index.store("page", "x2", Entry("Źródło", "Ujęcie wody.", "/z/"))
    assert Lemma.objects.filter(text="źródło").exists()
    assert titles("zrodla") == ["Źródło"]  # folded, inflected: reached through the vocabulary


def test_synonyms_edited_in_the_admin_apply_at_once(db):
    index.store("page", "x3", Entry("Kąpielisko", "Basen odkryty.", "/b/"))
    assert titles("pływalnia") == []
    SynonymRule.objects.create(terms="pływalnia, basen")
    assert titles("pływalnia") == ["Kąpielisko"]
    SynonymRule.objects.filter(terms="pływalnia, basen").update(active=False)
    assert titles("pływalnia") == []


def test_default_synonyms_come_with_the_migration(db):
    assert SynonymRule.objects.filter(terms="BO", expands_to="budżet obywatelski").exists()


def test_saving_a_record_indexes_it_after_commit(db, django_capture_on_commit_callbacks):
    from ratusz.cooperation.models import Organisation

    with django_capture_on_commit_callbacks(execute=True):
        org = Organisation.objects.create(
            name="Miasto Testowe Kłodzko", slug="klodzko-test", kind="partner_city", country="PL"
        )
    assert titles("klodzko") == ["Miasto Testowe Kłodzko"]
    with django_capture_on_commit_callbacks(execute=True):
        org.delete()
    assert titles("klodzko") == []


def test_publishing_and_unpublishing_a_page(demo, django_capture_on_commit_callbacks):
    from wagtail.models import Page

    from ratusz.pages.models import ArticlePage

    parent = Page.objects.get(url_path__endswith="/dla-mieszkanca/")
    page = ArticlePage(
        title="Psie parki w Mysłowicach", slug="psie-parki", intro="Wybiegi dla czworonogów."
    )
    parent.add_child(instance=page)
    assert titles("czworonogi") == []  # a draft is not searchable
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert titles("czworonogi") == ["Psie parki w Mysłowicach"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert titles("czworonogi") == []


def test_reindex_twice_changes_nothing(demo):
    call_command("search_reindex", stdout=open("/dev/null", "w"))
    before = list(Document.objects.order_by("pk").values_list("pk", "indexed_at"))
    call_command("search_reindex", stdout=open("/dev/null", "w"))
    assert list(Document.objects.order_by("pk").values_list("pk", "indexed_at")) == before
    assert len(before) > 20


def test_reindex_one_kind_and_unknown_kind(demo):
    Document.objects.filter(kind="news").delete()
    call_command("search_reindex", "news", stdout=open("/dev/null", "w"))
    assert Document.objects.filter(kind="news").count() >= 5
    with pytest.raises(CommandError, match="Nieznany rodzaj"):
        call_command("search_reindex", "nie-ma-takiego")


def test_a_missing_app_drops_out_instead_of_breaking(db, monkeypatch):
    from ratusz.cooperation.models import Organisation

    Organisation.objects.create(
        name="Miasto Duchów", slug="miasto-duchow", kind="other", country="PL"
    )
    without_ghost = index.reindex()
    ghost = Source("ghost", "Duchy", "nieistniejaca.Aplikacja", lambda o: None)
    sources = (*all_sources(), ghost)
    monkeypatch.setattr("ratusz.search.sources.all_sources", lambda: sources)
    assert ghost not in available()
    # The other sources are indexed as if the ghost were not there.
    assert index.reindex() == without_ghost == Document.objects.count()
    assert Document.objects.filter(title__contains="Miasto Duchów").exists()
    assert not Document.objects.filter(kind="ghost").exists()


def test_a_broken_record_is_skipped(db, monkeypatch):
    from ratusz.cooperation.models import Organisation

    Organisation.objects.create(name="Zepsuta", slug="zepsuta", kind="other", country="PL")

    def boom(obj):
        raise RuntimeError("zepsuty adapter")

    broken = Source("cooperation", "x", "cooperation.Organisation", boom)
    monkeypatch.setattr("ratusz.search.sources.all_sources", lambda: (broken,))
    assert index.reindex() == 0


def test_personal_data_never_reaches_the_index(demo):
    from ratusz.budget.models import Project
    from ratusz.ngo.models import Organisation as Ngo

    private = {p.author_name for p in Project.objects.all() if p.author_name}
    private |= {p.author_email for p in Project.objects.all() if p.author_email}
    private |= {o.representative_name for o in Ngo.objects.all() if o.representative_name}
    private |= {o.representative_email for o in Ngo.objects.all() if o.representative_email}
    assert private  # the demo has some, so the check below means something
    text = "\n".join(Document.objects.values_list("body", flat=True))
    text += "\n".join(Document.objects.values_list("title", flat=True))
    assert not [value for value in private if value in text]


def test_drafts_and_unapproved_records_are_not_indexed(demo, django_capture_on_commit_callbacks):
    from ratusz.budget.models import Project
    from ratusz.core.tenancy import in_city
    from ratusz.ngo.models import Organisation as Ngo

    # records of the default city, which engine.search searches when given no city
    draft = in_city(Project.objects.exclude(status="draft")).first()
    ngo = in_city(Ngo.objects.filter(status="approved")).first()
    with django_capture_on_commit_callbacks(execute=True):
        draft.pk, draft.number, draft.status = None, "", "draft"
        draft.title = "Tajny szkic fontanny"
        draft.save()
        ngo.pk, ngo.slug, ngo.nip, ngo.krs = None, "oczekujaca", "5260250274", ""
        ngo.status = "pending"
        ngo.name = "Stowarzyszenie Oczekujące"
        ngo.save()
    assert not engine.search("fontanna").hits
    assert not engine.search("oczekujące").hits
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = "submitted"
        draft.save()
    assert [h.document.key for h in engine.search("fontanna").hits] == [str(draft.pk)]


def test_stored_bodies_gain_block_boundaries_on_migration(db):
    """Migration 0008 rewrites existing rows, keeping the keywords after the body."""
    import importlib

    from django.apps import apps

    from ratusz.search.models import Document
    from ratusz.search.polish import normalise

    migration = importlib.import_module("ratusz.search.migrations.0008_block_boundaries")
    body = "Wymagane dokumenty (składane w urzędzie)\ndowód opłaty skarbowej"
    flat = normalise(body).replace(" | ", " ")
    doc = Document.objects.create(kind="page", key="m1", title="Ślub", body=body, url="/s/")
    Document.objects.filter(pk=doc.pk).update(body_norm=flat + " karta usluga")
    migration.add_boundaries(apps, None)
    doc.refresh_from_db()
    assert doc.body_norm == normalise(body) + " karta usluga"
    assert " | " in doc.body_norm
    migration.remove_boundaries(apps, None)
    doc.refresh_from_db()
    assert doc.body_norm == flat + " karta usluga"
