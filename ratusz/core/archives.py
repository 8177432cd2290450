"""ZIP containers (XLSX, zipped Shapefiles) judged before anything unpacks them.

A few hundred kilobytes can unpack to gigabytes (8 million shared strings in a
755 KB XLSX took 165 s and 1.5 GB). The central directory states every
member's packed and unpacked size; ``check_zip`` refuses an archive whose
total, any member, or any member's compression ratio is beyond its limits.
The sizes are the archive's own claims: ``read_member`` enforces them while
reading, so a lying header cannot get past either. Plain Python.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ratusz.core.marks import N_


class ArchiveError(ValueError):
    """The message is for the person who uploaded the file (Polish)."""


@dataclass(frozen=True)
class Limits:
    total_bytes: int = 512 * 1024 * 1024  # unpacked, all members
    member_bytes: int = 256 * 1024 * 1024  # unpacked, one member
    ratio: int = 100  # unpacked / packed for members above ``ratio_from``
    ratio_from: int = 1024 * 1024
    members: int = 10_000


def check_zip(data: bytes, limits: Limits = Limits()) -> zipfile.ZipFile:
    """The open archive, or ArchiveError saying which limit it broke."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ArchiveError(N_("To nie jest poprawne archiwum ZIP.")) from None
    infos = archive.infolist()
    if len(infos) > limits.members:
        raise ArchiveError(
            N_("Archiwum ma ponad %(members)s plików.") % {"members": limits.members}
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.member_bytes or total > limits.total_bytes:
            raise ArchiveError(
                N_(
                    "Archiwum jest za duże po rozpakowaniu (ponad %(mb)s MB razem albo %(mb2)s MB w "
                    "jednym pliku)."
                )
                % {"mb": _mb(limits.total_bytes), "mb2": _mb(limits.member_bytes)}
            )
        if info.file_size > limits.ratio_from and info.file_size > limits.ratio * max(
            info.compress_size, 1
        ):
            raise ArchiveError(
                N_(
                    "Plik %(filename)s w archiwum jest podejrzanie mocno skompresowany (ponad "
                    "%(ratio)s:1); to wygląda na bombę ZIP."
                )
                % {"filename": info.filename[:80], "ratio": limits.ratio}
            )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """A member's bytes, never more than ``limit`` whatever its header claims."""
    with archive.open(name) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ArchiveError(N_("Archiwum jest za duże po rozpakowaniu."))
    return data


def _mb(size: int) -> int:
    return size // (1024 * 1024)
