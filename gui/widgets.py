"""Small widgets shared by the window and the editor.

* ``Texts``: every visible word registered once, in French, and translated by Qt's
  translation system (``gui.i18n``), so a language switch re-applies them without
  rebuilding the window.
* ``InlineMessages``: errors and warnings shown on the form itself, next to what they are
  about (Orange's ``orangewidget.utils.messages``), never a chain of pop-ups.
* ``CheckLabel``: a word-wrapped label that toggles its checkbox when clicked (vocabulary
  labels are long: a ``QCheckBox`` does not wrap).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QMenu, QMenuBar, QVBoxLayout, QWidget

from domain.vocabulary import Lang
from gui.i18n import context_of_caller, translate, use_language


class Texts:
    """The words of a group of widgets in the current language, re-applied on a switch.

    Words are written in French and translated by Qt (``gui.i18n``: the English lives in
    ``resources/i18n/registre_en.ts``): ``bind(setter, "Fiche")`` calls the setter now and
    after each switch, ``t("Fiche")`` translates once. Placeholders are named and filled
    after translation: ``t("Lecture de {path}").format(path=...)``, or
    ``bind(setter, "Lecture de {path}", path=...)``; a count is Qt's ``%n`` (``n=``).

    The older two-language form (``bind(setter, "français", "English")``,
    ``t("français", "English")``) still works, without Qt, until
    ``python -m gui.i18n.extract`` rewrites it into the French form and the .ts.
    """

    def __init__(self, lang: Lang = "fr") -> None:
        self.lang: Lang = lang
        self._bound: list[tuple[Callable[[str], Any], Callable[[], str]]] = []
        self._hooks: list[Callable[[Lang], Any]] = []
        use_language(lang)

    def t(self, source: str, en: str | None = None, *, n: int = -1,
          context: str | None = None, disambiguation: str | None = None) -> str:
        """``source`` in the current language (``en``: the older two-language form)."""
        if en is not None:
            return source if self.lang == "fr" else en
        return translate(source, context or getattr(source, "context", None)
                         or context_of_caller(), n, disambiguation)

    def bind(self, setter: Callable[[str], Any], source: str, en: str | None = None, *,
             n: int = -1, context: str | None = None, disambiguation: str | None = None,
             **params: object) -> None:
        """Call ``setter`` with the words now and again after each language switch;
        ``params`` fill the named placeholders of the translated words."""
        if en is not None:
            def words() -> str:
                return source if self.lang == "fr" else en
        else:
            where = context or getattr(source, "context", None) or context_of_caller()

            def words() -> str:
                text = translate(source, where, n, disambiguation)
                return text.format(**params) if params else text
        self._bound.append((setter, words))
        setter(words())

    def on_switch(self, hook: Callable[[Lang], Any]) -> None:
        """Run ``hook(lang)`` after each language switch (vocabulary labels, computed text)."""
        self._hooks.append(hook)

    def set_lang(self, lang: Lang) -> None:
        self.lang = lang
        use_language(lang)
        alive = []
        for setter, words in self._bound:
            try:
                setter(words())
            except RuntimeError:  # the widget was deleted (a removed row): forget it
                continue
            alive.append((setter, words))
        self._bound = alive
        for hook in list(self._hooks):
            hook(lang)


def menu_holding(menu_bar: QMenuBar, action: QAction) -> QMenu | None:
    """The menu of ``menu_bar`` that holds ``action`` (the File menu holds Save)."""
    for item in menu_bar.actions():
        menu = item.menu()
        if isinstance(menu, QMenu) and action in menu.actions():
            return menu
    return None


def toolbar_words(texts: Texts, action: QAction, short: str) -> None:
    """``short`` (marked with ``tr_noop``) on the toolbar's button, the action's whole menu
    item, without its ``&`` and ``…``, as the button's tooltip; both follow a switch."""
    texts.bind(action.setIconText, short)
    texts.on_switch(lambda _lang: action.setToolTip(_plain(action.text())))
    action.setToolTip(_plain(action.text()))


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


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


def qdate(day: date) -> QDate:
    """A day for a QDateEdit."""
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    """The day a QDateEdit shows."""
    return date(value.year(), value.month(), value.day())
