"""Reading CAP index feeds (Atom or RSS 2.0, e.g. MeteoAlarm's) safely. No Django.

An index feed lists messages; each entry links to the full CAP document, or, in
some feeds, carries the ``<alert>`` inline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from ratusz.core.marks import N_

from . import cap

ATOM = "http://www.w3.org/2005/Atom"
CAP_TYPES = {"application/cap+xml", "application/common-alerting-protocol+xml"}


@dataclass
class Entry:
    url: str = ""  # link to the CAP document
    inline: bytes = b""  # an <alert> carried in the feed itself


def entries(data: bytes, base_url: str = "") -> list[Entry]:
    """CAP documents an Atom or RSS feed points to (or a single CAP document itself)."""
    root = cap.parse_document(data)
    if root.tag == f"{{{cap.NS}}}alert":
        return [Entry(inline=data if isinstance(data, bytes) else data.encode())]
    if root.tag == f"{{{ATOM}}}feed":
        items = root.findall(f"{{{ATOM}}}entry")
        return [e for e in (_atom_entry(i, base_url) for i in items) if e]
    if root.tag == "rss":
        items = root.findall("channel/item")
        return [e for e in (_rss_item(i, base_url) for i in items) if e]
    raise cap.CapError(N_("To nie jest kanał Atom, RSS ani dokument CAP."))


def _inline(item: Any) -> bytes:
    from lxml import etree

    alert = item.find(f".//{{{cap.NS}}}alert")
    return etree.tostring(alert) if alert is not None else b""


def _atom_entry(item: Any, base_url: str) -> Entry | None:
    inline = _inline(item)
    if inline:
        return Entry(inline=inline)
    links = item.findall(f"{{{ATOM}}}link")
    typed = [lk for lk in links if (lk.get("type") or "").lower() in CAP_TYPES]
    chosen = typed or [lk for lk in links if lk.get("rel", "alternate") == "alternate"]
    if chosen and chosen[0].get("href"):
        return Entry(url=urljoin(base_url, chosen[0].get("href").strip()))
    return None


def _rss_item(item: Any, base_url: str) -> Entry | None:
    inline = _inline(item)
    if inline:
        return Entry(inline=inline)
    enclosure = item.find("enclosure")
    if enclosure is not None and (enclosure.get("type") or "").lower() in CAP_TYPES:
        return Entry(url=urljoin(base_url, enclosure.get("url", "").strip()))
    link = (item.findtext("link") or "").strip()
    return Entry(url=urljoin(base_url, link)) if link else None
