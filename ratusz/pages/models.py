"""Page types of the portal: home, section, article, news, contact."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from ratusz.core.adminforms import CityAdminForm
from ratusz.core.forms import HONEYPOT_FIELD
from ratusz.core.privacy import EncryptedJSONField
from ratusz.core.ratelimit import client_address, hit, too_many
from ratusz.core.tenancy import city_field, in_city

from .blocks import BodyBlock
from .forms import NewsPageForm, PageForm

CONTACT_MESSAGE_MAX_LENGTH = 5000
NEWS_THUMBNAIL = "fill-320x180|format-webp"  # home_page.html


class BasePage(Page):
    """Fields every content page has: a lead paragraph and a lead image (shown on
    the page, in lists and on the home page), which needs its text alternative."""

    intro = models.TextField(_("wprowadzenie"), blank=True, max_length=600)
    lead_image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("zdjęcie wiodące"),
    )
    lead_image_alt = models.CharField(
        _("tekst alternatywny zdjęcia"),
        max_length=250,
        blank=True,
        help_text=_("Co widać na zdjęciu, dla osób, które go nie widzą (wymaga tego WCAG)."),
    )

    base_form_class = PageForm
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_alt")],
            heading=_("Zdjęcie wiodące"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.lead_image_id and not (self.lead_image_alt or "").strip():
            raise ValidationError(
                {
                    "lead_image_alt": _(
                        "Opisz zdjęcie wiodące: tekst alternatywny jest wymagany, "
                        "gdy strona ma zdjęcie."
                    )
                }
            )

    def get_breadcrumbs(self):
        """Ancestors below the site root, for the breadcrumb trail."""
        return self.get_ancestors().filter(depth__gt=2).specific(defer=True)


def organisation_jsonld(request):
    """schema.org GovernmentOrganization for the office, from its settings."""
    from ratusz.core import city

    office = city.current(request)
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": office.office_name or office.city_name,
        "url": request.build_absolute_uri("/"),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": office.street,
            "postalCode": office.postal_code,
            "addressLocality": office.locality,
            "addressCountry": "PL",
        },
    }
    if office.phone:
        data["telephone"] = office.phone
    if office.email:
        data["email"] = office.email
    if office.fax:
        data["faxNumber"] = office.fax
    if office.latitude is not None and office.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(office.latitude),
            "longitude": float(office.longitude),
        }
    # json.dumps escapes nothing HTML-specific: close any "</" sequence.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


class HomePage(BasePage):
    hero_title = models.CharField(_("tytuł powitania"), max_length=120, blank=True)
    hero_text = models.TextField(_("tekst powitania"), blank=True, max_length=400)

    content_panels = BasePage.content_panels + [FieldPanel("hero_title"), FieldPanel("hero_text")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("strona główna")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from django.db.models import Prefetch
        from wagtail.images import get_image_model

        # the thumbnails' renditions come with the news: no query per picture
        thumbnails = get_image_model().objects.prefetch_renditions(NEWS_THUMBNAIL)
        context["latest_news"] = (
            NewsPage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-date", "-pk")
            .prefetch_related(Prefetch("lead_image", queryset=thumbnails))[:4]
        )
        context["news_index"] = NewsIndexPage.objects.live().child_of(self).first()
        context["organisation_jsonld"] = organisation_jsonld(request)
        return context


class SectionPage(BasePage):
    """A section such as "Świat, region, ludzie": editorial text and its pages."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("treść"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = _("sekcja")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        return context


class ArticlePage(BasePage):
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("treść"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    subpage_types = ["pages.ArticlePage"]

    class Meta:
        verbose_name = _("artykuł")


class NewsCategory(models.Model):
    """A city's category of news (each city names its own; the snippet's
    admin is in wagtail_hooks, scoped by the user's cities)."""

    site = city_field()
    name = models.CharField(_("nazwa"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)

    panels = [FieldPanel("site"), FieldPanel("name"), FieldPanel("slug")]
    base_form_class = CityAdminForm

    class Meta:
        ordering = ["name"]
        verbose_name = _("kategoria aktualności")
        verbose_name_plural = _("kategorie aktualności")
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="pages_newscategory_name"),
            models.UniqueConstraint(fields=["site", "slug"], name="pages_newscategory_slug"),
        ]

    def __str__(self):
        return self.name


