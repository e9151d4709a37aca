"""Parse errors: typed, with a stable code, a position and the offending word; fuzzed."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.errors import RegistreError
from domain.rules import (
    DateOutOfRangeError,
    RuleError,
    RuleSyntaxError,
    UnknownUnitError,
    errors,
    parse,
    to_text,
)

DEEP = "(" * 100 + "x" + ")" * 100

# (text, code, position, word)
ERRORS = [
    ("", "rule.empty", 0, ""),
    ("  \t\n", "rule.empty", 0, ""),
    ("last_stay + 20 yers", "rule.unknown_unit", 15, "yers"),
    ("x + 6 m", "rule.unknown_unit", 6, "m"),
    ("x + 6 minutes", "rule.unknown_unit", 6, "minutes"),
    ("x + 1 year 6", "rule.unexpected_end", 12, ""),
    ("x + 20", "rule.unexpected_end", 6, ""),
    ("x + 20 + 1 year", "rule.syntax", 7, "+"),
    ("foo(x)", "rule.unknown_function", 0, "foo"),
    ("max(a, Foo(b))", "rule.unknown_function", 7, "Foo"),
    ("x +", "rule.unexpected_end", 3, ""),
    ("max(a, b", "rule.unexpected_end", 8, ""),
    ("max(a b)", "rule.syntax", 6, "b"),
    ("x y", "rule.syntax", 2, "y"),
    ("x + y", "rule.syntax", 4, "y"),
    ("x + P", "rule.syntax", 4, "P"),
    ("x + PT1H", "rule.invalid_duration", 4, "PT1H"),
    ("x + P1Y1Y", "rule.invalid_duration", 4, "P1Y1Y"),
    ("x + P1.5Y", "rule.invalid_character", 6, "."),
    ("x + 1.5 years", "rule.invalid_character", 5, "."),
    ("x * 2", "rule.invalid_character", 2, "*"),
    ("x = y", "rule.invalid_character", 2, "="),
    ("Death + 1 year", "rule.invalid_event_name", 0, "Death"),
    ("décès + 1 an", "rule.invalid_event_name", 0, "décès"),
    ("_x", "rule.invalid_event_name", 0, "_x"),
    ("then", "rule.syntax", 0, "then"),
    ("if", "rule.unexpected_end", 2, ""),
    ("max", "rule.unexpected_end", 3, ""),
    ("max + 1 day", "rule.syntax", 4, "+"),
    ("max(a)", "rule.arity", 0, "max"),
    ("min()", "rule.arity", 0, "min"),
    ("end_of_year(a, b)", "rule.arity", 0, "end_of_year"),
    ("end_of_month()", "rule.arity", 0, "end_of_month"),
    ("x + 1000000 days", "rule.number_too_large", 4, "1000000"),
    ("x + P1000000D", "rule.number_too_large", 4, "P1000000D"),
    ("x + " + "9" * 5000 + " days", "rule.number_too_large", 4, "9" * 5000),
    (DEEP, "rule.too_deep", 64, "("),
    ("if a < b then a", "rule.unexpected_end", 15, ""),
    ("if a < b a else b", "rule.syntax", 9, "a"),
    ("if a then a else b", "rule.syntax", 5, "then"),
    ("a < b", "rule.syntax", 2, "<"),
    ("(x)?", "rule.syntax", 3, "?"),
    ("x??", "rule.syntax", 2, "?"),
    ("x + 1 year)", "rule.syntax", 10, ")"),
    ("20 years", "rule.syntax", 0, "20"),
    ("+ 1 year", "rule.syntax", 0, "+"),
]


@pytest.mark.parametrize(("text", "code", "position", "word"), ERRORS)
def test_syntax_errors(text: str, code: str, position: int, word: str) -> None:
    with pytest.raises(RuleSyntaxError) as info:
        parse(text)
    error = info.value
    assert (error.code, error.position, error.word) == (code, position, word)
    assert error.params["position"] == position
    assert error.params["word"] == word
    assert isinstance(error, RuleError)
    assert isinstance(error, RegistreError)
    assert not isinstance(error, ValueError | IndexError)


def test_messages() -> None:
    with pytest.raises(UnknownUnitError) as info:
        parse("last_stay + 20 yers")
    assert str(info.value) == "unknown unit 'yers' at 15"
    with pytest.raises(RuleSyntaxError) as syntax:
        parse("x + y")
    assert str(syntax.value).startswith("unexpected 'y' at 4, expected a duration")
    assert str(syntax.value.params["expected"]).startswith("a duration")
    with pytest.raises(RuleSyntaxError) as end:
        parse("max(a, b")
    assert str(end.value) == "unexpected end of rule at 8, expected ',' or ')'"


def test_codes_are_stable_and_distinct() -> None:
    classes = [
        getattr(errors, name)
        for name in errors.__all__
        if name not in ("RuleError", "RuleSyntaxError")
    ]
    codes = [cls.code for cls in classes]
    assert len(set(codes)) == len(codes)
    assert all(code.startswith("rule.") for code in codes)
    assert set(codes) >= {
        "rule.empty",
        "rule.unexpected_end",
        "rule.unknown_unit",
        "rule.unknown_function",
        "rule.unknown_event",
    }
    assert RuleSyntaxError.code == "rule.syntax"


# -- fuzzing -------------------------------------------------------------------------------

TOKENS = [
    "x", "y?", "death?", "last_stay", "birth", "(", ")", ",", "+", "-", "<", "<=", ">", ">=",
    "?", "if", "then", "else", "max(", "min(", "end_of_month(", "end_of_year(", "1", "20",
    "0", "year", "years", "mois", "jours", "semaine", "m", "P20Y", "P1Y6M", "PT1H", "P", "p2w",
    "foo(", "Death", "années", "999999", "1000000", " ", ".", "*", "é", "\u00a0",
]  # fmt: skip

DATES = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))


def _check(text: str, data: st.DataObject) -> None:
    try:
        rule = parse(text)
    except RuleSyntaxError as error:
        assert error.code.startswith("rule.")
        assert 0 <= error.position <= len(text)
        assert error.word == "" or text.startswith(error.word, error.position)
        return
    assert parse(to_text(rule.ast)).ast == rule.ast
    events = {name: data.draw(DATES) for name in rule.events}
    try:
        deadline = rule.deadline(events)
    except DateOutOfRangeError:
        return
    assert (deadline.date is None) == bool(deadline.missing)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.data())
def test_any_text_parses_or_raises_a_rule_error(text: str, data: st.DataObject) -> None:
    _check(text, data)


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=25), st.data())
def test_token_soup_parses_or_raises_a_rule_error(tokens: list[str], data: st.DataObject) -> None:
    _check(" ".join(tokens), data)
    _check("".join(tokens), data)
