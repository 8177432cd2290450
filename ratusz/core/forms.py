"""Form helpers shared by every public form."""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "strona_www"


class HoneypotMixin(forms.Form):
    """A field people never see; bots that fill it are refused."""

    strona_www = forms.CharField(
        label=_("Nie wypełniaj tego pola"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_strona_www(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(_("Formularz odrzucony jako automatyczny."))
        return ""
