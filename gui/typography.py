"""How numbers and labels are written in each language: typography, not words to
translate (the English of the .ts says what a thing is called, not where its spaces go).

French: a narrow no-break space between thousands (``49 667``), a space before ``%``
(``100 %``) and a no-break space before ``:`` (``Statut : Validé``); English: a comma
(``49,667``), ``100%``, ``Status:``.
"""

from __future__ import annotations

from domain.vocabulary import Lang

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


def number(value: int, lang: Lang) -> str:
    """12 408 in French (narrow no-break space), 12,408 in English."""
    text = f"{value:,}"
    return text.replace(",", NARROW_NBSP) if lang == "fr" else text


def percent(value: int, lang: Lang) -> str:
    """``100 %`` in French, ``100%`` in English (a plain space, as the dashboard's
    bins and the table have always written it)."""
    return f"{value} %" if lang == "fr" else f"{value}%"


def colon(lang: Lang) -> str:
    """What goes between a label and its value: `` : `` in French, ``: `` in English."""
    return f"{NBSP}: " if lang == "fr" else ": "
