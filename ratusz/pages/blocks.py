"""StreamField blocks for article and section bodies."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from ratusz.core.embeds import embed_choices
from ratusz.services.blocks import OfficeUnitBlock


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
    office_unit = OfficeUnitBlock()
