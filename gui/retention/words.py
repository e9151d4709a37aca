"""The words of the review's error codes, in French and English.

They belong in ``gui/messages.py`` (TEMPLATES and WHAT); they wait here while that shared
file has other uncommitted work in it. ``describe`` says any error: these codes first, then
``gui.messages.describe``.
"""

from __future__ import annotations

from collections.abc import Mapping

from domain.errors import RegistreError
from gui import messages
from gui.messages import Lang

REVIEW_TEMPLATES: Mapping[str, tuple[str, str]] = {
    "review.frozen": (
        "la revue {title} a été signée par {signed_by} ({signed_at}) : elle ne peut plus "
        "être modifiée", "review {title} was signed off by {signed_by} ({signed_at}): it "
        "cannot be changed"),
    "review.purge_date": ("une purge planifiée a besoin de sa date",
                          "a planned purge needs its date"),
    "review.evidence": ("une purge effectuée a besoin de la référence de sa preuve (PV de "
                        "destruction…)", "a purge done needs a reference to its evidence"),
    "review.justification": ("accepter un constat demande une justification",
                             "accepting a finding needs a justification"),
    "review.note": ("cette décision demande une note (motif, révision…)",
                    "this decision needs a note (reason, revision…)"),
    "review.signer": ("la revue est signée par une personne nommée",
                      "a review is signed off by a named person"),
    "review.next_date": ("la prochaine revue ({value}) doit suivre celle-ci ({as_of})",
                         "the next review ({value}) must come after this one ({as_of})"),
    "review.horizon": ("l'horizon est un nombre de jours positif",
                       "the horizon is a number of days >= 0"),
    "review.quarter_open": (
        "la revue {title} est déjà en cours (démarrée le {started_at} par {started_by}) : "
        "poursuivez-la, ou abandonnez-la pour recommencer le trimestre",
        "review {title} is already open (started on {started_at} by {started_by}): carry "
        "on with it, or abandon it to start the quarter again"),
    "review.abandon_reason": ("dites pourquoi cette revue est abandonnée",
                              "say why this review is abandoned"),
    "review.purge_past": (
        "une purge ne peut pas être planifiée le {value}, avant la date de la revue "
        "({as_of}) : choisissez le {as_of} ou plus tard",
        "a purge cannot be planned on {value}, before the review's date ({as_of}): "
        "choose {as_of} or later"),
    "review.purge_none": (
        "aucun de ces enregistrements ne peut être purgé le {value} : ils sont encore "
        "conservés ce jour-là, sans fin de conservation calculable, ou sous gel juridique",
        "none of these records can be purged on {value}: they are still kept on that day, "
        "have no computable end of retention, or are under a legal hold"),
    "review.purge_too_early": (
        "l'enregistrement {record} est encore conservé le {value} : sa purge se planifie "
        "après sa fin de conservation",
        "record {record} is still kept on {value}: plan its purge after its end of "
        "retention"),
    "review.purge_undetermined": (
        "la fin de conservation de l'enregistrement {record} ne peut pas être calculée (une "
        "date manque) : sa purge ne peut pas être planifiée",
        "the end of retention of record {record} cannot be computed (a date is missing): "
        "its purge cannot be planned"),
    "review.purge_on_hold": (
        "l'enregistrement {record} est sous gel juridique : il ne peut pas être purgé",
        "record {record} is under a legal hold: it cannot be purged"),
}
WHAT: Mapping[str, tuple[str, str]] = {"review": ("la revue", "review")}


def describe(error: RegistreError, lang: Lang = "fr") -> str:
    template = REVIEW_TEMPLATES.get(error.code)
    if template is None and not (error.code == "register.not_found"
                                 and error.params.get("what") in WHAT):
        return messages.describe(error, lang)
    params = dict(error.params)
    if params.get("what") in WHAT:
        params["what"] = WHAT[str(params["what"])][0 if lang == "fr" else 1]
    return messages.translate(error.code, params, lang) if template is None else \
        _capitalised(template[0 if lang == "fr" else 1].format_map(messages._Keep(params)))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
