"""Many cities in one installation: whose a record is, and who may see it.

A city is a Wagtail Site (its host name; ``ratusz.core.city``). A record that
belongs to a city has a ``site`` field (``city_field()``), or reaches one
through its parent: a model says the path in ``CITY_PATH`` (a budget project:
``"edition__site"``). Then:

- public views show the request's city only: ``in_city(queryset, request)``;
- the admin shows a user their cities only: ``for_user(queryset, user)``;
  snippet viewsets get both the list and every per-record URL (edit, delete,
  history, usage, inspect, copy, revisions) guarded by ``CityScopedViewSet``,
  and forms offer only the user's cities (``CityFormMixin``);
- a save purges the page cache of the record's city only (``site_id_of_record``).

Who belongs where: a superuser (the provider's administrator) sees every
city; anyone else the cities given to them in *Ustawienia → Miasta
pracowników* (``core.CityStaff``), or, given none, the default site's — so a
one-city installation needs no assignments at all.

New records with no city named belong to the default site (``default_site_id``):
that keeps a one-city installation, its imports and its tasks working as before.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

SITE_FIELD = "site"


def default_site_id():
    """The default Wagtail Site's id (the first site's without a default), or None."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
    if site is None:
        site = Site.objects.order_by("pk").values_list("pk", flat=True).first()
    return site


def city_field(**kwargs: Any) -> models.ForeignKey:
    """The ``site`` field of a record that belongs to one city."""
    options: dict[str, Any] = {
        "on_delete": models.CASCADE,
        "related_name": "+",
        "default": default_site_id,
        "verbose_name": _("miasto"),
        "help_text": _("Serwis miasta, w którym rekord jest widoczny."),
    }
    options.update(kwargs)
    return models.ForeignKey("wagtailcore.Site", **options)


def city_path(model) -> str:
    """The lookup from a model to its city's Site ("site", "edition__site", …)."""
    return getattr(model, "CITY_PATH", SITE_FIELD)


def is_city_owned(model) -> bool:
    path = city_path(model)
    if hasattr(model, "CITY_PATH"):
        return True
    try:
        field = model._meta.get_field(path)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist, or not a model
        return False
    return getattr(field, "related_model", None) is not None and (
        field.related_model._meta.label == "wagtailcore.Site"
    )


def site_id_of_record(instance) -> int | None:
    """The Site id a record belongs to (following ``CITY_PATH``), or None."""
    model = type(instance)
    if not is_city_owned(model):
        return None
    obj: Any = instance
    parts = city_path(model).split("__")
    for part in parts[:-1]:
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return getattr(obj, f"{parts[-1]}_id", None)


def _site(request_or_site):
    # as ratusz.core.city.site_of, which this module (imported by the models) cannot import
    from wagtail.models import Site

    if isinstance(request_or_site, Site):
        return request_or_site
    if request_or_site is not None:
        return Site.find_for_request(request_or_site)
    return Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()


def in_city(queryset, request_or_site=None):
    """The records of one city: a request's (its host name), a Site, or with
    neither the default site's (a task, a command)."""
    site = _site(request_or_site)
    path = city_path(queryset.model)
    if site is None:
        return queryset.none()
    return queryset.filter(**{path: site.pk})


