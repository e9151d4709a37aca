"""The retention template library: researched French retention rules, ready to attach.

The templates live in ``resources/templates/retention.json`` (UTF-8, French first):
``{"version": 1, "templates": [{...}, ...]}``. Each template carries a rule of the retention
rule language (``delete_after``, optionally ``active_until``), the final action, the legal
reference and its force, the sources, the interpretation notes and a worked example whose
expected date was computed by hand from the legal text (the tests check the engine against
it). See ``shared/reference/retention-rules.md`` and its verification file.

Loading validates the file: unique ids, known final actions / kinds / forces, every
expression parses (a :class:`TemplateError` names the template, the field and the position
given by the rule error), every event the rules use is described in ``events``, and the
example gives a date for every event the rules require.

This module is pure standard library plus ``domain.rules`` and ``domain.model``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Literal, cast

from domain.errors import RegistreError
from domain.model import FinalAction, RetentionRule
from domain.resource_files import read_json_list
from domain.rules import Rule, RuleError, parse

__all__ = [
    "FORCES",
    "KINDS",
    "Force",
    "Kind",
    "RetentionTemplate",
    "TemplateError",
    "TemplateExample",
    "TemplateLibrary",
    "UnknownTemplateError",
    "load_templates",
]

FORMAT_VERSION = 1

Kind = Literal["min", "max", "min_max"]
Force = Literal["LOI", "CNIL-REF", "CNIL-SANC", "ANALOGIE"]
KINDS: tuple[Kind, ...] = ("min", "max", "min_max")
FORCES: tuple[Force, ...] = ("LOI", "CNIL-REF", "CNIL-SANC", "ANALOGIE")

_ID = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+")
_EVENT = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_TEXT_FIELDS = (
    "id",
    "title_fr",
    "title_en",
    "category",
    "delete_after",
    "legal_reference",
    "source",
)
_OPTIONAL_TEXT_FIELDS = ("active_until", "notes_fr")


class TemplateError(RegistreError):
    """The template file is missing or malformed; names the file and, if any, the template
    (its id, or its index when the id is unusable), the field and, for a rule, the position
    reported by the rule language."""

    code = "template.invalid"

    def __init__(
        self,
        reason: str,
        *,
        file: str,
        template_id: str = "",
        index: int | None = None,
        field_name: str = "",
        position: int | None = None,
    ) -> None:
        where = file
        if template_id:
            where += f", template {template_id!r}"
        elif index is not None:
            where += f", template {index}"
        if field_name:
            where += f", {field_name}"
        if position is not None:
            where += f" at position {position}"
        super().__init__(
            f"{where}: {reason}",
            file=file,
            template_id=template_id,
            index=index,
            field=field_name,
            position=position,
            reason=reason,
        )
        self.file = file
        self.template_id = template_id
        self.index = index
        self.field_name = field_name
        self.position = position


class UnknownTemplateError(RegistreError, KeyError):
    """``library[template_id]`` with an id the library does not hold."""

    code = "template.unknown"

    def __init__(self, template_id: str) -> None:
        super().__init__(f"unknown retention template {template_id!r}", template_id=template_id)
        self.template_id = template_id


@dataclass(frozen=True)
class TemplateExample:
    """A worked example: the record's event dates and the last day of retention expected by
    the legal text (computed by hand, not by the engine)."""

    events: Mapping[str, dt.date] = field(hash=False)
    expected: dt.date

    def __post_init__(self) -> None:
        if not isinstance(self.events, MappingProxyType):
            object.__setattr__(self, "events", MappingProxyType(dict(self.events)))


@dataclass(frozen=True)
class RetentionTemplate:
    """One retention rule of the library (see the module docstring for the fields)."""

    id: str
    title_fr: str
    title_en: str
    category: str
    events: Mapping[str, str] = field(hash=False)
    delete_after: str
    active_until: str
    final_action: FinalAction
    kind: Kind
    legal_reference: str
    force: Force
    source: str
    notes_fr: str
    example: TemplateExample

    def __post_init__(self) -> None:
        if not isinstance(self.events, MappingProxyType):
            object.__setattr__(self, "events", MappingProxyType(dict(self.events)))

    def title(self, lang: Literal["fr", "en"] = "fr") -> str:
        return self.title_en if lang == "en" else self.title_fr

    @functools.cached_property
    def rule(self) -> Rule:
        """``delete_after``, parsed (the library has checked that it parses)."""
        return parse(self.delete_after)

    @functools.cached_property
    def active_rule(self) -> Rule | None:
        """``active_until``, parsed, or None when the template has no active-phase end."""
        return parse(self.active_until) if self.active_until.strip() else None

    @property
    def required_events(self) -> frozenset[str]:
        """Events the rules cannot do without (used without ``?``)."""
        needed = self.rule.required_events
        if self.active_rule is not None:
            needed = needed | self.active_rule.required_events
        return needed

    @property
    def sources(self) -> tuple[str, ...]:
        """The source addresses, one per item (``source`` separates them with " ; ")."""
        return tuple(s.strip() for s in self.source.split(" ; ") if s.strip())

    def to_rule(self, reference_override: str = "") -> RetentionRule:
        """The retention rule to attach to a data category, remembering this template."""
        return RetentionRule(
            delete_after=self.delete_after,
            active_until=self.active_until,
            final_action=self.final_action,
            legal_reference=reference_override.strip() or self.legal_reference,
            justification=self.notes_fr,
            template_id=self.id,
        )


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_NON_WORD = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    """Accent-, case- and punctuation-insensitive key: ``"Données-médicales"`` ->
    ``"donnees medicales"``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", stripped.casefold()).split())


