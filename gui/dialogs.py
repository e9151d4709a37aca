"""The one place that shows a message box, so tests can replace it and words stay uniform."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from domain.errors import RegistreError
from gui.i18n import translate
from gui.messages import Lang, describe


def show_error(parent: QWidget | None, error: RegistreError, lang: Lang = "fr") -> None:
    """Tell the user, in their words, why their action was refused."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Registre")
    box.setText(describe(error, lang))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def confirm(parent: QWidget | None, text: str, lang: Lang = "fr") -> bool:
    """Ask a yes/no question (deleting, discarding): True when the user agrees.

    Looked up as ``dialogs.confirm`` at call time, so tests replace it with a function."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Registre")
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    yes = box.button(QMessageBox.StandardButton.Yes)
    no = box.button(QMessageBox.StandardButton.No)
    yes.setText(translate("Oui"))
    no.setText(translate("Non"))
    return box.exec() == QMessageBox.StandardButton.Yes


SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_save_changes(parent: QWidget | None, text: str, lang: Lang = "fr") -> str:
    """Leaving a form with unsaved changes: SAVE (the default: Enter), DISCARD or CANCEL
    (Escape: stay on the form). Looked up as ``dialogs.ask_save_changes`` when used."""

    def t(source: str, en: str | None = None) -> str:
        return translate(source) if en is None else source if lang == "fr" else en

    box = QMessageBox(parent)
    box.setObjectName("save-changes")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Registre")
    box.setText(text)
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
    box.setDefaultButton(buttons.Save)
    box.setEscapeButton(buttons.Cancel)
    for button, words in ((buttons.Save, t("&Enregistrer")),
                          (buttons.Discard, t("&Ne pas enregistrer")),
                          (buttons.Cancel, t("Annuler"))):
        box.button(button).setText(words)
    answer = box.exec()
    return SAVE if answer == buttons.Save else DISCARD if answer == buttons.Discard \
        else CANCEL


def ask_duplicate(parent: QWidget | None, entities: Mapping[int, str], entity_id: int,
                  suggested_ref: str, lang: Lang = "fr") -> tuple[int, str] | None:
    """Ask where to copy an activity and under which reference: (entity id, reference), or
    None when the user cancels. Looked up as ``dialogs.ask_duplicate`` (tests replace it)."""

    def t(source: str, en: str | None = None) -> str:
        return translate(source) if en is None else source if lang == "fr" else en

    dialog = QDialog(parent)
    dialog.setWindowTitle(t("Dupliquer le traitement"))
    form = QFormLayout(dialog)
    ref = QLineEdit(suggested_ref)
    ref.setObjectName("duplicate-ref")
    ref.selectAll()
    entity = QComboBox()
    entity.setObjectName("duplicate-entity")
    for key, name in sorted(entities.items(), key=lambda item: item[1]):
        entity.addItem(name, key)
    entity.setCurrentIndex(max(entity.findData(entity_id), 0))
    form.addRow(t("Nouvelle &référence :"), ref)
    if len(entities) > 1:
        form.addRow(t("&Dans l'entité :"), entity)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("Dupliquer"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("Annuler"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    ref.textChanged.connect(lambda text: buttons.button(
        QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip())))
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return int(entity.currentData() if len(entities) > 1 else entity_id), ref.text().strip()


def ask_save_path(parent: QWidget | None, title: str, suggested: str, file_filter: str,
                  lang: Lang = "fr") -> str | None:
    """Ask where to save a file: its path, or None when the user cancels. Looked up as
    ``dialogs.ask_save_path`` (tests replace it)."""
    path, _chosen_filter = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None
