"""The inspection workbook as LibreOffice prints it: every text whole, nothing overlapping,
headers repeated, page numbers, and no working sheet on paper.

The demo register is exported once, converted to PDF once by LibreOffice (headless, its own
profile) and read back with poppler's pdftotext: ``-raw`` (text in the order LibreOffice
draws it: a wrapped cell's lines come together) and ``-bbox`` (each word's box). Texts are
compared with all whitespace removed, so that a line break inside a cell (after a hyphen,
or inside a long word) does not count, but a text cut at the bottom of its cell, or mixed
with the text drawn over it, does.

`make test` installs LibreOffice and poppler-utils when they are missing
(.ci/libreoffice.sh); if they still are not there, these tests fail and say so.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from html import unescape
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, quote_sheetname, range_boundaries

from domain import services
from domain.check import Status
from domain.model import (
    DataCategoryUse,
    LegalBasis,
    ProcessingActivity,
    RetentionRule,
)
from domain.review import Decision, FindingDecision
from storage.demo import write_demo
from storage.export import DATA_SHEET, LISTS_SHEET, discard_workbook, export_register
from storage.export_sheet import SheetWriter, row_height, wrapped_lines
from storage.register import open_register
from storage.review import FindingScope, decide, sign_off, start_review

TODAY = date(2026, 11, 1)
LONG_PURPOSE = " ".join(
    f"Étape {n} : rapprocher les séjours, les actes et les résultats d'examens de chaque "
    f"patient inclus dans l'entrepôt, pseudonymiser l'extraction n° {n} et la verser au "
    "projet de recherche autorisé." for n in range(1, 41))
LONG_REFERENCE = " ".join(f"Référentiel CNIL entrepôts de santé, article {n}, alinéa {n % 3}"
                          for n in range(1, 60))
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"(.*?)</word>")
FOOTER_TOP = 555.0  # points from the top of a landscape A4 page (595): the footer below
CENTRE = "Centre hospitalier de Valmont — Registre établi le 01/11/2026"  # of each footer
_FOOTER = re.compile(rf"^(?P<sheet>.*) {CENTRE} Page (?P<page>\d+) / (?P<pages>\d+)$",
                     re.MULTILINE)


def _program(name: str) -> str:
    found = shutil.which(name)
    assert found, (f"{name} is not installed: run `bash .ci/libreoffice.sh` (as root), which "
                   "installs LibreOffice's headless Calc and poppler-utils")
    return found


def _flat(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class Printed:
    workbook: openpyxl.Workbook
    pages: list[str]  # the text of each page, in LibreOffice's drawing order
    sheets: list[str]  # the sheet each page belongs to (read from its footer)
    words: list[list[Word]]  # each page's words and their boxes
    stored: dict[str, dict[tuple[int, int], str | None]]  # right borders, as in the file

    def text_of(self, sheet: str) -> str:
        return "".join(_flat(p) for p, s in zip(self.pages, self.sheets, strict=True)
                       if s == sheet)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    folder = tmp_path_factory.mktemp("print")
    write_demo(folder / "demo.db", TODAY)
    register = open_register(str(folder / "demo.db"))
    try:
        # a signed review, so that its sheet prints its figures and decisions too
        now = "2026-11-02T09:00:00+00:00"
        review = start_review(register.uow(), TODAY, now=now)
        assert review.id is not None
        decide(register.uow(), review.id,
               FindingDecision(Decision.PURGE_PLANNED, date(2027, 1, 31)),
               FindingScope(activity="SEC-01", status=Status.OVERDUE), now=now)
        sign_off(register.uow(), review.id, "Claire Dubreuil", now=now,
                 next_review_on=date(2027, 2, 1))
        # texts taller than a row can be (Excel stops at 409 points)
        entity = services.default_entity(register.uow())
        services.add_activity(register.uow(), ProcessingActivity(
            entity_id=entity.id or 0, ref="LONG-01", name="Entrepôt de données de santé",
            purpose=LONG_PURPOSE, legal_bases=(LegalBasis("A6-1-e"),),
            data_categories=(DataCategoryUse("identity", description="Identité",
                                             retention=RetentionRule(
                                                 delete_after="last_stay + 20 years",
                                                 legal_reference=LONG_REFERENCE)),)),
            TODAY)
        export_register(register, folder / "inspection.xlsx", as_of=TODAY)
    finally:
        register.close()
    done = subprocess.run(
        [_program("soffice"), f"-env:UserInstallation={(folder / 'profile').as_uri()}",
         "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(folder),
         str(folder / "inspection.xlsx")],
        capture_output=True, text=True, timeout=300, check=False)
    pdf = folder / "inspection.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    subprocess.run([_program("pdftotext"), "-raw", str(pdf), str(folder / "raw.txt")],
                   check=True, timeout=120)
    subprocess.run([_program("pdftotext"), "-bbox", str(pdf), str(folder / "boxes.html")],
                   check=True, timeout=120)
    pages = (folder / "raw.txt").read_text(encoding="utf-8").split("\f")[:-1]
    sheets = []
    for number, page in enumerate(pages, start=1):
        footer = _FOOTER.search(page)
        assert footer, f"page {number} has no footer: {page[:200]!r}"
        sheets.append(footer["sheet"])
    html = (folder / "boxes.html").read_text(encoding="utf-8")
    words = [[Word(float(a), float(b), float(c), float(d), unescape(t))
              for a, b, c, d, t in _WORD.findall(page)]
             for page in html.split("<page ")[1:]]
    assert len(words) == len(pages)
    reader = openpyxl.load_workbook(folder / "inspection.xlsx", read_only=True)
    stored = {ws.title: {(c.row, c.column): c.border.right.style
                         for row in ws.iter_rows() for c in row if hasattr(c, "border")}
              for ws in reader.worksheets if ws.sheet_state == "visible"}
    reader.close()
    return Printed(openpyxl.load_workbook(folder / "inspection.xlsx"), pages, sheets, words,
                   stored)


def _visible(workbook: openpyxl.Workbook) -> list[str]:
    return [ws.title for ws in workbook.worksheets if ws.sheet_state == "visible"]


def _printed_text(value: object) -> str:
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def test_every_visible_sheet_prints_and_no_working_sheet_does(printed: Printed) -> None:
    workbook = printed.workbook
    assert workbook[LISTS_SHEET].sheet_state == "hidden"
    assert workbook[DATA_SHEET].sheet_state == "hidden"
    assert set(printed.sheets) == set(_visible(workbook))
    assert printed.sheets[0] == "Registre"
    # nothing of the working sheets on paper: not the round-trip data, not the lists'
    # values that no printed sheet holds (the countries, the CNIL person categories...)
    everything = "".join(_flat(p) for p in printed.pages)
    assert "registre-export" not in everything and '"ref":' not in everything
    shown = "|".join(_flat(_printed_text(c)) for name in _visible(workbook)
                     for row in workbook[name].iter_rows(values_only=True) for c in row if c)
    lists_only = {_flat(str(c)) for row in workbook[LISTS_SHEET].iter_rows(values_only=True)
                  for c in row if c and _flat(str(c)) not in shown}
    assert len(lists_only) > 100  # the countries at least
    assert not [v for v in lists_only if v in everything]
    # the schedule's expert columns (the rule as an expression, the template) are hidden
    schedule = workbook["Conservation"]
    header = [c.value for c in schedule[1]]
    expression, template = (get_column_letter(header.index(h) + 1)
                            for h in ("Expression de la règle", "Modèle"))
    assert schedule.column_dimensions[expression].hidden
    assert schedule.column_dimensions[template].hidden
    expressions = {_flat(str(c.value)) for c in schedule[expression][1:] if c.value}
    assert expressions and not [e for e in expressions if e in printed.text_of("Conservation")]


def test_every_text_is_printed_whole_on_its_own_sheet(printed: Printed) -> None:
    workbook = printed.workbook
    missing: list[str] = []
    checked = 0
    long_texts: dict[str, str] = {}
    for name in _visible(workbook):
        sheet = workbook[name]
        hidden = {k for k, d in sheet.column_dimensions.items() if d.hidden}
        text = printed.text_of(name)
        assert text, f"{name} is not printed"
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or cell.column_letter in hidden:
                    continue
                wanted = _flat(_printed_text(cell.value))
                checked += 1
                if len(wanted) > 60:
                    long_texts[wanted] = name
                if wanted not in text:
                    missing.append(f"{name}!{cell.coordinate}: {str(cell.value)[:80]}")
    assert not missing, f"{len(missing)} texts cut or mixed, e.g. {missing[:5]}"
    assert checked > 5_000 and len(long_texts) > 500
    # among them the texts seen cut before, on the medical record's fiche: the retention
    # of health data in words, the establishment's address, the purpose
    fiche = workbook[next(n for n in workbook.sheetnames if n.startswith("SOIN-01 "))]
    rows = list(fiche.iter_rows(values_only=True))
    retention = next(r[4] for r in rows if r[0] == "Données concernant la santé")
    address = next(r[2] for r in rows if r[0] == "Responsable du traitement")
    purpose = next(r[1] for r in rows if r[0] == "Finalité principale")
    assert "avenue du Docteur-Roux" in address
    for text in (retention, address, purpose):
        assert len(_flat(text)) > 40
        assert _flat(text) in printed.text_of(fiche.title)


def test_a_text_taller_than_a_row_goes_on_over_rows_that_follow(printed: Printed) -> None:
    workbook = printed.workbook
    fiche = workbook[next(n for n in workbook.sheetnames if n.startswith("LONG-01 "))]
    rows = list(fiche.iter_rows(values_only=True))
    purpose = [r[1] for r in rows if r[0] in ("Finalité principale",
                                              "Finalité principale (suite)")]
    assert len(purpose) >= 3 and " ".join(purpose) == LONG_PURPOSE
    identity = [r[4] for r in rows if str(r[0]).startswith("État civil")]
    assert len(identity) >= 2 and LONG_REFERENCE in " ".join(identity)
    # and each part is printed whole (test_every_text_is_printed_whole_on_its_own_sheet)
    printed_text = printed.text_of(fiche.title)
    assert all(_flat(str(part)) in printed_text for part in purpose + identity)
    # in the tables, the next rows hold the rest, their other cells empty
    listed = list(workbook["Registre"].iter_rows(values_only=True))
    start = next(n for n, r in enumerate(listed) if r[1] == "LONG-01")
    parts = [listed[start][4]]
    parts += [r[4] for r in listed[start + 1:] if not r[1] and r[4]]
    assert len(parts) >= 2 and " ".join(parts) == LONG_PURPOSE
    schedule = list(workbook["Conservation"].iter_rows(values_only=True))
    start = next(n for n, r in enumerate(schedule) if r[0] == "LONG-01")
    parts = [schedule[start][8]] + [r[8] for r in schedule[start + 1:] if not r[0] and r[8]]
    assert len(parts) >= 2 and " ".join(parts) == LONG_REFERENCE
    for name in _visible(workbook):
        sheet = workbook[name]
        tallest = max((d.height or 0 for d in sheet.row_dimensions.values()), default=0)
        assert tallest <= 409, name  # Excel's limit: a taller row is cut


def test_header_rows_repeat_on_every_page_of_their_sheet(printed: Printed) -> None:
    workbook = printed.workbook
    several = 0
    for name in _visible(workbook):
        sheet = workbook[name]
        pages = [p for p, s in zip(printed.pages, printed.sheets, strict=True) if s == name]
        if len(pages) == 1:
            continue
        several += 1
        titles = sheet.print_title_rows
        assert titles, f"{name} has no repeated header row"
        first = int(titles.split(":")[0].strip("$"))
        hidden = {k for k, d in sheet.column_dimensions.items() if d.hidden}
        header = [_flat(_printed_text(c.value)) for c in sheet[first]
                  if c.value and c.column_letter not in hidden]
        assert header
        for number, page in enumerate(pages, start=1):
            flat = _flat(page)
            assert all(h in flat for h in header), (name, number, header)
    assert several >= 30  # the list, the fiches, the schedule and the journal run over pages


def test_two_column_sections_of_a_fiche_print_both_headers(printed: Printed) -> None:
    # the second header (E:H) was written in C, under the B:D merge, and never shown
    fiches = [n for n in _visible(printed.workbook) if re.match(r"[A-Z]+-\d+ ", n)]
    assert len(fiches) == 35  # the demo's 34 and LONG-01
    for name in fiches:
        text = printed.text_of(name)
        assert text.count(_flat("Description Durée de conservation")) == 2, name
        assert text.count(_flat("Base légale Justification")) == 1, name
        assert text.count("Précisions") >= 2, name


def test_pages_break_where_the_workbook_says_never_under_a_section_header(
    printed: Printed,
) -> None:
    # LibreOffice adds no page break of its own (its pages hold more than Excel's, for
    # which the breaks are laid out), and no break leaves a section's header alone at the
    # bottom of a page (its first cell has the section's fill)
    workbook = printed.workbook
    kept_alone = []
    for name in _visible(workbook):
        sheet = workbook[name]
        ends = [b.id for b in sheet.row_breaks.brk]
        assert printed.sheets.count(name) == len(ends) + 1, name
        for end in ends:
            if str(sheet.cell(end, 1).fill.fgColor.rgb).endswith("B4C6E7"):
                kept_alone.append(f"{name}!A{end}: {sheet.cell(end, 1).value}")
    assert not kept_alone
    assert sum(printed.sheets.count(n) > 1 for n in _visible(workbook)) >= 30


def test_the_journal_prints_its_times_to_the_second_on_one_line(printed: Printed) -> None:
    # "2026-12-08T00:45:46.147152+00:00" took three lines of every row of the journal
    journal = printed.workbook["Journal d'audit"]
    # (a text taller than a row goes on over rows whose other cells stay empty)
    times = [c.value for c in journal["B"][1:] if c.value is not None]
    assert len(times) > 100
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", str(t)) for t in times), times[:3]
    assert wrapped_lines(str(times[0]), int(journal.column_dimensions["B"].width)) == 1


def test_pages_are_numbered_in_the_footer(printed: Printed) -> None:
    total = len(printed.pages)
    for number, page in enumerate(printed.pages, start=1):
        footer = _FOOTER.search(page)
        assert footer and (int(footer["page"]), int(footer["pages"])) == (number, total)


def _overlaps(words: list[Word]) -> list[tuple[str, str]]:
    """Words whose boxes cover each other (more than a fifth of the smaller one)."""
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    found = []
    for index, word in enumerate(words):
        seen: set[int] = set()
        for bx in range(int(word.x0 // 40), int(word.x1 // 40) + 1):
            for by in range(int(word.y0 // 20), int(word.y1 // 20) + 1):
                for other in buckets[(bx, by)]:
                    if other in seen:
                        continue
                    seen.add(other)
                    o = words[other]
                    width = min(word.x1, o.x1) - max(word.x0, o.x0)
                    height = min(word.y1, o.y1) - max(word.y0, o.y0)
                    smaller = min((word.x1 - word.x0) * (word.y1 - word.y0),
                                  (o.x1 - o.x0) * (o.y1 - o.y0))
                    if width > 0 and height > 0 and width * height > smaller / 5:
                        found.append((o.text, word.text))
                buckets[(bx, by)].append(index)
    return found


def test_nothing_overlaps_and_every_page_is_readable(printed: Printed) -> None:
    for number, words in enumerate(printed.words, start=1):
        sheet = printed.sheets[number - 1]
        assert not _overlaps(words)[:3], (number, sheet)
        # the body text's height: 11-point text fitted to the page's width stays above
        # 7 points (the first page of the list was printed at 45 % before)
        heights = [w.y1 - w.y0 for w in words if len(w.text) > 3 and w.y0 < FOOTER_TOP]
        assert statistics.median(heights) >= 7.0, (number, sheet, statistics.median(heights))


def test_print_setup_of_the_sheets(printed: Printed) -> None:
    workbook = printed.workbook
    for name in _visible(workbook):
        sheet = workbook[name]
        setup = sheet.page_setup
        assert (setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (9, 1, 0), name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert setup.orientation == "landscape"  # every printed sheet is wide
        area = sheet.print_area
        assert area.startswith(quote_sheetname(name) + "!$A$1:"), area
        columns, rows = range_boundaries(area.split("!")[1])[2:]
        assert (rows, columns >= sheet.max_column) == (sheet.max_row, True), (name, area)
        assert "&P" in sheet.oddFooter.right.text
        # a merged range's right border is drawn from its last cell, as written in the file
        # (openpyxl's full reader fills it in itself: read the cells as they are stored)
        stored = printed.stored[name]
        for merged in sheet.merged_cells.ranges:
            first = stored.get((merged.min_row, merged.min_col))
            last = stored.get((merged.max_row, merged.max_col))
            assert last == first, (name, merged.coord)


# --- how a row's height is computed -------------------------------------------------------------


def test_wrapped_lines_wraps_at_spaces_and_cuts_long_words() -> None:
    assert wrapped_lines("", 10) == 1
    assert wrapped_lines("un deux trois", 13) == 1
    assert wrapped_lines("un deux trois", 12) == 2  # "un deux" / "trois"
    assert wrapped_lines("a\nb\n\nc", 10) == 4
    assert wrapped_lines("x" * 25, 10) == 3  # a word longer than a line is cut
    assert wrapped_lines("ab " + "x" * 25, 10) == 4


def test_row_height_follows_the_longest_text_and_its_width() -> None:
    sentence = "Conservation jusqu'à " + "vingt ans après le dernier séjour ; " * 8
    assert row_height([("Oui", 10, False, 11)]) is None  # one line: the default height
    narrow = row_height([(sentence, 20, False, 11)])
    wide = row_height([(sentence, 60, False, 11)])
    assert narrow is not None and wide is not None and narrow > wide > 15
    assert row_height([(sentence, 60, True, 11)]) >= wide  # type: ignore[operator]
    assert row_height([("Fiche de registre", 100, True, 14)]) == pytest.approx(20.6)
    assert row_height([("x " * 10_000, 10, False, 11)]) == 409  # Excel's limit


def test_pages_are_filled_and_a_header_goes_to_the_page_of_its_first_row(
    tmp_path: Path,
) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = SheetWriter(workbook, "Fiche", (40, 40, 40))  # landscape
    sheet.append(["Fiche de registre"])
    sheet.ws.print_title_rows = "1:1"
    headers = set()
    for number in range(2, 200):
        if number % 9 == 0:
            sheet.append(["Section"])
            sheet.keep_with_next()
            headers.add(number)
        else:
            sheet.append(["un texte " * (number % 7) * 5])  # rows of one to four lines
    sheet.finish()
    heights = sheet.heights
    ends = sheet.page_ends()
    assert len(ends) > 5 and not headers & set(ends)
    starts = [1, *(end + 1 for end in ends)]
    for page, (start, end) in enumerate(zip(starts, [*ends, len(heights)], strict=True)):
        title = heights[0] if page else 0.0
        used = title + sum(heights[start - 1:end])
        assert used <= sheet.page_height
        if end < len(heights):  # full: the next row, or the header moved, did not fit
            moved = end + 1 in headers
            assert moved or used + heights[end] > sheet.page_height
    workbook.save(tmp_path / "pages.xlsx")
    saved = openpyxl.load_workbook(tmp_path / "pages.xlsx")["Fiche"]
    assert [b.id for b in saved.row_breaks.brk] == ends


def test_a_long_establishment_name_keeps_the_footer_under_excels_limit() -> None:
    workbook = openpyxl.Workbook(write_only=True)
    name = "Groupement hospitalier de territoire & associés " * 10
    sheet = SheetWriter(workbook, "Fiche", (40,), footer=name)
    footer = sheet.ws.oddFooter
    whole = "".join(p.text or "" for p in (footer.left, footer.center, footer.right))
    assert len(whole) < 200 < len(name)  # Excel: 255 at most, codes included
    assert footer.center.text.startswith("Groupement hospitalier de territoire && associés")
    sheet.finish()
    discard_workbook(workbook)
