"""Recursive-descent parser of the rule language (see DESIGN.md, "The retention rule language").

::

    expr     := 'if' COND 'then' expr 'else' expr | sum
    sum      := primary { ('+'|'-') DURATION }
    primary  := EVENT ['?'] | '(' expr ')' | max(expr, expr, ...) | min(expr, expr, ...)
              | end_of_month(expr) | end_of_year(expr)
    DURATION := N unit { N unit } | ISO-8601 period (P20Y, P1Y6M, P30D, P2W)
    COND     := expr ('<'|'<='|'>'|'>=') expr
    EVENT    := snake_case name: [a-z][a-z0-9_]*

Keywords, function names, unit words and ISO periods are case-insensitive; event names are
not (they must be lowercase). ``if``, ``then``, ``else`` and the function names are reserved.
Nesting is limited to :data:`MAX_DEPTH` levels so that no input can exhaust the stack.
"""

from __future__ import annotations

import re
from typing import NoReturn

from domain.rules.durations import MAX_NUMBER, Duration, bounded_int, parse_iso_period, unit_of
from domain.rules.errors import (
    ArityError,
    EmptyRuleError,
    InvalidDurationError,
    InvalidEventNameError,
    NestingTooDeepError,
    NumberTooLargeError,
    RuleSyntaxError,
    UnexpectedEndError,
    UnknownFunctionError,
    UnknownUnitError,
)
from domain.rules.lexer import Token, tokenize
from domain.rules.nodes import (
    Comparison,
    ComparisonOp,
    Conditional,
    EndOfMonth,
    EndOfYear,
    Event,
    Expr,
    Max,
    Min,
    Shift,
)

__all__ = ["FUNCTIONS", "KEYWORDS", "MAX_DEPTH", "parse_expression"]

MAX_DEPTH = 64
FUNCTIONS = frozenset({"max", "min", "end_of_month", "end_of_year"})
KEYWORDS = frozenset({"if", "then", "else"})
_COMPARISONS: dict[str, ComparisonOp] = {"<": "<", "<=": "<=", ">": ">", ">=": ">="}
_EVENT_NAME = re.compile(r"[a-z][a-z0-9_]*", re.ASCII)
_PRIMARY = "an event, '(' or a function"
_DURATION = "a duration (a number and a unit, or an ISO-8601 period such as P20Y)"


