"""What each column of an imported table becomes in the register, in the DPO's words (the
import preview's "Colonnes du fichier" tab). Both languages as data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from domain.vocabulary import Lang, Vocabularies

__all__ = ["FIELD_WORDS", "column_use_words"]

# storage.import_layouts' fields (the canonical names of its column synonyms)
FIELD_WORDS: Final[Mapping[str, tuple[str, str]]] = {
    "name": ("Nom du traitement", "Name of the activity"),
    "ref": ("Référence", "Reference"),
    "purpose": ("Finalité principale", "Main purpose"),
    "description": ("Finalité principale si absente, sinon sous-finalité",
                    "Main purpose when missing, else a sub-purpose"),
    "sub_purposes": ("Sous-finalités", "Sub-purposes"),
    "legal_bases": ("Bases légales (art. 6)", "Legal bases (Art. 6)"),
    "special_conditions": ("Conditions de l'article 9", "Art. 9 conditions"),
    "data_subjects": ("Personnes concernées", "Data subjects"),
    "data_categories": ("Catégories de données", "Data categories"),
    "recipients": ("Destinataires", "Recipients"),
    "data_sources": ("Sources des données", "Data sources"),
    "security": ("Mesures de sécurité", "Security measures"),
    "retention": ("Durée de conservation (texte, à traduire en règle)",
                  "Retention (text, to be written as a rule)"),
    "retention_amount": ("Durée de conservation (nombre)", "Retention (number)"),
    "retention_unit": ("Durée de conservation (unité)", "Retention (unit)"),
    "created": ("Date de création", "Creation date"),
    "updated": ("Date de mise à jour", "Date of update"),
    "department": ("Service", "Department"),
    "role": ("Rôle", "Role"),
    "systems": ("Logiciels et systèmes", "Software and systems"),
    "joint_controllers": ("Responsables conjoints", "Joint controllers"),
    "dpia_required": ("AIPD requise (dans les notes)", "DPIA required (in the notes)"),
    "dpia_reference": ("Référence de l'AIPD", "DPIA reference"),
    "dpia_date": ("Date de l'AIPD", "DPIA date"),
    "transfers": ("Transferts hors UE (signalés, à saisir)",
                  "Transfers outside the EU (reported, to be entered)"),
}
_CATEGORY: Final = ("Catégorie de données : {label}", "Data category: {label}")
_IGNORED: Final = ("Ignorée (pas de place dans le registre)",
                   "Ignored (no place in the register)")


def column_use_words(use: str | None, voc: Vocabularies, lang: Lang) -> str:
    """What a column becomes (``storage.import_layouts.ColumnUse.use``), in words."""
    index = 0 if lang == "fr" else 1
    if use is None:
        return _IGNORED[index]
    if use.startswith("category:"):
        code = use.split(":", 1)[1]
        term = voc.data_categories.get(code)
        return _CATEGORY[index].format(label=term.label(lang) if term is not None else code)
    words = FIELD_WORDS.get(use)
    return words[index] if words is not None else use
