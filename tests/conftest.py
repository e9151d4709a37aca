"""Test-wide isolation: no display, no user files, no stray register location."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt must not look for a display (pytest-qt aborts without one): set before Qt starts.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.delenv("REGISTRE_DB", raising=False)
    monkeypatch.setenv("REGISTRE_LANG", "fr")
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))


# Markers that really select (`pytest -m "not slow and not postgres"`, `make check`): given
# here from what a test needs, so that no test has to remember to carry them.
SLOW_MODULES = frozenset({
    "test_kill.py",  # kills loads of 1.5 million rows
    "test_fuzz_import.py",  # hypothesis over hostile files, children with memory ceilings
    "test_export_libreoffice.py",  # LibreOffice headless
    "test_backup_integrity.py",  # a 100,000-entry audit chain
})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.fspath))
        if "gui" in path.parts:
            item.add_marker(pytest.mark.gui)
        if path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        names = getattr(item, "fixturenames", ())
        callspec = getattr(item, "callspec", None)
        on_postgres = callspec is not None and callspec.params.get("backend") == "postgresql"
        if on_postgres or "postgres_server" in names or "postgres_url" in names:
            item.add_marker(pytest.mark.postgres)