def user_site_ids(user) -> list[int] | None:
    """The Site ids a user works for; None for every city (a superuser)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    if user.is_superuser:
        return None
    cached = getattr(user, "_ratusz_site_ids", None)
    if cached is not None:
        return cached
    from django.apps import apps

    ids = list(
        apps.get_model("core", "CityStaff")
        .objects.filter(user=user)
        .values_list("site_id", flat=True)
    )
    if not ids:
        default = default_site_id()
        ids = [default] if default is not None else []
    user._ratusz_site_ids = ids
    return ids


def for_user(queryset, user):
    """The records of the cities a user works for (all for a superuser)."""
    ids = user_site_ids(user)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{city_path(queryset.model)}__in": ids})


def user_may_see(user, instance) -> bool:
    ids = user_site_ids(user)
    return ids is None or site_id_of_record(instance) in ids


class CityFormMixin:
    """For an admin model form with a ``site`` field: only the user's cities
    are offered; with one city the field shows it and cannot be changed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get(SITE_FIELD)  # type: ignore[attr-defined]
        user = getattr(self, "for_user", None)
        if field is None or user is None:
            return
        ids = user_site_ids(user)
        if ids is None:  # every city; one installation with one city asks nothing
            ids = list(field.queryset.values_list("pk", flat=True)[:2])
            if len(ids) > 1:
                field.initial = field.initial or default_site_id()
                return
        field.queryset = field.queryset.filter(pk__in=ids)
        if len(ids) == 1:
            field.initial = ids[0]
            field.disabled = True


class CityScopedViewSet:
    """Mix into a SnippetViewSet (before it) of a city-owned model: the list
    shows the user's cities, and every URL with another city's record id
    answers 404, whatever view it is (edit, delete, history, usage, …)."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)  # type: ignore[misc]
        if queryset is None:
            queryset = self.model._default_manager.all()  # type: ignore[attr-defined]
        return for_user(queryset, request.user)

    def get_urlpatterns(self):
        return [_guarded(pattern, self.model) for pattern in super().get_urlpatterns()]  # type: ignore[misc,attr-defined]

    @property
    def chooser_viewset_class(self):
        # the chooser (a snippet picked in another form or a page block) offers the
        # user's cities' records only, and answers 404 for another city's id
        return _city_chooser(super().chooser_viewset_class)  # type: ignore[misc]


def _city_chooser(base):
    return _CITY_CHOOSERS.get(base) or _CITY_CHOOSERS.setdefault(base, _make_city_chooser(base))


_CITY_CHOOSERS: dict = {}


def _make_city_chooser(base):
    class Listing:
        def get_object_list(self):
            return for_user(super().get_object_list(), self.request.user)  # type: ignore[misc,attr-defined]

    class Chosen:
        def get_object(self, pk):
            return for_user(self.model_class.objects.all(), self.request.user).get(pk=pk)  # type: ignore[attr-defined]

    class ChosenMultiple:
        def get_objects(self, pks):
            return for_user(super().get_objects(pks), self.request.user)  # type: ignore[misc,attr-defined]

    return type(
        f"City{base.__name__}",
        (base,),
        {
            "choose_view_class": type("CityChooseView", (Listing, base.choose_view_class), {}),
            "choose_results_view_class": type(
                "CityChooseResultsView", (Listing, base.choose_results_view_class), {}
            ),
            "chosen_view_class": type("CityChosenView", (Chosen, base.chosen_view_class), {}),
            "chosen_multiple_view_class": type(
                "CityChosenMultipleView", (ChosenMultiple, base.chosen_multiple_view_class), {}
            ),
        },
    )


def _guarded(pattern, model):
    from django.http import Http404
    from django.urls import URLPattern

    if not isinstance(pattern, URLPattern) or "pk" not in pattern.pattern.regex.groupindex:
        return pattern
    view = pattern.callback

    def guarded_view(request, *args, **kwargs):
        from django.contrib.admin.utils import unquote

        pk = kwargs.get("pk")
        if pk is not None:
            try:
                visible = for_user(model._default_manager.filter(pk=unquote(str(pk))), request.user)
                allowed = visible.exists()
            except (ValueError, TypeError):
                allowed = True  # not a key at all: the view answers as it would
            else:
                if not allowed:
                    raise Http404
        return view(request, *args, **kwargs)

    for name in ("csrf_exempt", "view_class", "view_initkwargs", "__name__", "__doc__"):
        if hasattr(view, name):
            setattr(guarded_view, name, getattr(view, name))
    return URLPattern(pattern.pattern, guarded_view, pattern.default_args, pattern.name)
