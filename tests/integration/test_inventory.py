"""Loading inventories into a real SQLite register and into PostgreSQL: formats, dates,
errors, atomicity."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from domain import services
from domain.model import ProcessingActivity
from storage.inventory import (
    InventoryError,
    InventorySpec,
    inventory_events,
    load_inventory,
)
from storage.register import Register
from tests.builders import entity

TODAY = date(2026, 11, 29)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def activity_id(register: Register) -> int:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    stored = services.add_activity(
        register.uow(), ProcessingActivity(owner.id, "SOIN-01", "Dossier patient"), TODAY
    )
    assert stored.id is not None
    return stored.id


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(textwrap.dedent(text).lstrip("\n").encode(encoding))
    return path


def _records(register: Register, activity: int, category: str = "health") -> dict[str, tuple]:
    """record id -> (stage, d0, d1, d2), dates as ISO text (SQLite's storage) on any backend."""
    with register.engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT r.record_id, r.stage, r.d0, r.d1, r.d2 FROM inventory_record r "
            "JOIN inventory i ON i.id = r.inventory_id WHERE i.activity_id = :activity "
            "AND i.category = :category"), {"activity": activity, "category": category}
        ).all()
    return {row[0]: tuple(v.isoformat() if isinstance(v, date) else v for v in row[1:])
            for row in rows}


def _indexes(register: Register) -> set[str | None]:
    return {index["name"] for index in inspect(register.engine).get_indexes("inventory_record")}


def _load(register: Register, path: Path, activity: int, **options: object):  # type: ignore[no-untyped-def]
    spec = InventorySpec(activity_id=activity, category=str(options.pop("category", "health")),
                         **options)  # type: ignore[arg-type]
    return load_inventory(register.engine, path, spec, actor="dpo")


def test_a_utf8_csv_is_loaded_with_its_events(register: Register, activity_id: int,
                                              tmp_path: Path) -> None:
    path = _write(tmp_path / "dpi.csv", """
        ipp,birth,last_stay,death
        P1,1960-05-10,2005-03-15,
        P2,2010-06-01,2012-09-10,2013-01-15
    """)
    result = _load(register, path, activity_id)
    assert result.records == 2 and result.replaced == 0
    assert result.events == ("birth", "last_stay", "death")
    assert inventory_events(register.engine, activity_id, "health") == result.events
    assert inventory_events(register.engine, activity_id, "identity") is None
    assert _records(register, activity_id) == {
        "P1": ("active", "1960-05-10", "2005-03-15", None),
        "P2": ("active", "2010-06-01", "2012-09-10", "2013-01-15"),
    }
    entries = [e for e in register.audit_entries() if e.object_type == "inventory"]
    assert len(entries) == 1
    assert entries[0].object_key == "SOIN-01/health" and entries[0].field == "records"
    assert '"count": 2' in (entries[0].new_value or "")
    assert register.verify_audit() == []


def test_windows_1252_with_accents_semicolons_and_french_dates(
        register: Register, activity_id: int, tmp_path: Path) -> None:
    path = _write(tmp_path / "rh.csv", """
        N° dossier;Nom du service;date_entrée;sortie
        DUPRÉ-001;Cardiologie;29/02/2024;01/03/2024
        MÉLANIE-ÈÇ;Réanimation;1/1/2024;
    """, encoding="cp1252")
    result = _load(register, path, activity_id, mapping={"entry": "date_entrée"})
    assert result.events == ("entry", "sortie")
    records = _records(register, activity_id)
    assert records["DUPRÉ-001"][:3] == ("active", "2024-02-29", "2024-03-01")
    assert records["MÉLANIE-ÈÇ"][:3] == ("active", "2024-01-01", None)


