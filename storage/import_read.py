"""Reading a register file into plain sheets of cells, whatever its container.

``read_sheets(path)`` gives every sheet of a workbook (.xlsx .xlsm .xls .ods with
python-calamine; flat-XML .fods with a small defusedxml reader) or the one table of a CSV
(encoding and separator detected with the helpers of ``storage.encodings``) as a list of
``Sheet``: rows of cells, row 0 being spreadsheet row 1, column 0 being column A. A file
that is not what its name says, an XML bomb or an undecodable CSV raises
:class:`ImportFileError` naming the file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from domain.errors import CodedError, RegistreError
from storage.encodings import detect_encoding, sniff_delimiter
from storage.safe_zip import UnsafeArchive, check_workbook, is_reader_error

__all__ = ["ImportFileError", "Sheet", "column_letter", "read_sheets"]

MAX_FILE_BYTES: Final = 200 * 1024 * 1024
MAX_EXPANDED: Final = 1024 * 1024 * 1024  # a register's workbook, all its XML inflated
MAX_REPEAT: Final = 10_000  # an ODS "repeated" count beyond this is trailing emptiness
MAX_CELLS: Final = 5_000_000  # of one .fods sheet, repeats included (a register: thousands)
WORKBOOK_SUFFIXES: Final = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})


class ImportFileError(CodedError):
    """A file that cannot be imported; nothing was changed.

    ``params``: ``file`` and, where known, ``sheet``, ``row`` (1-based), ``column`` (a
    letter, or a header name) and ``value``; ``detail`` says what is wrong in English.
    """

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(code, message, **params)
        self.cause: RegistreError | None = None  # import.invalid_activity: the domain's error


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]

    def cell(self, row: int, column: int) -> Any:
        if row < len(self.rows) and column < len(self.rows[row]):
            return self.rows[row][column]
        return None


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _refuse(path: Path, code: str, detail: str, **params: object) -> ImportFileError:
    return ImportFileError(code, f"{path.name}: {detail}", file=str(path), detail=detail,
                           **params)


def read_sheets(path: Path) -> list[Sheet]:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(512)
    except FileNotFoundError:
        raise _refuse(path, "import.unreadable", "no such file") from None
    except OSError as error:
        raise _refuse(path, "import.unreadable", f"cannot be read ({error.strerror})") from None
    if not head.strip():
        raise _refuse(path, "import.empty", "the file is empty")
    if size > MAX_FILE_BYTES:
        raise _refuse(path, "import.too_large", f"the file is larger than "
                      f"{MAX_FILE_BYTES // 2**20} MB")
    suffix = path.suffix.lower()
    is_zip = head.startswith(b"PK\x03\x04")
    is_ole = head.startswith(b"\xd0\xcf\x11\xe0")
    if suffix in WORKBOOK_SUFFIXES or is_zip or is_ole:
        if suffix == ".xls" and not is_ole and not is_zip:
            raise _refuse(path, "import.not_a_workbook", "is not an Excel workbook")
        if suffix in {".xlsx", ".xlsm", ".ods"} and not is_zip:
            kind = "an OpenDocument spreadsheet" if suffix == ".ods" else "an Excel workbook"
            raise _refuse(path, "import.not_a_workbook", f"is not {kind}")
        return _read_workbook(path)
    if suffix == ".fods" or head.lstrip().startswith(b"<?xml"):
        return [*_read_fods(path)]
    if suffix not in {".csv", ".txt", ".tsv", ""}:
        raise _refuse(path, "import.unsupported", f"unsupported file type {suffix} (.xlsx, "
                      ".xls, .ods, .fods, .csv)")
    return [_read_csv(path)]


def _read_workbook(path: Path) -> list[Sheet]:
    from python_calamine import load_workbook

    try:  # a zip bomb would make calamine allocate gigabytes, or abort the process
        check_workbook(path, MAX_EXPANDED)
    except UnsafeArchive as unsafe:
        raise _refuse(path, "import.too_large" if unsafe.too_large else
                      "import.not_a_workbook", unsafe.detail) from None
    try:
        workbook = load_workbook(str(path))
    except BaseException as error:  # calamine raises several types, all meaning "unreadable"
        if not is_reader_error(error):
            raise
        raise _refuse(path, "import.not_a_workbook", f"is not a readable workbook ({error})"
                      ) from None
    sheets = []
    try:
        for name in workbook.sheet_names:
            try:
                rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except BaseException as error:
                if not is_reader_error(error):
                    raise
                raise _refuse(path, "import.not_a_workbook",
                              f"sheet {name} cannot be read ({error})", sheet=name) from None
            sheets.append(Sheet(name, [list(row) for row in rows]))
    finally:
        close = getattr(workbook, "close", None)
        if close is not None:
            close()
    return sheets


def _read_csv(path: Path) -> Sheet:
    data = path.read_bytes()
    encoding, _ascii = detect_encoding(data, True)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _refuse(path, "import.encoding", f"row {line} cannot be read as {encoding}",
                      row=line) from None
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first),
                        strict=True)
    try:
        rows: list[list[Any]] = [list(row) for row in reader]
    except csv.Error as error:
        raise _refuse(path, "import.malformed", f"malformed CSV at line {reader.line_num} "
                      f"({error})", row=reader.line_num) from None
    return Sheet("", rows)  # a CSV has one table and no sheet name


# --- flat OpenDocument (.fods) ---------------------------------------------------------------

_NS: Final = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def _q(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


def _paragraph_text(element: Any) -> str:
    """Text of a text:p, without office:annotation (comments), with text:s / tab / breaks."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == _q("office", "annotation"):
            pass
        elif tag == _q("text", "s"):
            parts.append(" " * min(_count(child.get(_q("text", "c"))), MAX_REPEAT))
        elif tag == _q("text", "tab"):
            parts.append("\t")
        elif tag == _q("text", "line-break"):
            parts.append("\n")
        else:
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _count(text: str | None) -> int:
    """A repeat or space count (ValueError when it is not a number)."""
    return 1 if text is None else int(text)


