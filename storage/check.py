"""Running the retention check on the stored inventories.

For each inventory (an activity's data category with its records), the category's rule is
turned into status predicates (``domain.check.StatusPredicates``) and SQLite counts the
records of each status in one pass, comparing event columns with cutoff dates that Python
computed. Records that SQL cannot decide — those under a record-level legal hold, and those
for which an ``if`` of the rule compares two known dates — are fetched and classified one
by one with the reference semantics. SQL never computes a date.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import functools
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, CursorResult, Engine
from sqlalchemy.util.typing import TupleAny

from domain.check import (
    DEFAULT_HORIZON_DAYS,
    FALSE,
    STATUS_ORDER,
    TRUE,
    And,
    Before,
    Compare,
    IsActive,
    IsNull,
    Not,
    Or,
    Pred,
    Side,
    Stage,
    Status,
    StatusPredicates,
    and_,
    assume,
    classify,
    comparison_sides,
    comparisons_of,
    not_,
    or_,
    simplify,
)
from domain.errors import CodedError
from domain.rules import Rule, RuleError, Suspension, parse
from domain.rules.errors import DateOutOfRangeError
from domain.rules.evaluate import active_suspension, suspended_days

SLOTS = tuple(f"d{i}" for i in range(8))


class CheckError(CodedError):
    """The check could not run (a stored rule does not parse, the check was cancelled)."""


@dataclass(frozen=True)
class Hold:
    starts_on: dt.date
    ends_on: dt.date | None
    record_ids: frozenset[str] = frozenset()  # empty: the whole inventory

    @property
    def interval(self) -> Suspension:
        return (self.starts_on, self.ends_on)


@dataclass(frozen=True)
class RecordFinding:
    activity: str
    category: str
    record_id: str
    status: Status
    deadline: dt.date | None
    days_overdue: int


@dataclass
class GroupResult:
    activity: str
    category: str
    counts: Counter[Status] = field(default_factory=Counter)
    oldest_deadline: dt.date | None = None
    rule: str = ""

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {"activity": self.activity, "category": self.category}
        data.update({s.value: self.counts.get(s, 0) for s in STATUS_ORDER})
        data["oldest_deadline"] = self.oldest_deadline.isoformat() if self.oldest_deadline \
            else None
        return data


@dataclass
class CheckResult:
    as_of: dt.date
    horizon_days: int
    groups: list[GroupResult]

    @property
    def totals(self) -> Counter[Status]:
        total: Counter[Status] = Counter()
        for group in self.groups:
            total.update(group.counts)
        return total

    def as_json(self) -> dict[str, object]:
        totals = self.totals
        return {
            "as_of": self.as_of.isoformat(),
            "horizon_days": self.horizon_days,
            "totals": {s.value: totals.get(s, 0) for s in STATUS_ORDER},
            "groups": [g.as_json() for g in self.groups],
        }


@dataclass(frozen=True)
class _Group:
    activity_id: int
    activity: str
    category: str
    inventory_id: int
    events: tuple[str, ...]
    delete_after: str
    active_until: str
    records: int
    first_row: int | None = None
    last_row: int | None = None

    def rows(self) -> tuple[str, tuple[int, ...]]:
        """The condition on inventory_record selecting this inventory's rows, and its
        parameters: a scan of the range of row ids its load inserted (no index on
        inventory_id, see storage.tables.InventoryRow.first_row)."""
        if self.first_row is None or self.last_row is None:
            return "inventory_id = ?", (self.inventory_id,)
        return ("inventory_record.id BETWEEN ? AND ? AND inventory_id = ?",
                (self.first_row, self.last_row, self.inventory_id))


# --- SQL rendering ---------------------------------------------------------------------


@dataclass(frozen=True)
class Dialect:
    """What differs between SQLite and PostgreSQL in the SQL of the check.

    SQLite stores dates as ISO text and compares them as text; ``+column`` drops the column's
    affinity so that the literal is not converted on every row; truth values are 1 and 0.
    PostgreSQL stores DATE values, compares them with DATE literals, has real booleans and
    no unary plus on dates; its driver (psycopg) takes ``%s`` parameters.
    """

    postgres: bool = False

    @staticmethod
    def of(connection: Connection) -> Dialect:
        return POSTGRES if connection.dialect.name == "postgresql" else SQLITE

    @property
    def true(self) -> str:
        return "TRUE" if self.postgres else "1"

    @property
    def false(self) -> str:
        return "FALSE" if self.postgres else "0"

    def date(self, day: dt.date) -> str:
        return f"DATE '{day.isoformat()}'" if self.postgres else f"'{day.isoformat()}'"

    def value(self, column: str) -> str:
        return column if self.postgres else f"+{column}"

    def sql(self, text: str) -> str:
        """``text`` with its ``?`` parameters in the driver's style (no literal has a ``?``)."""
        return text.replace("?", "%s") if self.postgres else text


