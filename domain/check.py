"""The retention check: statuses of records as of a date, and how to count them fast.

Two ways to the same answer:

* ``classify`` is the reference: one record, its event dates, its holds, evaluated with the
  rule language's own semantics. Everything else is measured against it.
* ``StatusPredicates`` turns a rule into conditions on the event columns that a database can
  filter with: "the deadline is before X" becomes range comparisons ``event < cutoff``,
  each cutoff found by the Python semantics themselves (a binary search on the monotone
  function ``date -> date + duration``), never by SQL date arithmetic and never by
  ``X - duration`` (both differ near month ends). ``max`` and ``min`` become ``and`` and
  ``or``; optional events and missing events become ``IS NULL`` tests. What cannot be
  expressed this way — the records for which an ``if`` condition compares two known dates —
  is marked by the ``python`` predicate: those records are classified one by one.

Statuses (DESIGN.md): as of day T, ``overdue`` iff T > deadline; ``due_soon`` iff
T <= deadline <= T + horizon; ``archive_due`` iff the record is in its active stage and
T > end of the active phase; ``on_hold`` iff a legal hold covers it on T; ``undetermined``
iff an event the rule needs is missing. A record has one status, the first that applies
in that order: on_hold, undetermined, overdue, archive_due, due_soon, ok.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeAlias

from domain.rules import (
    Conditional,
    EndOfMonth,
    EndOfYear,
    Event,
    Expr,
    Max,
    Min,
    Rule,
    Shift,
    Suspension,
    end_of_month,
    end_of_year,
    iter_nodes,
)
from domain.rules.errors import DateOutOfRangeError

DEFAULT_HORIZON_DAYS = 92


class Status(StrEnum):
    ON_HOLD = "on_hold"
    UNDETERMINED = "undetermined"
    OVERDUE = "overdue"
    ARCHIVE_DUE = "archive_due"
    DUE_SOON = "due_soon"
    OK = "ok"


# The order of the JSON totals in DESIGN.md.
STATUS_ORDER: tuple[Status, ...] = (
    Status.OVERDUE,
    Status.DUE_SOON,
    Status.ARCHIVE_DUE,
    Status.ON_HOLD,
    Status.UNDETERMINED,
    Status.OK,
)


class Stage(StrEnum):
    ACTIVE = "active"
    ARCHIVE = "archive"


@dataclass(frozen=True)
class RecordStatus:
    status: Status
    deadline: dt.date | None
    missing: tuple[str, ...] = ()

    def days_overdue(self, as_of: dt.date) -> int:
        if self.deadline is None or self.status is not Status.OVERDUE:
            return 0
        return (as_of - self.deadline).days


def classify(
    rule: Rule | None,
    active_rule: Rule | None,
    events: Mapping[str, dt.date | None],
    stage: Stage,
    suspensions: Iterable[Suspension],
    as_of: dt.date,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
) -> RecordStatus:
    """The status of one record as of ``as_of`` (the reference semantics)."""
    intervals = list(suspensions)
    if rule is None:
        hold = any(s <= as_of and (e is None or as_of < e) for s, e in intervals)
        return RecordStatus(Status.ON_HOLD if hold else Status.UNDETERMINED, None, ("rule",))
    deadline = rule.deadline(events, intervals, as_of)
    if deadline.on_hold:
        return RecordStatus(Status.ON_HOLD, deadline.date, deadline.missing)
    if deadline.date is None:
        return RecordStatus(Status.UNDETERMINED, None, deadline.missing)
    if as_of > deadline.date:
        return RecordStatus(Status.OVERDUE, deadline.date)
    if stage is Stage.ACTIVE and active_rule is not None:
        active_end = active_rule.deadline(events, intervals, as_of).date
        if active_end is not None and as_of > active_end:
            return RecordStatus(Status.ARCHIVE_DUE, deadline.date)
    if deadline.date <= as_of + dt.timedelta(days=horizon_days):
        return RecordStatus(Status.DUE_SOON, deadline.date)
    return RecordStatus(Status.OK, deadline.date)


# --- predicates over event columns -------------------------------------------------------


@dataclass(frozen=True)
class Before:
    """``event IS NOT NULL AND event < cutoff``."""

    event: str
    cutoff: dt.date


@dataclass(frozen=True)
class IsNull:
    event: str


@dataclass(frozen=True)
class And:
    parts: tuple[Pred, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Pred, ...]


@dataclass(frozen=True)
class Not:
    part: Pred


@dataclass(frozen=True)
class IsActive:
    """The record's stage is ``active``."""


