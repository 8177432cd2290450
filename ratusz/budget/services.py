"""Saving submissions and decisions: one transaction each, every step logged."""

import secrets
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext

from ratusz.budget import workflow
from ratusz.budget.models import (
    PESEL_HASH_PURPOSE,
    Attachment,
    CostItem,
    Edition,
    MeritReviewer,
    Project,
    StatusChange,
    Support,
)
from ratusz.budget.workflow import Action, Status, Step, TransitionError
from ratusz.core.privacy import keyed_hash

DRAFT_TOKEN_PURPOSE = "budget-draft"
AUTHOR_PESEL_PURPOSE = "budget-author"


class DecisionError(Exception):
    """A refused step, with a translated Polish message."""


class UnknownCity(LookupError):
    """No city's site has the host name a command was given."""


def city_site(host=None):
    """The Site of the city on ``host`` (a command's ``--miasto``); none: the default one."""
    from wagtail.models import Site

    if not host:
        return Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    site = Site.objects.filter(hostname=host).first()
    if site is None:
        raise UnknownCity(host)
    return site


def city_edition(slug, host=None):
    """The edition ``slug`` of the city on ``host`` (slugs repeat between cities)."""
    from ratusz.core.tenancy import in_city

    return in_city(Edition.objects.all(), city_site(host)).filter(slug=slug).first()


def token_hash(token):
    return keyed_hash(token, DRAFT_TOKEN_PURPOSE)


def find_by_token(token):
    return (
        Project.objects.select_related("edition", "pool")
        .filter(draft_token_hash=token_hash(token))
        .first()
    )


@transaction.atomic
def save_from_form(form, *, submit, user=None):
    """Create or update the project of a valid ``ProjectForm``.

    Returns ``(project, token)``; ``token`` is new only for a new project (the
    author's private link), otherwise None.
    """
    data = form.cleaned_data
    project = form.project or Project(edition=form.edition)
    token = None
    if not project.pk:
        token = secrets.token_urlsafe(24)
        project.draft_token_hash = token_hash(token)
    project.pool = data["pool"]
    for name in ("title", "description", "justification", "location_text"):
        setattr(project, name, data.get(name) or "")
    project.location_lat = data.get("location_lat")
    project.location_lon = data.get("location_lon")
    project.author_name = data["author_name"]
    project.author_email = data["author_email"]
    project.author_phone = data.get("author_phone") or ""
    project.author_name_public = bool(data.get("author_name_public"))
    project.author_guardian_consent = bool(data.get("guardian_consent"))
    pesel = getattr(form, "author_pesel", None)
    if pesel is not None:
        project.author_pesel_hash = keyed_hash(pesel.number, AUTHOR_PESEL_PURPOSE)
    project.author_age_confirmed = bool(pesel or data.get("author_birth_date"))
    project.support_scan_count = data.get("support_scan_count") or 0
    project.cost = sum((item.amount for item in form.cost_item_list), Decimal("0"))
    if user is not None and user.is_authenticated:
        project.author_user = user
    project.save()
    project.cost_items.all().delete()
    CostItem.objects.bulk_create(
        CostItem(project=project, position=i, name=item.name, amount=item.amount)
        for i, item in enumerate(form.cost_item_list, start=1)
    )
    # New files replace the earlier ones of the same field: saving a draft
    # again must not pile files up (12 attachments after 4 saves).
    uploads = getattr(form, "attachment_types", [])
    if uploads:
        _drop_files(project, [Attachment.Kind.DOCUMENT, Attachment.Kind.IMAGE])
    for upload, mime in uploads:
        kind = Attachment.Kind.DOCUMENT if mime == "application/pdf" else Attachment.Kind.IMAGE
        _attach(project, upload, mime, kind)
    if data.get("support_scan"):
        _drop_files(project, [Attachment.Kind.SUPPORT_LIST])
        _attach(project, data["support_scan"], form.support_scan_type, Attachment.Kind.SUPPORT_LIST)
    if data.get("consent_scan"):
        _drop_files(project, [Attachment.Kind.CONSENT])
        _attach(project, data["consent_scan"], form.consent_scan_type, Attachment.Kind.CONSENT)
    if submit:
        _submit(project, form.today, user)
    return project, token


def _drop_files(project, kinds):
    old = list(project.attachments.filter(kind__in=kinds))
    files = [a.file for a in old]
    Attachment.objects.filter(pk__in=[a.pk for a in old]).delete()
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])