SQLITE = Dialect(postgres=False)
POSTGRES = Dialect(postgres=True)


def _execute(connection: Connection, sql: str,
             params: Any = ()) -> CursorResult[*TupleAny]:
    return connection.exec_driver_sql(Dialect.of(connection).sql(sql), params)


@dataclass
class SqlNames:
    """How the predicates' names are written in SQL: event -> column, side -> lookup."""

    columns: Mapping[str, str]
    sides: Mapping[Side, str] = field(default_factory=dict)
    dialect: Dialect = SQLITE
    joins: str = ""  # PostgreSQL: the lookup tables, joined after ``FROM inventory_record``

    def side(self, side: Side) -> str | None:
        column = self.columns.get(side.event)
        if column is None:
            return None
        if not side.steps:
            return self.dialect.value(column)
        return self.sides[side]


def render(pred: Pred, names: SqlNames, negate: bool = False) -> str:
    """A predicate as SQL over the record columns, in the dialect of ``names``.

    Negations are pushed down to the comparisons, so that every sub-expression that SQL
    leaves NULL (``NULL < '2026-01-01'``) stands only where NULL and false mean the same:
    under AND and OR, never under NOT.
    """
    sql = names.dialect
    if pred in (TRUE, FALSE):
        return sql.true if (pred == TRUE) != negate else sql.false
    if isinstance(pred, Not):
        return render(pred.part, names, not negate)
    if isinstance(pred, Before):
        column = names.columns.get(pred.event)
        if column is None:  # the inventory has no such column: always missing
            return sql.true if negate else sql.false
        cutoff, value = sql.date(pred.cutoff), sql.value(column)
        # SQLite `+column`: no affinity conversion of the literal on every row (twice as fast)
        return f"({value} >= {cutoff} OR {column} IS NULL)" if negate \
            else f"{value} < {cutoff}"
    if isinstance(pred, IsNull):
        column = names.columns.get(pred.event)
        if column is None:
            return sql.false if negate else sql.true
        return f"{column} IS NOT NULL" if negate else f"{column} IS NULL"
    if isinstance(pred, IsActive):
        return "stage <> 'active'" if negate else "stage = 'active'"
    if isinstance(pred, Compare):
        left, right = names.side(pred.left), names.side(pred.right)
        if left is None or right is None:  # a side never known: never true
            return sql.true if negate else sql.false
        comparison = f"{left} {pred.op} {right}"
        return f"NOT coalesce({comparison}, {sql.false})" if negate else comparison
    assert isinstance(pred, And | Or)  # the remaining shapes
    conjunction = isinstance(pred, And) != negate  # De Morgan
    joiner = " AND " if conjunction else " OR "
    return "(" + joiner.join(render(p, names, negate) for p in pred.parts) + ")"


# A side moved by whole years whose partial sums leave more years than this outside 1-9999
# (``+ 500 years``) is looked up over the column's range instead (see SideTables).
MAX_EDGE_YEARS = 200


def _year_bounds(sums: Sequence[int]) -> tuple[int, int] | None:
    """The years whose dates every partial sum keeps in 1-9999, or None if too few."""
    low, high = max(1, 1 - min(sums)), min(9999, 9999 - max(sums))
    if low > high or (low - 1) + (9999 - high) > MAX_EDGE_YEARS:
        return None
    return low, high


@functools.lru_cache(maxsize=16)
def _irregular_days(side: Side, low: int, high: int) -> tuple[tuple[str, str], ...]:
    """(day, value of the side) for the days where moving the year is not the side's
    value: every 29 February, every day of the years before ``low`` or after ``high``."""
    days = [dt.date(year, 2, 29) for year in range(low, high + 1) if calendar.isleap(year)]
    for year in (*range(1, low), *range(high + 1, 10000)):
        first = dt.date(year, 1, 1).toordinal()
        last = dt.date(year, 12, 31).toordinal()
        days.extend(dt.date.fromordinal(n) for n in range(first, last + 1))
    rows = []
    for day in days:
        # No value beyond 1-9999: the reference evaluation fails there too.
        with contextlib.suppress(ValueError, OverflowError, DateOutOfRangeError):
            rows.append((day.isoformat(), side.apply(day).isoformat()))
    return tuple(rows)


