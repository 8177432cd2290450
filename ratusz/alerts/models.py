"""Safety announcements: the editors' object, its CAP messages, subscriptions."""

import secrets

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from ratusz.core.privacy import EncryptedEmailField, email_hash
from ratusz.core.tenancy import city_field

from . import cap


class Kind(models.TextChoices):
    SMOG = "smog", _("Jakość powietrza")
    WEATHER = "weather", _("Ostrzeżenie pogodowe")
    FLOOD = "flood", _("Zagrożenie powodziowe")
    WATER = "water", _("Przerwa w dostawie wody")
    ROAD = "road", _("Utrudnienia drogowe")
    POWER = "power", _("Przerwa w dostawie prądu")
    CRISIS = "crisis", _("Komunikat kryzysowy")


class Level(models.TextChoices):
    GREEN = "green", _("zielony — brak zagrożenia lub niewielkie")
    YELLOW = "yellow", _("żółty — zachowaj ostrożność")
    ORANGE = "orange", _("pomarańczowy — niebezpieczne zjawisko")
    RED = "red", _("czerwony — bardzo niebezpieczne zjawisko")


class MsgType(models.TextChoices):
    ALERT = "Alert", _("nowy komunikat")
    UPDATE = "Update", _("aktualizacja")
    CANCEL = "Cancel", _("odwołanie")


class Status(models.TextChoices):
    ACTUAL = "Actual", _("rzeczywisty")
    EXERCISE = "Exercise", _("ćwiczenia")
    TEST = "Test", _("test techniczny")


class Urgency(models.TextChoices):
    IMMEDIATE = "Immediate", _("natychmiast")
    EXPECTED = "Expected", _("w ciągu godziny")
    FUTURE = "Future", _("w najbliższym czasie")
    PAST = "Past", _("już minęło")
    UNKNOWN = "Unknown", _("nieznana")


class Severity(models.TextChoices):
    EXTREME = "Extreme", _("ekstremalne")
    SEVERE = "Severe", _("poważne")
    MODERATE = "Moderate", _("umiarkowane")
    MINOR = "Minor", _("niewielkie")
    UNKNOWN = "Unknown", _("nieznane")


class Certainty(models.TextChoices):
    OBSERVED = "Observed", _("zaobserwowane")
    LIKELY = "Likely", _("prawdopodobne")
    POSSIBLE = "Possible", _("możliwe")
    UNLIKELY = "Unlikely", _("mało prawdopodobne")
    UNKNOWN = "Unknown", _("nieznana")


CATEGORY_CHOICES = [
    ("Geo", _("geofizyczne")),
    ("Met", _("meteorologiczne")),
    ("Safety", _("bezpieczeństwo publiczne")),
    ("Security", _("ochrona i porządek")),
    ("Rescue", _("ratownictwo")),
    ("Fire", _("pożar")),
    ("Health", _("zdrowie")),
    ("Env", _("środowisko")),
    ("Transport", _("transport")),
    ("Infra", _("infrastruktura")),
    ("CBRNE", _("zagrożenie CBRN")),
    ("Other", _("inne")),
]
RESPONSE_CHOICES = [
    ("Shelter", _("schroń się")),
    ("Evacuate", _("ewakuuj się")),
    ("Prepare", _("przygotuj się")),
    ("Execute", _("wykonaj zalecenia")),
    ("Avoid", _("unikaj")),
    ("Monitor", _("śledź komunikaty")),
    ("Assess", _("oceń sytuację")),
    ("AllClear", _("zagrożenie minęło")),
    ("None", _("brak zaleceń")),
]


