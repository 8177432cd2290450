"""Directory of organisations, open competitions, small grants, programme."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from . import rules
from .areas import PUBLIC_BENEFIT_AREAS


def as_validation_error(errors: list[rules.RuleError]) -> ValidationError:
    """RuleErrors → one ValidationError keyed by field, messages translated."""
    by_field: dict[str, list[ValidationError]] = {}
    for err in errors:
        by_field.setdefault(err.field or "__all__", []).append(
            ValidationError(gettext(err.message), code=err.code, params=err.params or None)
        )
    return ValidationError(by_field)


def unique_slug(model, text: str, instance_pk=None) -> str:
    base = slugify(text.replace("ł", "l").replace("Ł", "L"))[:80] or "wpis"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exclude(pk=instance_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


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

    name = models.CharField(_("nazwa"), max_length=200)
    slug = models.SlugField(_("adres strony"), max_length=90, unique=True, blank=True)
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
    city = models.CharField(_("miejscowość"), max_length=80, default="Mysłowice")
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
    representative_name = models.CharField(_("osoba zgłaszająca"), max_length=120, blank=True)
    representative_email = models.EmailField(_("e-mail osoby zgłaszającej"), blank=True)
    notify_competitions = models.BooleanField(_("powiadamiaj o nowych konkursach"), default=False)
    status = models.CharField(
        _("stan"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_at = models.DateTimeField(_("zgłoszono"), default=timezone.now)
    decided_at = models.DateTimeField(_("rozpatrzono"), null=True, blank=True)
    rejection_reason = models.TextField(_("powód odrzucenia"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    panels = [
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
        constraints = [
            models.UniqueConstraint(
                fields=["nip"],
                condition=~models.Q(status="rejected"),
                name="ngo_org_unique_nip",
                violation_error_message=_("Organizacja o tym numerze NIP jest już w katalogu."),
            ),
            models.UniqueConstraint(
                fields=["krs"],
                condition=~models.Q(status="rejected") & ~models.Q(krs=""),
                name="ngo_org_unique_krs",
                violation_error_message=_("Organizacja o tym numerze KRS jest już w katalogu."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name, self.pk)
        if self.district_id is None and self.latitude is not None and self.longitude is not None:
            self.district = locate_district(self.longitude, self.latitude)
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
        duplicate = Organisation.objects.exclude(pk=self.pk).exclude(status=self.Status.REJECTED)
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


def locate_district(lon: float, lat: float):
    """The district containing the point, if the gis app can tell (tolerates its absence)."""
    try:
        from ratusz.gis.lookup import district_at
    except ImportError:
        return None
    try:
        return district_at(lon, lat)
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
    proposer_name = models.CharField(_("zgłaszający"), max_length=120)
    proposer_email = models.EmailField(_("e-mail zgłaszającego"))
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


# -------------------------------------------------------------- competitions


class CompetitionQuerySet(models.QuerySet):
    def public(self):
        """Announced already: an entry dated in the future is a draft nobody sees yet."""
        return self.filter(announced_on__lte=timezone.localdate())


class Competition(ClusterableModel):
    """Otwarty konkurs ofert (art. 11–18a) with the announcement's contents."""

    class Mode(models.TextChoices):
        SUPPORT = "wspieranie", _("wspieranie (współfinansowanie)")
        ENTRUST = "powierzenie", _("powierzenie (pełne finansowanie)")

    STATE_CHOICES = [
        (rules.State.ANNOUNCED.value, _("ogłoszony")),
        (rules.State.CLOSED.value, _("nabór zamknięty")),
        (rules.State.RESOLVED.value, _("rozstrzygnięty")),
        (rules.State.CANCELLED.value, _("unieważniony")),
    ]
    CANCEL_CHOICES = [
        (
            rules.CancelReason.NO_OFFERS.value,
            _("nie złożono żadnej oferty (art. 18a ust. 1 pkt 1)"),
        ),
        (
            rules.CancelReason.NO_VALID_OFFERS.value,
            _("żadna oferta nie spełnia wymogów (art. 18a ust. 1 pkt 2)"),
        ),
        (rules.CancelReason.RESERVED.value, _("z przyczyny zastrzeżonej w ogłoszeniu")),
    ]

    title = models.CharField(_("tytuł"), max_length=250)
    slug = models.SlugField(_("adres strony"), max_length=90, unique=True, blank=True)
    area = models.ForeignKey(
        Area,
        verbose_name=_("sfera zadań publicznych"),
        on_delete=models.PROTECT,
        related_name="competitions",
    )
    public_task = models.TextField(_("rodzaj zadania"))
    mode = models.CharField(
        _("forma zlecenia"), max_length=12, choices=Mode.choices, default=Mode.SUPPORT
    )
    amount = models.DecimalField(
        _("wysokość środków publicznych (zł)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    announced_on = models.DateField(
        _("data ogłoszenia"),
        help_text=_("Dzień ostatniej z trzech publikacji: BIP, tablica ogłoszeń, strona urzędu."),
    )
    offer_deadline = models.DateTimeField(
        _("termin składania ofert"),
        help_text=_("Co najmniej 21 dni od ogłoszenia (art. 13 ust. 1)."),
    )
    grant_rules = models.TextField(_("zasady przyznawania dotacji"))
    task_terms = models.TextField(_("terminy i warunki realizacji zadania"))
    criteria = models.TextField(_("tryb, kryteria i termin wyboru ofert"))
    previous_grants = models.TextField(
        _("zadania tego samego rodzaju w tym i poprzednim roku"),
        blank=True,
        help_text=_("Z ich kosztem, w tym dotacje dla organizacji (art. 13 ust. 2 pkt 7)."),
    )
    application_url = models.URLField(
        _("gdzie złożyć ofertę"),
        blank=True,
        help_text=_("Adres generatora ofert (np. Witkac, eNGO)."),
    )
    state = models.CharField(
        _("stan"), max_length=10, choices=STATE_CHOICES, default=rules.State.ANNOUNCED.value
    )
    closed_on = models.DateField(_("zamknięcie naboru"), null=True, blank=True)
    resolved_on = models.DateField(_("rozstrzygnięcie"), null=True, blank=True)
    cancelled_on = models.DateField(_("unieważnienie"), null=True, blank=True)
    cancel_reason = models.CharField(
        _("podstawa unieważnienia"), max_length=20, choices=CANCEL_CHOICES, blank=True
    )
    cancel_note = models.TextField(_("uzasadnienie unieważnienia"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    notified_at = models.DateTimeField(
        _("powiadomiono organizacje"), null=True, blank=True, editable=False
    )

    objects = CompetitionQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("area"), FieldPanel("mode")]),
        FieldPanel("public_task"),
        FieldRowPanel(
            [FieldPanel("amount"), FieldPanel("announced_on"), FieldPanel("offer_deadline")]
        ),
        FieldPanel("grant_rules"),
        FieldPanel("task_terms"),
        FieldPanel("criteria"),
        FieldPanel("previous_grants"),
        FieldPanel("application_url"),
        InlinePanel("documents", heading=_("Dokumenty"), label=_("dokument")),
        InlinePanel("results", heading=_("Wyniki: przyznane dotacje"), label=_("dotacja")),
    ]

    class Meta:
        ordering = ["-announced_on", "-pk"]
        verbose_name = _("otwarty konkurs ofert")
        verbose_name_plural = _("otwarte konkursy ofert")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Competition, self.title, self.pk)
        if self.pk and self.notified_at is None:
            # A stale copy must not erase the record that e-mails went out.
            self.notified_at = (
                Competition.objects.filter(pk=self.pk).values_list("notified_at", flat=True).first()
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("ngo:competition", args=[self.slug])

    def clean(self):
        super().clean()
        if self.announced_on and self.offer_deadline:
            try:
                rules.check_offer_deadline(
                    self.announced_on, timezone.localdate(self.offer_deadline)
                )
            except rules.RuleError as err:
                raise as_validation_error([err]) from None

    @property
    def is_public(self) -> bool:
        return self.announced_on <= timezone.localdate()

    @property
    def deadline_passed(self) -> bool:
        return timezone.now() > self.offer_deadline

    @property
    def phase(self) -> rules.Phase:
        return rules.public_phase(self.state, self.deadline_passed)

    def check_results(self, amounts) -> Decimal:
        """Total of the given grants; ValidationError when it exceeds the amount."""
        try:
            return rules.check_results_total(amounts, self.amount)
        except rules.RuleError as err:
            raise as_validation_error([err]) from None

    @property
    def results_total(self) -> Decimal:
        return sum((r.amount for r in self.results.all()), Decimal("0"))

    def transition(
        self, new_state: str, *, on: date | None = None, reason: str = "", note: str = ""
    ):
        """Move to a new state, checking the act; records the date of the step."""
        try:
            rules.check_transition(
                self.state,
                new_state,
                deadline_passed=self.deadline_passed,
                reason=reason,
                results_count=self.results.count(),
            )
        except rules.RuleError as err:
            raise as_validation_error([err]) from None
        day = on or timezone.localdate()
        if new_state == rules.State.RESOLVED:
            self.check_results([r.amount for r in self.results.all()])
            self.resolved_on = day
            self.closed_on = self.closed_on or day
        elif new_state == rules.State.CLOSED:
            self.closed_on = day
        elif new_state == rules.State.CANCELLED:
            self.cancelled_on, self.cancel_reason, self.cancel_note = day, reason, note
        self.state = new_state
        self.save()


class CompetitionDocument(models.Model):
    competition = ParentalKey(Competition, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("tytuł"), max_length=200)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("plik"), on_delete=models.CASCADE, related_name="+"
    )
    sort_order = models.IntegerField(null=True, blank=True, editable=False)

    panels = [FieldPanel("title"), FieldPanel("document")]

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("dokument konkursu")

    def __str__(self):
        return self.title


