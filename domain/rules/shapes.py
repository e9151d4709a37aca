"""The shapes most retention rules take, for the rule builder: a shape and a few numbers
write the expression, and an expression of a known shape is read back into them.

* ``after``: N years (months, days) after an event — ``recording + 1 month``;
* ``age``: extended to an age — ``max(last_stay + 20 years, birth + 28 years)``;
* ``death``: with a death clause (R1112-7) — ``if death? < last_stay + 10 years then death?
  + 10 years else max(last_stay + 20 years, birth + 28 years)`` (the age part is optional);
* ``year_end``: from the end of the calendar year — ``end_of_year(document_date) + 3 years``;
* ``active``: an active phase, then the archive — active until ``contract_end + 3 years``,
  kept until ``contract_end + 5 years``.

:func:`recognise` is exact: it rebuilds the expression from what it read and compares the
parsed trees, so a rule it returns writes back to the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from domain.rules.durations import Duration
from domain.rules.errors import RuleError
from domain.rules.nodes import Comparison, Conditional, EndOfYear, Event, Expr, Max, Shift
from domain.rules.rule import parse

__all__ = ["BIRTH", "DEATH", "Shape", "ShapedRule", "Unit", "recognise"]

Unit = Literal["years", "months", "days"]
BIRTH = "birth"
DEATH = "death"


class Shape(StrEnum):
    AFTER = "after"
    AGE = "age"
    DEATH = "death"
    YEAR_END = "year_end"
    ACTIVE = "active"


@dataclass(frozen=True)
class ShapedRule:
    """A rule of a known shape. ``amount``/``unit``: the time after the ``event``;
    ``age``: the age (years after birth) it is extended to (0: none, the shape is then
    written as ``after`` or a death clause without age);
    ``death_years``: the death clause's years; ``active_amount``/``active_unit``: the end
    of the active phase after the event (``active``: 0 is the event itself)."""

    shape: Shape
    event: str
    amount: int
    unit: Unit = "years"
    age: int = 0
    death_years: int = 0
    active_amount: int = 0
    active_unit: Unit = "years"

    def delete_after(self) -> str:
        after = _after(self.event, self.amount, self.unit)
        if self.shape is Shape.YEAR_END:
            return f"end_of_year({self.event}) + {_duration(self.amount, self.unit)}"
        if self.shape in (Shape.AGE, Shape.DEATH) and self.age:
            after = f"max({after}, {BIRTH} + {self.age} years)"
        if self.shape is Shape.DEATH:
            years = _duration(self.death_years, "years")
            return (f"if {DEATH}? < {self.event} + {years} then {DEATH}? + {years} "
                    f"else {after}")
        return after

    def active_until(self) -> str:
        if self.shape is not Shape.ACTIVE:
            return ""
        if not self.active_amount:
            return self.event
        return _after(self.event, self.active_amount, self.active_unit)

    @property
    def events(self) -> tuple[str, ...]:
        names = [self.event]
        if self.shape in (Shape.AGE, Shape.DEATH) and self.age:
            names.append(BIRTH)
        if self.shape is Shape.DEATH:
            names.append(DEATH)
        return tuple(dict.fromkeys(names))


def _duration(amount: int, unit: Unit) -> str:
    word = unit[:-1] if amount == 1 else unit
    return f"{amount} {word}"


def _after(event: str, amount: int, unit: Unit) -> str:
    return f"{event} + {_duration(amount, unit)}"


def _single(duration: Duration) -> tuple[int, Unit] | None:
    """A duration in one unit, positive (``5 years``, ``13 months``, ``14 days``)."""
    units: tuple[tuple[int, Unit], ...] = (
        (duration.years, "years"), (duration.months, "months"), (duration.days, "days"))
    parts = [(n, unit) for n, unit in units if n]
    if len(parts) != 1 or parts[0][0] < 0:
        return None
    return parts[0]


def _event_after(node: Expr) -> tuple[str, int, Unit] | None:
    """``event + N unit`` with a plain (not optional) event."""
    if not (isinstance(node, Shift) and isinstance(node.operand, Event)
            and not node.operand.optional):
        return None
    single = _single(node.duration)
    return None if single is None else (node.operand.name, *single)


def _age(node: Expr) -> tuple[str, int, Unit, int] | None:
    """``max(event + N unit, birth + A years)``."""
    if not (isinstance(node, Max) and len(node.operands) == 2):
        return None
    first, birth = _event_after(node.operands[0]), _event_after(node.operands[1])
    if first is None or birth is None or birth[0] != BIRTH or birth[2] != "years":
        return None
    return (*first, birth[1])


def _read(delete_after: Expr, active_until: Expr | None) -> ShapedRule | None:
    if active_until is not None:
        kept = _event_after(delete_after)
        if kept is None:
            return None
        event, amount, unit = kept
        if isinstance(active_until, Event) and active_until.name == event:
            return ShapedRule(Shape.ACTIVE, event, amount, unit)
        active = _event_after(active_until)
        if active is None or active[0] != event:
            return None
        return ShapedRule(Shape.ACTIVE, event, amount, unit, active_amount=active[1],
                          active_unit=active[2])
    after = _event_after(delete_after)
    if after is not None:
        return ShapedRule(Shape.AFTER, *after)
    age = _age(delete_after)
    if age is not None:
        event, amount, unit, years = age
        return ShapedRule(Shape.AGE, event, amount, unit, age=years)
    if isinstance(delete_after, Shift) and isinstance(delete_after.operand, EndOfYear) \
            and isinstance(delete_after.operand.operand, Event):
        single = _single(delete_after.duration)
        if single is not None:
            return ShapedRule(Shape.YEAR_END, delete_after.operand.operand.name, *single)
        return None
    if isinstance(delete_after, Conditional) and isinstance(delete_after.condition,
                                                            Comparison):
        clause = _event_after(delete_after.condition.right)
        otherwise = delete_after.otherwise
        base = _event_after(otherwise)
        aged = _age(otherwise)
        if clause is None or clause[2] != "years":
            return None
        if base is not None:
            return ShapedRule(Shape.DEATH, base[0], base[1], base[2],
                              death_years=clause[1])
        if aged is not None:
            return ShapedRule(Shape.DEATH, aged[0], aged[1], aged[2], age=aged[3],
                              death_years=clause[1])
    return None


def recognise(delete_after: str, active_until: str = "") -> ShapedRule | None:
    """The shape of a rule, or None when it has none of the known shapes (or does not
    parse). The rule returned writes back exactly the same rule."""
    try:
        kept = parse(delete_after).ast
        active = parse(active_until).ast if active_until.strip() else None
    except RuleError:
        return None
    shaped = _read(kept, active)
    if shaped is None or shaped.amount <= 0:
        return None
    if parse(shaped.delete_after()).ast != kept:
        return None
    if (parse(shaped.active_until()).ast if shaped.active_until() else None) != active:
        return None
    return shaped