class NewsIndexPage(BasePage):
    subpage_types = ["pages.NewsPage"]
    max_count_per_parent = 1
    page_size = 10

    class Meta:
        verbose_name = _("aktualności")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = (
            NewsPage.objects.live()
            .public()  # news behind a view restriction are not listed to anyone
            .child_of(self)
            .order_by("-date", "-pk")
            .prefetch_related("categories")
        )
        category = None
        slug = request.GET.get("kategoria", "")
        # the categories of the city this news index is in
        categories = in_city(NewsCategory.objects.all(), self.get_site())
        if slug:
            category = categories.filter(slug=slug).first()
            if category:
                news = news.filter(categories=category)
        paginator = Paginator(news, self.page_size)
        context["news_page"] = paginator.get_page(request.GET.get("strona"))
        context["categories"] = categories
        context["active_category"] = category
        return context


class NewsPage(BasePage):
    date = models.DateField(_("data"), default=timezone.localdate)
    categories = ParentalManyToManyField(
        NewsCategory, blank=True, verbose_name=_("kategorie"), related_name="news"
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("treść"))

    base_form_class = NewsPageForm

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("date")]),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body"), index.FilterField("date")]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("aktualność")
        verbose_name_plural = _("aktualności")


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactFormBuilder(FormBuilder):
    """The editor's fields plus a required RODO consent and a honeypot."""

    def create_multiline_field(self, field, options):
        options["max_length"] = CONTACT_MESSAGE_MAX_LENGTH
        return forms.CharField(widget=forms.Textarea, **options)

    @property
    def formfields(self):
        fields = super().formfields
        fields["zgoda"] = forms.BooleanField(
            label=_(
                "Wyrażam zgodę na przetwarzanie moich danych osobowych w celu obsługi "
                "zgłoszenia, zgodnie z klauzulą informacyjną powyżej."
            ),
            required=True,
            error_messages={"required": _("Zgoda jest potrzebna, abyśmy mogli odpowiedzieć.")},
        )
        fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Nie wypełniaj tego pola"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
            validators=[_refuse_filled_honeypot],
        )
        return fields


def _refuse_filled_honeypot(value):
    if value:
        raise ValidationError(_("Formularz odrzucony jako automatyczny."))


class ContactFormSubmission(AbstractFormSubmission):
    """A contact-form submission: residents' answers are personal data, stored encrypted
    (``RATUSZ_ENCRYPTION_KEYS``, re-encrypted by ``manage.py ratusz_reencrypt``).

    Staff read them decrypted in the admin's list and CSV/XLSX export as before.
    """

    form_data = EncryptedJSONField(_("odpowiedzi"))
    submit_time = models.DateTimeField(_("wysłano"), auto_now_add=True)

    class Meta:
        verbose_name = _("zgłoszenie z formularza")
        verbose_name_plural = _("zgłoszenia z formularzy")


class ContactPage(AbstractEmailForm):
    """The office's contact form (Wagtail form builder)."""

    form_builder = ContactFormBuilder
    base_form_class = PageForm
    intro = RichTextField(_("wprowadzenie"), blank=True, features=["bold", "italic", "link"])
    privacy_notice = RichTextField(
        _("klauzula informacyjna RODO"), features=["bold", "italic", "link", "ul"]
    )
    thank_you_text = RichTextField(
        _("podziękowanie"), blank=True, features=["bold", "italic", "link"]
    )
    rate_limit = "5/m"

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("pola formularza")),
        FieldPanel("privacy_notice"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("e-mail do urzędu"),
        ),
    ]
    max_count_per_parent = 1
    subpage_types = []

    class Meta:
        verbose_name = _("strona kontaktowa")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and not hit(
            f"contact:{self.pk}", client_address(request), self.rate_limit
        ):
            return too_many(request, 60)
        response = super().serve(request, *args, **kwargs)
        form = (getattr(response, "context_data", None) or {}).get("form")
        if request.method == "POST" and form is not None and form.errors:
            response.status_code = 400
        return response

    def get_submission_class(self):
        return ContactFormSubmission

    def process_form_submission(self, form):
        # Neither the honeypot nor the consent checkbox belongs in the stored data.
        form.cleaned_data.pop(HONEYPOT_FIELD, None)
        return super().process_form_submission(form)
