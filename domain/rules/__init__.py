"""The retention rule language: a small, safe expression over the event dates of a record.

Parse once with :func:`parse` (typed errors with positions), evaluate many times with
:meth:`Rule.deadline`. Never ``eval``. See DESIGN.md, "The retention rule language".

>>> import datetime as dt
>>> rule = parse("min(max(last_stay + 20 years, birth + 28 years), death? + 10 years)")
>>> sorted(rule.events)
['birth', 'death', 'last_stay']
>>> rule.deadline({"last_stay": dt.date(2005, 3, 15), "birth": dt.date(1960, 5, 10)}).date
datetime.date(2025, 3, 15)
"""

from domain.rules.durations import (
    UNITS,
    Duration,
    end_of_month,
    end_of_year,
    parse_iso_period,
    to_local_date,
)
from domain.rules.errors import (
    ArityError,
    DateOutOfRangeError,
    EmptyRuleError,
    InvalidCharacterError,
    InvalidDurationError,
    InvalidEventNameError,
    NestingTooDeepError,
    NumberTooLargeError,
    RuleError,
    RuleSyntaxError,
    UnexpectedEndError,
    UnknownEventError,
    UnknownFunctionError,
    UnknownUnitError,
)
from domain.rules.evaluate import (
    Deadline,
    Events,
    Suspension,
    active_suspension,
    merge_intervals,
    suspended_days,
)
from domain.rules.nodes import (
    Comparison,
    Conditional,
    EndOfMonth,
    EndOfYear,
    Event,
    Expr,
    Max,
    Min,
    Node,
    Shift,
    iter_nodes,
    to_text,
)
from domain.rules.rule import Rule, parse

__all__ = [
    "UNITS",
    "ArityError",
    "Comparison",
    "Conditional",
    "DateOutOfRangeError",
    "Deadline",
    "Duration",
    "EmptyRuleError",
    "EndOfMonth",
    "EndOfYear",
    "Event",
    "Events",
    "Expr",
    "InvalidCharacterError",
    "InvalidDurationError",
    "InvalidEventNameError",
    "Max",
    "Min",
    "NestingTooDeepError",
    "Node",
    "NumberTooLargeError",
    "Rule",
    "RuleError",
    "RuleSyntaxError",
    "Shift",
    "Suspension",
    "UnexpectedEndError",
    "UnknownEventError",
    "UnknownFunctionError",
    "UnknownUnitError",
    "active_suspension",
    "end_of_month",
    "end_of_year",
    "iter_nodes",
    "merge_intervals",
    "parse",
    "parse_iso_period",
    "suspended_days",
    "to_local_date",
    "to_text",
]
