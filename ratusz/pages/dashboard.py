"""The pages' queues on the admin's dashboard (ratusz/core/dashboard.py)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.models import Page

from ratusz.core.dashboard import Waiting
from ratusz.core.moderation import awaiting_review

RECENT = timedelta(days=7)


def pages_to_review(user):
    count = awaiting_review(user, Page)
    if not count:  # not a reviewer, or nothing to review: the stock panel says the rest
        return None
    return Waiting(
        _("Strony czekające na moderację"), count, reverse("wagtailadmin_reports:workflow_tasks")
    )


def form_submissions(user):
    forms = get_forms_for_user(user)
    count = FormSubmission.objects.filter(
        page__in=forms, submit_time__gte=timezone.now() - RECENT
    ).count()
    if not count:
        return None
    return Waiting(
        _("Wiadomości z formularzy kontaktowych (ostatnie 7 dni)"),
        count,
        reverse("wagtailforms:index"),
    )


WAITING = [pages_to_review, form_submissions]
