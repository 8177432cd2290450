from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from ratusz.core import images, uploads
from ratusz.core.conf import conf

from .auth import address_of, lockout


class LoginForm(WagtailLoginForm):
    """Wagtail's login form that says in Polish when a lock-out is on."""

    error_messages = {
        **WagtailLoginForm.error_messages,
        "invalid_login": _("Nazwa użytkownika lub hasło są nieprawidłowe."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's field has no label: Django would show its name, "Password".
        self.fields["password"].label = _("Hasło")

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


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form that also checks the content and the size
    (WAGTAILDOCS_DOCUMENT_FORM_BASE)."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            head = upload.read(uploads.HEAD_BYTES)
            upload.seek(0)
            limit = conf.RATUSZ_DOCUMENT_MAX_BYTES
            message = uploads.document_problem(upload.name, upload.size, head, limit)
            if message:
                raise ValidationError(message, code="invalid_document")
        return upload


class SafeImageForm(BaseImageForm):
    """Wagtail's image form that stores the image drawn anew, without EXIF, GPS
    or other metadata (WAGTAILIMAGES_IMAGE_FORM_BASE). Wagtail has already
    checked the format and the size when this runs."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload
        upload.seek(0)
        try:
            data, _format = images.reencode(upload.read())
        except ValueError:
            raise ValidationError(
                _("Nie udało się odczytać obrazu. Zapisz go ponownie w programie graficznym."),
                code="invalid_image",
            ) from None
        return SimpleUploadedFile(upload.name, data, content_type=upload.content_type)
