"""The demo register: the fictional "Centre hospitalier de Valmont".

Its content is ``resources/demo/valmont.json``, plus synthetic inventories of records and
legal holds (``storage.demo_inventories``) dated relative to the day it is written; it is
written through the same services and loaders as a user's edits and files (so it is
validated and audited), into a temporary file that then replaces the target: a killed
process never leaves half a demo.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from domain import services
from domain.errors import RegistreError
from domain.model import Entity, ProcessingActivity, Status
from domain.serialization import activity_from_dict, entity_from_dict
from domain.templates import load_templates
from storage.demo_inventories import load_demo_inventories
from storage.register import StorageError, open_register


def demo_data() -> tuple[Entity, list[ProcessingActivity]]:
    raw: dict[str, Any] = json.loads(
        (files("resources") / "demo" / "valmont.json").read_text(encoding="utf-8")
    )
    entity = entity_from_dict(raw["entity"])
    activities = [_current_versions(a, activity_from_dict({**a, "entity_id": 0}))
                  for a in raw["activities"]]
    return entity, activities


def _current_versions(raw: dict[str, Any], activity: ProcessingActivity) -> ProcessingActivity:
    """The demo's rules are set from the library as it ships: each records its template's
    current version, unless the file gives one (a demo rule left on an older version)."""
    library = load_templates()
    given = {c["code"] for c in raw.get("data_categories", [])
             if "template_version" in (c.get("retention") or {})}
    return dataclasses.replace(activity, data_categories=tuple(
        dataclasses.replace(use, retention=dataclasses.replace(
            use.retention, template_version=library[use.retention.template_id].version))
        if use.retention is not None and use.retention.template_id in library
        and use.code not in given else use
        for use in activity.data_categories))


def _refuse_if_in_use(path: Path) -> None:
    """A target that holds anything but an empty register is never overwritten."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        register = open_register(str(path))
    except StorageError as error:
        raise StorageError("storage.exists", f"{path} exists", path=str(path)) from error
    try:
        with register.uow() as uow:
            in_use = bool(uow.activities.list())
    finally:
        register.close()
    if in_use:
        raise StorageError("storage.exists", f"{path} already holds a register", path=str(path))


def _remove_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


@dataclass(frozen=True)
class DemoSummary:
    activities: int
    records: int


def write_demo(path: Path, today: date) -> DemoSummary:
    """Write the demo register, with its inventories and holds, to ``path``."""
    path = path.expanduser()
    if path.parent and not path.parent.exists():
        raise StorageError("storage.no_folder", f"no folder {path.parent}", path=str(path))
    _refuse_if_in_use(path)
    entity, activities = demo_data()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    _remove_sidecars(temporary)
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    try:
        register = open_register(str(temporary), actor="registre-demo")
        try:
            uow = register.uow()
            stored = services.add_entity(uow, entity)
            assert stored.id is not None  # just stored
            for activity in activities:
                services.add_activity(
                    uow, dataclasses.replace(activity, entity_id=stored.id), today
                )
                if activity.status is Status.VALIDATED:  # validated at its last review
                    services.validate(uow, stored.id, activity.ref,
                                      activity.last_reviewed_on or today)
            with tempfile.TemporaryDirectory(prefix="registre-demo-") as folder:
                records = load_demo_inventories(
                    register, stored.id, today, Path(folder),
                    datetime.now(UTC).isoformat(timespec="seconds"))
            with register.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            register.close()
        _remove_sidecars(path)
        os.replace(temporary, path)
    except (RegistreError, OSError):
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
    finally:
        _remove_sidecars(temporary)
    return DemoSummary(len(activities), records)
