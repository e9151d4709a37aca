"""Several processes writing to one SQLite register at once: every success is stored, and
the audit log's chain stays whole (SQLite's write lock serialises the appends)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from storage.register import open_register

WRITER = """
import sys
from gui.cli import main
db, writer = sys.argv[1], sys.argv[2]
for i in range(6):
    code = main(["--db", db, "activities", "add", "--ref", f"W{writer}-{i}", "--name", "x"])
    print(f"W{writer}-{i}" if code == 0 else f"failed {code}", flush=True)
"""


def test_eight_writers_at_once(tmp_path: Path) -> None:
    db = tmp_path / "groupe.db"
    open_register(str(db)).close()
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": root}
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(n)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env) for n in range(8)]
    reported = []
    for process in writers:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        reported += out.split()
    assert "failed" not in reported
    register = open_register(str(db))
    try:
        with register.uow() as uow:
            stored = {a.ref for a in uow.activities.list()}
        assert stored == set(reported) and len(stored) == 48
        assert register.verify_audit() == []
    finally:
        register.close()
