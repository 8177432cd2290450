"""A resident's data across the apps: find it, export it, erase it (RODO).

Each source says how it finds records for an e-mail or a PESEL and what
erasing means for it. Records that are public or must be kept by law (a
budget project, a cast vote's register entry) are anonymised instead of
deleted; pure personal records (subscriptions, form submissions) are deleted.
Sources of apps that are not installed are skipped.
"""

import importlib

from django.db import transaction

from ratusz.core.privacy import keyed_hash

ERASED = "(usunięto na wniosek)"


def _model(path):
    module, _, name = path.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _same(a, b):
    return bool(a) and bool(b) and a.strip().lower() == b.strip().lower()


class Source:
    label = ""
    model = ""

    def rows(self, identity):
        return []

    def describe(self, obj):
        return {}

    def erase(self, obj):
        obj.delete()


class BudgetAuthors(Source):
    label = "budżet obywatelski — autor projektu"
    model = "ratusz.budget.models.Project"

    def rows(self, identity):
        Project = _model(self.model)
        if identity.pesel:
            from ratusz.budget.services import AUTHOR_PESEL_PURPOSE

            digest = keyed_hash(identity.pesel, AUTHOR_PESEL_PURPOSE)
            return list(Project.objects.filter(author_pesel_hash=digest))
        # The e-mail is stored encrypted, so it is compared after decryption.
        return [p for p in Project.objects.all() if _same(p.author_email, identity.email)]

    def describe(self, p):
        return {
            "projekt": p.number,
            "tytuł": p.title,
            "stan": p.status,
            "imię i nazwisko": p.author_name,
            "e-mail": p.author_email,
            "telefon": p.author_phone,
        }

    def erase(self, p):
        # The project is a public record of the edition; the author is removed.
        p.author_name = ERASED
        p.author_email = ""
        p.author_phone = ""
        p.author_pesel_hash = ""
        p.save(update_fields=["author_name", "author_email", "author_phone", "author_pesel_hash"])


class BudgetSupports(Source):
    label = "budżet obywatelski — poparcie projektu"
    model = "ratusz.budget.models.Support"

    def rows(self, identity):
        if not identity.pesel:
            return []
        from ratusz.budget.models import PESEL_HASH_PURPOSE

        digest = keyed_hash(identity.pesel, PESEL_HASH_PURPOSE)
        return list(_model(self.model).objects.filter(pesel_hash=digest).select_related("project"))

    def describe(self, s):
        return {"projekt": s.project.number, "imię i nazwisko": s.name, "dnia": s.created_at}

    def erase(self, s):
        # The keyed hash stays while it counts towards the project's support
        # list (one support per person); the name goes.
        s.name = ERASED
        s.save(update_fields=["name"])


class BudgetVoters(Source):
    label = "budżet obywatelski — rejestr głosujących"
    model = "ratusz.budget.voting.models.Voter"

    def rows(self, identity):
        if not identity.pesel:
            return []
        from ratusz.budget.voting.services import pesel_hash

        Voter = _model(self.model)
        Edition = _model("ratusz.budget.models.Edition")
        digests = [pesel_hash(edition, identity.pesel) for edition in Edition.objects.all()]
        return list(Voter.objects.filter(pesel_hash__in=digests).select_related("edition"))

    def describe(self, v):
        # The ballot itself is secret and not linked to the person: not exported.
        return {
            "edycja": str(v.edition),
            "imię i nazwisko": v.name,
            "adres": v.address,
            "dnia": v.created_at,
        }

    def erase(self, v):
        # The hash must stay: it is what stops a second vote in the edition.
        v.name = ""
        v.address = ""
        v.save(update_fields=["name", "address"])


class AlertSubscriptions(Source):
    label = "komunikaty — subskrypcja e-mail"
    model = "ratusz.alerts.models.Subscription"

    def rows(self, identity):
        if not identity.email:
            return []
        Model = _model(self.model)
        return list(Model.objects.filter(email_hash=Model.hash_of(identity.email)))

    def describe(self, s):
        return {
            "e-mail": s.email,
            "rodzaje": s.kinds,
            "od dotkliwości": s.min_severity,
            "utworzono": s.created_at,
            "potwierdzono": s.confirmed_at,
        }


class FormSubmissions(Source):
    label = "formularze kontaktowe — zgłoszenia"
    model = "wagtail.contrib.forms.models.FormSubmission"

    def rows(self, identity):
        if not identity.email:
            return []
        found = []
        for submission in _model(self.model).objects.select_related("page"):
            values = submission.form_data.values() if isinstance(submission.form_data, dict) else []
            if any(isinstance(v, str) and _same(v, identity.email) for v in values):
                found.append(submission)
        return found

    def describe(self, s):
        return {"formularz": s.page.title, "dane": s.form_data, "wysłano": s.submit_time}


class NgoRepresentatives(Source):
    label = "organizacje pozarządowe — osoba zgłaszająca organizację"
    model = "ratusz.ngo.models.Organisation"

    def rows(self, identity):
        if not identity.email:
            return []
        # Encrypted: compared after decryption.
        rows = _model(self.model).objects.exclude(representative_email="")
        return [o for o in rows if _same(o.representative_email, identity.email)]

    def describe(self, o):
        return {
            "organizacja": o.name,
            "osoba zgłaszająca": o.representative_name,
            "e-mail": o.representative_email,
        }

    def erase(self, o):
        o.representative_name = ""
        o.representative_email = ""
        o.notify_competitions = False
        o.save(update_fields=["representative_name", "representative_email", "notify_competitions"])


class NgoChangeProposals(Source):
    label = "organizacje pozarządowe — propozycje zmian"
    model = "ratusz.ngo.models.ChangeProposal"

    def rows(self, identity):
        if not identity.email:
            return []
        Model = _model(self.model)
        return [c for c in Model.objects.all() if _same(c.proposer_email, identity.email)]

    def describe(self, c):
        return {
            "organizacja": c.organisation.name,
            "zgłaszający": c.proposer_name,
            "e-mail": c.proposer_email,
            "zmiany": c.changes,
            "stan": c.status,
            "zgłoszono": c.created_at,
        }


class NgoGrantComments(Source):
    label = "organizacje pozarządowe — uwagi do małych grantów"
    model = "ratusz.ngo.models.SmallGrantComment"

    def rows(self, identity):
        if not identity.email:
            return []
        rows = _model(self.model).objects.exclude(author_email="")
        return [c for c in rows if _same(c.author_email, identity.email)]

    def describe(self, c):
        return {"oferta": str(c.small_grant), "autor": c.author_name, "uwagi": c.text}

    def erase(self, c):
        # The remark is part of the grant's file; who wrote it is removed.
        c.author_name = ERASED
        c.author_email = ""
        c.save(update_fields=["author_name", "author_email"])


SOURCES = [
    BudgetAuthors(),
    BudgetSupports(),
    BudgetVoters(),
    AlertSubscriptions(),
    FormSubmissions(),
    NgoRepresentatives(),
    NgoChangeProposals(),
    NgoGrantComments(),
]


def _available():
    return [source for source in SOURCES if _model(source.model) is not None]


def export(identity):
    """{source label: [records]} for every source that holds something."""
    report = {}
    for source in _available():
        records = [source.describe(obj) for obj in source.rows(identity)]
        if records:
            report[source.label] = records
    return report


@transaction.atomic
def erase(identity):
    """Erase or anonymise everything found; {source label: count}. All or nothing."""
    counts = {}
    for source in _available():
        rows = source.rows(identity)
        for obj in rows:
            source.erase(obj)
        if rows:
            counts[source.label] = len(rows)
    return counts