@dataclass(frozen=True)
class Side:
    """One side of an ``if`` comparison: an event, moved by durations and period ends.

    Its value for a record is ``apply(event date)``; a database looks it up in a table of
    that function, filled by Python for the dates present (SQL computes no date).
    """

    event: str
    steps: tuple[Shift | EndOfMonth | EndOfYear, ...] = ()  # innermost first

    def apply(self, day: dt.date) -> dt.date:
        for step in self.steps:
            day = _unary(step)(day)
        return day

    @property
    def year_steps(self) -> tuple[int, ...] | None:
        """The years moved after each step, when every step is a whole number of years.

        ``last_stay + 10 years`` gives ``(10,)``. Such a side is the event's date with its
        year moved by the last sum and the same month and day, except on 29 February (the
        rule language clamps it to the 28th in a common year) and where a step leaves the
        years 1-9999 (no value): ``Duration.add_to`` moves (year, month) together, then
        clamps the day to the month's length, which only changes 29 February. None when a
        step is a period end, or moves months or days.
        """
        total, sums = 0, []
        for step in self.steps:
            if not isinstance(step, Shift) or step.duration.days or step.duration.months % 12:
                return None
            total += step.duration.years + step.duration.months // 12
            sums.append(total)
        return tuple(sums) if sums else None

    @property
    def key(self) -> tuple[object, ...]:
        """What identifies the function (the same steps on another event share a table)."""
        return tuple(
            ("shift", s.duration) if isinstance(s, Shift) else (type(s).__name__,)
            for s in self.steps
        )


@dataclass(frozen=True)
class Compare:
    """``left op right``, both sides known (false when one is missing)."""

    left: Side
    op: str
    right: Side


Pred: TypeAlias = Before | IsNull | And | Or | Not | IsActive | Compare

TRUE: Pred = And(())
FALSE: Pred = Or(())


def _join(kind: type[And] | type[Or], parts: Iterable[Pred]) -> Pred:
    """A conjunction or disjunction, flattened, without repeats, short-circuited."""
    absorbing = FALSE if kind is And else TRUE
    flat: list[Pred] = []
    for part in parts:
        if part == absorbing:
            return absorbing
        flat.extend(part.parts if isinstance(part, kind) else (part,))
    unique = tuple(dict.fromkeys(flat))
    return unique[0] if len(unique) == 1 else kind(unique)


def and_(*parts: Pred) -> Pred:
    return _join(And, parts)


def or_(*parts: Pred) -> Pred:
    return _join(Or, parts)


def not_(part: Pred) -> Pred:
    if part == TRUE:
        return FALSE
    if part == FALSE:
        return TRUE
    if isinstance(part, Not):
        return part.part
    if isinstance(part, Or) and all(isinstance(p, IsNull) for p in part.parts):
        return and_(*(Not(p) for p in part.parts))  # "no event missing": simplifiable
    return Not(part)


def _known(atom: Pred, facts: frozenset[Pred]) -> bool | None:
    """What ``facts`` (atoms known true) say of ``atom``: True, False or None (nothing)."""
    if isinstance(atom, Not) and isinstance(atom.part, IsNull):
        answer = _known(atom.part, facts)
        return None if answer is None else not answer
    if isinstance(atom, IsNull):
        if atom in facts:
            return True
        if any(isinstance(f, Before) and f.event == atom.event for f in facts) or \
                Not(atom) in facts:
            return False
        return None
    if isinstance(atom, Before):
        if IsNull(atom.event) in facts:
            return False
        if any(isinstance(f, Before) and f.event == atom.event and f.cutoff <= atom.cutoff
               for f in facts):
            return True
    return None


def _is_literal(pred: Pred) -> bool:
    return isinstance(pred, Before | IsNull) or (
        isinstance(pred, Not) and isinstance(pred.part, IsNull))


