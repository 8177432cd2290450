"""A page block that shows an office unit: the president's or the council's
pages keep their people and hours in the office directory, not in prose."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class OfficeUnitBlock(blocks.StructBlock):
    unit = SnippetChooserBlock("services.OfficeUnit", label=_("komórka urzędu"))
    heading = blocks.CharBlock(
        label=_("nagłówek"), required=False, max_length=200, help_text=_("Puste: nazwa komórki.")
    )
    show_people = blocks.BooleanBlock(label=_("pokaż pracowników"), required=False, default=True)

    class Meta:
        icon = "group"
        label = _("Komórka urzędu")
        template = "services/blocks/office_unit.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        unit = value.get("unit")
        context["status"] = unit.open_status() if unit else None
        return context


# Offered in the body of every article, section and news page (ratusz.pages.blocks).
PAGE_BLOCKS = [("office_unit", OfficeUnitBlock())]
