"""What the review screen asks and says about abandoning a review and about a planned purge
that leaves records out, in the DPO's words (French and English as written here, until the
lead moves them to the .ts).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QWidget

from domain.errors import RegistreError
from gui.typography import number
from gui.widgets import Texts
from storage.review import PurgeLeftOut

__all__ = ["ask_abandon_reason", "left_out_of", "left_out_words", "refused_purge_words"]


def ask_abandon_reason(parent: QWidget, texts: Texts, title: str, decided: int
                       ) -> str | None:
    """Why the DPO abandons review ``title`` (``decided`` findings have a decision), or
    None: kept. Looked up as ``review_screen.ask_abandon_reason`` (tests replace it)."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("abandon-review")
    dialog.setWindowTitle(texts.t("Abandonner la revue"))
    question = texts.t(
        "Abandonner la revue {title} ? Elle disparaît de la liste et son trimestre pourra "
        "être revu de nouveau ; le journal d'audit garde pourquoi, quand et par qui.").format(
            title=title)
    if decided:
        question += texts.t(
            "\n\nSes {decided} décision(s) seront perdues (les gels juridiques déjà créés "
            "restent en place).").format(decided=decided)
    dialog.setLabelText(question + texts.t("\n\nPourquoi l'abandonner ?"))
    dialog.setOkButtonText(texts.t("Abandonner la revue"))
    dialog.setCancelButtonText(texts.t("Garder la revue"))
    for label in dialog.findChildren(QLabel):
        label.setWordWrap(True)
    dialog.resize(520, dialog.sizeHint().height())
    return dialog.textValue() if dialog.exec() == QDialog.DialogCode.Accepted else None


def left_out_of(error: RegistreError) -> PurgeLeftOut:
    """The records a refused purge (``review.purge_none``) left out, from its params."""
    def count(key: str) -> int:
        value = error.params.get(key)
        return value if isinstance(value, int) else 0

    latest = error.params.get("latest_deadline")
    return PurgeLeftOut(count("too_early"),
                        date.fromisoformat(latest) if isinstance(latest, str) else None,
                        count("undetermined"), count("on_hold"))


def _why(texts: Texts, left: PurgeLeftOut) -> str:
    lang = texts.lang
    parts: list[str] = []
    if left.too_early:
        parts.append(texts.t(
            "{count} encore conservé(s) à cette date (jusqu'au {latest} au plus tard) : "
            "planifiez leur purge après leur fin de conservation").format(
                count=number(left.too_early, lang), latest=left.latest_deadline))
    if left.undetermined:
        parts.append(texts.t(
            "{count} sans fin de conservation calculable (une date manque)"
        ).format(count=number(left.undetermined, lang)))
    if left.on_hold:
        parts.append(texts.t("{count} sous gel juridique"
                             ).format(count=number(left.on_hold, lang)))
    return texts.t(" ; ").join(parts)


def left_out_words(texts: Texts, left: PurgeLeftOut) -> str:
    """``101 enregistrement(s) ne sont pas dans cette purge : 26 encore conservé(s)…``"""
    return texts.t(
        "{total} enregistrement(s) ne sont pas dans cette purge : {why}.").format(
            total=number(left.total, texts.lang), why=_why(texts, left))


def refused_purge_words(texts: Texts, left: PurgeLeftOut, day: str) -> str:
    """A purge refused because it would cover no record: why, for each."""
    return texts.t(
        "Purge non planifiée : aucun de ces enregistrements ne peut être purgé le {day} : "
        "{why}.").format(
            day=day, why=_why(texts, left))
