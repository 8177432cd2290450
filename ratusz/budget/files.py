"""Attachment checks by content, not by name (plain Python, no Django).

A file called ``plan.pdf`` that is really an executable is refused: the type
is read from the first bytes with ``filetype`` (the sniffer Wagtail's image
library already uses), and the name's extension must agree with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import filetype

from ratusz.budget.workflow import gettext_noop

ALLOWED = {
    "application/pdf": ("pdf",),
    "image/jpeg": ("jpg", "jpeg"),
    "image/png": ("png",),
    "image/webp": ("webp",),
}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class FileProblem:
    message: str
    params: dict[str, Any]

    def __str__(self) -> str:
        return self.message % self.params if self.params else self.message


def sniff(head: bytes) -> str | None:
    """The MIME type the content shows, or None when it is none we accept."""
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED:
        return None
    return str(kind.mime)


def check_file(
    name: str, size: int, head: bytes, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str | None, list[FileProblem]]:
    """Return (MIME type, problems) for an upload."""
    problems = []
    if size == 0:
        return None, [FileProblem(gettext_noop("Plik „%(name)s” jest pusty."), {"name": name})]
    if size > max_bytes:
        problems.append(
            FileProblem(
                gettext_noop("Plik „%(name)s” jest za duży (najwyżej %(limit)s MB)."),
                {"name": name, "limit": max_bytes // (1024 * 1024)},
            )
        )
    mime = sniff(head)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if mime is None or extension not in ALLOWED[mime]:
        problems.append(
            FileProblem(
                gettext_noop(
                    "Plik „%(name)s” nie jest dokumentem PDF ani obrazem JPG, PNG lub WebP."
                ),
                {"name": name},
            )
        )
        mime = None
    return mime, problems
