"""The figures of the retention dashboard, computed by the engine of the check.

* ``deadlines_by_quarter``: how many records reach their last day of retention in each
  quarter ahead (the quarter of ``as_of``, from ``as_of`` on, then the next eight: two
  years). As in ``storage.check``, a rule is never evaluated in SQL: "the deadline is before
  the first day of the next quarter" becomes range conditions on the event columns whose
  cutoffs Python found, and one ``CASE`` gives each record its quarter in one pass per
  inventory. Records under a record-level hold, and those an ``if`` of the rule must decide,
  are evaluated one by one with the reference semantics. A record on hold, or whose
  deadline cannot be computed (a date missing), falls due in no quarter.
* ``dashboard_figures``: that calendar, the check's counts by status, the overdue records
  whose purge a review planned (counted apart: a decision was taken), and the register's
  completeness and review dates as of a day — what the dashboard screen draws.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, select
from sqlmodel import col

from domain.check import (
    DEFAULT_HORIZON_DAYS,
    Pred,
    Stage,
    Status,
    classify,
    comparison_sides,
    compile_expression,
    not_,
)
from domain.check import or_ as pred_or
from domain.completeness import assess
from domain.model import ProcessingActivity
from domain.review import Decision
from domain.rules import Rule
from domain.rules.evaluate import active_suspension, suspended_days
from domain.vocabulary import Vocabularies
from storage.check import (
    CheckError,
    CheckResult,
    Hold,
    SideTables,
    _column_ranges,
    _execute,
    _Group,
    _groups,
    _holds,
    _parse,
    _record_events,
    _Run,
    needs_range,
    render,
    run_check,
)
from storage.tables import ReviewFindingRow, ReviewRow
from storage.uow import SqlUnitOfWork

__all__ = [
    "ActivityFigures",
    "DashboardFigures",
    "DeadlineCalendar",
    "Quarter",
    "dashboard_figures",
    "deadlines_by_quarter",
    "deadlines_by_quarter_reference",
    "quarters_ahead",
]

QUARTERS_AHEAD = 8  # after the quarter of the day: two years
_NO_DEADLINE = (Status.ON_HOLD, Status.UNDETERMINED)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else \
            Quarter(self.year, self.number + 1)


def quarters_ahead(as_of: dt.date, count: int = QUARTERS_AHEAD) -> tuple[Quarter, ...]:
    """The quarter of ``as_of`` and the ``count`` quarters after it."""
    quarters = [Quarter.of(as_of)]
    for _ in range(count):
        quarters.append(quarters[-1].next())
    return tuple(quarters)


@dataclass(frozen=True)
class DeadlineCalendar:
    """Records whose last day of retention falls in each quarter, from ``as_of`` on (the
    first quarter counts from ``as_of``: earlier deadlines are overdue)."""

    as_of: dt.date
    quarters: tuple[Quarter, ...]
    counts: Mapping[tuple[str, str], tuple[int, ...]]  # (activity, category) -> per quarter

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(c[i] for c in self.counts.values()) for i in range(len(self.quarters)))

    def by_activity(self, index: int) -> list[tuple[str, int]]:
        """The activities with records falling due in quarter ``index``, most first."""
        found: dict[str, int] = {}
        for (activity, _category), counts in self.counts.items():
            if counts[index]:
                found[activity] = found.get(activity, 0) + counts[index]
        return sorted(found.items(), key=lambda item: (-item[1], item[0]))

    def start(self, index: int) -> dt.date:
        return max(self.as_of, self.quarters[index].first_day)


def _boundaries(as_of: dt.date, quarters: Sequence[Quarter]) -> list[dt.date]:
    """``as_of``, then the day after each quarter: quarter i holds the deadlines d with
    ``boundaries[i] <= d < boundaries[i + 1]``."""
    return [as_of] + [q.next().first_day for q in quarters]


def _bucket(boundaries: Sequence[dt.date], deadline: dt.date) -> int | None:
    index = bisect.bisect_right(boundaries, deadline) - 1
    return index if 0 <= index < len(boundaries) - 1 else None


class _DeadlineRun(_Run):
    """One inventory: the records falling due in each quarter."""

    def __init__(self, connection: Connection, group: _Group, as_of: dt.date,
                 boundaries: Sequence[dt.date]) -> None:
        super().__init__(connection, group, as_of, DEFAULT_HORIZON_DAYS, want_records=False)
        self.boundaries = list(boundaries)
        self.counts = [0] * (len(boundaries) - 1)

    def count(self) -> tuple[int, ...]:
        group = self.group
        rule = _parse(group.delete_after, group)
        holds = _holds(self.connection, group)
        whole = [h.interval for h in holds if not h.record_ids]
        if rule is None or active_suspension(whole, self.as_of):
            return tuple(self.counts)  # no rule, or all held: no deadline falls due
        active = _parse(group.active_until, group)
        shift = dt.timedelta(days=suspended_days(whole, self.as_of))
        delete = compile_expression(rule.ast)
        # deadline + shift < b  <=>  deadline < b - shift (whole days: exact)
        cutoffs = [b - shift for b in self.boundaries]
        befores = [delete.before(c) for c in cutoffs]
        # ``before(x)`` is false where a date is missing (undetermined: no quarter); what
        # SQL cannot tell for some cutoff is evaluated in Python.
        python = pred_or(*(delete.python_at(c) for c in cutoffs))
        self.sides = comparison_sides(rule.ast)
        self.ranges = _column_ranges(self.connection, group, [
            self.columns[s.event] for s in self.sides
            if s.event in self.columns and needs_range(s, self.dialect)])
        tables = SideTables(self.connection, self.ranges)
        self.names = tables.names(self.columns, self.sides)
        listed = sorted({r for h in holds for r in h.record_ids})
        held = f"record_id IN ({', '.join('?' * len(listed))})" if listed \
            else self.dialect.false
        try:
            self._count_quarters_in_sql(befores, python, held, listed)
            for row in self._fetch(f"{render(python, self.names)} OR {held}", listed):
                self._add(self._deadline(row, rule, active, holds))
        finally:
            tables.drop()
        return tuple(self.counts)

    def _count_quarters_in_sql(self, befores: Sequence[Pred], python: Pred, held: str,
                      listed: Sequence[str]) -> None:
        """One pass: each record SQL can decide gets the index of the first boundary its
        deadline is before (0: before ``as_of``, overdue; none: after the last quarter)."""
        names = self.names

        def first_before(preds: Sequence[Pred]) -> str:
            whens = " ".join(f"WHEN {render(b, names)} THEN {i}" for i, b in enumerate(preds))
            return f"CASE {whens} ELSE {len(preds)} END"

        # The rule's comparisons (R1112-7's "death before last stay + 10 years") tested once
        # per record, not once per quarter (the check's way; 1,000,000 records with the exact
        # R1112-7 rule: 2.4 s -> 0.75 s).
        rows = _execute(
            self.connection,
            f"SELECT {self._decided(befores, first_before)} AS b, count(*) "
            f"FROM inventory_record{names.joins} WHERE {self.rows} "
            f"AND {self._where(not_(python))} AND NOT ({held}) GROUP BY b",
            (*self.rows_params, *listed))
        for bucket, count in rows:
            # bucket i >= 1: deadline before boundary i and not before boundary i - 1
            if 1 <= int(bucket) <= len(self.counts):
                self.counts[int(bucket) - 1] += int(count)

    def _deadline(self, row: Sequence[object], rule: Rule | None, active: Rule | None,
                  holds: Iterable[Hold]) -> dt.date | None:
        """The record's deadline by the reference semantics; None when on hold or
        undetermined."""
        record_id = str(row[0])
        intervals = [h.interval for h in holds if not h.record_ids or record_id in h.record_ids]
        outcome = classify(rule, active, _record_events(row, self.group.events),
                           Stage(str(row[1])), intervals, self.as_of, self.horizon)
        return None if outcome.status in _NO_DEADLINE else outcome.deadline

    def _add(self, deadline: dt.date | None) -> None:
        index = None if deadline is None else _bucket(self.boundaries, deadline)
        if index is not None:
            self.counts[index] += 1

    def count_reference(self) -> tuple[int, ...]:
        """Every record evaluated one by one (slow: the yardstick of the tests)."""
        group = self.group
        rule, active = _parse(group.delete_after, group), _parse(group.active_until, group)
        holds = _holds(self.connection, group)
        for row in self._fetch(self.dialect.true):
            self._add(self._deadline(row, rule, active, holds))
        return tuple(self.counts)


def deadlines_by_quarter(
    engine: Engine,
    as_of: dt.date,
    quarters: Sequence[Quarter] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> DeadlineCalendar:
    """Count, for every inventory, the records whose deadline falls in each quarter."""
    return _calendar(engine, as_of, quarters, progress, cancelled, reference=False)


def deadlines_by_quarter_reference(engine: Engine, as_of: dt.date,
                                   quarters: Sequence[Quarter] | None = None
                                   ) -> DeadlineCalendar:
    """The same figures, every record evaluated one by one (for tests)."""
    return _calendar(engine, as_of, quarters, None, None, reference=True)


def _calendar(engine: Engine, as_of: dt.date, quarters: Sequence[Quarter] | None,
              progress: Callable[[int, int], None] | None,
              cancelled: Callable[[], bool] | None, *, reference: bool) -> DeadlineCalendar:
    chosen = tuple(quarters) if quarters is not None else quarters_ahead(as_of)
    boundaries = _boundaries(as_of, chosen)
    counts: dict[tuple[str, str], tuple[int, ...]] = {}
    with engine.connect() as connection:
        groups = _groups(connection)
        for index, group in enumerate(groups):
            if cancelled is not None and cancelled():
                raise CheckError("check.cancelled", "check cancelled")
            run = _DeadlineRun(connection, group, as_of, boundaries)
            found = run.count_reference() if reference else run.count()
            key = (group.activity, group.category)
            previous = counts.get(key)
            counts[key] = found if previous is None else tuple(
                a + b for a, b in zip(previous, found, strict=True))
            if progress is not None:
                progress(index + 1, len(groups))
    return DeadlineCalendar(as_of, chosen, counts)


# --- the whole dashboard -----------------------------------------------------------------


@dataclass(frozen=True)
class ActivityFigures:
    """What the dashboard says of one live activity as of a day."""

    entity_id: int
    ref: str
    name: str
    completeness: int  # percent
    last_reviewed_on: dt.date | None
    review_due: bool  # not reviewed (validated) for twelve months, or never

    @property
    def complete(self) -> bool:
        return self.completeness == 100


@dataclass(frozen=True)
class DashboardFigures:
    as_of: dt.date
    check: CheckResult
    deadlines: DeadlineCalendar
    activities: tuple[ActivityFigures, ...]
    entities: Mapping[int, str]
    # overdue records whose latest review decision is a planned purge, per activity/category
    planned_purges: Mapping[tuple[str, str], int] = field(default_factory=dict)

    @property
    def planned_total(self) -> int:
        return sum(self.planned_purges.values())

    def planned_by_activity(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for (activity, _category), count in self.planned_purges.items():
            found[activity] = found.get(activity, 0) + count
        return found

    def status_by_activity(self) -> dict[str, dict[Status, int]]:
        """The records of each activity with an inventory, by status (categories added)."""
        found: dict[str, dict[Status, int]] = {}
        for group in self.check.groups:
            counts = found.setdefault(group.activity, {})
            for status, count in group.counts.items():
                counts[status] = counts.get(status, 0) + count
        return found

    @property
    def not_reviewed(self) -> tuple[ActivityFigures, ...]:
        """Activities not reviewed for twelve months, the longest first (never: first)."""
        return tuple(sorted((a for a in self.activities if a.review_due),
                            key=lambda a: (a.last_reviewed_on or dt.date.min, a.ref)))


def activity_figures(activity: ProcessingActivity, voc: Vocabularies,
                     as_of: dt.date) -> ActivityFigures:
    """Completeness (``domain.completeness``) and review date of one activity as of a day;
    "not reviewed" is the completeness check ``review_overdue``: last validated (else
    created) more than twelve months before ``as_of``."""
    completeness = assess(activity, voc, as_of)
    return ActivityFigures(
        activity.entity_id, activity.ref, activity.name, completeness.percent,
        activity.last_reviewed_on, "review_overdue" in completeness.codes())


def dashboard_figures(
    uow: SqlUnitOfWork,
    as_of: dt.date,
    voc: Vocabularies,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> DashboardFigures:
    """Everything the dashboard shows as of ``as_of``: the check (counts by status), the
    deadlines per quarter, and the live activities' completeness and review dates.

    ``progress(done, total)`` counts inventories (twice: the check, then the calendar) and
    the register; ``cancelled()`` stops it with ``CheckError`` ``check.cancelled``."""
    engine = uow.engine
    with engine.connect() as connection:
        inventories = len(_groups(connection))
    total = 2 * inventories + 1

    def step(offset: int) -> Callable[[int, int], None]:
        def report(done: int, _total: int) -> None:
            if progress is not None:
                progress(offset + done, total)
        return report

    check, records = run_check(engine, as_of, progress=step(0), cancelled=cancelled,
                               want_records=True)
    deadlines = deadlines_by_quarter(engine, as_of, progress=step(inventories),
                                     cancelled=cancelled)
    if cancelled is not None and cancelled():
        raise CheckError("check.cancelled", "check cancelled")
    with uow:
        activities = uow.activities.list(None)
        entities = {e.id: e.name for e in uow.entities.list() if e.id is not None}
        planned = planned_purges(uow, as_of)
    counted: dict[tuple[str, str], int] = {}
    for record in records:
        key = (record.activity, record.category)
        if record.status is Status.OVERDUE and record.record_id in planned.get(key, ()):
            counted[key] = counted.get(key, 0) + 1
    figures = tuple(activity_figures(a, voc, as_of) for a in activities
                    if a.archived_on is None or a.archived_on > as_of)
    if progress is not None:
        progress(total, total)
    return DashboardFigures(as_of, check, deadlines, figures, entities, counted)


def planned_purges(uow: SqlUnitOfWork, as_of: dt.date) -> dict[tuple[str, str], set[str]]:
    """The records whose latest review decision (reviews not abandoned, by as-of date then
    start) is a purge planned on ``as_of`` or later, per activity/category; read inside the
    open ``uow``. A purge planned for a day already past, with the record still there, is
    not counted: the record is plainly overdue again."""
    query = (
        select(col(ReviewFindingRow.activity), col(ReviewFindingRow.category),
               col(ReviewFindingRow.record_id), col(ReviewFindingRow.decision),
               col(ReviewFindingRow.purge_on))
        .join(ReviewRow, col(ReviewRow.id) == col(ReviewFindingRow.review_id))
        .where(col(ReviewRow.abandoned_at) == "", col(ReviewFindingRow.decision) != "")
        .order_by(col(ReviewRow.as_of), col(ReviewRow.id))
    )
    latest: dict[tuple[str, str, str], tuple[str, dt.date | None]] = {}
    for activity, category, record_id, decision, purge_on in uow.session.execute(query):
        latest[(activity, category, record_id)] = (decision, purge_on)
    found: dict[tuple[str, str], set[str]] = {}
    for (activity, category, record_id), (decision, purge_on) in latest.items():
        if decision == Decision.PURGE_PLANNED.value and purge_on is not None and \
                purge_on >= as_of:
            found.setdefault((activity, category), set()).add(record_id)
    return found
