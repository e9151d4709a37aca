"""Semantics of the rule language: units, optional events, min/max, conditions, the AST."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.rules import (
    Comparison,
    Conditional,
    DateOutOfRangeError,
    Duration,
    EndOfMonth,
    EndOfYear,
    Event,
    Max,
    Min,
    RuleError,
    Shift,
    UnknownEventError,
    iter_nodes,
    parse,
    to_text,
)

D = dt.date
X = D(2020, 2, 29)


@pytest.mark.parametrize(
    "spelling",
    [
        "20 years", "20 year", "20 y", "20 Y", "20 ans", "20 an", "20 années", "20 ANNÉES",
        "20 annees", "20 Années", "20 anne\u0301es", "20years", "20\u00a0ans", "P20Y", "p20y",
        "P20Y0M", "10 years 10 years", "19 ans 12 mois",
    ],
)  # fmt: skip
def test_year_spellings(spelling: str) -> None:
    assert parse(f"x + {spelling}").deadline({"x": X}).date == D(2040, 2, 29)


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("1 month", Duration(months=1)),
        ("2 months", Duration(months=2)),
        ("3 mois", Duration(months=3)),
        ("3 MOIS", Duration(months=3)),
        ("P6M", Duration(months=6)),
        ("1 week", Duration(days=7)),
        ("2 weeks", Duration(days=14)),
        ("1 semaine", Duration(days=7)),
        ("3 semaines", Duration(days=21)),
        ("P2W", Duration(days=14)),
        ("1 day", Duration(days=1)),
        ("30 days", Duration(days=30)),
        ("1 jour", Duration(days=1)),
        ("30 jours", Duration(days=30)),
        ("P30D", Duration(days=30)),
        ("1 an 6 mois", Duration(1, 6)),
        ("1 year 6 months", Duration(1, 6)),
        ("P1Y6M", Duration(1, 6)),
        ("P1Y6M2W3D", Duration(1, 6, 17)),
        ("1 year 1 day 1 month", Duration(1, 1, 1)),
    ],
)
def test_unit_spellings(spelling: str, expected: Duration) -> None:
    ast = parse(f"x + {spelling}").ast
    assert ast == Shift(Event("x"), expected)


def test_minus_sums_with_the_other_durations() -> None:
    ast = parse("x + 1 year - 2 months + P3D - 1 week").ast
    assert ast == Shift(Event("x"), Duration(1, -2, 3 - 7))


def test_parentheses_chain_steps() -> None:
    assert parse("(x + 1 month) + 1 month").ast == Shift(
        Shift(Event("x"), Duration(months=1)), Duration(months=1)
    )
    assert parse("((x)) + 1 month").ast == Shift(Event("x"), Duration(months=1))


# -- missing and optional events -----------------------------------------------------------


def test_missing_required_event_is_undetermined() -> None:
    rule = parse("max(x + 1 year, y + 2 years)")
    assert rule.deadline({"x": X}).missing == ("y",)
    assert rule.deadline({"x": X, "y": None}).missing == ("y",)
    assert rule.deadline({"x": X, "y": None}).date is None
    assert rule.deadline({}).missing == ("x", "y")
    assert rule.deadline({"x": X, "y": X}).date == D(2022, 2, 28)
    assert not rule.deadline({}).determined


def test_optional_missing_event_is_dropped_from_min_and_max() -> None:
    rule = parse("min(x + 20 years, death? + 10 years)")
    assert rule.deadline({"x": X}).date == D(2040, 2, 29)
    assert rule.deadline({"x": X, "death": None}).date == D(2040, 2, 29)
    assert rule.deadline({"x": X, "death": D(2021, 1, 1)}).date == D(2031, 1, 1)
    assert parse("max(x, y?)").deadline({"x": X}).date == X


def test_a_required_missing_event_wins_over_an_absent_optional_one() -> None:
    assert parse("min(x, y?)").deadline({}).missing == ("x",)


def test_all_operands_absent_propagates_to_the_next_min_max() -> None:
    rule = parse("max(end_of_year(min(a?, b?) + 1 year), c)")
    assert rule.deadline({"c": X}).date == X
    assert rule.deadline({"c": X, "b": D(2030, 5, 1)}).date == D(2031, 12, 31)


def test_absent_at_top_level_is_undetermined() -> None:
    for text in ["min(a?, b?)", "death? + 10 years", "end_of_month(a?)", "a?"]:
        deadline = parse(text).deadline({})
        assert deadline.date is None, text
        assert deadline.missing == tuple(sorted(parse(text).events)), text


def test_an_event_both_optional_and_required() -> None:
    rule = parse("if death? < x then death + 10 years else x")
    assert rule.events == {"death", "x"}
    assert rule.required_events == {"death", "x"}
    assert rule.optional_events == {"death"}
    assert rule.deadline({"x": X}).date == X
    assert rule.deadline({"x": X, "death": D(2019, 1, 1)}).date == D(2029, 1, 1)


# -- conditions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "before", "equal", "after"),
    [("<", True, False, False), ("<=", True, True, False), (">", False, False, True),
     (">=", False, True, True)],
)  # fmt: skip
def test_comparisons(op: str, before: bool, equal: bool, after: bool) -> None:
    rule = parse(f"if a {op} b then a else b + 1 day")
    b = D(2020, 6, 15)
    for a, holds in ((D(2020, 6, 14), before), (b, equal), (D(2020, 6, 16), after)):
        expected = a if holds else b + dt.timedelta(days=1)
        assert rule.deadline({"a": a, "b": b}).date == expected, (op, a)


def test_condition_on_a_missing_optional_event_is_false() -> None:
    for op in ("<", "<=", ">", ">="):
        rule = parse(f"if d? {op} x then x + 1 day else x + 2 days")
        assert rule.deadline({"x": X}).date == D(2020, 3, 2), op
        rule = parse(f"if x {op} d? then x + 1 day else x + 2 days")
        assert rule.deadline({"x": X}).date == D(2020, 3, 2), op


def test_condition_on_a_missing_required_event_is_undetermined() -> None:
    rule = parse("if d < x then y else z")
    deadline = rule.deadline({"x": X, "y": X})
    assert deadline.date is None
    # what the condition and both branches would need
    assert deadline.missing == ("d", "z")
    assert rule.deadline({"x": X, "d": X, "z": X}).date == X
    # the optional side makes it false, but the required side is missing: undetermined
    assert parse("if d? < x then y else z").deadline({"y": X, "z": X}).missing == ("x",)


def test_nested_conditions_and_case_insensitive_keywords() -> None:
    rule = parse("IF a < b THEN If a < c Then a Else c ELSE MAX(b, c)")
    assert rule.deadline({"a": D(2020, 1, 1), "b": D(2021, 1, 1), "c": D(2019, 1, 1)}).date == D(
        2019, 1, 1
    )
    assert rule.deadline({"a": D(2022, 1, 1), "b": D(2021, 1, 1), "c": D(2019, 1, 1)}).date == D(
        2021, 1, 1
    )


def test_condition_sides_may_be_expressions() -> None:
    rule = parse("if end_of_year(a) + 1 month >= max(b, c) - 1 day then a else b")
    events = {"a": D(2020, 3, 1), "b": D(2021, 2, 1), "c": D(2021, 1, 1)}
    assert rule.deadline(events).date == D(2020, 3, 1)


# -- evaluation errors ---------------------------------------------------------------------


def test_date_out_of_range() -> None:
    rule = parse("x + 100 years")
    with pytest.raises(DateOutOfRangeError) as info:
        rule.deadline({"x": D(9950, 1, 1)})
    assert info.value.code == "rule.date_out_of_range"
    assert info.value.position == 2
    assert isinstance(info.value, RuleError)
    with pytest.raises(DateOutOfRangeError):
        parse("x - 1 day").deadline({"x": D(1, 1, 1)})
    with pytest.raises(DateOutOfRangeError):
        parse("x").deadline({"x": D(9999, 12, 30)}, [(D(2020, 1, 1), D(2020, 1, 3))])


# -- events check --------------------------------------------------------------------------


def test_check_events() -> None:
    rule = parse("min(max(last_stay + 20 years, birth + 28 years), deces? + 10 years)")
    rule.check_events(["last_stay", "birth", "deces", "other"])
    with pytest.raises(UnknownEventError) as info:
        rule.check_events({"last_stay", "birth", "death"})
    error = info.value
    assert (error.code, error.position, error.word) == ("rule.unknown_event", 49, "deces")
    assert str(error) == "unknown event 'deces' at 49"
    assert error.params["known"] == ("birth", "death", "last_stay")
    with pytest.raises(UnknownEventError) as info:
        rule.check_events([])
    assert info.value.word == "last_stay"  # the first one in the text


# -- the tree ------------------------------------------------------------------------------


def test_ast_shape_and_positions() -> None:
    text = "min(max(last_stay + 20 years, birth + 28 years), death? + 10 years)"
    rule = parse(text)
    assert rule.text == str(rule) == text
    assert rule.ast == Min(
        (
            Max(
                (
                    Shift(Event("last_stay"), Duration(20)),
                    Shift(Event("birth"), Duration(28)),
                )
            ),
            Shift(Event("death", optional=True), Duration(10)),
        )
    )
    assert [n.position for n in rule.event_nodes] == [8, 30, 49]
    assert [text[n.position :].split()[0] for n in rule.event_nodes] == [
        "last_stay",
        "birth",
        "death?",
    ]
    kinds = [type(n).__name__ for n in iter_nodes(rule.ast)]
    assert kinds == ["Min", "Max", "Shift", "Event", "Shift", "Event", "Shift", "Event"]


def test_positions_do_not_count_in_equality() -> None:
    assert parse("x+1 year").ast == parse("  x  +  1  year ").ast
    assert parse("x+1 year") != parse("x + 1 year")  # rules compare by text too
    assert hash(parse("x + 1 an").ast) == hash(parse("x + 1 year").ast)


def test_all_node_kinds_and_to_text() -> None:
    text = (
        "if end_of_month(a) + 1 year 2 months - 3 days <= end_of_year(b?) "
        "then (max(a, b?) + 1 day) + 1 day else min(a, b?)"
    )
    ast = parse(text).ast
    assert isinstance(ast, Conditional)
    assert isinstance(ast.condition, Comparison)
    assert ast.condition.op == "<="
    assert isinstance(ast.condition.right, EndOfYear)
    left = ast.condition.left
    assert isinstance(left, Shift)
    assert isinstance(left.operand, EndOfMonth)
    assert left.duration == Duration(1, 2, -3)
    canonical = to_text(ast)
    assert canonical == (
        "if end_of_month(a) + 1 year 2 months - 3 days <= end_of_year(b?) "
        "then (max(a, b?) + 1 day) + 1 day else min(a, b?)"
    )
    assert parse(canonical).ast == ast
    assert to_text(parse("x - P1Y").ast) == "x - 1 year"
    assert to_text(parse("x + 0 days").ast) == "x + 0 days"
    assert to_text(parse("(if a < b then a else b) + 1 day").ast) == (
        "(if a < b then a else b) + 1 day"
    )
