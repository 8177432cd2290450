"""Public forms: project submission, online support, appeal; admin decision form.

The forms only collect and check; saving happens in ``services`` inside one
transaction, so an invalid submission leaves nothing behind.
"""

from decimal import Decimal

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ratusz.budget import eligibility, files
from ratusz.budget.models import Attachment, Pool
from ratusz.core import images
from ratusz.core.forms import HoneypotMixin
from ratusz.core.pesel import parse_pesel
from ratusz.gis.lookup import district_at

# Cost rows: as many as the resident adds ("Dodaj pozycję"), bounded from outside.
COST_ROWS = 3  # shown on a fresh form
MAX_COST_ROWS = 30
# A draft is saved again and again by anyone: its files are bounded and replaced.
MAX_ATTACHMENTS = 10


def cost_row_count(data, initial=None, extra=0):
    """How many cost rows to draw: the count the form sent (``cost_rows``), never less
    than the highest row holding a value; for stored items one empty row more."""
    source = data if data is not None else (initial or {})
    highest = 0
    for key in source:
        parts = str(key).split("_")
        if len(parts) == 3 and parts[0] == "cost" and parts[1].isdigit():
            if source.get(key) not in (None, ""):
                highest = max(highest, int(parts[1]))
    try:
        sent = int(str(source.get("cost_rows", "")).strip() or "x")
    except ValueError:
        sent = None
    if sent is not None:
        count = max(COST_ROWS, sent, highest)
    else:
        count = max(COST_ROWS, highest + (1 if data is None else 0))
    return max(1, min(count + extra, MAX_COST_ROWS))


