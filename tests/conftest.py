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
