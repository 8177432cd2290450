"""StreamField blocks for article and section bodies.

The shell knows no app: an app adds blocks to page bodies by listing them in
``ratusz/<app>/blocks.py`` as ``PAGE_BLOCKS = [("name", SomeBlock())]``. The body
offers the built-in blocks first, then the apps' in ``INSTALLED_APPS`` order, so
the order (and the migrations that record it) does not depend on import order.
"""

import importlib
import importlib.util

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from ratusz.core.embeds import embed_choices


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("tekst"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("poziom"), choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Nagłówek")
        template = "pages/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("obraz"))
    alt = blocks.CharBlock(
        label=_("tekst alternatywny"),
        max_length=250,
        help_text=_("Opisz, co przedstawia obraz (wymagane przez WCAG)."),
    )
    caption = blocks.CharBlock(label=_("podpis"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Obraz")
        template = "pages/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("dokument"))
    title = blocks.CharBlock(label=_("tytuł linku"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Dokument")
        template = "pages/blocks/document.html"


class EmbeddedListBlock(blocks.StructBlock):
    """A list kept in another app's register, e.g. today's memberships."""

    key = blocks.ChoiceBlock(label=_("lista"), choices=embed_choices)
    heading = blocks.CharBlock(label=_("nagłówek"), required=False, max_length=200)

    class Meta:
        icon = "list-ul"
        label = _("Lista z rejestru")
        template = "pages/blocks/embedded_list.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("cytat"))
    source = blocks.CharBlock(label=_("źródło"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Cytat")
        template = "pages/blocks/quote.html"


class NoticeBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(label=_("treść"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        label = _("Ramka informacyjna")
        template = "pages/blocks/notice.html"


def app_page_blocks():
    """(name, block) pairs from every ``ratusz.<app>.blocks.PAGE_BLOCKS``.

    Runs when a page model builds its StreamField, i.e. while Django imports
    models: app configs are known by then, models are not needed. Only Ratusz's
    apps are asked (not ``core.discovery.declared``): ``autodiscover_modules``
    would import every Wagtail app's ``blocks`` module too, and
    ``wagtail.admin.blocks`` warns that it moved.
    """
    found, seen = [], set(BodyBlock.base_blocks)
    for config in apps.get_app_configs():
        if not config.name.startswith("ratusz.") or config.name == __package__:
            continue
        module_name = f"{config.name}.blocks"
        if importlib.util.find_spec(module_name) is None:
            continue
        for name, block in getattr(importlib.import_module(module_name), "PAGE_BLOCKS", []):
            if name in seen:
                raise ImproperlyConfigured(f"{module_name}: page block {name!r} is already taken")
            seen.add(name)
            found.append((name, block))
    return found


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Akapit"),
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"],
        template="pages/blocks/paragraph.html",
    )
    heading = HeadingBlock()
    image = ImageBlock()
    document = DocumentBlock()
    table = TableBlock(label=_("Tabela"))
    quote = QuoteBlock()
    notice = NoticeBlock()
    embedded_list = EmbeddedListBlock()

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__([*(local_blocks or []), *app_page_blocks()], **kwargs)
