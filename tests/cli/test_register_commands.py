"""The command line of the register, as DESIGN.md documents it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Run


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def test_add_then_list_as_json(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    added = run("--db", db, "activities", "add", "--ref", "RH-01", "--name", "Paie des agents",
                "--purpose", "Payer les agents", "--legal-basis", "A6-1-b",
                "--legal-basis", "A6-1-c")
    assert (added.code, added.out.strip(), added.err) == (0, "RH-01", "")
    listed = run("--db", db, "activities", "--json")
    assert listed.code == 0
    (row,) = json.loads(listed.out)
    assert {k: row[k] for k in ("ref", "name", "role", "legal_bases", "status")} == {
        "ref": "RH-01", "name": "Paie des agents", "role": "controller",
        "legal_bases": ["A6-1-b", "A6-1-c"], "status": "draft",
    }
    assert 0 <= row["completeness"] < 100


def test_text_listing_speaks_french_then_english(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    run("--db", db, "activities", "add", "--ref", "RH-01", "--name", "Paie")
    french = run("--db", db, "activities").out
    english = run("--db", db, "--lang", "en", "activities").out
    assert "Brouillon" in french and "complétude" in french
    assert "Draft" in english and "completeness" in english


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--legal-basis", "A6-1-z"], "A6-1-z"),
        (["--role", "owner"], "owner"),
    ],
)
def test_refused_input_exits_2_with_one_line_and_changes_nothing(
    run: Run, tmp_path: Path, args: list[str], words: str
) -> None:
    db = tmp_path / "r.db"
    run("--db", str(db), "activities", "add", "--ref", "RH-01", "--name", "Paie")
    before = _rows(db, "SELECT * FROM audit_entry")
    refused = run("--db", str(db), "activities", "add", "--ref", "RH-02", "--name", "X", *args)
    assert refused.code == 2
    assert refused.out == ""
    assert len(refused.err.strip().splitlines()) == 1
    assert words in refused.err
    assert "Traceback" not in refused.err
    assert _rows(db, "SELECT ref FROM activity") == [("RH-01",)]
    assert _rows(db, "SELECT * FROM audit_entry") == before


def test_a_duplicate_reference_exits_2_and_names_it(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    run("--db", str(db), "activities", "add", "--ref", "RH-01", "--name", "Paie")
    refused = run("--db", str(db), "--lang", "en", "activities", "add", "--ref", "RH-01",
                  "--name", "Autre")
    assert refused.code == 2
    assert refused.err.strip() == "registre: Activity 'RH-01' already exists"
    assert _rows(db, "SELECT name FROM activity") == [("Paie",)]


def test_show_an_unknown_reference_exits_2(run: Run, tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "r.db"), "activities", "show", "NOPE")
    assert result.code == 2
    assert "NOPE" in result.err


def test_show_json_has_everything_and_the_findings(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    run("--db", db, "activities", "add", "--ref", "RH-01", "--name", "Paie")
    shown = run("--db", db, "activities", "show", "RH-01", "--json")
    data = json.loads(shown.out)
    assert data["ref"] == "RH-01"
    assert data["entity"] == "Mon établissement"
    assert {"purpose", "legal_bases", "data_categories", "recipients", "transfers",
            "security_measures", "dpia"} <= set(data)
    codes = {f["code"] for f in data["completeness"]["findings"]}
    assert {"no_purpose", "no_legal_basis", "no_data_categories"} <= codes


def test_usage_errors_exit_2_with_one_line(run: Run) -> None:
    for argv in (["bogus"], ["activities", "add", "--ref", "X"], ["audit"]):
        result = run(*argv)
        assert result.code == 2, argv
        assert len(result.err.strip().splitlines()) == 1, result.err


def test_audit_verify_exits_1_and_names_the_tampered_entry(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    run("--db", str(db), "activities", "add", "--ref", "RH-01", "--name", "Paie")
    ok = run("--db", str(db), "audit", "verify")
    assert ok.code == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE audit_entry SET actor = 'quelqu''un' WHERE id = 2")
    tampered = run("--db", str(db), "--lang", "en", "audit", "verify")
    assert tampered.code == 1
    assert "Entry 2: altered" in tampered.out


def test_a_register_that_is_not_one_exits_2(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "registre.xlsx"
    path.write_text("pas une base", encoding="utf-8")
    result = run("--db", str(path), "activities")
    assert result.code == 2
    assert "registre.xlsx" in result.err
    assert path.read_text(encoding="utf-8") == "pas une base"


def test_the_register_location_comes_from_the_environment(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("REGISTRE_DB", str(db))
    assert run("activities", "add", "--ref", "RH-01", "--name", "Paie").code == 0
    assert _rows(db, "SELECT ref FROM activity") == [("RH-01",)]


def test_the_command_line_never_loads_qt(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    script = (
        "import sys\n"
        "from gui.cli import main\n"
        f"main(['--db', {str(db)!r}, 'activities', 'add', '--ref', 'A', '--name', 'B'])\n"
        f"main(['--db', {str(db)!r}, 'activities', '--json'])\n"
        f"main(['--db', {str(db)!r}, 'audit', 'verify'])\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print('QT', loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "QT []" in done.stdout


def test_version_answers_without_opening_anything(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c",
         "import sys\nfrom gui.cli import main\ncode = main(['--version'])\n"
         "print(code, sorted(m for m in sys.modules if m.split('.')[0] in "
         "('PySide6', 'sqlalchemy', 'sqlmodel', 'alembic')))"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert done.stdout.startswith("registre ")
    assert done.stdout.strip().endswith("0 []")


def test_the_demo_register_lists_its_activities(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    written = run("--db", db, "demo", db)
    assert written.code == 0, written.err
    listed = json.loads(run("--db", db, "activities", "--json").out)
    assert len(listed) >= 28
    assert {row["entity"] for row in listed} == {"Centre hospitalier de Valmont"}
    assert {row["role"] for row in listed} == {"controller", "processor", "joint"}
    assert {row["status"] for row in listed} == {"validated", "draft"}
    assert run("--db", db, "audit", "verify").code == 0
    assert not list(tmp_path.glob(".x.db.*"))  # no temporary file left behind


def test_the_demo_never_overwrites_a_register_in_use(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    run("--db", str(db), "activities", "add", "--ref", "RH-01", "--name", "Paie")
    refused = run("demo", str(db))
    assert refused.code == 2
    assert "x.db" in refused.err
    assert _rows(db, "SELECT ref FROM activity") == [("RH-01",)]


def test_a_refused_first_activity_leaves_the_new_register_empty(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    refused = run("--db", str(db), "activities", "add", "--ref", "RH-01", "--name", "Paie",
                  "--legal-basis", "A6-1-z")
    assert refused.code == 2
    assert _rows(db, "SELECT count(*) FROM entity") == [(0,)]
    assert _rows(db, "SELECT count(*) FROM audit_entry") == [(0,)]


def test_a_database_url_without_its_driver_is_said_plainly(run: Run) -> None:
    result = run("--db", "mysql://dpo@localhost/registre", "activities")
    assert result.code == 2
    assert "mysql" in result.err and "Traceback" not in result.err
