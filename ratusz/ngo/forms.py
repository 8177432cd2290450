"""Public forms: registration, change proposals, comments, directory filters."""

from django import forms
from django.core.files.images import ImageFile
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from ratusz.core import images
from ratusz.core.forms import HoneypotMixin
from ratusz.core.tenancy import in_city, is_city_owned

from .models import PROPOSABLE_FIELDS, Area, Organisation, SmallGrantComment

DESCRIPTION_MAX = 4000
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_COLLECTION = "Loga organizacji (zgłoszenia)"
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
# A point on the map must at least lie in Poland (the organisation's seat may
# be outside the city).
LATITUDE_RANGE, LONGITUDE_RANGE = (49.0, 54.9), (14.1, 24.2)
postal_code = RegexValidator(r"^\d{2}-\d{3}$", _("Kod pocztowy ma postać 00-000."))


def city_districts(queryset, site):
    """Districts of the form's city, once districts belong to cities (the gis app)."""
    if site is not None and is_city_owned(queryset.model):
        return in_city(queryset, site)
    return queryset


class CheckboxGroup(forms.CheckboxSelectMultiple):
    def id_for_label(self, id_, index=None):
        # The group's <fieldset> carries the bare id, so the error summary can link to it.
        return id_ if index is None else super().id_for_label(id_, index)


class AreasField(forms.ModelMultipleChoiceField):
    widget = CheckboxGroup

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Sfery działalności pożytku publicznego"))
        kwargs.setdefault("help_text", _("Zaznacz jedną lub więcej (art. 4 ust. 1 ustawy)."))
        kwargs.setdefault(
            "error_messages", {"required": _("Zaznacz co najmniej jedną sferę działalności.")}
        )
        super().__init__(queryset=Area.objects.all(), **kwargs)


