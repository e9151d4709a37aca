"""A parsed retention rule: parse once, evaluate many times."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from domain.rules.errors import DateOutOfRangeError, UnknownEventError
from domain.rules.evaluate import (
    Deadline,
    Evaluator,
    Events,
    Suspension,
    Unknown,
    active_suspension,
    compile_expression,
    suspended_days,
)
from domain.rules.nodes import Event, Expr, iter_nodes
from domain.rules.parser import parse_expression

__all__ = ["Rule", "parse"]


def parse(text: str) -> Rule:
    """Parse a rule; raise a :class:`domain.rules.RuleSyntaxError` subclass if invalid."""
    return Rule(text, parse_expression(text))


@dataclass(frozen=True)
class Rule:
    """A parsed rule. Build it with :func:`parse`.

    ``events`` holds every event name the rule uses, ``required_events`` those used without
    ``?`` somewhere, ``optional_events`` those used with ``?`` somewhere (a name may be in
    both). ``event_nodes`` lists the event occurrences in text order, with positions.
    """

    text: str
    ast: Expr
    event_nodes: tuple[Event, ...] = field(init=False, repr=False, compare=False)
    events: frozenset[str] = field(init=False, repr=False, compare=False)
    required_events: frozenset[str] = field(init=False, repr=False, compare=False)
    optional_events: frozenset[str] = field(init=False, repr=False, compare=False)
    _evaluate: Evaluator = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        nodes = tuple(
            sorted(
                (n for n in iter_nodes(self.ast) if isinstance(n, Event)), key=lambda n: n.position
            )
        )
        set_ = object.__setattr__
        set_(self, "event_nodes", nodes)
        set_(self, "events", frozenset(n.name for n in nodes))
        set_(self, "required_events", frozenset(n.name for n in nodes if not n.optional))
        set_(self, "optional_events", frozenset(n.name for n in nodes if n.optional))
        set_(self, "_evaluate", compile_expression(self.ast))

    def __str__(self) -> str:
        return self.text

    def check_events(self, known: Iterable[str]) -> None:
        """Raise :class:`UnknownEventError` (with its position) for the first event of the
        rule, in text order, that is not in ``known``."""
        names = frozenset(known)
        for node in self.event_nodes:
            if node.name not in names:
                raise UnknownEventError(node.position, node.name, known=tuple(sorted(names)))

    def deadline(
        self,
        events: Events,
        suspensions: Iterable[Suspension] = (),
        as_of: dt.date | None = None,
    ) -> Deadline:
        """The last day of retention of one record.

        ``events`` maps event names to dates (None or absent: missing; a ``datetime`` is
        refused with TypeError, convert it with :func:`domain.rules.to_local_date`).
        ``suspensions`` are ``(start, end or None)`` half-open intervals. With ``as_of``,
        only suspensions ended on that day (``end <= as_of``) move the deadline and
        ``on_hold`` says whether one covers ``as_of``; without it, every suspension with an
        end counts and ``on_hold`` says whether one has no end.

        Raises :class:`domain.rules.DateOutOfRangeError` if a date leaves years 1..9999,
        ValueError for a suspension that ends before it starts.
        """
        intervals = list(suspensions)
        days, on_hold = 0, False
        if intervals:
            days = suspended_days(intervals, as_of)
            if as_of is None:
                on_hold = any(end is None for _, end in intervals)
            else:
                on_hold = active_suspension(intervals, as_of)
        value = self._evaluate(events)
        if isinstance(value, Unknown):
            return Deadline(None, tuple(sorted(value.names)), None, days, on_hold)
        try:
            final = value + dt.timedelta(days=days)
        except OverflowError:
            raise DateOutOfRangeError(len(self.text), f"{days} days of suspension") from None
        return Deadline(final, (), value, days, on_hold)
