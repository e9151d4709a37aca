"""The establishment: its identity and the people the register names (Art. 30(1)(a)).

Édition › Établissement… edits the establishment of the register (the one chosen in the
window, or the one of the selected activity); Édition › Nouvel établissement… adds one to a
group's register. The dialog holds the name, group, SIREN, FINESS and address, the contact
of the controller (the person who answers for the establishment: the director), the DPO and
the representative (an establishment outside the EU). Saving is one transaction of
``domain.services`` (audited there); a refusal (a SIREN of 8 digits, a name already taken,
someone else's change) is said in the dialog, which keeps what was typed.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.errors import RegistreError
from domain.model import Contact, Entity
from gui.i18n import tr_noop
from gui.messages import describe
from gui.widgets import InlineMessages, Texts, menu_holding
from storage.register import Register

if TYPE_CHECKING:
    from gui.main_window import MainWindow

__all__ = ["EntityActions", "EntityDialog", "install_entity"]

# Contact fields each role shows, in order (the controller's address is the establishment's).
_CONTACT_FIELDS: dict[str, tuple[str, ...]] = {
    "controller": ("name", "phone", "email"),
    "dpo": ("name", "organisation", "address", "phone", "email"),
    "representative": ("name", "organisation", "address", "phone", "email"),
}


_IDENTITY_LABELS = {"name": tr_noop("Nom"), "group": tr_noop("Groupe"),
                    "siren": tr_noop("SIREN"), "finess": tr_noop("FINESS"),
                    "address": tr_noop("Adresse")}
_ROLE_TITLES = {
    "controller": tr_noop("Responsable du traitement (direction)"),
    "dpo": tr_noop("Délégué à la protection des données (DPO)"),
    "representative": tr_noop("Représentant (hors UE)"),
}
_CONTACT_LABELS = {"name": tr_noop("Nom"), "organisation": tr_noop("Société"),
                   "address": tr_noop("Adresse"),
                   "phone": tr_noop("Téléphone"), "email": tr_noop("Mél")}


class EntityDialog(QDialog):
    """Edit an establishment (``entity.id`` set) or add one (``entity.id`` None)."""

    saved = Signal(object)  # the stored Entity

    def __init__(self, register: Register, texts: Texts, entity: Entity,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entity-dialog")
        self.register, self.texts, self.entity = register, texts, entity
        t = texts
        if entity.id is None:
            t.bind(self.setWindowTitle, "Nouvel établissement")
        else:
            t.bind(self.setWindowTitle, "Établissement")

        self.fields: dict[str, QLineEdit] = {}
        identity = QGroupBox()
        t.bind(identity.setTitle, "Identité")
        form = QFormLayout(identity)
        for key, label in _IDENTITY_LABELS.items():
            form.addRow(t.t(label), self._field(key, getattr(entity, key)))

        contacts = QHBoxLayout()
        for role, title in _ROLE_TITLES.items():
            box = QGroupBox()
            box.setObjectName(f"contact-{role}")
            box.setTitle(t.t(title))
            contact_form = QFormLayout(box)
            contact: Contact = getattr(entity, role)
            for name in _CONTACT_FIELDS[role]:
                contact_form.addRow(t.t(_CONTACT_LABELS[name]),
                                    self._field(f"{role}.{name}", getattr(contact, name)))
            contacts.addWidget(box, 1)

        self.messages = InlineMessages()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        save.setObjectName("save")
        t.bind(save.setText, "&Enregistrer")
        t.bind(cancel.setText, "Annuler")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(identity)
        layout.addLayout(contacts)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(980)  # the DPO's company and address are long
        self.fields["name"].setFocus()

    def _field(self, key: str, value: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setObjectName(key)
        edit.setMinimumWidth(160)
        edit.setCursorPosition(0)  # a long value shows its start
        self.fields[key] = edit
        return edit

    def edited(self) -> Entity:
        """The establishment as the dialog's fields say it."""
        text = {key: edit.text().strip() for key, edit in self.fields.items()}
        people = {role: dataclasses.replace(getattr(self.entity, role), **{
            name: text[f"{role}.{name}"] for name in names})
            for role, names in _CONTACT_FIELDS.items()}
        identity = {key: text[key] for key in _IDENTITY_LABELS}
        return dataclasses.replace(self.entity, **identity, **people)

    def save(self) -> None:
        self.messages.clear_all()
        entity = self.edited()
        try:
            if entity.id is None:
                stored = services.add_entity(self.register.uow(), entity)
            else:
                stored = services.update_entity(self.register.uow(), entity)
        except RegistreError as error:
            self.messages.show_message("error", describe(error, self.texts.lang))
            return
        self.entity = stored
        self.saved.emit(stored)
        self.accept()


class EntityActions(QObject):
    """Édition › Établissement… and Nouvel établissement… on the main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: EntityDialog | None = None
        self.edit_action = QAction(window)
        self.edit_action.setObjectName("edit-entity")
        window.texts.bind(self.edit_action.setText, "Éta&blissement…")
        self.edit_action.triggered.connect(self.edit_entity)
        self.add_action = QAction(window)
        self.add_action.setObjectName("add-entity")
        window.texts.bind(self.add_action.setText, "&Nouvel établissement…")
        self.add_action.triggered.connect(self.add_entity)
        menu = menu_holding(window.menuBar(), window.edit_action)  # the Edit menu
        if menu is not None:
            menu.addSeparator()
            menu.addAction(self.edit_action)
            menu.addAction(self.add_action)

    def current_entity(self) -> Entity | None:
        """The establishment chosen in the window, else the selected activity's, else the
        register's first."""
        window = self.window
        chosen = window.entity_combo.currentData()
        selected = window.selected_row()
        entity_id = chosen if chosen is not None else \
            selected.activity.entity_id if selected is not None else None
        with window.register.uow() as uow:
            if entity_id is not None:
                return uow.entities.get(int(entity_id))
            entities = sorted(uow.entities.list(), key=lambda e: e.name)
        return entities[0] if entities else None

    def edit_entity(self) -> EntityDialog | None:
        entity = self.current_entity()
        return self._open(entity if entity is not None else Entity(name=""))

    def add_entity(self) -> EntityDialog:
        return self._open(Entity(name=""))

    def _open(self, entity: Entity) -> EntityDialog:
        dialog = EntityDialog(self.window.register, self.window.texts, entity, self.window)
        dialog.saved.connect(lambda _entity: self.window.reload())
        self.dialog = dialog
        dialog.open()
        return dialog


def install_entity(window: MainWindow) -> EntityActions:
    """Add the establishment's actions to the window's Edit menu; call it once."""
    existing = window.findChild(EntityActions)
    return existing if existing is not None else EntityActions(window)