def _formfield(db_field, **kwargs):
    # An address typed without a scheme is taken as https (Django 6's default, said now).
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class RegistrationForm(HoneypotMixin, forms.ModelForm):
    areas = AreasField()
    consent = forms.BooleanField(
        label=_("Zapoznałem(-am) się z informacją o przetwarzaniu danych osobowych"),
        error_messages={"required": _("Potwierdź, że znasz zasady przetwarzania danych.")},
    )

    class Meta:
        model = Organisation
        formfield_callback = _formfield
        fields = [
            "name",
            "legal_form",
            "krs",
            "nip",
            "regon",
            "opp",
            "areas",
            "description",
            "street",
            "postal_code",
            "city",
            "district",
            "latitude",
            "longitude",
            "email",
            "phone",
            "website",
            "representative_name",
            "representative_email",
            "notify_competitions",
        ]
        help_texts = {
            "nip": _("10 cyfr, np. 856-734-62-15."),
            "regon": _("9 albo 14 cyfr."),
            "description": _("Czym się zajmujecie, dla kogo, gdzie. Ten opis będzie publiczny."),
            "representative_email": _(
                "Niepubliczny. Na ten adres wyślemy informację o zatwierdzeniu wpisu."
            ),
            "notify_competitions": _(
                "Wyślemy e-mail na adres osoby zgłaszającej, gdy miasto ogłosi konkurs."
            ),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        localized_fields = ("latitude", "longitude")

    logo_file = forms.ImageField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPG, GIF albo WebP, najwyżej 2 MB. Pokażemy je po zatwierdzeniu wpisu."),
        error_messages={"invalid_image": _("To nie jest obraz albo plik jest uszkodzony.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("latitude", "longitude"):
            self.fields[name].help_text = _("Np. 50,2412 — albo kliknij siedzibę na mapie.")
            self.fields[name].widget.attrs["inputmode"] = "decimal"
        self.fields["description"].max_length = DESCRIPTION_MAX
        self.fields["description"].validators.append(MaxLengthValidator(DESCRIPTION_MAX))
        self.fields["description"].widget.attrs["maxlength"] = DESCRIPTION_MAX
        for name in ("street", "representative_name", "representative_email"):
            self.fields[name].required = True
        self.fields["postal_code"].validators.append(postal_code)
        self.fields["district"].empty_label = _("— poza dzielnicami lub nie wiem —")
        self.fields["district"].queryset = city_districts(
            self.fields["district"].queryset, self.instance.site if self.instance.site_id else None
        )
        autocomplete = {
            "name": "organization",
            "street": "street-address",
            "postal_code": "postal-code",
            "city": "address-level2",
            "email": "email",
            "phone": "tel",
            "website": "url",
            "representative_name": "name",
            "representative_email": "email",
        }
        for name, token in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        for name in ("krs", "nip", "regon"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def _in_range(self, name, bounds):
        value = self.cleaned_data.get(name)
        if value is not None and not bounds[0] <= value <= bounds[1]:
            raise forms.ValidationError(
                _("Ta współrzędna nie wskazuje miejsca w Polsce (od %(low)s do %(high)s).")
                % {"low": bounds[0], "high": bounds[1]}
            )
        return value

    def clean_latitude(self):
        return self._in_range("latitude", LATITUDE_RANGE)

    def clean_longitude(self):
        return self._in_range("longitude", LONGITUDE_RANGE)

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        if upload.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("Logo jest za duże (najwyżej 2 MB)."))
        if getattr(getattr(upload, "image", None), "format", None) not in EXTENSIONS:
            raise forms.ValidationError(_("Dozwolone są PNG, JPG, GIF i WebP."))
        upload.seek(0)
        try:
            data, fmt = images.reencode(upload.read())
        except ValueError:
            raise forms.ValidationError(_("To nie jest obraz albo plik jest uszkodzony.")) from None
        return data, EXTENSIONS[fmt]

    @transaction.atomic
    def save(self, commit=True):
        org = super().save(commit=commit)
        logo = self.cleaned_data.get("logo_file")
        if commit and logo:
            org.logo = _store_logo(org, *logo)
            org.save(update_fields=["logo"])
        return org


def _store_logo(org, data, extension):
    """The logo as a Wagtail image in its own collection, which officials see
    while they review the entry; drawn anew, without metadata."""
    from io import BytesIO

    from wagtail.images import get_image_model
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=LOGO_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=LOGO_COLLECTION)
    image = get_image_model()(
        title=f"Logo: {org.name}"[:255],
        collection=collection,
        file=ImageFile(BytesIO(data), name=f"logo-{org.slug}.{extension}"),
    )
    image._set_image_file_metadata()
    image.save()
    return image


class ChangeProposalForm(HoneypotMixin, forms.Form):
    """Only fields filled differently from the current entry become a proposal."""

    proposer_name = forms.CharField(label=_("Imię i nazwisko"), max_length=120)
    proposer_email = forms.EmailField(
        label=_("E-mail"), help_text=_("Niepubliczny; do kontaktu w sprawie zmian.")
    )
    name = forms.CharField(label=_("Nazwa"), max_length=200)
    description = forms.CharField(
        label=_("Opis działalności"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=DESCRIPTION_MAX,
    )
    street = forms.CharField(label=_("Ulica i numer"), max_length=120, required=False)
    postal_code = forms.CharField(
        label=_("Kod pocztowy"), max_length=6, required=False, validators=[postal_code]
    )
    email = forms.EmailField(label=_("E-mail organizacji"), required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    website = forms.URLField(label=_("Strona internetowa"), required=False, assume_scheme="https")
    krs = forms.CharField(label=_("Numer KRS"), max_length=20, required=False)
    regon = forms.CharField(label=_("REGON"), max_length=20, required=False)
    opp = forms.BooleanField(label=_("Organizacja pożytku publicznego (OPP)"), required=False)
    areas = AreasField()
    note = forms.CharField(
        label=_("Uwagi dla urzędu"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        self.organisation = organisation
        initial = {f: getattr(organisation, f) for f in PROPOSABLE_FIELDS}
        initial["areas"] = list(organisation.areas.all())
        super().__init__(*args, initial=initial, **kwargs)  # type: ignore[misc]
        self.fields["proposer_name"].widget.attrs["autocomplete"] = "name"
        self.fields["proposer_email"].widget.attrs["autocomplete"] = "email"

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        changes = {}
        for field in PROPOSABLE_FIELDS:
            if data.get(field) != getattr(self.organisation, field):
                changes[field] = data.get(field)
        codes = sorted(a.code for a in data.get("areas", []))
        if codes != sorted(a.code for a in self.organisation.areas.all()):
            changes["areas"] = codes
        if not changes:
            raise forms.ValidationError(_("Nic nie zmieniono — popraw przynajmniej jedno pole."))
        # Validate the would-be entry with the model's own rules, without saving it.
        probe = Organisation.objects.get(pk=self.organisation.pk)
        for field, value in changes.items():
            if field != "areas":
                setattr(probe, field, value)
        try:
            probe.full_clean(exclude=["slug", "areas", "logo", "district"])
        except forms.ValidationError as err:
            for field, messages in err.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
            return data
        for field in ("krs", "regon"):
            if field in changes:
                changes[field] = getattr(probe, field)
        self.changes = changes
        return data


class CommentForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = SmallGrantComment
        fields = ["author_name", "author_email", "text"]
        help_texts = {"author_email": _("Niepubliczny; jeśli chcesz dostać odpowiedź.")}
        widgets = {"text": forms.Textarea(attrs={"rows": 5, "maxlength": 4000})}


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Szukaj w nazwie i opisie"), required=False, max_length=100)
    area = forms.ModelChoiceField(
        label=_("Sfera działalności"),
        queryset=Area.objects.all(),
        required=False,
        empty_label=_("wszystkie"),
    )
    district = forms.ModelChoiceField(
        label=_("Dzielnica"), queryset=None, required=False, empty_label=_("wszystkie")
    )
    opp = forms.BooleanField(label=_("Tylko organizacje pożytku publicznego"), required=False)

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        from django.apps import apps

        self.fields["district"].queryset = city_districts(
            apps.get_model("gis", "District").objects.order_by("name"), site
        )
        self.fields["q"].widget.attrs["type"] = "search"


class UnsubscribeForm(forms.Form):
    """A POST confirms, so mail scanners that open links do not unsubscribe anyone."""
