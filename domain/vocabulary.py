"""The controlled vocabularies of the register: one source of truth for every layer.

The terms live in ``resources/vocabularies/*.json`` (UTF-8, French first, then English).
Each file is ``{"version": 1, "terms": [{"code": ..., "fr": ..., "en": ...}, ...]}``; a term
may add ``description_fr`` / ``description_en`` and any other key, which lands in
:attr:`Term.extra` (read-only). Two extra keys are understood here:

* ``aliases_fr`` / ``aliases_en``: other spellings an importer may meet (older CNIL wording,
  ISO formal names...), matched by :meth:`Vocabulary.find` like the labels;
* the vocabulary-specific keys documented in each file (``sensitive``, ``eu_eea``,
  ``adequacy``, ``article``...).

Codes are stable: the database, the files and the command line store them. Labels may change.
This module is pure standard library: no Qt, no SQL, no spreadsheet library.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from domain.resource_files import read_json_list

__all__ = [
    "Lang",
    "Term",
    "UnknownCodeError",
    "Vocabularies",
    "Vocabulary",
    "VocabularyError",
    "load_vocabularies",
    "normalise_label",
]

Lang = Literal["fr", "en"]

FORMAT_VERSION = 1
_RESERVED_KEYS = frozenset({"code", "fr", "en", "description_fr", "description_en"})


class VocabularyError(Exception):
    """A vocabulary file is missing or malformed (names the file and, if any, the term index)."""

    code = "vocabulary.invalid"

    def __init__(self, message: str, *, file: str, index: int | None = None) -> None:
        where = file if index is None else f"{file}, term {index}"
        super().__init__(f"{where}: {message}")
        self.message = f"{where}: {message}"
        self.file = file
        self.index = index
        self.params: Mapping[str, object] = MappingProxyType(
            {"file": file, "index": index, "reason": message}
        )

    def __str__(self) -> str:
        return self.message


class UnknownCodeError(KeyError):
    """``vocabulary[code]`` with a code the vocabulary does not hold."""

    code = "vocabulary.unknown_code"

    def __init__(self, vocabulary: str, value: str) -> None:
        super().__init__(value)
        self.vocabulary = vocabulary
        self.value = value
        self.message = f"unknown code {value!r} in vocabulary {vocabulary!r}"
        self.params: Mapping[str, object] = MappingProxyType(
            {"vocabulary": vocabulary, "value": value}
        )

    def __str__(self) -> str:  # KeyError would print the repr of the key only
        return self.message


def _freeze(value: object) -> object:
    """JSON value -> read-only equivalent (dict -> MappingProxyType, list -> tuple)."""
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: a stable code and its French and English labels."""

    code: str
    fr: str
    en: str
    description_fr: str = ""
    description_en: str = ""
    extra: Mapping[str, object] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if not isinstance(self.extra, MappingProxyType):
            object.__setattr__(self, "extra", _freeze(self.extra))

    def label(self, lang: Lang = "fr") -> str:
        return self.en if lang == "en" else self.fr

    def description(self, lang: Lang = "fr") -> str:
        return self.description_en if lang == "en" else self.description_fr

    def aliases(self, lang: Lang) -> tuple[str, ...]:
        """Other spellings of the label (``aliases_fr`` / ``aliases_en`` in the file)."""
        raw = self.extra.get(f"aliases_{lang}", ())
        if isinstance(raw, tuple):
            return tuple(a for a in raw if isinstance(a, str))
        return ()


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_NON_WORD = re.compile(r"[\W_]+")


