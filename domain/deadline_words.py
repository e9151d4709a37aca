"""The words of the registers of requests and breaches, read from
``resources/vocabularies/`` (one source for the command line and the window): the kinds of
request, the outcomes, the items of the due list with their statuses, the natures of a
breach and the headings of its summary (the CNIL's notification form).

Kept apart from ``domain.vocabulary.Vocabularies`` so that adding them touched no shared
module; the files have the same format and are read into the same ``Vocabulary``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files

from domain.resource_files import read_json_list
from domain.vocabulary import FORMAT_VERSION, Lang, Term, Vocabulary, VocabularyError

__all__ = ["DeadlineWords", "load_deadline_words"]

_TERM_KEYS = frozenset({"code", "fr", "en", "description_fr", "description_en"})


def _load(name: str) -> Vocabulary:
    path = files("resources") / "vocabularies" / f"{name}.json"
    file = f"{name}.json"
    terms = []
    raw_terms = read_json_list(path, "terms", FORMAT_VERSION,
                               lambda message: VocabularyError(message, file=file))
    for index, raw in enumerate(raw_terms):
        if not isinstance(raw, dict) or not all(
                isinstance(raw.get(k), str) and raw.get(k) for k in ("code", "fr", "en")):
            raise VocabularyError("a term needs a code, fr and en", file=file, index=index)
        terms.append(Term(code=raw["code"], fr=raw["fr"], en=raw["en"],
                          description_fr=str(raw.get("description_fr", "")),
                          description_en=str(raw.get("description_en", "")),
                          extra={k: v for k, v in raw.items() if k not in _TERM_KEYS}))
    return Vocabulary(name, terms)


@dataclass(frozen=True)
class DeadlineWords:
    request_kinds: Vocabulary
    request_outcomes: Vocabulary
    items: Vocabulary  # request, breach, review; open, closed, late
    breach_natures: Vocabulary
    breach_form: Vocabulary  # the headings of a breach's summary (the CNIL's form)

    def request_title(self, kind: str, lang: Lang = "fr") -> str:
        """"Demande d'accès" / "Access request" (the code itself when unknown)."""
        term = self.request_kinds.get(kind)
        if term is None:
            return kind
        title = term.extra.get(f"{lang}_request")
        return title if isinstance(title, str) else term.label(lang)

    def word(self, vocabulary: Vocabulary, code: str, lang: Lang = "fr") -> str:
        term = vocabulary.get(code)
        return term.label(lang) if term is not None else code


@functools.cache
def load_deadline_words() -> DeadlineWords:
    return DeadlineWords(_load("request_kinds"), _load("request_outcomes"),
                         _load("deadline_items"), _load("breach_natures"),
                         _load("breach_form"))
