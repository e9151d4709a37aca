"""The one place that shows a message box, so tests can replace it and words stay uniform."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from domain.errors import RegistreError
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
    yes.setText("Oui" if lang == "fr" else "Yes")
    no.setText("Non" if lang == "fr" else "No")
    return box.exec() == QMessageBox.StandardButton.Yes