class TemplateLibrary:
    """An ordered, read-only collection of :class:`RetentionTemplate`, indexed by id."""

    __slots__ = ("_by_id", "_haystacks", "_templates")

    def __init__(self, templates: tuple[RetentionTemplate, ...] | list[RetentionTemplate]) -> None:
        self._templates: tuple[RetentionTemplate, ...] = tuple(templates)
        self._by_id: dict[str, RetentionTemplate] = {}
        for template in self._templates:
            if template.id in self._by_id:
                raise ValueError(f"duplicate retention template id {template.id!r}")
            self._by_id[template.id] = template
        self._haystacks: tuple[frozenset[str], ...] = tuple(
            frozenset(" ".join(_fold(t) for t in (x.id, x.title_fr, x.title_en)).split())
            for x in self._templates
        )

    def __repr__(self) -> str:
        return f"TemplateLibrary({len(self._templates)} templates)"

    def __iter__(self) -> Iterator[RetentionTemplate]:
        return iter(self._templates)

    def __len__(self) -> int:
        return len(self._templates)

    def __contains__(self, template_id: object) -> bool:
        return isinstance(template_id, str) and template_id in self._by_id

    def get(self, template_id: str) -> RetentionTemplate | None:
        return self._by_id.get(template_id)

    def __getitem__(self, template_id: str) -> RetentionTemplate:
        template = self._by_id.get(template_id)
        if template is None:
            raise UnknownTemplateError(template_id)
        return template

    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self._templates)

    def search(self, text: str) -> tuple[RetentionTemplate, ...]:
        """Templates whose id or French or English title has, for every word of ``text``, a
        word starting with it, ignoring case, accents and punctuation (``"dossier medical"``
        finds "Dossier médical…", ``"sante-dm-01"`` finds SANTE-DM-01 and its variants). An
        empty text gives every template, in library order."""
        words = _fold(text).split()
        return tuple(
            template
            for template, haystack in zip(self._templates, self._haystacks, strict=True)
            if all(any(h.startswith(word) for h in haystack) for word in words)
        )


# ------------------------------------------------------------------------------- loading


def _text(raw: Mapping[str, object], key: str, *, file: str, tid: str, required: bool) -> str:
    value = raw.get(key, "")
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise TemplateError(f"{key!r} must be a string", file=file, template_id=tid)
    if required and not value.strip():
        raise TemplateError(f"{key!r} is missing or empty", file=file, template_id=tid)
    return value


def _date(value: object, *, file: str, tid: str, where: str) -> dt.date:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise TemplateError(
        f"{where} must be an ISO date YYYY-MM-DD, got {value!r}", file=file, template_id=tid
    )


def _parse_rule(text: str, *, file: str, tid: str, field_name: str) -> Rule:
    try:
        return parse(text)
    except RuleError as exc:
        raise TemplateError(
            str(exc), file=file, template_id=tid, field_name=field_name, position=exc.position
        ) from exc


def _parse_example(raw: object, *, file: str, tid: str) -> TemplateExample:
    if not isinstance(raw, dict):
        raise TemplateError("'example' must be a JSON object", file=file, template_id=tid)
    raw_events = raw.get("events")
    if not isinstance(raw_events, dict):
        raise TemplateError("'example.events' must be a JSON object", file=file, template_id=tid)
    events = {
        str(name): _date(value, file=file, tid=tid, where=f"example event {name!r}")
        for name, value in raw_events.items()
    }
    expected = _date(raw.get("expected"), file=file, tid=tid, where="'example.expected'")
    return TemplateExample(events=events, expected=expected)