def _cell_value(cell: Any) -> Any:
    kind = cell.get(_q("office", "value-type"))
    if kind in {"float", "percentage", "currency"}:
        return float(cell.get(_q("office", "value"), "0"))
    if kind == "date":
        from datetime import date, datetime

        raw = cell.get(_q("office", "date-value"), "")
        return datetime.fromisoformat(raw) if "T" in raw else date.fromisoformat(raw)
    if kind == "boolean":
        return cell.get(_q("office", "boolean-value")) == "true"
    paragraphs = [_paragraph_text(p) for p in cell.findall(_q("text", "p"))]
    return "\n".join(paragraphs) if paragraphs else None


def _read_fods(path: Path) -> list[Sheet]:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import parse

    try:
        tree = parse(str(path), forbid_dtd=True)
    except DefusedXmlException as error:
        raise _refuse(path, "import.unsafe_xml", f"refused: the XML declares entities or a "
                      f"DTD ({type(error).__name__})") from None
    except (ParseError, LookupError) as error:  # LookupError: an unknown declared encoding
        raise _refuse(path, "import.not_a_workbook", f"is not a valid flat OpenDocument "
                      f"spreadsheet ({error})") from None
    sheets = []
    for table in tree.getroot().iter(_q("table", "table")):
        name = str(table.get(_q("table", "name"), ""))
        rows: list[list[Any]] = []
        cells = 0
        for row in table.iter(_q("table", "table-row")):
            values: list[Any] = []
            for cell in row:
                if cell.tag not in {_q("table", "table-cell"), _q("table", "covered-table-cell")}:
                    continue
                try:
                    repeat = _count(cell.get(_q("table", "number-columns-repeated")))
                    value = _cell_value(cell)
                except (ValueError, OverflowError) as error:  # a number or date that is not
                    where = f"row {len(rows) + 1}, column {column_letter(len(values))}"
                    raise _refuse(path, "import.not_a_workbook", f"sheet {name}, {where}: "
                                  f"unreadable cell ({error})", sheet=name, row=len(rows) + 1,
                                  column=column_letter(len(values))) from None
                values.extend([value] * min(repeat, MAX_REPEAT))
            while values and values[-1] in (None, ""):
                values.pop()
            try:
                repeat = _count(row.get(_q("table", "number-rows-repeated")))
            except ValueError as error:
                raise _refuse(path, "import.not_a_workbook", f"sheet {name}, row "
                              f"{len(rows) + 1}: unreadable row ({error})", sheet=name,
                              row=len(rows) + 1) from None
            repeat = min(repeat, MAX_REPEAT if values else 1)
            cells += len(values) * max(repeat, 0)
            if cells > MAX_CELLS:  # repeat counts multiply: a few bytes can ask for billions
                raise _refuse(path, "import.too_large", f"sheet {name} has more than "
                              f"{MAX_CELLS:,} cells", sheet=name)
            rows.extend([list(values) for _ in range(repeat)])
        while rows and not rows[-1]:
            rows.pop()
        sheets.append(Sheet(name, rows))
    return sheets
