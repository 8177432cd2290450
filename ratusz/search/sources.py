"""What the portal publishes, as search entries: one adapter per kind of record.

Each adapter turns a public object into an ``Entry`` (or ``None`` when the
object must not be found, e.g. a draft). Models are looked up lazily and every
adapter reads attributes defensively, so an app that is missing or changes
shape drops out of search instead of breaking it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)

MAX_BODY_CHARS = 50_000


@dataclass(frozen=True, slots=True)
class Entry:
    title: str
    body: str
    url: str
    date: date | None = None
    is_current: bool = True


@dataclass(frozen=True)
class Source:
    kind: str
    label: Any  # lazy Polish label, plural, shown as a filter
    model: str  # "app_label.ModelName"
    build: Callable[[Any], Entry | None]
    queryset: Callable[[Any], Iterable] = field(default=lambda m: m._default_manager.all())
    key: Callable[[Any], str] = field(default=lambda obj: str(obj.pk))

    def get_model(self):
        try:
            return apps.get_model(self.model)
        except (LookupError, ValueError):
            return None

    def objects(self) -> Iterable:
        model = self.get_model()
        return self.queryset(model) if model is not None else ()

    def accepts(self, obj) -> bool:
        model = self.get_model()
        return model is not None and isinstance(obj, model)


# --- helpers ------------------------------------------------------------------


def attr(obj, *names, default=""):
    """First non-empty attribute among ``names`` (callables are called)."""
    for name in names:
        value = getattr(obj, name, None)
        if callable(value):
            try:
                value = value()
            except Exception:  # noqa: BLE001 - a broken helper must not stop indexing
                value = None
        if value not in (None, "", [], ()):
            return value
    return default


def display(obj, name: str) -> str:
    getter = getattr(obj, f"get_{name}_display", None)
    return str(getter()) if callable(getter) else str(getattr(obj, name, "") or "")


def text(*parts) -> str:
    return "\n".join(str(p) for p in parts if p not in (None, ""))[:MAX_BODY_CHARS]


def url_of(obj) -> str:
    try:
        return obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return ""


def as_date(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, date) else None


def ended(valid_until, today=None) -> bool:
    return valid_until is not None and valid_until < (today or timezone.localdate())


def entry(obj, title, body, when=None, current=True) -> Entry | None:
    url = url_of(obj)
    if not title or not url:
        return None
    return Entry(str(title)[:500], body, url, as_date(when), current)


# --- Wagtail pages --------------------------------------------------------------


def _page_text(page) -> str:
    from wagtail.search import index

    parts = [getattr(page, "search_description", "")]
    for search_field in page.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        value = getattr(page, search_field.field_name, None)
        try:
            model_field = page._meta.get_field(search_field.field_name)
        except Exception:  # noqa: BLE001 - a property, not a field
            model_field = None
        if value is None:
            continue
        if model_field is not None and hasattr(model_field, "get_searchable_content"):
            parts.extend(model_field.get_searchable_content(value))
        else:
            parts.append(strip_tags(str(value)))
    return text(*parts)


def _live_pages(model):
    return model.objects.live().public().filter(depth__gt=1).specific()


def _is_news(page) -> bool:
    return type(page).__name__ == "NewsPage"


def build_page(page) -> Entry | None:
    if _is_news(page) or not page.live or page.depth <= 1:
        return None
    when = page.last_published_at or page.first_published_at
    if not page.url:  # outside any site: nowhere to link to
        return None
    return Entry(page.title, _page_text(page), page.url, as_date(when))


def build_news(page) -> Entry | None:
    if not page.live or not page.url:
        return None
    return Entry(page.title, _page_text(page), page.url, as_date(getattr(page, "date", None)))


# --- records of the portal's apps -------------------------------------------------


def build_organisation(org) -> Entry | None:
    body = text(
        attr(org, "short_name"),
        display(org, "kind"),
        attr(org, "seat"),
        attr(org, "country_name"),
        attr(org, "name_en"),
        attr(org, "name_de"),
        attr(org, "name_cs"),
        attr(org, "description"),
    )
    return entry(org, attr(org, "name"), body)


def build_partnership(p) -> Entry | None:
    org = getattr(p, "organisation", None)
    title = _("Partnerstwo: %(name)s") % {"name": attr(org, "name")} if org else ""
    areas = attr(p, "area_labels", default=[])
    body = text(
        _("partnerstwo"),
        display(org, "kind") if org else "",
        display(p, "status"),
        attr(org, "seat"),
        attr(org, "country_name"),
        ", ".join(str(a) for a in areas),
        attr(p, "description"),
        attr(p, "status_reason"),
    )
    current = getattr(p, "status", "") in ("active", "letter_of_intent") and not ended(
        getattr(p, "valid_until", None)
    )
    return entry(p, title, body, getattr(p, "valid_from", None), current)


BUDGET_CLOSED = {"formal_rejected", "not_feasible", "merged", "appeal_dismissed", "withdrawn"}


def build_budget_edition(e) -> Entry | None:
    return entry(
        e,
        attr(e, "name"),
        text(_("budżet obywatelski"), attr(e, "year"), attr(e, "description")),
        getattr(e, "submissions_start", None),
        current=not ended(getattr(e, "implementation_end", None)),
    )


def build_budget_project(p) -> Entry | None:
    if getattr(p, "status", "draft") == "draft":
        return None
    pool = getattr(p, "pool", None)
    edition = getattr(p, "edition", None)
    body = text(
        _("budżet obywatelski"),
        attr(edition, "name"),
        attr(pool, "name"),
        attr(getattr(pool, "district", None), "name"),
        attr(p, "location_text"),
        display(p, "status"),
        attr(p, "description"),
        attr(p, "justification"),
    )
    title = " ".join(str(x) for x in (attr(p, "number"), attr(p, "title")) if x)
    # Rejected, merged or withdrawn proposals stay findable but rank as archive.
    current = getattr(p, "status", "") not in BUDGET_CLOSED and not ended(
        getattr(edition, "implementation_end", None)
    )
    return entry(p, title, body, attr(p, "submitted_at", "created_at", default=None), current)


def build_alert(message) -> Entry | None:
    """One entry per announcement, from its latest published CAP message."""
    announcement = getattr(message, "announcement", None)
    latest = announcement.messages.order_by("-version").first() if announcement else message
    if latest is None or getattr(latest, "status", "Actual") != "Actual":
        return None
    now = timezone.now()
    expires = getattr(latest, "expires", None)
    current = getattr(latest, "msg_type", "") != "Cancel" and (expires is None or expires > now)
    body = text(
        display(latest, "kind"),
        display(latest, "level"),
        attr(latest, "area_description"),
        attr(latest, "description"),
        attr(latest, "instruction"),
        attr(latest, "note"),
    )
    return entry(latest, attr(latest, "headline"), body, attr(latest, "effective", "sent"), current)


def build_eu_project(p) -> Entry | None:
    if not getattr(p, "live", True):
        return None
    body = text(
        _("fundusze europejskie, projekt unijny"),
        display(p, "fund") or attr(p, "fund_text"),
        attr(p, "programme"),
        display(p, "status"),
        attr(p, "beneficiary"),
        attr(p, "place_text"),
        attr(getattr(p, "district", None), "name"),
        attr(p, "description"),
        attr(p, "goal"),
        attr(p, "results"),
    )
    current = getattr(p, "status", "") in ("planned", "in_progress")
    return entry(p, attr(p, "title"), body, attr(p, "start_date", default=None), current)


def build_ngo(org) -> Entry | None:
    if getattr(org, "status", "approved") != "approved":
        return None
    areas = org.areas.all() if hasattr(org, "areas") else []
    body = text(
        _("organizacja pozarządowa"),
        display(org, "legal_form"),
        _("organizacja pożytku publicznego (OPP)") if getattr(org, "opp", False) else "",
        ", ".join(str(a) for a in areas),
        attr(org, "street"),
        attr(org, "city"),
        attr(getattr(org, "district", None), "name"),
        attr(org, "description"),
    )
    return entry(org, attr(org, "name"), body)


def build_competition(c) -> Entry | None:
    announced = getattr(c, "announced_on", None)
    if announced and announced > timezone.localdate():
        return None  # dated in the future: a draft nobody may see yet
    body = text(
        _("otwarty konkurs ofert, dotacja dla organizacji pozarządowych"),
        display(c, "state"),
        attr(getattr(c, "area", None), "label"),
        display(c, "mode"),
        attr(c, "public_task"),
        attr(c, "grant_rules"),
        attr(c, "task_terms"),
        attr(c, "criteria"),
    )
    current = getattr(c, "state", "") == "announced"
    return entry(c, attr(c, "title"), body, attr(c, "announced_on", default=None), current)


def build_small_grant(g) -> Entry | None:
    if getattr(g, "published_on", None) is None:
        return None
    body = text(
        _("mały grant, oferta w trybie pozakonkursowym"),
        attr(getattr(g, "organisation", None), "name"),
        attr(getattr(g, "area", None), "label"),
        display(g, "decision"),
        attr(g, "comments_summary"),
    )
    current = not ended(getattr(g, "task_end", None))
    return entry(g, attr(g, "title"), body, g.published_on, current)


def build_service_card(card) -> Entry | None:
    if not getattr(card, "is_published", True):
        return None
    unit = getattr(card, "responsible_unit", None)
    body = text(
        _("załatw sprawę, karta usługi"),
        attr(card, "code"),
        attr(getattr(card, "category", None), "name"),
        attr(card, "summary"),
        strip_tags(attr(card, "who_may_apply")),
        strip_tags(attr(card, "required_documents")),
        attr(card, "epuap_form_name"),
        attr(card, "processing_time"),
        attr(card, "outcome"),
        strip_tags(attr(card, "notes")),
        attr(unit, "name"),
    )
    return entry(card, attr(card, "title"), body, attr(card, "last_reviewed", default=None))


def build_office_unit(unit) -> Entry | None:
    # Names of staff are left out on purpose: the index is for matters, not people.
    body = text(
        _("komórka urzędu"),
        attr(unit, "short_name"),
        attr(unit, "head_function"),
        attr(unit, "address"),
        attr(unit, "rooms"),
        attr(unit, "matters"),
    )
    return entry(unit, attr(unit, "name"), body)


def _public(qs_method: str):
    """Queryset through the model's own ``public()``/``published()`` if it has one."""

    def get(model):
        qs = model._default_manager.all()
        method = getattr(qs, qs_method, None)
        return method() if callable(method) else qs

    return get


