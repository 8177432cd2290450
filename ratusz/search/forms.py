from django import forms
from django.utils.translation import gettext_lazy as _

from .query import MAX_QUERY_CHARS, clean
from .sources import available

DATE_ERRORS = {"invalid": _("Wpisz datę w formacie RRRR-MM-DD, np. 2026-05-31.")}


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Czego szukasz?"),
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_CHARS}),
    )
    typ = forms.MultipleChoiceField(
        label=_("Rodzaj"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Nie ma takiego rodzaju wyników: %(value)s.")},
    )
    od = forms.DateField(
        label=_("Data od"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )
    do = forms.DateField(
        label=_("Data do"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["typ"].choices = [(s.kind, s.label) for s in available()]

    def clean_q(self):
        # Never an error: too long is cut, control characters become spaces.
        return clean(self.cleaned_data.get("q"))

    def clean(self):
        data = super().clean()
        start, end = data.get("od"), data.get("do")
        if start and end and start > end:
            self.add_error("do", _("Data końcowa nie może być wcześniejsza niż początkowa."))
        return data
