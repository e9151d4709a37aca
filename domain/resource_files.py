"""Reading the JSON files of ``resources/`` (vocabularies, templates) with clear errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.resources.abc import Traversable
from pathlib import Path


def read_json_list(path: Traversable | Path, key: str, version: int,
                   error: Callable[[str], Exception]) -> list[object]:
    """The non-empty list under ``key`` of a ``{"version": N, key: [...]}`` file.

    Any problem (unreadable, not JSON, wrong shape or version) raises ``error(message)``.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read the file ({exc})") from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    if not isinstance(document, dict):
        raise error("the file must hold a JSON object")
    if document.get("version") != version:
        raise error(f"unsupported version {document.get('version')!r} (expected {version})")
    items = document.get(key)
    if not isinstance(items, list) or not items:
        raise error(f"'{key}' must be a non-empty list")
    return items
