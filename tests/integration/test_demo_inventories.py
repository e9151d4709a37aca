"""The demo register's inventories and legal holds: a first check shows every status."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from domain.check import Status
from gui.cli import main
from storage.check import CheckResult, run_check, run_reference_check
from storage.demo import write_demo
from storage.demo_inventories import demo_content
from storage.register import Register, open_register

TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Register]]:
    path = tmp_path_factory.mktemp("demo") / "valmont.db"
    write_demo(path, TODAY)
    register = open_register(str(path))
    yield path, register
    register.close()


@pytest.fixture(scope="module")
def checked(demo: tuple[Path, Register]) -> CheckResult:
    result, _ = run_check(demo[1].engine, TODAY)
    return result


def test_a_first_check_shows_every_status(checked: CheckResult) -> None:
    totals = checked.totals
    for status in (Status.OVERDUE, Status.DUE_SOON, Status.ARCHIVE_DUE, Status.ON_HOLD,
                   Status.UNDETERMINED, Status.OK):
        assert totals[status] > 0, status
    assert 30_000 <= sum(totals.values()) <= 60_000


def test_the_cctv_recordings_are_kept_too_long(checked: CheckResult) -> None:
    cctv = [g for g in checked.groups if g.activity == "SEC-01"]
    assert cctv
    assert sum(g.counts[Status.OVERDUE] for g in cctv) > 0


def test_the_holds_are_stored_and_counted(demo: tuple[Path, Register],
                                          checked: CheckResult) -> None:
    with demo[1].engine.connect() as connection:
        holds = connection.exec_driver_sql(
            "SELECT a.ref, h.category, h.ends_on, count(r.id) FROM legal_hold h "
            "JOIN activity a ON a.id = h.activity_id "
            "LEFT JOIN legal_hold_record r ON r.hold_id = h.id GROUP BY h.id ORDER BY h.id"
        ).all()
    assert [(ref, category, ends is None, records > 0) for ref, category, ends, records in holds] \
        == [("SOIN-01", "health", True, True), ("SEC-01", "location", False, True),
            ("FIN-01", "financial", False, False)]
    medical = next(g for g in checked.groups if (g.activity, g.category) == ("SOIN-01", "health"))
    assert medical.counts[Status.ON_HOLD] == holds[0][3]


def test_the_fast_check_equals_the_reference(demo: tuple[Path, Register],
                                             checked: CheckResult) -> None:
    reference, _ = run_reference_check(demo[1].engine, TODAY)
    assert checked.as_json() == reference.as_json()


def test_the_command_line_check_finds_overdue_records(demo: tuple[Path, Register],
                                                      checked: CheckResult) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(demo[0]), "check", "--json"], today=TODAY, stdout=out, stderr=err)
    assert code == 1, err.getvalue()
    # and no rule differs from the library: the demo's rules are its current version
    assert json.loads(out.getvalue()) == {**checked.as_json(), "library_updates": []}
    verify = main(["--db", str(demo[0]), "audit", "verify"], today=TODAY,
                  stdout=io.StringIO(), stderr=io.StringIO())
    assert verify == 0


def test_the_synthetic_records_are_deterministic_and_consistent() -> None:
    content = demo_content(TODAY)
    assert demo_content(TODAY).inventories == content.inventories
    for inventory in content.inventories:
        ids = [row[0] for row in inventory.rows]
        assert len(set(ids)) == len(ids), inventory.file_name
    medical = next(i for i in content.inventories if i.activity == "SOIN-01")
    columns = {name: index for index, name in enumerate(medical.header)}
    for row in medical.rows:
        birth, stay, death = (row[columns[c]] for c in ("birth", "last_stay", "death"))
        assert stay <= TODAY.isoformat()
        assert not birth or birth <= stay
        assert not death or (stay <= death <= TODAY.isoformat())
    assert any(not row[columns["birth"]] for row in medical.rows)  # undetermined ones
    assert any(row[columns["death"]] for row in medical.rows)
