"""The search index: one row per searchable object, plus lemmas and synonyms.

The full-text structures live outside Django's field list, created by
migration 0002 for the engine in use: an FTS5 table kept in sync by triggers on
SQLite, a generated weighted tsvector with a GIN index on PostgreSQL. Both
index the same lemmatised, folded text (``title_norm``/``body_norm``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from ratusz.core.adminforms import CityAdminForm
from ratusz.core.tenancy import city_field


class Document(models.Model):
    # The city whose record or page it is; a landing page every city has
    # (/ngo/) has one row per city, as that city shows it.
    site = city_field(help_text=_("Serwis miasta, w którego wyszukiwarce dokument jest widoczny."))
    kind = models.CharField(_("rodzaj"), max_length=40)
    key = models.CharField(_("klucz"), max_length=120)
    title = models.CharField(_("tytuł"), max_length=500)
    body = models.TextField(_("treść"), blank=True)
    url = models.CharField(_("adres"), max_length=500)
    date = models.DateField(_("data"), null=True, blank=True)
    is_current = models.BooleanField(_("aktualne"), default=True)
    # Residents search in the language of the site they read (no /en/ among Polish results).
    language = models.CharField(_("język"), max_length=10, default="pl")
    title_norm = models.TextField(editable=False, default="")
    body_norm = models.TextField(editable=False, default="")
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("dokument w indeksie")
        verbose_name_plural = _("dokumenty w indeksie")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "key"], name="search_document_site_kind_key"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "date"], name="search_doc_kind_date"),
            models.Index(fields=["kind", "key"], name="search_doc_kind_key"),
        ]

    def __str__(self):
        return self.title


class Lemma(models.Model):
    """Every lemma seen while indexing a city's documents, kept so its queries
    can repair forms and typos ("Czy chodziło Ci o" offers the city's own words)."""

    site = city_field()
    text = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "text"], name="search_lemma_site_text")
        ]

    def __str__(self):
        return self.text


class SynonymRule(models.Model):
    # Per city: each city's moderators keep their own list (local names and
    # abbreviations); a new city starts with the shipped rules (cities.py).
    site = city_field(help_text=_("Serwis miasta, którego wyszukiwarka stosuje tę regułę."))
    terms = models.CharField(
        _("słowa"),
        max_length=300,
        help_text=_(
            "Słowa lub wyrażenia rozdzielone przecinkami, np. „śmieci, odpady, odpadki”. "
            "Każde znajduje pozostałe."
        ),
    )
    expands_to = models.CharField(
        _("rozwija się do"),
        max_length=300,
        blank=True,
        help_text=_(
            "Wypełnij tylko dla reguły w jedną stronę, np. słowo „BO” rozwija się do "
            "„budżet obywatelski”. Kilka wyrażeń rozdziel przecinkami."
        ),
    )
    active = models.BooleanField(_("aktywna"), default=True)

    base_form_class = CityAdminForm
    panels = [
        FieldPanel("site"),
        FieldPanel("terms"),
        FieldPanel("expands_to"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synonim")
        verbose_name_plural = _("synonimy")

    def __str__(self):
        return f"{self.terms} → {self.expands_to}" if self.expands_to else self.terms

    def as_line(self) -> str:
        """The rule in the text syntax of ``ratusz.search.synonyms``."""
        return rule_line(self.terms, self.expands_to)


def rule_line(terms: str, expands_to: str) -> str:
    clean = " ".join(terms.replace("=>", " ").split())
    if expands_to:
        return f"{clean} => {' '.join(expands_to.replace('=>', ' ').split())}"
    return clean
