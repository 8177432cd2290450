"""Open competitions for offers (art. 11–18a), their documents and results."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

from ratusz.core.adminforms import CityAdminForm
from ratusz.core.tenancy import city_field

from .. import rules
from .base import as_validation_error, unique_slug
from .directory import Area, Organisation


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

    site = city_field()
    title = models.CharField(_("tytuł"), max_length=250)
    slug = models.SlugField(_("adres strony"), max_length=90, blank=True)
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

    base_form_class = CityAdminForm
    panels = [
        FieldPanel("site"),
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
        constraints = [
            models.UniqueConstraint(
                fields=["site", "slug"],
                name="ngo_competition_unique_slug_per_city",
                violation_error_message=_(
                    "Konkurs o tym adresie strony już jest w serwisie miasta."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Competition, self.title, self.pk, self.site_id)
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
    CITY_PATH = "competition__site"

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

    CITY_PATH = "competition__site"

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
        if (
            self.organisation_id
            and self.competition_id
            and self.organisation.site_id != self.competition.site_id
        ):
            raise ValidationError(
                {
                    "organisation": _(
                        "Organizacja musi być z katalogu miasta, które ogłosiło konkurs."
                    )
                }
            )
