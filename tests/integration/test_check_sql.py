"""The SQL rendering of predicates means what the predicates mean, NULLs included."""

from __future__ import annotations

import calendar
import datetime as dt
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

from domain.check import (
    FALSE,
    TRUE,
    Before,
    Compare,
    IsActive,
    IsNull,
    Pred,
    Side,
    Stage,
    and_,
    holds,
    not_,
    or_,
    side_of,
)
from domain.rules import parse
from domain.rules.errors import DateOutOfRangeError
from storage.check import POSTGRES, SQLITE, SideTables, SqlNames, needs_range, render

COLUMNS = SqlNames({"a": "d0", "b": "d1", "c": "d2"})
days = st.dates(dt.date(2019, 1, 1), dt.date(2021, 12, 31))
atoms = st.one_of(
    st.builds(Before, st.sampled_from(["a", "b", "c", "missing"]), days),
    st.builds(IsNull, st.sampled_from(["a", "b", "c", "missing"])),
    st.just(IsActive()), st.just(TRUE), st.just(FALSE),
)
preds: st.SearchStrategy[Pred] = st.recursive(
    atoms,
    lambda sub: st.one_of(
        st.builds(lambda ps: and_(*ps), st.lists(sub, min_size=1, max_size=3)),
        st.builds(lambda ps: or_(*ps), st.lists(sub, min_size=1, max_size=3)),
        st.builds(not_, sub),
    ),
    max_leaves=12,
)
records = st.lists(st.tuples(st.one_of(st.none(), days), st.one_of(st.none(), days),
                             st.one_of(st.none(), days), st.sampled_from(Stage)),
                   min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(pred=preds, rows=records)
def test_sqlite_agrees_with_the_predicate(pred: Pred, rows: list[tuple[object, ...]]) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE r (n INTEGER, stage TEXT, d0 TEXT, d1 TEXT, d2 TEXT)")
    db.executemany("INSERT INTO r VALUES (?, ?, ?, ?, ?)", [
        (i, stage.value, *(d.isoformat() if d else None for d in (a, b, c)))  # type: ignore[attr-defined]
        for i, (a, b, c, stage) in enumerate(rows)])
    selected = {n for (n,) in db.execute(f"SELECT n FROM r WHERE {render(pred, COLUMNS)}")}
    expected = {i for i, (a, b, c, stage) in enumerate(rows)
                if holds(pred, {"a": a, "b": b, "c": c}, stage)}  # type: ignore[arg-type]
    assert selected == expected
    negated = {n for (n,) in db.execute(
        f"SELECT n FROM r WHERE {render(pred, COLUMNS, negate=True)}")}
    assert negated == set(range(len(rows))) - expected


# --- comparison sides moved by whole years, written as text on SQLite ------------------------

# Where moving the year is not the rule language's value, or where the text needs care:
# 29 February (clamped to the 28th in a common year), the ends of months, years below 1000
# (leading zeros), the last years before 9999 (no value), a leap century and a common one.
AWKWARD = [
    dt.date(2004, 2, 29), dt.date(2000, 2, 29), dt.date(1996, 2, 29), dt.date(2096, 2, 29),
    dt.date(2004, 2, 28), dt.date(2004, 3, 1), dt.date(2006, 11, 30), dt.date(2006, 12, 31),
    dt.date(2007, 1, 31), dt.date(1, 1, 1), dt.date(4, 2, 29), dt.date(985, 6, 30),
    dt.date(989, 12, 31), dt.date(990, 1, 1), dt.date(999, 12, 31), dt.date(1000, 1, 1),
    dt.date(9989, 12, 31), dt.date(9990, 1, 1), dt.date(9996, 2, 29), dt.date(9999, 12, 31),
]
SIDES = ["last_stay + 10 years", "last_stay + 1 year", "last_stay + 4 years",
         "last_stay + 100 years", "last_stay + 24 months", "last_stay - 10 years",
         "(last_stay + 5 years) + 5 years", "(last_stay + 30 years) - 20 years"]


def _side(text: str) -> Side:
    side = side_of(parse(text).ast)
    assert side is not None
    return side


def _value(side: Side, day: dt.date) -> str | None:
    try:
        return side.apply(day).isoformat()
    except (ValueError, OverflowError, DateOutOfRangeError):
        return None


@pytest.mark.parametrize("text", SIDES)
def test_a_side_moved_by_whole_years_is_the_rule_languages_value(text: str) -> None:
    side = _side(text)
    assert side.year_steps is not None and not needs_range(side, SQLITE)
    db = create_engine("sqlite://")
    with db.connect() as connection:
        connection.exec_driver_sql("CREATE TABLE r (d0 TEXT)")
        days = AWKWARD + [dt.date(year, month, day) for year in (1899, 1900, 2023, 2024)
                          for month in range(1, 13) for day in (1, 15, 28, 29, 30, 31)
                          if day <= calendar.monthrange(year, month)[1]]
        connection.exec_driver_sql("INSERT INTO r VALUES (?)", [(d.isoformat(),) for d in days]
                                   + [(None,)])
        names = SideTables(connection, {}).names({"last_stay": "d0"}, [side])
        assert "SELECT v" in names.sides[side]  # the dates where text is not enough
        got = connection.exec_driver_sql(f"SELECT d0, {names.sides[side]} FROM r").all()
    assert got == [(d.isoformat(), _value(side, d)) for d in days] + [(None, None)]


def test_sides_that_do_not_move_whole_years_are_looked_up_over_the_columns_range() -> None:
    for text in ("last_stay + 13 months", "last_stay + 10 years 1 day",
                 "end_of_year(last_stay) + 5 years", "last_stay + 500 years"):
        assert needs_range(_side(text), SQLITE), text
    assert not needs_range(_side("last_stay + 12 months"), SQLITE)
    assert needs_range(_side("last_stay + 10 years"), POSTGRES)  # joined on PostgreSQL


comparisons = st.builds(
    lambda left, op, right: Compare(_side(left), op, _side(right)),
    st.sampled_from(["death", "death + 10 years", "birth + 28 years", "birth + 13 months"]),
    st.sampled_from(["<", "<=", ">", ">="]),
    st.sampled_from(["last_stay + 10 years", "last_stay", "last_stay - 1 year",
                     "last_stay + 13 months", "end_of_month(last_stay) + 1 year"]))
# Years 1-9999 would fill the lookup tables of the other sides with millions of days: the
# edge years are the test above's.
awkward_days = st.one_of(days, st.sampled_from([d for d in AWKWARD if 1800 < d.year < 2200]))


@settings(max_examples=100, deadline=None)
@given(comparison=comparisons, rows=st.lists(
    st.tuples(*(st.one_of(st.none(), awkward_days) for _ in range(3))), min_size=1,
    max_size=12))
def test_sqlite_compares_sides_as_the_predicate_does(
        comparison: Compare, rows: list[tuple[dt.date | None, ...]]) -> None:
    db = create_engine("sqlite://")
    events = ("last_stay", "birth", "death")
    with db.connect() as connection:
        connection.exec_driver_sql("CREATE TABLE r (n INTEGER, d0 TEXT, d1 TEXT, d2 TEXT)")
        connection.exec_driver_sql("INSERT INTO r VALUES (?, ?, ?, ?)", [
            (i, *(d.isoformat() if d else None for d in row)) for i, row in enumerate(rows)])
        columns = {"last_stay": "d0", "birth": "d1", "death": "d2"}
        ranges = {}
        for slot, column in enumerate(columns.values()):
            present = [row[slot] for row in rows if row[slot] is not None]
            if present:
                ranges[column] = (min(present), max(present))
        names = SideTables(connection, ranges).names(columns, [comparison.left,
                                                               comparison.right])

        def selected(sql: str) -> set[int]:
            return {n for (n,) in connection.exec_driver_sql(f"SELECT n FROM r WHERE {sql}")}

        def truth(row: tuple[dt.date | None, ...]) -> bool:
            try:
                return holds(comparison, dict(zip(events, row, strict=True)), Stage.ACTIVE)
            except (ValueError, OverflowError, DateOutOfRangeError):
                return False  # no value beyond 9999: never true (the reference refuses)

        expected = {i for i, row in enumerate(rows) if truth(row)}
        assert selected(render(comparison, names)) == expected
        assert selected(render(comparison, names, negate=True)) == \
            set(range(len(rows))) - expected
