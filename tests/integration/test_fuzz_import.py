"""Hostile input: any bytes given as a register or an inventory file are accepted or refused
with a message naming the file, never another exception, never a hang; zip bombs and XML
bombs are refused within seconds and within bounded memory.

The importer's reading step (``read_plan``: the file read into sheets, then recognised as a
register) and the inventory loader (``load_inventory``, into a real SQLite register) get:
random bytes under every supported suffix, the real third-party files of
``../shared/data/registers`` with bytes flipped, cut short or inserted, and the same files
with the XML *inside* their zip archive damaged (so that the damage reaches the sheet
parsers instead of stopping at the zip's checksums). The bombs are built here, streamed: a
few megabytes on disk that inflate to gigabytes, read in a subprocess whose peak memory is
measured.
"""

from __future__ import annotations

import faulthandler
import io
import json
import os
import struct
import subprocess
import sys
import tempfile
import textwrap
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain import services
from domain.errors import RegistreError
from domain.model import ProcessingActivity
from storage.importer import read_plan
from storage.inventory import InventorySpec, load_inventory
from storage.register import Register, open_register
from tests.builders import entity
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
REGISTERS = SHARED / "data" / "registers"
SUFFIXES = (".csv", ".xlsx", ".ods", ".fods", ".xls")
REAL = sorted(p for p in REGISTERS.iterdir() if p.suffix in SUFFIXES)
HANG = 120  # seconds: past this one example is a hang, and the run is stopped with a trace
MAX_RSS_GROWTH_MB = 300


# --- what every call must do ---------------------------------------------------------------


@contextmanager
def _no_hang() -> Iterator[None]:
    """A hang inside native code (calamine) cannot be interrupted by a Python signal: the
    watchdog thread of faulthandler dumps every stack and ends the run instead."""
    faulthandler.dump_traceback_later(HANG, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


def _accepted_or_refused(call: Callable[[Path], object], path: Path) -> None:
    with _no_hang():
        try:
            call(path)
        except RegistreError as refused:
            names_file = path.name in str(refused) or refused.params.get("file") == str(path)
            assert names_file, f"{type(refused).__name__} {refused.code} does not name the " \
                               f"file: {refused}"
        # any other exception propagates and fails the example, with its traceback


@pytest.fixture(scope="module")
def inventory_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Register, int]]:
    register = open_register(str(tmp_path_factory.mktemp("fuzz") / "registre.db"), actor="dpo")
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    activity = services.add_activity(
        register.uow(), ProcessingActivity(owner.id, "SOIN-01", "Dossier patient"),
        date(2026, 11, 29))
    assert activity.id is not None
    yield register, activity.id
    register.close()


def _both_readers(target: tuple[Register, int], suffix: str, content: bytes) -> None:
    """The importer and the inventory loader, each on ``content`` saved as ``suffix``."""
    register, activity = target
    spec = InventorySpec(activity_id=activity, category="health")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fichier{suffix}"
        path.write_bytes(content)
        _accepted_or_refused(read_plan, path)
        _accepted_or_refused(
            lambda p: load_inventory(register.engine, p, spec, actor="dpo"), path)


FUZZ = settings(max_examples=100, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- any bytes --------------------------------------------------------------------------------


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), content=st.binary(min_size=0, max_size=2048))
def test_any_bytes_under_any_suffix_are_accepted_or_refused_naming_the_file(
        inventory_target: tuple[Register, int], suffix: str, content: bytes) -> None:
    _both_readers(inventory_target, suffix, content)


FODS_START = (
    b'<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:'
    b'names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
    b'<table:table table:name="A">')
FODS_END = b"</table:table></office:spreadsheet></office:body></office:document>"
# Plausible starts, so that random tails reach the parsers behind the format checks.
PREFIXES = {
    ".csv": b"id;last_stay;birth\n",
    ".fods": b'<?xml version="1.0"?>' + FODS_START,
    ".xlsx": b"PK\x03\x04",
    ".ods": b"PK\x03\x04",
    ".xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
}


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), tail=st.binary(max_size=2048))
def test_a_plausible_start_with_any_tail_is_accepted_or_refused(
        inventory_target: tuple[Register, int], suffix: str, tail: bytes) -> None:
    _both_readers(inventory_target, suffix, PREFIXES[suffix] + tail)


# --- well-formed flat OpenDocument with hostile cells ------------------------------------------

