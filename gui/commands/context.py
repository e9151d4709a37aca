"""What every command needs: the register (opened on first use), the language, today's
date, the output streams, and one way to refuse input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from domain.errors import RegistreError
from gui.messages import Lang, describe

if TYPE_CHECKING:
    from storage.register import Register


class Failure(Exception):
    """Ends a command with ``message`` on stderr and ``exit_code``."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


@dataclass
class Context:
    location: str | None
    lang: str
    today: date
    out: TextIO
    err: TextIO
    now: datetime | None = None  # the moment of the command (breaches); None: the clock's
    _register: Register | None = field(default=None, repr=False)

    @property
    def language(self) -> Lang:
        return "en" if self.lang == "en" else "fr"

    def moment(self) -> datetime:
        """Now, aware: the moment given to ``main`` (tests), else the system clock's."""
        return self.now or datetime.now(UTC)

    def say(self, fr: str, en: str) -> str:
        return fr if self.language == "fr" else en

    def refusal(self, error: RegistreError) -> Failure:
        return Failure(describe(error, self.language), 2)

    @contextmanager
    def refusing(self) -> Iterator[None]:
        """Turn the domain's and storage's known errors into a one-line refusal."""
        try:
            yield
        except RegistreError as error:
            raise self.refusal(error) from error

    def register(self) -> Register:
        if self._register is None:
            from storage.register import open_register

            with self.refusing():
                self._register = open_register(self.location)
        return self._register

    def print(self, text: str = "") -> None:
        print(text, file=self.out)

    def print_json(self, value: Any) -> None:
        json.dump(value, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")

    def close(self) -> None:
        if self._register is not None:
            self._register.close()
            self._register = None

    def save_crash_report(self, details: str) -> Path:
        from platformdirs import user_log_path

        folder = user_log_path("Registre", appauthor=False, ensure_exists=True)
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}.txt"
        path.write_text(details, encoding="utf-8")
        return path
