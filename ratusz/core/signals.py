"""Purge the page cache when anything shown to the public changes."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from .pagecache import purge_all

# Apps whose records appear on public pages, and models of theirs that do
# not (personal data, votes, logs): a vote must not flush the cache during
# the last day of a budget vote.
CONTENT_APPS = {
    "core",
    "pages",
    "cooperation",
    "budget",
    "alerts",
    "gis",
    "eufunds",
    "ngo",
    "services",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailsearchpromotions",
}
NEUTRAL_WORDS = (
    "ballot",
    "vote",
    "support",
    "subscription",
    "subscriber",
    "token",
    "log",
    "revision",
    "draft",
    "state",
    "receipt",
    "attempt",
    "delivery",
    "outbox",
    "submission",
    "signature",
    "lock",
    "task",
)
IGNORED_MODELS = {"wagtailcore.revision", "wagtailcore.referenceindex", "wagtailcore.uploadedfile"}


def is_public_content(model):
    meta = model._meta
    if meta.app_label not in CONTENT_APPS or meta.label_lower in IGNORED_MODELS:
        return False
    name = meta.model_name
    if meta.label_lower.startswith("wagtailcore.") and name != "page":
        return name in {"site", "locale"}
    return not any(word in name for word in NEUTRAL_WORDS)


def _purge_now_and_on_commit():
    # Now, so the change shows at once; again on commit, so that nothing
    # rendered inside the still-open transaction outlives it in the cache.
    purge_all()
    transaction.on_commit(purge_all)


def _changed(sender, **kwargs):
    if is_public_content(sender):
        _purge_now_and_on_commit()


def _page_changed(sender, **kwargs):
    _purge_now_and_on_commit()


def connect():
    post_save.connect(_changed, dispatch_uid="ratusz-pagecache-save")
    post_delete.connect(_changed, dispatch_uid="ratusz-pagecache-delete")
    m2m_changed.connect(_changed, dispatch_uid="ratusz-pagecache-m2m")
    page_published.connect(_page_changed, dispatch_uid="ratusz-pagecache-publish")
    page_unpublished.connect(_page_changed, dispatch_uid="ratusz-pagecache-unpublish")
