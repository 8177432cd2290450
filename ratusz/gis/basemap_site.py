"""Where the city's PMTiles base map lives and how a page finds it.

The archive is a file under MEDIA_ROOT (RATUSZ_MAP_PMTILES_FILE). In production
nginx serves it with range requests and a year's cache (deploy/nginx); the
address carries the file's modification time, so a rebuilt map is a new
address. Without nginx (runserver, the browser tests) ``views.basemap_archive``
answers the same range requests.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from ratusz.core.conf import conf

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def archive_path() -> Path:
    path = Path(conf.RATUSZ_MAP_PMTILES_FILE)
    return path if path.is_absolute() else Path(settings.MEDIA_ROOT) / path


def archive_url() -> str:
    """The address of the archive for the browser, or "" when there is none."""
    if conf.RATUSZ_MAP_PMTILES_URL:
        return conf.RATUSZ_MAP_PMTILES_URL
    relative = Path(conf.RATUSZ_MAP_PMTILES_FILE)
    if relative.is_absolute():
        return ""  # outside MEDIA_ROOT: the operator sets the URL
    try:
        stamp = int(archive_path().stat().st_mtime)
    except OSError:
        return ""
    return f"{settings.MEDIA_URL}{relative.as_posix()}?v={stamp}"


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single ``bytes=`` range within ``size``, or None
    when it cannot be satisfied (a multi-range request included: 416)."""
    match = _RANGE.match((header or "").strip())
    if not match or size <= 0:
        return None
    start, end = match.groups()
    if start == "" and end == "":
        return None
    if start == "":  # the last N bytes
        length = int(end)
        if length == 0:
            return None
        return max(0, size - length), size - 1
    first = int(start)
    last = int(end) if end else size - 1
    if first >= size or last < first:
        return None
    return first, min(last, size - 1)