def _parse_template(raw: object, *, file: str, index: int) -> RetentionTemplate:
    if not isinstance(raw, dict):
        raise TemplateError("a template must be a JSON object", file=file, index=index)
    tid_raw = raw.get("id")
    if not isinstance(tid_raw, str) or not _ID.fullmatch(tid_raw):
        raise TemplateError(
            f"'id' must look like SANTE-DM-01, got {tid_raw!r}", file=file, index=index
        )
    tid = tid_raw
    texts = {k: _text(raw, k, file=file, tid=tid, required=True) for k in _TEXT_FIELDS}
    texts |= {k: _text(raw, k, file=file, tid=tid, required=False) for k in _OPTIONAL_TEXT_FIELDS}

    final_action = raw.get("final_action")
    if final_action not in {a.value for a in FinalAction}:
        choices = ", ".join(a.value for a in FinalAction)
        raise TemplateError(
            f"'final_action' must be one of {choices}, got {final_action!r}",
            file=file,
            template_id=tid,
        )
    kind = raw.get("kind")
    if kind not in KINDS:
        raise TemplateError(
            f"'kind' must be one of {', '.join(KINDS)}, got {kind!r}", file=file, template_id=tid
        )
    force = raw.get("force")
    if force not in FORCES:
        raise TemplateError(
            f"'force' must be one of {', '.join(FORCES)}, got {force!r}",
            file=file,
            template_id=tid,
        )

    raw_events = raw.get("events")
    if not isinstance(raw_events, dict) or not raw_events:
        raise TemplateError("'events' must be a non-empty JSON object", file=file, template_id=tid)
    events: dict[str, str] = {}
    for name, description in raw_events.items():
        if not _EVENT.fullmatch(name):
            raise TemplateError(
                f"event name {name!r} is not snake_case", file=file, template_id=tid
            )
        if not isinstance(description, str) or not description.strip():
            raise TemplateError(f"event {name!r} needs a description", file=file, template_id=tid)
        events[name] = description

    rules = [
        (
            "delete_after",
            _parse_rule(texts["delete_after"], file=file, tid=tid, field_name="delete_after"),
        )
    ]
    if texts["active_until"].strip():
        rules.append(
            (
                "active_until",
                _parse_rule(texts["active_until"], file=file, tid=tid, field_name="active_until"),
            )
        )
    example = _parse_example(raw.get("example"), file=file, tid=tid)
    for field_name, rule in rules:
        for node in rule.event_nodes:
            if node.name not in events:
                raise TemplateError(
                    f"event {node.name!r} is used but not described in 'events'",
                    file=file,
                    template_id=tid,
                    field_name=field_name,
                    position=node.position,
                )
        missing = sorted(rule.required_events - example.events.keys())
        if missing:
            raise TemplateError(
                f"the example gives no date for {', '.join(missing)}",
                file=file,
                template_id=tid,
                field_name=field_name,
            )

    return RetentionTemplate(
        id=tid,
        title_fr=texts["title_fr"],
        title_en=texts["title_en"],
        category=texts["category"],
        events=events,
        delete_after=texts["delete_after"],
        active_until=texts["active_until"],
        final_action=FinalAction(final_action),
        kind=cast(Kind, kind),
        legal_reference=texts["legal_reference"],
        force=cast(Force, force),
        source=texts["source"],
        notes_fr=texts["notes_fr"],
        example=example,
    )


def _load_library(path: Traversable | Path) -> TemplateLibrary:
    """Read and validate one template file; raise :class:`TemplateError` naming it."""
    file = str(path)
    raw_templates = read_json_list(path, "templates", FORMAT_VERSION,
                            lambda message: TemplateError(message, file=file))
    templates: list[RetentionTemplate] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_templates):
        template = _parse_template(raw, file=file, index=index)
        if template.id in seen:
            raise TemplateError(
                f"duplicate id (first at template {seen[template.id]})",
                file=file,
                template_id=template.id,
            )
        seen[template.id] = index
        templates.append(template)
    return TemplateLibrary(templates)


def _template_file() -> Traversable:
    return files("resources") / "templates" / "retention.json"


@functools.cache
def load_templates() -> TemplateLibrary:
    """Load and validate the template library once (cached for the process)."""
    return _load_library(_template_file())
