"""Refusing zip bombs, and workbooks that would crash the reader, before reading them.

An .xlsx or .ods file is a zip archive: a few megabytes can inflate to gigabytes of sheet
XML (a huge run of spaces, or one row repeated), and the reader (calamine) then allocates
that much memory — or aborts the whole process when it cannot. ``check_archive`` reads only
the archive's directory: the declared size of every member, against a cap on the total and
against a compression ratio no real spreadsheet reaches. Declared sizes can be trusted for
that: calamine's zip reader stops with an error as soon as a member inflates beyond its
declared size (checked by tests/integration/test_fuzz_import.py).

Some damage cannot be seen from the outside: calamine (Rust) sizes its cell grid from the
cell references it reads, so a 2 KB .xlsx with one cell in A1 and one in XFD1048576 asks for
550 GB, and a damaged .xls can ask for hundreds of GB; Rust then *aborts the process* — the
whole window, with no message. ``check_workbook`` therefore reads the workbook once in a
child process, with a ceiling on its memory where the system allows one (RLIMIT_AS): if the
child dies or runs out of time, the file is refused; if it survives, the real read cannot
crash either. Its cost: starting Python (about 0.2 s) and reading the workbook a second time.
"""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Final

# Real sheets compress 5 to 25 times (the CNIL model 22x, a 200,000-row inventory 12x);
# a run of spaces or of one repeated row compresses about 1,000 times.
SUSPICIOUS_RATIO: Final = 100
# Below this a member is inflated whatever its ratio (a small file full of blank cells).
SMALL_MEMBER: Final = 32 * 2**20


class UnsafeArchive(Exception):
    """The workbook is not safe to read; ``detail`` says why. ``too_large``: it would
    inflate beyond what is safe (a zip bomb); otherwise the reader could not survive it."""

    def __init__(self, detail: str, too_large: bool = True) -> None:
        super().__init__(detail)
        self.detail = detail
        self.too_large = too_large


def check_archive(path: Path, max_expanded: int) -> None:
    """Raise :class:`UnsafeArchive` if ``path`` (a zip archive) declares more than
    ``max_expanded`` bytes in all, or a member that inflates suspiciously much.

    Files that are not zip archives, or whose directory cannot be read, are left to the
    reader (which refuses them with its own message).
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
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


CHILD_MEMORY: Final = 3 * 2**30  # address space of the reading child (Python itself: ~0.5 GB)
CHILD_SECONDS: Final = 300  # a 1.5-million-row inventory reads in well under a minute
_POLL_SECONDS: Final = 0.1  # how often the caller is asked whether to stop

_PREFLIGHT = """
import sys
try:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[3]), int(sys.argv[3])))
except (ImportError, ValueError, OSError):
    pass  # no ceiling on this system: a crash still only ends this process
from python_calamine import load_workbook
try:
    workbook = load_workbook(sys.argv[1])
    names = workbook.sheet_names[:1] if sys.argv[2] == "first" else workbook.sheet_names
    for name in names:
        workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
except BaseException:  # an error the real read reports in its own words
    pass
"""


class ReadCancelled(Exception):
    """``cancelled()`` said yes while the child was reading; the child is gone."""


def check_workbook(path: Path, max_expanded: int, *, first_sheet_only: bool = False,
                   cancelled: Callable[[], bool] | None = None) -> None:
    """``check_archive``, then a read of the workbook in a child process: raise
    :class:`UnsafeArchive` when that read dies (a Rust abort on a huge allocation, the
    memory ceiling) or does not end in ``CHILD_SECONDS``, :class:`ReadCancelled` (the child
    stopped) as soon as ``cancelled()`` returns True (asked ten times a second)."""
    check_archive(path, max_expanded)
    command = [sys.executable, "-c", _PREFLIGHT, str(path),
               "first" if first_sheet_only else "all", str(CHILD_MEMORY)]
    deadline = time.monotonic() + CHILD_SECONDS
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL) as child:
        while True:
            try:
                returncode = child.wait(timeout=_POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                if cancelled is not None and cancelled():
                    child.kill()
                    raise ReadCancelled(str(path)) from None
                if time.monotonic() > deadline:
                    child.kill()
                    raise UnsafeArchive(f"reading it takes more than {CHILD_SECONDS} s",
                                        too_large=False) from None
    if returncode != 0:
        raise UnsafeArchive("the workbook reader could not read it without crashing (a "
                            "damaged file, or cell positions built to exhaust memory)",
                            too_large=False)


def is_reader_error(error: BaseException) -> bool:
    """Whether ``error``, raised by calamine, means "this file cannot be read": any
    exception, and pyo3's PanicException (a Rust panic; a BaseException, so that
    ``except Exception`` misses it)."""
    return isinstance(error, Exception) or type(error).__name__ == "PanicException"
