"""Apps add blocks to page bodies through PAGE_BLOCKS; the shell imports no app."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail import blocks

from ratusz.pages.blocks import BodyBlock, app_page_blocks
from ratusz.pages.models import ArticlePage
from ratusz.services import blocks as services_blocks


def test_body_offers_built_in_blocks_then_the_apps():
    names = list(BodyBlock().child_blocks)
    assert names[: len(BodyBlock.base_blocks)] == list(BodyBlock.base_blocks)
    assert names[len(BodyBlock.base_blocks) :] == ["office_unit"]


def test_page_bodies_carry_the_office_unit_block():
    body = ArticlePage._meta.get_field("body").stream_block
    assert isinstance(body.child_blocks["office_unit"], services_blocks.OfficeUnitBlock)


def test_an_app_block_may_not_take_a_built_in_name(monkeypatch):
    monkeypatch.setattr(
        services_blocks, "PAGE_BLOCKS", [("paragraph", blocks.CharBlock())], raising=True
    )
    with pytest.raises(ImproperlyConfigured, match="paragraph"):
        app_page_blocks()
