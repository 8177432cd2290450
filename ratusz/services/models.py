"""Service cards ("karty usług") and the office directory."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from ratusz.core import eaddress
from ratusz.core.adminforms import CityAdminForm
from ratusz.core.tenancy import city_field

from . import hours

REVIEW_INTERVAL = timedelta(days=365)
TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


def validate_epuap_box(value):
    try:
        eaddress.validate_epuap(value)
    except ValueError as error:
        raise ValidationError(str(error)) from None


def _per_city(name, *fields, message):
    return models.UniqueConstraint(
        fields=["site", *fields], name=name, violation_error_message=message
    )


def _same_city(record, **related):
    """ValidationError when a chosen record (a category, a unit) is another city's."""
    errors = {
        field: _("Wybierz z rekordów tego samego miasta.")
        for field, other in related.items()
        if other is not None and record.site_id is not None and other.site_id != record.site_id
    }
    if errors:
        raise ValidationError(errors)


class ServiceCategory(models.Model):
    site = city_field()
    name = models.CharField(_("nazwa"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.CharField(_("opis"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    base_form_class = CityAdminForm
    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("kategoria spraw")
        verbose_name_plural = _("kategorie spraw")
        constraints = [
            _per_city(
                "services_category_unique_name", "name", message=_("Taka kategoria już jest.")
            ),
            _per_city("services_category_unique_slug", "slug", message=_("Ten slug jest zajęty.")),
        ]

    def __str__(self):
        return self.name


class OfficeUnit(index.Indexed, ClusterableModel):
    """A department of the office with its people, rooms and hours."""

    site = city_field()
    name = models.CharField(_("nazwa"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    short_name = models.CharField(_("symbol"), max_length=20, blank=True)
    head_name = models.CharField(_("kierownik"), max_length=120, blank=True)
    head_function = models.CharField(_("funkcja kierownika"), max_length=120, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    rooms = models.CharField(_("pokoje"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    epuap_box = models.CharField(
        _("skrytka ePUAP"), max_length=100, blank=True, validators=[validate_epuap_box]
    )
    matters = models.TextField(_("sprawy prowadzone przez komórkę"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    # Who works here, as accounts in the admin: their dashboard shows this unit's queues.
    staff = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("konta pracowników w panelu"),
        help_text=_(
            "Ci pracownicy widzą na pulpicie sprawy swojej komórki (np. jej karty usług "
            "po terminie przeglądu)."
        ),
        related_name="office_units",
        blank=True,
    )

    base_form_class = CityAdminForm
    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("short_name"),
        MultiFieldPanel(
            [FieldPanel("head_name"), FieldPanel("head_function")], heading=_("Kierownik")
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("rooms"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("epuap_box"),
            ],
            heading=_("Kontakt"),
        ),
        FieldPanel("matters"),
        InlinePanel("opening_hours", label=_("godziny przyjęć")),
        InlinePanel("people", label=_("pracownicy")),
        FieldPanel("staff"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("matters")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("komórka urzędu")
        verbose_name_plural = _("komórki urzędu")
        constraints = [
            _per_city("services_unit_unique_name", "name", message=_("Taka komórka już jest.")),
            _per_city("services_unit_unique_slug", "slug", message=_("Ten slug jest zajęty.")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:unit", args=[self.slug])

    def intervals(self):
        return [hours.Interval(h.weekday, h.opens, h.closes) for h in self.opening_hours.all()]

    def open_status(self, moment=None, closures=None):
        moment = timezone.localtime(moment).replace(tzinfo=None)
        if closures is None:
            closures = OfficeClosure.as_dict(self.site_id)
        return hours.open_status(self.intervals(), closures, moment)

    def week(self):
        return hours.describe_week(self.intervals())


class UnitOpeningHours(Orderable):
    CITY_PATH = "unit__site"
    WEEKDAY_CHOICES = [(number, name) for number, name in enumerate(hours.WEEKDAYS)]

    unit = ParentalKey(OfficeUnit, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("dzień tygodnia"), choices=WEEKDAY_CHOICES)
    opens = models.TimeField(_("od"))
    closes = models.TimeField(_("do"))

    panels = [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]

    class Meta(Orderable.Meta):
        verbose_name = _("godziny przyjęć")

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError(
                {"closes": _("Godzina zamknięcia musi być późniejsza niż otwarcia.")}
            )


class UnitPerson(Orderable):
    CITY_PATH = "unit__site"

    unit = ParentalKey(OfficeUnit, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("imię i nazwisko"), max_length=120)
    function = models.CharField(_("funkcja"), max_length=120)
    phone = models.CharField(_("telefon"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    room = models.CharField(_("pokój"), max_length=20, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("function"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("room"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("pracownik")
        verbose_name_plural = _("pracownicy")

    def __str__(self):
        return f"{self.name} — {self.function}"


class OfficeClosure(models.Model):
    """A day the city closes the office besides statutory holidays."""

    site = city_field()
    date = models.DateField(_("data"))
    reason = models.CharField(_("powód"), max_length=200)

    base_form_class = CityAdminForm
    panels = [FieldPanel("site"), FieldPanel("date"), FieldPanel("reason")]

    class Meta:
        ordering = ["-date"]
        verbose_name = _("dzień zamknięcia urzędu")
        verbose_name_plural = _("dni zamknięcia urzędu")
        constraints = [
            _per_city(
                "services_closure_one_a_day", "date", message=_("Ten dzień jest już wpisany.")
            )
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} — {self.reason}"

    @classmethod
    def as_dict(cls, site_id=None):
        """{date: reason} of one city's office (the default site's without one)."""
        if site_id is None:
            from ratusz.core.tenancy import default_site_id

            site_id = default_site_id()
        return dict(cls.objects.filter(site_id=site_id).values_list("date", "reason"))


class ServiceCardQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def needing_review(self, today=None):
        today = today or timezone.localdate()
        return self.filter(last_reviewed__lt=today - REVIEW_INTERVAL)


class ServiceCard(index.Indexed, ClusterableModel):
    """How to get one matter done: documents, fees, channels, deadlines, appeal."""

    site = city_field()
    title = models.CharField(_("nazwa sprawy"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    code = models.CharField(_("symbol karty"), max_length=20, blank=True)
    category = models.ForeignKey(
        ServiceCategory, verbose_name=_("kategoria"), on_delete=models.PROTECT, related_name="cards"
    )
    summary = models.CharField(_("krótki opis"), max_length=300)
    who_may_apply = RichTextField(_("kogo dotyczy / kto może złożyć"), features=TEXT_FEATURES)
    required_documents = RichTextField(_("wymagane dokumenty"), features=TEXT_FEATURES)
    in_person = models.BooleanField(_("osobiście w urzędzie"), default=True)
    in_person_room = models.CharField(
        _("miejsce złożenia (pokój, stanowisko)"), max_length=120, blank=True
    )
    by_post = models.BooleanField(_("pocztą"), default=True)
    by_edelivery = models.BooleanField(_("przez e-Doręczenia"), default=True)
    epuap_form_url = models.URLField(_("formularz ePUAP / gov.pl"), blank=True)
    epuap_form_name = models.CharField(
        _("nazwa formularza elektronicznego"), max_length=200, blank=True
    )
    processing_time = models.CharField(_("termin załatwienia"), max_length=300)
    outcome = models.CharField(_("forma rozstrzygnięcia"), max_length=200, blank=True)
    appeal = RichTextField(_("tryb odwoławczy"), features=TEXT_FEATURES, blank=True)
    legal_basis = RichTextField(_("podstawa prawna"), features=TEXT_FEATURES)
    notes = RichTextField(_("uwagi"), features=TEXT_FEATURES, blank=True)
    responsible_unit = models.ForeignKey(
        OfficeUnit,
        verbose_name=_("komórka odpowiedzialna"),
        on_delete=models.PROTECT,
        related_name="cards",
    )
    content_owner = models.CharField(_("osoba odpowiedzialna za treść"), max_length=120)
    last_reviewed = models.DateField(_("data ostatniego przeglądu"), default=timezone.localdate)
    is_published = models.BooleanField(_("opublikowana"), default=True)
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    objects = ServiceCardQuerySet.as_manager()

    base_form_class = CityAdminForm
    panels = [
        FieldPanel("site"),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("slug"),
                FieldPanel("code"),
                FieldPanel("category"),
                FieldPanel("summary"),
            ],
            heading=_("Sprawa"),
        ),
        FieldPanel("who_may_apply"),
        FieldPanel("required_documents"),
        InlinePanel("fees", label=_("opłaty")),
        MultiFieldPanel(
            [
                FieldPanel("in_person"),
                FieldPanel("in_person_room"),
                FieldPanel("by_post"),
                FieldPanel("by_edelivery"),
                FieldPanel("epuap_form_name"),
                FieldPanel("epuap_form_url"),
            ],
            heading=_("Sposób złożenia"),
        ),
        InlinePanel("forms", label=_("formularze do pobrania")),
        FieldPanel("processing_time"),
        FieldPanel("outcome"),
        FieldPanel("appeal"),
        FieldPanel("legal_basis"),
        FieldPanel("notes"),
        MultiFieldPanel(
            [
                FieldPanel("responsible_unit"),
                FieldPanel("content_owner"),
                FieldPanel("last_reviewed"),
                FieldPanel("is_published"),
            ],
            heading=_("Metryczka"),
        ),
    ]
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("required_documents"),
        index.FilterField("is_published"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("karta usługi")
        verbose_name_plural = _("karty usług")
        constraints = [
            _per_city("services_card_unique_slug", "slug", message=_("Ten slug jest zajęty.")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("services:card", args=[self.slug])

    def needs_review(self, today=None):
        today = today or timezone.localdate()
        return self.last_reviewed < today - REVIEW_INTERVAL

    def clean(self):
        super().clean()
        _same_city(
            self,
            category=self.category if self.category_id else None,
            responsible_unit=self.responsible_unit if self.responsible_unit_id else None,
        )


class ServiceFee(Orderable):
    CITY_PATH = "card__site"
    card = ParentalKey(ServiceCard, on_delete=models.CASCADE, related_name="fees")
    name = models.CharField(_("za co"), max_length=200)
    amount = models.DecimalField(
        _("kwota [zł]"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0, message=_("Opłata nie może być ujemna."))],
    )
    how_to_pay = models.CharField(_("jak zapłacić"), max_length=300, blank=True)
    exemptions = models.CharField(_("zwolnienia"), max_length=300, blank=True)
    legal_basis = models.CharField(_("podstawa prawna opłaty"), max_length=300, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("amount"),
        FieldPanel("how_to_pay"),
        FieldPanel("exemptions"),
        FieldPanel("legal_basis"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opłata")
        verbose_name_plural = _("opłaty")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="services_fee_not_negative"
            ),
        ]


class ServiceForm(Orderable):
    CITY_PATH = "card__site"
    card = ParentalKey(ServiceCard, on_delete=models.CASCADE, related_name="forms")
    title = models.CharField(_("nazwa formularza"), max_length=200)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("plik"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("albo adres formularza"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("document"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("formularz")
        verbose_name_plural = _("formularze")

    def clean(self):
        if not self.document_id and not self.url:
            raise ValidationError(_("Dodaj plik formularza albo adres, pod którym jest dostępny."))

    @property
    def href(self):
        return self.document.url if self.document_id else self.url