def purge_abandoned_drafts(older_than):
    """Delete drafts untouched since ``older_than`` with their files; the count."""
    drafts = list(Project.objects.filter(status=Status.DRAFT, updated_at__lt=older_than))
    files = [a.file for a in Attachment.objects.filter(project__in=drafts)]
    Project.objects.filter(pk__in=[p.pk for p in drafts]).delete()
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])
    return len(drafts)


def _attach(project, upload, mime, kind):
    Attachment.objects.create(
        project=project,
        kind=kind,
        file=upload,
        original_name=upload.name[:200],
        content_type=mime,
        size=upload.size,
    )


def _submit(project, today, user, by_author=True):
    step = Step(Action.SUBMIT, today=today, correction_deadline=project.correction_deadline)
    outcome = _apply(project, step)
    if not project.number:
        project.number = next_number(project.edition, project.pool)
    project.cost_submitted = project.cost
    project.submitted_at = timezone.now()
    project.correction_deadline = None
    _record(project, outcome, step, user=user, by_author=by_author)


def next_number(edition, pool):
    """<prefix>/<year>/<pool code or id>/<nnn> (the edition's prefix: "BO", or the
    city's own abbreviation): one more than the highest so far in the pool.

    The pool row is locked first, so two submissions at once cannot take the same number.
    """
    from ratusz.budget.models import Pool

    Pool.objects.select_for_update().filter(pk=pool.pk).first()
    prefix = f"{edition.number_prefix or 'BO'}/{edition.year}/{pool.code or pool.pk}/"
    taken = Project.objects.filter(edition=edition, number__startswith=prefix)
    suffixes = [n[len(prefix) :] for n in taken.values_list("number", flat=True)]
    highest = max((int(x) for x in suffixes if x.isdigit()), default=0)
    return f"{prefix}{highest + 1:03d}"


def _apply(project, step):
    try:
        return workflow.apply(project.status, step, project.edition.calendar)
    except TransitionError as error:
        raise DecisionError(_translate(error)) from None


def _translate(error):
    params = {k: gettext(v) if isinstance(v, str) else v for k, v in error.params.items()}
    text = gettext(error.message)
    return text % params if params else text


def _record(project, outcome, step, *, user=None, by_author=False):
    project.status = outcome.target
    if step.reason:
        project.status_reason = step.reason
    project.save()
    details = {}
    if step.correction_deadline and outcome.action is Action.RETURN_FOR_CORRECTION:
        details["correction_deadline"] = step.correction_deadline.isoformat()
    if step.new_cost is not None:
        details["new_cost"] = str(step.new_cost)
    if step.merged_into is not None:
        details["merged_into"] = step.merged_into
    change = StatusChange.objects.create(
        project=project,
        action=outcome.action,
        from_status=outcome.source,
        to_status=outcome.target,
        reason=step.reason,
        details=details,
        user=user if (user is not None and user.is_authenticated) else None,
        by_author=by_author,
    )
    _audit(project, change, user)
    from ratusz.budget.tasks import notify_author, notify_merit_unit

    transaction.on_commit(lambda: notify_author.enqueue(change.pk))
    if outcome.target == Status.MERIT_CHECK and project.merit_unit_id:
        transaction.on_commit(lambda: notify_merit_unit.enqueue(project.pk))
    return change


def _audit(project, change, user):
    from wagtail.log_actions import log

    log(
        instance=project,
        action="budget.status_change",
        user=user if (user is not None and user.is_authenticated) else None,
        data={"from": change.from_status, "to": change.to_status, "reason": change.reason},
    )


def is_coordinator(user):
    return bool(user and user.is_authenticated and user.has_perm("budget.coordinate_project"))


def reviewer_units(user):
    """Ids of the office units whose merit queue ``user`` works on."""
    if not (user and user.is_authenticated and user.has_perm("budget.review_merit")):
        return set()
    return set(MeritReviewer.objects.filter(user=user).values_list("unit_id", flat=True))


def may_record_merit(user, project):
    """Only the unit named on the project, or a budget coordinator."""
    if is_coordinator(user):
        return True
    return project.merit_unit_id is not None and project.merit_unit_id in reviewer_units(user)


def may_decide(user, project, action):
    """Whether an official may take ``action`` on ``project`` from the admin."""
    if Action(action) in workflow.MERIT_ACTIONS:
        return may_record_merit(user, project)
    return bool(user and user.has_perm("budget.change_project"))


