"""The retention template library: researched French retention rules, ready to attach.

The templates live in ``resources/templates/retention.json`` (UTF-8, French first):
``{"version": 1, "templates": [{...}, ...]}``. Each template carries a rule of the retention
rule language (``delete_after``, optionally ``active_until``), the final action in a private
establishment and in a public one or an ESPIC (``final_action_public``: their records are
public archives, destroyed only with the archives' visa), the legal reference and its force
(law, CNIL référentiel, recommendation, professional practice, analogy, unverified), the
sources, the interpretation notes, a worked example whose expected date was computed by hand
from the legal text (the tests check the engine against it), and its ``version``: 1 as first
shipped, raised each time the rule or its legal basis is corrected, with ``changes_fr`` /
``changes_en`` saying what changed and why (what a DPO reads when a register's rule differs
from the library). See ``shared/reference/retention-rules.md``, its verification file and
``template-audit.md``.

Loading validates the file: unique ids, known final actions / kinds / forces, every
expression parses (a :class:`TemplateError` names the template, the field and the position
given by the rule error), every event the rules use is described in ``events``, the
example gives a date for every event the rules require, a public establishment's action is
never a plain deletion, and a corrected template says why.

This module is pure standard library plus ``domain.rules`` and ``domain.model``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
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
    "FORCE_LABELS",
    "KINDS",
    "STATUSES",
    "WARNING_FORCES",
    "EstablishmentStatus",
    "Force",
    "Kind",
    "RetentionTemplate",
    "TemplateError",
    "TemplateExample",
    "TemplateLibrary",
    "UncoveredTopic",
    "UnknownTemplateError",
    "load_templates",
]

FORMAT_VERSION = 1

Kind = Literal["min", "max", "min_max"]
Force = Literal[
    "LOI", "CNIL-REF", "CNIL-SANC", "RECOMMANDATION", "PRATIQUE", "ANALOGIE", "NON-VERIFIE"
]
KINDS: tuple[Kind, ...] = ("min", "max", "min_max")
FORCES: tuple[Force, ...] = (
    "LOI", "CNIL-REF", "CNIL-SANC", "RECOMMANDATION", "PRATIQUE", "ANALOGIE", "NON-VERIFIE"
)
#: What each force means, in the DPO's words (French, English).
FORCE_LABELS: Mapping[Force, tuple[str, str]] = MappingProxyType({
    "LOI": ("Texte obligatoire (loi, décret, arrêté, règlement européen)",
            "Binding text (statute, decree, order, EU regulation)"),
    "CNIL-REF": ("Référentiel de la CNIL", "CNIL reference framework (référentiel)"),
    "CNIL-SANC": ("Décision de sanction de la CNIL", "CNIL enforcement decision"),
    "RECOMMANDATION": ("Recommandation (CNIL, HAS, ministère), non obligatoire",
                       "Recommendation (CNIL, HAS, ministry), not binding"),
    "PRATIQUE": ("Pratique professionnelle, sans texte qui l'impose",
                 "Professional practice, no text requires it"),
    "ANALOGIE": ("Par analogie avec un texte écrit pour un autre cas",
                 "By analogy with a text written for another case"),
    "NON-VERIFIE": ("Non vérifié : source secondaire ou texte introuvable",
                    "Unverified: secondary source or text not found"),
})
#: Forces the window warns about when such a template is chosen.
WARNING_FORCES: frozenset[Force] = frozenset({"ANALOGIE", "NON-VERIFIE"})

EstablishmentStatus = Literal["public", "espic", "private"]
STATUSES: tuple[EstablishmentStatus, ...] = ("public", "espic", "private")
#: A public establishment's or an ESPIC's records are public archives: never plainly deleted.
_NOT_FOR_PUBLIC = frozenset({FinalAction.DELETE, FinalAction.ANONYMISE})

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
_OPTIONAL_TEXT_FIELDS = ("active_until", "notes_fr", "changes_fr", "changes_en")


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
    final_action_public: FinalAction = FinalAction.ELIMINATE_WITH_VISA
    version: int = 1
    changes_fr: str = ""
    changes_en: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.events, MappingProxyType):
            object.__setattr__(self, "events", MappingProxyType(dict(self.events)))

    def title(self, lang: Literal["fr", "en"] = "fr") -> str:
        return self.title_en if lang == "en" else self.title_fr

    def changes(self, lang: Literal["fr", "en"] = "fr") -> str:
        """What the last correction changed and why ("" for a template never corrected)."""
        return self.changes_en if lang == "en" else self.changes_fr

    def force_label(self, lang: Literal["fr", "en"] = "fr") -> str:
        french, english = FORCE_LABELS[self.force]
        return english if lang == "en" else french

    @property
    def needs_warning(self) -> bool:
        """True when the rule rests on an analogy or on an unverified source."""
        return self.force in WARNING_FORCES

    def final_action_for(self, status: str | None) -> FinalAction:
        """The final action in an establishment of that status: ``"private"`` gets
        ``final_action``; ``"public"``, ``"espic"`` and an unknown status (the stricter case)
        get ``final_action_public``."""
        return self.final_action if status == "private" else self.final_action_public

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

    def to_rule(self, reference_override: str = "", status: str | None = None) -> RetentionRule:
        """The retention rule to attach to a data category, remembering this template; its
        final action is the one for the establishment's ``status`` (unknown: public)."""
        return RetentionRule(
            delete_after=self.delete_after,
            active_until=self.active_until,
            final_action=self.final_action_for(status),
            legal_reference=reference_override.strip() or self.legal_reference,
            justification=self.notes_fr,
            template_id=self.id,
            template_version=self.version,
        )