ATTRIBUTE_VALUES = st.one_of(
    st.sampled_from(["1", "0", "-1", "abc", "", "1e309", "nan", "99999999999999999999",
                     "2020-02-30", "2020-13-01", "2024-02-29T25:00:00", "true", "P1Y"]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=12),
)


@st.composite
def hostile_fods(draw: st.DrawFn) -> bytes:
    """Valid XML in the shape of a .fods sheet, with any value in the attributes that the
    reader converts (value types, values, dates, repeat counts, space counts)."""
    def attribute() -> str:
        value = draw(ATTRIBUTE_VALUES).replace("&", "&amp;").replace('"', "&quot;")
        return value.replace("<", "&lt;")

    rows = []
    for _ in range(draw(st.integers(1, 4))):
        cells = []
        for _ in range(draw(st.integers(1, 4))):
            kind = draw(st.sampled_from(["float", "percentage", "currency", "date", "boolean",
                                         "string", None]))
            attributes = f' office:value-type="{kind}"' if kind else ""
            if draw(st.booleans()):
                attributes += f' office:value="{attribute()}"'
            if draw(st.booleans()):
                attributes += f' office:date-value="{attribute()}"'
            if draw(st.booleans()):
                attributes += f' table:number-columns-repeated="{attribute()}"'
            spaces = f'<text:s text:c="{attribute()}"/>' if draw(st.booleans()) else ""
            cells.append(f"<table:table-cell{attributes}><text:p>Nom du traitement{spaces}"
                         "</text:p></table:table-cell>")
        repeat = f' table:number-rows-repeated="{attribute()}"' if draw(st.booleans()) else ""
        rows.append(f"<table:table-row{repeat}>{''.join(cells)}</table:table-row>")
    return b'<?xml version="1.0"?>' + FODS_START + "".join(rows).encode() + FODS_END


@FUZZ
@given(hostile_fods())
def test_flat_opendocument_cells_with_any_attribute_values_are_accepted_or_refused(
        inventory_target: tuple[Register, int], content: bytes) -> None:
    _both_readers(inventory_target, ".fods", content)


# --- the real files, damaged ------------------------------------------------------------------


@cache
def _real_bytes(path: Path) -> bytes:
    return path.read_bytes()


@st.composite
def damaged_real_file(draw: st.DrawFn) -> tuple[str, bytes]:
    source = draw(st.sampled_from(REAL))
    data = bytearray(_real_bytes(source))
    how = draw(st.sampled_from(["flip", "truncate", "insert"]))
    if how == "flip":
        for _ in range(draw(st.integers(1, 16))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] ^= draw(st.integers(1, 255))
    elif how == "truncate":
        data = data[:draw(st.integers(0, len(data) - 1))]
    else:
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=64))
    return source.suffix, bytes(data)


@FUZZ
@given(damaged_real_file())
def test_real_files_with_flipped_cut_or_inserted_bytes_are_accepted_or_refused(
        inventory_target: tuple[Register, int], damaged: tuple[str, bytes]) -> None:
    _both_readers(inventory_target, *damaged)


ZIPPED = [p for p in REAL if p.suffix in {".xlsx", ".ods"}]


@st.composite
def damaged_inside_the_zip(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real .xlsx/.ods with one member's XML damaged, then zipped again properly."""
    source = draw(st.sampled_from(ZIPPED))
    with zipfile.ZipFile(io.BytesIO(_real_bytes(source))) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    xml = [i for i, (info, _) in enumerate(members) if info.filename.endswith(".xml")]
    target = draw(st.sampled_from(xml))
    content = bytearray(members[target][1])
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(content) - 1))
        if draw(st.booleans()):
            content[at] ^= draw(st.integers(1, 255))
        else:  # markup characters move tags and attributes around
            content[at:at] = draw(st.sampled_from([b"<", b">", b'"', b"&", b"/", b"=",
                                                   b"<c>", b"</row>", b"99999999", b"-1",
                                                   b' r="XFD1048576"', b'<c r="A9999999">',
                                                   b' t="n"', b"<v>1e400</v>"]))
    if draw(st.booleans()):
        content = content[:draw(st.integers(0, len(content)))]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rezipped:
        for i, (info, data) in enumerate(members):
            rezipped.writestr(info.filename, bytes(content) if i == target else data)
    return source.suffix, out.getvalue()


