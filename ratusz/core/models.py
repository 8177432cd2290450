"""Site-wide models: dated facts, office settings, accessibility statement."""

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from . import colours, eaddress, terc
from .adminforms import CityAdminForm
from .storage import PrivateStorage
from .tenancy import city_field


def today():
    return timezone.localdate()


class ValidityQuerySet(models.QuerySet):
    """Records valid on a day: valid_from <= day and (no end or end >= day)."""

    def valid_on(self, day):
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day)
        )

    def current(self):
        return self.valid_on(today())

    def ended(self, on=None):
        return self.filter(valid_until__lt=on or today())


class ValidityMixin(models.Model):
    """A dated fact: it holds from ``valid_from`` until ``valid_until`` inclusive."""

    valid_from = models.DateField(_("obowiązuje od"))
    valid_until = models.DateField(
        _("obowiązuje do"), null=True, blank=True, help_text=_("Puste: obowiązuje nadal.")
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("Data końcowa nie może być wcześniejsza niż data początkowa.")}
            )

    def is_valid_on(self, day):
        return self.valid_from <= day and (self.valid_until is None or self.valid_until >= day)

    @property
    def is_current(self):
        return self.is_valid_on(today())


class EServiceLink(ValidityMixin):
    """A link to an e-service shown in the header (e.g. ePUAP, SEKAP, Silesia)."""

    label = models.CharField(_("etykieta"), max_length=60)
    url = models.URLField(_("adres"))
    description = models.CharField(_("opis"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    site = city_field()

    base_form_class = CityAdminForm
    panels = [
        FieldPanel("site"),
        FieldPanel("label"),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("valid_from"),
        FieldPanel("valid_until"),
    ]

    class Meta:
        ordering = ["sort_order", "label"]
        verbose_name = _("link do e-usługi")
        verbose_name_plural = _("linki do e-usług")

    def __str__(self):
        return self.label


def _validate_ade(value):
    try:
        eaddress.validate_ade(value)
    except ValueError as error:
        raise ValidationError(str(error)) from None


def _validate_epuap(value):
    try:
        eaddress.validate_epuap(value)
    except ValueError as error:
        raise ValidationError(str(error)) from None


def _validate_terc(value):
    try:
        terc.check(value)
    except terc.UnknownTerc as error:
        raise ValidationError(str(error)) from None


def _validate_colour(value):
    problem = colours.check_brand(value)
    if problem:
        raise ValidationError(problem)


@register_setting(icon="home")
class OfficeSettings(BaseSiteSetting):
    """The city's identity, one per site: names, office, contact, coat of arms, colours.

    Read it through ``ratusz.core.city.current``; templates get it as ``city``.
    ``manage.py ratusz_city new`` fills it in for a new city (docs/cities.md).
    """

    select_related = ["privacy_page", "contact_page", "coat_of_arms"]

    office_name = models.CharField(_("nazwa urzędu"), max_length=200, default="Urząd Miasta")
    city_name = models.CharField(_("nazwa miasta"), max_length=100, blank=True)
    city_genitive = models.CharField(
        _("nazwa miasta w dopełniaczu"),
        max_length=100,
        blank=True,
        help_text=_("Np. „Tychów”, jak w zdaniu „serwis miasta Tychów”."),
    )
    city_locative = models.CharField(
        _("w mieście (miejscownik z przyimkiem)"),
        max_length=110,
        blank=True,
        help_text=_("Np. „w Tychach”, „we Wrocławiu”, jak w zdaniu „mieszkam w Tychach”."),
    )
    terc = models.CharField(
        _("kod TERC gminy"), max_length=7, blank=True, validators=[_validate_terc]
    )
    coat_of_arms = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("herb"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    colour_primary = models.CharField(
        _("kolor główny"),
        max_length=7,
        blank=True,
        validators=[_validate_colour],
        help_text=_("#rrggbb; kontrast z białym tłem co najmniej 4,5:1. Puste: kolor Ratusza."),
    )
    colour_primary_dark = models.CharField(
        _("kolor nagłówków"),
        max_length=7,
        blank=True,
        validators=[_validate_colour],
        help_text=_("#rrggbb, zwykle ciemniejszy od głównego. Puste: kolor Ratusza."),
    )
    boundary = models.JSONField(_("granica miasta (GeoJSON, CRS84)"), null=True, blank=True)
    street = models.CharField(_("ulica i numer"), max_length=200, blank=True)
    postal_code = models.CharField(_("kod pocztowy"), max_length=6, blank=True)
    locality = models.CharField(_("miejscowość"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    fax = models.CharField(_("faks"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    ade_address = models.CharField(
        _("adres do e-Doręczeń"), max_length=30, blank=True, validators=[_validate_ade]
    )
    epuap_box = models.CharField(
        _("skrytka ePUAP"), max_length=100, blank=True, validators=[_validate_epuap]
    )
    opening_hours = models.TextField(_("godziny pracy"), blank=True)
    bip_url = models.URLField(_("adres BIP"), blank=True)
    nip = models.CharField(_("NIP"), max_length=13, blank=True)
    regon = models.CharField(_("REGON"), max_length=14, blank=True)
    latitude = models.DecimalField(
        _("szerokość geograficzna"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("długość geograficzna"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("strona z klauzulą informacyjną RODO"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("strona kontaktowa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("city_name"),
                FieldPanel("city_genitive"),
                FieldPanel("city_locative"),
                FieldPanel("terc"),
                FieldPanel("coat_of_arms"),
                FieldPanel("colour_primary"),
                FieldPanel("colour_primary_dark"),
            ],
            heading=_("Miasto"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("street"),
                FieldPanel("postal_code"),
                FieldPanel("locality"),
            ],
            heading=_("Adres"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
                FieldPanel("ade_address"),
                FieldPanel("epuap_box"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Kontakt"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("bip_url"),
                FieldPanel("nip"),
                FieldPanel("regon"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
                FieldPanel("privacy_page"),
                FieldPanel("contact_page"),
            ],
            heading=_("Pozostałe"),
        ),
    ]

    class Meta:
        verbose_name = _("dane urzędu")

    @property
    def of_city(self) -> str:
        """The name in the genitive ("Tychów"), or the nominative when not given."""
        return self.city_genitive or self.city_name

    @property
    def in_city(self) -> str:
        """The locative phrase ("w Tychach"); without it, one that needs no inflection."""
        if self.city_locative:
            return self.city_locative
        return _("w mieście %(city)s") % {"city": self.city_name} if self.city_name else ""


class AccessibilityStatus(models.TextChoices):
    COMPLIANT = "zgodna", _("zgodna")
    PARTIAL = "częściowo zgodna", _("częściowo zgodna")
    NON_COMPLIANT = "niezgodna", _("niezgodna")


@register_setting(icon="doc-full")
class AccessibilityStatement(BaseSiteSetting):
    """Deklaracja dostępności of one city's site, rendered with the ids the
    ministry's monitor reads."""

    entity_name = models.CharField(_("nazwa podmiotu"), max_length=200, default="Urząd Miasta")
    site_name = models.CharField(_("nazwa strony"), max_length=200, default="Serwis miasta")
    site_url = models.URLField(_("adres strony"), default="http://127.0.0.1:8000/")
    published_on = models.DateField(_("data publikacji strony"), default=date(2020, 9, 23))
    updated_on = models.DateField(_("data ostatniej istotnej aktualizacji"), default=date.today)
    status = models.CharField(
        _("status zgodności"),
        max_length=20,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.PARTIAL,
    )
    inaccessible_content = models.TextField(_("treści niedostępne"), blank=True)
    exclusions = models.TextField(_("wyłączenia"), blank=True)
    prepared_on = models.DateField(_("data sporządzenia deklaracji"), default=date.today)
    reviewed_on = models.DateField(_("data ostatniego przeglądu"), default=date.today)
    method = models.CharField(
        _("sposób sporządzenia"), max_length=200, default="samoocena przeprowadzona przez podmiot"
    )
    auditor = models.CharField(_("audytor zewnętrzny"), max_length=200, blank=True)
    shortcuts = models.TextField(_("ułatwienia i skróty klawiaturowe"), blank=True)
    contact_person = models.CharField(_("osoba kontaktowa"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail kontaktowy"), blank=True)
    contact_phone = models.CharField(_("telefon kontaktowy"), max_length=40, blank=True)
    procedure = models.TextField(_("procedura wnioskowo-skargowa"), blank=True)
    architecture = models.TextField(_("dostępność architektoniczna"), blank=True)
    mobile_apps = models.TextField(_("aplikacje mobilne"), blank=True)

    class Meta:
        verbose_name = _("deklaracja dostępności")

    def review_due(self, day=None):
        """True when the yearly review (due by 31 March) has been missed."""
        day = day or today()
        # The review for year Y must fall in Y and be done by 31 March of Y.
        year = day.year if day > date(day.year, 3, 31) else day.year - 1
        return self.reviewed_on < date(year, 1, 1)


def _job_input_path(instance, filename):
    # the clerk's file name is kept in `input_name`; the stored name says nothing
    return f"jobs/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Job(models.Model):
    """Long work an official starts in the admin and the task worker does.

    Layer and list imports, CAP imports, reindexing: the web request stores the
    input and queues; the worker runs the job in a child process under a memory
    and time limit (``ratusz.core.jobs``) and records progress and a report.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("w kolejce")
        RUNNING = "running", _("w toku")
        DONE = "done", _("zakończone")
        FAILED = "failed", _("nieudane")

    class Review(models.TextChoices):
        NONE = "", _("nie dotyczy")
        WAITING = "waiting", _("czeka na publikację")
        PUBLISHED = "published", _("opublikowane")
        REJECTED = "rejected", _("odrzucone")

    kind = models.CharField(_("rodzaj"), max_length=60)
    title = models.CharField(_("opis"), max_length=300)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zlecił"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # the city whose records the job reads and writes (ratusz.core.tenancy);
    # none: work for the whole installation (or a database without any site yet)
    site = city_field(
        null=True, blank=True, help_text=_("Miasto, którego dane zadanie czyta i zmienia.")
    )
    status = models.CharField(
        _("stan"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    dry_run = models.BooleanField(_("próba (nic nie zapisuje)"), default=False)
    params = models.JSONField(_("parametry"), default=dict, blank=True)
    input_file = models.FileField(
        _("plik"), upload_to=_job_input_path, storage=PrivateStorage(), blank=True
    )
    input_name = models.CharField(_("nazwa pliku"), max_length=255, blank=True)
    done = models.PositiveIntegerField(_("wykonano"), default=0)
    total = models.PositiveIntegerField(_("razem"), null=True, blank=True)
    summary = models.TextField(_("podsumowanie"), blank=True)
    error = models.TextField(_("powód niepowodzenia"), blank=True)
    report = models.JSONField(_("raport"), default=list, blank=True)
    result = models.JSONField(_("wynik"), default=dict, blank=True)
    review = models.CharField(
        _("publikacja"), max_length=10, choices=Review.choices, default="", blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opublikował"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("zlecono"), auto_now_add=True)
    started_at = models.DateTimeField(_("rozpoczęto"), null=True, blank=True)
    finished_at = models.DateTimeField(_("zakończono"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("data publikacji"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("zadanie w tle")
        verbose_name_plural = _("zadania w tle")
        indexes = [models.Index(fields=["status", "created_at"], name="core_job_status")]

    def __str__(self):
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)


class CityStaff(models.Model):
    """A staff member's city: they see and change that city's records only.

    Without any row a user works for the default site (a one-city installation
    needs none); a superuser works for all (``ratusz.core.tenancy``).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="city_assignments",
        verbose_name=_("pracownik"),
    )
    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("miasto")
    )

    panels = [FieldPanel("user"), FieldPanel("site")]

    class Meta:
        verbose_name = _("przydział do miasta")
        verbose_name_plural = _("miasta pracowników")
        constraints = [
            models.UniqueConstraint(fields=["user", "site"], name="core_citystaff_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.site}"