def normalise_label(text: str) -> str:
    """Key for forgiving matching: NFKD, accents dropped, casefolded, punctuation -> space.

    ``"  Données  de santé…\\xa0"`` and ``"DONNEES DE SANTE"`` both give ``"donnees de sante"``.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", stripped.casefold()).split())


_LANGS: tuple[Lang, ...] = ("fr", "en")


class Vocabulary:
    """An ordered, read-only collection of :class:`Term`, indexed by code."""

    __slots__ = ("_by_code", "_by_code_folded", "_by_label", "_by_norm", "_terms", "name")

    def __init__(self, name: str, terms: Iterable[Term]) -> None:
        self.name = name
        self._terms: tuple[Term, ...] = tuple(terms)
        self._by_code: dict[str, Term] = {}
        for term in self._terms:
            if term.code in self._by_code:
                raise ValueError(f"duplicate code {term.code!r} in vocabulary {name!r}")
            self._by_code[term.code] = term
        self._by_code_folded: dict[str, Term] = {}
        # per language: exact label -> term, normalised label -> term (first term wins)
        self._by_label: dict[Lang, dict[str, Term]] = {lang: {} for lang in _LANGS}
        self._by_norm: dict[Lang, dict[str, Term]] = {lang: {} for lang in _LANGS}
        for term in self._terms:
            self._by_code_folded.setdefault(term.code.casefold(), term)
            for lang in _LANGS:
                for text in (term.label(lang), *term.aliases(lang)):
                    self._by_label[lang].setdefault(text, term)
                    key = normalise_label(text)
                    if key:
                        self._by_norm[lang].setdefault(key, term)

    def __repr__(self) -> str:
        return f"Vocabulary({self.name!r}, {len(self._terms)} terms)"

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._by_code

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    def get(self, code: str) -> Term | None:
        return self._by_code.get(code)

    def __getitem__(self, code: str) -> Term:
        term = self._by_code.get(code)
        if term is None:
            raise UnknownCodeError(self.name, code)
        return term

    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self._terms)

    def find(self, text: str, lang: Lang | None = None) -> Term | None:
        """Forgiving lookup for importers.

        In order: the code (case-insensitive, surrounding spaces ignored); the exact label or
        alias in ``lang`` (both languages if None, French first); the label or alias ignoring
        case, accents, punctuation and extra spaces. None if nothing matches.
        """
        if not isinstance(text, str):
            return None
        stripped = text.strip()
        if not stripped:
            return None
        term = self._by_code_folded.get(stripped.casefold())
        if term is not None:
            return term
        langs: tuple[Lang, ...] = _LANGS if lang is None else (lang,)
        for each in langs:
            term = self._by_label[each].get(text) or self._by_label[each].get(stripped)
            if term is not None:
                return term
        key = normalise_label(stripped)
        if not key:
            return None
        for each in langs:
            term = self._by_norm[each].get(key)
            if term is not None:
                return term
        return self._by_code_folded.get(key.replace(" ", "_"))


@dataclass(frozen=True)
class Vocabularies:
    """All the vocabularies, each loaded from ``resources/vocabularies/<field name>.json``."""

    legal_bases: Vocabulary
    art9_conditions: Vocabulary
    data_categories: Vocabulary
    countries: Vocabulary
    safeguards: Vocabulary
    security_measures: Vocabulary
    dpia_criteria: Vocabulary
    dpia_mandatory_types: Vocabulary
    recipient_kinds: Vocabulary
    final_actions: Vocabulary
    roles: Vocabulary
    statuses: Vocabulary
    retention_statuses: Vocabulary
    events: Vocabulary  # the event names of the retention rules (domain.rules.wording)
    establishment_statuses: Vocabulary

    def is_sensitive_category(self, code: str) -> bool:
        """True for the 9 Art. 9 / Art. 10 categories; False for others and unknown codes."""
        term = self.data_categories.get(code)
        return term is not None and term.extra.get("sensitive") is True

    def category_article(self, code: str) -> str | None:
        """The GDPR article that governs a sensitive category: "9" (special categories:
        health, genetic...) or "10" (criminal convictions and offences); None otherwise."""
        term = self.data_categories.get(code)
        if term is None or term.extra.get("sensitive") is not True:
            return None
        article = term.extra.get("article")
        return article if article in ("9", "10") else None

    def is_art10_condition(self, code: str) -> bool:
        """True for the basis of Art. 10 (``A10``), which the conditions' vocabulary holds
        next to the Art. 9(2) conditions but which is none of them."""
        term = self.art9_conditions.get(code)
        return term is not None and term.extra.get("article") == "10"

    def is_adequate_country(self, code: str) -> bool:
        """EU/EEA member, or a current European Commission adequacy decision (any scope).

        The code is an ISO 3166-1 alpha-2 code, case-insensitive. A partial decision (Canada,
        United States) counts: the register must then say why the recipient is covered.
        """
        if not isinstance(code, str):
            return False
        term = self.countries.get(code.strip().upper())
        if term is None:
            return False
        return term.extra.get("eu_eea") is True or term.extra.get("adequacy") is not None

    def adequacy_scope(self, code: str) -> str | None:
        """How a transfer to ``code`` is covered without further safeguard.

        "eu_eea" (member), "full" (adequacy decision for every recipient), "partial" (the
        decision covers only some recipients: DPF-certified US companies, Canadian and
        Japanese commercial organisations), or None (no decision, or unknown code).
        """
        term = self.countries.get(code.strip().upper()) if isinstance(code, str) else None
        if term is None:
            return None
        if term.extra.get("eu_eea") is True:
            return "eu_eea"
        adequacy = term.extra.get("adequacy")
        if not isinstance(adequacy, Mapping):
            return None
        return "full" if adequacy.get("scope") == "full" else "partial"


VOCABULARY_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Vocabularies))


def _text(raw: Mapping[str, object], key: str, *, file: str, index: int, required: bool) -> str:
    value = raw.get(key, "")
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise VocabularyError(f"{key!r} must be a string", file=file, index=index)
    if required and not value.strip():
        raise VocabularyError(f"{key!r} is missing or empty", file=file, index=index)
    return value


def _parse_term(raw: object, *, file: str, index: int) -> Term:
    if not isinstance(raw, dict):
        raise VocabularyError("a term must be a JSON object", file=file, index=index)
    code = _text(raw, "code", file=file, index=index, required=True)
    if code != code.strip():
        raise VocabularyError(f"code {code!r} has surrounding spaces", file=file, index=index)
    for lang in _LANGS:
        aliases = raw.get(f"aliases_{lang}", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise VocabularyError(
                f"'aliases_{lang}' must be a list of strings", file=file, index=index
            )
    return Term(
        code=code,
        fr=_text(raw, "fr", file=file, index=index, required=True),
        en=_text(raw, "en", file=file, index=index, required=True),
        description_fr=_text(raw, "description_fr", file=file, index=index, required=False),
        description_en=_text(raw, "description_en", file=file, index=index, required=False),
        extra={k: v for k, v in raw.items() if k not in _RESERVED_KEYS},
    )


def _load_vocabulary(path: Traversable | Path, name: str) -> Vocabulary:
    """Read and validate one vocabulary file; raise :class:`VocabularyError` naming it."""
    file = str(path)
    raw_terms = read_json_list(path, "terms", FORMAT_VERSION,
                            lambda message: VocabularyError(message, file=file))
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_terms):
        term = _parse_term(raw, file=file, index=index)
        if term.code in seen:
            raise VocabularyError(
                f"duplicate code {term.code!r} (first at term {seen[term.code]})",
                file=file,
                index=index,
            )
        seen[term.code] = index
        terms.append(term)
    return Vocabulary(name, terms)


def _vocabulary_dir() -> Traversable:
    return files("resources") / "vocabularies"


@functools.cache
def load_vocabularies() -> Vocabularies:
    """Load and validate every vocabulary file once (cached for the process)."""
    directory = _vocabulary_dir()
    loaded = {name: _load_vocabulary(directory / f"{name}.json", name) for name in VOCABULARY_NAMES}
    return Vocabularies(**loaded)
