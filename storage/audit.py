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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, event, func, insert, select, update
from sqlalchemy.orm import Session, SessionTransaction

from storage.tables import AuditEntryRow, AuditHeadRow

GENESIS = "0" * 64
# The key of PostgreSQL's advisory lock that serialises appends to the chain ("REGAUDIT").
AUDIT_LOCK = 0x5245474155444954
_AUDIT_ENTRY: Table = AuditEntryRow.__table__  # type: ignore[attr-defined]
_AUDIT_HEAD: Table = AuditHeadRow.__table__  # type: ignore[attr-defined]
# a field left empty is not said on a creation or a deletion
_EMPTY: tuple[object, ...] = (None, "", [], (), {})


def current_actor() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers, services)
        return "unknown"


def _canonical(value: object) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


# What an entry's hash covers, in this order (the previous entry's hash first).
_HASHED = ("prev_hash", "at", "actor", "action", "object_type", "object_key", "field",
           "old_value", "new_value")


def _hash(values: Sequence[str | None]) -> str:
    payload = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def entry_hash(row: AuditEntryRow) -> str:
    return _hash([getattr(row, name) for name in _HASHED])


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

        After an append, the end of the chain is remembered until the transaction ends (the
        lock is held until then, so nobody else can append): an import appends thousands
        of times in one transaction and reads the end once.
        """
        appended = self._session.info.get(_APPENDED)
        if appended is not None:
            return cast(tuple[int, str], appended)
        if self._session.get_bind().dialect.name == "postgresql":
            self._session.execute(_LOCK_CHAIN)
        head, last = chain_end(self._session)
        if head is not None and (last is None or head[0] >= last[0]):
            return head
        return last or (0, GENESIS)

    def record_changes(self, object_type: str, key: str, old: Mapping[str, Any] | None,
                       new: Mapping[str, Any] | None) -> int:
        """Record a creation (old None), a deletion (new None) or the fields that changed.

        The entries of one call are one action: they share its time, are chained in field
        order and are written with one multi-row insert (no ORM object: building and
        flushing one per field cost half the time of saving an activity)."""
        action = "create" if old is None else "delete" if new is None else "update"
        old = old or {}
        new = new or {}
        changes: list[tuple[str, str | None, str | None]] = []
        for field in sorted(set(old) | set(new)):
            if field in self.IGNORED_FIELDS:
                continue
            before, after = old.get(field), new.get(field)
            if action != "update" and before in _EMPTY and after in _EMPTY:
                continue
            old_value, new_value = _canonical(before), _canonical(after)
            if old_value == new_value and action == "update":
                continue
            changes.append((field, old_value, new_value))
        if not changes and action != "update":
            changes.append(("", None, None))
        if not changes:
            return 0
        last_id, prev_hash = self._head()
        at = datetime.now(UTC).isoformat(timespec="microseconds")
        entries: list[dict[str, Any]] = []
        for field, old_value, new_value in changes:
            last_id += 1
            entry: dict[str, Any] = {
                "id": last_id, "prev_hash": prev_hash, "at": at, "actor": self._actor,
                "action": action, "object_type": object_type, "object_key": key,
                "field": field, "old_value": old_value, "new_value": new_value}
            entry["hash"] = prev_hash = _hash([entry[name] for name in _HASHED])
            entries.append(entry)
        self._session.execute(_APPEND, entries)
        # A missing head row is never recreated here: its absence is itself evidence.
        self._session.execute(_MOVE_HEAD, {"last_id": last_id, "last_hash": prev_hash})
        self._session.info[_APPENDED] = (last_id, prev_hash)
        return len(entries)


_APPENDED = "registre.audit.appended"  # session.info: the end of the chain after our append


@event.listens_for(Session, "after_transaction_end")
def _forget_appended(session: Session, transaction: SessionTransaction) -> None:
    """The end of the chain appended in a transaction is forgotten when it ends (committed or
    rolled back), or when a savepoint in it does (its appends may be undone)."""
    if transaction.parent is None or transaction.nested:
        session.info.pop(_APPENDED, None)


# The statements of an append, built once: on SQLite building one cost more than running it.
_LOCK_CHAIN = select(func.pg_advisory_xact_lock(AUDIT_LOCK))
_APPEND = insert(_AUDIT_ENTRY)
_MOVE_HEAD = update(_AUDIT_HEAD).where(_AUDIT_HEAD.c.id == 1)


def chain_end(session: Session) -> tuple[tuple[int, str] | None, tuple[int, str] | None]:
    """The chain head and the last stored entry (id, hash), each None when absent.

    One statement, so one snapshot: a writer committing between two reads would otherwise
    make an intact log look cut short or overrun.
    """
    row = session.execute(_CHAIN_END).one()
    return (None if row[0] is None else (int(row[0]), str(row[1])),
            None if row[2] is None else (int(row[2]), str(row[3])))


_NEWEST = _AUDIT_ENTRY.c.id.desc()
_CHAIN_END = select(
    select(_AUDIT_HEAD.c.last_id).where(_AUDIT_HEAD.c.id == 1).scalar_subquery(),
    select(_AUDIT_HEAD.c.last_hash).where(_AUDIT_HEAD.c.id == 1).scalar_subquery(),
    select(_AUDIT_ENTRY.c.id).order_by(_NEWEST).limit(1).scalar_subquery(),
    select(_AUDIT_ENTRY.c.hash).order_by(_NEWEST).limit(1).scalar_subquery(),
)


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