class Announcement(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """What editors write. Each publication issues an immutable :class:`Message`."""

    site = city_field()
    kind = models.CharField(_("rodzaj"), max_length=20, choices=Kind.choices)
    msg_type = models.CharField(
        _("rodzaj publikacji"),
        max_length=10,
        choices=MsgType.choices,
        default=MsgType.ALERT,
        help_text=_("Aktualizacja i odwołanie tworzą nową wiadomość, która wskazuje wcześniejsze."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTUAL
    )
    level = models.CharField(
        _("stopień ostrzeżenia"), max_length=10, choices=Level.choices, default=Level.YELLOW
    )
    urgency = models.CharField(
        _("pilność"), max_length=10, choices=Urgency.choices, default=Urgency.EXPECTED
    )
    severity = models.CharField(
        _("dotkliwość"), max_length=10, choices=Severity.choices, default=Severity.MODERATE
    )
    certainty = models.CharField(
        _("pewność"), max_length=10, choices=Certainty.choices, default=Certainty.LIKELY
    )
    categories = models.JSONField(
        _("kategorie CAP"), default=list, blank=True, help_text=_("Puste: według rodzaju.")
    )
    response_types = models.JSONField(_("zalecane działania"), default=list, blank=True)
    event = models.CharField(
        _("zdarzenie"), max_length=120, blank=True, help_text=_("Puste: według rodzaju.")
    )
    headline = models.CharField(_("tytuł"), max_length=160)
    description = models.TextField(_("opis"))
    instruction = models.TextField(_("zalecenia dla mieszkańców"), blank=True)
    headline_en = models.CharField(_("tytuł po angielsku"), max_length=160, blank=True)
    description_en = models.TextField(_("opis po angielsku"), blank=True)
    instruction_en = models.TextField(_("zalecenia po angielsku"), blank=True)
    update_note = models.TextField(
        _("wpis do przebiegu zdarzeń"),
        blank=True,
        help_text=_("Co się zmieniło w tej publikacji; pokazujemy to w historii komunikatu."),
    )
    web = models.URLField(_("strona z informacjami"), blank=True)
    contact = models.CharField(_("kontakt"), max_length=200, blank=True)
    effective = models.DateTimeField(
        _("obowiązuje od"),
        default=timezone.now,
        help_text=_("Przed tą chwilą komunikat nie pojawia się na stronach."),
    )
    onset = models.DateTimeField(_("początek zdarzenia"), null=True, blank=True)
    expires = models.DateTimeField(
        _("wygasa"), null=True, blank=True, help_text=_("Po tej chwili komunikat sam znika.")
    )
    whole_city = models.BooleanField(_("całe miasto"), default=False)
    districts = models.ManyToManyField(
        "gis.District", verbose_name=_("dzielnice"), blank=True, related_name="+"
    )
    area_description = models.CharField(
        _("opis obszaru"), max_length=300, blank=True, help_text=_("Np. ulice objęte przerwą.")
    )
    polygon = models.TextField(
        _("wielokąt"),
        blank=True,
        help_text=_(
            "Pary „szerokość,długość” oddzielone spacjami, pierwsza równa ostatniej; "
            "każdy wielokąt w osobnym wierszu."
        ),
    )
    circle = models.CharField(
        _("koło"), max_length=80, blank=True, help_text=_("„szerokość,długość promień_km”.")
    )
    geocodes = models.TextField(
        _("kody obszaru"), blank=True, help_text=_("Po jednym w wierszu, np. TERYT=2470011.")
    )
    imported_areas = models.JSONField(default=list, blank=True, editable=False)
    full_page = models.BooleanField(
        _("komunikat na całą stronę"),
        default=False,
        help_text=_("Tylko dla najpoważniejszych zagrożeń (stopień czerwony)."),
    )
    source_sender = models.CharField(_("nadawca źródłowy"), max_length=200, blank=True)
    source_identifier = models.CharField(_("identyfikator źródłowy"), max_length=250, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="alerts_announcement")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="alerts_announcement",
        for_concrete_model=False,
    )

    class Meta:
        ordering = ["-effective"]
        verbose_name = _("komunikat")
        verbose_name_plural = _("komunikaty")
        constraints = [
            # one city's copy of another publisher's message (each city imports its own)
            models.UniqueConstraint(
                fields=["site", "source_sender", "source_identifier"],
                condition=~models.Q(source_identifier=""),
                name="alerts_unique_source",
            )
        ]

    def __str__(self):
        return self.headline

    @property
    def revisions(self):
        return self._revisions

    def latest_message(self):
        return self.messages.order_by("-version").first()


class MessageQuerySet(models.QuerySet):
    def latest(self):
        return self.filter(is_latest=True)

    def active(self, now=None):
        """CAP's active: Actual, not a Cancel, not superseded, started and not expired."""
        now = now or timezone.now()
        return (
            self.latest()
            .filter(status=Status.ACTUAL, effective__lte=now)
            .exclude(msg_type=MsgType.CANCEL)
            .filter(models.Q(expires__isnull=True) | models.Q(expires__gt=now))
        )

    def archived(self, now=None):
        now = now or timezone.now()
        return self.latest().filter(models.Q(msg_type=MsgType.CANCEL) | models.Q(expires__lte=now))


class Message(models.Model):
    """One CAP message as published: never changed afterwards."""

    CITY_PATH = "announcement__site"

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="messages"
    )
    version = models.PositiveIntegerField(_("wersja"))
    identifier = models.CharField(_("identyfikator"), max_length=250, unique=True)
    sender = models.CharField(_("nadawca"), max_length=200)
    sent = models.DateTimeField(_("wysłano"))
    msg_type = models.CharField(_("rodzaj"), max_length=10, choices=MsgType.choices)
    status = models.CharField(_("status"), max_length=10)
    is_latest = models.BooleanField(default=True, db_index=True)
    kind = models.CharField(_("rodzaj"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("stopień"), max_length=10, choices=Level.choices)
    severity = models.CharField(_("dotkliwość"), max_length=10, choices=Severity.choices)
    urgency = models.CharField(_("pilność"), max_length=10, choices=Urgency.choices)
    effective = models.DateTimeField(_("obowiązuje od"))
    expires = models.DateTimeField(_("wygasa"), null=True, blank=True)
    headline = models.CharField(_("tytuł"), max_length=160)
    description = models.TextField(_("opis"))
    instruction = models.TextField(_("zalecenia"), blank=True)
    note = models.TextField(_("wpis do przebiegu zdarzeń"), blank=True)
    area_description = models.TextField(_("obszar"), blank=True)
    geometry = models.JSONField(null=True, blank=True)
    full_page = models.BooleanField(default=False)
    xml = models.TextField(_("dokument CAP"))

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-sent"]
        verbose_name = _("wiadomość CAP")
        verbose_name_plural = _("wiadomości CAP")
        constraints = [
            models.UniqueConstraint(fields=["announcement", "version"], name="alerts_msg_version")
        ]
        indexes = [models.Index(fields=["is_latest", "severity", "expires"])]

    def __str__(self):
        return self.identifier

    def get_absolute_url(self):
        return reverse("alerts:detail", args=[self.announcement_id])

    def cap_url(self):
        return reverse("alerts:cap", args=[self.identifier])

    def cap_alert(self) -> cap.Alert:
        return cap.parse(self.xml.encode())

    @property
    def dismiss_token(self):
        from .profile import dismiss_token

        return dismiss_token(self.identifier, self.version)


class SeverityThreshold(models.TextChoices):
    MINOR = "Minor", _("wszystkie (także niewielkie)")
    MODERATE = "Moderate", _("co najmniej umiarkowane")
    SEVERE = "Severe", _("co najmniej poważne")
    EXTREME = "Extreme", _("tylko ekstremalne")


def _token():
    return secrets.token_urlsafe(24)


class Subscription(models.Model):
    """A resident's e-mail subscription to one city's announcements: double
    opt-in, one-click unsubscribe."""

    site = city_field()
    # Encrypted like other personal data; the keyed hash keeps "one subscription
    # per address and city" a database constraint and the lookup an equality.
    email = EncryptedEmailField(_("adres e-mail"), form_max_length=254)
    email_hash = models.CharField(max_length=64, db_index=True, editable=False)
    kinds = models.JSONField(_("rodzaje"), default=list, blank=True)
    min_severity = models.CharField(
        _("od dotkliwości"),
        max_length=10,
        choices=SeverityThreshold.choices,
        default=SeverityThreshold.MODERATE,
    )
    # Preferences asked for but not yet confirmed by the link in the e-mail.
    pending = models.JSONField(null=True, blank=True, editable=False)
    token = models.CharField(max_length=64, unique=True, default=_token)
    confirmed_at = models.DateTimeField(_("potwierdzono"), null=True, blank=True)
    # When the last confirmation e-mail went out: a task re-run after a killed
    # worker does not send the same confirmation twice (tasks.send_confirmation).
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)

    class Meta:
        verbose_name = _("subskrypcja")
        verbose_name_plural = _("subskrypcje")
        constraints = [
            models.UniqueConstraint(fields=["site", "email_hash"], name="alerts_one_subscription")
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email_hash = email_hash(self.email)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "email" in update_fields:
            kwargs["update_fields"] = {*update_fields, "email_hash"}
        super().save(*args, **kwargs)

    @classmethod
    def hash_of(cls, email):
        return email_hash(email)


class Delivery(models.Model):
    """One e-mail to one subscriber: kept until sent, so an SMTP outage only delays it."""

    CITY_PATH = "subscription__site"

    class State(models.TextChoices):
        PENDING = "pending", _("czeka")
        SENT = "sent", _("wysłano")
        SKIPPED = "skipped", _("pominięto (wygasł lub wypisano)")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("wysyłka")
        verbose_name_plural = _("wysyłki")
        constraints = [
            models.UniqueConstraint(fields=["message", "subscription"], name="alerts_one_delivery")
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.message_id} → {self.subscription_id} ({self.state})"


class ImportSource(models.Model):
    """A CAP feed the city republishes from (e.g. MeteoAlarm for Poland)."""

    site = city_field()
    name = models.CharField(_("nazwa"), max_length=120)
    url = models.URLField(_("adres kanału"))
    active = models.BooleanField(_("czynne"), default=True)
    last_run_at = models.DateTimeField(_("ostatni odczyt"), null=True, blank=True)
    last_result = models.TextField(_("wynik ostatniego odczytu"), blank=True)

    class Meta:
        verbose_name = _("źródło CAP")
        verbose_name_plural = _("źródła CAP")
        constraints = [
            models.UniqueConstraint(fields=["site", "url"], name="alerts_one_source_per_city")
        ]

    def __str__(self):
        return self.name
