"""Small widgets shared by the window and the editor.

* ``Texts``: every visible word registered once, in French, and translated by Qt's
  translation system (``gui.i18n``), so a language switch re-applies them without
  rebuilding the window.
* ``InlineMessages``: errors and warnings shown on the form itself, next to what they are
  about (Orange's ``orangewidget.utils.messages``), never a chain of pop-ups.
* ``CheckLabel``: a word-wrapped label that toggles its checkbox when clicked (vocabulary
  labels are long: a ``QCheckBox`` does not wrap).
* ``WheelGuard``: installed once on the application (``guard_wheel``), the mouse wheel over
  a combo box, spin box or date edit that has not the focus scrolls what holds it instead
  of changing its value.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QMenu,
    QMenuBar,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

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
        self._bound: list[tuple[Callable[[str], Any], Callable[[], str],
                                tuple[QObject, ...]]] = []
        self._hooks: list[tuple[Callable[[Lang], Any], tuple[QObject, ...]]] = []
        self._pruned_at = 0  # how many there were after the last pruning
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
             owner: QObject | None = None, **params: object) -> None:
        """Call ``setter`` with the words now and again after each language switch;
        ``params`` fill the named placeholders of the translated words. The binding lives
        as long as the widgets it acts on (``owner``, else those of ``setter``: see
        :func:`owners_of`)."""
        if en is not None:
            def words() -> str:
                return source if self.lang == "fr" else en
        else:
            where = context or getattr(source, "context", None) or context_of_caller()

            def words() -> str:
                text = translate(source, where, n, disambiguation)
                return text.format(**params) if params else text
        self._bound.append((setter, words, owners_of(setter, owner)))
        setter(words())
        self._prune_now_and_then()

    def on_switch(self, hook: Callable[[Lang], Any], owner: QObject | None = None) -> None:
        """Run ``hook(lang)`` after each language switch (vocabulary labels, computed text),
        as long as the widgets it acts on live (``owner``, else :func:`owners_of`): a row
        of the form rebuilt for another activity takes its hooks with it."""
        self._hooks.append((hook, owners_of(hook, owner)))
        self._prune_now_and_then()

    def set_lang(self, lang: Lang) -> None:
        self.lang = lang
        use_language(lang)
        self._prune()
        for setter, words, owners in list(self._bound):
            if _alive(owners):
                with contextlib.suppress(RuntimeError):  # a widget deleted that no owner
                    setter(words())  # named (a setter written as a lambda over a layout)
        for hook, owners in list(self._hooks):
            if _alive(owners):  # a hook may delete widgets (a list rebuilt): asked again
                hook(lang)
        self._prune()

    def _prune_now_and_then(self) -> None:
        """Forget the bindings of deleted widgets once their number has doubled (a form
        rebuilt for each activity visited does not make the lists grow without end)."""
        if len(self._bound) + len(self._hooks) > 2 * self._pruned_at + 64:
            self._prune()

    def _prune(self) -> None:
        self._bound = [bound for bound in self._bound if _alive(bound[2])]
        self._hooks = [hook for hook in self._hooks if _alive(hook[1])]
        self._pruned_at = len(self._bound) + len(self._hooks)


def owners_of(function: Callable[..., Any], owner: QObject | None = None) -> tuple[QObject, ...]:
    """The Qt objects whose deletion ends a binding of ``function``: ``owner`` when given,
    else the object of a bound method (``label.setText``, ``self._relabel``) and the Qt
    objects a lambda or a local function closes over (``self`` of a row, a combo)."""
    if owner is not None:
        return (owner,)
    bound = getattr(function, "__self__", None)
    if isinstance(bound, QObject):
        return (bound,)
    cells = getattr(function, "__closure__", None) or ()
    found = []
    for cell in cells:
        try:
            value = cell.cell_contents
        except ValueError:  # a cell not filled yet
            continue
        if isinstance(value, QObject):
            found.append(value)
    return tuple(found)


def _alive(owners: tuple[QObject, ...]) -> bool:
    return all(isValid(owner) for owner in owners)


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
        self._layout.setAlignment(Qt.AlignmentFlag.AlignTop)  # in a taller place: at its top
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
            label.hide()  # out of the layout, it would stay drawn until deleteLater's turn
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


class WheelGuard(QObject):
    """The application's filter of wheel events: a combo box, spin box or date edit changes
    on the wheel only when it has the focus (the user clicked or tabbed into it). Otherwise
    the wheel goes to the scroll area that holds it (the form scrolls under the pointer),
    or nowhere. The wheel no longer gives them the focus either (``StrongFocus``)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.Wheel, QEvent.Type.Polish) or \
                not isinstance(watched, QComboBox | QAbstractSpinBox):
            return False
        if kind == QEvent.Type.Polish:
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if _focused(watched) or not isinstance(event, QWheelEvent):
            return False
        _scroll_instead(watched, event)
        return True


def guard_wheel(app: QCoreApplication) -> WheelGuard:
    """Install the :class:`WheelGuard` on ``app`` (once: a second call returns the first)."""
    guard = app.findChild(WheelGuard, "wheel-guard")
    if guard is None:
        guard = WheelGuard(app)
        guard.setObjectName("wheel-guard")
        app.installEventFilter(guard)
    return guard


def _focused(control: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return control.hasFocus() or (focus is not None and control.isAncestorOf(focus))


def _scroll_instead(control: QWidget, event: QWheelEvent) -> None:
    """Give ``event`` to the nearest scroll area holding ``control`` (a form, a table)."""
    area = control.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    event.accept()
    if area is None:
        return
    viewport = area.viewport()
    where = viewport.mapFromGlobal(event.globalPosition())
    moved = QWheelEvent(where, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                        event.buttons(), event.modifiers(), event.phase(), event.inverted(),
                        event.source())
    QCoreApplication.sendEvent(viewport, moved)


def qdate(day: date) -> QDate:
    """A day for a QDateEdit."""
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    """The day a QDateEdit shows."""
    return date(value.year(), value.month(), value.day())
