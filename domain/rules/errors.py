"""Typed errors of the retention rule language.

Every error has a stable ``code`` (the GUI and the command line translate by code), the
``position`` of the offending text (0-based character offset into the rule text), the
offending ``word`` and ``params`` (a mapping with at least ``position`` and ``word``, plus
what the message needs). ``str(error)`` is an English sentence such as
``unknown unit 'yers' at 20``.

Parsing never lets a raw Python exception (IndexError, ValueError, RecursionError...) out:
any text either parses or raises a :class:`RuleSyntaxError`.
"""

from __future__ import annotations

from typing import ClassVar

from domain.errors import RegistreError

__all__ = [
    "ArityError",
    "DateOutOfRangeError",
    "EmptyRuleError",
    "InvalidCharacterError",
    "InvalidDurationError",
    "InvalidEventNameError",
    "NestingTooDeepError",
    "NumberTooLargeError",
    "RuleError",
    "RuleSyntaxError",
    "UnexpectedEndError",
    "UnknownEventError",
    "UnknownFunctionError",
    "UnknownUnitError",
]


class RuleError(RegistreError):
    """Base of every error raised by the rule language."""

    code: str = "rule.error"
    template: ClassVar[str] = "invalid rule at {position}"

    def __init__(self, position: int, word: str = "", **extra: object) -> None:
        params: dict[str, object] = {"position": position, "word": word, **extra}
        super().__init__(self.template.format(**params), **params)
        self.position = position
        self.word = word


class RuleSyntaxError(RuleError):
    """The text is not a valid rule (raised by :func:`domain.rules.parse`).

    Used as is for an unexpected token: ``params['expected']`` says what was expected.
    """

    code = "rule.syntax"
    template = "unexpected '{word}' at {position}, expected {expected}"


class EmptyRuleError(RuleSyntaxError):
    code = "rule.empty"
    template = "empty rule"


class UnexpectedEndError(RuleSyntaxError):
    code = "rule.unexpected_end"
    template = "unexpected end of rule at {position}, expected {expected}"


class InvalidCharacterError(RuleSyntaxError):
    code = "rule.invalid_character"
    template = "invalid character '{word}' at {position}"


class UnknownUnitError(RuleSyntaxError):
    code = "rule.unknown_unit"
    template = "unknown unit '{word}' at {position}"


class InvalidDurationError(RuleSyntaxError):
    """A malformed ISO-8601 period (``PT1H``, ``P``, ``P1Y2Y``...)."""

    code = "rule.invalid_duration"
    template = "invalid duration '{word}' at {position}"


class NumberTooLargeError(RuleSyntaxError):
    code = "rule.number_too_large"
    template = "number '{word}' at {position} is too large (at most {maximum})"


class UnknownFunctionError(RuleSyntaxError):
    code = "rule.unknown_function"
    template = "unknown function '{word}' at {position}"


class ArityError(RuleSyntaxError):
    code = "rule.arity"
    template = "function '{word}' at {position} takes {expected} argument(s), got {count}"


class InvalidEventNameError(RuleSyntaxError):
    """An event name that is not snake_case, or a reserved word used as an event."""

    code = "rule.invalid_event_name"
    template = "invalid event name '{word}' at {position} (expected snake_case: {reason})"


class NestingTooDeepError(RuleSyntaxError):
    code = "rule.too_deep"
    template = "rule nested too deeply at {position} (at most {maximum} levels)"


class UnknownEventError(RuleError):
    """Raised by :meth:`domain.rules.Rule.check_events` for an event the caller does not know."""

    code = "rule.unknown_event"
    template = "unknown event '{word}' at {position}"


class DateOutOfRangeError(RuleError):
    """Evaluation produced a date outside 0001-01-01..9999-12-31."""

    code = "rule.date_out_of_range"
    template = "date out of range when applying '{word}' at {position}"
