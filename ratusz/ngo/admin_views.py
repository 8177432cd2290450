"""Decisions officials take in the admin; each one goes to Wagtail's audit log."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from ratusz.core import city
from ratusz.core.conf import conf
from ratusz.core.tenancy import default_site_id, for_user, user_site_ids

from . import krs as krsmod
from . import rules
from .models import ChangeProposal, Competition, Organisation
from .tasks import notify_registration_decision


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decyzja"),
        choices=[("approve", gettext_lazy("zatwierdź")), ("reject", gettext_lazy("odrzuć"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Powód odrzucenia"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Trafi do osoby zgłaszającej."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason"):
            self.add_error("reason", _("Podaj powód odrzucenia."))
        return data


def decide_organisation(request, pk, list_url_name):
    _require(request, "ngo.change_organisation")
    org = get_object_or_404(for_user(Organisation.objects.all(), request.user), pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and org.status == Organisation.Status.PENDING and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        org.status = Organisation.Status.APPROVED if approve else Organisation.Status.REJECTED
        org.rejection_reason = "" if approve else form.cleaned_data["reason"]
        org.decided_at = timezone.now()
        try:
            org.full_clean(exclude=["areas"])
        except ValidationError as err:
            form.add_error(None, err)
        else:
            org.save()
            log(org, "ngo.approve" if approve else "ngo.reject", user=request.user)
            notify_registration_decision.enqueue(org.pk)
            messages.success(request, _("Zapisano decyzję: %(name)s.") % {"name": org.name})
            return redirect(list_url_name)
    return TemplateResponse(
        request,
        "ngo/admin/decide_organisation.html",
        {"org": org, "form": form, "page_title": _("Zgłoszenie: %(name)s") % {"name": org.name}},
        status=400 if form.errors else 200,
    )


def review_proposal(request, pk, list_url_name):
    _require(request, "ngo.change_organisation")
    proposal = get_object_or_404(
        for_user(ChangeProposal.objects.select_related("organisation"), request.user), pk=pk
    )
    form = DecisionForm(request.POST or None)
    form.fields["reason"].required = False
    error = ""
    if (
        request.method == "POST"
        and proposal.status == ChangeProposal.Status.PENDING
        and form.is_valid()
    ):
        if form.cleaned_data["decision"] == "approve":
            try:
                proposal.apply()
            except ValidationError as err:
                error = "; ".join(err.messages)
            else:
                log(
                    proposal.organisation,
                    "ngo.proposal.approve",
                    user=request.user,
                    data={"changes": proposal.changes},
                )
                messages.success(request, _("Zmiany wprowadzono do wpisu."))
                return redirect(list_url_name)
        else:
            proposal.status = ChangeProposal.Status.REJECTED
            proposal.decided_at = timezone.now()
            proposal.save()
            log(
                proposal.organisation,
                "ngo.proposal.reject",
                user=request.user,
                data={"changes": proposal.changes},
            )
            messages.success(request, _("Propozycję odrzucono."))
            return redirect(list_url_name)
    return TemplateResponse(
        request,
        "ngo/admin/review_proposal.html",
        {
            "proposal": proposal,
            "form": form,
            "error": error,
            "page_title": _("Propozycja zmian: %(name)s") % {"name": proposal.organisation.name},
        },
        status=400 if (form.errors or error) else 200,
    )


class StateForm(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("Nowy stan"), choices=Competition.STATE_CHOICES)
    day = forms.DateField(
        label=gettext_lazy("Data"), widget=forms.DateInput(attrs={"type": "date"})
    )
    cancel_reason = forms.ChoiceField(
        label=gettext_lazy("Podstawa unieważnienia"),
        choices=[("", "—"), *Competition.CANCEL_CHOICES],
        required=False,
    )
    cancel_note = forms.CharField(
        label=gettext_lazy("Uzasadnienie unieważnienia"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, competition, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = rules.TRANSITIONS[rules.State(competition.state)]
        self.fields["state"].choices = [c for c in Competition.STATE_CHOICES if c[0] in allowed]
        self.fields["day"].initial = timezone.localdate()


def competition_state(request, pk, list_url_name):
    _require(request, "ngo.change_competition")
    competition = get_object_or_404(for_user(Competition.objects.all(), request.user), pk=pk)
    form = StateForm(request.POST or None, competition=competition)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            competition.transition(
                data["state"],
                on=data["day"],
                reason=data["cancel_reason"],
                note=data["cancel_note"],
            )
        except ValidationError as err:
            for field, errors in err.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            log(competition, f"ngo.competition.{data['state']}", user=request.user)
            messages.success(request, _("Zmieniono stan konkursu."))
            return redirect(list_url_name)
    return TemplateResponse(
        request,
        "ngo/admin/competition_state.html",
        {
            "competition": competition,
            "form": form,
            "page_title": _("Stan konkursu: %(t)s") % {"t": competition.title},
        },
        status=400 if form.errors else 200,
    )


class KrsImportForm(forms.Form):
    site = forms.ModelChoiceField(
        label=gettext_lazy("Katalog miasta"),
        queryset=None,
        empty_label=None,
        help_text=gettext_lazy("Wpis trafi do katalogu organizacji tego miasta."),
    )
    krs = forms.CharField(label=gettext_lazy("Numer KRS"), max_length=20)
    register = forms.ChoiceField(
        label=gettext_lazy("Rejestr"),
        choices=[
            ("S", gettext_lazy("stowarzyszeń, fundacji i innych organizacji (S)")),
            ("P", gettext_lazy("przedsiębiorców (P), np. spółdzielnie socjalne")),
        ],
    )

    def __init__(self, *args, user, **kwargs):
        from wagtail.models import Site

        super().__init__(*args, **kwargs)
        sites = Site.objects.order_by("-is_default_site", "site_name", "hostname")
        ids = user_site_ids(user)
        if ids is not None:
            sites = sites.filter(pk__in=ids)
        field = self.fields["site"]
        field.queryset = sites
        field.initial = default_site_id() if ids is None or default_site_id() in ids else ids[0]
        if len(sites) == 1:
            # a clerk of one city imports into that city's catalogue, whatever is posted
            field.initial = sites[0].pk
            field.disabled = True

    def clean_krs(self):
        try:
            return rules.clean_krs(self.cleaned_data["krs"])
        except rules.RuleError as err:
            raise forms.ValidationError(_(err.message), params=err.params or None) from None


def _organisation_from(record, site):
    """A pending entry of a city's directory from a KRS extract (``krs.KrsRecord``)."""
    website = record.website
    if website and "://" not in website:
        website = "https://" + website
    return Organisation(
        site=site,
        name=record.name,
        legal_form=krsmod.directory_legal_form(record.legal_form),
        krs=record.krs,
        nip=record.nip,
        regon=record.regon,
        opp=record.opp,
        street=record.street.title(),
        postal_code=record.postal_code,
        # An extract without a seat: the city's own directory is the best guess.
        city=record.city.title() if record.city else city.current(site).city_name,
        email=record.email,
        website=website,
    )


