"""What the screenshot scripts share: the demo register in a scratch folder, a window on it
with settings of its own, and waiting for the window's events and background work.

Imported by docs/screenshots*.py (run as scripts: this folder is on their path).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from gui.main_window import MainWindow
from gui.settings import Settings
from storage.demo import write_demo
from storage.register import Register, open_register


def demo_register(today: date, actor: str | None = None) -> tuple[Path, Register]:
    """A scratch folder and the demo register written in it as of ``today``."""
    folder = Path(tempfile.mkdtemp(prefix="registre-shots-"))
    db = folder / "demo-registre.db"
    write_demo(db, today)
    register = open_register(str(db)) if actor is None else open_register(str(db), actor=actor)
    return folder, register


def demo_window(register: Register, folder: Path, today: date,
                settings_name: str = "settings.ini") -> MainWindow:
    """A French window on ``register`` whose settings live in ``folder``, not the user's."""
    settings = Settings(QSettings(str(folder / settings_name), QSettings.Format.IniFormat))
    return MainWindow(register, "fr", today=today, settings=settings)


def settle(app: QApplication) -> None:
    """Let queued events (layouts, repaints, signals from other threads) run."""
    for _ in range(5):
        app.processEvents()


def wait(app: QApplication, done: Callable[[], bool], seconds: float = 60) -> None:
    """Process events until ``done()`` (work off the GUI thread), at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit(f"a screen did not finish its work within {seconds:.0f} s")
        app.processEvents()
        time.sleep(0.01)
