"""Reminders in the main window: a closable bar above the activity table.

``RemindersBar`` shows the reminders of ``domain.reminders`` (a review due, legal holds
open for more than a year, activities whose DPIA is required but not done), one line
each, with links: the review opens the quarterly review, a hold opens the legal holds
screen on it, an activity is selected in the table. ``WindowReminders`` puts the bar in
the window and computes the reminders when the register is read or changed. A line also
says how many rules differ from the corrected template library; its link opens the
dialog that lists them (``gui.retention.library_updates``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from domain.errors import RegistreError
from domain.library_updates import find_library_updates
from domain.reminders import DpiaNotDone, LongHold, Reminder, ReviewDue, reminders
from domain.vocabulary import Lang
from gui.entity_dialog import entity_statuses
from gui.messages import category_words
from gui.retention.library_updates import LibraryUpdatesDialog
from gui.retention.words import describe
from gui.retention.worker import BackgroundTask, Progress
from gui.widgets import Texts
from storage.holds import list_holds
from storage.review import list_reviews

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from gui.retention import RetentionActions

__all__ = ["RemindersBar", "WindowReminders"]

ACTIVITIES_NAMED = 6  # activities named on the DPIA line; the others are counted
_STYLE = ("QFrame#reminders { background:#fff8e6; border:1px solid #f0d48a; "
          "border-radius:4px; } QLabel { color:#5c4300; }")


class RemindersBar(QFrame):
    """The reminders, one line each with its links; the × hides the bar."""

    review_requested = Signal()
    hold_requested = Signal(int)  # hold id
    activity_requested = Signal(int, str)  # entity id, reference
    library_requested = Signal()  # the rules that differ from the corrected library

    def __init__(self, texts: Texts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = texts
        self.reminders: list[Reminder] = []
        self.library_updates = 0  # rules that differ from the corrected library
        self.closed = False
        self.setObjectName("reminders")
        self.setStyleSheet(_STYLE)
        self.title = QLabel()
        self.title.setObjectName("reminders-title")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        texts.bind(self.title.setText, "Rappels")
        self.close_button = QToolButton()
        self.close_button.setObjectName("reminders-close")
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        texts.bind(self.close_button.setToolTip, "Masquer les rappels")
        self.lines = QVBoxLayout()
        self.lines.setSpacing(2)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 6)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addLayout(self.lines)
        self.labels: list[QLabel] = []
        self.close_button.clicked.connect(self._on_close_clicked)
        texts.on_switch(self._on_texts_switched)
        self.setVisible(False)

    def _t(self, fr: str, en: str | None = None) -> str:
        return self.texts.t(fr, en)

    def set_reminders(self, found: Sequence[Reminder], library_updates: int = 0) -> None:
        """Show ``found`` (and how many rules differ from the corrected library); a bar
        closed by the user opens again only when they change."""
        if list(found) != self.reminders or library_updates != self.library_updates:
            self.closed = False
        self.reminders = list(found)
        self.library_updates = library_updates
        self._render()

    def reopen(self) -> None:
        self.closed = False
        self._render()

    def texts_shown(self) -> list[str]:
        """The lines as the user reads them (links as their text)."""
        return [QTextDocumentFragment.fromHtml(label.text()).toPlainText()
                for label in self.labels]

    def _on_close_clicked(self) -> None:
        self.closed = True
        self.setVisible(False)

    def _on_texts_switched(self, _lang: Lang) -> None:
        self._render()

    def _render(self) -> None:
        for label in self.labels:
            self.lines.removeWidget(label)
            label.hide()  # gone at once: until deleteLater's turn (later still under a
            label.deleteLater()  # dialog's own event loop) it stayed drawn over the new
        self.labels = []
        for reminder in self._lines():
            label = QLabel(reminder)
            label.setObjectName("reminder")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                          | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            label.linkActivated.connect(self._on_label_link_activated)
            self.lines.addWidget(label)
            self.labels.append(label)
        self.setVisible(bool(self.reminders or self.library_updates) and not self.closed)

    def _lines(self) -> list[str]:
        lines: list[str] = []
        holds = [r for r in self.reminders if isinstance(r, LongHold)]
        dpias = [r for r in self.reminders if isinstance(r, DpiaNotDone)]
        for reminder in self.reminders:
            if isinstance(reminder, ReviewDue):
                lines.append(self._review_line(reminder))
        if holds:
            lines.append(self._holds_line(holds))
        if dpias:
            lines.append(self._dpia_line(dpias))
        if self.library_updates:
            lines.append(self._library_line(self.library_updates))
        return lines

    def _review_line(self, due: ReviewDue) -> str:
        link = "<a href='review'>{}</a>"
        if due.in_progress:
            title = escape(due.in_progress)
            action = link.format(self._t("Reprendre la revue {title}").format(title=title))
        else:
            action = link.format(self._t("Démarrer la revue"))
        if due.due_on is None:
            return "↻ " + self._t(
                "Aucune revue trimestrielle de conservation n'a encore été signée. "
                "{action}").format(
                    action=action)
        last = escape(due.last_signed)
        return "↻ " + self._t(
            "La revue trimestrielle est due depuis le {due_on} (dernière signée : {last}). "
            "{action}").format(due_on=due.due_on, last=last, action=action)

    def _holds_line(self, holds: Sequence[LongHold]) -> str:
        links = ", ".join(
            f"<a href='hold:{r.hold.id}'>{escape(r.hold.activity)}"
            + (f" — {escape(category_words(r.hold.category, self.texts.lang))}"
               if r.hold.category else "") + "</a> "
            + self._t("(depuis {days} j)").format(days=r.days)
            for r in holds)
        return "⚖ " + self._t(
            "Gels juridiques sans date de fin ouverts depuis plus d'un an : {links}").format(
                links=links)

    def _dpia_line(self, dpias: Sequence[DpiaNotDone]) -> str:
        named = ", ".join(f"<a href='activity:{d.entity_id}:{escape(d.ref)}'>"
                          f"{escape(d.ref)}</a>" for d in dpias[:ACTIVITIES_NAMED])
        rest = len(dpias) - ACTIVITIES_NAMED
        if rest > 0:
            named += self._t(" et {rest} autre(s)").format(rest=rest)
        count = len(dpias)
        return "⚠ " + self._t(
            "AIPD requise mais non réalisée ({count} traitement(s)) : {named}").format(
                count=count, named=named, y='y' if count == 1 else 'ies')

    def _library_line(self, count: int) -> str:
        link = "<a href='library'>{}</a>".format(self._t("Voir les différences"))
        if count == 1:
            words = self._t("1 règle diffère de la bibliothèque corrigée.")
        else:
            words = self._t("{count} règles diffèrent de la bibliothèque corrigée.").format(
                                count=count)
        return f"✎ {words} {link}"

    def _on_label_link_activated(self, link: str) -> None:
        kind, _sep, rest = link.partition(":")
        if kind == "library":
            self.library_requested.emit()
        elif kind == "review":
            self.review_requested.emit()
        elif kind == "hold" and rest.isdigit():
            self.hold_requested.emit(int(rest))
        elif kind == "activity":
            entity, _sep, ref = rest.partition(":")
            if entity.isdigit():
                self.activity_requested.emit(int(entity), ref)


class WindowReminders(QObject):
    """The bar above the window's activity table, kept up to date.

    The reminders are computed off the GUI thread (the DPIA check reads every activity:
    about 0.6 s for 50,000 of which 10,000 need a DPIA); ``refreshed`` is emitted once the
    bar shows them. Several changes at once make one refresh."""

    refreshed = Signal()

    def __init__(self, window: MainWindow, actions: RetentionActions) -> None:
        super().__init__(window)
        self.window, self.actions = window, actions
        self.task: BackgroundTask | None = None
        self._running = False  # until the task's finished() is handled here
        self._again = False
        self.bar = RemindersBar(window.texts, window.left)
        layout = window.left.layout()
        assert isinstance(layout, QVBoxLayout)  # built by MainWindow._build_left
        layout.insertWidget(layout.indexOf(window.table), self.bar)
        self.bar.review_requested.connect(self._on_bar_review_requested)
        self.bar.hold_requested.connect(self._on_bar_hold_requested)
        self.bar.activity_requested.connect(self._on_bar_activity_requested)
        self.bar.library_requested.connect(self._on_bar_library_requested)
        self.library_dialog: LibraryUpdatesDialog | None = None
        window.register_loaded.connect(self.schedule)
        window.register_changed.connect(self.schedule)
        window.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self._wanted = True  # a refresh waits for the window to be shown

    def schedule(self) -> None:
        """Refresh soon; a hidden window refreshes when it is shown."""
        if self.window.isVisible():
            self._timer.start()
        else:
            self._wanted = True

    @property
    def pending(self) -> bool:
        """A refresh is wanted, scheduled or running."""
        return self._wanted or self._timer.isActive() or self._again or self._running

    def refresh(self) -> None:
        if self._running:
            self._again = True  # once this one is over
            return
        window = self.window
        register, today = window.register, window.today
        activities = [row.activity for row in window.model.all_rows()]

        def work(_progress: Progress, _cancelled: Callable[[], bool]
                 ) -> tuple[list[Reminder], int]:
            return (reminders(today, list_reviews(register.uow()),
                              list_holds(register.uow()), activities),
                    len(find_library_updates(activities)))

        self.task = BackgroundTask(work, self)
        self.task.succeeded.connect(self._on_task_succeeded)
        self.task.failed.connect(self._on_task_failed)
        self.task.finished.connect(self._on_task_finished)
        self._running = True
        self.task.start()

    def _on_task_succeeded(self, found: tuple[list[Reminder], int]) -> None:
        self.bar.set_reminders(*found)

    def _on_task_failed(self, error: RegistreError) -> None:
        window = self.window
        window.statusBar().showMessage(window.texts.t(
            "Rappels indisponibles : {error}").format(
                error=describe(error, 'fr'), error_2=describe(error, 'en')), 10_000)

    def _on_task_finished(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.refresh()
            return
        self.refreshed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Show and self._wanted:
            self._wanted = False
            self._timer.start()  # the register is read (or being read) by now
        elif watched is self.window and event.type() == QEvent.Type.Close and \
                self.task is not None:
            self._again = False
            self.task.wait(10)  # a read under way ends before the register closes
        return super().eventFilter(watched, event)

    def _on_bar_review_requested(self) -> None:
        self.actions.open_review()

    def _on_bar_hold_requested(self, hold_id: int) -> None:
        self.actions.open_holds(hold_id)

    def _on_bar_activity_requested(self, entity_id: int, ref: str) -> None:
        window = self.window
        if not window.select_activity(entity_id, ref):
            window.statusBar().showMessage(window.texts.t(
                "{ref} est masqué par les filtres de la liste.").format(ref=ref), 5000)
            return
        window.table.setFocus()

    def _on_bar_library_requested(self) -> None:
        self.open_library_updates()

    def open_library_updates(self) -> LibraryUpdatesDialog:
        """The rules that differ from the corrected library, to adopt or keep."""
        window = self.window
        if self.library_dialog is not None:
            self.library_dialog.deleteLater()
        dialog = self.library_dialog = LibraryUpdatesDialog(
            window.undo_context, window.undo_stack, window.texts, parent=window,
            activities=lambda: [row.activity for row in window.model.all_rows()],
            entity_statuses=entity_statuses(window.register))
        dialog.show()
        dialog.raise_()
        return dialog