@FUZZ
@given(damaged_inside_the_zip())
def test_real_workbooks_with_damaged_xml_inside_are_accepted_or_refused(
        inventory_target: tuple[Register, int], damaged: tuple[str, bytes]) -> None:
    _both_readers(inventory_target, *damaged)


# --- bombs --------------------------------------------------------------------------------------

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    b'"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
    b'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
    b'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
    b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    b'</Types>')
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    b'.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/'
    b'workbook.xml"/></Relationships>')
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships"><sheets><sheet name="Registre" sheetId="1" r:id="rId1"/></sheets>'
    b'</workbook>')
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    b'.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
    b'sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    b'</Relationships>')
SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org'
    b'/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
    b'<c r="B1" t="inlineStr"><is><t>last_stay</t></is></c></row>')
SHEET_END = b"</sheetData></worksheet>"
SHARED_STRINGS = (
    b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>id</t></si></sst>')
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
               for n in range(1, 10))
    + b"]>")


class Deflated:
    """A raw deflate stream of ``start + unit * repeat + end``, written without compressing
    ``repeat`` copies: one megabyte of units is compressed once, ending on a full flush (so
    it refers to nothing before it), and that block is written ``repeat`` times."""

    def __init__(self, start: bytes, unit: bytes, inflated: int, end: bytes) -> None:
        chunk = unit * max(1, 2**20 // len(unit))
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        self.first = compressor.compress(start) + compressor.flush(zlib.Z_FULL_FLUSH)
        self.block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
        self.last = compressor.compress(end) + compressor.flush()
        self.repeat = inflated // len(chunk)
        crc = zlib.crc32(start)
        for _ in range(self.repeat):
            crc = zlib.crc32(chunk, crc)
        self.crc = zlib.crc32(end, crc)
        self.size = len(start) + self.repeat * len(chunk) + len(end)
        self.compressed = len(self.first) + self.repeat * len(self.block) + len(self.last)

    def write(self, out: io.BufferedWriter) -> None:
        out.write(self.first)
        for _ in range(self.repeat):
            out.write(self.block)
        out.write(self.last)


def write_zip(path: Path, members: dict[str, bytes | Deflated],
              declared: dict[str, int] | None = None) -> None:
    """A zip archive written by hand (zipfile cannot store an already deflated stream).
    ``declared`` gives a member a false uncompressed size (a lying directory)."""
    central = []
    with path.open("wb") as out:
        for name, content in members.items():
            if isinstance(content, bytes):
                compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
                raw = compressor.compress(content) + compressor.flush()
                crc, size, compressed = zlib.crc32(content), len(content), len(raw)
            else:
                crc, size, compressed = content.crc, content.size, content.compressed
            size = (declared or {}).get(name, size)
            assert size < 2**32 and compressed < 2**32  # no zip64 needed
            encoded, offset = name.encode(), out.tell()
            out.write(struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc,
                                  compressed, size, len(encoded), 0) + encoded)
            if isinstance(content, bytes):
                out.write(raw)
            else:
                content.write(out)
            central.append(struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc,
                                       compressed, size, len(encoded), 0, 0, 0, 0, 0, offset)
                           + encoded)
        start = out.tell()
        for entry in central:
            out.write(entry)
        out.write(struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(central), len(central),
                              out.tell() - start, start, 0))


def xlsx_with_sheet(path: Path, sheet: bytes | Deflated, shared: bytes = SHARED_STRINGS,
                    declared: dict[str, int] | None = None) -> Path:
    write_zip(path, {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                     "xl/workbook.xml": WORKBOOK, "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
                     "xl/sharedStrings.xml": shared, "xl/worksheets/sheet1.xml": sheet},
              declared)
    return path


READ_IN_A_CHILD = textwrap.dedent("""
    import json, resource, sys, time
    sys.path.insert(0, sys.argv[1])
    from pathlib import Path
    from domain.errors import RegistreError
    from storage.importer import read_plan
    from storage.inventory import InventorySpec, load_inventory
    from storage.register import open_register

    path, reader = Path(sys.argv[2]), sys.argv[3]
    register = None
    if reader == "inventory":
        register = open_register(sys.argv[4], actor="dpo")
        call = lambda: load_inventory(register.engine, path, InventorySpec(1, "health"),
                                      actor="dpo")
    else:
        call = lambda: read_plan(path)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    outcome = {"code": None, "message": None}
    try:
        call()
    except RegistreError as refused:
        outcome = {"code": refused.code, "message": str(refused)}
    outcome["seconds"] = time.monotonic() - started
    outcome["growth_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(json.dumps(outcome))
""")


