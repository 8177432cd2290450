"""Voting models of the participatory budget.

One person votes once per edition: ``Voter`` holds the keyed hash of the PESEL under a
unique constraint, so the database itself refuses a second (even concurrent) ballot.
Choices are stored per ballot without any link a visitor could follow back to the
person; the receipt number is random and shows only that the ballot was counted.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ratusz.budget.admin_forms import BudgetAdminForm
from ratusz.core.privacy import EncryptedTextField

RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud on the phone


def new_receipt_number():
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _i in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class VotingRules(models.Model):
    """Ballot rules of an edition beyond the pools' own (which districts, ties)."""

    CITY_PATH = "edition__site"
    base_form_class = BudgetAdminForm

    class Ties(models.TextChoices):
        LOT = "lot", _("losowanie z zapisanym ziarnem")
        DECISION = "decision", _("decyzja urzędnika (kolejność poniżej)")
        ORDER = "order", _("kolejność na liście projektów")

    edition = models.OneToOneField(
        "budget.Edition",
        verbose_name=_("edycja"),
        on_delete=models.CASCADE,
        related_name="voting_rules",
    )
    max_district_pools = models.PositiveSmallIntegerField(
        _("najwięcej pul dzielnicowych na karcie"),
        null=True,
        blank=True,
        default=1,
        help_text=_("Np. 1 (Warszawa), 2 (Łódź). Puste: bez limitu."),
    )
    own_district_only = models.BooleanField(
        _("tylko dzielnica zamieszkania"),
        default=False,
        help_text=_("Głos w puli dzielnicowej tylko dla mieszkańców tej dzielnicy (Kraków)."),
    )
    tie_policy = models.CharField(
        _("rozstrzyganie remisów"), max_length=20, choices=Ties.choices, default=Ties.LOT
    )
    tie_decision = models.TextField(
        _("kolejność ustalona przez urzędnika"),
        blank=True,
        help_text=_("Numery projektów, od najwyżej postawionego, oddzielone przecinkami."),
    )

    class Meta:
        verbose_name = _("zasady głosowania")
        verbose_name_plural = _("zasady głosowania")

    def __str__(self):
        return str(self.edition)


class Voter(models.Model):
    """A person who voted in an edition; the PESEL only as a keyed hash."""

    CITY_PATH = "edition__site"

    edition = models.ForeignKey(
        "budget.Edition", verbose_name=_("edycja"), on_delete=models.CASCADE, related_name="voters"
    )
    pesel_hash = models.CharField(_("skrót PESEL"), max_length=64)
    name = EncryptedTextField(_("imię i nazwisko"), blank=True)
    address = EncryptedTextField(_("adres"), blank=True)
    district = models.ForeignKey(
        "gis.District",
        verbose_name=_("dzielnica zamieszkania"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    age_group = models.CharField(_("grupa wieku"), max_length=10, blank=True)
    guardian_statement = models.BooleanField(_("oświadczenie opiekuna"), default=False)
    attempts = models.PositiveSmallIntegerField(_("liczba prób głosowania"), default=1)
    invalidated = models.BooleanField(
        _("wszystkie głosy nieważne"),
        default=False,
        help_text=_("Ustawiane przy ponownej próbie, gdy edycja unieważnia wtedy wszystkie głosy."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("głosujący")
        verbose_name_plural = _("głosujący")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "pesel_hash"], name="budget_voting_one_voter_per_edition"
            )
        ]

    def __str__(self):
        return _("Głosujący nr %(pk)s") % {"pk": self.pk}


class BallotQuerySet(models.QuerySet):
    def counted(self):
        """Valid ballots: online, or paper confirmed by a second official."""
        return self.filter(valid=True, voter__invalidated=False).exclude(
            channel=Ballot.Channel.PAPER, confirmed_by__isnull=True
        )


class Ballot(models.Model):
    CITY_PATH = "edition__site"

    class Channel(models.TextChoices):
        ONLINE = "online", _("internet")
        PAPER = "paper", _("papier")
        IMPORT = "import", _("import pabulib")

    edition = models.ForeignKey(
        "budget.Edition", verbose_name=_("edycja"), on_delete=models.CASCADE, related_name="ballots"
    )
    voter = models.OneToOneField(
        Voter, verbose_name=_("głosujący"), on_delete=models.CASCADE, related_name="ballot"
    )
    number = models.CharField(
        _("numer karty"), max_length=20, unique=True, default=new_receipt_number
    )
    channel = models.CharField(_("kanał"), max_length=10, choices=Channel.choices)
    external_id = models.CharField(_("identyfikator z importu"), max_length=60, blank=True)
    valid = models.BooleanField(_("ważna"), default=True)
    invalid_reason = models.CharField(_("powód nieważności"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wprowadził"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("potwierdził"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("potwierdzono"), null=True, blank=True)
    created_at = models.DateTimeField(_("oddano"), auto_now_add=True)

    objects = BallotQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("karta do głosowania")
        verbose_name_plural = _("karty do głosowania")

    def __str__(self):
        return self.number

    @property
    def awaiting_confirmation(self):
        return self.channel == self.Channel.PAPER and self.confirmed_by_id is None


class Choice(models.Model):
    """One project on one ballot, with its points (1 for approval and choose-1)."""

    CITY_PATH = "ballot__edition__site"

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    pool = models.ForeignKey("budget.Pool", on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey("budget.Project", on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField(default=1)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["ballot", "pool", "position"]
        verbose_name = _("wybór na karcie")
        verbose_name_plural = _("wybory na kartach")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "project"], name="budget_voting_choice_once")
        ]

    def __str__(self):
        return f"{self.ballot_id}: {self.project_id} ({self.points})"


class Tally(models.Model):
    """The published count of an edition: the seed of the lot and the explained result."""

    CITY_PATH = "edition__site"

    edition = models.OneToOneField(
        "budget.Edition", verbose_name=_("edycja"), on_delete=models.CASCADE, related_name="tally"
    )
    seed = models.BigIntegerField(_("ziarno losowania remisów"))
    result = models.JSONField(_("wynik"), default=dict)
    computed_at = models.DateTimeField(_("policzono"), auto_now=True)
    engine_version = models.CharField(_("wersja silnika liczenia"), max_length=20, blank=True)
    input_hash = models.CharField(
        _("skrót danych wejściowych (SHA-256)"),
        max_length=64,
        blank=True,
        help_text=_("Z kart, projektów i zasad puli; ten sam skrót = te same dane."),
    )

    class Meta:
        verbose_name = _("wynik głosowania")
        verbose_name_plural = _("wyniki głosowania")

    def __str__(self):
        return str(self.edition)
