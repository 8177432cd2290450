"""Counting what waits in Wagtail's moderation for one reviewer (pages, snippets)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import TaskState


def awaiting_review(user, model) -> int:
    """Task states this user may approve, for objects of ``model`` (or its subclasses)."""
    content_type = ContentType.objects.get_for_model(model)  # cached by Django
    return (
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__base_content_type=content_type)
        .count()
    )