def _read_in_a_child(path: Path, reader: str, register: str = "") -> dict[str, object]:
    """Read ``path`` in a fresh interpreter (peak RSS is per process, and an abort there
    must not end the test run), with a ceiling on its address space as a safety net."""
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30));"
    done = subprocess.run(
        [sys.executable, "-c", limit + READ_IN_A_CHILD, str(ROOT), str(path), reader, register],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"the reader died ({done.returncode}): {done.stderr[-2000:]}"
    outcome: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return outcome


@pytest.fixture(scope="module")
def bomb_register(tmp_path_factory: pytest.TempPathFactory,
                  inventory_target: tuple[Register, int]) -> str:
    """A copy of the fuzz register (activity 1 exists) for the children to load into."""
    register, _activity = inventory_target
    return str(register.url.database)


def _assert_refused_and_small(outcome: dict[str, object], code: str, name: str) -> None:
    print(f"{name}: {outcome['code']} in {float(str(outcome['seconds'])):.2f} s, peak RSS "
          f"+{float(str(outcome['growth_mb'])):.0f} MB")
    assert outcome["code"] == code, outcome
    assert name in str(outcome["message"])
    assert float(str(outcome["growth_mb"])) < MAX_RSS_GROWTH_MB, outcome


@pytest.mark.parametrize(("unit", "inflated"), [
    (b" ", 3 * 2**30),  # 3 GB of spaces between two rows
    (b'<row><c t="inlineStr"><is><t>P0001</t></is></c></row>', 2 * 2**30),  # one row, again
])
@pytest.mark.parametrize("reader", ["import", "inventory"])
def test_a_zip_bomb_is_refused_in_seconds_and_in_bounded_memory(
        tmp_path: Path, bomb_register: str, reader: str, unit: bytes, inflated: int) -> None:
    sheet = Deflated(SHEET_START, unit, inflated, SHEET_END)
    bomb = xlsx_with_sheet(tmp_path / "bombe.xlsx", sheet)
    assert bomb.stat().st_size < 8 * 2**20 and sheet.size > 2 * 10**9  # small, inflates to GB
    outcome = _read_in_a_child(bomb, reader, bomb_register)
    code = "import.too_large" if reader == "import" else "inventory.too_large"
    _assert_refused_and_small(outcome, code, "bombe.xlsx")
    assert "zip bomb" in str(outcome["message"])


@pytest.mark.parametrize("reader", ["import", "inventory"])
def test_a_zip_whose_directory_understates_a_member_is_refused(
        tmp_path: Path, bomb_register: str, reader: str) -> None:
    """The ratio check trusts declared sizes: the reader must stop where the declared size
    ends (calamine's zip reader does: 'larger than its declared uncompressed size')."""
    sheet = Deflated(SHEET_START, b'<row><c t="inlineStr"><is><t>P1</t></is></c></row>',
                     2**30, SHEET_END)
    bomb = xlsx_with_sheet(tmp_path / "menteur.xlsx", sheet,
                           declared={"xl/worksheets/sheet1.xml": 4096})
    outcome = _read_in_a_child(bomb, reader, bomb_register)
    code = "import.not_a_workbook" if reader == "import" else "inventory.not_a_workbook"
    _assert_refused_and_small(outcome, code, "menteur.xlsx")


def test_billion_laughs_in_shared_strings_is_refused_or_left_unexpanded(
        tmp_path: Path, bomb_register: str) -> None:
    shared = BILLION_LAUGHS + (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        b'uniqueCount="1"><si><t>&lol9;</t></si></sst>')
    sheet = SHEET_START + b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>' + SHEET_END
    bomb = xlsx_with_sheet(tmp_path / "rires.xlsx", sheet, shared=shared)
    for reader in ("import", "inventory"):
        outcome = _read_in_a_child(bomb, reader, bomb_register)
        assert outcome["code"] is not None, outcome  # refused: never 3 GB of "lol" read in
        assert "rires.xlsx" in str(outcome["message"])
        assert float(str(outcome["growth_mb"])) < MAX_RSS_GROWTH_MB, outcome


def test_billion_laughs_in_a_flat_opendocument_file_is_refused(
        tmp_path: Path, bomb_register: str) -> None:
    bomb = tmp_path / "rires.fods"
    bomb.write_bytes(BILLION_LAUGHS.replace(b"lolz", b"office:document") + FODS_START
                     + b"<table:table-row><table:table-cell><text:p>&lol9;</text:p>"
                       b"</table:table-cell></table:table-row>" + FODS_END)
    outcome = _read_in_a_child(bomb, "import", bomb_register)
    _assert_refused_and_small(outcome, "import.unsafe_xml", "rires.fods")


def test_repeat_counts_that_multiply_to_billions_of_cells_are_refused(
        tmp_path: Path, bomb_register: str) -> None:
    """A few hundred bytes of .fods asking for 10,000 rows of 10,000 filled cells, ten times:
    no entity involved, only repeat counts."""
    row = (b'<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
           b'table:number-columns-repeated="1000000"><text:p>x</text:p></table:table-cell>'
           b'</table:table-row>')
    bomb = tmp_path / "repetitions.fods"
    bomb.write_bytes(b'<?xml version="1.0"?>' + FODS_START + row * 10 + FODS_END)
    outcome = _read_in_a_child(bomb, "import", bomb_register)
    _assert_refused_and_small(outcome, "import.too_large", "repetitions.fods")


@pytest.mark.parametrize("reader", ["import", "inventory"])
def test_a_tiny_workbook_with_cells_at_both_ends_of_the_sheet_is_refused(
        tmp_path: Path, bomb_register: str, reader: str) -> None:
    """1.8 KB: one cell in A1 and one in XFD1048576. calamine sizes its grid from them and
    asks for 550 GB; Rust then aborts the whole process (the window, with no message). The
    read is tried in a child process first, which dies instead."""
    sheet = SHEET_START + (b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t>'
                           b'</is></c></row>') + SHEET_END
    bomb = xlsx_with_sheet(tmp_path / "etendue.xlsx", sheet)
    assert bomb.stat().st_size < 4096
    outcome = _read_in_a_child(bomb, reader, bomb_register)
    code = "import.not_a_workbook" if reader == "import" else "inventory.not_a_workbook"
    _assert_refused_and_small(outcome, code, "etendue.xlsx")
    assert "without crashing" in str(outcome["message"])


def _small_workbook(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "last_stay"])
    sheet.append(["P1", "2020-01-01"])
    book.save(path)
    return path


