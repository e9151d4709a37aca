"""Property tests: the rule evaluator against a plain reference evaluator written here.

Random small expression trees (tuples) over a few events are printed as rule text with
random spellings, parsed, evaluated with random dates (some missing), and compared with a
reference evaluator that does its own calendar arithmetic (no dateutil).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.rules import Duration, parse, to_text

EVENTS = ("a", "b", "c", "death")
DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
MAYBE_DATES = st.one_of(st.none(), DATES)

YEAR_WORDS = ("year", "years", "y", "an", "ans", "années", "annees", "YEARS")
MONTH_WORDS = ("month", "months", "mois")
WEEK_WORDS = ("week", "weeks", "semaine", "semaines")
DAY_WORDS = ("day", "days", "jour", "jours")

Tree = tuple[Any, ...]

# -- the reference -------------------------------------------------------------------------


def add(day: dt.date, years: int, months: int, days: int) -> dt.date:
    """Years and months at once, clamp to the month's last day, then days (CPC 641)."""
    total = day.year * 12 + (day.month - 1) + years * 12 + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last)) + dt.timedelta(days=days)


def reference(tree: Tree, events: dict[str, dt.date | None]) -> tuple[str, Any]:
    """('date', d) | ('absent', names) | ('missing', names)."""
    kind = tree[0]
    if kind == "event":
        _, name, optional = tree
        value = events.get(name)
        if value is not None:
            return ("date", value)
        return ("absent" if optional else "missing", {name})
    if kind == "shift":
        _, operand, steps = tree
        result = reference(operand, events)
        if result[0] != "date":
            return result
        years = sum(sign * y for sign, (y, _m, _w, _d), _ in steps)
        months = sum(sign * m for sign, (_y, m, _w, _d), _ in steps)
        days = sum(sign * (7 * w + d) for sign, (_y, _m, w, d), _ in steps)
        return ("date", add(result[1], years, months, days))
    if kind in ("max", "min"):
        results = [reference(t, events) for t in tree[1]]
        missing = set().union(*(r[1] for r in results if r[0] == "missing"))
        if missing:
            return ("missing", missing)
        dates = [r[1] for r in results if r[0] == "date"]
        if not dates:
            return ("absent", set().union(*(r[1] for r in results)))
        return ("date", max(dates) if kind == "max" else min(dates))
    if kind in ("eom", "eoy"):
        result = reference(tree[1], events)
        if result[0] != "date":
            return result
        day = result[1]
        if kind == "eoy":
            return ("date", dt.date(day.year, 12, 31))
        return ("date", dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1]))
    assert kind == "if"
    _, op, left, right, then, otherwise = tree
    lhs, rhs = reference(left, events), reference(right, events)
    missing = set()
    for side in (lhs, rhs):
        if side[0] == "missing":
            missing |= side[1]
    if missing:
        for branch in (then, otherwise):
            result = reference(branch, events)
            if result[0] == "missing":
                missing |= result[1]
        return ("missing", missing)
    if lhs[0] == "absent" or rhs[0] == "absent":
        holds = False
    else:
        holds = {
            "<": lhs[1] < rhs[1],
            "<=": lhs[1] <= rhs[1],
            ">": lhs[1] > rhs[1],
            ">=": lhs[1] >= rhs[1],
        }[op]
    return reference(then if holds else otherwise, events)


# -- random trees and their text -----------------------------------------------------------

COMPONENTS = st.tuples(*(st.integers(0, 30) for _ in range(4))).filter(any)
SPELLING = st.sampled_from(["words", "iso", "compact"])
STEPS = st.lists(st.tuples(st.sampled_from([1, -1]), COMPONENTS, SPELLING), min_size=1, max_size=3)


def _extend(children: st.SearchStrategy[Tree]) -> st.SearchStrategy[Tree]:
    return st.one_of(
        st.tuples(st.just("shift"), children, STEPS),
        st.tuples(st.sampled_from(["max", "min"]), st.lists(children, min_size=2, max_size=3)),
        st.tuples(st.sampled_from(["eom", "eoy"]), children),
        st.tuples(
            st.just("if"), st.sampled_from(["<", "<=", ">", ">="]), children, children, children,
            children,
        ),
    )  # fmt: skip


TREES = st.recursive(
    st.tuples(st.just("event"), st.sampled_from(EVENTS), st.booleans()), _extend, max_leaves=8
)


