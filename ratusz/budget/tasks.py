"""Background work: telling the author about each decision."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_tasks import task

from ratusz.core import mailheaders
from ratusz.core.conf import site_url


def city_url(edition):
    """The address of the edition's city: the portal's own for the default site,
    another city's host name for its editions (the links in an author's e-mail)."""
    site = edition.site
    if site.is_default_site:
        return site_url()
    return site.root_url.rstrip("/")


@task()
def notify_author(change_id):
    from ratusz.budget.models import StatusChange

    change = (
        StatusChange.objects.select_related("project__edition__site", "project__pool")
        .filter(pk=change_id)
        .first()
    )
    if change is None or not change.project.author_email:
        return 0
    project = change.project
    context = {"change": change, "project": project, "site_url": city_url(project.edition)}
    body = render_to_string("budget/email/decision.txt", context)
    subject = _("Budżet obywatelski: %(title)s — %(status)s") % {
        "title": project.title[:80],
        "status": change.to_label,
    }
    return send_mail(
        mailheaders.subject(subject), body, settings.DEFAULT_FROM_EMAIL, [project.author_email]
    )


@task()
def notify_merit_unit(project_id):
    """The department named on a project learns it has one more merit check to do:
    to the unit's own address and to each of its reviewers."""
    from ratusz.budget.models import Project

    project = (
        Project.objects.select_related("edition", "pool", "merit_unit")
        .filter(pk=project_id, merit_unit__isnull=False)
        .first()
    )
    if project is None:
        return 0
    unit = project.merit_unit
    emails = {unit.email} if unit.email else set()
    emails |= {r.user.email for r in unit.budget_reviewers.select_related("user") if r.user.email}
    if not emails:
        return 0
    from django.urls import reverse

    context = {
        "project": project,
        "unit": unit,
        "site_url": site_url(),
        "decision_path": reverse("budget_decision", args=[project.pk]),
        "queue_path": reverse("budget_merit_queue"),
    }
    body = render_to_string("budget/email/merit_unit.txt", context)
    subject = _("Budżet obywatelski: ocena merytoryczna — %(title)s") % {
        "title": project.title[:80]
    }
    return send_mail(
        mailheaders.subject(subject), body, settings.DEFAULT_FROM_EMAIL, sorted(emails)
    )


def send_author_link(project, link):
    """The private link to a draft; sent directly, the author waits for it."""
    body = render_to_string("budget/email/draft_link.txt", {"project": project, "link": link})
    subject = _("Budżet obywatelski: link do Twojego projektu")
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [project.author_email])
