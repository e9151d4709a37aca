from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.register import Register, open_register


@pytest.fixture
def register(tmp_path: Path) -> Iterator[Register]:
    opened = open_register(str(tmp_path / "registre.db"), actor="dpo")
    yield opened
    opened.close()
