"""The append-only, hash-chained audit log.

Each entry stores who (the OS user), when (UTC), which object, which field, the old and the
new value, the hash of the previous entry and its own hash over all of that. Editing any
stored entry breaks its own hash; deleting one breaks the next entry's link (and leaves a
gap in the ids, which are never reused). ``verify`` walks the chain and names the first
entry that does not hold.
"""

from __future__ import annotations

import dataclasses
import getpass
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.tables import AuditEntryRow

GENESIS = "0" * 64
# The key of PostgreSQL's advisory lock that serialises appends to the chain ("REGAUDIT").
AUDIT_LOCK = 0x5245474155444954


def current_actor() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers, services)
        return "unknown"


def _canonical(value: object) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def entry_hash(row: AuditEntryRow) -> str:
    payload = json.dumps(
        [row.prev_hash, row.at, row.actor, row.action, row.object_type, row.object_key,
         row.field, row.old_value, row.new_value],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def flatten(obj: object) -> dict[str, Any]:
    """A dataclass as {field: plain JSON-able value}, the unit of an audit entry."""
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        raise TypeError(f"not a dataclass instance: {obj!r}")
    return dataclasses.asdict(obj)


class AuditLog:
    """Appends entries within the caller's transaction."""

    IGNORED_FIELDS = frozenset({"id", "version", "updated_on"})

    def __init__(self, session: Session, actor: str) -> None:
        self._session = session
        self._actor = actor

    def _head(self) -> tuple[int | None, str]:
        """The id and hash of the last entry, locked for this transaction where needed.

        On SQLite the write lock, taken by the first write of the transaction, already
        serialises appends. On PostgreSQL two transactions could read the same last entry
        and fork the chain: a transaction-scoped advisory lock makes them append one after
        the other (read committed: the second one then sees the first one's entries). Ids
        are given there under the lock, one after the last: a sequence would leave a gap for
        every rolled-back transaction, and ``verify`` reads a gap as a deleted entry.
        """
        postgres = self._session.get_bind().dialect.name == "postgresql"
        if postgres:
            self._session.execute(select(func.pg_advisory_xact_lock(AUDIT_LOCK)))
        last = self._session.execute(
            select(col(AuditEntryRow.id), col(AuditEntryRow.hash))
            .order_by(col(AuditEntryRow.id).desc()).limit(1)
        ).one_or_none()
        if last is None:
            return (0 if postgres else None), GENESIS
        return (int(last[0] or 0) if postgres else None), str(last[1])

    def _entry(self, prev_hash: str, action: str, object_type: str, key: str, field: str,
               old: object, new: object) -> AuditEntryRow:
        row = AuditEntryRow(
            at=datetime.now(UTC).isoformat(timespec="microseconds"),
            actor=self._actor,
            action=action,
            object_type=object_type,
            object_key=key,
            field=field,
            old_value=_canonical(old),
            new_value=_canonical(new),
            prev_hash=prev_hash,
            hash="",
        )
        row.hash = entry_hash(row)
        return row

    def record_changes(self, object_type: str, key: str, old: Mapping[str, Any] | None,
                       new: Mapping[str, Any] | None) -> int:
        """Record a creation (old None), a deletion (new None) or the fields that changed."""
        action = "create" if old is None else "delete" if new is None else "update"
        old = old or {}
        new = new or {}
        changes: list[tuple[str, object, object]] = []
        for field in sorted(set(old) | set(new)):
            if field in self.IGNORED_FIELDS:
                continue
            before, after = old.get(field), new.get(field)
            if _canonical(before) == _canonical(after) and action == "update":
                continue
            if action != "update" and before in (None, "", [], (), {}) and \
                    after in (None, "", [], (), {}):
                continue
            changes.append((field, before, after))
        if not changes and action != "update":
            changes.append(("", None, None))
        last_id, prev_hash = self._head()
        rows = []
        for field, before, after in changes:
            rows.append(self._entry(prev_hash, action, object_type, key, field, before, after))
            prev_hash = rows[-1].hash
            if last_id is not None:
                last_id += 1
                rows[-1].id = last_id
        self._session.add_all(rows)
        self._session.flush()
        return len(rows)


@dataclass(frozen=True)
class AuditProblem:
    entry_id: int
    reason: str  # "altered" | "broken_link" | "missing_before"


def verify(rows: Iterable[AuditEntryRow]) -> list[AuditProblem]:
    """Check the chain; returns the problems found, first to last (empty: intact)."""
    problems: list[AuditProblem] = []
    previous_hash = GENESIS
    previous_id = 0
    for row in rows:
        if row.id is None:  # not flushed yet: nothing stored to check
            continue
        if row.id != previous_id + 1:
            problems.append(AuditProblem(row.id, "missing_before"))
        elif row.prev_hash != previous_hash:
            problems.append(AuditProblem(row.id, "broken_link"))
        if entry_hash(row) != row.hash:
            problems.append(AuditProblem(row.id, "altered"))
        previous_hash = row.hash
        previous_id = row.id
    return problems