@dataclass(frozen=True)
class UncoveredTopic:
    """A rule the audit asked about that the library deliberately does not ship as a
    template, with the reason (``not_covered`` in the file)."""

    topic_fr: str
    topic_en: str
    answer_fr: str
    answer_en: str

    def topic(self, lang: Literal["fr", "en"] = "fr") -> str:
        return self.topic_en if lang == "en" else self.topic_fr

    def answer(self, lang: Literal["fr", "en"] = "fr") -> str:
        return self.answer_en if lang == "en" else self.answer_fr


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

    __slots__ = ("_by_id", "_haystacks", "_templates", "not_covered")

    def __init__(
        self,
        templates: tuple[RetentionTemplate, ...] | list[RetentionTemplate],
        not_covered: tuple[UncoveredTopic, ...] = (),
    ) -> None:
        self._templates: tuple[RetentionTemplate, ...] = tuple(templates)
        #: Topics answered without a template (why the library has none).
        self.not_covered: tuple[UncoveredTopic, ...] = tuple(not_covered)
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


def _final_action(raw: Mapping[str, object], key: str, *, file: str, tid: str) -> FinalAction:
    value = raw.get(key)
    if not isinstance(value, str) or value not in {a.value for a in FinalAction}:
        choices = ", ".join(a.value for a in FinalAction)
        raise TemplateError(
            f"{key!r} must be one of {choices}, got {value!r}", file=file, template_id=tid
        )
    return FinalAction(value)


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

    final_action = _final_action(raw, "final_action", file=file, tid=tid)
    if final_action is FinalAction.ELIMINATE_WITH_VISA:
        raise TemplateError(
            "'final_action' is the action of a private establishment: no archives' visa",
            file=file, template_id=tid,
        )
    final_action_public = (
        _final_action(raw, "final_action_public", file=file, tid=tid)
        if "final_action_public" in raw
        else (final_action if final_action not in _NOT_FOR_PUBLIC
              else FinalAction.ELIMINATE_WITH_VISA)
    )
    if final_action_public in _NOT_FOR_PUBLIC:
        raise TemplateError(
            "'final_action_public' cannot be a deletion or an anonymisation: the records of a "
            "public establishment are public archives (elimination with the archives' visa)",
            file=file, template_id=tid,
        )
    version = raw.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise TemplateError(
            f"'version' must be a whole number from 1, got {version!r}", file=file, template_id=tid
        )
    if version > 1:
        for key in ("changes_fr", "changes_en"):
            if not texts[key].strip():
                raise TemplateError(
                    f"version {version} needs {key!r}: what changed and why",
                    file=file, template_id=tid,
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
        final_action=final_action,
        kind=cast(Kind, kind),
        legal_reference=texts["legal_reference"],
        force=cast(Force, force),
        source=texts["source"],
        notes_fr=texts["notes_fr"],
        example=example,
        final_action_public=final_action_public,
        version=version,
        changes_fr=texts["changes_fr"],
        changes_en=texts["changes_en"],
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
    return TemplateLibrary(templates, _not_covered(path, file=file))


def _not_covered(path: Traversable | Path, *, file: str) -> tuple[UncoveredTopic, ...]:
    """The optional ``not_covered`` list (the file was already read and checked as JSON)."""
    raw = json.loads(path.read_text(encoding="utf-8")).get("not_covered", [])
    if not isinstance(raw, list):
        raise TemplateError("'not_covered' must be a list", file=file)
    keys = ("topic_fr", "topic_en", "answer_fr", "answer_en")
    topics: list[UncoveredTopic] = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) and item[k].strip() for k in keys
        ):
            raise TemplateError(
                f"'not_covered' item {index} needs {', '.join(keys)}", file=file
            )
        topics.append(UncoveredTopic(*(str(item[k]) for k in keys)))
    return tuple(topics)


def _template_file() -> Traversable:
    return files("resources") / "templates" / "retention.json"


@functools.cache
def load_templates() -> TemplateLibrary:
    """Load and validate the template library once (cached for the process)."""
    return _load_library(_template_file())
