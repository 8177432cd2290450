"""The register of the city's EU-funded projects.

Facts published in the official list are imported (see importer.py) and kept with their
history; what only the city knows (goal, results, indicators, photos, documents, place on
the map) is written by editors and never touched by an import.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from ratusz.core.adminforms import CityAdminForm
from ratusz.core.tenancy import city_field
from ratusz.gis.lookup import district_at

from . import geometry as geo_rules
from .beneficiary import normalise_identifier
from .values import derived_rate
from .visibility import physical_duty, total_in_eur


class Period(models.TextChoices):
    P2021 = "2021-2027", _("2021–2027")
    P2014 = "2014-2020", _("2014–2020")
    KPO = "KPO", _("Krajowy Plan Odbudowy")


class Fund(models.TextChoices):
    EFRR = "EFRR", _("Europejski Fundusz Rozwoju Regionalnego (EFRR)")
    EFS_PLUS = "EFS+", _("Europejski Fundusz Społeczny Plus (EFS+)")
    EFS = "EFS", _("Europejski Fundusz Społeczny (EFS)")
    FS = "FS", _("Fundusz Spójności (FS)")
    FST = "FST", _("Fundusz na rzecz Sprawiedliwej Transformacji (FST)")
    KPO = "KPO", _("Krajowy Plan Odbudowy (RRF)")
    EFMRA = "EFMRA", _("Europejski Fundusz Morski, Rybacki i Akwakultury (EFMRA)")
    FAMI = "FAMI", _("Fundusz Azylu, Migracji i Integracji (FAMI)")
    FBW = "FBW", _("Fundusz Bezpieczeństwa Wewnętrznego (FBW)")
    IZGW = "IZGW", _("Instrument Zarządzania Granicami i Wiz (IZGW)")
    OTHER = "", _("inny lub nieokreślony")


class Status(models.TextChoices):
    PLANNED = "planned", _("planowany")
    IN_PROGRESS = "in_progress", _("w realizacji")
    COMPLETED = "completed", _("zakończony")
    SETTLED = "settled", _("rozliczony")


class Currency(models.TextChoices):
    PLN = "PLN", _("zł")
    EUR = "EUR", _("euro")


def _validate_identifier(value):
    if value and not normalise_identifier(value):
        raise ValidationError(_("To nie jest poprawny numer NIP ani REGON."))


class Beneficiary(models.Model):
    """The city or one of its units, as named in the official list."""

    site = city_field()
    name = models.CharField(
        _("nazwa w wykazie"),
        max_length=300,
        help_text=_("Dokładnie tak, jak w kolumnie „Nazwa beneficjenta” oficjalnej listy."),
    )
    short_name = models.CharField(
        _("jednostka (krótko)"), max_length=100, help_text=_("Pokazywana w filtrze listy.")
    )
    nip = models.CharField(_("NIP"), max_length=20, blank=True, validators=[_validate_identifier])
    regon = models.CharField(
        _("REGON"), max_length=20, blank=True, validators=[_validate_identifier]
    )

    base_form_class = CityAdminForm
    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("nip"),
        FieldPanel("regon"),
    ]

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("beneficjent miasta")
        verbose_name_plural = _("beneficjenci miasta")
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="eufunds_beneficiary_site_name")
        ]

    def __str__(self):
        return self.short_name

    def save(self, *args, **kwargs):
        self.nip = normalise_identifier(self.nip) or self.nip
        self.regon = normalise_identifier(self.regon) or self.regon
        super().save(*args, **kwargs)


RESERVED_SLUGS = {"mapa"}  # paths of the app under fundusze-europejskie/


def _district_of(geometry, site_id=None):
    """The district of the project's city at the geometry's anchor point."""
    try:
        return district_at(*geo_rules.anchor(geometry), site=site_id)
    except (ValueError, TypeError):
        return None


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)


class Project(ClusterableModel):
    site = city_field()
    # --- from the official list -----------------------------------------------------------
    contract_number = models.CharField(_("numer umowy lub decyzji"), max_length=120)
    title = models.CharField(_("tytuł projektu"), max_length=500)
    description = models.TextField(_("opis z wykazu"), blank=True)
    beneficiary = models.CharField(_("beneficjent (z wykazu)"), max_length=300)
    unit = models.ForeignKey(
        Beneficiary,
        verbose_name=_("jednostka"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    period = models.CharField(_("perspektywa"), max_length=10, choices=Period.choices)
    fund = models.CharField(_("fundusz"), max_length=10, choices=Fund.choices, blank=True)
    fund_text = models.CharField(_("fundusz (z wykazu)"), max_length=200, blank=True)
    programme = models.CharField(_("program"), max_length=300)
    priority = models.CharField(_("priorytet"), max_length=100, blank=True)
    measure = models.CharField(_("działanie"), max_length=100, blank=True)
    submeasure = models.CharField(_("poddziałanie"), max_length=100, blank=True)
    currency = models.CharField(
        _("waluta"), max_length=3, choices=Currency.choices, default=Currency.PLN
    )
    total_value = models.DecimalField(_("wartość projektu"), max_digits=14, decimal_places=2)
    eligible_cost = models.DecimalField(
        _("wydatki kwalifikowalne"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    eu_amount = models.DecimalField(
        _("dofinansowanie z UE"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    listed_rate = models.DecimalField(
        _("poziom dofinansowania podany w wykazie (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    place_text = models.CharField(_("miejsce realizacji (z wykazu)"), max_length=1000, blank=True)
    nationwide = models.BooleanField(_("cały kraj"), default=False)
    start_date = models.DateField(_("data rozpoczęcia"), null=True, blank=True)
    end_date = models.DateField(_("data zakończenia"), null=True, blank=True)
    category = models.CharField(_("kategoria wsparcia"), max_length=500, blank=True)
    snapshot_date = models.DateField(
        _("stan wykazu"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Data wykazu, z którego pochodzą ostatnie dane."),
    )

    # --- written by the city ----------------------------------------------------------------
    slug = models.SlugField(_("adres strony"), max_length=120, blank=True)
    live = models.BooleanField(_("opublikowany"), default=True)
    contract_date = models.DateField(_("data umowy"), null=True, blank=True)
    national_cofinancing = models.DecimalField(
        _("współfinansowanie krajowe"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Np. z budżetu państwa; kwota w walucie projektu."),
    )
    status = models.CharField(
        _("stan"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS
    )
    goal = models.TextField(_("cel projektu"), blank=True)
    results = models.TextField(_("rezultaty"), blank=True)
    geometry = models.JSONField(
        _("położenie (GeoJSON)"),
        null=True,
        blank=True,
        help_text=_(
            "Punkt lub obszar w GeoJSON (długość, szerokość geograficzna WGS 84), "
            'np. {"type": "Point", "coordinates": [19.166, 50.208]}.'
        ),
    )
    district = models.ForeignKey(
        "gis.District",
        verbose_name=_("dzielnica"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="eu_projects",
    )
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    panels = [
        FieldPanel("site"),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("contract_number"),
                FieldPanel("beneficiary"),
                FieldRowPanel([FieldPanel("period"), FieldPanel("fund")]),
                FieldPanel("programme"),
                FieldRowPanel(
                    [
                        FieldPanel("priority"),
                        FieldPanel("measure"),
                        FieldPanel("submeasure"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("total_value"),
                        FieldPanel("eligible_cost"),
                        FieldPanel("eu_amount"),
                        FieldPanel("currency"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("start_date"),
                        FieldPanel("end_date"),
                    ]
                ),
                FieldPanel("place_text"),
                FieldPanel("description"),
            ],
            heading=_("Z oficjalnego wykazu (każdy import nadpisuje te pola)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("live"),
                FieldPanel("unit"),
                FieldPanel("status"),
                FieldPanel("contract_date"),
                FieldPanel("national_cofinancing"),
                FieldPanel("goal"),
                FieldPanel("results"),
            ],
            heading=_("Opis miasta"),
        ),
        InlinePanel("indicators", heading=_("Wskaźniki"), label=_("wskaźnik")),
        InlinePanel("photos", heading=_("Zdjęcia"), label=_("zdjęcie")),
        InlinePanel("documents", heading=_("Dokumenty"), label=_("dokument")),
        MultiFieldPanel([FieldPanel("geometry"), FieldPanel("district")], heading=_("Mapa")),
    ]

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("projekt unijny")
        verbose_name_plural = _("projekty unijne")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "contract_number"], name="eufunds_project_site_contract"
            ),
            models.UniqueConstraint(fields=["site", "slug"], name="eufunds_project_site_slug"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("eufunds:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("Data zakończenia nie może być wcześniejsza niż data rozpoczęcia.")}
            )
        if self.geometry not in (None, ""):
            try:
                self.geometry = geo_rules.clean_geometry(self.geometry)
            except ValueError as error:
                raise ValidationError({"geometry": str(error)}) from None

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        if self.geometry and (self.district_id is None or self._geometry_changed()):
            self.district = _district_of(self.geometry, self.site_id)
        super().save(*args, **kwargs)

    def _geometry_changed(self):
        if self.pk is None:
            return True
        old = Project.objects.filter(pk=self.pk).values_list("geometry", flat=True).first()
        return old != self.geometry

    def _unique_slug(self):
        # slugify drops "ł" (no decomposition), so spell it out first.
        title = self.title.replace("ł", "l").replace("Ł", "L")
        base = slugify(title)[:100].strip("-") or "projekt"
        slug, n = base, 2
        while (
            slug in RESERVED_SLUGS
            or Project.objects.filter(site_id=self.site_id, slug=slug).exclude(pk=self.pk).exists()
        ):
            slug, n = f"{base}-{n}", n + 1
        return slug

    # --- derived, never typed ---------------------------------------------------------------
    @property
    def rate_basis(self):
        return self.eligible_cost if self.eligible_cost else self.total_value

    @property
    def eu_rate(self):
        """EU co-financing rate in percent: EU amount / eligible cost (or / value)."""
        return derived_rate(self.eu_amount, self.rate_basis)

    @property
    def own_contribution(self):
        if self.eu_amount is None:
            return None
        rest = self.total_value - self.eu_amount - (self.national_cofinancing or Decimal(0))
        return rest if rest >= 0 else None

    @property
    def funds(self):
        return (self.fund,) if self.fund else ()

    def physical_duty(self, eur_rate):
        return physical_duty(
            self.period, self.funds, total_in_eur(self.total_value, self.currency, eur_rate)
        )


class ProjectIndicator(Orderable):
    CITY_PATH = "project__site"

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("wskaźnik"), max_length=300)
    unit = models.CharField(_("jednostka miary"), max_length=50, blank=True)
    target = models.DecimalField(_("wartość docelowa"), max_digits=14, decimal_places=2)
    achieved = models.DecimalField(
        _("osiągnięto"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta(Orderable.Meta):
        verbose_name = _("wskaźnik")
        verbose_name_plural = _("wskaźniki")


class ProjectPhoto(Orderable):
    CITY_PATH = "project__site"

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("zdjęcie"), on_delete=models.CASCADE, related_name="+"
    )
    alt = models.CharField(
        _("tekst alternatywny"), max_length=300, help_text=_("Co widać na zdjęciu.")
    )
    caption = models.CharField(_("podpis"), max_length=300, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("zdjęcie")
        verbose_name_plural = _("zdjęcia")


class ProjectDocument(Orderable):
    CITY_PATH = "project__site"

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("dokument"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("nazwa"), max_length=300, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenty")


class ProjectRevision(models.Model):
    """One import's effect on one project: the fields it changed, old and new."""

    CITY_PATH = "project__site"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(_("kiedy"), auto_now_add=True)
    action = models.CharField(
        _("zmiana"),
        max_length=10,
        choices=[("created", _("utworzono")), ("updated", _("zaktualizowano"))],
    )
    source = models.CharField(_("plik"), max_length=255, blank=True)
    snapshot_date = models.DateField(_("stan wykazu"), null=True, blank=True)
    changes = models.JSONField(_("zmienione pola"), default=dict)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("zmiana z importu")
        verbose_name_plural = _("historia zmian z importu")

    def __str__(self):
        return f"{self.project} — {self.get_action_display()} {self.created_at:%Y-%m-%d}"


