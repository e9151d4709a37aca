from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from gui.settings import Settings
from gui.widgets import guard_wheel
from storage.demo import write_demo
from storage.register import Register, open_register


@pytest.fixture
def register(tmp_path: Path) -> Iterator[Register]:
    opened = open_register(str(tmp_path / "registre.db"), actor="dpo")
    yield opened
    opened.close()


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Register]:
    """The demo register as written on 2026-11-29 (the day the GUI tests take as today)."""
    write_demo(tmp_path / "demo.db", date(2026, 11, 29))
    opened = open_register(str(tmp_path / "demo.db"), actor="dpo")
    yield opened
    opened.close()


@pytest.fixture(autouse=True, scope="session")
def _wheel_guard(qapp: QApplication) -> None:
    """As gui.app.application does: the wheel moves a combo only when it has the focus."""
    guard_wheel(qapp)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    """QSettings built without a file (the window's default) land under tmp_path."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "registre.ini"), QSettings.Format.IniFormat))


@pytest.fixture(autouse=True)
def _no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """A dialog left in a test would block it: any unexpected one fails loudly."""
    shown: list[tuple[str, str]] = []

    def unexpected(*args: object, **kwargs: object) -> bool:
        raise AssertionError(f"unexpected dialog: {args!r}")

    monkeypatch.setattr("gui.dialogs.show_error", unexpected)
    monkeypatch.setattr("gui.dialogs.confirm", unexpected)
    monkeypatch.setattr("gui.dialogs.ask_save_changes", unexpected)
    return shown


@pytest.fixture(autouse=True)
def _no_crash_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(*args: object, **kwargs: object) -> str:
        raise AssertionError(f"unexpected crash dialog: {args!r}")

    monkeypatch.setattr("gui.crash.show_crash", unexpected)
    monkeypatch.setattr("gui.dialogs.ask_save_path", unexpected)
    monkeypatch.setattr("gui.dialogs.ask_duplicate", unexpected)


@pytest.fixture(autouse=True)
def _no_stray_threads() -> Iterator[None]:
    """Work a test started on the global thread pool ends with the test: a task left
    running would hold one of the pool's threads (two on a 2-core machine) and starve the
    window reads of the tests after it."""
    from PySide6.QtCore import QThreadPool

    yield
    pool = QThreadPool.globalInstance()
    assert pool.waitForDone(60_000), "a background task of this test never ended"