@transaction.atomic
def decide(project, *, action, today=None, user=None, by_author=False, **facts):
    """Take one workflow step on ``project`` (locked) and log it."""
    project = Project.objects.select_for_update().select_related("edition").get(pk=project.pk)
    action = Action(action)
    if user is not None and not by_author and not may_decide(user, project, action):
        raise DecisionError(
            gettext(
                "Ocenę merytoryczną zapisuje komórka wskazana w projekcie albo koordynator "
                "budżetu obywatelskiego."
            )
            if action in workflow.MERIT_ACTIONS
            else gettext("Nie masz uprawnień do tej decyzji.")
        )
    if action is Action.UPHOLD_APPEAL:
        facts["appealed_from"] = _status_before_appeal(project)
    if action in (Action.SUBMIT, Action.REJECT_FORMALLY):
        facts.setdefault("correction_deadline", project.correction_deadline)
    if isinstance(facts.get("merged_into"), Project):
        facts["merged_into"] = facts["merged_into"].pk
    step = Step(action=action, today=today or timezone.localdate(), **facts)
    outcome = _apply(project, step)
    if action is Action.RETURN_FOR_CORRECTION:
        project.correction_deadline = step.correction_deadline
    if action is Action.CORRECT_COST:
        project.cost = step.new_cost
    if action is Action.MERGE:
        project.merged_into_id = step.merged_into
    if action is Action.SUBMIT:
        _submit(project, step.today, user, by_author=by_author)
        return project
    _record(project, outcome, step, user=user, by_author=by_author)
    return project


def _status_before_appeal(project):
    change = (
        project.history.filter(to_status=Status.APPEALED).order_by("-created_at", "-pk").first()
    )
    return Status(change.from_status) if change else None


def add_support(project, form):
    """Store one online support; refuses a second one from the same PESEL."""
    data = form.cleaned_data
    try:
        with transaction.atomic():
            Support.objects.create(
                project=project,
                name=data["name"],
                pesel_hash=keyed_hash(form.parsed_pesel.number, PESEL_HASH_PURPOSE),
                guardian_consent=bool(data.get("guardian_consent")),
            )
    except IntegrityError:
        raise DecisionError(gettext("Ta osoba już poparła ten projekt.")) from None


def publish_final_list(edition, *, today=None, user=None):
    """Admit every feasible project to the vote once no appeal is pending."""
    today = today or timezone.localdate()
    pending = edition.projects.filter(status=Status.APPEALED).count()
    if pending:
        raise DecisionError(
            gettext("Nie można opublikować listy ostatecznej: %(n)d odwołań czeka na rozpatrzenie.")
            % {"n": pending}
        )
    admitted = []
    for project in edition.projects.filter(status=Status.FEASIBLE):
        admitted.append(decide(project, action=Action.ADMIT_TO_VOTE, today=today, user=user))
    if edition.final_list_on is None:
        edition.final_list_on = today
        edition.save(update_fields=["final_list_on"])
    return admitted


# Part II (ratusz.budget.voting) tells the catalogue and the project pages each
# project's published outcome; part I shows it without importing part II.
_outcome_readers: list = []


def register_outcome_reader(reader):
    """``reader(editions) -> {project pk: outcome}``, called for pages that show outcomes."""
    if reader not in _outcome_readers:
        _outcome_readers.append(reader)


def published_outcomes(editions) -> dict[int, dict]:
    """Project pk → its published outcome, from every registered reader (none: {})."""
    editions = list(editions)
    found: dict[int, dict] = {}
    for reader in _outcome_readers:
        found.update(reader(editions))
    return found


# Sent inside purge_personal_data's transaction with ``edition``; a receiver
# purges what its app keeps about people and returns {what: how many}.
personal_data_purge = Signal()


def purge_personal_data(edition):
    """Remove supporters' and authors' data once the edition is over; voting
    removes voters' data through ``personal_data_purge``
    (``ratusz.budget.voting.services.purge_voters``)."""
    with transaction.atomic():
        supports = Support.objects.filter(project__edition=edition).delete()[0]
        scans = Attachment.objects.filter(
            project__edition=edition,
            kind__in=[Attachment.Kind.SUPPORT_LIST, Attachment.Kind.CONSENT],
        )
        files = [a.file for a in scans]
        scan_count = scans.delete()[0]
        projects = 0
        for project in edition.projects.filter(personal_data_purged=False):
            if not project.author_name_public:
                project.author_name = ""
            project.author_email = ""
            project.author_phone = ""
            project.author_pesel_hash = ""
            project.draft_token_hash = ""
            project.personal_data_purged = True
            project.save()
            projects += 1
        # Part II (voting) builds on part I: it purges its own records here.
        more = {}
        for _receiver, counts in personal_data_purge.send(sender=Edition, edition=edition):
            more.update(counts or {})
        transaction.on_commit(lambda: [f.delete(save=False) for f in files])
    return {"supports": supports, "scans": scan_count, "projects": projects, **more}
