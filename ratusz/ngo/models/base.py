"""Helpers shared by the NGO models."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext

from .. import rules


def as_validation_error(errors: list[rules.RuleError]) -> ValidationError:
    """RuleErrors → one ValidationError keyed by field, messages translated."""
    by_field: dict[str, list[ValidationError]] = {}
    for err in errors:
        by_field.setdefault(err.field or "__all__", []).append(
            ValidationError(gettext(err.message), code=err.code, params=err.params or None)
        )
    return ValidationError(by_field)


def unique_slug(model, text: str, instance_pk=None, site_id=None) -> str:
    """A free slug among the records of one city (slugs are unique per city)."""
    base = slugify(text.replace("ł", "l").replace("Ł", "L"))[:80] or "wpis"
    slug, n = base, 2
    taken = model.objects.filter(site_id=site_id) if site_id is not None else model.objects.all()
    while taken.filter(slug=slug).exclude(pk=instance_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
