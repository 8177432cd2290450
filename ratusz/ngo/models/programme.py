"""The yearly cooperation programme (art. 5a) and the report on it."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from ratusz.core.adminforms import CityAdminForm
from ratusz.core.tenancy import city_field

from .. import rules


class CooperationProgramme(models.Model):
    """Roczny program współpracy (art. 5a) and the report on it."""

    site = city_field()
    year = models.PositiveSmallIntegerField(_("rok"))
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

    base_form_class = CityAdminForm
    panels = [
        FieldPanel("site"),
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
        constraints = [
            models.UniqueConstraint(
                fields=["site", "year"],
                name="ngo_programme_one_per_city_and_year",
                violation_error_message=_(
                    "Program współpracy na ten rok już jest w serwisie miasta."
                ),
            ),
        ]

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
        return self.adopted_on is not None and self.adopted_on > self.adoption_due

    @property
    def has_report(self) -> bool:
        return bool(self.report_published_on)
