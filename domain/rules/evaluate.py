"""Evaluation of a parsed rule, and suspensions.

A rule is compiled once into nested closures and then evaluated per record against a
``Mapping[str, date | None]`` of event dates.

Missing events (three-valued evaluation):

* a required event that is absent from the mapping or None makes the value *undetermined*;
  the names of all such events reached are collected;
* an optional event (``death?``) that is missing makes its value *absent*: ``min`` and
  ``max`` drop absent operands; when all operands are absent, the ``min``/``max`` itself is
  absent, and absence propagates through ``+``/``-`` and ``end_of_*`` up to the next
  ``min``/``max``. An absent result at the top level is undetermined (``missing`` then lists
  the optional events that were absent);
* a comparison with an undetermined side is undetermined (``if`` then reports the missing
  events of the condition and of both branches); otherwise a comparison with an absent side
  is false.

Suspensions are half-open intervals ``[start, end)``; ``end`` None is a hold with no end.
Once a suspension has ended, the deadline moves by the number of days in the union of the
ended intervals (overlaps merged, not summed).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from domain.rules.durations import end_of_month, end_of_year
from domain.rules.errors import DateOutOfRangeError
from domain.rules.nodes import (
    Comparison,
    Conditional,
    EndOfMonth,
    EndOfYear,
    Event,
    Expr,
    Max,
    Min,
    Shift,
)

__all__ = [
    "Deadline",
    "Events",
    "Suspension",
    "active_suspension",
    "compile_expression",
    "merge_intervals",
    "suspended_days",
]

Events = Mapping[str, dt.date | None]
Suspension = tuple[dt.date, dt.date | None]


@dataclass(frozen=True, slots=True)
class Unknown:
    """An undetermined (``required``) or absent (not ``required``) value, with event names."""

    names: frozenset[str]
    required: bool


Value = dt.date | Unknown
Evaluator = Callable[[Events], Value]


@dataclass(frozen=True)
class Deadline:
    """Outcome of :meth:`domain.rules.Rule.deadline` for one record.

    ``date`` is the last day of retention (inclusive), suspensions included, or None when
    undetermined; then ``missing`` names the events that are needed (sorted). ``base`` is
    the deadline before suspensions, ``suspended_days`` the days added for ended
    suspensions, ``on_hold`` whether a suspension is active (on the ``as_of`` date given to
    ``deadline``, or, without ``as_of``, whether a hold has no end).
    """

    date: dt.date | None
    missing: tuple[str, ...] = ()
    base: dt.date | None = None
    suspended_days: int = 0
    on_hold: bool = False

    @property
    def determined(self) -> bool:
        return self.date is not None

    def is_overdue(self, as_of: dt.date) -> bool:
        """``as_of > date`` (the deadline is the last day kept). False when undetermined.

        Does not look at ``on_hold``: the engine decides which status wins.
        """
        return self.date is not None and as_of > self.date


# -- suspensions -----------------------------------------------------------------------------


def _checked(intervals: Iterable[Suspension]) -> list[Suspension]:
    checked = list(intervals)
    for start, end in checked:
        if end is not None and end < start:
            raise ValueError(f"suspension ends ({end}) before it starts ({start})")
    return checked


def merge_intervals(intervals: Iterable[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Union of half-open intervals ``[start, end)``, as sorted disjoint intervals
    (touching intervals are joined, empty ones dropped)."""
    merged: list[tuple[dt.date, dt.date]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def suspended_days(intervals: Iterable[Suspension], as_of: dt.date | None = None) -> int:
    """Days in the union of the suspensions that have ended.

    A suspension ``[start, end)`` has ended when it has an end and, if ``as_of`` is given,
    ``end <= as_of``. Raises ValueError for a suspension that ends before it starts.
    """
    ended = [
        (start, end)
        for start, end in _checked(intervals)
        if end is not None and (as_of is None or end <= as_of)
    ]
    return sum((end - start).days for start, end in merge_intervals(ended))


def active_suspension(intervals: Iterable[Suspension], as_of: dt.date) -> bool:
    """Whether a suspension covers ``as_of``: ``start <= as_of < end`` (no end: for ever)."""
    return any(
        start <= as_of and (end is None or as_of < end) for start, end in _checked(intervals)
    )


# -- compilation -----------------------------------------------------------------------------

_OPERATORS: dict[str, Callable[[dt.date, dt.date], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def compile_expression(expr: Expr) -> Evaluator:
    """Turn a tree into a function ``events -> date | Unknown``."""
    if isinstance(expr, Event):
        return _event(expr)
    if isinstance(expr, Shift):
        return _shift(expr)
    if isinstance(expr, Max | Min):
        return _extremum(expr)
    if isinstance(expr, EndOfMonth | EndOfYear):
        return _period_end(expr)
    return _conditional(expr)


def _event(expr: Event) -> Evaluator:
    name = expr.name
    unknown = Unknown(frozenset({name}), required=not expr.optional)

    def evaluate(events: Events) -> Value:
        value = events.get(name)
        if value is None:
            return unknown
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise TypeError(
                f"event {name!r} must be a date, not {type(value).__name__} "
                "(convert timestamps with domain.rules.to_local_date)"
            )
        return value

    return evaluate


def _shift(expr: Shift) -> Evaluator:
    operand = compile_expression(expr.operand)
    add_to = expr.duration.add_to
    position, word = expr.position, str(expr.duration)

    def evaluate(events: Events) -> Value:
        value = operand(events)
        if isinstance(value, Unknown):
            return value
        try:
            return add_to(value)
        except (ValueError, OverflowError):
            raise DateOutOfRangeError(position, word) from None

    return evaluate


def _extremum(expr: Max | Min) -> Evaluator:
    operands = [compile_expression(o) for o in expr.operands]
    pick = max if isinstance(expr, Max) else min

    def evaluate(events: Events) -> Value:
        dates: list[dt.date] = []
        required: set[str] = set()
        absent: set[str] = set()
        for operand in operands:
            value = operand(events)
            if isinstance(value, Unknown):
                (required if value.required else absent).update(value.names)
            else:
                dates.append(value)
        if required:
            return Unknown(frozenset(required), required=True)
        if not dates:
            return Unknown(frozenset(absent), required=False)
        return pick(dates)

    return evaluate


def _period_end(expr: EndOfMonth | EndOfYear) -> Evaluator:
    operand = compile_expression(expr.operand)
    cut = end_of_month if isinstance(expr, EndOfMonth) else end_of_year

    def evaluate(events: Events) -> Value:
        value = operand(events)
        return value if isinstance(value, Unknown) else cut(value)

    return evaluate


def _comparison(expr: Comparison) -> Callable[[Events], bool | Unknown]:
    left, right = compile_expression(expr.left), compile_expression(expr.right)
    compare = _OPERATORS[expr.op]

    def evaluate(events: Events) -> bool | Unknown:
        a, b = left(events), right(events)
        required: set[str] = set()
        for value in (a, b):
            if isinstance(value, Unknown) and value.required:
                required.update(value.names)
        if required:
            return Unknown(frozenset(required), required=True)
        if isinstance(a, Unknown) or isinstance(b, Unknown):
            return False
        return compare(a, b)

    return evaluate


def _conditional(expr: Conditional) -> Evaluator:
    condition = _comparison(expr.condition)
    then, otherwise = compile_expression(expr.then), compile_expression(expr.otherwise)

    def evaluate(events: Events) -> Value:
        test = condition(events)
        if test is True:
            return then(events)
        if test is False:
            return otherwise(events)
        names = set(test.names)
        for branch in (then, otherwise):
            try:
                value = branch(events)
            except DateOutOfRangeError:
                continue
            if isinstance(value, Unknown) and value.required:
                names.update(value.names)
        return Unknown(frozenset(names), required=True)

    return evaluate
