"""Activities and entities to and from plain JSON-able dicts.

One shape for the command line's ``--json``, the demo register and our own export. Dates
are ISO strings; enums their stable codes; missing keys take the model's defaults, unknown
keys are refused (a typo in a demo or an import must not vanish silently).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from domain.errors import ValidationError
from domain.model import Entity, ProcessingActivity

T = TypeVar("T")


def to_dict(value: object) -> dict[str, Any]:
    """A model dataclass as a JSON-able dict (dates ISO, enums as codes, tuples as lists)."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        raise TypeError(f"not a dataclass instance: {value!r}")
    return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}


def _plain(value: object) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_dict(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _convert(tp: Any, value: Any, path: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _convert(args[0], value, path)
    if origin is tuple:
        (item_type, _ellipsis) = typing.get_args(tp)
        if not isinstance(value, list | tuple):
            raise ValidationError("json.type", f"{path}: expected a list", field=path)
        return tuple(_convert(item_type, v, f"{path}[{i}]") for i, v in enumerate(value))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, Mapping):
            raise ValidationError("json.type", f"{path}: expected an object", field=path)
        return from_dict(tp, value, path)
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in tp)
            raise ValidationError(
                "code.unknown", f"{path}: unknown code {value!r} (expected one of {allowed})",
                field=path, value=value, allowed=allowed,
            ) from None
    if tp is date:
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(
                "date.invalid", f"{path}: not a date: {value!r}", field=path, value=value
            ) from None
    if tp is bool:
        if not isinstance(value, bool):
            raise _wrong_type(path, "true or false", value)
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _wrong_type(path, "a whole number", value)
        return value
    if tp is str:
        if value is None:
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise _wrong_type(path, "a text", value)
        return str(value)
    return value


def _wrong_type(path: str, expected: str, value: object) -> ValidationError:
    return ValidationError(
        "json.type", f"{path}: expected {expected}, got {value!r}", field=path, value=repr(value),
        expected=expected,
    )


def from_dict(cls: type[T], data: Mapping[str, Any], path: str = "") -> T:
    """Build dataclass ``cls`` from ``data``, converting nested values by their type hints."""
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"not a dataclass: {cls!r}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        where = f"{path}." if path else ""
        raise ValidationError(
            "json.unknown_field", f"unknown field {where}{unknown[0]}", field=f"{where}{unknown[0]}"
        )
    where = f"{path}." if path else ""
    required = [
        f.name for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    for name in required:
        if name not in data:
            raise ValidationError(
                "json.missing_field", f"missing field {where}{name}", field=f"{where}{name}"
            )
    kwargs = {
        name: _convert(hints[name], value, f"{where}{name}") for name, value in data.items()
    }
    return cls(**kwargs)


def activity_from_dict(data: Mapping[str, Any]) -> ProcessingActivity:
    return from_dict(ProcessingActivity, data)


def entity_from_dict(data: Mapping[str, Any]) -> Entity:
    return from_dict(Entity, data)
