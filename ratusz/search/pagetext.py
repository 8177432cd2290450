"""What a rendered page shows, as text for the index (plain Python).

The index entry of a record is written by its app, but the page around it
also shows labels ("Dofinansowanie z UE", "Sfera działalności"), a lead and
the name of its section (the breadcrumbs). Those words are what a resident
saw and types back, so they are read from the page's own HTML: ``<main>``
and the breadcrumbs, never the header, footer or machine data (scripts, map
features, select options).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose text is never shown as prose (or is a list of choices).
_SKIP = frozenset({"script", "style", "template", "select", "option", "noscript", "svg", "button"})
# Block elements: their boundaries are word boundaries ("mm,</li><li>dotychczasowy").
_BLOCK = frozenset(
    """p div li ul ol dl dt dd tr td th table h1 h2 h3 h4 h5 h6 section article header
    footer nav main aside form fieldset legend label br hr figure figcaption blockquote
    pre summary details caption""".split()
)
# On a listing page the items that link somewhere are records with entries of their own.
_ITEMS = frozenset({"li", "tr"})
# What names things on a page: headings, field labels, table heads, badges.
_LABELS = frozenset({"h1", "h2", "h3", "h4", "dt", "th", "label", "legend", "caption", "summary"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "col"})

MAX_TEXT_CHARS = 50_000


@dataclass
class PageText:
    lang: str = ""
    title: str = ""  # the <h1>
    description: str = ""  # <meta name="description">
    section: list[str] = field(default_factory=list)  # breadcrumb labels
    text: str = ""  # the visible text of <main>, blocks separated by newlines
    labels: list[str] = field(default_factory=list)  # headings, field labels, badges


class _Reader(HTMLParser):
    def __init__(self, skip_items: bool):
        super().__init__(convert_charrefs=True)
        self.skip_items = skip_items
        self.out = PageText()
        self.stack: list[str] = []
        self.skip_depth = 0  # inside an element whose text is dropped
        self.in_main = 0
        self.in_h1 = False
        self.in_crumbs = 0
        self.crumb = ""
        self.chunks: list[str] = []
        self.h1: list[str] = []
        self.items: list[list] = []  # open list items: [stack depth, chunk index, has a link]
        self.label_at: list[int] = []  # stack depths of open label elements
        self.label = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.out.lang = (a.get("lang") or "").split("-")[0]
        elif tag == "meta" and a.get("name") == "description":
            self.out.description = " ".join((a.get("content") or "").split())
        if tag in _VOID:
            if tag == "br" and self.in_main:
                self.chunks.append("\n")
            return
        self.stack.append(tag)
        skipping = tag in _SKIP or "data-search-skip" in a or "hidden" in a
        if self.skip_items and self.in_main and tag in _ITEMS:
            self.items.append([len(self.stack), len(self.chunks), False])
        if tag == "a" and a.get("href"):
            for item in self.items:
                item[2] = True
        if self.skip_depth or skipping:
            self.skip_depth += 1
        if tag == "main":
            self.in_main += 1
        badge = "badge" in (a.get("class") or "").split()
        if self.in_main and not self.skip_depth and (tag in _LABELS or badge):
            self.label_at.append(len(self.stack))
        if tag == "nav" and "breadcrumbs" in (a.get("class") or "").split():
            self.in_crumbs = len(self.stack)
        if tag == "h1" and self.in_main:
            self.in_h1 = True
        if tag in _BLOCK and self.in_main:
            self.chunks.append("\n")

    def handle_endtag(self, tag):
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if self.items and self.items[-1][0] > len(self.stack):
                _depth, start, linked = self.items.pop()
                if linked:  # a record in a listing: it has an entry of its own
                    del self.chunks[start:]
            if self.skip_depth:
                self.skip_depth -= 1
            if self.label_at and self.label_at[-1] > len(self.stack):
                self.label_at.pop()
                if not self.label_at and self.label.strip():
                    self.out.labels.append(" ".join(self.label.split()))
                    self.label = ""
            if open_tag == "main":
                self.in_main -= 1
            if open_tag == "h1":
                self.in_h1 = False
            if self.in_crumbs and len(self.stack) < self.in_crumbs:
                self.in_crumbs = 0
            if self.in_crumbs and open_tag in ("a", "li", "span") and self.crumb.strip():
                self.out.section.append(" ".join(self.crumb.split()))
                self.crumb = ""
            if open_tag in _BLOCK and self.in_main:
                self.chunks.append("\n")
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.in_crumbs:
            self.crumb += data
            return
        if self.skip_depth or not self.in_main:
            return
        if self.in_h1:
            self.h1.append(data)
        if self.label_at:
            self.label += data
        self.chunks.append(data)


def read(html: str, skip_items: bool = False) -> PageText:
    """The page's language, heading, section names and visible main text.

    ``skip_items`` drops list items and table rows that link somewhere: on
    a listing page they are records with entries of their own.
    """
    reader = _Reader(skip_items)
    reader.feed(html or "")
    reader.close()
    out = reader.out
    out.title = " ".join("".join(reader.h1).split())
    lines = (" ".join(line.split()) for line in "".join(reader.chunks).split("\n"))
    out.text = "\n".join(line for line in lines if line)[:MAX_TEXT_CHARS]
    # The last crumb is the page itself; "Strona główna" is every page's.
    out.section = [s for s in dict.fromkeys(out.section)][1:]
    out.labels = list(dict.fromkeys(out.labels))
    return out