SOURCES: list[Source] = [
    Source("page", _("Strony"), "wagtailcore.Page", build_page, _live_pages),
    Source("news", _("Aktualności"), "pages.NewsPage", build_news, _live_pages),
    Source("cooperation", _("Współpraca"), "cooperation.Organisation", build_organisation),
    Source("partnership", _("Partnerstwa"), "cooperation.Partnership", build_partnership),
    Source("budget", _("Budżet obywatelski"), "budget.Edition", build_budget_edition),
    Source(
        "budget-project",
        _("Projekty budżetu obywatelskiego"),
        "budget.Project",
        build_budget_project,
        _public("public"),
    ),
    Source(
        "alert",
        _("Komunikaty"),
        "alerts.Message",
        build_alert,
        lambda m: m._default_manager.filter(is_latest=True),
        key=lambda msg: str(msg.announcement_id),
    ),
    Source(
        "eufunds", _("Projekty unijne"), "eufunds.Project", build_eu_project, _public("published")
    ),
    Source("ngo", _("Organizacje pozarządowe"), "ngo.Organisation", build_ngo, _public("approved")),
    Source(
        "competition",
        _("Konkursy ofert"),
        "ngo.Competition",
        build_competition,
        queryset=lambda m: m.objects.public(),
    ),
    Source("small-grant", _("Małe granty"), "ngo.SmallGrant", build_small_grant),
    Source(
        "service",
        _("Sprawy urzędowe"),
        "services.ServiceCard",
        build_service_card,
        _public("published"),
    ),
    Source("office-unit", _("Komórki urzędu"), "services.OfficeUnit", build_office_unit),
]


def source_for_kind(kind: str) -> Source | None:
    return next((s for s in SOURCES if s.kind == kind), None)


def sources_for(obj) -> list[Source]:
    return [s for s in SOURCES if s.accepts(obj)]


def available() -> list[Source]:
    return [s for s in SOURCES if s.get_model() is not None]
