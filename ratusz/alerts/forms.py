"""The editors' announcement form and the residents' subscription form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ratusz.core.forms import HoneypotMixin, SameValidationForDraftsMixin
from ratusz.core.tenancy import CityFormMixin, for_user, is_city_owned, site_id_of_record

from .models import (
    CATEGORY_CHOICES,
    RESPONSE_CHOICES,
    Certainty,
    Kind,
    SeverityThreshold,
    Urgency,
)
from .profile import cap_defaults, severity_for_level
from .validation import announcement_errors

AUTOMATIC = ("", _("automatycznie"))
AUTOMATIC_HELP = _("„Automatycznie”: według rodzaju komunikatu i początku zdarzenia.")


class AnnouncementAdminForm(CityFormMixin, SameValidationForDraftsMixin, WagtailAdminModelForm):
    categories = forms.MultipleChoiceField(
        label=_("Kategorie CAP"),
        choices=CATEGORY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Puste: według rodzaju komunikatu."),
    )
    response_types = forms.MultipleChoiceField(
        label=_("Zalecane działania"),
        choices=RESPONSE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    # Left empty, these follow the kind and the timing (profile.cap_defaults):
    # a clerk need not understand CAP to publish a correct message.
    urgency = forms.ChoiceField(
        label=_("Pilność"),
        choices=[AUTOMATIC, *Urgency.choices],
        required=False,
        help_text=AUTOMATIC_HELP,
    )
    certainty = forms.ChoiceField(
        label=_("Pewność"),
        choices=[AUTOMATIC, *Certainty.choices],
        required=False,
        help_text=AUTOMATIC_HELP,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.is_bound:
            self.initial["urgency"] = self.initial["certainty"] = ""
        if self._has_messages() and self.instance.msg_type == "Alert" and not self.is_bound:
            self.initial["msg_type"] = "Update"
        districts = self.fields.get("districts")
        if districts is not None and getattr(self, "for_user", None) is not None:
            from ratusz.gis.models import District

            if is_city_owned(District):  # offer the districts of the user's cities only
                districts.queryset = for_user(districts.queryset, self.for_user)

    def _has_messages(self):
        return bool(self.instance.pk) and self.instance.messages.exists()

    def _post_clean(self):
        super()._post_clean()
        ann = self.instance
        urgency, certainty = cap_defaults(ann.kind, ann.effective, ann.onset)
        if not self.cleaned_data.get("urgency"):
            ann.urgency = urgency
        if not self.cleaned_data.get("certainty"):
            ann.certainty = certainty
        if ann.level:
            ann.severity = severity_for_level(ann.level)
        if self.errors:
            return
        districts = list(self.cleaned_data.get("districts") or [])
        if any(site_id_of_record(d) not in (None, ann.site_id) for d in districts):
            self.add_error("districts", _("Wybierz dzielnice miasta, którego dotyczy komunikat."))
            return
        for field, messages in announcement_errors(ann, districts, self._has_messages()).items():
            target = field if field in self.fields else None
            for message in messages:
                self.add_error(target, message)


KIND_CHOICES = Kind.choices


class SubscribeForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label=_("Adres e-mail"),
        max_length=254,
        error_messages={
            "required": _("Podaj adres e-mail."),
            "invalid": _("Podaj poprawny adres e-mail, np. jan.kowalski@example.pl."),
        },
    )
    kinds = forms.MultipleChoiceField(
        label=_("Rodzaje komunikatów"),
        choices=KIND_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nic nie zaznaczone: wszystkie rodzaje."),
    )
    min_severity = forms.ChoiceField(
        label=_("Które komunikaty wysyłać"),
        choices=SeverityThreshold.choices,
        initial=SeverityThreshold.MODERATE,
    )
    consent = forms.BooleanField(
        label=_("Zgadzam się na przetwarzanie adresu e-mail w celu wysyłania komunikatów."),
        error_messages={"required": _("Bez tej zgody nie możemy wysyłać komunikatów.")},
    )


class FilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Rodzaj"), choices=[("", _("wszystkie"))] + KIND_CHOICES, required=False
    )
    day = forms.DateField(
        label=_("Obowiązujące w dniu"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Podaj datę w formacie RRRR-MM-DD.")},
    )
    archive = forms.BooleanField(label=_("Archiwum (zakończone i odwołane)"), required=False)

    def clean_day(self):
        day = self.cleaned_data.get("day")
        if day and day.year < 2000:
            raise forms.ValidationError(_("Archiwum zaczyna się w 2000 roku."))
        if day and day > timezone.localdate() + timezone.timedelta(days=366):
            raise forms.ValidationError(_("Tak odległej daty nie obsługujemy."))
        return day