def _resolve(parts: list[Pred]) -> Pred:
    """A disjunction, with ``(L and x) or (L and not x)`` as ``L``, ``x or not x`` true and
    ``(L and x) or L`` as ``L``, ``x or (not x and L)`` as ``x or L``.

    Once an ``if`` is decided for a record, its predicates reduce to such pairs (``death``
    missing or ``death`` set), which SQL would otherwise test one by one.
    """
    terms = [p.parts if isinstance(p, And) else (p,) for p in parts]
    merged = True
    while merged:
        merged = False
        pairs = [(i, j) for i in range(len(terms)) for j in range(i + 1, len(terms))]
        for i, j in pairs:
            extra_i = [p for p in terms[i] if p not in terms[j]]
            extra_j = [p for p in terms[j] if p not in terms[i]]
            if len(extra_i) == 1 and len(extra_j) == 1 and not_(extra_i[0]) == extra_j[0]:
                terms[i] = tuple(p for p in terms[i] if p != extra_i[0])
                del terms[j]
                merged = True
                break
    # x or (not x and L) is x or L
    alone = {t[0] for t in terms if len(t) == 1}
    terms = [t if len(t) == 1 else tuple(p for p in t if not_(p) not in alone) for t in terms]
    # (L and x) or L is L
    kept = [t for i, t in enumerate(terms)
            if not any(j != i and set(u) <= set(t) and (set(u) < set(t) or j < i)
                       for j, u in enumerate(terms))]
    return or_(*(and_(*term) for term in kept))


def simplify(pred: Pred, facts: frozenset[Pred] = frozenset()) -> Pred:
    """The same predicate with what its context already implies taken out.

    ``max`` and ``min`` repeat "no required event is missing" at every level; a
    conjunction that already compares ``d0 < ...`` needs no ``d0 IS NOT NULL``.
    """
    if _is_literal(pred):
        known = _known(pred, facts)
        return pred if known is None else (TRUE if known else FALSE)
    if isinstance(pred, Not):
        return not_(simplify(pred.part, facts))
    if isinstance(pred, Or):
        return _resolve([simplify(p, facts) for p in pred.parts])
    if isinstance(pred, And):
        literals = [simplify(p, facts) for p in pred.parts if _is_literal(p)]
        if FALSE in literals:
            return FALSE
        kept = [p for p in literals if p != TRUE]
        # A literal the others contradict makes the conjunction false; one they imply
        # (a stronger comparison of the same event) is redundant.
        verdicts = [_known(p, frozenset(q for q in kept if q != p)) for p in kept]
        if False in verdicts:
            return FALSE
        kept = [p for p, verdict in zip(kept, verdicts, strict=True) if verdict is None]
        inner = facts | frozenset(kept)
        others = [simplify(p, inner) for p in pred.parts if not _is_literal(p)]
        return and_(*kept, *others)
    return pred


def holds(pred: Pred, events: Mapping[str, dt.date | None], stage: Stage) -> bool:
    """Evaluate a predicate on one record (what the database does, for tests)."""
    if isinstance(pred, Before):
        value = events.get(pred.event)
        return value is not None and value < pred.cutoff
    if isinstance(pred, IsNull):
        return events.get(pred.event) is None
    if isinstance(pred, And):
        return all(holds(p, events, stage) for p in pred.parts)
    if isinstance(pred, Or):
        return any(holds(p, events, stage) for p in pred.parts)
    if isinstance(pred, Not):
        return not holds(pred.part, events, stage)
    if isinstance(pred, Compare):
        left, right = events.get(pred.left.event), events.get(pred.right.event)
        if left is None or right is None:
            return False
        return bool(_COMPARE[pred.op](pred.left.apply(left), pred.right.apply(right)))
    return stage is Stage.ACTIVE


