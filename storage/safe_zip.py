"""Refusing zip bombs before a workbook reader inflates them.

An .xlsx or .ods file is a zip archive: a few megabytes can inflate to gigabytes of sheet
XML (a huge run of spaces, or one row repeated), and the reader (calamine) then allocates
that much memory — or aborts the whole process when it cannot. ``check_archive`` reads only
the archive's directory: the declared size of every member, against a cap on the total and
against a compression ratio no real spreadsheet reaches. Declared sizes can be trusted for
that: calamine's zip reader stops with an error as soon as a member inflates beyond its
declared size (checked by tests/integration/test_fuzz_import.py).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Final

# Real sheets compress 5 to 25 times (the CNIL model 22x, a 200,000-row inventory 12x);
# a run of spaces or of one repeated row compresses about 1,000 times.
SUSPICIOUS_RATIO: Final = 100
# Below this a member is inflated whatever its ratio (a small file full of blank cells).
SMALL_MEMBER: Final = 32 * 2**20


class UnsafeArchive(Exception):
    """The archive would inflate beyond what is safe to read; ``detail`` says why."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def check_archive(path: Path, max_expanded: int) -> None:
    """Raise :class:`UnsafeArchive` if ``path`` (a zip archive) declares more than
    ``max_expanded`` bytes in all, or a member that inflates suspiciously much.

    Files that are not zip archives, or whose directory cannot be read, are left to the
    reader (which refuses them with its own message).
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    total = 0
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > SMALL_MEMBER and ratio > SUSPICIOUS_RATIO:
            raise UnsafeArchive(
                f"{member.filename} expands {ratio:,.0f} times (to "
                f"{member.file_size // 2**20} MB): a zip bomb, not a spreadsheet")
        total += member.file_size
        if total > max_expanded:
            raise UnsafeArchive(f"the archive expands to more than {max_expanded // 2**20} MB")
