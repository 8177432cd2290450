"""Public filter form of the list, and the admin import form."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from ratusz.core.adminforms import CityAdminForm
from ratusz.core.tenancy import for_user, in_city, user_site_ids

from .models import Beneficiary, Fund, Project, Status

MAX_UPLOAD = 100 * 1024 * 1024  # the 2014–2020 list is about 60 MB


class ProjectFilterForm(forms.Form):
    programme = forms.ChoiceField(label=_("Program"), required=False)
    fund = forms.ChoiceField(
        label=_("Fundusz"),
        required=False,
        choices=[("", _("wszystkie"))] + [c for c in Fund.choices if c[0]],
    )
    status = forms.ChoiceField(
        label=_("Stan"), required=False, choices=[("", _("wszystkie")), *Status.choices]
    )
    year = forms.IntegerField(
        label=_("Realizowany w roku"),
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": _("Podaj rok liczbą, np. 2025."),
            "min_value": _("Podaj rok od 2000."),
            "max_value": _("Podaj rok do 2100."),
        },
    )
    unit = forms.ModelChoiceField(
        label=_("Jednostka"),
        required=False,
        queryset=Beneficiary.objects.all(),
        empty_label=_("wszystkie"),
        error_messages={"invalid_choice": _("Nie ma takiej jednostki.")},
    )

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = in_city(Beneficiary.objects.all(), site)
        programmes = (
            in_city(Project.objects.published(), site)
            .order_by("programme")
            .values_list("programme", flat=True)
        )
        self.fields["programme"].choices = [("", _("wszystkie"))] + [
            (p, p) for p in dict.fromkeys(programmes)
        ]
        for name in ("programme", "fund", "status"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "Wybierz jedną z dostępnych wartości."
            )

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("programme"):
            queryset = queryset.filter(programme=data["programme"])
        if data.get("fund"):
            queryset = queryset.filter(fund=data["fund"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("unit"):
            queryset = queryset.filter(unit=data["unit"])
        if data.get("year"):
            year = data["year"]
            queryset = queryset.filter(start_date__year__lte=year).exclude(end_date__year__lt=year)
        return queryset


class ImportForm(forms.Form):
    site = forms.ModelChoiceField(
        label=_("Miasto"),
        queryset=Site.objects.order_by("site_name", "hostname"),
        empty_label=None,
        help_text=_("Do rejestru tego miasta trafią projekty z pliku."),
    )
    file = forms.FileField(
        label=_("Plik oficjalnej listy projektów"),
        help_text=_(
            "Lista_projektow_FE_2021_2027_….xlsx albo lista 2014–2020 (XLSX lub CSV) "
            "z funduszeeuropejskie.gov.pl lub dane.gov.pl."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Tylko sprawdź (nic nie zapisuj)"), required=False, initial=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        ids = user_site_ids(user)
        field = self.fields["site"]
        if ids is not None:
            field.queryset = field.queryset.filter(pk__in=ids)
        if field.queryset.count() == 1:
            field.initial = field.queryset.first()
            field.disabled = True

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Plik jest za duży (ponad 100 MB)."))
        name = upload.name.lower()
        if not name.endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Oczekiwano pliku .xlsx lub .csv."))
        return upload


class ProjectAdminForm(CityAdminForm):
    """A project's admin form: its unit is one of the user's cities' beneficiaries."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit = self.fields.get("unit")
        if unit is not None and self.for_user is not None:
            unit.queryset = for_user(unit.queryset, self.for_user)

    def clean(self):
        cleaned = super().clean()
        unit, site = cleaned.get("unit"), cleaned.get("site")
        if unit is not None and site is not None and unit.site_id != site.pk:
            self.add_error("unit", _("Wybierz jednostkę z tego samego miasta co projekt."))
        return cleaned
