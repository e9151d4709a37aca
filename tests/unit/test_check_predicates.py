"""The fast path's predicates give every record the status the reference gives it."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.check import (
    TRUE,
    Before,
    Compare,
    IsActive,
    IsNull,
    Pred,
    Side,
    Stage,
    Status,
    StatusPredicates,
    and_,
    assume,
    classify,
    comparisons_of,
    first_reaching,
    holds,
    not_,
    or_,
    simplify,
)
from domain.rules import Duration, Event, Shift, parse

EVENTS = ("a", "b", "c")
# Dates bunched around month ends and leap days, where forward and backward rules differ.
days = st.one_of(
    st.dates(dt.date(1999, 1, 1), dt.date(2031, 12, 31)),
    st.sampled_from([dt.date(2000, 2, 29), dt.date(2019, 2, 28), dt.date(2019, 3, 31),
                     dt.date(2020, 2, 29), dt.date(2023, 1, 31), dt.date(2024, 2, 29)]),
)
maybe_day = st.one_of(st.none(), days)
durations = st.sampled_from(["1 month", "1 year", "13 months", "20 years", "28 ans",
                             "30 days", "P1Y6M", "1 month 15 days", "10 years", "3 mois"])


def expressions(depth: int = 0) -> st.SearchStrategy[str]:
    leaf = st.builds(lambda e, q, d: f"{e}{'?' if q else ''} + {d}",
                     st.sampled_from(EVENTS), st.booleans(), durations)
    if depth >= 2:
        return leaf
    sub = expressions(depth + 1)
    return st.one_of(
        leaf,
        st.builds(lambda f, xs: f"{f}({', '.join(xs)})", st.sampled_from(["max", "min"]),
                  st.lists(sub, min_size=2, max_size=3)),
        st.builds(lambda f, x: f"{f}({x})", st.sampled_from(["end_of_month", "end_of_year"]),
                  sub),
        st.builds(lambda x, d: f"({x}) + {d}", sub, durations),
        st.builds(lambda left, op, r, t, o: f"if {left} {op} {r} then {t} else {o}", sub,
                  st.sampled_from(["<", "<=", ">", ">="]), sub, sub, sub),
    )


@settings(max_examples=400, deadline=None)
@given(
    text=expressions(),
    active=st.one_of(st.none(), expressions(1)),
    records=st.lists(st.tuples(maybe_day, maybe_day, maybe_day, st.sampled_from(Stage)),
                     min_size=1, max_size=20),
    as_of=days,
    horizon=st.sampled_from([0, 30, 92]),
    suspended=st.sampled_from([0, 1, 29, 902]),
)
def test_predicates_agree_with_the_reference(text: str, active: str | None,
                                             records: list[tuple[object, ...]],
                                             as_of: dt.date, horizon: int,
                                             suspended: int) -> None:
    rule = parse(text)
    active_rule = parse(active) if active else None
    predicates = StatusPredicates.build(rule, active_rule, as_of, horizon, suspended)
    # A hold over the whole inventory, ended before as_of, lasting `suspended` days.
    holds = [(dt.date(1990, 1, 1), dt.date(1990, 1, 1) + dt.timedelta(days=suspended))]
    for a, b, c, stage in records:
        events = dict(zip(EVENTS, (a, b, c), strict=True))
        fast = predicates.status(events, stage)  # type: ignore[arg-type]
        if fast is None:
            continue  # decided one by one
        expected = classify(rule, active_rule, events, stage, holds, as_of,  # type: ignore[arg-type]
                            horizon).status
        assert fast == expected, (text, active, events, stage)


def test_a_rule_without_if_needs_no_record_by_record_evaluation() -> None:
    rule = parse("min(max(last_stay + 20 years, birth + 28 years), death? + 10 years)")
    predicates = StatusPredicates.build(rule, None, dt.date(2026, 11, 29))
    events = {"last_stay": dt.date(2005, 3, 15), "birth": dt.date(1960, 5, 10), "death": None}
    assert predicates.status(events, Stage.ACTIVE) is Status.OVERDUE


@pytest.mark.parametrize(
    ("anchor", "duration", "as_of", "overdue"),
    [  # retention-rules.md d.2: the forward rule, not `anchor < as_of - duration`
        (dt.date(2019, 2, 28), Duration(months=1), dt.date(2019, 3, 31), True),
        (dt.date(2019, 2, 28), Duration(years=1), dt.date(2020, 2, 29), True),
        (dt.date(2019, 4, 30), Duration(months=1), dt.date(2019, 5, 31), True),
        (dt.date(2019, 4, 30), Duration(months=1), dt.date(2019, 5, 30), False),
    ],
)
def test_cutoffs_follow_the_forward_rule(anchor: dt.date, duration: Duration,
                                         as_of: dt.date, overdue: bool) -> None:
    cutoff = first_reaching(duration.add_to, as_of)
    assert cutoff is not None
    assert (anchor < cutoff) is overdue
    assert (duration.add_to(anchor) < as_of) is overdue


def test_cutoffs_at_the_ends_of_the_calendar() -> None:
    assert first_reaching(Duration(years=20).add_to, dt.date(1, 6, 1)) == dt.date.min
    assert first_reaching(Duration(years=-20).add_to, dt.date(9999, 12, 31)) is None


def test_simplified_predicates_are_smaller() -> None:
    from domain.check import render_text

    rule = parse("min(max(last_stay + 20 years, birth + 28 years), death? + 10 years)")
    predicates = StatusPredicates.build(rule, None, dt.date(2026, 11, 29))
    assert render_text(predicates.overdue) == (
        "(last_stay is set and birth is set and ((last_stay < 2006-11-29 and "
        "birth < 1998-11-29) or death < 2016-11-29))")
    assert render_text(predicates.undetermined) == "(last_stay is missing or birth is missing)"
    assert render_text(predicates.python) == "false"


# --- deciding a comparison first -------------------------------------------------------------

SIDES = [Side("a"), Side("b", (Shift(Event("b"), Duration(years=10)),)),
         Side("c", (Shift(Event("c"), Duration(months=13)),))]
compares = st.builds(Compare, st.sampled_from(SIDES), st.sampled_from(["<", "<=", ">", ">="]),
                     st.sampled_from(SIDES))
cut = st.dates(dt.date(2010, 1, 1), dt.date(2030, 12, 31))
atoms = st.one_of(compares, st.builds(Before, st.sampled_from(EVENTS), cut),
                  st.builds(IsNull, st.sampled_from(EVENTS)), st.just(IsActive()))
preds: st.SearchStrategy[Pred] = st.recursive(
    atoms,
    lambda sub: st.one_of(
        st.builds(lambda ps: and_(*ps), st.lists(sub, min_size=1, max_size=3)),
        st.builds(lambda ps: or_(*ps), st.lists(sub, min_size=1, max_size=3)),
        st.builds(not_, sub),
    ),
    max_leaves=10,
)


@settings(max_examples=400, deadline=None)
@given(pred=preds, a=maybe_day, b=maybe_day, c=maybe_day, stage=st.sampled_from(Stage))
def test_a_predicate_decided_on_its_first_comparison_selects_the_same_records(
        pred: Pred, a: dt.date | None, b: dt.date | None, c: dt.date | None,
        stage: Stage) -> None:
    events = {"a": a, "b": b, "c": c}
    expected = holds(pred, events, stage)
    assert holds(simplify(pred), events, stage) is expected
    for comparison in comparisons_of(pred):
        outcome = holds(comparison, events, stage)  # false where a side is missing
        assert holds(simplify(assume(pred, comparison, outcome)), events, stage) is expected
        # what the record passes whichever way the comparison goes
        either = or_(assume(pred, comparison, True), assume(pred, comparison, False))
        assert not expected or holds(either, events, stage)


def test_complementary_terms_merge() -> None:
    a_set, a_missing = not_(IsNull("a")), IsNull("a")
    late = Before("b", dt.date(2020, 1, 1))
    assert simplify(or_(and_(late, a_missing), and_(late, a_set))) == late
    assert simplify(or_(a_missing, a_set)) == TRUE


def test_the_exact_rule_decided_on_its_condition_is_range_tests() -> None:
    from domain.check import render_text

    rule = parse("if death? < last_stay + 10 years then death? + 10 years "
                 "else max(last_stay + 20 years, birth + 28 years)")
    predicates = StatusPredicates.build(rule, None, dt.date(2026, 11, 29))
    (condition,) = comparisons_of(predicates.overdue)
    assert condition.right.year_steps == (10,)
    both_known = frozenset({not_(IsNull("death")), not_(IsNull("last_stay"))})
    assert render_text(simplify(assume(predicates.overdue, condition, True), both_known)) == \
        "death < 2016-11-29"
    assert render_text(simplify(assume(predicates.overdue, condition, False))) == \
        "(last_stay < 2006-11-29 and birth < 1998-11-29)"