def test_utf8_with_bom_and_tabs(register: Register, activity_id: int, tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfid\tlast_stay\nA\t2024-01-31\n")
    result = _load(register, path, activity_id)
    assert result.events == ("last_stay",)
    assert _records(register, activity_id)["A"][:2] == ("active", "2024-01-31")


def test_an_ascii_start_and_a_windows_1252_end_is_read_as_windows_1252(
        register: Register, activity_id: int, tmp_path: Path) -> None:
    lines = ["id,last_stay"] + [f"P{n},2024-01-01" for n in range(12_000)] + ["HÉLÈNE,2024-01-02"]
    path = tmp_path / "late.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    assert _load(register, path, activity_id).records == 12_001
    assert "HÉLÈNE" in _records(register, activity_id)


def test_timestamps_are_local_dates_in_paris(register: Register, activity_id: int,
                                             tmp_path: Path) -> None:
    path = _write(tmp_path / "ts.csv", """
        id,last_stay
        utc_new_year,2023-12-31T23:30:00Z
        utc_t2,2024-03-31T22:30:00Z
        offset,2024-03-31T23:30:00+01:00
        naive_local,2024-03-31 23:30:00
        french_time,31/12/2023 23:30
        fraction,2024-06-30T22:15:00.123456789Z
    """)
    _load(register, path, activity_id)
    records = _records(register, activity_id)
    assert records["utc_new_year"][1] == "2024-01-01"  # T3 of retention-rules.md d.4
    assert records["utc_t2"][1] == "2024-04-01"  # T2
    assert records["offset"][1] == "2024-04-01"
    assert records["naive_local"][1] == "2024-03-31"  # naive: already Paris time
    assert records["french_time"][1] == "2023-12-31"
    assert records["fraction"][1] == "2024-07-01"


@pytest.mark.parametrize(("value", "why"), [
    ("31/02/2024", "not a valid date"),
    ("2023-02-29", "not a valid date"),
    ("29/02/24", "two-digit year"),
    ("hier", "not a date"),
])
def test_a_bad_date_names_row_and_column_and_keeps_the_previous_inventory(
        register: Register, activity_id: int, tmp_path: Path, value: str, why: str) -> None:
    good = _write(tmp_path / "good.csv", """
        id,last_stay
        A,2020-01-01
        B,2021-01-01
    """)
    _load(register, good, activity_id)
    entries = len(register.audit_entries())
    bad = _write(tmp_path / "bad.csv", f"""
        id,last_stay
        X,2020-01-01
        Y,{value}
    """)
    with pytest.raises(InventoryError) as caught:
        _load(register, bad, activity_id)
    error = caught.value
    assert error.code == "inventory.invalid_date"
    assert error.params["row"] == 3 and error.params["column"] == "last_stay"
    assert error.params["value"] == value and error.params["file"] == str(bad)
    assert why in str(error) and "row 3" in str(error)
    assert set(_records(register, activity_id)) == {"A", "B"}
    assert len(register.audit_entries()) == entries


def test_a_bad_date_in_a_big_file_is_found_past_the_first_batch(
        register: Register, activity_id: int, tmp_path: Path) -> None:
    lines = ["id,last_stay"] + [f"P{n},2024-01-01" for n in range(10_500)]
    lines[10_300] = "P10299,2024-13-01"
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InventoryError) as caught:
        _load(register, path, activity_id)
    assert caught.value.params["row"] == 10_301


