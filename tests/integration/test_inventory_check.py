"""Before an inventory is loaded: the preview of its first rows and the check that lists
every row the load would refuse. Neither touches a register."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from storage.inventory import (
    InventoryError,
    InventorySpec,
    check_inventory,
    preview_inventory,
)

SPEC = InventorySpec(activity_id=1, category="health")


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_the_preview_reads_only_the_start_of_the_file(tmp_path: Path) -> None:
    lines = ["ipp,last_stay,death"] + [f"P{n:06d},2020-01-{n % 28 + 1:02d}," for n in range(20_000)]
    path = tmp_path / "big.csv"
    # the end of the file is broken: a load refuses it, the preview never gets there
    path.write_bytes(("\n".join(lines) + "\n").encode() + b"P9,\x81\x8d\n")
    preview = preview_inventory(path, rows=5)
    assert preview.header == ("ipp", "last_stay", "death")
    assert preview.rows[0] == ("P000000", "2020-01-01", "")
    assert len(preview.rows) == 5
    assert not preview.exact and 18_000 <= preview.estimate <= 22_000
    with pytest.raises(InventoryError) as caught:
        check_inventory(path, SPEC)
    assert caught.value.code == "inventory.encoding"
    assert caught.value.params["row"] == 20_002


def test_the_preview_of_a_windows_1252_file_with_accents(tmp_path: Path) -> None:
    path = _write(tmp_path / "séjours.csv",
                  "IPP;Date de sortie;Service\nP1;15/03/2005;Maternité\n\nP2;;Gériatrie\n",
                  encoding="cp1252")
    preview = preview_inventory(path)
    assert preview.encoding == "cp1252"
    assert preview.header == ("IPP", "Date de sortie", "Service")
    assert preview.rows == (("P1", "15/03/2005", "Maternité"), ("P2", "", "Gériatrie"))


def test_the_preview_of_a_workbook_counts_its_rows_exactly(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Dossiers"
    sheet.append(["ipp", "last_stay"])
    for n in range(25):
        sheet.append([10_000 + n, datetime(2024, 2, 29)])
    book.save(tmp_path / "dpi.xlsx")
    preview = preview_inventory(tmp_path / "dpi.xlsx", rows=3)
    assert preview.exact and preview.estimate == 25 and preview.sheet == "Dossiers"
    assert preview.rows == tuple(
        (str(10_000 + n), "2024-02-29") for n in range(3))


def test_a_file_that_is_not_an_inventory_is_refused_by_the_preview(tmp_path: Path) -> None:
    path = _write(tmp_path / "notes.xlsx", "ceci n'est pas un classeur")
    with pytest.raises(InventoryError) as caught:
        preview_inventory(path)
    assert caught.value.code == "inventory.not_a_workbook"
    assert caught.value.params["file"] == str(path)


def test_the_check_lists_every_refused_row_with_its_column(tmp_path: Path) -> None:
    path = _write(tmp_path / "dpi.csv", (
        "ipp,birth,last_stay\n"
        "P1,1960-05-10,2005-03-15\n"
        "P2,29/02/2023,2006-01-01\n"  # no 29 February in 2023
        ",1961-01-01,2007-01-01\n"  # an empty id
        "P4,1962-01-01,31/04/2008\n"  # no 31 April
        "\n"
        "P5,1963-01-01,12/05/08\n"  # a two-digit year
        "P6,1964-01-01,\n"
    ))
    check = check_inventory(path, SPEC)
    assert check.records == 2  # P1 and P6
    where = [(e.code, e.params["row"], e.params.get("column"), e.params.get("value"))
             for e in check.refused]
    assert where == [
        ("inventory.invalid_date", 3, "birth", "29/02/2023"),
        ("inventory.empty_id", 4, "ipp", ""),
        ("inventory.invalid_date", 5, "last_stay", "31/04/2008"),
        ("inventory.invalid_date", 7, "last_stay", "12/05/08"),
    ]
    assert check.refused_count == 4 and check.more_refused == 0


def test_the_check_lists_a_few_and_counts_the_rest(tmp_path: Path) -> None:
    lines = ["id,last_stay"] + [f"P{n},2024-01-01" for n in range(25_000)]
    for n in range(12_000, 12_030):
        lines[n] = f"P{n - 1},2024-02-30"
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: list[int] = []
    check = check_inventory(path, SPEC, limit=10, progress=seen.append)
    assert check.records == 25_000 - 30
    assert [e.params["row"] for e in check.refused] == list(range(12_001, 12_011))
    assert check.more_refused == 20 and check.refused_count == 30
    assert seen[-1] == 25_000 and seen == sorted(seen)


def test_a_clean_file_has_nothing_refused_and_a_missing_event_refuses_it_all(
        tmp_path: Path) -> None:
    path = _write(tmp_path / "dpi.csv", "ipp,last_stay\nP1,2020-01-01\nP2,\n")
    check = check_inventory(path, SPEC)
    assert (check.records, check.refused) == (2, ())
    with pytest.raises(InventoryError) as caught:
        check_inventory(path, InventorySpec(1, "health", events=frozenset({"birth"})))
    assert caught.value.code == "inventory.missing_event"


def test_the_check_can_be_cancelled(tmp_path: Path) -> None:
    lines = ["id,last_stay"] + [f"P{n},2024-01-01" for n in range(25_000)]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InventoryError) as caught:
        check_inventory(path, SPEC, cancelled=lambda: True)
    assert caught.value.code == "inventory.cancelled"
