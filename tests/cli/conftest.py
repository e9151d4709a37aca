from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest

from gui.cli import main

TODAY = date(2026, 11, 29)


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Run the command line in-process, as a user would type it."""

    def _run(*argv: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        code = main(list(argv), today=TODAY, stdout=out, stderr=err)
        return Result(code, out.getvalue(), err.getvalue())

    return _run
