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
