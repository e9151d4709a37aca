"""The append-only, hash-chained audit log.

Each entry stores who (the OS user), when (UTC), which object, which field, the old and the
new value, the hash of the previous entry and its own hash over all of that. Editing any
stored entry breaks its own hash; deleting one breaks the next entry's link (and leaves a
gap in the ids, which are never reused). Deleting the last entries breaks nothing in the
chain that remains: the chain head (``audit_head``, one row with the id and hash of the last
entry appended, updated in the same transaction as every append) then points past the end,
on SQLite and on PostgreSQL alike. ``verify`` walks the chain and names the first entry that
does not hold; ``check_head`` compares its end with the head.

The head lives in the same database: someone who deletes the tail *and* rewrites the head
to match is not caught by it, only someone who deletes entries with plain SQL.
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

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.tables import AuditEntryRow, AuditHeadRow

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

    def _head(self) -> tuple[int, str]:
        """The id and hash to append after, locked for this transaction where needed.

        On SQLite the write lock, taken by the first write of the transaction, already
        serialises appends. On PostgreSQL two transactions could read the same last entry
        and fork the chain: a transaction-scoped advisory lock makes them append one after
        the other (read committed: the second one then sees the first one's entries). Ids
        are given here, one after the last: a sequence would leave a gap for every
        rolled-back transaction, and ``verify`` reads a gap as a deleted entry.

        The chain head wins over the last stored entry when it is further on: entries
        deleted from the end then stay visible as a gap before the next entry (and its link
        to the deleted entry's hash), instead of being papered over by the next append.
        """
        if self._session.get_bind().dialect.name == "postgresql":
            self._session.execute(select(func.pg_advisory_xact_lock(AUDIT_LOCK)))
        head, last = chain_end(self._session)
        if head is not None and (last is None or head[0] >= last[0]):
            return head
        return last or (0, GENESIS)

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
            last_id += 1
            rows[-1].id = last_id
        self._session.add_all(rows)
        self._session.flush()
        # A missing head row is never recreated here: its absence is itself evidence.
        self._session.execute(update(AuditHeadRow).where(col(AuditHeadRow.id) == 1)
                              .values(last_id=last_id, last_hash=prev_hash))
        return len(rows)


def chain_end(session: Session) -> tuple[tuple[int, str] | None, tuple[int, str] | None]:
    """The chain head and the last stored entry (id, hash), each None when absent.

    One statement, so one snapshot: a writer committing between two reads would otherwise
    make an intact log look cut short or overrun.
    """
    newest = col(AuditEntryRow.id).desc()
    head = col(AuditHeadRow.id) == 1
    row = session.execute(select(
        select(col(AuditHeadRow.last_id)).where(head).scalar_subquery(),
        select(col(AuditHeadRow.last_hash)).where(head).scalar_subquery(),
        select(col(AuditEntryRow.id)).order_by(newest).limit(1).scalar_subquery(),
        select(col(AuditEntryRow.hash)).order_by(newest).limit(1).scalar_subquery(),
    )).one()
    return (None if row[0] is None else (int(row[0]), str(row[1])),
            None if row[2] is None else (int(row[2]), str(row[3])))


@dataclass(frozen=True)
class AuditProblem:
    entry_id: int
    # "altered" | "broken_link" | "missing_before" (by ``verify``); "missing_after",
    # "not_recorded", "head_missing" (by ``check_head``)
    reason: str


def check_head(head: tuple[int, str] | None, last: tuple[int, str] | None) -> list[AuditProblem]:
    """Compare the end of the stored chain (``last``) with the chain head.

    - the head points past the last entry: the entries after it were deleted
      (``missing_after``, naming the last id the application wrote);
    - entries after the head: written behind the application's back (``not_recorded``,
      naming the first of them);
    - the same id but another hash: the last entry was replaced (``altered``);
    - no head row at all: it was deleted, and the end of the log can no longer be proven.
    """
    last_id, last_hash = last or (0, GENESIS)
    if head is None:
        return [AuditProblem(last_id, "head_missing")]
    head_id, head_hash = head
    if head_id > last_id:
        return [AuditProblem(head_id, "missing_after")]
    if head_id < last_id:
        return [AuditProblem(head_id + 1, "not_recorded")]
    if head_hash != last_hash:
        return [AuditProblem(last_id, "altered")]
    return []


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