def test_empty_cells_are_missing_dates_whichever_batch_they_fall_in(
        register: Register, activity_id: int, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Batches of 2 rows: the first batch has no empty death, the second only empty ones,
    # the third both; every empty cell must be stored as a missing date, never as ''.
    monkeypatch.setattr("storage.inventory.files.BATCH_SIZE", 2)
    path = _write(tmp_path / "batches.csv", """
        ipp,birth,last_stay,death
        P1,1960-05-10,2005-03-15,2020-01-01
        P2,1961-05-10,2006-03-15,2021-01-01
        P3,1962-05-10,,
        P4,1963-05-10,2007-03-15,
        P5,1964-05-10,,2022-02-28
    """)
    assert _load(register, path, activity_id).records == 5
    assert _records(register, activity_id) == {
        "P1": ("active", "1960-05-10", "2005-03-15", "2020-01-01"),
        "P2": ("active", "1961-05-10", "2006-03-15", "2021-01-01"),
        "P3": ("active", "1962-05-10", None, None),
        "P4": ("active", "1963-05-10", "2007-03-15", None),
        "P5": ("active", "1964-05-10", None, "2022-02-28"),
    }
    with register.engine.connect() as connection:
        empty = connection.execute(text(
            "SELECT count(*) FROM inventory_record WHERE CAST(d1 AS TEXT) = '' "
            "OR CAST(d2 AS TEXT) = ''")).scalar_one()
    assert empty == 0


def test_wide_files_are_stored_cell_for_cell_in_any_batch(
        register: Register, activity_id: int, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 250 rows in batches of 120: rows go to the database a hundred per statement, with a
    # shorter statement for the rest; the column "Service" is not loaded; the third batch
    # has a French date, so it is converted row by row instead of bound as it is.
    monkeypatch.setattr("storage.inventory.files.BATCH_SIZE", 120)
    expected: dict[str, tuple] = {}
    lines = ["Service;death;ipp;stage;last_stay"]
    for n in range(250):
        last = date(2000 + n % 20, 1 + n % 12, 1 + n % 28)
        death = date(2010, 2, 28) if n % 7 == 0 else None
        stage = ("", "archive", "active")[n % 3]
        shown = last.strftime("%d/%m/%Y") if n == 245 else last.isoformat()
        lines.append(f"Cardio {n};{death.isoformat() if death else ''};P{n:04d};{stage};{shown}")
        expected[f"P{n:04d}"] = (stage or "active", death and death.isoformat(),
                                 last.isoformat())
    path = tmp_path / "wide.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _load(register, path, activity_id, id_column="ipp")
    assert (result.records, result.events) == (250, ("death", "last_stay"))
    with register.engine.connect() as connection:
        stored = connection.execute(text(
            "SELECT record_id, stage, d0, d1 FROM inventory_record")).all()
    assert {row[0]: tuple(v.isoformat() if isinstance(v, date) else v for v in row[1:])
            for row in stored} == expected


def test_a_big_load_builds_its_index_again_and_keeps_the_range_of_its_rows(
        register: Register, activity_id: int, tmp_path: Path) -> None:
    small = _write(tmp_path / "small.csv", "id,last_stay\nA,2020-01-01\nB,2020-01-01\n")
    _load(register, small, activity_id, category="identity")
    lines = ["id,last_stay"] + [f"P{(n * 7919) % 60_000:06d},2024-01-01" for n in range(60_000)]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _load(register, path, activity_id).records == 60_000
    _load(register, small, activity_id, category="identity")  # replaced after the big one
    assert "uq_inventory_record_id" in _indexes(register)
    # PostgreSQL drops the foreign key of the records for a big load too: it is back
    from sqlalchemy import inspect

    (foreign_key,) = inspect(register.engine).get_foreign_keys("inventory_record")
    assert foreign_key["referred_table"] == "inventory"
    assert foreign_key["options"].get("ondelete") == "CASCADE"

    def in_range(category: str) -> tuple[int, int]:
        """(rows of the inventory in its range, rows of the inventory)"""
        with register.engine.connect() as connection:
            return connection.execute(text(
                "SELECT sum(CASE WHEN r.id BETWEEN i.first_row AND i.last_row THEN 1 ELSE 0 "
                "END), count(*) FROM inventory i JOIN inventory_record r "
                "ON r.inventory_id = i.id WHERE i.category = :category"),
                {"category": category}).one()

    assert in_range("health") == (60_000, 60_000)
    assert in_range("identity") == (2, 2)
    assert set(_records(register, activity_id, "identity")) == {"A", "B"}


def test_a_load_leaves_the_cycle_collector_as_it_found_it(
        register: Register, activity_id: int, tmp_path: Path) -> None:
    import gc

    good = _write(tmp_path / "good.csv", "id,last_stay\nA,2020-01-01\n")
    bad = _write(tmp_path / "bad.csv", "id,last_stay\nA,2020-02-30\n")
    assert gc.isenabled()
    _load(register, good, activity_id)
    assert gc.isenabled()
    with pytest.raises(InventoryError):
        _load(register, bad, activity_id)
    assert gc.isenabled()
    gc.disable()
    try:
        _load(register, good, activity_id)
        assert not gc.isenabled()  # the caller had turned it off: it stays off
    finally:
        gc.enable()


def test_a_duplicate_id_names_both_rows(register: Register, activity_id: int,
                                        tmp_path: Path) -> None:
    path = _write(tmp_path / "dup.csv", """
        id,last_stay
        A,2020-01-01
        B,2020-01-01
        C,2020-01-01
         B ,2021-01-01
    """)
    with pytest.raises(InventoryError) as caught:
        _load(register, path, activity_id)
    assert caught.value.code == "inventory.duplicate_id"
    assert caught.value.params["first_row"] == 3 and caught.value.params["row"] == 5
    assert "row 3" in str(caught.value) and "row 5" in str(caught.value)
    assert _records(register, activity_id) == {}


def test_a_duplicate_id_in_a_clean_small_file_names_both_rows(
        register: Register, activity_id: int, tmp_path: Path) -> None:
    path = _write(tmp_path / "dup.csv", "id,last_stay\nA,2020-01-01\nB,2020-01-01\n"
                  "C,2020-01-01\nB,2021-01-01\n")
    with pytest.raises(InventoryError) as caught:
        _load(register, path, activity_id)
    assert caught.value.code == "inventory.duplicate_id"
    assert (caught.value.params["value"], caught.value.params["first_row"],
            caught.value.params["row"]) == ("B", 3, 5)
    assert _records(register, activity_id) == {}


def test_a_duplicate_id_far_apart_in_a_big_file(register: Register, activity_id: int,
                                                tmp_path: Path) -> None:
    lines = ["id,last_stay"] + [f"P{n:06d},2024-01-01" for n in range(60_000)]
    lines.append("P000007,2024-01-02")
    path = tmp_path / "dup.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InventoryError) as caught:
        _load(register, path, activity_id)
    assert caught.value.code == "inventory.duplicate_id"
    assert (caught.value.params["first_row"], caught.value.params["row"]) == (9, 60_002)
    assert "uq_inventory_record_id" in _indexes(register)


def test_an_empty_id_is_refused_and_blank_rows_are_skipped(
        register: Register, activity_id: int, tmp_path: Path) -> None:
    path = _write(tmp_path / "blank.csv", "id,last_stay\nA,2020-01-01\n\n,,\nB,2020-01-02\n")
    assert _load(register, path, activity_id).records == 2
    path = _write(tmp_path / "empty_id.csv", "id,last_stay\nA,2020-01-01\n ,2020-01-02\n")
    with pytest.raises(InventoryError) as caught:
        _load(register, path, activity_id)
    assert caught.value.code == "inventory.empty_id" and caught.value.params["row"] == 3


def test_reloading_replaces_and_counts_the_previous_records(
        register: Register, activity_id: int, tmp_path: Path) -> None:
    first = _write(tmp_path / "v1.csv", "id,last_stay\nA,2020-01-01\nB,2020-01-01\nC,\n")
    second = _write(tmp_path / "v2.csv", "id,last_stay\nC,2022-01-01\nD,2022-01-01\n")
    assert _load(register, first, activity_id).replaced == 0
    other = _load(register, first, activity_id, category="identity")
    result = _load(register, second, activity_id)
    assert (result.records, result.replaced) == (2, 3)
    assert set(_records(register, activity_id)) == {"C", "D"}
    assert set(_records(register, activity_id, "identity")) == {"A", "B", "C"}
    assert other.records == 3
    entries = [e for e in register.audit_entries() if e.object_key == "SOIN-01/health"]
    assert [e.action for e in entries] == ["create", "update"]
    assert '"count": 3' in (entries[1].old_value or "")


def test_stage_column_in_french(register: Register, activity_id: int, tmp_path: Path) -> None:
    path = _write(tmp_path / "stage.csv", """
        id;statut;last_stay
        A;actif;2020-01-01
        B;Archivé;2020-01-01
        C;;2020-01-01
        D;archive;2020-01-01
    """)
    result = _load(register, path, activity_id, stage_column="statut")
    assert result.events == ("last_stay",)
    assert {k: v[0] for k, v in _records(register, activity_id).items()} == {
        "A": "active", "B": "archive", "C": "active", "D": "archive"}
    bad = _write(tmp_path / "bad_stage.csv", "id,stage,last_stay\nA,détruit,2020-01-01\n")
    with pytest.raises(InventoryError) as caught:
        _load(register, bad, activity_id)
    assert caught.value.code == "inventory.invalid_stage"
    assert caught.value.params["column"] == "stage" and caught.value.params["row"] == 2


def test_mapping_id_column_and_unknown_columns(register: Register, activity_id: int,
                                               tmp_path: Path) -> None:
    path = _write(tmp_path / "map.csv", """
        Service,IPP,Date de sortie,Naissance
        Cardio,P1,15/03/2005,10/05/1960
    """)
    result = _load(register, path, activity_id, id_column="IPP",
                   mapping={"last_stay": "Date de sortie", "birth": "Naissance"})
    assert result.events == ("last_stay", "birth")
    assert _records(register, activity_id)["P1"][:3] == ("active", "2005-03-15", "1960-05-10")
    with pytest.raises(InventoryError) as caught:
        _load(register, path, activity_id, mapping={"death": "Décès"})
    assert caught.value.code == "inventory.unknown_column"
    assert caught.value.params["column"] == "Décès" and caught.value.params["row"] == 1
    with pytest.raises(InventoryError) as caught:
        _load(register, path, activity_id, id_column="NIP")
    assert caught.value.code == "inventory.unknown_column"


def test_a_missing_required_event_is_refused(register: Register, activity_id: int,
                                             tmp_path: Path) -> None:
    path = _write(tmp_path / "need.csv", "id,last_stay,service\nP1,2020-01-01,Cardio\n")
    with pytest.raises(InventoryError) as caught:
        _load(register, path, activity_id, events=frozenset({"birth", "last_stay"}))
    assert caught.value.code == "inventory.missing_event"
    assert caught.value.params["events"] == ("birth",)
    # with the rule's events, other snake_case columns (service) are not events
    result = _load(register, path, activity_id, events=frozenset({"last_stay"}))
    assert result.events == ("last_stay",)


def test_an_xlsx_with_real_date_cells(register: Register, activity_id: int,
                                      tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Extraction"
    sheet.append(["ipp", "birth", "last_stay", "death"])
    sheet.append(["P1", date(1960, 5, 10), datetime(2005, 3, 15, 23, 30), None])
    sheet.append([12345, "29/02/2024", 45351, "2024-03-01"])  # 45351 = 2024-02-29
    path = tmp_path / "extract.xlsx"
    workbook.save(path)
    result = _load(register, path, activity_id)
    assert result.records == 2
    records = _records(register, activity_id)
    assert records["P1"] == ("active", "1960-05-10", "2005-03-15", None)
    assert records["12345"] == ("active", "2024-02-29", "2024-02-29", "2024-03-01")

    sheet.append(["P3", "31/02/2024", None, None])
    workbook.save(path)
    with pytest.raises(InventoryError) as caught:
        _load(register, path, activity_id)
    assert caught.value.params["sheet"] == "Extraction"
    assert caught.value.params["row"] == 4 and caught.value.params["column"] == "birth"
    assert set(_records(register, activity_id)) == {"P1", "12345"}


def test_a_text_file_named_xlsx_and_an_empty_file_are_refused(
        register: Register, activity_id: int, tmp_path: Path) -> None:
    fake = _write(tmp_path / "fake.xlsx", "id,last_stay\nA,2020-01-01\n")
    with pytest.raises(InventoryError) as caught:
        _load(register, fake, activity_id)
    assert caught.value.code == "inventory.not_a_workbook"
    assert caught.value.params["file"] == str(fake) and "fake.xlsx" in str(caught.value)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InventoryError) as caught:
        _load(register, empty, activity_id)
    assert caught.value.code == "inventory.empty"


def test_cancelling_rolls_back(register: Register, activity_id: int, tmp_path: Path) -> None:
    first = _write(tmp_path / "v1.csv", "id,last_stay\nA,2020-01-01\n")
    _load(register, first, activity_id)
    lines = ["id,last_stay"] + [f"P{n},2024-01-01" for n in range(25_000)]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: list[int] = []
    spec = InventorySpec(activity_id=activity_id, category="health")
    with pytest.raises(InventoryError) as caught:
        load_inventory(register.engine, path, spec, actor="dpo", progress=seen.append,
                       cancelled=lambda: len(seen) >= 2)
    assert caught.value.code == "inventory.cancelled"
    assert seen == [10_000, 20_000]
    assert set(_records(register, activity_id)) == {"A"}


KILLED_LOAD = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from storage.inventory import InventorySpec, load_inventory
from storage.register import open_register
register = open_register({db!r}, actor="dpo")
spec = InventorySpec(activity_id={activity}, category="health")
def progress(rows):
    print(rows, flush=True)
load_inventory(register.engine, Path({csv!r}), spec, actor="dpo", progress=progress)
print("finished", flush=True)
"""


def test_a_load_killed_midway_leaves_the_previous_inventory(
        register: Register, activity_id: int, tmp_path: Path) -> None:
    previous = _write(tmp_path / "v1.csv", "id,last_stay\nA,2020-01-01\nB,2020-02-01\n")
    _load(register, previous, activity_id)
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("id,birth,last_stay\n")
        for n in range(400_000):
            out.write(f"P{(n * 7919) % 400_000:07d},1960-01-01,2024-01-{1 + n % 28:02d}\n")
    script = KILLED_LOAD.format(root=str(ROOT), db=register.location, activity=activity_id,
                                csv=str(path))
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                          text=True) as process:
        assert process.stdout is not None
        try:
            line = process.stdout.readline()
            assert line.strip().isdigit(), line  # a batch has been inserted
            process.send_signal(signal.SIGKILL)
        finally:
            process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    register.engine.dispose()
    if register.url.get_backend_name() == "sqlite":
        with sqlite3.connect(register.location) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    with register.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM inventory_record").one() == (2,)
    assert "uq_inventory_record_id" in _indexes(register)
    assert _records(register, activity_id) == {"A": ("active", "2020-01-01", None, None),
                                               "B": ("active", "2020-02-01", None, None)}
    assert register.verify_audit() == []
