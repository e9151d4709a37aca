"""The SQL rendering of predicates means what the predicates mean, NULLs included."""

from __future__ import annotations

import datetime as dt
import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.check import FALSE, TRUE, Before, IsActive, IsNull, Pred, Stage, and_, holds, not_, or_
from storage.check import SqlNames, render

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
