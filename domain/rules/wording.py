"""Retention rules said in words, in French and English, for the people who read them.

A DPO, an inspector or a director reads "Conservation jusqu'à 20 ans après la date du
dernier séjour", never ``last_stay + 20 years``. Every expression the grammar allows gets a
sentence: events by their label (``resources/vocabularies/events.json``: "date du dernier
séjour"; an event the vocabulary does not know by its words, « contract signature »),
durations in words, ``max``/``min`` as "la plus tardive / la plus précoce", an optional
event with "(si elle est connue)", a condition as "si ..., jusqu'à ... ; sinon, jusqu'à ...".

>>> deadline_words("last_stay + 20 years")
"jusqu'à 20 ans après la date du dernier séjour"
>>> rule_sentence("end_of_year(document_date) + 3 years", lang="en")
'Kept until 3 years after the end of the calendar year of the date of the document.'

Pure Python: the export, the PDF, the window and the command line all say rules through
this module. An expression that does not parse is returned as written (it was checked when
stored; an expert sees it as it is).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Final, Literal

from domain.rules.durations import Duration
from domain.rules.errors import RuleError
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
    iter_nodes,
)
from domain.rules.rule import parse

__all__ = [
    "Lang",
    "deadline_words",
    "duration_words",
    "event_label",
    "events_in",
    "rule_sentence",
]

Lang = Literal["fr", "en"]

# Every word of the sentences, French first: the grammar's words are data, like the
# vocabularies (the event labels live in resources/vocabularies/events.json).
_WORDS: Final[dict[str, tuple[str, str]]] = {
    "the": ("la ", "the "),
    "unknown_event": ("date « {words} »", "date '{words}'"),
    "if_known": (" (si elle est connue)", " (if known)"),
    "after": ("{duration} après {date}", "{duration} after {date}"),
    "before": ("{duration} avant {date}", "{duration} before {date}"),
    "less": ("{plus} moins {minus} après {date}", "{plus} less {minus} after {date}"),
    "counted": ("{duration} comptés à partir de {date}", "{duration} counted from {date}"),
    "counted_one": ("{duration} compté à partir de {date}", "{duration} counted from {date}"),
    "latest_list": ("la plus tardive des dates suivantes : {items}",
                    "the latest of these dates: {items}"),
    "earliest_list": ("la plus précoce des dates suivantes : {items}",
                      "the earliest of these dates: {items}"),
    "latest": ("la plus tardive entre {items}", "the later of {items}"),
    "earliest": ("la plus précoce entre {items}", "the earlier of {items}"),
    "latest_many": ("la plus tardive entre {items}", "the latest of {items}"),
    "earliest_many": ("la plus précoce entre {items}", "the earliest of {items}"),
    "and": (" et ", " and "),
    "list_sep": (" ; ", "; "),
    "month_end": ("la fin du mois de {date}", "the end of the month of {date}"),
    "year_end": ("la fin de l'année civile de {date}",
                 "the end of the calendar year of {date}"),
    "date_at": ("la date située {date}", "the date {date}"),
    "nested_if": ("({then} si {condition}, sinon {otherwise})",
                  "({then} if {condition}, otherwise {otherwise})"),
    "top_if": ("si {condition}, {then} ; sinon, {otherwise}",
               "if {condition}, {then}; otherwise, {otherwise}"),
    "until": ("jusqu'à {date}", "until {date}"),
    "known_and": ("{subject} est connue et {verb}", "{subject} is known and {verb}"),
    "known_one": ("{events} est connue et {subject} {verb}",
                  "{events} is known and {subject} {verb}"),
    "known_many": ("{events} sont connues et {subject} {verb}",
                   "{events} are known and {subject} {verb}"),
    "kept": ("Conservation", "Kept"),
    "active": ("Base active", "Active"),
    "year": ("{n} an", "{n} year"),
    "years": ("{n} ans", "{n} years"),
    "month": ("{n} mois", "{n} month"),
    "months": ("{n} mois", "{n} months"),
    "day": ("{n} jour", "{n} day"),
    "days": ("{n} jours", "{n} days"),
    "zero": ("0 jour", "0 days"),
}

# How a date compares with another, said with "tombe" (any subject, no agreement to make).
_VERBS: Final[dict[ComparisonOp, tuple[str, str]]] = {
    "<": ("tombe avant {date}", "falls before {date}"),
    "<=": ("ne tombe pas après {date}", "does not fall after {date}"),
    ">": ("tombe après {date}", "falls after {date}"),
    ">=": ("ne tombe pas avant {date}", "does not fall before {date}"),
}
# The same when the other side is "N after a date": "moins de 10 ans après ..."
_VERBS_BY: Final[dict[ComparisonOp, tuple[str, str]]] = {
    "<": ("tombe moins de {duration} après {date}", "falls less than {duration} after {date}"),
    "<=": ("tombe au plus {duration} après {date}", "falls at most {duration} after {date}"),
    ">": ("tombe plus de {duration} après {date}", "falls more than {duration} after {date}"),
    ">=": ("tombe au moins {duration} après {date}", "falls at least {duration} after {date}"),
}


def _w(key: str, lang: Lang) -> str:
    return _WORDS[key][0 if lang == "fr" else 1]


def event_label(name: str, lang: Lang = "fr") -> str:
    """The label of an event, as a column header or a field shows it ("date du dernier
    séjour", "date of the last stay"); an event the vocabulary does not know by its words
    (« contract signature »)."""
    from domain.vocabulary import load_vocabularies  # read once, when first needed

    term = load_vocabularies().events.get(name)
    if term is not None:
        return term.label(lang)
    return _w("unknown_event", lang).format(words=name.replace("_", " "))


def duration_words(duration: Duration, lang: Lang = "fr") -> str:
    """A duration in words, its components taken as positive ("1 an et 6 mois")."""
    parts = [
        _w(one if abs(n) == 1 else many, lang).format(n=abs(n))
        for n, one, many in ((duration.years, "year", "years"),
                             (duration.months, "month", "months"),
                             (duration.days, "day", "days"))
        if n
    ]
    if not parts:
        return _w("zero", lang)
    return _joined(parts, ", ", lang)


def _joined(items: list[str], separator: str, lang: Lang) -> str:
    if len(items) == 1:
        return items[0]
    return separator.join(items[:-1]) + _w("and", lang) + items[-1]


@dataclass(frozen=True)
class _Context:
    lang: Lang
    known: frozenset[str] = frozenset()  # optional events a condition has shown to exist
    top: bool = False  # the phrase is a whole deadline (a long list may use a colon)


def _date(node: Expr, ctx: _Context) -> str:
    """A date in words, as a noun phrase ("10 ans après la date du décès")."""
    lang = ctx.lang
    inner = replace(ctx, top=False)
    if isinstance(node, Event):
        words = _w("the", lang) + event_label(node.name, lang)
        if node.optional and node.name not in ctx.known:
            words += _w("if_known", lang)
        return words
    if isinstance(node, Shift):
        return _shift(node, inner)
    if isinstance(node, Max | Min):
        return _extreme(node, ctx)
    if isinstance(node, EndOfMonth | EndOfYear):
        operand = _date(node.operand, inner)
        if isinstance(node.operand, Shift):
            operand = _w("date_at", lang).format(date=operand)
        key = "month_end" if isinstance(node, EndOfMonth) else "year_end"
        return _w(key, lang).format(date=operand)
    return _w("nested_if", lang).format(
        condition=_condition(node.condition, inner),
        then=_date(node.then, replace(inner, known=inner.known | _optional(node.condition))),
        otherwise=_date(node.otherwise, inner))


def _shift(node: Shift, ctx: _Context) -> str:
    lang, duration = ctx.lang, node.duration
    if duration == Duration():
        return _date(node.operand, ctx)
    operand = _date(node.operand, ctx)
    components = (duration.years, duration.months, duration.days)
    if isinstance(node.operand, Shift) and min(components) >= 0:
        single = sum(components) == 1
        return _w("counted_one" if single else "counted", lang).format(
            duration=duration_words(duration, lang), date=operand)
    if min(components) >= 0:
        return _w("after", lang).format(duration=duration_words(duration, lang), date=operand)
    if max(components) <= 0:
        return _w("before", lang).format(duration=duration_words(duration, lang), date=operand)
    plus = Duration(*(max(n, 0) for n in components))
    minus = Duration(*(max(-n, 0) for n in components))
    return _w("less", lang).format(plus=duration_words(plus, lang),
                                   minus=duration_words(minus, lang), date=operand)


def _extreme(node: Max | Min, ctx: _Context) -> str:
    lang = ctx.lang
    inner = replace(ctx, top=False)
    items = []
    for operand in node.operands:
        words = _date(operand, inner)
        if isinstance(operand, Max | Min) or (
                isinstance(operand, Shift) and isinstance(operand.operand, Max | Min)):
            words = f"({words})"
        items.append(words)
    latest = isinstance(node, Max)
    if ctx.top and len(items) > 2:
        key = "latest_list" if latest else "earliest_list"
        return _w(key, lang).format(items=_w("list_sep", lang).join(items))
    if len(items) == 2:
        key = "latest" if latest else "earliest"
    else:
        key = "latest_many" if latest else "earliest_many"
    return _w(key, lang).format(items=_joined(items, ", ", lang))


def _optional(node: Comparison) -> frozenset[str]:
    """The optional events of a condition: it is false when one is missing, so they are
    known in its ``then`` branch."""
    return frozenset(n.name for n in iter_nodes(node) if isinstance(n, Event) and n.optional)


def _condition(node: Comparison, ctx: _Context) -> str:
    lang = ctx.lang
    optional = _optional(node) - ctx.known
    said = replace(ctx, known=ctx.known | optional, top=False)  # "est connue" said once
    right = node.right
    if isinstance(right, Shift) and min(right.duration.years, right.duration.months,
                                        right.duration.days) >= 0 \
            and right.duration != Duration():
        verb = _VERBS_BY[node.op][0 if lang == "fr" else 1].format(
            duration=duration_words(right.duration, lang), date=_date(right.operand, said))
    else:
        verb = _VERBS[node.op][0 if lang == "fr" else 1].format(date=_date(right, said))
    subject = _date(node.left, said)
    if not optional:
        return f"{subject} {verb}"
    if isinstance(node.left, Event) and node.left.optional and optional == {node.left.name}:
        return _w("known_and", lang).format(subject=subject, verb=verb)
    names = sorted(optional)
    events = _joined([_w("the", lang) + event_label(n, lang) for n in names], ", ", lang)
    key = "known_one" if len(names) == 1 else "known_many"
    return _w(key, lang).format(events=events, subject=subject, verb=verb)


def _deadline(node: Expr, ctx: _Context) -> str:
    lang = ctx.lang
    if isinstance(node, Conditional):
        then_ctx = replace(ctx, known=ctx.known | _optional(node.condition), top=False)
        then = _w("until", lang).format(date=_date(node.then, then_ctx))
        return _w("top_if", lang).format(condition=_condition(node.condition, ctx),
                                         then=then, otherwise=_deadline(node.otherwise, ctx))
    return _w("until", lang).format(date=_date(node, replace(ctx, top=True)))


def _ast(expression: str | Expr) -> Expr | None:
    if not isinstance(expression, str):
        return expression
    try:
        return parse(expression).ast
    except RuleError:
        return None


def deadline_words(expression: str | Expr, lang: Lang = "fr") -> str:
    """Until when a rule keeps a record: "jusqu'à 20 ans après la date du dernier séjour",
    or, for a condition, "si ..., jusqu'à ... ; sinon, jusqu'à ...". An expression that
    does not parse is returned as written; an empty one gives ""."""
    if isinstance(expression, str) and not expression.strip():
        return ""
    ast = _ast(expression)
    if ast is None:
        return str(expression)
    return _deadline(ast, _Context(lang))


def _clause(subject_key: str, expression: str, lang: Lang) -> str:
    words = deadline_words(expression, lang)
    ast = _ast(expression)
    if ast is None:
        return f"{_w(subject_key, lang)}{' : ' if lang == 'fr' else ': '}{words}"
    separator = (" : " if lang == "fr" else ": ") if isinstance(ast, Conditional) else " "
    return f"{_w(subject_key, lang)}{separator}{words}"


def rule_sentence(delete_after: str, active_until: str = "", lang: Lang = "fr") -> str:
    """A retention rule in one or two sentences: "Base active jusqu'à .... Conservation
    jusqu'à ...."; "" when both expressions are empty."""
    sentences = [
        _clause(key, text, lang) + "."
        for key, text in (("active", active_until), ("kept", delete_after))
        if text.strip()
    ]
    return " ".join(sentences)


def events_in(expressions: Iterable[str]) -> list[str]:
    """The event names the expressions use, in text order, each once (those that do not
    parse are skipped)."""
    names: list[str] = []
    for text in expressions:
        if not text.strip():
            continue
        try:
            rule = parse(text)
        except RuleError:
            continue
        names += [n for n in dict.fromkeys(e.name for e in rule.event_nodes) if n not in names]
    return names
