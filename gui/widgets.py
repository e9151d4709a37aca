"""Small widgets shared by the window and the editor.

* ``Texts``: every visible word registered once with its French and English forms, so a
  language switch re-applies them without rebuilding the window (the ``fr/en`` pairs of
  ``gui/messages.py``, applied to widgets).
* ``InlineMessages``: errors and warnings shown on the form itself, next to what they are
  about (Orange's ``orangewidget.utils.messages``), never a chain of pop-ups.
* ``CheckLabel``: a word-wrapped label that toggles its checkbox when clicked (vocabulary
  labels are long: a ``QCheckBox`` does not wrap).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from domain.vocabulary import Lang


class Texts:
    """The words of a group of widgets in the current language, re-applied on a switch."""

    def __init__(self, lang: Lang = "fr") -> None:
        self.lang: Lang = lang
        self._bound: list[tuple[Callable[[str], Any], str, str]] = []
        self._hooks: list[Callable[[Lang], Any]] = []

    def t(self, fr: str, en: str) -> str:
        return fr if self.lang == "fr" else en

    def bind(self, setter: Callable[[str], Any], fr: str, en: str) -> None:
        """Call ``setter`` with the words now and again after each language switch."""
        self._bound.append((setter, fr, en))
        setter(self.t(fr, en))

    def on_switch(self, hook: Callable[[Lang], Any]) -> None:
        """Run ``hook(lang)`` after each language switch (vocabulary labels, computed text)."""
        self._hooks.append(hook)

    def set_lang(self, lang: Lang) -> None:
        self.lang = lang
        alive = []
        for setter, fr, en in self._bound:
            try:
                setter(self.t(fr, en))
            except RuntimeError:  # the widget was deleted (a removed row): forget it
                continue
            alive.append((setter, fr, en))
        self._bound = alive
        for hook in list(self._hooks):
            hook(lang)


class Level(Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_STYLE = {
    Level.ERROR: "background:#fdecea; color:#8c1d18; border:1px solid #f1b0ab;",
    Level.WARNING: "background:#fff4e0; color:#7a4a00; border:1px solid #f0cf8e;",
    Level.INFO: "background:#e8f1fb; color:#1d4f8c; border:1px solid #b3cdee;",
}
_ICON = {Level.ERROR: "✖", Level.WARNING: "⚠", Level.INFO: "ℹ"}


class InlineMessages(QWidget):
    """A stack of messages keyed by what they are about; hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(3)
        self._labels: dict[str, QLabel] = {}
        self._levels: dict[str, Level] = {}
        self.setVisible(False)

    def show_message(self, key: str, text: str, level: Level = Level.ERROR) -> None:
        label = self._labels.get(key)
        if label is None:
            label = QLabel()
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setObjectName(f"message-{key}")
            self._labels[key] = label
            self._layout.addWidget(label)
        label.setText(f"{_ICON[level]}  {text}")
        label.setStyleSheet(f"QLabel {{ {_STYLE[level]} border-radius:3px; padding:3px 6px; }}")
        self._levels[key] = level
        self.setVisible(True)

    def clear_message(self, key: str) -> None:
        label = self._labels.pop(key, None)
        self._levels.pop(key, None)
        if label is not None:
            self._layout.removeWidget(label)
            label.deleteLater()
        self.setVisible(bool(self._labels))

    def clear_all(self) -> None:
        for key in list(self._labels):
            self.clear_message(key)

    def keys(self) -> list[str]:
        return list(self._labels)

    def text(self, key: str) -> str:
        label = self._labels.get(key)
        return label.text()[3:] if label is not None else ""

    def texts(self) -> list[str]:
        return [label.text()[3:] for label in self._labels.values()]

    def level(self, key: str) -> Level | None:
        return self._levels.get(key)


class CheckLabel(QLabel):
    """The wrapped text of a checkbox; a click on it toggles the box."""

    def __init__(self, box: QCheckBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._box = box
        self.setWordWrap(True)
        self.setBuddy(box)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._box.isEnabled():
            self._box.toggle()
        super().mousePressEvent(event)
