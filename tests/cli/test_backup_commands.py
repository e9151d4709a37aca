"""registre backup list|restore, the one-instance rule of the command line, damaged files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storage.backup import make_backup
from tests.cli.conftest import Run

ROOT = Path(__file__).resolve().parents[2]


def _register(run: Run, db: Path, *refs: str) -> None:
    for ref in refs:
        assert run("--db", str(db), "activities", "add", "--ref", ref, "--name", ref).code == 0


@contextmanager
def _window_open(db: Path) -> Iterator[int]:
    """Another process with the register open in a window."""
    script = ("import sys\nfrom storage.register import open_register\n"
              "r = open_register(sys.argv[1], kind='window')\nprint('open', flush=True)\n"
              "sys.stdin.read()\nr.close()\n")
    with subprocess.Popen([sys.executable, "-c", script, str(db)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}) as other:
        assert other.stdout is not None and other.stdout.readline() == "open\n"
        try:
            yield other.pid
        finally:
            other.communicate("", timeout=30)


def test_backup_list_says_date_size_and_reason(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    empty = run("--db", str(db), "backup", "list")
    assert empty.code == 0 and "Aucune sauvegarde" in empty.out
    _register(run, db, "A")
    yesterday = time.time() - 86_400
    os.utime(db, (yesterday, yesterday))
    assert run("--db", str(db), "activities").code == 0  # first open of the day
    listed = run("--db", str(db), "backup", "list")
    assert listed.code == 0, listed.err
    header, row = listed.out.splitlines()
    assert header.split() == ["date", "taille", "raison", "nom"]
    assert "quotidienne" in row and "Kio" in row and row.endswith("-daily")
    english = run("--db", str(db), "--lang", "en", "backup", "list", "--json")
    (entry,) = json.loads(english.out)
    assert entry["reason"] == "daily" and entry["size"] > 0 and entry["name"] in row


def test_backup_restore_latest_and_by_name(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    _register(run, db, "A")
    first = make_backup(db, "manual")
    _register(run, db, "B")
    restored = run("--db", str(db), "backup", "restore", "--latest")
    assert restored.code == 0, restored.err
    assert first.name in restored.out and "revenir en arrière" in restored.out
    assert run("--db", str(db), "activities", "--json").out.count('"ref"') == 1
    undo = restored.out.split("registre backup restore ")[1].split(" ")[0]
    again = run("--db", str(db), "backup", "restore", undo)
    assert again.code == 0, again.err
    refs = [a["ref"] for a in json.loads(run("--db", str(db), "activities", "--json").out)]
    assert sorted(refs) == ["A", "B"]


def test_backup_restore_refusals_are_one_line(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    _register(run, db, "A")
    neither = run("--db", str(db), "backup", "restore")
    assert neither.code == 2 and "--latest" in neither.err
    none = run("--db", str(db), "backup", "restore", "--latest")
    assert none.code == 2 and none.err.count("\n") == 1 and "Aucune sauvegarde" in none.err
    missing = run("--db", str(db), "backup", "restore", "registre.db.backup-x")
    assert missing.code == 2 and "registre backup list" in missing.err
    url = run("--db", "postgresql://dpo@localhost/registre", "backup", "list")
    assert url.code == 2 and "pg_dump" in url.err


def test_writing_commands_are_refused_while_a_window_has_the_register(
        run: Run, tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    _register(run, db, "A")
    make_backup(db, "manual")
    with _window_open(db) as pid:
        refused = run("--db", str(db), "activities", "add", "--ref", "B", "--name", "B")
        assert refused.code == 2 and refused.err.count("\n") == 1
        assert f"processus {pid}" in refused.err and "modification refusée" in refused.err
        restore = run("--db", str(db), "backup", "restore", "--latest")
        assert restore.code == 2 and f"processus {pid}" in restore.err
        dry = tmp_path / "r.csv"
        dry.write_text("Ref;Nom du traitement;Finalité\nC;Paie;Payer\n", encoding="utf-8")
        assert run("--db", str(db), "import", str(dry), "--dry-run").code == 0
        assert run("--db", str(db), "import", str(dry)).code == 2
        # reading proceeds
        listed = run("--db", str(db), "activities", "--json")
        assert listed.code == 0 and [a["ref"] for a in json.loads(listed.out)] == ["A"]
        assert run("--db", str(db), "audit", "verify").code == 0
        assert run("--db", str(db), "check", "--json").code in (0, 1)
    assert run("--db", str(db), "activities", "add", "--ref", "B", "--name", "B").code == 0


def test_a_damaged_register_is_refused_in_one_line(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    _register(run, db, *[f"A{n}" for n in range(20)])
    data = db.read_bytes()
    db.write_bytes(data[:100] + os.urandom(len(data) - 100))
    for command in (["activities"], ["audit", "verify"], ["check"]):
        result = run("--db", str(db), *command)
        assert result.code == 2 and result.err.count("\n") == 1, result.err
        assert "endommagé" in result.err and "registre backup restore" in result.err
    db.write_bytes(data[: len(data) // 3])
    truncated = run("--db", str(db), "--lang", "en", "activities")
    assert truncated.code == 2 and "is damaged" in truncated.err