def _duration_text(components: tuple[int, int, int, int], spelling: str, draw: Any) -> str:
    if spelling == "iso":
        parts = [f"{n}{u}" for n, u in zip(components, "YMWD", strict=True) if n]
        return "P" + "".join(parts)
    words = []
    for n, choices in zip(
        components, (YEAR_WORDS, MONTH_WORDS, WEEK_WORDS, DAY_WORDS), strict=True
    ):
        if n:
            word = draw(st.sampled_from(choices))
            words.append(
                f"{n}{word}" if spelling == "compact" and word.isalpha() else f"{n} {word}"
            )
    return " ".join(words)


def render(tree: Tree, draw: Any) -> str:
    kind = tree[0]
    if kind == "event":
        return str(tree[1]) + ("?" if tree[2] else "")
    if kind == "shift":
        operand = render(tree[1], draw)
        if tree[1][0] in ("shift", "if") or draw(st.booleans()):
            operand = f"({operand})"
        steps = " ".join(
            f"{'+' if sign > 0 else '-'} {_duration_text(c, s, draw)}" for sign, c, s in tree[2]
        )
        return f"{operand} {steps}"
    if kind in ("max", "min"):
        return f"{kind}({', '.join(render(t, draw) for t in tree[1])})"
    if kind in ("eom", "eoy"):
        name = "end_of_month" if kind == "eom" else "end_of_year"
        return f"{name}({render(tree[1], draw)})"
    _, op, left, right, then, otherwise = tree
    lhs, rhs = render(left, draw), render(right, draw)
    if left[0] == "if":
        lhs = f"({lhs})"
    if right[0] == "if":
        rhs = f"({rhs})"
    return f"if {lhs} {op} {rhs} then {render(then, draw)} else {render(otherwise, draw)}"


@settings(max_examples=400, deadline=None)
@given(TREES, st.data())
def test_evaluator_matches_the_reference(tree: Tree, data: st.DataObject) -> None:
    text = render(tree, data.draw)
    events: dict[str, dt.date | None] = {}
    for name in EVENTS:
        if data.draw(st.booleans()):  # else: not in the mapping at all
            events[name] = data.draw(MAYBE_DATES)
    rule = parse(text)
    deadline = rule.deadline(events)
    kind, value = reference(tree, events)
    if kind == "date":
        assert deadline.date == value, text
        assert deadline.missing == ()
    else:
        assert deadline.date is None, text
        assert deadline.missing == tuple(sorted(value)), text
    # the canonical text means the same thing
    assert parse(to_text(rule.ast)).ast == rule.ast
    assert parse(to_text(rule.ast)).deadline(events) == deadline


@given(
    DATES,
    st.lists(
        st.tuples(st.sampled_from(["+", "-"]), st.integers(0, 40), st.integers(0, 30),
                  st.integers(0, 400)),
        min_size=1,
        max_size=5,
    ),
)  # fmt: skip
def test_durations_are_summed_then_applied_in_one_step(
    day: dt.date, steps: list[tuple[str, int, int, int]]
) -> None:
    text = "x " + " ".join(f"{s} {y} years {m} months {d} days" for s, y, m, d in steps)
    sign = {"+": 1, "-": -1}
    total = relativedelta(
        years=sum(sign[s] * y for s, y, _, _ in steps),
        months=sum(sign[s] * m for s, _, m, _ in steps),
        days=sum(sign[s] * d for s, _, _, d in steps),
    )
    assert parse(text).deadline({"x": day}).date == day + total


@given(DATES, st.lists(st.tuples(st.integers(0, 40), st.integers(0, 30)), min_size=1, max_size=4))
def test_parentheses_apply_steps_one_after_the_other(
    day: dt.date, steps: list[tuple[int, int]]
) -> None:
    text = "x"
    expected = day
    for years, months in steps:
        text = f"({text}) + {years} years {months} months"
        expected = expected + relativedelta(years=years, months=months)
    assert parse(text).deadline({"x": day}).date == expected


@given(DATES, st.integers(0, 100), st.integers(0, 100))
def test_five_plus_fifteen_is_twenty(day: dt.date, first: int, second: int) -> None:
    single = parse(f"x + {first + second} years").deadline({"x": day})
    assert parse(f"x + {first} years + {second} years").deadline({"x": day}) == single
    assert parse(f"x + P{first}Y + {second} ans").deadline({"x": day}) == single


@given(
    st.dates(),
    st.integers(-10000, 10000),
    st.integers(-200, 200),
    st.integers(-4_000_000, 4_000_000),
)
def test_duration_add_to_is_relativedelta(day: dt.date, years: int, months: int, days: int) -> None:
    duration = Duration(years, months, days)
    try:
        expected: dt.date | None = day + relativedelta(years=years, months=months, days=days)
    except (ValueError, OverflowError):
        expected = None
    try:
        result: dt.date | None = duration.add_to(day)
    except (ValueError, OverflowError):
        result = None
    assert result == expected
