"""Snippets with the matched words in <mark>, as escaped HTML (plain Python)."""

from __future__ import annotations

from html import escape

from .polish import MAX_WORD_LEN, WORD_RE, word_keys

ELLIPSIS = "…"


def _hits(text: str, keys: frozenset[str]) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end())
        for m in WORD_RE.finditer(text)
        if not keys.isdisjoint(word_keys(m.group()[:MAX_WORD_LEN]))
    ]


def _mark(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
    out, pos = [], 0
    for start, end in spans:
        start, end = start - offset, end - offset
        out.append(escape(text[pos:start]))
        out.append("<mark>" + escape(text[start:end]) + "</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def highlight(text: str, keys: frozenset[str]) -> str:
    """The whole text (a title) with hits marked."""
    return _mark(text, _hits(text, keys))


def snippet(text: str, keys: frozenset[str], width: int = 260, lead: int = 60) -> str:
    """The ``width`` characters of ``text`` with the most hits, hits marked."""
    # Blocks were kept as lines; a snippet runs them together with a space.
    text = " ".join((text or "").split())
    if len(text) <= width:
        return highlight(text, keys)
    hits = _hits(text, keys)
    best, best_count = 0, 0
    for i, (start, _end) in enumerate(hits):
        count = sum(1 for s, e in hits[i:] if e <= start + width - lead)
        if count > best_count:
            best, best_count = start, count
    start = max(0, best - lead) if best_count else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    inside = [(s, e) for s, e in hits if s >= start and e <= end]
    body = _mark(text[start:end], inside, offset=start)
    return (ELLIPSIS if start else "") + body + (ELLIPSIS if end < len(text) else "")
