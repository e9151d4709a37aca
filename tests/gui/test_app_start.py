"""Starting the window on a register another instance has open: the user is told who."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

import gui.app
from domain.errors import RegistreError
from storage.register import open_register

HOLDER = """
import sys, time
from storage.register import open_register
register = open_register(sys.argv[1], kind="window")
print("open", flush=True)
time.sleep(60)
"""


def test_a_register_open_elsewhere_is_announced(qtbot: object, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "registre.db"
    open_register(str(db)).close()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE,
                              text=True, env=env)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        shown: list[RegistreError] = []
        monkeypatch.setattr(gui.app, "show_error", lambda parent, error, lang: shown.append(error))
        monkeypatch.setattr(QApplication, "exec", lambda self: 0)
        assert gui.app.run(str(db), lang="en") == 0
    finally:
        holder.kill()
        holder.communicate()  # reaps it and closes its pipe
    (warning,) = shown
    assert warning.code == "storage.open_elsewhere"
    assert warning.params["pid"] == holder.pid
