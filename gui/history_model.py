"""The history of one activity: its audit entries (who, when, field, old -> new)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from domain.vocabulary import Lang, load_vocabularies
from gui.i18n import tr_noop, translate
from gui.messages import category_words
from storage.tables import AuditEntryRow

Index = QModelIndex | QPersistentModelIndex

HEADERS: tuple[str, ...] = (
    tr_noop("Date"), tr_noop("Par"), tr_noop("Action"),
    tr_noop("Champ"), tr_noop("Avant"), tr_noop("Après"),
)
ACTIONS = {"create": tr_noop("création"), "update": tr_noop("modification"),
           "delete": tr_noop("suppression")}
MAX_CELL = 80
_NAMING_KEYS = ("name", "recipient", "code")
# the audit's field names as the editor and the fiche call them (never the code's names)
FIELDS = {
    "entity_id": tr_noop("Entité"),
    "ref": tr_noop("Référence"),
    "name": tr_noop("Nom du traitement"),
    "role": tr_noop("Rôle"),
    "status": tr_noop("Statut"),
    "department": tr_noop("Service"),
    "owner": tr_noop("Responsable opérationnel"),
    "purpose": tr_noop("Finalité principale"),
    "sub_purposes": tr_noop("Sous-finalités"),
    "legal_bases": tr_noop("Bases légales (art. 6)"),
    "special_conditions": tr_noop("Conditions de l'art. 9"),
    "data_subjects": tr_noop("Personnes concernées"),
    "data_categories": tr_noop("Catégories de données"),
    "data_sources": tr_noop("Sources des données"),
    "recipients": tr_noop("Destinataires"),
    "transfers": tr_noop("Transferts hors UE"),
    "security_measures": tr_noop("Mesures de sécurité"),
    "systems": tr_noop("Logiciels et systèmes"),
    "dpia": tr_noop("Analyse d'impact (AIPD)"),
    "joint_controllers": tr_noop("Responsables conjoints"),
    "controllers_acted_for": tr_noop("Pour le compte de"),
    "notes": tr_noop("Notes du DPO sur le traitement"),
    "created_on": tr_noop("Créé le"),
    "updated_on": tr_noop("Modifié le"),
    "last_reviewed_on": tr_noop("Dernière revue"),
    "archived_on": tr_noop("Terminé le"),
}


def _value(raw: str | None, field: str = "", lang: Lang = "fr") -> str:
    """A stored JSON value in the DPO's words: text as is, a date as 01/03/2026, codes as
    their vocabulary's labels, each item of a list by what names it. Never JSON: what is
    not understood shows as its plain values (the whole value is the cell's tooltip)."""
    if raw is None:
        return "—"
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, str):
        return _day(value)
    if isinstance(value, bool):
        return translate(YES if value else NO)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    items = value if isinstance(value, list) else [value]
    return "; ".join(n for n in (_name(item, field, lang) for item in items) if n) or "—"


# words of the values (two-language until ``python -m gui.i18n.extract`` moves the English)
YES, NO = tr_noop("oui"), tr_noop("non")
CRITERIA, NO_CRITERION = tr_noop("critères : {names}"), \
    tr_noop("aucun critère")
DONE_ON = tr_noop("réalisée le {day}")
KIND_NAME = tr_noop("{kind} : {name}")


def _day(text: str) -> str:
    """An ISO date as the DPO writes it (2026-03-01 -> 01/03/2026); other text as is."""
    try:
        return date.fromisoformat(text).strftime("%d/%m/%Y") if len(text) == 10 else text
    except ValueError:
        return text


# for each field holding items with a code: the vocabulary that names the code
_CODED_ITEMS = {"legal_bases": "legal_bases", "special_conditions": "art9_conditions",
                "security_measures": "security_measures"}


def _term(vocabulary: str, code: str, lang: Lang) -> str:
    term = getattr(load_vocabularies(), vocabulary).get(code)
    return term.label(lang) if term is not None else code


