"""Small grants outside competitions (art. 19a) and the public's comments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from ratusz.core.privacy import EncryptedCharField, EncryptedEmailField

from .. import rules
from .base import as_validation_error
from .directory import Area, Organisation
from .programme import CooperationProgramme


class SmallGrant(models.Model):
    """An art. 19a offer: published for comments for 7 days, then decided.

    It belongs to the city of the organisation's catalogue entry."""

    CITY_PATH = "organisation__site"

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
        # The limits are the city's: its grants, its programme's planned funds.
        site_id = self.organisation.site_id
        granted = SmallGrant.objects.filter(
            decision=self.Decision.GRANTED, organisation__site_id=site_id
        ).exclude(pk=self.pk)
        this_year = [g for g in granted if g.year == self.year]
        programme = CooperationProgramme.objects.filter(site_id=site_id, year=self.year).first()
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

    publication_due.fget.short_description = _("opublikować do")  # type: ignore[attr-defined]

    def open_for_comments(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        until = self.comments_until
        return (
            self.published_on is not None
            and until is not None
            and (self.published_on <= today <= until)
        )


class SmallGrantComment(models.Model):
    """A remark anyone may send during the 7 days (art. 19a ust. 3); seen by officials only."""

    CITY_PATH = "small_grant__organisation__site"

    small_grant = models.ForeignKey(SmallGrant, on_delete=models.CASCADE, related_name="comments")
    author_name = EncryptedCharField(_("imię i nazwisko lub nazwa"), form_max_length=120)
    author_email = EncryptedEmailField(_("e-mail"), form_max_length=254, blank=True)
    text = models.TextField(_("uwagi"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("uwaga do oferty")
        verbose_name_plural = _("uwagi do ofert")

    def __str__(self):
        return f"{self.author_name} — {self.small_grant}"
