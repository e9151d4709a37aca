"""The retention commands as DESIGN.md documents them: every case of retention-rules.md
section (d) through `registre rules eval`, and a whole review through rules set,
inventory import, holds add and check."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from domain.templates import FORCES
from tests.cli.conftest import Run
from tests.unit.test_rules_dates import D1
from tests.unit.test_rules_scenarios import D5, R1112_7, R1112_7_DESIGN


@pytest.mark.parametrize(("case", "text", "anchor", "expected"), D1, ids=[c[0] for c in D1])
def test_d1_through_the_command_line(run: Run, case: str, text: str, anchor: dt.date,
                                     expected: dt.date) -> None:
    event = text.split("(")[-1].split()[0].strip(")")
    result = run("rules", "eval", text, "--set", f"{event}={anchor:%d/%m/%Y}")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == expected.isoformat(), case


@pytest.mark.parametrize("rule", [R1112_7, R1112_7_DESIGN])
@pytest.mark.parametrize(("case", "birth", "stay", "death", "expected"), D5,
                         ids=[c[0] for c in D5])
def test_d5_r1112_7_scenarios(run: Run, rule: str, case: str, birth: dt.date, stay: dt.date,
                              death: dt.date | None, expected: dt.date) -> None:
    args = ["rules", "eval", rule, "--set", f"birth={birth}", "--set", f"last_stay={stay}"]
    if death:
        args += ["--set", f"death={death}"]
    assert run(*args).out.splitlines()[0] == expected.isoformat(), case


@pytest.mark.parametrize(("suspensions", "expected"), [
    (["2019-01-10..2021-06-30"], "2027-09-03"),  # F: 902 days
    (["2019-01-10..2021-06-30", "01/05/2020..31/01/2022"], "2028-04-05"),  # S2: merged
])
def test_d5_suspensions(run: Run, suspensions: list[str], expected: str) -> None:
    args = ["rules", "eval", R1112_7, "--set", "birth=1960-05-10", "--set",
            "last_stay=2005-03-15"]
    for span in suspensions:
        args += ["--suspend", span]
    assert run(*args).out.splitlines()[0] == expected


def test_d2_forward_not_backward(run: Run) -> None:
    out = run("rules", "eval", "x + 1 month", "--set", "x=2019-02-28").out
    assert out.splitlines()[0] == "2019-03-28"  # overdue on 2019-03-31 (B1)


def test_missing_events_are_named(run: Run) -> None:
    result = run("rules", "eval", R1112_7, "--set", "last_stay=2005-03-15")
    assert result.code == 0
    assert result.out.splitlines()[0] == "undetermined: birth"
    result = run("rules", "eval", "max(a + 1 year, b + 2 years)")
    assert result.out.splitlines()[0] == "undetermined: a, b"


@pytest.mark.parametrize(("text", "words"), [
    ("last_stay + 20 yers", ["yers", "15"]),
    ("max(last_stay + 20 years", ["24"]),
    ("last_stay + 20 years +", ["22"]),
    ("maxi(a + 1 year, b)", ["maxi", "0"]),
    ("", []),
])
def test_syntax_errors_exit_2_with_the_position(run: Run, text: str, words: list[str]) -> None:
    result = run("--lang", "en", "rules", "eval", text)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    for word in words:
        assert word in result.err


@pytest.mark.parametrize("value", ["31/02/2024", "2024-13-01", "hier"])
def test_a_bad_date_exits_2(run: Run, value: str) -> None:
    result = run("rules", "eval", "x + 1 year", "--set", f"x={value}")
    assert result.code == 2
    assert value in result.err


def test_rules_list_is_the_template_library(run: Run) -> None:
    rows = json.loads(run("rules", "list", "--json").out)
    assert len(rows) >= 30
    ids = {r["id"] for r in rows}
    assert {"SANTE-DM-01", "SANTE-TRANSF-01", "GEN-VIDEO-01", "GEN-RH-01"} <= ids
    for row in rows:
        assert row["expression"] and row["legal_reference"] and row["title"]


def _write(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as stream:
        csv.writer(stream, delimiter=";").writerows(rows)
    return path


def test_a_quarterly_review_from_the_command_line(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    assert run("--db", db, "activities", "add", "--ref", "SEC-01", "--name",
               "Vidéoprotection", "--legal-basis", "A6-1-e").code == 0
    assert run("--db", db, "rules", "set", "--activity", "SEC-01", "--category", "identity",
               "--template", "GEN-VIDEO-01").code == 0
    inventory = _write(tmp_path / "camera.csv", [
        ["enregistrement", "recording"],
        ["CAM-1", "2026-10-01"],        # 2026-11-01: overdue
        ["CAM-2", "15/11/2026"],        # due soon
        ["CAM-3", "2026-11-28T23:30:00Z"],  # Paris 2026-11-29: due soon
        ["CAM-4", ""],                  # undetermined
        ["CAM-5", "2026-10-20"],        # on hold
    ], encoding="cp1252")
    loaded = run("--db", db, "inventory", "import", str(inventory), "--activity", "SEC-01",
                 "--category", "identity", "--id-column", "enregistrement")
    assert loaded.code == 0, loaded.err
    assert run("--db", db, "holds", "add", "--activity", "SEC-01", "--record", "CAM-5",
               "--from", "2026-11-01", "--reason", "Réquisition judiciaire").code == 0
    records = tmp_path / "a-traiter.csv"
    checked = run("--db", db, "check", "--as-of", "29/11/2026", "--json", "--records",
                  str(records))
    assert checked.code == 1  # overdue records found
    data = json.loads(checked.out)
    assert data["as_of"] == "2026-11-29" and data["horizon_days"] == 92
    assert data["totals"] == {"overdue": 1, "due_soon": 2, "archive_due": 0, "on_hold": 1,
                              "undetermined": 1, "ok": 0}
    (group,) = data["groups"]
    assert group["activity"] == "SEC-01" and group["category"] == "identity"
    assert group["oldest_deadline"] == "2026-11-01"
    with records.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == ["activity", "category", "record_id", "status", "deadline",
                             "days_overdue"]
    by_id = {r["record_id"]: r for r in rows}
    assert by_id["CAM-1"]["status"] == "overdue" and by_id["CAM-1"]["days_overdue"] == "28"
    assert by_id["CAM-3"]["deadline"] == "2026-12-29"
    assert set(by_id) == {"CAM-1", "CAM-2", "CAM-3", "CAM-4", "CAM-5"}
    # Nothing overdue a month earlier: exit 0.
    assert run("--db", db, "check", "--as-of", "2026-10-15").code == 0
    assert run("--db", db, "audit", "verify").code == 0


def test_an_inventory_with_a_bad_date_changes_nothing(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    run("--db", db, "activities", "add", "--ref", "SEC-01", "--name", "Vidéo")
    run("--db", db, "rules", "set", "--activity", "SEC-01", "--category", "identity",
        "--delete-after", "recording + 1 month")
    good = _write(tmp_path / "good.csv", [["id", "recording"], ["A", "2026-10-01"]])
    assert run("--db", db, "inventory", "import", str(good), "--activity", "SEC-01",
               "--category", "identity").code == 0
    bad = _write(tmp_path / "bad.csv", [["id", "recording"], ["B", "2026-10-01"],
                                        ["C", "31/02/2026"]])
    refused = run("--db", db, "inventory", "import", str(bad), "--activity", "SEC-01",
                  "--category", "identity")
    assert refused.code == 2
    assert "bad.csv" in refused.err and "3" in refused.err and "recording" in refused.err
    result = json.loads(run("--db", db, "check", "--as-of", "2026-11-29", "--json").out)
    assert result["totals"]["overdue"] == 1  # the first inventory, intact


def test_rules_set_refuses_a_bad_expression(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    run("--db", db, "activities", "add", "--ref", "RH-01", "--name", "Paie")
    result = run("--db", db, "rules", "set", "--activity", "RH-01", "--category",
                 "financial", "--delete-after", "payment_date + 5 yers")
    assert result.code == 2 and "yers" in result.err
    shown = json.loads(run("--db", db, "activities", "show", "RH-01", "--json").out)
    assert shown["data_categories"] == []


# --- the library's force, sources and version; timestamps for events (issue 14, item 4) ---


def test_rules_list_json_carries_force_sources_and_version(run: Run) -> None:
    result = run("rules", "list", "--json")
    assert result.code == 0 and result.err == ""
    rows = {r["id"]: r for r in json.loads(result.out)}
    for row in rows.values():
        assert isinstance(row["version"], int) and row["version"] >= 1
        assert row["force"] in FORCES and row["force_label"]
        assert row["sources"] and all(s.startswith("http") for s in row["sources"])
        assert isinstance(row["warning"], bool)
        assert bool(row["changes"]) is (row["version"] > 1)
    payroll = rows["GEN-RH-08"]
    assert payroll["version"] == 2 and payroll["force"] == "LOI"
    assert payroll["expression"] == "document_date + 6 years"
    assert "L102 B" in payroll["changes"] and "six ans" in payroll["changes"]
    assert payroll["sources"] == ["https://legal.tricoteuses.fr/articles/LEGIARTI000053189496"]
    assert rows["SANTE-LBM-01"]["force"] == "PRATIQUE"
    assert rows["SANTE-TISSUS-01"]["warning"] is True
    assert rows["GEN-VIDEO-01"]["version"] == 1 and rows["GEN-VIDEO-01"]["changes"] == ""
    assert rows["GEN-VIDEO-01"]["final_action"] == "delete"
    assert rows["GEN-VIDEO-01"]["final_action_public"] == "eliminate_with_visa"


def test_rules_list_speaks_the_chosen_language(run: Run) -> None:
    rows = {r["id"]: r for r in json.loads(run("--lang", "en", "rules", "list", "--json").out)}
    assert "six years" in rows["GEN-RH-08"]["changes"]
    assert rows["SANTE-LBM-01"]["force_label"].startswith("Professional practice")
    text = run("--lang", "en", "rules", "list").out
    block = text.split("GEN-RH-08", 1)[1].split("\nGEN-", 1)[0]
    assert "(version 2)" in block and "corrected: " in block
    assert "force: Binding text" in block
    assert "check before use" in text.split("SANTE-TISSUS-01", 1)[1].split("\nSANTE-", 1)[0]


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-03-31T22:30:00Z", "2044-04-01"),       # 00:30 summer time in Paris: 1 April
    ("2024-01-31T23:30:00Z", "2044-02-01"),       # 00:30 winter time in Paris
    ("2024-03-31T23:30:00+02:00", "2044-03-31"),  # already Paris time
    ("2024-03-31 23:30", "2044-03-31"),           # a local time, no zone: Paris
    ("31/03/2024 23:30", "2044-03-31"),
    ("2024-03-31", "2044-03-31"),
])
def test_eval_takes_a_timestamp_as_a_paris_date(run: Run, value: str, expected: str) -> None:
    result = run("rules", "eval", "last_stay + 20 years", "--set", f"last_stay={value}")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == expected


def test_eval_a_template_with_a_timestamp(run: Run) -> None:
    # SANTE-PMSI-01: access traces six rolling months; the trace of 2024-08-31T22:10:00Z is
    # 1 September in Paris: 2025-03-01 (from 31 August it would be 2025-02-28).
    result = run("rules", "eval", "access + 6 months", "--set", "access=2024-08-31T22:10:00Z")
    assert result.out.splitlines()[0] == "2025-03-01"


@pytest.mark.parametrize("value", ["2024-03-31T25:00:00Z", "2024-03-31T22:30:00+99:00",
                                   "31/03/24", "demain"])
def test_eval_a_bad_timestamp_exits_2_with_one_line(run: Run, value: str) -> None:
    result = run("--lang", "en", "rules", "eval", "last_stay + 1 year", "--set",
                 f"last_stay={value}")
    assert result.code == 2
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert "last_stay" in lines[0] and value in lines[0] and "not a date" in lines[0]


def test_rules_set_from_a_template_takes_the_public_action_by_default(
        run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    assert run("--db", db, "activities", "add", "--ref", "SEC-01", "--name", "Vidéo").code == 0
    assert run("--db", db, "rules", "set", "--activity", "SEC-01", "--category", "identity",
               "--template", "GEN-VIDEO-01").code == 0
    shown = json.loads(run("--db", db, "activities", "show", "SEC-01", "--json").out)
    (category,) = shown["data_categories"]
    assert category["retention"]["final_action"] == "eliminate_with_visa"
    assert run("--db", db, "rules", "set", "--activity", "SEC-01", "--category", "identity",
               "--template", "GEN-VIDEO-01", "--final-action", "delete").code == 0
    shown = json.loads(run("--db", db, "activities", "show", "SEC-01", "--json").out)
    assert shown["data_categories"][0]["retention"]["final_action"] == "delete"