class CompetitionResult(models.Model):
    """A grant awarded: offeror, task, amount (art. 15 ust. 2h–2j)."""

    competition = ParentalKey(Competition, on_delete=models.CASCADE, related_name="results")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organizacja z katalogu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="competition_grants",
    )
    offeror_name = models.CharField(
        _("oferent"),
        max_length=200,
        blank=True,
        help_text=_("Puste: nazwa organizacji z katalogu."),
    )
    task_title = models.CharField(_("nazwa zadania"), max_length=250)
    amount = models.DecimalField(
        _("kwota dotacji (zł)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    sort_order = models.IntegerField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("offeror_name"),
        FieldPanel("task_title"),
        FieldPanel("amount"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("przyznana dotacja")
        verbose_name_plural = _("przyznane dotacje")

    def __str__(self):
        return f"{self.offeror_name}: {self.task_title}"

    def save(self, *args, **kwargs):
        if not self.offeror_name and self.organisation_id:
            self.offeror_name = self.organisation.name
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.organisation_id and not self.offeror_name:
            raise ValidationError(
                {"offeror_name": _("Wybierz organizację z katalogu albo wpisz nazwę oferenta.")}
            )


# ------------------------------------------------------------- small grants


class SmallGrant(models.Model):
    """An art. 19a offer: published for comments for 7 days, then decided."""

    class Decision(models.TextChoices):
        PENDING = "pending", pgettext_lazy("small grant", "w toku")
        GRANTED = "granted", _("dotacja przyznana")
        REFUSED = "refused", _("odmowa")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organizacja"),
        on_delete=models.PROTECT,
        related_name="small_grants",
    )
    title = models.CharField(_("tytuł zadania"), max_length=250)
    area = models.ForeignKey(
        Area, verbose_name=_("sfera zadań publicznych"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(
        _("wnioskowana kwota (zł)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    task_start = models.DateField(_("początek zadania"))
    task_end = models.DateField(_("koniec zadania"))
    received_on = models.DateField(_("data wpływu oferty"))
    published_on = models.DateField(_("data publikacji do uwag"), null=True, blank=True)
    offer_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("oferta (plik)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision = models.CharField(
        _("decyzja"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_on = models.DateField(_("data decyzji"), null=True, blank=True)
    comments_summary = models.TextField(_("zgłoszone uwagi i ich rozpatrzenie"), blank=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("title"),
        FieldPanel("area"),
        FieldPanel("amount"),
        FieldRowPanel([FieldPanel("task_start"), FieldPanel("task_end")]),
        FieldRowPanel([FieldPanel("received_on"), FieldPanel("published_on")]),
        FieldPanel("offer_document"),
        FieldRowPanel([FieldPanel("decision"), FieldPanel("decided_on")]),
        FieldPanel("comments_summary"),
    ]

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("mały grant (art. 19a)")
        verbose_name_plural = _("małe granty (art. 19a)")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ngo:small_grant", args=[self.pk])

    @property
    def year(self) -> int:
        return (self.decided_on or self.received_on).year

    def clean(self):
        super().clean()
        if not (
            self.amount
            and self.task_start
            and self.task_end
            and self.received_on
            and self.organisation_id
        ):
            return
        granted = SmallGrant.objects.filter(decision=self.Decision.GRANTED).exclude(pk=self.pk)
        this_year = [g for g in granted if g.year == self.year]
        programme = CooperationProgramme.objects.filter(year=self.year).first()
        offer = rules.SmallGrantOffer(
            amount=self.amount,
            start=self.task_start,
            end=self.task_end,
            earlier_grants_this_year=[
                g.amount for g in this_year if g.organisation_id == self.organisation_id
            ],
            planned_ngo_grants=programme.planned_funds if programme else None,
            small_grants_this_year=[g.amount for g in this_year],
        )
        errors = rules.check_small_grant(offer)
        for err in errors:
            err.field = {"end": "task_end"}.get(err.field, err.field)
        try:
            rules.check_small_grant_dates(self.received_on, self.published_on, self.decided_on)
        except rules.RuleError as err:
            errors.append(err)
        if self.decision != self.Decision.PENDING and not self.decided_on:
            errors.append(
                rules.RuleError(
                    rules.gettext_noop("Podaj datę decyzji."), "no_date", field="decided_on"
                )
            )
        if errors:
            raise as_validation_error(errors)

    @property
    def comments_until(self) -> date | None:
        return rules.comments_until(self.published_on) if self.published_on else None

    @property
    def publication_due(self) -> date:
        return rules.publication_due(self.received_on)

    publication_due.fget.short_description = _("opublikować do")

    def open_for_comments(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(self.published_on) and self.published_on <= today <= self.comments_until


class SmallGrantComment(models.Model):
    """A remark anyone may send during the 7 days (art. 19a ust. 3); seen by officials only."""

    small_grant = models.ForeignKey(SmallGrant, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(_("imię i nazwisko lub nazwa"), max_length=120)
    author_email = models.EmailField(_("e-mail"), blank=True)
    text = models.TextField(_("uwagi"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("uwaga do oferty")
        verbose_name_plural = _("uwagi do ofert")

    def __str__(self):
        return f"{self.author_name} — {self.small_grant}"


# ---------------------------------------------------- cooperation programme


class CooperationProgramme(models.Model):
    """Roczny program współpracy (art. 5a) and the report on it."""

    year = models.PositiveSmallIntegerField(_("rok"), unique=True)
    title = models.CharField(_("tytuł"), max_length=250)
    resolution = models.CharField(_("uchwała (numer)"), max_length=60, blank=True)
    adopted_on = models.DateField(_("data uchwalenia"), null=True, blank=True)
    planned_funds = models.DecimalField(
        _("planowane środki na dotacje (zł)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Podstawa limitu 20% dla małych grantów."),
    )
    summary = models.TextField(_("streszczenie: cele, priorytety, formy współpracy"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("program (plik)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bip_url = models.URLField(_("program w BIP"), blank=True)
    report_published_on = models.DateField(_("sprawozdanie opublikowano"), null=True, blank=True)
    report_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("sprawozdanie (plik)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report_bip_url = models.URLField(_("sprawozdanie w BIP"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("resolution"), FieldPanel("adopted_on")]),
        FieldPanel("title"),
        FieldPanel("planned_funds"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("document"), FieldPanel("bip_url")]),
        MultiFieldPanel(
            [
                FieldPanel("report_published_on"),
                FieldPanel("report_document"),
                FieldPanel("report_bip_url"),
            ],
            heading=_("Sprawozdanie z realizacji"),
        ),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("program współpracy")
        verbose_name_plural = _("programy współpracy")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if (
            self.report_published_on
            and self.year
            and self.report_published_on.year <= self.year - 1
        ):
            raise ValidationError(
                {
                    "report_published_on": _(
                        "Sprawozdanie dotyczy roku, który jeszcze się nie zaczął."
                    )
                }
            )

    @property
    def adoption_due(self) -> date:
        return rules.programme_due(self.year)

    @property
    def report_due(self) -> date:
        return rules.report_due(self.year)

    @property
    def adopted_late(self) -> bool:
        return bool(self.adopted_on) and self.adopted_on > self.adoption_due

    @property
    def has_report(self) -> bool:
        return bool(self.report_published_on)