class VisibilityMark(models.Model):
    """An uploaded sign of the logo strip (FE sign, RP colours, EU flag, region, KPO)."""

    site = city_field()

    KIND_CHOICES = [
        ("fe", _("znak Funduszy Europejskich z nazwą programu")),
        ("rp", _("barwy Rzeczypospolitej Polskiej")),
        ("eu", _("flaga UE z informacją o wsparciu")),
        ("region", _("marka lub herb województwa")),
        ("kpo", _("znak Krajowego Planu Odbudowy")),
    ]
    kind = models.CharField(_("rodzaj znaku"), max_length=10, choices=KIND_CHOICES)
    period = models.CharField(
        _("perspektywa"),
        max_length=10,
        choices=Period.choices,
        blank=True,
        help_text=_("Puste: każda perspektywa."),
    )
    programme = models.CharField(
        _("program (fragment nazwy)"),
        max_length=100,
        blank=True,
        help_text=_("Np. „Śląskiego”; puste: każdy program."),
    )
    fund = models.CharField(
        _("fundusz"),
        max_length=10,
        choices=Fund.choices,
        blank=True,
        help_text=_("Dla znaków 2014–2020, które nazywają fundusz; puste: każdy."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("obraz"), on_delete=models.PROTECT, related_name="+"
    )
    alt = models.CharField(
        _("tekst alternatywny"),
        max_length=300,
        help_text=_("Treść znaku, np. „Dofinansowane przez Unię Europejską”."),
    )

    base_form_class = CityAdminForm
    panels = [
        FieldPanel("site"),
        FieldPanel("kind"),
        FieldPanel("period"),
        FieldPanel("programme"),
        FieldPanel("fund"),
        FieldPanel("image"),
        FieldPanel("alt"),
    ]

    class Meta:
        ordering = ["kind", "period", "programme"]
        verbose_name = _("znak w zestawieniu logotypów")
        verbose_name_plural = _("znaki w zestawieniu logotypów")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.alt}"


@register_setting(icon="cog")
class EuFundsSettings(BaseSiteSetting):
    """The register's settings, one set per city (site)."""

    eur_rate = models.DecimalField(
        _("kurs euro (zł za 1 EUR)"),
        max_digits=8,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_(
            "Do porównania wartości projektu z progami tablicy i plakatu, które są w euro "
            "(np. kurs z umowy o dofinansowanie)."
        ),
    )
    intro = models.TextField(_("wstęp na liście projektów"), blank=True)

    panels = [FieldPanel("eur_rate"), FieldPanel("intro")]

    class Meta:
        verbose_name = _("ustawienia funduszy europejskich")