def parse_expression(text: str) -> Expr:
    """Parse ``text`` into a tree; raise a :class:`RuleSyntaxError` subclass if invalid."""
    return _Parser(text).parse()


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0

    # -- token helpers ---------------------------------------------------------------------
    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.index + ahead, len(self.tokens) - 1)]

    def advance(self) -> Token:
        token = self.peek()
        if token.kind != "end":
            self.index += 1
        return token

    def at_symbol(self, *symbols: str) -> bool:
        token = self.peek()
        return token.kind == "symbol" and token.text in symbols

    def at_keyword(self, keyword: str) -> bool:
        token = self.peek()
        return token.kind == "name" and token.text.casefold() == keyword

    def unexpected(self, token: Token, expected: str) -> NoReturn:
        if token.kind == "end":
            raise UnexpectedEndError(token.position, "", expected=expected)
        raise RuleSyntaxError(token.position, token.text, expected=expected)

    def expect_symbol(self, symbol: str, expected: str) -> Token:
        if not self.at_symbol(symbol):
            self.unexpected(self.peek(), expected)
        return self.advance()

    def expect_keyword(self, keyword: str) -> Token:
        if not self.at_keyword(keyword):
            self.unexpected(self.peek(), f"'{keyword}'")
        return self.advance()

    # -- grammar ---------------------------------------------------------------------------
    def parse(self) -> Expr:
        if self.peek().kind == "end":
            raise EmptyRuleError(0)
        expr = self.expr()
        if self.peek().kind != "end":
            self.unexpected(self.peek(), "'+', '-' or the end of the rule")
        return expr

    def expr(self) -> Expr:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                token = self.peek()
                raise NestingTooDeepError(token.position, token.text, maximum=MAX_DEPTH)
            if self.at_keyword("if"):
                return self.conditional()
            return self.sum()
        finally:
            self.depth -= 1

    def conditional(self) -> Conditional:
        start = self.advance()
        condition = self.condition()
        self.expect_keyword("then")
        then = self.expr()
        self.expect_keyword("else")
        otherwise = self.expr()
        return Conditional(condition, then, otherwise, start.position)

    def condition(self) -> Comparison:
        left = self.expr()
        token = self.peek()
        if token.kind != "symbol" or token.text not in _COMPARISONS:
            self.unexpected(token, "a comparison ('<', '<=', '>' or '>=')")
        self.advance()
        right = self.expr()
        return Comparison(_COMPARISONS[token.text], left, right, token.position)

    def sum(self) -> Expr:
        operand = self.primary()
        total: Duration | None = None
        position = 0
        while self.at_symbol("+", "-"):
            sign = self.advance()
            duration = self.duration()
            if total is None:
                total, position = Duration(), sign.position
            total = total + duration if sign.text == "+" else total - duration
        return operand if total is None else Shift(operand, total, position)

    def duration(self) -> Duration:
        token = self.peek()
        if token.kind == "name":
            try:
                period = parse_iso_period(token.text)
            except ValueError:
                raise NumberTooLargeError(token.position, token.text, maximum=MAX_NUMBER) from None
            if period is not None:
                self.advance()
                return period
            if token.text[:1] in "pP" and token.text[1:2] in tuple("0123456789tT"):
                raise InvalidDurationError(token.position, token.text)
            self.unexpected(token, _DURATION)
        if token.kind != "number":
            self.unexpected(token, _DURATION)
        total = Duration()
        while self.peek().kind == "number":
            number = self.advance()
            try:
                value = bounded_int(number.text)
            except ValueError:
                raise NumberTooLargeError(
                    number.position, number.text, maximum=MAX_NUMBER
                ) from None
            word = self.peek()
            if word.kind != "name":
                self.unexpected(word, "a unit (years, months, weeks, days)")
            unit = unit_of(word.text)
            if unit is None:
                raise UnknownUnitError(word.position, word.text)
            self.advance()
            if unit == "years":
                total += Duration(years=value)
            elif unit == "months":
                total += Duration(months=value)
            elif unit == "weeks":
                total += Duration(days=7 * value)
            else:
                total += Duration(days=value)
        return total

    def primary(self) -> Expr:
        token = self.peek()
        if token.kind == "symbol" and token.text == "(":
            self.advance()
            expr = self.expr()
            self.expect_symbol(")", "')'")
            return expr
        if token.kind != "name":
            self.unexpected(token, _PRIMARY)
        word = token.text.casefold()
        following = self.peek(1)
        if following.kind == "symbol" and following.text == "(":
            if word not in FUNCTIONS:
                raise UnknownFunctionError(token.position, token.text)
            return self.call(word)
        if word in FUNCTIONS:
            self.unexpected(following, f"'(' after '{token.text}'")
        if word in KEYWORDS:
            self.unexpected(token, _PRIMARY)
        if _EVENT_NAME.fullmatch(token.text) is None:
            raise InvalidEventNameError(
                token.position,
                token.text,
                reason="lowercase ASCII letters, digits and '_', starting with a letter",
            )
        self.advance()
        optional = self.at_symbol("?")
        if optional:
            self.advance()
        return Event(token.text, optional, token.position)

    def call(self, function: str) -> Expr:
        name = self.advance()
        self.advance()  # '('
        arguments: list[Expr] = []
        if not self.at_symbol(")"):
            arguments.append(self.expr())
            while self.at_symbol(","):
                self.advance()
                arguments.append(self.expr())
        self.expect_symbol(")", "',' or ')'")
        if function in ("max", "min"):
            if len(arguments) < 2:
                raise ArityError(
                    name.position, name.text, expected="at least 2", count=len(arguments)
                )
            operands = tuple(arguments)
            return (
                Max(operands, name.position) if function == "max" else Min(operands, name.position)
            )
        if len(arguments) != 1:
            raise ArityError(name.position, name.text, expected="1", count=len(arguments))
        if function == "end_of_month":
            return EndOfMonth(arguments[0], name.position)
        return EndOfYear(arguments[0], name.position)
