"""Typed domain errors.

Every error a user may meet carries a stable ``code`` and its ``params``; only ``gui/``
turns them into translated words (see ``gui/messages.py``). ``str(error)`` is an English
sentence for logs and tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


class RegistreError(Exception):
    """Base of the errors a user can cause (bad input, unknown reference, conflict)."""

    code: str = "registre.error"

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params: Mapping[str, object] = MappingProxyType(dict(params))

    def __str__(self) -> str:
        return self.message


class CodedError(RegistreError):
    """A refusal whose stable code is given where it is raised: one class, many codes."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message, **params)
        self.code = code


class ValidationError(CodedError):
    """A value the register refuses (unknown code, empty name, bad date...)."""

    code = "register.invalid"


class NotFoundError(RegistreError):
    code = "register.not_found"

    def __init__(self, what: str, key: str) -> None:
        super().__init__(f"no {what} {key!r}", what=what, key=key)


class DuplicateError(RegistreError):
    code = "register.duplicate"

    def __init__(self, what: str, key: str) -> None:
        super().__init__(f"{what} {key!r} already exists", what=what, key=key)


class ConflictError(RegistreError):
    """Someone else changed the same object since it was read (optimistic locking)."""

    code = "register.conflict"

    def __init__(self, what: str, key: str) -> None:
        super().__init__(
            f"{what} {key!r} was changed by someone else since it was opened", what=what, key=key
        )
