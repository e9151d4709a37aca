"""The establishment: its identity and the people the register names (Art. 30(1)(a)).

Édition › Établissement… edits the establishment of the register (the one chosen in the
window, or the one of the selected activity); Édition › Nouvel établissement… adds one to a
group's register. The dialog holds the name, group, SIREN, FINESS and address, the contact
of the controller (the person who answers for the establishment: the director), the DPO and
the representative (an establishment outside the EU). Saving is one transaction of
``domain.services`` (audited there); a refusal (a SIREN of 8 digits, a name already taken,
someone else's change) is said in the dialog, which keeps what was typed.

``SetupDialog`` is the first start: a register with no establishment yet (or only the
placeholder "Mon établissement" a command line run made) asks for the essentials — the
name, the status (public, ESPIC, private), the FINESS and the DPO — before anything else,
so that no export or PDF ever names "Mon établissement".
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.errors import RegistreError
from domain.model import Contact, Entity, EstablishmentStatus
from domain.vocabulary import load_vocabularies
from gui.i18n import tr_noop
from gui.messages import describe
from gui.widgets import InlineMessages, Texts, menu_holding
from storage.register import Register

if TYPE_CHECKING:
    from gui.main_window import MainWindow

__all__ = ["EntityActions", "EntityDialog", "SetupDialog", "install_entity", "needs_setup"]

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
            if key == "name":
                form.addRow(t.t("Statut"), self._status_combo(entity.status))

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

    def _status_combo(self, status: EstablishmentStatus) -> QComboBox:
        self.status = status_combo(self.texts, status)
        return self.status

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
        return dataclasses.replace(self.entity, **identity, **people,
                                   status=EstablishmentStatus.read(self.status.currentData()))

    def save(self) -> None:
        self.messages.clear_all()
        entity = self.edited()
        _store(self, entity)


def _store(dialog: EntityDialog | SetupDialog, entity: Entity) -> None:
    """Add or update ``entity`` in one audited transaction; on success the dialog says
    ``saved`` and closes, on refusal it says why on its form and stays open."""
    try:
        if entity.id is None:
            stored = services.add_entity(dialog.register.uow(), entity)
        else:
            stored = services.update_entity(dialog.register.uow(), entity)
    except RegistreError as error:
        dialog.messages.show_message("error", describe(error, dialog.texts.lang))
        return
    dialog.entity = stored
    dialog.saved.emit(stored)
    dialog.accept()


def status_combo(texts: Texts, status: EstablishmentStatus) -> QComboBox:
    """The three statuses in words (their vocabulary), what each means as its tooltip."""
    combo = QComboBox()
    combo.setObjectName("status")
    terms = load_vocabularies().establishment_statuses

    def fill(lang: str) -> None:
        chosen = combo.currentData() or status.value
        combo.clear()
        for term in terms:
            combo.addItem(term.label("en" if lang == "en" else "fr"), term.code)
            combo.setItemData(combo.count() - 1, term.description(
                "en" if lang == "en" else "fr"), Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))

    fill(texts.lang)
    texts.on_switch(fill)
    return combo


def entity_statuses(register: Register) -> dict[int, str]:
    """Each establishment's status (public, espic, private), by id: it decides a rule's
    final action (public archives are eliminated with the archives' visa)."""
    with register.uow() as uow:
        return {e.id: e.status.value for e in uow.entities.list() if e.id is not None}


def needs_setup(register: Register) -> Entity | None:
    """The establishment a first start should describe: a register with none (a new
    ``Entity``), or only the placeholder a command line made ("Mon établissement"); None
    when the register already names its establishment(s)."""
    with register.uow() as uow:
        entities = uow.entities.list()
    if not entities:
        return Entity(name="")
    if len(entities) == 1 and entities[0].name == services.DEFAULT_ENTITY_NAME:
        return entities[0]
    return None


class SetupDialog(QDialog):
    """The first start: the establishment (name, status, FINESS) and its DPO, typed in
    order with Tab, saved with Enter (Enregistrer), Escape leaves it for later (the window
    says how to come back). One transaction of ``domain.services``, audited there."""

    saved = Signal(object)  # the stored Entity

    def __init__(self, register: Register, texts: Texts, entity: Entity,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setup-dialog")
        self.register, self.texts, self.entity = register, texts, entity
        t = texts
        t.bind(self.setWindowTitle, "Bienvenue dans Registre")
        intro = QLabel()
        intro.setObjectName("intro")
        intro.setWordWrap(True)
        t.bind(intro.setText,
               "Pour commencer, décrivez l'établissement dont vous tenez le registre. Ces "
               "informations figurent sur le registre, ses exports et ses impressions ; "
               "vous pourrez les compléter ensuite dans Édition › Établissement…")
        name = "" if entity.name == services.DEFAULT_ENTITY_NAME else entity.name
        self.name = self._line("name", name)
        self.status = status_combo(texts, entity.status)
        self.finess = self._line("finess", entity.finess)
        self.dpo_name = self._line("dpo.name", entity.dpo.name)
        self.dpo_email = self._line("dpo.email", entity.dpo.email)
        self.dpo_phone = self._line("dpo.phone", entity.dpo.phone)
        form = QFormLayout()
        for label, widget in (
                (t.t("Nom de l'établissement"), self.name),
                (t.t("Statut"), self.status),
                (t.t("FINESS"), self.finess),
                (t.t("DPO : nom"), self.dpo_name),
                (t.t("DPO : mél"), self.dpo_email),
                (t.t("DPO : téléphone"), self.dpo_phone)):
            form.addRow(label, widget)
        hint = QLabel()
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555;")
        t.bind(hint.setText,
               "Statut : en cas de doute, « Public » (la procédure la plus stricte : "
               "l'élimination des dossiers demande le visa des archives).")
        self.messages = InlineMessages()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        later = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        save.setObjectName("save")
        later.setObjectName("later")
        t.bind(save.setText, "&Enregistrer")
        t.bind(later.setText, "Plus tard")
        save.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._on_name_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._on_name_text_changed(self.name.text())
        self.name.setFocus()

    def _line(self, name: str, value: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setObjectName(name)
        return edit

    def _on_name_text_changed(self, text: str) -> None:
        """No establishment without a name: Enregistrer waits for one."""
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(text.strip()))

    def edited(self) -> Entity:
        dpo = dataclasses.replace(self.entity.dpo, name=self.dpo_name.text().strip(),
                                  email=self.dpo_email.text().strip(),
                                  phone=self.dpo_phone.text().strip())
        return dataclasses.replace(
            self.entity, name=self.name.text().strip(), finess=self.finess.text().strip(),
            status=EstablishmentStatus.read(self.status.currentData()), dpo=dpo)

    def save(self) -> None:
        self.messages.clear_all()
        entity = self.edited()
        if not entity.name:
            return
        _store(self, entity)


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
        self.setup_dialog: SetupDialog | None = None
        self._setup_offered = False
        window.empty_hint.linkActivated.connect(self._on_empty_hint_link_activated)

    # --- the first start ------------------------------------------------------------------
    def offer_setup(self, again: bool = False) -> SetupDialog | None:
        """A register with no establishment described yet: the first-run setup (once per
        start unless ``again``: the DPO asked for it)."""
        if (self._setup_offered and not again) or (
                self.setup_dialog is not None and self.setup_dialog.isVisible()):
            return None
        entity = needs_setup(self.window.register)
        if entity is None:
            return None
        self._setup_offered = True
        dialog = SetupDialog(self.window.register, self.window.texts, entity, self.window)
        dialog.saved.connect(self._on_setup_saved)
        dialog.finished.connect(lambda _result: self.update_empty_hint())
        self.setup_dialog = dialog
        dialog.open()
        return dialog

    def _on_setup_saved(self, _entity: object) -> None:
        self.window.reload(background=False)
        self.update_empty_hint()

    def update_empty_hint(self) -> None:
        """Say the way in while the register is empty: describe the establishment, then
        add or import activities."""
        window, t = self.window, self.window.texts
        hint = window.empty_hint
        if needs_setup(window.register) is not None:
            hint.setText(t.t(
                "Aucun établissement n'est encore décrit. <a href='setup'>Décrire "
                "l'établissement…</a>"))
        elif window.model.count() == 0:
            hint.setText(t.t(
                "Le registre est vide : <a href='new'>ajoutez un traitement</a> (Ctrl+N) ou "
                "importez un registre (Fichier › Importer un registre…)."))
        else:
            hint.hide()
            return
        hint.show()

    def _on_empty_hint_link_activated(self, link: str) -> None:
        if link == "setup":
            self.offer_setup(again=True)
        elif link == "new":
            self.window.new_activity()

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
