"""The cooperation register: organisations, memberships, roles, partnerships.

Every fact carries its dates (``ValidityMixin``); what the pages show today
and what they list as history is computed by ``timeline.py``. Editorial rules
live in ``rules.py`` (plain Python) and are turned into field errors here.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from ratusz.core.models import ValidityMixin, ValidityQuerySet
from ratusz.core.tenancy import city_field

from . import countries, rules


def raise_problems(problems):
    """Turn plain-Python rule problems into one ValidationError with field errors."""
    if not problems:
        return
    errors = {}
    for problem in problems:
        message = gettext(problem.message)
        if problem.params:
            message = message % problem.params
        errors.setdefault(problem.field, []).append(message)
    raise ValidationError(errors)


class Kind(models.TextChoices):
    METROPOLITAN_UNION = "metropolitan_union", _("związek metropolitalny")
    MUNICIPAL_ASSOCIATION = "municipal_association", _("związek gmin i powiatów")
    NATIONAL_ASSOCIATION = "national_association", _("ogólnopolskie stowarzyszenie samorządów")
    PARTNER_CITY = "partner_city", _("miasto partnerskie")
    PARTNER_COUNTY = "partner_county", _("powiat (okręg) partnerski")
    PARTNER_DISTRICT = "partner_district", _("dzielnica partnerska")
    OWN_CITY = "own_city", _("miasto (nasz samorząd)")
    OTHER = "other", _("inna organizacja")


class Level(models.TextChoices):
    LOCAL = "local", _("lokalny")
    REGIONAL = "regional", _("regionalny")
    NATIONAL = "national", _("krajowy")
    INTERNATIONAL = "international", _("międzynarodowy")


class Precision(models.TextChoices):
    DAY = rules.DAY, _("dokładna data")
    MONTH = rules.MONTH, _("znany tylko miesiąc")
    YEAR = rules.YEAR, _("znany tylko rok")


class Status(models.TextChoices):
    LETTER_OF_INTENT = rules.LETTER_OF_INTENT, _("list intencyjny")
    ACTIVE = rules.ACTIVE, _("aktywne")
    SUSPENDED = rules.SUSPENDED, _("zawieszone")
    ENDED = rules.ENDED, _("zakończone")


class Area(models.TextChoices):
    """Fields of cooperation (stored as a list of these values)."""

    YOUTH_EXCHANGE = "youth_exchange", _("wymiana młodzieży")
    LANGUAGE_COURSES = "language_courses", _("kursy językowe")
    CULTURE = "culture", _("kultura")
    ECONOMY = "economy", _("gospodarka")
    FIRE_SERVICE = "fire_service", _("straż pożarna")
    EXPERIENCE = "experience", _("wymiana doświadczeń")
    FINANCIAL_HELP = "financial_help", _("pomoc finansowa")
    SPORT = "sport", _("sport")
    EDUCATION = "education", _("edukacja")
    TOURISM = "tourism", _("turystyka")


class ActivityKind(models.TextChoices):
    CAMP = "camp", _("obóz")
    VISIT = "visit", _("wizyta")
    FESTIVAL = "festival", _("festiwal")
    COURSE = "course", _("kurs")
    MEETING = "meeting", _("spotkanie")
    OTHER = "other", _("inne")


class OpenStartQuerySet(ValidityQuerySet):
    """Like ValidityQuerySet, but a missing start means "since a date nobody recorded"."""

    def valid_on(self, day):
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day)
        ).filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day))


class DatedRecord(ValidityMixin):
    """A dated fact whose start may be known only to the year, or not at all."""

    valid_from = models.DateField(  # type: ignore[assignment]  # nullable here
        _("obowiązuje od"),
        null=True,
        blank=True,
        help_text=_("Puste: data początkowa nie jest znana."),
    )
    valid_from_precision = models.CharField(
        _("dokładność daty początkowej"),
        max_length=8,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("Gdy znany jest tylko rok, wpisz 1 stycznia tego roku."),
    )
    note = models.TextField(
        _("uwagi publiczne"),
        blank=True,
        help_text=_("Np. skąd pochodzi data albo czego nie udało się potwierdzić."),
    )

    objects = OpenStartQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        abstract = True

    def clean(self):
        # ValidityMixin.clean checks the order of dates; rules give the Polish
        # message with both dates.
        raise_problems(rules.check_dates(self.valid_from, self.valid_until))
        self.valid_from = rules.truncate(self.valid_from, self.valid_from_precision)

    def is_valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or self.valid_until >= day
        )


class Organisation(models.Model):
    """A body the city works with (or the city itself); each city keeps its own."""

    site = city_field()
    name = models.CharField(_("nazwa"), max_length=200)
    name_en = models.CharField(_("nazwa po angielsku"), max_length=200, blank=True)
    name_de = models.CharField(_("nazwa po niemiecku"), max_length=200, blank=True)
    name_cs = models.CharField(_("nazwa po czesku"), max_length=200, blank=True)
    short_name = models.CharField(_("nazwa skrócona"), max_length=60, blank=True)
    slug = models.SlugField(_("adres (slug)"), max_length=80)
    kind = models.CharField(_("rodzaj"), max_length=32, choices=Kind.choices)
    country = models.CharField(
        _("kraj"),
        max_length=2,
        default="PL",
        help_text=_("Dwuliterowy kod ISO 3166-1, np. PL, DE, CZ."),
    )
    seat = models.CharField(_("siedziba"), max_length=120, blank=True)
    website = models.URLField(_("strona internetowa"), blank=True)
    longitude = models.FloatField(_("długość geograficzna"), null=True, blank=True)
    latitude = models.FloatField(_("szerokość geograficzna"), null=True, blank=True)
    wikidata_id = models.CharField(
        _("identyfikator Wikidanych"), max_length=16, blank=True, help_text=_("Np. Q1006457.")
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("następca"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("Organizacja, która przejęła zadania tej organizacji."),
    )
    description = models.TextField(_("opis"), blank=True)

    panels = [
        FieldPanel("site"),
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("slug"),
                FieldPanel("kind"),
                FieldPanel("description"),
            ],
            heading=_("Organizacja"),
        ),
        MultiFieldPanel(
            [FieldPanel("name_en"), FieldPanel("name_de"), FieldPanel("name_cs")],
            heading=_("Nazwy w innych językach"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("country"),
                FieldPanel("seat"),
                FieldRowPanel([FieldPanel("longitude"), FieldPanel("latitude")]),
            ],
            heading=_("Położenie"),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("wikidata_id"), FieldPanel("successor")],
            heading=_("Powiązania"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organizacja")
        verbose_name_plural = _("organizacje")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "slug"], name="cooperation_organisation_site_slug"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cooperation:organisation", args=[self.slug])

    def clean(self):
        super().clean()
        self.country = (self.country or "").strip().upper()
        if self.successor_id and self.successor.site_id != self.site_id:
            raise ValidationError(
                {
                    "successor": gettext(
                        "Następca musi być organizacją z rejestru tego samego miasta."
                    )
                }
            )
        links = dict(Organisation.objects.exclude(pk=self.pk).values_list("pk", "successor_id"))
        problems = (
            rules.check_country(self.country)
            + rules.check_point(self.longitude, self.latitude)
            + rules.check_wikidata_id(self.wikidata_id)
            + rules.check_successor(self.pk or "new", self.successor_id, links)
        )
        raise_problems(problems)

    def localized_name(self, language=None):
        language = (language or get_language() or "pl")[:2]
        return getattr(self, f"name_{language}", "") or self.name

    def country_name(self, language=None):
        language = (language or get_language() or "pl")[:2]
        try:
            return countries.name(
                self.country, language if language in countries.LANGUAGES else "pl"
            )
        except ValueError:
            return self.country

    @property
    def has_point(self):
        return self.longitude is not None and self.latitude is not None


class Membership(ClusterableModel, DatedRecord):
    CITY_PATH = "organisation__site"

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organizacja"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    level = models.CharField(_("poziom"), max_length=16, choices=Level.choices)
    purpose = models.TextField(_("cel członkostwa"), blank=True)
    member_count = models.PositiveIntegerField(_("liczba członków"), null=True, blank=True)
    member_count_as_of = models.DateField(_("liczba członków na dzień"), null=True, blank=True)
    member_count_note = models.CharField(
        _("skład członków"), max_length=200, blank=True, help_text=_("Np. 119 gmin i 7 powiatów.")
    )
    fee = models.DecimalField(
        _("roczna składka miasta (zł)"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("level"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_from_precision")]),
        FieldPanel("valid_until"),
        FieldPanel("purpose"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("member_count"), FieldPanel("member_count_as_of")]),
                FieldPanel("member_count_note"),
            ],
            heading=_("Członkowie"),
        ),
        FieldPanel("fee"),
        FieldPanel("note"),
        InlinePanel("documents", heading=_("Dokumenty (uchwały rady miasta)"), label=_("dokument")),
    ]

    class Meta:
        ordering = ["valid_from", "pk"]
        verbose_name = _("członkostwo")
        verbose_name_plural = _("członkostwa")

    record_type = "membership"

    def __str__(self):
        return str(self.organisation)

    def clean(self):
        super().clean()
        raise_problems(rules.check_member_count(self.member_count, self.member_count_as_of))


class MembershipDocument(Orderable):
    CITY_PATH = "membership__organisation__site"

    membership = ParentalKey(Membership, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("tytuł"), max_length=250, help_text=_("Np. Uchwała nr XXX/456/20."))
    adopted_on = models.DateField(_("data"), null=True, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("plik"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("adres w BIP"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("adopted_on"),
        FieldPanel("document"),
        FieldPanel("url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("dokument członkostwa")

    def __str__(self):
        return self.title

    @property
    def href(self):
        return self.document.url if self.document_id else self.url


class Role(DatedRecord):
    CITY_PATH = "organisation__site"

    person = models.CharField(_("osoba"), max_length=120)
    function = models.CharField(_("funkcja"), max_length=120, help_text=_("Np. członek Zarządu."))
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organizacja"), on_delete=models.PROTECT, related_name="roles"
    )

    panels = [
        FieldPanel("person"),
        FieldPanel("function"),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_from_precision")]),
        FieldPanel("valid_until"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["valid_from", "pk"]
        verbose_name = _("funkcja")
        verbose_name_plural = _("funkcje")

    record_type = "role"

    def __str__(self):
        return f"{self.person} — {self.function}, {self.organisation}"


class Partnership(ClusterableModel, DatedRecord):
    # the partner's city, kept here so that the address is unique per city
    site = city_field(editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    slug = models.SlugField(_("adres (slug)"), max_length=80)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    status_since = models.DateField(_("status od"), null=True, blank=True)
    status_reason = models.TextField(
        _("powód statusu"), blank=True, help_text=_("Wymagany przy zawieszeniu i zakończeniu.")
    )
    areas = models.JSONField(_("pola współpracy"), default=list, blank=True)
    description = models.TextField(_("opis współpracy"), blank=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("status_since"), FieldPanel("status_reason")],
            heading=_("Status"),
        ),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_from_precision")]),
        FieldPanel("valid_until"),
        FieldPanel("areas"),
        FieldPanel("description"),
        FieldPanel("note"),
        InlinePanel("agreements", heading=_("Umowy"), label=_("umowa")),
        InlinePanel("activities", heading=_("Działania"), label=_("działanie")),
    ]

    class Meta:
        ordering = ["valid_from", "pk"]
        verbose_name = _("partnerstwo")
        verbose_name_plural = _("partnerstwa")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "slug"], name="cooperation_partnership_site_slug"
            )
        ]

    record_type = "partnership"

    def __str__(self):
        return str(self.organisation)

    def get_absolute_url(self):
        return reverse("cooperation:partnership", args=[self.slug])

    def save(self, *args, **kwargs):
        self._take_city()
        super().save(*args, **kwargs)

    def _take_city(self):
        if self.organisation_id:
            self.site_id = self.organisation.site_id

    def clean(self):
        self._take_city()
        if (
            self.slug
            and Partnership.objects.filter(site_id=self.site_id, slug=self.slug)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {"slug": gettext("Partnerstwo z takim adresem już jest w rejestrze miasta.")}
            )
        # The status rules include the order of dates, so skip DatedRecord's check.
        problems = rules.check_partnership(
            self.status,
            self.valid_from,
            self.valid_until,
            self.status_since,
            self.status_reason,
            timezone.localdate(),
        )
        unknown = [a for a in self.areas or [] if a not in Area.values]
        if unknown:
            problems.append(
                rules.Problem("areas", rules.gettext_noop("Wybierz pola współpracy z listy."))
            )
        raise_problems(problems)
        self.valid_from = rules.truncate(self.valid_from, self.valid_from_precision)

    def area_labels(self):
        labels = dict(Area.choices)
        return [labels[a] for a in self.areas or [] if a in labels]


class Agreement(Orderable):
    CITY_PATH = "partnership__site"

    partnership = ParentalKey(Partnership, on_delete=models.CASCADE, related_name="agreements")
    title = models.CharField(_("tytuł"), max_length=250)
    signed_on = models.DateField(_("data podpisania"))
    signed_on_precision = models.CharField(
        _("dokładność daty"), max_length=8, choices=Precision.choices, default=Precision.DAY
    )
    description = models.TextField(_("opis"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("plik"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("adres"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("signed_on"), FieldPanel("signed_on_precision")]),
        FieldPanel("description"),
        FieldPanel("document"),
        FieldPanel("url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("umowa")

    record_type = "agreement"

    # An agreement is a one-day event in the history timeline.
    @property
    def valid_from(self):
        return self.signed_on

    @property
    def valid_from_precision(self):
        return self.signed_on_precision

    valid_until = None

    def __str__(self):
        return self.title

    @property
    def href(self):
        return self.document.url if self.document_id else self.url


class Activity(Orderable):
    CITY_PATH = "partnership__site"

    partnership = ParentalKey(Partnership, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("tytuł"), max_length=250)
    kind = models.CharField(_("rodzaj"), max_length=16, choices=ActivityKind.choices)
    starts_on = models.DateField(_("data rozpoczęcia"))
    starts_on_precision = models.CharField(
        _("dokładność daty"), max_length=8, choices=Precision.choices, default=Precision.DAY
    )
    ends_on = models.DateField(_("data zakończenia"), null=True, blank=True)
    place = models.CharField(_("miejsce"), max_length=120, blank=True)
    description = models.TextField(_("opis"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("zdjęcie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        _("tekst alternatywny zdjęcia"),
        max_length=250,
        blank=True,
        help_text=_("Co widać na zdjęciu — dla osób, które go nie widzą."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldRowPanel(
            [FieldPanel("starts_on"), FieldPanel("starts_on_precision"), FieldPanel("ends_on")]
        ),
        FieldPanel("place"),
        FieldPanel("description"),
        FieldPanel("photo"),
        FieldPanel("photo_alt"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("działanie")
        verbose_name_plural = _("działania")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        raise_problems(rules.check_dates(self.starts_on, self.ends_on, until_field="ends_on"))
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": gettext("Opisz zdjęcie tekstem alternatywnym.")})
