"""Participatory budget: editions, pools, projects, supports, status log.

Part II (ratusz.budget.voting) builds ballots and tallies on these models; the
fields marked "part II" are the rules it reads. Add fields only in new
migrations.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.budget import eligibility
from ratusz.budget.admin_forms import BudgetAdminForm, EditionAdminForm
from ratusz.budget.storage import PrivateStorage
from ratusz.budget.workflow import NEGATIVE, POSITIVE, STATUS_LABELS, Calendar, Status
from ratusz.core import city as city_identity
from ratusz.core.privacy import EncryptedTextField
from ratusz.core.tenancy import city_field, default_site_id

MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}
# Paths under budzet-obywatelski/ that an edition slug must not shadow.
RESERVED_SLUGS = {"projekty", "moj-projekt", "poparcie", "zalacznik"}


class Edition(models.Model):
    """One yearly call, with the dates and limits of the council's resolution."""

    class SecondVote(models.TextChoices):
        REFUSE = "refuse", _("druga próba odrzucona, pierwszy głos ważny")
        INVALIDATE_ALL = "invalidate_all", _("wszystkie głosy tej osoby nieważne")

    base_form_class = EditionAdminForm
    site = city_field()
    year = models.PositiveSmallIntegerField(
        _("rok realizacji"), help_text=_("Rok budżetu, w którym projekty będą realizowane.")
    )
    name = models.CharField(_("nazwa"), max_length=200)
    slug = models.SlugField(_("identyfikator w adresie"), max_length=80)
    city = models.CharField(_("miasto"), max_length=100, default=city_identity.default_name)
    number_prefix = models.CharField(
        _("skrót w numerach projektów"),
        max_length=10,
        default="BO",
        help_text=_("Np. „BO” albo skrót nazwy budżetu miasta; numer projektu: BO/2027/A/001."),
        validators=[RegexValidator(r"^[A-Z0-9]{1,10}$", _("Wielkie litery i cyfry, bez spacji."))],
    )
    description = models.TextField(_("opis"), blank=True)
    rules_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("regulamin (uchwała)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rules_url = models.URLField(_("adres regulaminu"), blank=True)
    privacy_notice = models.TextField(
        _("klauzula informacyjna"),
        blank=True,
        help_text=_("Kto przetwarza dane, na jakiej podstawie i kiedy zostaną usunięte."),
    )

    submissions_start = models.DateField(_("nabór projektów od"), null=True, blank=True)
    submissions_end = models.DateField(_("nabór projektów do"), null=True, blank=True)
    formal_check_end = models.DateField(_("ocena formalna do"), null=True, blank=True)
    merit_check_end = models.DateField(_("ocena merytoryczna do"), null=True, blank=True)
    lists_published_on = models.DateField(
        _("publikacja list projektów"),
        null=True,
        blank=True,
        help_text=_("Od tego dnia listy są publiczne i biegnie termin odwołań."),
    )
    appeals_end = models.DateField(_("odwołania do"), null=True, blank=True)
    final_list_on = models.DateField(_("publikacja listy ostatecznej"), null=True, blank=True)
    voting_start = models.DateTimeField(_("głosowanie od"), null=True, blank=True)
    voting_end = models.DateTimeField(_("głosowanie do"), null=True, blank=True)
    results_on = models.DateField(_("ogłoszenie wyników"), null=True, blank=True)
    implementation_end = models.DateField(_("realizacja do"), null=True, blank=True)

    min_cost = models.DecimalField(
        _("najniższy koszt projektu (zł)"), default=Decimal("2500"), **MONEY
    )
    max_cost = models.DecimalField(
        _("najwyższy koszt projektu (zł)"), null=True, blank=True, **MONEY
    )
    max_cost_share = models.DecimalField(
        _("najwyższy koszt jako część puli"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        default=Decimal("0.80"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Np. 0,80 = 80 % kwoty puli. Puste: bez limitu."),
    )
    min_age = models.PositiveSmallIntegerField(
        _("najniższy wiek autora i popierającego"), default=15
    )
    consent_below_age = models.PositiveSmallIntegerField(
        _("zgoda opiekuna poniżej wieku"), default=16
    )
    age_reference_date = models.DateField(
        _("dzień, na który liczy się wiek"),
        null=True,
        blank=True,
        help_text=_("Puste: dzień złożenia projektu lub poparcia."),
    )
    required_supports = models.PositiveSmallIntegerField(_("wymagana liczba poparć"), default=15)
    author_pesel_required = models.BooleanField(_("autor podaje PESEL"), default=False)

    # part II: who votes and what a second attempt does.
    voter_min_age = models.PositiveSmallIntegerField(_("najniższy wiek głosującego"), default=15)
    second_vote_policy = models.CharField(
        _("druga próba głosowania"),
        max_length=20,
        choices=SecondVote.choices,
        default=SecondVote.REFUSE,
    )
    address_required = models.BooleanField(_("głosujący podaje adres"), default=False)

    allocation_total = models.DecimalField(
        _("kwota do podziału między pule dzielnicowe"), null=True, blank=True, **MONEY
    )
    allocation_factors = models.JSONField(
        _("czynniki podziału"),
        default=dict,
        blank=True,
        help_text=_('Np. {"population": 1, "area_km2": 1} lub {"equal": 1, "population": 2}.'),
    )

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("edycja budżetu obywatelskiego")
        verbose_name_plural = _("edycje budżetu obywatelskiego")
        constraints = [
            # two cities may both have "2026": the address is the city's host plus the slug
            models.UniqueConstraint(fields=["site", "slug"], name="budget_edition_slug_per_city")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A new edition of another city than the default one is named after its own
        # city, not after the default site's (the field's default).
        if (
            self._state.adding
            and self.site_id
            and self.site_id != default_site_id()
            and self.city == city_identity.default_name()
        ):
            self.city = city_identity.current(self.site).city_name or self.city
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("budget:edition", args=[self.slug])

    def clean(self):
        super().clean()
        pairs = [
            ("submissions_start", "submissions_end"),
            ("submissions_end", "lists_published_on"),
            ("lists_published_on", "appeals_end"),
            ("voting_start", "voting_end"),
        ]
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("Ten identyfikator jest zajęty przez adres serwisu; wybierz inny.")
        for start, end in pairs:
            a, b = getattr(self, start), getattr(self, end)
            if a and b and b < a:
                errors[end] = _("Ta data nie może być wcześniejsza niż poprzedni etap.")
        if (
            self.pk
            and self.voting_end
            and self.voting_end > timezone.now()
            and type(self).objects.filter(pk=self.pk, tally__isnull=False).exists()
        ):
            # Reopening the vote over published results needs the logged step first.
            errors["voting_end"] = _(
                "Głosy tej edycji są już policzone. Aby ponownie otworzyć głosowanie, najpierw "
                "unieważnij wyniki (Liczenie głosów → Unieważnij wyniki)."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def calendar(self):
        return Calendar(
            submissions_start=self.submissions_start,
            submissions_end=self.submissions_end,
            lists_published=self.lists_published_on,
            appeals_end=self.appeals_end,
        )

    @property
    def rules(self):
        return eligibility.Rules(
            min_cost=self.min_cost,
            max_cost=self.max_cost,
            max_cost_share=self.max_cost_share,
            min_age=self.min_age,
            consent_below_age=self.consent_below_age,
            required_supports=self.required_supports,
        )

    def age_day(self, day=None):
        return self.age_reference_date or day or timezone.localdate()

    def submissions_open(self, day=None):
        from ratusz.budget.workflow import in_submission_phase

        return in_submission_phase(self.calendar, day or timezone.localdate())

    def voting_open(self, now=None):
        now = now or timezone.now()
        return bool(
            self.voting_start and self.voting_end and self.voting_start <= now <= self.voting_end
        )

    def results_public(self, now=None):
        """Counts stay hidden until voting has ended and the results day has come."""
        now = now or timezone.now()
        if not self.voting_end or now < self.voting_end:
            return False
        return self.results_on is None or self.results_on <= timezone.localdate(now)

    def lists_public(self, day=None):
        return self.lists_published_on is not None and (
            self.lists_published_on <= (day or timezone.localdate())
        )

    def final_list_public(self, day=None):
        return self.final_list_on is not None and self.final_list_on <= (
            day or timezone.localdate()
        )


class Pool(models.Model):
    """A part of the edition's money: citywide, one district, or a theme."""

    CITY_PATH = "edition__site"
    base_form_class = BudgetAdminForm

    class Kind(models.TextChoices):
        CITYWIDE = "citywide", _("ogólnomiejska")
        DISTRICT = "district", _("dzielnicowa")
        THEMATIC = "thematic", _("tematyczna")

    class BallotKind(models.TextChoices):
        APPROVAL = "approval", _("aprobująca (wybór do N projektów)")
        CHOOSE_ONE = "choose_one", _("wybór jednego projektu")
        CUMULATIVE = "cumulative", _("punktowa (rozdział punktów)")
        RANKED = "ranked", _("rankingowa (np. 3/2/1 pkt)")
        KNAPSACK = "knapsack", _("koszykowa (suma kosztów w limicie puli)")

    class CountingRule(models.TextChoices):
        GREEDY = "greedy", _("kolejno według głosów, z pomijaniem niemieszczących się")
        GREEDY_NO_SKIP = (
            "greedy_no_skip",
            _("kolejno według głosów, do pierwszego niemieszczącego się"),
        )
        MES_ADD1 = "mes_add1", _("metoda równych udziałów z uzupełnieniem Add1")
        POZNAN_80 = "poznan_80", _("zasada 80 % (Poznań)")

    class Leftover(models.TextChoices):
        NONE = "none", _("pozostaje niewykorzystana")
        TO_CITYWIDE = "to_citywide", _("przechodzi do puli ogólnomiejskiej")
        TO_BEST_TURNOUT = "to_best_turnout", _("przechodzi do dzielnicy o najwyższej frekwencji")

    edition = models.ForeignKey(
        Edition, verbose_name=_("edycja"), on_delete=models.CASCADE, related_name="pools"
    )
    kind = models.CharField(_("rodzaj"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("nazwa"), max_length=200)
    slug = models.SlugField(_("identyfikator w adresie"), max_length=80)
    code = models.CharField(
        _("oznaczenie"), max_length=20, blank=True, help_text=_("Np. D01; część numeru projektu.")
    )
    district = models.ForeignKey(
        "gis.District",
        verbose_name=_("dzielnica"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_pools",
    )
    amount = models.DecimalField(
        _("kwota (zł)"), validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    population = models.PositiveIntegerField(_("liczba mieszkańców"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("powierzchnia (km²)"), max_digits=9, decimal_places=3, null=True, blank=True
    )
    weight = models.DecimalField(
        _("inna waga podziału"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    sort_order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    # part II: the ballot and the counting rule of this pool.
    ballot_kind = models.CharField(
        _("rodzaj karty"), max_length=20, choices=BallotKind.choices, default=BallotKind.APPROVAL
    )
    min_choices = models.PositiveSmallIntegerField(_("najmniej wybranych projektów"), default=1)
    max_choices = models.PositiveSmallIntegerField(
        _("najwięcej wybranych projektów"), null=True, blank=True
    )
    points_total = models.PositiveSmallIntegerField(_("pula punktów"), null=True, blank=True)
    points_per_project_max = models.PositiveSmallIntegerField(
        _("najwięcej punktów na projekt"), null=True, blank=True
    )
    rank_points = models.CharField(
        _("punkty za miejsca"), max_length=50, blank=True, help_text=_("Np. 3,2,1.")
    )
    counting_rule = models.CharField(
        _("zasada liczenia"),
        max_length=20,
        choices=CountingRule.choices,
        default=CountingRule.GREEDY,
    )
    min_support = models.PositiveIntegerField(_("próg poparcia (głosy)"), default=0)
    min_support_share = models.DecimalField(
        _("próg poparcia (część ważnych kart)"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    leftover_transfer = models.CharField(
        _("niewykorzystane środki"), max_length=20, choices=Leftover.choices, default=Leftover.NONE
    )

    class Meta:
        ordering = ["edition", "sort_order", "name"]
        verbose_name = _("pula")
        verbose_name_plural = _("pule")
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="budget_pool_slug_per_edition")
        ]

    def __str__(self):
        return f"{self.name} ({self.edition})"

    def save(self, *args, **kwargs):
        # A district pool takes the district's figures from the GIS app unless set by hand.
        if self.district_id:
            if self.area_km2 is None:
                self.area_km2 = self.district.area_km2
            if self.population is None:
                self.population = self.district.population
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.kind == self.Kind.DISTRICT and not self.district_id:
            raise ValidationError({"district": _("Pula dzielnicowa wymaga wskazania dzielnicy.")})
        if self.kind != self.Kind.DISTRICT and self.district_id:
            raise ValidationError(
                {"district": _("Dzielnicę wskazuje się tylko dla puli dzielnicowej.")}
            )
        if self.ballot_kind == self.BallotKind.CUMULATIVE and not self.points_total:
            raise ValidationError(
                {"points_total": _("Karta punktowa wymaga puli punktów do rozdania.")}
            )
        if self.ballot_kind == self.BallotKind.RANKED and self.rank_points:
            parts = [part.strip() for part in self.rank_points.split(",")]
            if not all(part.isdigit() and int(part) > 0 for part in parts) or parts != sorted(
                parts, key=int, reverse=True
            ):
                raise ValidationError(
                    {
                        "rank_points": _(
                            "Podaj malejące liczby punktów oddzielone przecinkami, np. 3,2,1."
                        )
                    }
                )

    @property
    def max_project_cost(self):
        return eligibility.max_cost(self.edition.rules, self.amount)


class ExclusionGroup(models.Model):
    """Mutually exclusive projects (e.g. two plans for one park): at most one is funded."""

    CITY_PATH = "edition__site"
    base_form_class = BudgetAdminForm

    edition = models.ForeignKey(
        Edition, verbose_name=_("edycja"), on_delete=models.CASCADE, related_name="exclusion_groups"
    )
    name = models.CharField(_("nazwa"), max_length=200)
    reason = models.TextField(_("dlaczego się wykluczają"), blank=True)

    class Meta:
        verbose_name = _("grupa projektów wykluczających się")
        verbose_name_plural = _("grupy projektów wykluczających się")

    def __str__(self):
        return self.name


class ProjectQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=Status.DRAFT)

    def positive(self):
        return self.filter(status__in=[s.value for s in POSITIVE])

    def negative(self):
        return self.filter(status__in=[s.value for s in NEGATIVE])

    def admitted(self):
        return self.filter(status=Status.ADMITTED)


class Project(models.Model):
    """A resident's proposal, from draft to the vote."""

    CITY_PATH = "edition__site"
    base_form_class = BudgetAdminForm

    edition = models.ForeignKey(
        Edition, verbose_name=_("edycja"), on_delete=models.CASCADE, related_name="projects"
    )
    pool = models.ForeignKey(
        Pool, verbose_name=_("pula"), on_delete=models.PROTECT, related_name="projects"
    )
    number = models.CharField(_("numer"), max_length=40, blank=True)
    title = models.CharField(_("tytuł"), max_length=200)
    description = models.TextField(_("opis"))
    justification = models.TextField(_("uzasadnienie"))
    location_lon = models.DecimalField(
        _("długość geograficzna"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    location_lat = models.DecimalField(
        _("szerokość geograficzna"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    location_text = models.CharField(_("miejsce realizacji"), max_length=300, blank=True)
    cost = models.DecimalField(_("koszt (zł)"), default=Decimal("0"), **MONEY)
    cost_submitted = models.DecimalField(
        _("koszt podany przez autora (zł)"), null=True, blank=True, **MONEY
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=[(s.value, _(label)) for s, label in STATUS_LABELS.items()],
        default=Status.DRAFT,
    )
    status_reason = models.TextField(_("uzasadnienie ostatniej decyzji"), blank=True)
    correction_deadline = models.DateField(_("termin uzupełnienia"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("połączony z"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
    )
    exclusion_group = models.ForeignKey(
        ExclusionGroup,
        verbose_name=_("grupa wykluczających się"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    # The department that checks the project on its merits (feasibility, cost).
    merit_unit = models.ForeignKey(
        "services.OfficeUnit",
        verbose_name=_("komórka oceniająca merytorycznie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_projects",
        help_text=_("Komórka urzędu odpowiedzialna za ocenę merytoryczną projektu."),
    )

    # The author: personal data encrypted, only the name shown and only with consent.
    author_name = EncryptedTextField(_("imię i nazwisko autora"))
    author_email = EncryptedTextField(_("e-mail autora"), blank=True)
    author_phone = EncryptedTextField(_("telefon autora"), blank=True)
    author_pesel_hash = models.CharField(_("skrót PESEL autora"), max_length=64, blank=True)
    author_age_confirmed = models.BooleanField(_("autor potwierdził wiek"), default=False)
    author_guardian_consent = models.BooleanField(_("zgoda opiekuna autora"), default=False)
    author_name_public = models.BooleanField(
        _("zgoda na publikację imienia i nazwiska"), default=False
    )
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("konto autora"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_projects",
    )
    draft_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    support_scan_count = models.PositiveSmallIntegerField(
        _("podpisy na liście papierowej"), default=0
    )
    personal_data_purged = models.BooleanField(_("dane osobowe usunięte"), default=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("złożono"), null=True, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "pool__sort_order", "number", "pk"]
        verbose_name = _("projekt")
        verbose_name_plural = _("projekty")
        permissions = [
            # Coordinators record any merit decision; a department's members only
            # those of projects named to their unit (MeritReviewer).
            ("coordinate_project", _("Koordynuje budżet: ocena merytoryczna każdego projektu")),
            ("review_merit", _("Ocenia merytorycznie projekty swojej komórki")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "number"],
                condition=~models.Q(number=""),
                name="budget_project_number_per_edition",
            )
        ]

    def __str__(self):
        return f"{self.number} {self.title}".strip()

    def get_absolute_url(self):
        return reverse("budget:project", args=[self.edition.slug, self.pk])

    @property
    def status_enum(self):
        return Status(self.status)

    @property
    def point(self):
        if self.location_lon is None or self.location_lat is None:
            return None
        return float(self.location_lon), float(self.location_lat)

    def online_support_count(self):
        return self.supports.count()


class CostItem(models.Model):
    CITY_PATH = "project__edition__site"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="cost_items", verbose_name=_("projekt")
    )
    position = models.PositiveSmallIntegerField(_("lp."), default=0)
    name = models.CharField(_("składnik kosztu"), max_length=200)
    amount = models.DecimalField(
        _("kwota (zł)"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )

    class Meta:
        ordering = ["project", "position", "pk"]
        verbose_name = _("pozycja kosztorysu")
        verbose_name_plural = _("pozycje kosztorysu")

    def __str__(self):
        return self.name


def _attachment_path(instance, filename):
    # A random name: scans of support lists must not be guessable.
    import uuid

    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    if not suffix.isascii() or not suffix.isalnum() or len(suffix) > 10:
        suffix = "bin"  # "a./../x" must not pick a directory for the file
    return f"budget/{instance.project.edition_id}/{uuid.uuid4().hex}.{suffix}"


class Attachment(models.Model):
    CITY_PATH = "project__edition__site"

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("dokument")
        IMAGE = "image", _("zdjęcie lub mapa")
        SUPPORT_LIST = "support_list", _("lista poparcia (skan)")
        CONSENT = "consent", _("zgoda opiekuna (skan)")

    PUBLIC_KINDS = (Kind.DOCUMENT, Kind.IMAGE)

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("projekt")
    )
    kind = models.CharField(_("rodzaj"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("plik"), upload_to=_attachment_path, storage=PrivateStorage())
    original_name = models.CharField(_("nazwa pliku"), max_length=200)
    content_type = models.CharField(_("typ"), max_length=100)
    size = models.PositiveIntegerField(_("rozmiar (bajty)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("załącznik")
        verbose_name_plural = _("załączniki")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("budget:attachment", args=[self.pk])

    @property
    def is_public(self):
        return self.kind in self.PUBLIC_KINDS


class Support(models.Model):
    """One person's support for one project; the PESEL only as a keyed hash."""

    CITY_PATH = "project__edition__site"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="supports", verbose_name=_("projekt")
    )
    name = EncryptedTextField(_("imię i nazwisko"))
    pesel_hash = models.CharField(_("skrót PESEL"), max_length=64)
    guardian_consent = models.BooleanField(_("zgoda opiekuna"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("poparcie")
        verbose_name_plural = _("poparcia")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "pesel_hash"], name="budget_one_support_per_person"
            )
        ]

    def __str__(self):
        return _("Poparcie nr %(pk)s") % {"pk": self.pk}


PESEL_HASH_PURPOSE = "budget-support"


class StatusChange(models.Model):
    """Who changed a project's status, when and why (the public decision log)."""

    CITY_PATH = "project__edition__site"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="history", verbose_name=_("projekt")
    )
    action = models.CharField(_("krok"), max_length=30)
    from_status = models.CharField(_("status przed"), max_length=20, blank=True)
    to_status = models.CharField(_("status po"), max_length=20)
    reason = models.TextField(_("uzasadnienie"), blank=True)
    details = models.JSONField(_("szczegóły"), default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("urzędnik"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_author = models.BooleanField(_("krok autora"), default=False)
    created_at = models.DateTimeField(_("kiedy"), default=timezone.now)

    class Meta:
        ordering = ["project", "created_at", "pk"]
        verbose_name = _("zmiana statusu")
        verbose_name_plural = _("zmiany statusu")

    def __str__(self):
        return f"{self.project_id}: {self.from_status} → {self.to_status}"

    @property
    def to_label(self):
        return _(STATUS_LABELS[Status(self.to_status)])


class MeritReviewer(models.Model):
    """A member of an office unit who records the merit decisions of the projects
    named to that unit (and sees them as the unit's queue)."""

    # its own city: an office unit is not (yet) a city's record
    base_form_class = BudgetAdminForm
    site = city_field()
    unit = models.ForeignKey(
        "services.OfficeUnit",
        verbose_name=_("komórka urzędu"),
        on_delete=models.CASCADE,
        related_name="budget_reviewers",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pracownik (konto w panelu)"),
        on_delete=models.CASCADE,
        related_name="budget_merit_units",
    )

    class Meta:
        ordering = ["unit", "user"]
        verbose_name = _("oceniający merytorycznie")
        verbose_name_plural = _("oceniający merytorycznie")
        constraints = [
            models.UniqueConstraint(fields=["unit", "user"], name="budget_merit_reviewer_unique")
        ]

    def __str__(self):
        return f"{self.unit} — {self.user}"
