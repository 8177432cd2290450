"""What an uploaded document really is, judged by its bytes (plain Python).

Wagtail checks a document's extension only; ``document_problem`` also reads
the first bytes, so that ``plan.pdf`` holding an HTML page or a program is
refused. Images need no such check here: Wagtail's image field opens every
upload with Willow and refuses one whose content is not the named format.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

from ratusz.core.marks import N_

HEAD_BYTES = 8192
ZIP = (b"PK\x03\x04", b"PK\x05\x06")
ODF = b"mimetypeapplication/vnd.oasis.opendocument."
TEXT = {"csv", "txt", "geojson"}
MARKUP = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<?php")


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        # Not final: the head may end in the middle of a multi-byte character.
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    start = head.lstrip().lower()
    return not start.startswith(MARKUP)


CHECKS: dict[str, Callable[[bytes], bool]] = {
    "pdf": lambda head: head.startswith(b"%PDF-"),
    "odt": lambda head: head.startswith(ZIP[0]) and head[30:].startswith(ODF + b"text"),
    "ods": lambda head: head.startswith(ZIP[0]) and head[30:].startswith(ODF + b"spreadsheet"),
    "docx": lambda head: head.startswith(ZIP[0]),
    "xlsx": lambda head: head.startswith(ZIP[0]),
    "zip": lambda head: head.startswith(ZIP),
    "csv": _is_text,
    "txt": _is_text,
    "geojson": lambda head: _is_text(head) and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"),
}


def document_problem(name: str, size: int, head: bytes, max_bytes: int) -> str | None:
    """A Polish message when the upload must be refused, else None."""
    ext = extension(name)
    if size == 0:
        return N_("Plik jest pusty.")
    if size > max_bytes:
        return N_("Plik jest za duży (najwyżej %(value)s MB).") % {
            "value": max_bytes // (1024 * 1024)
        }
    check = CHECKS.get(ext)
    if check is None:
        allowed = ", ".join(sorted(CHECKS))
        return N_("Nieobsługiwany rodzaj pliku. Dozwolone: %(allowed)s.") % {"allowed": allowed}
    if not check(head[:HEAD_BYTES]):
        return N_("Zawartość pliku nie odpowiada rozszerzeniu .%(ext)s.") % {"ext": ext}
    return None
