"""One printable sheet of the inspection workbook: cells, row heights and page layout.

Excel computes a row's height when it opens a file; LibreOffice does not for rows that
openpyxl wrote, so a wrapped text is drawn over the rows below it or cut. Each row's height
is therefore computed here, from the length of its texts and the width of the column (or of
the merged columns) that holds them, with a margin for the wider fonts that replace Calibri
where it is missing (DejaVu Sans on a bare Linux): a row is rather too tall than cut.

A text taller than the tallest row Excel allows (409 points) is split over rows
(``split_to_fit``; ``split_rows`` does it for a table's rows).

Every printed sheet is set up for A4, landscape when its columns are wide, fitted to the
width of the page (never to one page: a long fiche goes on as many pages as it needs), its
print area on its columns, a footer with the sheet's name, the establishment, the date of
the export and the page number, and its own page breaks (``page_ends``), so that a
section's header is never left alone at the bottom of a page. A working sheet
(``printed=False``) gets none of this: it is hidden.

Speed: assigning a font or a fill to a cell makes openpyxl hash style objects; each
combination is done once per workbook (``styles``) and later cells copy its StyleArray.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from copy import copy
from datetime import date, datetime
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.pagebreak import Break

__all__ = [
    "BOLD",
    "HEADER_FILL",
    "MAX_CELL",
    "SECTION_FILL",
    "TITLE_FONT",
    "SheetWriter",
    "clean_text",
    "column_letter",
    "row_height",
    "wrapped_lines",
]

MAX_CELL: Final = 32_767  # characters in one Excel cell
_FORMULA_START: Final = ("=", "+", "-", "@")
# Control characters that XML 1.0 refuses (openpyxl raises IllegalCharacterError); \t \n \r
# are allowed and kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
BOLD: Final = Font(bold=True)
TITLE_FONT: Final = Font(bold=True, size=14, color="1F3864")
HEADER_FILL: Final = PatternFill("solid", fgColor="D9E1F2")
SECTION_FILL: Final = PatternFill("solid", fgColor="B4C6E7")
_WRAP = Alignment(wrap_text=True, vertical="top")
_DATE_FORMAT = "DD/MM/YYYY"

# Characters of 11-point text per unit of column width: about 1.1 for French text in
# Calibri (Excel; Carlito in LibreOffice), from its glyphs' widths; 1.25 measured for DejaVu
# Sans (LibreOffice without Calibri or Carlito: it sizes columns by the font's "0", so
# they are wider). 1.0 (0.9 in bold) leaves Excel a margin for lines of wider letters.
_CHARS_PER_UNIT: Final = 1.0
_BOLD_CHARS_PER_UNIT: Final = 0.9
_POINTS_PER_LINE: Final = 15.0 / 11  # Excel's 15-point row holds one line of 11-point text
_DEFAULT_SIZE: Final = 11.0
MAX_ROW_HEIGHT: Final = 409.0  # Excel's limit, in points
_DEFAULT_HEIGHT: Final = 15.0  # of a row whose height is not set, in points
_LANDSCAPE_FROM: Final = 110  # total column width above which a sheet prints landscape
_A4: Final = (595.3, 841.9)  # points, portrait
# Excel draws a unit of column width as 7 pixels, plus 5 per column, at 0.75 point a pixel;
# other clients draw it wider, so they shrink the page more and hold more rows: a page laid
# out for Excel's scale (less 5 %) fits everywhere.
_POINTS_PER_UNIT: Final = 5.25
_POINTS_PER_COLUMN: Final = 3.75
_PAGE_MARGIN: Final = 0.95
_FOOTER_TEXT: Final = 120  # characters of the footer's centre, "&" counted once


def clean_text(text: str) -> str:
    """A text as a cell may hold it: no control characters, at most 32,767 characters."""
    text = _CONTROL.sub("", text)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def column_letter(index: int) -> str:
    """The letter of a column counted from 0 (0 is A)."""
    return str(get_column_letter(index + 1))


_BREAKS = re.compile(r"(?<=[-/])|(?=\+)")  # where a line may break inside a long word


def wrapped_lines(text: str, capacity: int) -> int:
    """How many lines ``text`` takes in a cell that holds ``capacity`` characters a line,
    wrapped at spaces as a spreadsheet does. A word longer than a line breaks after its
    hyphens and slashes and before a "+" (``2026-12-08T00:45:46+00:00`` takes three short
    lines, not two full ones), and a piece still longer than a line is cut."""
    capacity = max(1, capacity)
    lines = 0
    for paragraph in text.split("\n"):
        if len(paragraph) <= capacity:
            lines += 1
            continue
        count, used = 1, -1  # used: characters on the current line; -1 when it is empty
        for word in paragraph.split(" "):
            pieces = [word] if len(word) <= capacity else _BREAKS.split(word)
            for number, piece in enumerate(pieces):
                size = len(piece)
                space = 1 if number == 0 else 0  # the space before a word, not a piece
                if used >= 0 and used + space + size <= capacity:
                    used += space + size
                    continue
                if used >= 0:
                    count += 1
                while size > capacity:
                    count += 1
                    size -= capacity
                used = size
        lines += count
    return lines



def row_height(texts: Iterable[tuple[str, float, bool, float]]) -> float | None:
    """The height in points of a row holding ``(text, width, bold, font size)`` cells, or
    None when one line of 11-point text fits (the sheet's default height)."""
    height = 0.0
    for text, width, bold, size in texts:
        per_unit = (_BOLD_CHARS_PER_UNIT if bold else _CHARS_PER_UNIT) * _DEFAULT_SIZE / size
        lines = wrapped_lines(text, int(width * per_unit))
        if lines > 1 or size > _DEFAULT_SIZE:
            height = max(height, lines * size * _POINTS_PER_LINE)
    if height == 0.0:
        return None
    return min(MAX_ROW_HEIGHT, round(height + 1.5, 1))


class SheetWriter:
    """A write-only worksheet with a row builder that neutralises formulas and sizes rows.

    A row is kept until the next one is appended (or :meth:`finish`), so that the merges
    declared just after :meth:`append` count in its height; openpyxl writes a row's height
    with the row, so it must be known before. Merged ranges are handed to openpyxl once, in
    :meth:`finish`, which every sheet must get before the workbook is saved.
    """

    def __init__(self, workbook: Workbook, title: str, widths: Sequence[float],
                 freeze: str | None = None,
                 styles: dict[tuple[object, ...], Any] | None = None,
                 *, printed: bool = True, footer: str = "") -> None:
        self.ws: Any = workbook.create_sheet(title)
        self.styles: dict[tuple[object, ...], Any] = {} if styles is None else styles
        self._merges: list[str] = []
        self._pending: list[Cell] | None = None
        self._spans: dict[int, int] = {}  # of the pending row: first column -> last column
        self._heights: list[float] = []  # of the rows written, in points
        self._keep: set[int] = set()  # rows printed on the same page as the row after them
        self.page_height = 0.0  # what a page holds, in points of rows at 100 %
        self.widths = tuple(widths)
        self.printed = printed
        self.split_rows = False  # see append
        # write-only: what precedes the rows in the file (views, widths) is set now
        if freeze:
            self.ws.freeze_panes = freeze
        self.title = title
        self.row_count = 0
        for index, width in enumerate(widths):
            self.ws.column_dimensions[column_letter(index)].width = width
        self.width = len(widths)
        if printed:
            self._page_setup(footer)
        else:
            self.ws.sheet_state = "hidden"

    def _page_setup(self, footer: str) -> None:
        setup = self.ws.page_setup
        landscape = sum(self.widths) > _LANDSCAPE_FROM
        setup.orientation = "landscape" if landscape else "portrait"
        setup.paperSize = 9  # A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0  # as many pages as the sheet needs
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ws.print_options.gridLines = False
        margins = self.ws.page_margins
        margins.left = margins.right = 0.4
        margins.top = 0.5
        margins.bottom = 0.7
        margins.header = 0.3
        margins.footer = 0.3
        page = self.ws.oddFooter
        page.left.text = "&A"  # the sheet's name: the fiche of the list's last column
        # Excel refuses a header or footer of more than 255 characters: a long name is cut
        footer = footer if len(footer) <= _FOOTER_TEXT else footer[:_FOOTER_TEXT - 1] + "…"
        page.center.text = footer.replace("&", "&&")
        page.right.text = "Page &P / &N"
        for part in (page.left, page.center, page.right):
            part.size = 8
        width, height = reversed(_A4) if landscape else _A4
        printable = width - 72 * (margins.left + margins.right)
        drawn = sum(_POINTS_PER_UNIT * w + _POINTS_PER_COLUMN for w in self.widths)
        scale = min(1.0, printable / drawn)  # fitted to the page's width
        self.page_height = (height - 72 * (margins.top + margins.bottom)) / scale * \
            _PAGE_MARGIN

    def cell(self, value: object, *, bold: bool = False, fill: PatternFill | None = None,
             font: Font | None = None, border: bool = True) -> Cell:
        if isinstance(value, str):
            value = clean_text(value)
        elif isinstance(value, datetime):
            value = value.date()
        cell = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, str) and value.startswith(_FORMULA_START):
            cell.data_type = "s"  # text, never a formula (formula injection)
        key = (isinstance(value, date), id(font), bold, id(fill), border)
        style = self.styles.get(key)
        if style is not None:
            cell._style = copy(style)
            return cell
        if isinstance(value, date):
            cell.number_format = _DATE_FORMAT
        cell.alignment = _WRAP
        if font is not None:
            cell.font = font
        elif bold:
            cell.font = BOLD
        if fill is not None:
            cell.fill = fill
        if border:
            cell.border = _BORDER
        self.styles[key] = copy(cell._style)
        return cell

    def append(self, values: Iterable[object], *, bold: bool = False,
               fill: PatternFill | None = None, border: bool = True) -> int:
        """Add a row; its number. With ``split_rows`` on (a table, no merged cells), a text
        taller than a row can be goes on in the rows below, the other cells left empty."""
        if self.split_rows:
            rows = self._split(list(values), bold)
            first = self._append(rows[0], bold, fill, border)
            for more in rows[1:]:
                self._append(more, bold, fill, border)
            return first
        return self._append(values, bold, fill, border)

    def _split(self, values: list[object], bold: bool) -> list[list[object]]:
        parts = [self.split_to_fit(v, index, index, bold=bold)
                 if isinstance(v, str) and index < self.width else [v]
                 for index, v in enumerate(values)]
        count = max((len(p) for p in parts), default=1)
        if count == 1:
            return [values]
        return [[p[n] if n < len(p) else "" for p in parts] for n in range(count)]

    def _append(self, values: Iterable[object], bold: bool, fill: PatternFill | None,
                border: bool) -> int:
        self._flush()
        self._pending = [v if isinstance(v, Cell)
                         else self.cell(v, bold=bold, fill=fill, border=border)
                         for v in values]
        self.row_count += 1
        return self.row_count

    @property
    def heights(self) -> tuple[float, ...]:
        """The height of each row written so far, in points."""
        return tuple(self._heights)

    def split_to_fit(self, text: str, first: int, last: int, *,
                     bold: bool = False) -> list[str]:
        """``text`` in parts that each fit one row (Excel's tallest) across columns
        ``first`` to ``last`` (from 0), cut at spaces; ``[text]`` when it fits whole."""
        width = sum(self.widths[first:last + 1])
        capacity = int(width * (_BOLD_CHARS_PER_UNIT if bold else _CHARS_PER_UNIT))
        most = int((MAX_ROW_HEIGHT - 2) / (_DEFAULT_SIZE * _POINTS_PER_LINE)) - 1
        # short enough whatever its words (a line is at least half full, but for a word
        # longer than a line): the common case, without wrapping it
        if len(text) + capacity * text.count("\n") <= capacity * most // 3 or \
                wrapped_lines(text, capacity) <= most:
            return [text]
        parts: list[str] = []
        part = ""
        for token in re.split(r"(?<=\s)(?=\S)", text):  # each word with the spaces after it
            if part and wrapped_lines((part + token).rstrip(), capacity) > most:
                parts.append(part.rstrip())
                part = ""
            part += token
        if part.strip():
            parts.append(part.rstrip())
        return parts

    def keep_with_next(self) -> None:
        """Print the last row appended (a section's header) on the page of the next one."""
        self._keep.add(self.row_count)

    def merge(self, row: int, first: int, last: int) -> None:
        """Merge columns ``first`` to ``last`` (from 0) of ``row``, the last row appended.

        The cells under the merge get the first cell's style: a client draws a merged
        range's right and bottom borders from the cells on its edges."""
        if last <= first:
            return
        self._merges.append(f"{column_letter(first)}{row}:{column_letter(last)}{row}")
        cells = self._pending
        if row != self.row_count or cells is None:
            return
        self._spans[first] = last
        if first >= len(cells):
            return
        style = cells[first]._style
        for column in range(first + 1, last + 1):
            if column >= len(cells):
                cells.append(WriteOnlyCell(self.ws))
            if cells[column].value in (None, ""):
                cells[column]._style = copy(style)

    def _flush(self) -> None:
        cells = self._pending
        if cells is None:
            return
        if self.printed:
            height = row_height(self._texts(cells))
            if height is not None:
                self.ws.row_dimensions[self.row_count].height = height
            self._heights.append(_DEFAULT_HEIGHT if height is None else height)
        self.ws.append(cells)
        self._pending = None
        self._spans = {}

    def _texts(self, cells: Sequence[Cell]) -> Iterable[tuple[str, float, bool, float]]:
        for index, cell in enumerate(cells):
            value = cell.value
            if value is None or index >= self.width:
                continue
            text = value if isinstance(value, str) else str(value)
            last = min(self._spans.get(index, index), self.width - 1)
            width = sum(self.widths[index:last + 1])
            font = cell.font
            size = float(font.sz or _DEFAULT_SIZE)
            if size <= _DEFAULT_SIZE and "\n" not in text and \
                    len(text) <= width * _BOLD_CHARS_PER_UNIT:
                continue  # one line in any weight: the common case, kept cheap
            yield text, width, bool(font.b), size

    def finish(self) -> None:
        """Write the last row, the merges, the print area and the page breaks (the
        repeated header rows, ``ws.print_title_rows``, must be set before)."""
        self._flush()
        if self._merges:
            self.ws.merged_cells = MultiCellRange(" ".join(self._merges))
        if self.printed and self.row_count:
            self.ws.print_area = f"A1:{column_letter(self.width - 1)}{self.row_count}"
            for row in self.page_ends():
                self.ws.row_breaks.append(Break(id=row))

    def page_ends(self) -> list[int]:
        """The last row of each page but the last, pages filled as Excel fills them at the
        scale that fits the sheet's width, a row kept with the next one never ending a page.

        Each client shrinks the page by its own scale; laid out for Excel's (the largest),
        the pages break at the same rows everywhere, and a section's header is never left
        alone at the bottom of a page, which no automatic page break would ensure."""
        titles = re.findall(r"\d+", self.ws.print_title_rows or "")
        first, last = (int(titles[0]), int(titles[-1])) if titles else (0, 0)
        title = sum(self._heights[first - 1:last]) if titles else 0.0
        ends: list[int] = []
        used, start = 0.0, 1
        for row, height in enumerate(self._heights, start=1):
            if used + height <= self.page_height or row == start:
                used += height
                continue
            cut = row  # the first row of the next page
            while cut - 1 > start and cut - 1 in self._keep:
                cut -= 1
            ends.append(cut - 1)
            start = cut
            used = (title if cut > last else 0.0) + sum(self._heights[cut - 1:row])
        return ends