def needs_range(side: Side, dialect: Dialect) -> bool:
    """Whether the lookup table of ``side`` covers the range of its column (read by a scan
    of the inventory) rather than a fixed handful of dates."""
    if not side.steps:
        return False
    sums = side.year_steps
    return dialect.postgres or sums is None or _year_bounds(sums) is None


class SideTables:
    """Lookup tables of comparison sides (``last_stay + 10 years``) on one connection.

    For each function of the rule's ``if`` comparisons, a temporary table maps dates onto
    the function's value, computed by the rule language in Python; SQL looks values up and
    compares them. In general the table covers every date in the range of the column it
    applies to, which costs a scan of the inventory to find that range (0.15-0.2 s for a
    million records) and a lookup per record.

    On SQLite, a side moved by whole years (``last_stay + 10 years``, the condition of
    R1112-7) is written as the column's ISO text with its year moved instead:
    ``printf('%04d', substr(d0, 1, 4) + 10) || substr(d0, 5)``. That is exactly the rule
    language's value (``Side.year_steps``) for every date except 29 February and the
    years where a step leaves 1-9999; for those dates alone (every 29 February of years
    1-9999, every day of the edge years: about 6,000 rows for ``+ 10 years``) the value
    is looked up in a table Python fills without reading the inventory. The text is only
    computed where the comparison is (``_Run._decided``: once per record that has both
    dates). Measured on a million patients (12 % with a death date, benchmarks/engine.py):
    the range scan (0.15-0.2 s) is gone, and the comparison costs about what the lookup
    did where it is computed; printf, which restores a year's leading zeros, is kept to
    the years below 1000 (on every record it cost 0.1 s more than the rest of the text).
    """

    def __init__(self, connection: Connection, ranges: Mapping[str, tuple[dt.date, dt.date]]
                 ) -> None:
        self.connection = connection
        self.ranges = ranges
        self.tables: dict[tuple[object, ...], str] = {}
        self.dialect = Dialect.of(connection)
        self.filled: dict[str, set[dt.date]] = {}  # PostgreSQL: the days already in a table

    def names(self, columns: Mapping[str, str], sides: Iterable[Side]) -> SqlNames:
        lookups: dict[Side, str] = {}
        joins: dict[str, str] = {}
        for side in sides:
            column = columns.get(side.event)
            if column is None or not side.steps:
                continue
            if not needs_range(side, self.dialect):
                lookups[side] = self._moved_years(side, column)
                continue
            table = self._table(side, column)
            if self.dialect.postgres:
                # A hash join: PostgreSQL runs a correlated subquery as one index scan per
                # record, several times slower. The key is unique: one row per record.
                alias = f"{table}_{column}"
                joins[alias] = f" LEFT JOIN {table} AS {alias} ON {alias}.d = {column}"
                lookups[side] = f"{alias}.v"
            else:
                lookups[side] = f"(SELECT v FROM temp.{table} WHERE d = +{column})"
        return SqlNames(columns, lookups, self.dialect, "".join(sorted(joins.values())))

    def _moved_years(self, side: Side, column: str) -> str:
        """SQLite: ``column`` with its year moved, looked up on the dates where that is not
        the rule language's value (29 February, edge years)."""
        sums = side.year_steps
        assert sums is not None  # needs_range said so
        bounds = _year_bounds(sums)
        assert bounds is not None
        low, high = bounds
        key = ("moved years", side.key)
        table = self.tables.get(key)
        if table is None:
            digest = hashlib.sha1(repr(key).encode()).hexdigest()[:12]
            table = f"registre_side_{digest}"
            self.connection.exec_driver_sql(
                f"CREATE TEMP TABLE IF NOT EXISTS {table} (d TEXT PRIMARY KEY, v TEXT) "
                "WITHOUT ROWID")
            self.connection.exec_driver_sql(f"DELETE FROM temp.{table}")
            self.tables[key] = table
            self.connection.exec_driver_sql(
                f"INSERT OR IGNORE INTO temp.{table} (d, v) VALUES (?, ?)",
                list(_irregular_days(side, low, high)))
        irregular = [f"substr({column}, 6) = '02-29'"]
        if low > 1:
            irregular.append(f"+{column} < '{low:04d}'")
        if high < 9999:
            irregular.append(f"+{column} >= '{high + 1:04d}'")
        moved = f"(substr({column}, 1, 4) + {sums[-1]})"
        # A year below 1000 needs its leading zeros back: printf does it, but costs twice
        # the rest of the comparison, so only those years go through it.
        padded = 1000 - sums[-1]
        pad = (f"WHEN +{column} < '{padded:04d}' THEN printf('%04d', {moved}) || "
               f"substr({column}, 5) " if padded > low else "")
        # A NULL column gives NULL (no WHEN holds, and NULL || text is NULL).
        return (f"(CASE WHEN {' OR '.join(irregular)} "
                f"THEN (SELECT v FROM temp.{table} WHERE d = +{column}) "
                f"{pad}ELSE {moved} || substr({column}, 5) END)")

    def _table(self, side: Side, column: str) -> str:
        if self.dialect.postgres:
            return self._postgres_table(side, column)
        table = self.tables.get(side.key)
        if table is None:
            # The same name on every connection: the SQL of one is valid on another.
            digest = hashlib.sha1(repr(side.key).encode()).hexdigest()[:12]
            table = f"registre_side_{digest}"
            self.connection.exec_driver_sql(  # a table left by an interrupted run is reset
                f"CREATE TEMP TABLE IF NOT EXISTS {table} (d TEXT PRIMARY KEY, v TEXT) "
                "WITHOUT ROWID")
            self.connection.exec_driver_sql(f"DELETE FROM temp.{table}")
            self.tables[side.key] = table
        span = self.ranges.get(column)
        if span is None:
            return table
        rows = []
        day, last = span
        while day <= last:
            # Beyond year 9999 there is no value: the reference evaluation fails there too.
            with contextlib.suppress(ValueError, OverflowError, DateOutOfRangeError):
                rows.append((day.isoformat(), side.apply(day).isoformat()))
            day += dt.timedelta(days=1)
        self.connection.exec_driver_sql(
            f"INSERT OR IGNORE INTO temp.{table} (d, v) VALUES (?, ?)", rows)
        return table

    def _postgres_table(self, side: Side, column: str) -> str:
        """The same table on PostgreSQL: DATE columns, filled with COPY."""
        table = self.tables.get(side.key)
        if table is None:
            digest = hashlib.sha1(repr(side.key).encode()).hexdigest()[:12]
            table = f"registre_side_{digest}"
            self.connection.exec_driver_sql(
                f"CREATE TEMP TABLE IF NOT EXISTS {table} (d DATE PRIMARY KEY, v DATE)")
            self.connection.exec_driver_sql(f"DELETE FROM {table}")
            self.tables[side.key] = table
            self.filled[table] = set()
        span = self.ranges.get(column)
        if span is None:
            return table
        filled = self.filled[table]
        day, last = span
        rows = []
        while day <= last:
            if day not in filled:
                filled.add(day)
                with contextlib.suppress(ValueError, OverflowError, DateOutOfRangeError):
                    rows.append((day, side.apply(day)))
            day += dt.timedelta(days=1)
        driver: Any = self.connection.connection.driver_connection
        with driver.cursor() as cursor, cursor.copy(f"COPY {table} (d, v) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        self.connection.exec_driver_sql(f"ANALYZE {table}")
        return table

    def drop(self) -> None:
        prefix = "" if self.dialect.postgres else "temp."
        for table in self.tables.values():
            self.connection.exec_driver_sql(f"DROP TABLE IF EXISTS {prefix}{table}")
        self.tables.clear()
        self.filled.clear()


def _column_ranges(connection: Connection, group: _Group,
                   columns: Iterable[str]) -> dict[str, tuple[dt.date, dt.date]]:
    wanted = sorted(set(columns))
    if not wanted:
        return {}
    rows, params = group.rows()
    row = _execute(
        connection,
        "SELECT " + ", ".join(f"min({c}), max({c})" for c in wanted)
        + f" FROM inventory_record WHERE {rows}", params).one()
    ranges = {}
    for i, column in enumerate(wanted):
        low, high = row[2 * i], row[2 * i + 1]
        if low is not None and high is not None:
            ranges[column] = (_day(low), _day(high))
    return ranges


# --- the run ---------------------------------------------------------------------------


def _groups(connection: Connection) -> list[_Group]:
    rows = connection.exec_driver_sql(
        "SELECT a.id, a.ref, i.category, i.id, i.events, c.has_retention, "
        "c.retention_delete_after, c.retention_active_until, i.record_count, i.first_row, "
        "i.last_row "
        "FROM inventory i JOIN activity a ON a.id = i.activity_id "
        "LEFT JOIN activity_data_category c ON c.activity_id = a.id AND c.code = i.category "
        "ORDER BY a.ref, i.category"
    ).all()
    return [
        _Group(int(r[0]), str(r[1]), str(r[2] or ""), int(r[3]), tuple(json.loads(r[4] or "[]")),
               str(r[6] or "") if r[5] else "", str(r[7] or "") if r[5] else "", int(r[8]),
               None if r[9] is None else int(r[9]), None if r[10] is None else int(r[10]))
        for r in rows
    ]


def _holds(connection: Connection, group: _Group) -> list[Hold]:
    rows = _execute(
        connection,
        "SELECT h.id, h.starts_on, h.ends_on FROM legal_hold h "
        "WHERE h.activity_id = ? AND (h.category = '' OR h.category = ?) ORDER BY h.id",
        (group.activity_id, group.category),
    ).all()
    holds = []
    for hold_id, starts, ends in rows:
        records = frozenset(str(r[0]) for r in _execute(
            connection, "SELECT record_id FROM legal_hold_record WHERE hold_id = ?", (hold_id,)))
        holds.append(Hold(_day(starts), _day(ends) if ends else None, records))
    return holds


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _parse(text: str, group: _Group) -> Rule | None:
    if not text.strip():
        return None
    try:
        return parse(text)
    except RuleError as error:
        raise CheckError(
            "check.bad_rule", f"{group.activity}/{group.category}: {error}",
            activity=group.activity, category=group.category, detail=str(error),
        ) from error


def _record_events(row: Sequence[object], events: Sequence[str]) -> dict[str, dt.date | None]:
    return {name: (_day(row[2 + i]) if row[2 + i] else None) for i, name in enumerate(events)}


class _Run:
    def __init__(self, connection: Connection, group: _Group, as_of: dt.date, horizon: int,
                 want_records: bool, engine: Engine | None = None,
                 pool: ThreadPoolExecutor | None = None) -> None:
        self.connection = connection
        self.engine = engine
        self.pool = pool
        self.group = group
        self.as_of = as_of
        self.horizon = horizon
        self.want_records = want_records
        self.columns = {name: SLOTS[i] for i, name in enumerate(group.events)}
        self.dialect = Dialect.of(connection)
        self.names = SqlNames(self.columns, dialect=self.dialect)
        self.sides: frozenset[Side] = frozenset()
        self.ranges: dict[str, tuple[dt.date, dt.date]] = {}
        self.select = "record_id, stage, " + ", ".join(SLOTS[: len(group.events)] or ["NULL"])
        self.findings: list[RecordFinding] = []
        self.result = GroupResult(group.activity, group.category, rule=group.delete_after)
        self.rows, self.rows_params = group.rows()

    def _fetch(self, where: str, params: Sequence[object] = (), limit: int | None = None,
               connection: Connection | None = None) -> Iterator[Sequence[object]]:
        yield from _execute(
            connection or self.connection,
            f"SELECT {self.select} FROM inventory_record{self.names.joins} "
            f"WHERE {self.rows} AND ({where})" + (f" LIMIT {int(limit)}" if limit else ""),
            (*self.rows_params, *params))

    def _classify_rows(self, rows: Iterator[Sequence[object]], rule: Rule | None,
                       active: Rule | None, holds: Sequence[Hold]) -> int:
        count = 0
        for row in rows:
            count += 1
            record_id = str(row[0])
            intervals = [h.interval for h in holds if not h.record_ids or record_id in h.record_ids]
            outcome = classify(rule, active, _record_events(row, self.group.events),
                               Stage(str(row[1])), intervals, self.as_of, self.horizon)
            self._count(record_id, outcome.status, outcome.deadline)
        return count

    def _count(self, record_id: str, status: Status, deadline: dt.date | None) -> None:
        self.result.counts[status] += 1
        self._note(record_id, status, deadline)

    def _note(self, record_id: str, status: Status, deadline: dt.date | None) -> None:
        if status is Status.OVERDUE and deadline is not None and (
            self.result.oldest_deadline is None or deadline < self.result.oldest_deadline
        ):
            self.result.oldest_deadline = deadline
        if self.want_records and status is not Status.OK:
            days = (self.as_of - deadline).days if status is Status.OVERDUE and deadline else 0
            self.findings.append(RecordFinding(self.group.activity, self.group.category,
                                               record_id, status, deadline, days))

    def run(self) -> None:
        group = self.group
        rule = _parse(group.delete_after, group)
        active = _parse(group.active_until, group)
        holds = _holds(self.connection, group)
        whole = [h for h in holds if not h.record_ids]
        listed = sorted({r for h in holds for r in h.record_ids})
        if rule is None or active_suspension([h.interval for h in whole], self.as_of):
            # No rule: nothing can be computed; a hold on the whole inventory: all held.
            self._classify_rows(self._fetch(self.dialect.true), rule, active, holds)
            return
        shift = suspended_days([h.interval for h in whole], self.as_of)
        predicates = StatusPredicates.build(rule, active, self.as_of, self.horizon, shift)
        self.sides = comparison_sides(rule.ast) | (
            comparison_sides(active.ast) if active else frozenset())
        self.ranges = _column_ranges(self.connection, group, [
            self.columns[s.event] for s in self.sides
            if s.event in self.columns and needs_range(s, self.dialect)])
        tables = SideTables(self.connection, self.ranges)
        self.names = tables.names(self.columns, self.sides)
        try:
            self._decide(rule, active, holds, listed, predicates)
        finally:
            tables.drop()

    def _decide(self, rule: Rule, active: Rule | None, holds: Sequence[Hold],
                listed: Sequence[str], predicates: StatusPredicates) -> None:
        held_params = list(listed)
        held_sql = (f"record_id IN ({', '.join('?' * len(listed))})" if listed
                    else self.dialect.false)
        python_sql = f"{render(predicates.python, self.names)} OR {held_sql}"
        not_python = (f"{render(predicates.python, self.names, negate=True)} AND "
                      f"NOT ({held_sql})")
        search = None
        if not self.want_records and self.pool is not None and self.engine is not None:
            # The search for the oldest deadline reads the inventory on a second connection
            # (SQLite releases the GIL): it runs on the other core while this one counts.
            search = self.pool.submit(self._oldest, rule, predicates, not_python,
                                      held_params, holds)
        sql_counts = self._count_in_sql(predicates, not_python, held_params)
        self.result.counts.update(sql_counts)
        # One by one: held records and the records an `if` must decide.
        self._classify_rows(self._fetch(python_sql, held_params), rule, active, holds)
        if search is not None:
            oldest = search.result() if sql_counts.get(Status.OVERDUE) else None
            if oldest is not None and (self.result.oldest_deadline is None
                                       or oldest < self.result.oldest_deadline):
                self.result.oldest_deadline = oldest
        if self.want_records:
            for status, pred in (
                (Status.UNDETERMINED, predicates.undetermined),
                (Status.OVERDUE, predicates.overdue),
                (Status.ARCHIVE_DUE, predicates.archive_due),
                (Status.DUE_SOON, predicates.due_soon),
            ):
                self._collect(status, pred, not_python, held_params, rule, holds)

    def _count_in_sql(self, predicates: StatusPredicates, not_python: str,
                      held_params: Sequence[object]) -> Counter[Status]:
        """Count each status in one pass over the records SQL can decide.

        The CASE gives each record one bucket, in the order of precedence; "within the
        horizon" is tested once and then split into overdue, archive due and due soon.
        Summing one number per record is far cheaper in SQLite than GROUP BY, so the
        buckets are packed into one 63-bit sum, 21 bits each (up to 2,097,151 records);
        larger inventories, or more buckets than fit, are grouped instead.

        An ``if`` comparing two events (``death? < last_stay + 10 years``) is tested once
        per record, at the top (``_decided``): each branch then holds the predicates
        reduced for that outcome, plain range tests. Written inline, the comparison stood
        at four places of the CASE and was computed up to four times per record.
        """
        tests = [s for s, p in ((Status.UNDETERMINED, predicates.undetermined),) if p != FALSE]
        present = [s for s, p in ((Status.OVERDUE, predicates.overdue),
                                  (Status.ARCHIVE_DUE, predicates.active_ended)) if p != FALSE]
        buckets = tests + present + [Status.DUE_SOON]
        bits = 21
        packed = len(buckets) * bits <= 63 and self.group.records < (1 << bits)
        value = ({s: str(1 << (bits * i)) for i, s in enumerate(buckets)} if packed
                 else {s: str(i + 1) for i, s in enumerate(buckets)})
        c = self.names

        def case(preds: Sequence[Pred]) -> str:
            undetermined, overdue, active_ended, within = preds
            tests = [(Status.UNDETERMINED, undetermined)]
            present = [(Status.OVERDUE, overdue), (Status.ARCHIVE_DUE, active_ended)]
            inner = " ".join(f"WHEN {render(p, c)} THEN {value[s]}" for s, p in present
                             if p != FALSE)
            return (
                "CASE "
                + "".join(f"WHEN {render(p, c)} THEN {value[s]} " for s, p in tests
                          if p != FALSE)
                + f"WHEN {render(within, c)} THEN "
                + (f"(CASE {inner} ELSE {value[Status.DUE_SOON]} END)" if inner
                   else value[Status.DUE_SOON])
                + "".join(f" WHEN {render(p, c)} THEN {value[s]}" for s, p in present
                          if s is Status.ARCHIVE_DUE and p != FALSE)
                + " ELSE 0 END"
            )

        case_sql = self._decided((predicates.undetermined, predicates.overdue,
                                  predicates.active_ended, predicates.within), case)
        where = f"WHERE {self.rows} AND {not_python}"
        params = (*self.rows_params, *held_params)
        counts: Counter[Status] = Counter()
        if packed:
            summed, total = _execute(
                self.connection,
                f"SELECT coalesce(sum({case_sql}), 0), count(*) FROM inventory_record{c.joins} "
                f"{where}",
                params).one()
            for i, status in enumerate(buckets):
                counts[status] = (int(summed) >> (bits * i)) & ((1 << bits) - 1)
        else:
            total = 0
            for bucket, count in _execute(
                    self.connection,
                    f"SELECT {case_sql} AS b, count(*) FROM inventory_record{c.joins} {where} "
                    "GROUP BY b",
                    params):
                total += int(count)
                if bucket:
                    counts[buckets[int(bucket) - 1]] = int(count)
        counts[Status.OK] = int(total) - sum(counts.values())
        return +counts

    def _decided(self, preds: Sequence[Pred], sql: Callable[[Sequence[Pred]], str],
                 limit: int = 3) -> str:
        """``sql(preds)``, with the comparisons of ``preds`` tested once, first.

        ``CASE WHEN <comparison> THEN sql(preds if true) ELSE sql(preds if false) END``,
        for the first ``limit`` comparisons (2^limit branches at most). A comparison is
        false where a side is missing (``domain.check.holds``), and that is where SQL's
        NULL sends the record: to ELSE. Each side is tested for NULL before the comparison,
        so that records without the optional event (88 % of patients have no death date)
        compute no side at all.
        """
        comparisons = [cmp for cmp in dict.fromkeys(
            c for p in preds for c in comparisons_of(p))][:limit]
        if not comparisons:
            return sql(preds)
        first, names = comparisons[0], self.names
        present = [not_(IsNull(side.event)) for side in (first.left, first.right)]
        known = and_(*present, first)
        then = [_simplest(assume(p, first, True), frozenset(present)) for p in preds]
        otherwise = [_simplest(assume(p, first, False)) for p in preds]
        return (f"(CASE WHEN {render(known, names)} THEN {self._decided(then, sql, limit - 1)}"
                f" ELSE {self._decided(otherwise, sql, limit - 1)} END)")

    def _where(self, pred: Pred) -> str:
        """``pred`` as a search condition, its comparisons tested once per record
        (``_decided``: NULL, where a branch leaves one, selects nothing, as false does),
        after a cheap test that every selected record passes: ``pred`` holds only if it
        holds with the first comparison true or with it false. A search for the records
        due before a date far back computes ``last_stay + 10 years`` for a few thousand
        records instead of every one with a death date (0.28 -> 0.18 s of CPU a scan).
        """
        comparisons = comparisons_of(pred)
        decided = self._decided([pred], lambda preds: render(preds[0], self.names))
        if not comparisons:
            return decided
        either = _simplest(or_(assume(pred, comparisons[0], True),
                               assume(pred, comparisons[0], False)))
        if comparisons_of(either):
            return decided
        return f"{render(either, self.names)} AND {decided}"

    def _collect(self, status: Status, pred: Pred, not_python: str,
                 held_params: Sequence[object], rule: Rule, holds: Sequence[Hold]) -> None:
        """Fetch the records SQL gave ``status`` to list them with their deadline."""
        where = f"{not_python} AND {self._where(pred)}"
        intervals = [h.interval for h in holds if not h.record_ids]
        for row in self._fetch(where, held_params):
            events = _record_events(row, self.group.events)
            self._note(str(row[0]), status, rule.deadline(events, intervals, self.as_of).date)

    def _oldest(self, rule: Rule, predicates: StatusPredicates, not_python: str,
                held_params: Sequence[object], holds: Sequence[Hold]) -> dt.date | None:
        """The earliest deadline of the overdue records SQL counts, exactly.

        A few overdue records give an upper bound; then every record whose deadline is
        before that bound (as a predicate, plus the records SQL cannot tell for it) is
        evaluated. The bound is usually close, so few records are read.
        """
        assert self.engine is not None  # only called with an engine to connect with
        intervals = [h.interval for h in holds if not h.record_ids]
        overdue = f"{not_python} AND {self._where(predicates.overdue)}"
        with self.engine.connect() as connection:
            tables = SideTables(connection, self.ranges)
            tables.names(self.columns, self.sides)  # the same tables on this connection

            def deadlines(where: str, limit: int | None = None) -> Iterator[dt.date]:
                for row in self._fetch(where, held_params, limit, connection):
                    found = rule.deadline(_record_events(row, self.group.events), intervals,
                                          self.as_of).date
                    if found is not None and found < self.as_of:
                        yield found

            try:
                sample = list(deadlines(overdue, limit=64))
                if not sample:
                    return None
                bound = min(sample)
                before, unsure = predicates.deadline_before(bound)
                closer = f"{not_python} AND {self._where(or_(before, unsure))}"
                return min([bound, *deadlines(closer)])
            finally:
                tables.drop()


def _simplest(pred: Pred, facts: frozenset[Pred] = frozenset()) -> Pred:
    """``simplify`` until nothing changes (a disjunction merged into a literal may let the
    conjunction around it drop more)."""
    for _ in range(4):
        simpler = simplify(pred, facts)
        if simpler == pred:
            break
        pred = simpler
    return pred


def run_reference_check(
    engine: Engine, as_of: dt.date, horizon_days: int = DEFAULT_HORIZON_DAYS,
) -> tuple[CheckResult, list[RecordFinding]]:
    """Every record classified one by one with the reference semantics (slow; for tests
    and as the yardstick of ``make bench``)."""
    with engine.connect() as connection:
        results: list[GroupResult] = []
        findings: list[RecordFinding] = []
        for group in _groups(connection):
            current = _Run(connection, group, as_of, horizon_days, want_records=True)
            current._classify_rows(
                current._fetch(current.dialect.true), _parse(group.delete_after, group),
                _parse(group.active_until, group), _holds(connection, group))
            results.append(current.result)
            findings.extend(current.findings)
    return CheckResult(as_of, horizon_days, results), findings


def run_check(
    engine: Engine,
    as_of: dt.date,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    *,
    want_records: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[CheckResult, list[RecordFinding]]:
    """Check every inventory as of ``as_of``; the findings list is filled when asked."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="registre-check")
    try:
        with engine.connect() as connection:
            groups = _groups(connection)
            results: list[GroupResult] = []
            findings: list[RecordFinding] = []
            for index, group in enumerate(groups):
                if cancelled is not None and cancelled():
                    raise CheckError("check.cancelled", "check cancelled")
                current = _Run(connection, group, as_of, horizon_days, want_records, engine,
                               pool)
                current.run()
                results.append(current.result)
                findings.extend(current.findings)
                if progress is not None:
                    progress(index + 1, len(groups))
    finally:
        pool.shutdown(wait=True)
    return CheckResult(as_of, horizon_days, results), findings
