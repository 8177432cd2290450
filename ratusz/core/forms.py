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


class SameValidationForDraftsMixin:
    """ "Zapisz szkic" checks a form as "Wyślij do moderacji" and "Opublikuj" do.

    Wagtail defers required fields (and required parts of blocks) when a draft
    is saved, so an empty heading block passes at "Zapisz szkic" and is refused
    only when the clerk sends the page on. Mixed into a WagtailAdminModelForm,
    this keeps one set of rules, with the errors at the first save.
    """

    def defer_required_fields(self):
        return None

    def restore_required_fields(self):
        return None
