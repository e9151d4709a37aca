"""Tokeniser of the rule language.

Tokens: numbers (ASCII digits), names (Unicode letters, digits, ``_`` and combining
accents, not starting with a digit: events, keywords, function names, unit words, ISO
periods), and the symbols ``+ - < <= > >= ? ( ) ,``. Any Unicode white space separates
tokens (including the no-break space a word processor puts in "20 ans").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from domain.rules.errors import InvalidCharacterError

__all__ = ["Token", "TokenKind", "tokenize"]

TokenKind = Literal["number", "name", "symbol", "end"]

_TOKEN = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<number>[0-9]+)"
    r"|(?P<name>[^\W\d][\w\u0300-\u036f]*)"
    r"|(?P<symbol><=|>=|[-+<>?(),])"
)


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str
    position: int


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens, ending with an ``end`` token at ``len(text)``.

    Raises :class:`InvalidCharacterError` for a character that starts no token.
    """
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise InvalidCharacterError(position, text[position])
        kind = match.lastgroup
        if kind == "number":
            tokens.append(Token("number", match.group(), position))
        elif kind == "name":
            tokens.append(Token("name", match.group(), position))
        elif kind == "symbol":
            tokens.append(Token("symbol", match.group(), position))
        position = match.end()
    tokens.append(Token("end", "", len(text)))
    return tokens
