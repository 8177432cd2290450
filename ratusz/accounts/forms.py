from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .auth import address_of, lockout


class LoginForm(WagtailLoginForm):
    """Wagtail's login form that says in Polish when a lock-out is on."""

    error_messages = {
        **WagtailLoginForm.error_messages,
        "invalid_login": _("Nazwa użytkownika lub hasło są nieprawidłowe."),
    }

    def clean(self):
        username = self.cleaned_data.get("username", "")
        seconds = lockout().locked_for(username, address_of(self.request))
        if seconds:
            minutes = max(1, (seconds + 59) // 60)
            raise ValidationError(
                ngettext(
                    "Zbyt wiele nieudanych prób logowania. Spróbuj ponownie za %(n)d minutę.",
                    "Zbyt wiele nieudanych prób logowania. Spróbuj ponownie za %(n)d minut.",
                    minutes,
                )
                % {"n": minutes},
                code="locked",
            )
        return super().clean()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Kod"),
        max_length=16,
        help_text=_("Sześć cyfr z aplikacji uwierzytelniającej albo kod zapasowy."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())