def krs_import(request, edit_url_name, fetch=None):
    """Create a pending entry from the KRS open API; the official then completes and approves it."""
    _require(request, "ngo.add_organisation")
    form = KrsImportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        number, register = form.cleaned_data["krs"], form.cleaned_data["register"]
        site = form.cleaned_data["site"]
        url = conf.RATUSZ_KRS_API or krsmod.KRS_API
        try:
            document = (fetch or krsmod.fetch_odpis)(
                number, register, url=url, allowed_hosts=tuple(conf.RATUSZ_OUTBOUND_ALLOWED_HOSTS)
            )
            record = krsmod.parse_odpis(document)
        except rules.RuleError as err:
            form.add_error(None, _(err.message) % err.params if err.params else _(err.message))
        else:
            existing = (
                Organisation.objects.filter(site=site)
                .exclude(status=Organisation.Status.REJECTED)
                .filter(krs=record.krs)
                .first()
            )
            if existing:
                messages.info(request, _("Ta organizacja jest już w katalogu."))
                return redirect(reverse(edit_url_name, args=[existing.pk]))
            org = _organisation_from(record, site)
            try:
                org.full_clean(exclude=["areas", "slug"])
            except ValidationError as err:
                form.add_error(
                    None,
                    _("Danych z KRS nie da się zapisać: %(e)s") % {"e": "; ".join(err.messages)},
                )
            else:
                org.save()
                log(
                    org,
                    "wagtail.create",
                    user=request.user,
                    data={"source": "KRS", "register": register},
                )
                messages.success(
                    request, _("Pobrano dane z KRS. Uzupełnij sfery działalności i zatwierdź wpis.")
                )
                return redirect(reverse(edit_url_name, args=[org.pk]))
    return TemplateResponse(
        request,
        "ngo/admin/krs_import.html",
        {"form": form, "page_title": _("Dodaj organizację z KRS")},
        status=400 if form.errors else 200,
    )