def test_the_workbook_check_stops_the_reading_child_when_cancelled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from storage import safe_zip

    # A read that would last a minute (a huge workbook): cancelling kills the child.
    pid_file = tmp_path / "child.pid"
    finished = tmp_path / "child.finished"
    monkeypatch.setattr(safe_zip, "_PREFLIGHT", f"import os, time; open({str(pid_file)!r}, "
                        "'w').write(str(os.getpid())); time.sleep(60); "
                        f"open({str(finished)!r}, 'w').close()")
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 3 and pid_file.exists() and pid_file.read_text() != ""

    with pytest.raises(safe_zip.ReadCancelled):
        safe_zip.check_workbook(_small_workbook(tmp_path / "inventaire.xlsx"), 2**30,
                                cancelled=cancelled)
    with pytest.raises(ProcessLookupError):  # reaped, not left reading
        os.kill(int(pid_file.read_text()), 0)
    assert not finished.exists()  # killed: it did not read on to its end
    monkeypatch.setattr(safe_zip, "CHILD_SECONDS", 0.3)
    with pytest.raises(safe_zip.UnsafeArchive, match="takes more than"):
        safe_zip.check_workbook(tmp_path / "inventaire.xlsx", 2**30)


def test_a_flat_opendocument_file_declaring_an_unknown_encoding_is_refused(
        tmp_path: Path) -> None:
    # Found by the fuzzing above: a byte changed in encoding="UTF-8" made the XML parser
    # raise LookupError, which went through as a traceback.
    source = REGISTERS / "usegalaxy-eu_gdpr-data.fods"
    path = tmp_path / "galaxy.fods"
    path.write_bytes(source.read_bytes().replace(b'encoding="UTF-8"', b'encoding="TTF-8"', 1))
    with pytest.raises(RegistreError) as refused:
        read_plan(path)
    assert refused.value.code == "import.not_a_workbook"
    assert str(refused.value).startswith("galaxy.fods: ") and "TTF-8" in str(refused.value)
