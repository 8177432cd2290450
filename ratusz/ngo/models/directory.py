"""The directory: spheres of public tasks, organisations, change proposals."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from ratusz.core import city as city_identity
from ratusz.core.privacy import EncryptedCharField, EncryptedEmailField
from ratusz.core.tenancy import city_field
from ratusz.gis.lookup import district_at

from .. import rules
from ..adminforms import OrganisationAdminForm
from ..areas import PUBLIC_BENEFIT_AREAS
from .base import as_validation_error, unique_slug


class Area(models.Model):
    """A sphere of public tasks from art. 4 ust. 1 (rows come from areas.py)."""

    code = models.CharField(_("punkt"), max_length=4, primary_key=True)
    position = models.PositiveSmallIntegerField(_("kolejność"))
    label = models.CharField(_("nazwa"), max_length=255)

    class Meta:
        ordering = ["position"]
        verbose_name = _("sfera pożytku publicznego")
        verbose_name_plural = _("sfery pożytku publicznego")

    def __str__(self):
        return self.label


def sync_areas() -> None:
    """Make the Area table match areas.py (called by the data migration and the demo)."""
    for position, area in enumerate(PUBLIC_BENEFIT_AREAS):
        Area.objects.update_or_create(
            code=area.code, defaults={"position": position, "label": area.label}
        )


LEGAL_FORM_CHOICES = [(f.code, _(f.label)) for f in rules.LEGAL_FORMS]


class OrganisationQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Organisation.Status.APPROVED)


class Organisation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("czeka na zatwierdzenie")
        APPROVED = "approved", _("w katalogu")
        REJECTED = "rejected", _("odrzucone")

    site = city_field()
    name = models.CharField(_("nazwa"), max_length=200)
    slug = models.SlugField(_("adres strony"), max_length=90, blank=True)
    legal_form = models.CharField(_("forma prawna"), max_length=30, choices=LEGAL_FORM_CHOICES)
    krs = models.CharField(
        _("numer KRS"),
        max_length=20,
        blank=True,
        help_text=_(
            "10 cyfr z zerami na początku. Stowarzyszenia zwykłe i niektóre kluby nie mają KRS."
        ),
    )
    nip = models.CharField(_("NIP"), max_length=20)
    regon = models.CharField(_("REGON"), max_length=20, blank=True)
    opp = models.BooleanField(_("organizacja pożytku publicznego (OPP)"), default=False)
    areas = models.ManyToManyField(
        Area, verbose_name=_("sfery działalności"), related_name="organisations"
    )
    street = models.CharField(_("ulica i numer"), max_length=120, blank=True)
    postal_code = models.CharField(_("kod pocztowy"), max_length=6, blank=True)
    city = models.CharField(_("miejscowość"), max_length=80, default=city_identity.default_name)
    latitude = models.FloatField(_("szerokość geograficzna"), null=True, blank=True)
    longitude = models.FloatField(_("długość geograficzna"), null=True, blank=True)
    district = models.ForeignKey(
        "gis.District",
        verbose_name=_("dzielnica"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ngo_organisations",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    website = models.URLField(_("strona internetowa"), blank=True)
    description = models.TextField(_("opis działalności"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Private: never shown on public pages or in exports.
    # Personal data, encrypted like the budget's authors (docs/security.md).
    representative_name = EncryptedCharField(
        _("osoba zgłaszająca"), form_max_length=120, blank=True
    )
    representative_email = EncryptedEmailField(
        _("e-mail osoby zgłaszającej"), form_max_length=254, blank=True
    )
    notify_competitions = models.BooleanField(_("powiadamiaj o nowych konkursach"), default=False)
    status = models.CharField(
        _("stan"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_at = models.DateTimeField(_("zgłoszono"), default=timezone.now)
    decided_at = models.DateTimeField(_("rozpatrzono"), null=True, blank=True)
    rejection_reason = models.TextField(_("powód odrzucenia"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    base_form_class = OrganisationAdminForm
    panels = [
        FieldPanel("site"),
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("legal_form"), FieldPanel("opp")],
            heading=_("Organizacja"),
        ),
        FieldRowPanel(
            [FieldPanel("krs"), FieldPanel("nip"), FieldPanel("regon")], heading=_("Identyfikatory")
        ),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("district"),
            ],
            heading=_("Adres"),
        ),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("website")],
            heading=_("Kontakt publiczny"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("representative_name"),
                FieldPanel("representative_email"),
                FieldPanel("notify_competitions"),
            ],
            heading=_("Dane niepubliczne"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organizacja")
        verbose_name_plural = _("organizacje")
        # Per city: an organisation active in two cities is in both catalogues.
        constraints = [
            models.UniqueConstraint(
                fields=["site", "slug"],
                name="ngo_org_unique_slug_per_city",
                violation_error_message=_("Organizacja o tym adresie strony już jest w katalogu."),
            ),
            models.UniqueConstraint(
                fields=["site", "nip"],
                condition=~models.Q(status="rejected"),
                name="ngo_org_unique_nip",
                violation_error_message=_("Organizacja o tym numerze NIP jest już w katalogu."),
            ),
            models.UniqueConstraint(
                fields=["site", "krs"],
                condition=~models.Q(status="rejected") & ~models.Q(krs=""),
                name="ngo_org_unique_krs",
                violation_error_message=_("Organizacja o tym numerze KRS jest już w katalogu."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name, self.pk, self.site_id)
        if self.district_id is None and self.latitude is not None and self.longitude is not None:
            self.district = locate_district(self.longitude, self.latitude, self.site_id)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("ngo:organisation", args=[self.slug])

    def clean(self):
        super().clean()
        errors = []
        for field, cleaner in (
            ("krs", rules.clean_krs),
            ("nip", rules.clean_nip),
            ("regon", rules.clean_regon),
        ):
            value = getattr(self, field)
            if value:
                try:
                    setattr(self, field, cleaner(value))
                except rules.RuleError as err:
                    err.field = field
                    errors.append(err)
        errors += rules.check_registration(self.legal_form, self.krs, self.opp)
        if (self.latitude is None) != (self.longitude is None):
            errors.append(
                rules.RuleError(
                    rules.gettext_noop("Podaj obie współrzędne albo żadnej."),
                    "point",
                    field="longitude",
                )
            )
        if errors:
            raise as_validation_error(errors)
        duplicate = (
            Organisation.objects.filter(site_id=self.site_id)
            .exclude(pk=self.pk)
            .exclude(status=self.Status.REJECTED)
        )
        if duplicate.filter(nip=self.nip).exists():
            raise ValidationError(
                {
                    "nip": _(
                        "Organizacja o tym numerze NIP jest już w katalogu albo czeka na zatwierdzenie."
                    )
                }
            )
        if self.krs and duplicate.filter(krs=self.krs).exists():
            raise ValidationError(
                {
                    "krs": _(
                        "Organizacja o tym numerze KRS jest już w katalogu albo czeka na zatwierdzenie."
                    )
                }
            )

    @property
    def legal_form_label(self):
        return self.get_legal_form_display()

    @property
    def nip_display(self):
        return rules.format_nip(self.nip) if self.nip else ""

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None


def locate_district(lon: float, lat: float, site_id=None):
    """The district of the organisation's city containing the point, if the gis app can tell."""
    try:
        return district_at(lon, lat, site_id)
    except Exception:  # noqa: BLE001 - a lookup failure must not block saving a directory entry
        return None