def _name(item: object, field: str, lang: Lang) -> str:
    """One item of a list (a legal basis, a category, a recipient…) in words."""
    if not isinstance(item, dict):
        return str(item)
    code = str(item.get("code") or "")
    if code and field == "data_categories":  # a code of the vocabularies: its words
        return str(item.get("label") or "") or category_words(code, lang)
    if code and field in _CODED_ITEMS:
        return _term(_CODED_ITEMS[field], code, lang)
    if field == "dpia":
        return _dpia(item, lang)
    if field == "recipients":
        kind = _term("recipient_kinds", str(item.get("kind") or ""), lang)
        name = str(item.get("name") or "")
        return translate(KIND_NAME).format(kind=kind, name=name) if name else kind
    if field == "transfers":
        where = ", ".join(w for w in (
            _term("countries", str(item.get("country") or ""), lang)
            if item.get("country") else "",
            _term("safeguards", str(item.get("safeguard") or ""), lang)
            if item.get("safeguard") else "") if w)
        return f"{item.get('recipient') or ''} ({where})" if where else \
            str(item.get("recipient") or "")
    if {"email", "phone"} <= set(item):  # a person (the owner…): every detail, since a
        # change of email alone must show
        return ", ".join(str(item[k]) for k in ("name", "organisation", "email", "phone",
                                                "address") if item.get(k))
    named = next((str(item[k]) for k in _NAMING_KEYS if item.get(k)), "")
    if named:
        return named
    return ", ".join(_day(str(v)) for v in item.values() if v not in (None, "", [], {}))


def _dpia(item: Mapping[str, Any], lang: Lang) -> str:
    criteria = [_term("dpia_criteria", str(c), lang) for c in item.get("criteria") or ()]
    parts = [translate(CRITERIA).format(names=", ".join(criteria)) if criteria
             else translate(NO_CRITERION)]
    if item.get("mandatory_type"):
        parts.append(_term("dpia_mandatory_types", str(item["mandatory_type"]), lang))
    if item.get("done_on"):
        parts.append(translate(DONE_ON).format(day=_day(str(item["done_on"]))))
    if item.get("reference"):
        parts.append(str(item["reference"]))
    return "; ".join(parts)


def _coded(field: str, value: str, lang: Lang) -> str:
    """A status or a role in words (``draft`` -> « Brouillon »), other values as they are."""
    voc = load_vocabularies()
    terms = {"status": voc.statuses, "role": voc.roles}.get(field)
    if terms is None:
        return value
    term = next((term for term in terms if term.code == value), None)
    return term.label(lang) if term is not None else value


def _when(at: str) -> str:
    try:
        moment = datetime.fromisoformat(at).astimezone()
    except ValueError:
        return at
    return moment.strftime("%d/%m/%Y %H:%M")


class HistoryModel(QAbstractTableModel):
    def __init__(self, lang: Lang = "fr", parent: Any = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[tuple[str, ...]] = []
        self._full: list[tuple[str, str]] = []
        self._entries: Sequence[AuditEntryRow] = ()
        self._entities: dict[int, str] = {}

    def set_lang(self, lang: Lang) -> None:
        self._lang = lang
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self._entries:
            self.set_entries(self._entries)  # the actions, fields and values in ``lang``

    def set_entries(self, entries: Sequence[AuditEntryRow],
                    entities: Mapping[int, str] | None = None) -> None:
        """Newest first; ``entities``: the names of the entities (an entity id in words)."""
        self.beginResetModel()
        self._entries = entries
        if entities is not None:
            self._entities = dict(entities)
        self._rows, self._full = [], []
        lang = self._lang
        for entry in reversed(entries):
            before, after = (self._words(entry.field, raw, lang)
                             for raw in (entry.old_value, entry.new_value))
            action = ACTIONS.get(entry.action)
            field = FIELDS.get(entry.field)
            self._rows.append((_when(entry.at), entry.actor,
                               translate(action) if action else entry.action,
                               translate(field) if field else entry.field, before, after))
            self._full.append((before.replace("; ", "\n"), after.replace("; ", "\n")))
        self.endResetModel()

    def _words(self, field: str, raw: str | None, lang: Lang) -> str:
        shown = _value(raw, field, lang)
        if field == "entity_id" and shown.isdigit():
            return self._entities.get(int(shown), shown)
        return _coded(field, shown, lang)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() >= 4:
            return self._full[index.row()][index.column() - 4]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:  # the action too
            return f"{text} ({self._rows[index.row()][2]})"
        return None