class AmountField(forms.DecimalField):
    """A number as people type it in Polish: "100 000,00" (spaces grouping thousands)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split()).replace("\u00a0", "").replace("\u202f", "")
        return super().to_python(value)


def _problem_text(problem):
    """Translate a plain-module Problem (msgid + params)."""
    text = gettext(problem.message)
    return text % problem.params if problem.params else text


class GroupField(forms.CharField):
    """A fieldset's error slot: never rendered as an input, only its errors.

    The template gives the fieldset the id ``id_<name>`` so the error summary
    link lands on it.
    """

    def __init__(self, **kwargs):
        super().__init__(required=False, widget=forms.HiddenInput, **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def check_upload(upload, max_bytes):
    """Return the sniffed MIME type or raise a Polish ValidationError."""
    head = upload.read(files.SNIFF_BYTES)
    upload.seek(0)
    mime, problems = files.check_file(upload.name, upload.size, head, max_bytes)
    if problems:
        raise forms.ValidationError([_problem_text(p) for p in problems])
    return mime


def redrawn(upload, mime):
    """A resident's image drawn anew by the code that redraws Wagtail images:
    no EXIF, GPS or camera data, and nothing that is not pixels (a JPEG that
    is also HTML comes out a plain JPEG). Other files are returned as they are."""
    if not mime.startswith("image/"):
        return upload
    upload.seek(0)
    try:
        data, _format = images.reencode(upload.read())
    except ValueError:
        raise forms.ValidationError(
            gettext("Nie udało się odczytać obrazu „%(name)s”. Zapisz go ponownie.")
            % {"name": upload.name},
            code="invalid_image",
        ) from None
    return SimpleUploadedFile(upload.name, data, content_type=mime)


class ProjectForm(HoneypotMixin, forms.Form):
    """The resident's submission (or draft, with fewer fields required)."""

    pool = forms.ModelChoiceField(
        label=_("Pula"), queryset=Pool.objects.none(), empty_label=_("— wybierz pulę —")
    )
    title = forms.CharField(label=_("Tytuł projektu"), max_length=200)
    description = forms.CharField(
        label=_("Opis projektu"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        help_text=_("Co ma powstać lub się odbyć, gdzie i dla kogo."),
    )
    justification = forms.CharField(
        label=_("Uzasadnienie"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Dlaczego projekt jest potrzebny mieszkańcom."),
    )
    location_text = forms.CharField(
        label=_("Miejsce realizacji"),
        max_length=300,
        required=False,
        help_text=_("Adres, numer działki lub opis miejsca."),
    )
    location_lat = forms.DecimalField(
        label=_("Szerokość geograficzna (np. 50,2406)"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        localize=True,
    )
    location_lon = forms.DecimalField(
        label=_("Długość geograficzna (np. 19,1416)"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        localize=True,
    )
    location = GroupField(label=_("Lokalizacja"))
    cost_items = GroupField(label=_("Kosztorys"))
    attachments = MultipleFileField(
        label=_("Załączniki (PDF, JPG, PNG, WebP)"),
        required=False,
        help_text=_(
            "Mapy, zdjęcia, szkice. Najwyżej 10 plików, każdy do 10 MB. Nowe pliki "
            "zastępują wcześniej dołączone."
        ),
    )
    support_scan = forms.FileField(
        label=_("Skan listy poparcia (PDF lub zdjęcie)"),
        required=False,
        help_text=_("Jeśli zbierasz podpisy na papierze."),
    )
    support_scan_count = forms.IntegerField(
        label=_("Liczba podpisów na liście papierowej"),
        required=False,
        min_value=0,
        max_value=10000,
    )
    supports = GroupField(label=_("Poparcie mieszkańców"))
    author_name = forms.CharField(label=_("Imię i nazwisko"), max_length=200)
    author_email = forms.EmailField(
        label=_("Adres e-mail"),
        help_text=_("Wyślemy na niego link do projektu i każdą decyzję urzędu."),
    )
    author_phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    author_birth_date = forms.DateField(
        label=_("Data urodzenia (dd.mm.rrrr)"),
        required=False,
        help_text=_("Potrzebna do sprawdzenia wieku; nie publikujemy jej."),
    )
    author_pesel = forms.CharField(
        label=_("PESEL"),
        max_length=11,
        required=False,
        help_text=_("Wymagany przez regulamin tej edycji; przechowujemy tylko jego skrót."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    guardian_consent = forms.BooleanField(
        label=_(
            "Mam zgodę opiekuna prawnego na przetwarzanie moich danych (dotyczy osób poniżej 16 lat)"
        ),
        required=False,
    )
    consent_scan = forms.FileField(label=_("Skan zgody opiekuna (PDF lub zdjęcie)"), required=False)
    author_name_public = forms.BooleanField(
        label=_("Zgadzam się na publikację mojego imienia i nazwiska przy projekcie"),
        required=False,
    )
    privacy_accepted = forms.BooleanField(
        label=_("Zapoznałem się / zapoznałam się z klauzulą informacyjną o przetwarzaniu danych"),
    )

    DRAFT_REQUIRED = {"pool", "title", "author_name", "author_email"}

    def __init__(
        self, *args, edition, draft=False, project=None, today=None, extra_rows=0, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.draft = draft
        self.project = project
        self.today = today or timezone.localdate()
        self.max_bytes = files.DEFAULT_MAX_BYTES
        self.fields["pool"].queryset = edition.pools.select_related("district").order_by(
            "sort_order", "name"
        )
        if edition.author_pesel_required:
            del self.fields["author_birth_date"]
            self.fields["author_pesel"].required = not draft
        else:
            del self.fields["author_pesel"]
            self.fields["author_birth_date"].required = not draft
        self.cost_count = cost_row_count(
            self.data if self.is_bound else None, self.initial, extra_rows
        )
        for i in range(1, self.cost_count + 1):
            self.fields[f"cost_{i}_name"] = forms.CharField(
                label=_("Pozycja %(n)d — nazwa") % {"n": i}, max_length=200, required=False
            )
            self.fields[f"cost_{i}_amount"] = AmountField(
                label=_("Pozycja %(n)d — kwota w zł") % {"n": i},
                required=False,
                max_digits=14,
                decimal_places=2,
                min_value=Decimal("0.01"),
                localize=True,
            )
        if draft:
            for name, field in self.fields.items():
                if name not in self.DRAFT_REQUIRED:
                    field.required = False

    def cost_rows(self):
        return [
            (self[f"cost_{i}_name"], self[f"cost_{i}_amount"])
            for i in range(1, self.cost_count + 1)
        ]

    def cost_total(self):
        """The running total as the form holds it (bound data or the stored items)."""
        total = Decimal("0")
        for _name_field, amount_field in self.cost_rows():
            value = amount_field.value()
            if value in (None, ""):
                continue
            try:
                total += Decimal(
                    "".join(str(value).split()).replace("\u00a0", "").replace(",", ".")
                )
            except ArithmeticError:
                continue
        return total if total.is_finite() and abs(total) < Decimal("1e13") else Decimal("0")

    def clean_attachments(self):
        uploads = self.cleaned_data.get("attachments") or []
        if len(uploads) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                ngettext(
                    "Dołącz najwyżej %(n)d plik.",
                    "Dołącz najwyżej %(n)d plików.",
                    MAX_ATTACHMENTS,
                )
                % {"n": MAX_ATTACHMENTS},
                code="too_many_files",
            )
        errors = []
        self.attachment_types = []
        for upload in uploads:
            try:
                mime = check_upload(upload, self.max_bytes)
                self.attachment_types.append((redrawn(upload, mime), mime))
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return [upload for upload, _mime in self.attachment_types]

    def _clean_single_upload(self, name):
        upload = self.cleaned_data.get(name)
        if upload:
            mime = check_upload(upload, self.max_bytes)
            setattr(self, f"{name}_type", mime)
            upload = redrawn(upload, mime)
        return upload

    def clean_support_scan(self):
        return self._clean_single_upload("support_scan")

    def clean_consent_scan(self):
        return self._clean_single_upload("consent_scan")

    def clean_author_pesel(self):
        text = self.cleaned_data.get("author_pesel", "")
        if not text:
            self.author_pesel = None
            return ""
        try:
            self.author_pesel = parse_pesel(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        return self.author_pesel.number

    def clean(self):
        data = super().clean()
        if not self.edition.submissions_open(self.today) and not self._is_correction():
            raise forms.ValidationError(
                _("Nabór projektów w tej edycji nie trwa; projektu nie można teraz złożyć.")
            )
        self.cost_item_list = self._cost_items(data)
        self._check_location(data)
        if self.draft:
            return data
        self._check_cost(data)
        self._check_author(data)
        self._check_supports(data)
        return data

    def _is_correction(self):
        from ratusz.budget.workflow import Status

        return self.project is not None and self.project.status == Status.RETURNED

    def _cost_items(self, data):
        items = []
        for i in range(1, self.cost_count + 1):
            name = (data.get(f"cost_{i}_name") or "").strip()
            amount = data.get(f"cost_{i}_amount")
            if not name and amount is None:
                continue
            if not name:
                self.add_error(f"cost_{i}_name", _("Podaj nazwę pozycji, której kwotę wpisano."))
            elif amount is None and f"cost_{i}_amount" not in self.errors:
                self.add_error(f"cost_{i}_amount", _("Podaj kwotę tej pozycji."))
            else:
                items.append(eligibility.CostItem(name, amount or Decimal("0")))
        return items

    def _check_cost(self, data):
        pool = data.get("pool")
        if pool is None or any(k.startswith("cost_") for k in self.errors):
            return
        for problem in eligibility.check_cost(self.cost_item_list, self.edition.rules, pool.amount):
            self.add_error("cost_items", _problem_text(problem))

    def _check_location(self, data):
        lat, lon = data.get("location_lat"), data.get("location_lon")
        if (lat is None) != (lon is None):
            self.add_error("location", _("Podaj obie współrzędne albo żadnej."))
            return
        pool = data.get("pool")
        if lat is None or pool is None or pool.kind != Pool.Kind.DISTRICT:
            return
        if pool.district is None or not getattr(pool.district, "geometry", None):
            return
        found = district_at(float(lon), float(lat), site=pool.edition.site_id)
        if found is None or found.pk != pool.district_id:
            self.add_error(
                "location",
                _(
                    "Wskazane miejsce leży poza dzielnicą %(district)s, do której należy wybrana pula."
                )
                % {"district": pool.district.name},
            )

    def _check_author(self, data):
        if "author_pesel" in self.fields:
            pesel = getattr(self, "author_pesel", None)
            birth, field = (pesel.birth_date if pesel else None), "author_pesel"
        else:
            birth, field = data.get("author_birth_date"), "author_birth_date"
        if birth is None:
            return
        if birth > self.today:
            self.add_error(field, _("Data urodzenia nie może być z przyszłości."))
            return
        consent = bool(data.get("guardian_consent"))
        person = eligibility.Person("author", birth, consent)
        day = self.edition.age_day(self.today)
        for problem in eligibility.check_author(person, self.edition.rules, day, field=field):
            self.add_error(problem.field, _problem_text(problem))

    def _check_supports(self, data):
        stored = self.project.supports.count() if self.project else 0
        scanned = data.get("support_scan_count") or 0
        if scanned and not (data.get("support_scan") or self._has_stored_scan()):
            self.add_error("support_scan", _("Dołącz skan listy poparcia z podanymi podpisami."))
            return
        total = stored + scanned
        required = self.edition.required_supports
        if total < required:
            self.add_error(
                "supports",
                _(
                    "Projekt ma %(valid)d podpisów poparcia (%(online)d w internecie, "
                    "%(paper)d na liście papierowej), a wymaganych jest %(required)d."
                )
                % {"valid": total, "online": stored, "paper": scanned, "required": required},
            )

    def _has_stored_scan(self):
        return bool(
            self.project
            and self.project.attachments.filter(kind=Attachment.Kind.SUPPORT_LIST).exists()
        )


class SupportForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label=_("Imię i nazwisko"), max_length=200)
    pesel = forms.CharField(
        label=_("PESEL"),
        max_length=11,
        help_text=_(
            "Sprawdzamy wiek i to, czy ta osoba nie poparła już projektu. Przechowujemy tylko skrót numeru."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    guardian_consent = forms.BooleanField(
        label=_("Mam zgodę opiekuna prawnego (dotyczy osób poniżej 16 lat)"), required=False
    )
    privacy_accepted = forms.BooleanField(
        label=_("Zapoznałem się / zapoznałam się z klauzulą informacyjną o przetwarzaniu danych")
    )

    def __init__(self, *args, edition, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.today = today or timezone.localdate()

    def clean_pesel(self):
        try:
            self.parsed_pesel = parse_pesel(self.cleaned_data["pesel"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        return self.parsed_pesel.number

    def clean(self):
        data = super().clean()
        parsed = getattr(self, "parsed_pesel", None)
        if parsed is None:
            return data
        person = eligibility.Person("s", parsed.birth_date, bool(data.get("guardian_consent")))
        day = self.edition.age_day(self.today)
        rules = self.edition.rules
        for problem in eligibility.check_author(person, rules, day, "pesel", supporter=True):
            self.add_error(problem.field, _problem_text(problem))
        return data


class AppealForm(forms.Form):
    reason = forms.CharField(
        label=_("Treść odwołania"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Napisz, dlaczego decyzja urzędu jest Twoim zdaniem błędna."),
    )


class DecisionForm(forms.Form):
    """The official's step in the admin; the workflow decides if it is legal."""

    action = forms.ChoiceField(label=_("Decyzja"))
    reason = forms.CharField(
        label=_("Uzasadnienie (publiczne)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    correction_deadline = forms.DateField(
        label=_("Termin uzupełnienia"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    new_cost = forms.DecimalField(
        label=_("Skorygowany koszt (zł)"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    merged_into = forms.ModelChoiceField(
        label=_("Połącz z projektem"), queryset=None, required=False
    )
    author_consent = forms.BooleanField(label=_("Autor zgodził się na połączenie"), required=False)

    # Which fields each decision needs (the others are hidden and ignored).
    NEEDS = {
        "reason": {
            "return_for_correction",
            "reject_formally",
            "assess_not_feasible",
            "correct_cost",
            "merge",
            "uphold_appeal",
            "dismiss_appeal",
            "assess_feasible",
            "admit_formally",
        },
        "correction_deadline": {"return_for_correction"},
        "new_cost": {"correct_cost"},
        "merged_into": {"merge"},
        "author_consent": {"merge"},
    }

    def __init__(self, *args, project, may=None, **kwargs):
        super().__init__(*args, **kwargs)
        from ratusz.budget.workflow import allowed_actions

        # Officials may also record an author's step made on paper (submission, appeal);
        # ``may`` drops the steps this official may not take (merit: the project's unit).
        self.fields["action"].widget = forms.RadioSelect()
        self.fields["action"].choices = [  # after the widget: the setter passes them on
            (a.value, gettext(a.label).capitalize())
            for a in allowed_actions(project.status)
            if may is None or may(a)
        ]
        self.fields["merged_into"].queryset = (
            project.edition.projects.public().exclude(pk=project.pk).order_by("number")
        )

    def needed_for(self, name):
        """The labels of the decisions that use field ``name`` (for the hint without JS)."""
        labels = dict(self.fields["action"].choices)
        return [str(labels[a]) for a in labels if a in self.NEEDS[name]]

    def conditional_fields(self):
        return [
            (self[name], " ".join(sorted(self.NEEDS[name])), self.needed_for(name))
            for name in self.NEEDS
        ]

    def clean(self):
        data = super().clean()
        action = data.get("action")
        # A value typed in a field this decision does not use is not part of it.
        for name, actions in self.NEEDS.items():
            if action not in actions:
                data[name] = False if name == "author_consent" else None
        return data


class SplitForm(forms.Form):
    """The split of an edition's district money: the total, one weight per factor
    (named in Polish) and one row per district pool with its own weight."""

    total = AmountField(
        label=_("Kwota do podziału między pule dzielnicowe (zł)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        localize=True,
    )

    def __init__(self, *args, edition, pools, **kwargs):
        from ratusz.budget.widgets import FACTORS

        super().__init__(*args, **kwargs)
        self.pools = pools
        factors = edition.allocation_factors or {}
        self.fields["total"].initial = edition.allocation_total
        for key, label in FACTORS:
            self.fields[f"factor_{key}"] = AmountField(
                label=label,
                required=False,
                min_value=Decimal("0"),
                max_value=Decimal("1000000"),
                max_digits=12,
                decimal_places=4,
                localize=True,
                initial=factors.get(key),
            )
        for pool in pools:
            self.fields[f"weight_{pool.pk}"] = AmountField(
                label=gettext("Waga własna puli %(pool)s") % {"pool": pool.name},
                required=False,
                min_value=Decimal("0"),
                max_digits=14,
                decimal_places=4,
                localize=True,
                initial=pool.weight,
            )

    def factor_fields(self):
        from ratusz.budget.widgets import FACTORS

        return [self[f"factor_{key}"] for key, _label in FACTORS]

    def rows(self):
        return [(pool, self[f"weight_{pool.pk}"]) for pool in self.pools]

    def factors(self):
        """``{"population": 1, ...}`` as the edition stores it (zero and empty left out)."""
        from ratusz.budget.widgets import FACTORS

        found = {}
        for key, _label in FACTORS:
            value = self.cleaned_data.get(f"factor_{key}")
            if value:
                found[key] = int(value) if value == value.to_integral() else float(value)
        return found

    def weights(self):
        return {pool.pk: self.cleaned_data.get(f"weight_{pool.pk}") for pool in self.pools}

    def clean(self):
        data = super().clean()
        if not self.errors and not self.factors():
            raise forms.ValidationError(
                gettext("Podaj wagę co najmniej jednego czynnika podziału.")
            )
        return data
