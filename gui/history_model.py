"""The history of one activity: its audit entries (who, when, field, old -> new)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
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
    """A stored JSON value as a short line: text as is, lists joined, objects compact."""
    if raw is None:
        return "—"
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    # legal bases, categories, recipients, the owner…: what names each item (the whole
    # JSON is the cell's tooltip)
    items = value if isinstance(value, list) else [value]
    names = [_name(item, field, lang) for item in items]
    if all(names):
        return ", ".join(names)
    return _json(value)


_NAMING_KEYS = ("code", "name", "recipient")


def _name(item: object, field: str, lang: Lang) -> str:
    if not isinstance(item, dict):
        return ""
    code = str(item.get("code") or "")
    if code and field == "data_categories":  # a code of the vocabularies: its words
        return category_words(code, lang)
    if code and field == "security_measures":
        term = load_vocabularies().security_measures.get(code)
        return term.label(lang) if term is not None else code
    return next((str(item[k]) for k in _NAMING_KEYS if item.get(k)), "")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _full(raw: str | None) -> str:
    """The whole stored value, for the tooltip."""
    if raw is None:
        return "—"
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    return value if isinstance(value, str) else _json(value)


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
            self._full.append((_full(entry.old_value), _full(entry.new_value)))
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
        return None
