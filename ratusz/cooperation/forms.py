"""Admin forms: a country picker and fields of cooperation as checkboxes.

The snippet viewsets (wagtail_hooks) give them to the edit panels, so models
do not import forms.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import countries
from .models import Area


def _country_choices():
    return [("", "---------"), *((c, f"{n} ({c})") for c, n in countries.choices("pl"))]


class OrganisationForm(WagtailAdminModelForm):
    country = forms.ChoiceField(
        label=_("kraj"),
        choices=_country_choices,
        error_messages={
            "invalid_choice": _(
                "Nieznany kod kraju „%(value)s”. Wybierz kraj z listy (kody ISO 3166-1)."
            )
        },
    )


class PartnershipForm(WagtailAdminModelForm):
    areas = forms.MultipleChoiceField(
        label=_("pola współpracy"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = Area.choices