PROPOSABLE_FIELDS = (
    "name",
    "description",
    "street",
    "postal_code",
    "email",
    "phone",
    "website",
    "opp",
    "krs",
    "regon",
)


class ChangeProposal(models.Model):
    """Changes a representative asks for; applied only when an official approves."""

    CITY_PATH = "organisation__site"

    class Status(models.TextChoices):
        PENDING = "pending", _("czeka na decyzję")
        APPROVED = "approved", _("przyjęta")
        REJECTED = "rejected", _("odrzucona")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organizacja"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    changes = models.JSONField(_("zmiany"), default=dict)
    proposer_name = EncryptedCharField(_("zgłaszający"), form_max_length=120)
    proposer_email = EncryptedEmailField(_("e-mail zgłaszającego"), form_max_length=254)
    note = models.TextField(_("uwagi"), blank=True)
    status = models.CharField(
        _("stan"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("zgłoszono"), default=timezone.now)
    decided_at = models.DateTimeField(_("rozpatrzono"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("propozycja zmian")
        verbose_name_plural = _("propozycje zmian")

    def __str__(self):
        return gettext("Zmiany: %(name)s") % {"name": self.organisation.name}

    def readable_changes(self):
        """(label, old, new) rows for the official's review."""
        rows = []
        org = self.organisation
        for field, new in self.changes.items():
            if field == "areas":
                old = ", ".join(a.code for a in org.areas.all())
                rows.append((_("sfery działalności"), old, ", ".join(new)))
            elif field in PROPOSABLE_FIELDS:
                rows.append(
                    (Organisation._meta.get_field(field).verbose_name, getattr(org, field), new)
                )
        return rows

    @transaction.atomic
    def apply(self):
        org = self.organisation
        for field, value in self.changes.items():
            if field in PROPOSABLE_FIELDS:
                setattr(org, field, value)
        org.full_clean(exclude=["slug", "areas"])
        org.save()
        if "areas" in self.changes:
            org.areas.set(Area.objects.filter(code__in=self.changes["areas"]))
        self.status = self.Status.APPROVED
        self.decided_at = timezone.now()
        self.save()
