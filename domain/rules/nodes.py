"""The parsed form of a rule: an immutable tree of frozen dataclasses.

``position`` fields (0-based offsets into the rule text) are excluded from equality, so two
texts that differ only by spacing give equal trees. Parentheses leave no node: they only
shape the tree, e.g. ``(x + 1 month) + 1 month`` is ``Shift(Shift(x, 1 month), 1 month)``
while ``x + 1 month + 1 month`` is ``Shift(x, 2 months)``.

:func:`to_text` prints a tree back in canonical form (``parse(to_text(t)).ast == t``), and
:func:`iter_nodes` walks it, for engines that analyse rules (e.g. monotonicity).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from domain.rules.durations import Duration

__all__ = [
    "Comparison",
    "ComparisonOp",
    "Conditional",
    "EndOfMonth",
    "EndOfYear",
    "Event",
    "Expr",
    "Max",
    "Min",
    "Node",
    "Shift",
    "iter_nodes",
    "to_text",
]

ComparisonOp = Literal["<", "<=", ">", ">="]


@dataclass(frozen=True)
class Event:
    """A named event date of the record; ``optional`` is the ``?`` mark (``death?``)."""

    name: str
    optional: bool = False
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Shift:
    """``operand + duration``: the durations written after one primary, already summed.

    ``position`` is that of the first ``+`` or ``-``.
    """

    operand: Expr
    duration: Duration
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Max:
    """Latest of the operands (``max(a, b, ...)``, at least two)."""

    operands: tuple[Expr, ...]
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Min:
    """Earliest of the operands (``min(a, b, ...)``, at least two)."""

    operands: tuple[Expr, ...]
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class EndOfMonth:
    operand: Expr
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class EndOfYear:
    operand: Expr
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Comparison:
    """``left op right``; ``position`` is that of the operator."""

    op: ComparisonOp
    left: Expr
    right: Expr
    position: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Conditional:
    """``if condition then then else otherwise``; ``position`` is that of ``if``."""

    condition: Comparison
    then: Expr
    otherwise: Expr
    position: int = field(default=0, compare=False)


Expr: TypeAlias = Event | Shift | Max | Min | EndOfMonth | EndOfYear | Conditional
Node: TypeAlias = Expr | Comparison


def children(node: Node) -> tuple[Node, ...]:
    """Direct sub-nodes of ``node``, in text order."""
    if isinstance(node, Event):
        return ()
    if isinstance(node, Shift | EndOfMonth | EndOfYear):
        return (node.operand,)
    if isinstance(node, Max | Min):
        return node.operands
    if isinstance(node, Comparison):
        return (node.left, node.right)
    return (node.condition, node.then, node.otherwise)


def iter_nodes(node: Node) -> Iterator[Node]:
    """All nodes of the tree, pre-order (a node before its children, children in text order)."""
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def _duration_text(duration: Duration) -> str:
    plus = Duration(*(max(n, 0) for n in (duration.years, duration.months, duration.days)))
    minus = Duration(*(max(-n, 0) for n in (duration.years, duration.months, duration.days)))
    parts = []
    if plus != Duration() or minus == Duration():
        parts.append(f"+ {plus}")
    if minus != Duration():
        parts.append(f"- {minus}")
    return " ".join(parts)


def to_text(node: Node) -> str:
    """Canonical text of a tree (English unit words, one space around operators)."""
    if isinstance(node, Event):
        return node.name + ("?" if node.optional else "")
    if isinstance(node, Shift):
        operand = to_text(node.operand)
        if isinstance(node.operand, Shift | Conditional):
            operand = f"({operand})"
        return f"{operand} {_duration_text(node.duration)}"
    if isinstance(node, Max | Min):
        name = "max" if isinstance(node, Max) else "min"
        return f"{name}({', '.join(to_text(o) for o in node.operands)})"
    if isinstance(node, EndOfMonth):
        return f"end_of_month({to_text(node.operand)})"
    if isinstance(node, EndOfYear):
        return f"end_of_year({to_text(node.operand)})"
    if isinstance(node, Comparison):
        return f"{_side(node.left)} {node.op} {_side(node.right)}"
    return f"if {to_text(node.condition)} then {to_text(node.then)} else {to_text(node.otherwise)}"


def _side(expr: Expr) -> str:
    text = to_text(expr)
    return f"({text})" if isinstance(expr, Conditional) else text