_COMPARE: Mapping[str, Callable[[dt.date, dt.date], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}


UnaryDate = Callable[[dt.date], dt.date]
_FIRST, _LAST = dt.date.min.toordinal(), dt.date.max.toordinal()


def first_reaching(fn: UnaryDate, target: dt.date) -> dt.date | None:
    """The earliest date y with fn(y) >= target, for a non-decreasing fn.

    So ``fn(y) < target`` iff ``y < first_reaching(fn, target)``; None when no date
    reaches the target (then every date is before it). A result beyond year 9999 counts
    as reaching any target, one before year 1 as reaching none.
    """

    def reaches(ordinal: int) -> bool:
        day = dt.date.fromordinal(ordinal)
        try:
            return fn(day) >= target
        except (ValueError, OverflowError, DateOutOfRangeError):
            return day.year > 5000  # ran past 9999: later than anything; past 1: earlier

    if not reaches(_LAST):
        return None
    low, high = _FIRST, _LAST  # invariant: reaches(high)
    if reaches(low):
        return dt.date.min
    while high - low > 1:  # invariant: not reaches(low), reaches(high)
        middle = (low + high) // 2
        if reaches(middle):
            high = middle
        else:
            low = middle
    return dt.date.fromordinal(high)


def _unary(expr: Shift | EndOfMonth | EndOfYear) -> UnaryDate:
    if isinstance(expr, Shift):
        return expr.duration.add_to
    return end_of_month if isinstance(expr, EndOfMonth) else end_of_year


@dataclass(frozen=True)
class Compiled:
    """What the database needs to know about an expression, as predicates.

    ``unknown`` and ``absent`` hold for records outside ``python``; ``before(x)`` holds for
    records outside ``python_at(x)`` (which contains ``python``). Records inside are left
    to the reference evaluation.
    """

    before: Callable[[dt.date | None], Pred]  # value is a date < x (None: any date)
    unknown: Pred  # a required event is missing: undetermined
    absent: Pred  # only optional events are missing: dropped by min/max
    python: Pred  # records whose unknown/absent SQL cannot tell
    python_at: Callable[[dt.date | None], Pred]  # records whose before(x) SQL cannot tell

    @property
    def determined(self) -> Pred:
        return and_(not_(self.unknown), not_(self.absent))


def _never(_x: dt.date | None) -> Pred:
    return FALSE


def compile_expression(expr: Expr) -> Compiled:
    if isinstance(expr, Event):
        name = expr.name
        missing = IsNull(name)

        def event_before(x: dt.date | None) -> Pred:
            if x is None:
                return not_(missing)
            return FALSE if x == dt.date.min else Before(name, x)

        return Compiled(
            event_before,
            FALSE if expr.optional else missing,
            missing if expr.optional else FALSE,
            FALSE,
            _never,
        )
    if isinstance(expr, Shift | EndOfMonth | EndOfYear):
        inner = compile_expression(expr.operand)
        fn = _unary(expr)

        def cut(x: dt.date | None) -> dt.date | None:
            return None if x is None else first_reaching(fn, x)

        return Compiled(lambda x: inner.before(cut(x)), inner.unknown, inner.absent,
                        inner.python, lambda x: inner.python_at(cut(x)))
    if isinstance(expr, Max | Min):
        parts = [compile_expression(o) for o in expr.operands]
        unknown = or_(*(p.unknown for p in parts))
        absent = and_(*(p.absent for p in parts))
        python = or_(*(p.python for p in parts))

        def python_at(x: dt.date | None) -> Pred:
            return or_(*(p.python_at(x) for p in parts))

        if isinstance(expr, Max):

            def max_before(x: dt.date | None) -> Pred:
                return and_(not_(unknown), not_(absent),
                            *(or_(p.absent, p.before(x)) for p in parts))

            return Compiled(max_before, unknown, absent, python, python_at)

        def min_before(x: dt.date | None) -> Pred:
            return and_(not_(unknown), or_(*(p.before(x) for p in parts)))

        return Compiled(min_before, unknown, absent, python, python_at)
    return _compile_conditional(expr)


def side_of(expr: Expr) -> Side | None:
    """The expression as a Side (an event under shifts and period ends), or None."""
    steps: list[Shift | EndOfMonth | EndOfYear] = []
    while isinstance(expr, Shift | EndOfMonth | EndOfYear):
        steps.append(expr)
        expr = expr.operand
    if not isinstance(expr, Event):
        return None
    return Side(expr.name, tuple(reversed(steps)))


def _compile_conditional(expr: Conditional) -> Compiled:
    left_side, right_side = side_of(expr.condition.left), side_of(expr.condition.right)
    if left_side is not None and right_side is not None:
        return _compile_simple_conditional(expr, Compare(left_side, expr.condition.op,
                                                         right_side))
    left = compile_expression(expr.condition.left)
    right = compile_expression(expr.condition.right)
    then = compile_expression(expr.then)
    otherwise = compile_expression(expr.otherwise)
    condition_unknown = or_(left.unknown, right.unknown)
    # Both sides known: the comparison of two dates decides, which SQL cannot compute...
    decidable = and_(not_(condition_unknown), not_(left.absent), not_(right.absent))
    # ...but when both branches are dates on the same side of x, either way is the same.
    both_dates = and_(decidable, then.determined, otherwise.determined)
    # An optional side missing (and no required one): the condition is false.
    falls_through = and_(not_(condition_unknown), or_(left.absent, right.absent))
    python = or_(left.python, right.python, then.python, otherwise.python,
                 and_(decidable, not_(both_dates)))

    def conditional_before(x: dt.date | None) -> Pred:
        return or_(and_(falls_through, otherwise.before(x)),
                   and_(both_dates, then.before(x), otherwise.before(x)))

    def python_at(x: dt.date | None) -> Pred:
        a, b = then.before(x), otherwise.before(x)
        straddles = and_(both_dates, or_(and_(a, not_(b)), and_(not_(a), b)))
        return or_(python, then.python_at(x), otherwise.python_at(x), straddles)

    return Compiled(
        conditional_before,
        or_(condition_unknown, and_(falls_through, otherwise.unknown)),
        and_(falls_through, otherwise.absent),
        python,
        python_at,
    )


def _compile_simple_conditional(expr: Conditional, comparison: Compare) -> Compiled:
    """An ``if`` comparing two event sides: the database decides the condition itself."""
    left = compile_expression(expr.condition.left)
    right = compile_expression(expr.condition.right)
    then = compile_expression(expr.then)
    otherwise = compile_expression(expr.otherwise)
    condition_unknown = or_(left.unknown, right.unknown)
    falls_through = and_(not_(condition_unknown), or_(left.absent, right.absent))
    decidable = and_(not_(condition_unknown), not_(left.absent), not_(right.absent))
    chosen_then = and_(decidable, comparison)
    chosen_else = or_(falls_through, and_(decidable, not_(comparison)))
    python = or_(then.python, otherwise.python)

    def either(pick: Callable[[Compiled], Pred]) -> Pred:
        return or_(and_(chosen_then, pick(then)), and_(chosen_else, pick(otherwise)))

    return Compiled(
        lambda x: either(lambda branch: branch.before(x)),
        or_(condition_unknown, either(lambda branch: branch.unknown)),
        either(lambda branch: branch.absent),
        python,
        lambda x: or_(python, then.python_at(x), otherwise.python_at(x)),
    )


@dataclass(frozen=True)
class StatusPredicates:
    """Conditions that select each status, valid on records where ``python`` is false.

    They assume no legal hold on the record except holds covering the whole inventory,
    whose ended days are passed as ``suspended_days`` (the same for every record).
    """

    python: Pred
    undetermined: Pred
    overdue: Pred
    archive_due: Pred
    due_soon: Pred
    within: Pred  # deadline <= T + horizon: overdue or due soon (or archive due)
    active_ended: Pred  # active stage and the active phase ended: archive due unless worse
    deadline: Compiled  # of the end of retention, for searches on the deadline
    shift: dt.timedelta  # days of ended holds on the whole inventory

    def deadline_before(self, y: dt.date) -> tuple[Pred, Pred]:
        """(records whose deadline, holds included, is before ``y``; records SQL cannot
        tell apart for that question)."""
        return self.deadline.before(y - self.shift), self.deadline.python_at(y - self.shift)

    @classmethod
    def build(
        cls,
        rule: Rule,
        active_rule: Rule | None,
        as_of: dt.date,
        horizon_days: int = DEFAULT_HORIZON_DAYS,
        suspended_days: int = 0,
    ) -> StatusPredicates:
        delete = compile_expression(rule.ast)
        shift = dt.timedelta(days=suspended_days)
        # deadline + shift < T  <=>  deadline < T - shift (whole days: exact)
        late = as_of - shift
        soon = as_of + dt.timedelta(days=horizon_days + 1) - shift
        overdue, within = delete.before(late), delete.before(soon)
        undetermined = or_(delete.unknown, delete.absent)
        python = or_(delete.python_at(late), delete.python_at(soon))
        active_ended: Pred = FALSE
        if active_rule is not None:
            active = compile_expression(active_rule.ast)
            python = or_(python, active.python_at(late))
            active_ended = and_(IsActive(), active.before(late))
        archive = and_(active_ended, not_(overdue), not_(undetermined))
        due_soon = and_(within, not_(overdue), not_(archive))
        return cls(simplify(python), simplify(undetermined), simplify(overdue),
                   simplify(archive), simplify(due_soon), simplify(within),
                   simplify(active_ended), delete, shift)

    def status(self, events: Mapping[str, dt.date | None], stage: Stage) -> Status | None:
        """The status these predicates give a record; None when Python must decide."""
        if holds(self.python, events, stage):
            return None
        for status, pred in (
            (Status.UNDETERMINED, self.undetermined),
            (Status.OVERDUE, self.overdue),
            (Status.ARCHIVE_DUE, self.archive_due),
            (Status.DUE_SOON, self.due_soon),
        ):
            if holds(pred, events, stage):
                return status
        return Status.OK


def events_of(pred: Pred) -> frozenset[str]:
    if isinstance(pred, Before | IsNull):
        return frozenset({pred.event})
    if isinstance(pred, Compare):
        return frozenset({pred.left.event, pred.right.event})
    if isinstance(pred, And | Or):
        return frozenset().union(*(events_of(p) for p in pred.parts))
    if isinstance(pred, Not):
        return events_of(pred.part)
    return frozenset()


def render_text(pred: Pred) -> str:
    """A predicate in words, for messages and tests: ``(a is set and a < 2006-11-29)``."""
    if pred == TRUE:
        return "true"
    if pred == FALSE:
        return "false"
    if isinstance(pred, Before):
        return f"{pred.event} < {pred.cutoff.isoformat()}"
    if isinstance(pred, IsNull):
        return f"{pred.event} is missing"
    if isinstance(pred, IsActive):
        return "stage is active"
    if isinstance(pred, Compare):
        return f"{_side_text(pred.left)} {pred.op} {_side_text(pred.right)}"
    if isinstance(pred, Not):
        if isinstance(pred.part, IsNull):
            return f"{pred.part.event} is set"
        return f"not {render_text(pred.part)}"
    joiner = " and " if isinstance(pred, And) else " or "
    return "(" + joiner.join(render_text(p) for p in pred.parts) + ")"


def _side_text(side: Side) -> str:
    text = side.event
    for step in side.steps:
        if isinstance(step, Shift):
            text = f"{text} + {step.duration}"
        else:
            text = f"{'end_of_month' if isinstance(step, EndOfMonth) else 'end_of_year'}({text})"
    return text


def sides_of(pred: Pred) -> frozenset[Side]:
    """The comparison sides a predicate uses (the tables a database needs)."""
    if isinstance(pred, Compare):
        return frozenset({pred.left, pred.right})
    if isinstance(pred, And | Or):
        return frozenset().union(*(sides_of(p) for p in pred.parts))
    if isinstance(pred, Not):
        return sides_of(pred.part)
    return frozenset()


def comparisons_of(pred: Pred) -> tuple[Compare, ...]:
    """The comparisons a predicate uses, each once, in the order they appear."""
    if isinstance(pred, Compare):
        return (pred,)
    if isinstance(pred, And | Or):
        return tuple(dict.fromkeys(c for p in pred.parts for c in comparisons_of(p)))
    if isinstance(pred, Not):
        return comparisons_of(pred.part)
    return ()


def assume(pred: Pred, comparison: Compare, value: bool) -> Pred:
    """``pred`` on the records where ``comparison`` is ``value`` (false: also where a side
    is missing, as ``holds`` has it), simplified.

    A database that tests the comparison once per record, then the predicate so reduced
    on each side, selects the same records as with the whole predicate: this is how the
    check decides an ``if`` once instead of at every place its condition appears.
    """
    if pred == comparison:
        return TRUE if value else FALSE
    if isinstance(pred, Not):
        return not_(assume(pred.part, comparison, value))
    if isinstance(pred, And):
        return and_(*(assume(p, comparison, value) for p in pred.parts))
    if isinstance(pred, Or):
        return or_(*(assume(p, comparison, value) for p in pred.parts))
    return pred


def comparison_sides(expr: Expr) -> frozenset[Side]:
    """The sides of the ``if`` comparisons of a rule that the database can look up."""
    found: set[Side] = set()
    for node in iter_nodes(expr):
        if isinstance(node, Conditional):
            left, right = side_of(node.condition.left), side_of(node.condition.right)
            if left is not None and right is not None:
                found.update((left, right))
    return frozenset(found)
