"""Admin forms: a country picker and fields of cooperation as checkboxes; the
city of an organisation, and organisations offered from the user's cities only.

The snippet viewsets (wagtail_hooks) give them to the edit panels, so models
do not import forms.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ratusz.core.tenancy import CityFormMixin, for_user

from . import countries
from .models import Area


def _country_choices():
    return [("", "---------"), *((c, f"{n} ({c})") for c, n in countries.choices("pl"))]


class OwnOrganisationsMixin:
    """Organisation choices (a partner, a successor) from the user's cities only."""

    organisation_fields = ("organisation",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        for name in self.organisation_fields:
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if field is not None and user is not None:
                field.queryset = for_user(field.queryset, user)


class CooperationRecordForm(OwnOrganisationsMixin, WagtailAdminModelForm):
    """A membership or a role: of an organisation of the user's cities."""


class OrganisationForm(CityFormMixin, OwnOrganisationsMixin, WagtailAdminModelForm):
    organisation_fields = ("successor",)
    country = forms.ChoiceField(
        label=_("kraj"),
        choices=_country_choices,
        error_messages={
            "invalid_choice": _(
                "Nieznany kod kraju „%(value)s”. Wybierz kraj z listy (kody ISO 3166-1)."
            )
        },
    )


class PartnershipForm(OwnOrganisationsMixin, WagtailAdminModelForm):
    areas = forms.MultipleChoiceField(
        label=_("pola współpracy"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = Area.choices
