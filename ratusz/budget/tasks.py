"""Background work: telling the author about each decision."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_tasks import task

from ratusz.core import mailheaders
from ratusz.core.conf import site_url


@task()
def notify_author(change_id):
    from ratusz.budget.models import StatusChange

    change = (
        StatusChange.objects.select_related("project__edition", "project__pool")
        .filter(pk=change_id)
        .first()
    )
    if change is None or not change.project.author_email:
        return 0
    project = change.project
    context = {"change": change, "project": project, "site_url": site_url()}
    body = render_to_string("budget/email/decision.txt", context)
    subject = _("Budżet obywatelski: %(title)s — %(status)s") % {
        "title": project.title[:80],
        "status": change.to_label,
    }
    return send_mail(
        mailheaders.subject(subject), body, settings.DEFAULT_FROM_EMAIL, [project.author_email]
    )


def send_author_link(project, link):
    """The private link to a draft; sent directly, the author waits for it."""
    body = render_to_string("budget/email/draft_link.txt", {"project": project, "link": link})
    subject = _("Budżet obywatelski: link do Twojego projektu")
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [project.author_email])
