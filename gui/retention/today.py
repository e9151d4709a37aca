"""Date fields that show "today" until the DPO picks another day.

A review's as-of date, a hold's start, a planned purge: each field opens on today, and a
screen left open over midnight must not act on yesterday. ``DayField`` remembers the day it
set itself; read at the moment of the action, it gives today from the window's clock
(``gui.clock``) while the DPO has not chosen another day, else the day chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, QTimer
from PySide6.QtWidgets import QDateEdit, QLineEdit

from gui.clock import Clock
from gui.widgets import pydate, qdate

__all__ = ["DayField", "date_edit", "every_minute", "select_section_on_click"]

MINUTE_MS = 60_000


def date_edit(day: date, name: str) -> QDateEdit:
    """A date field as the retention screens lay it out: ISO display, calendar popup, and
    digits typed into a section replace it (typing ``2027`` over the year changes the
    year)."""
    edit = QDateEdit(qdate(day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    select_section_on_click(edit)
    return edit


class _SectionOnClick(QObject):
    """After a click in a date field, the section under the pointer is selected, so that
    the digits typed next replace it: a click in the year then ``2027`` gives 2027 (Qt
    alone puts the cursor inside the full section, where every digit typed is refused)."""

    def __init__(self, edit: QDateEdit) -> None:
        super().__init__(edit)
        self.edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is QEvent.Type.MouseButtonRelease and isinstance(watched, QLineEdit):
            watched.event(event)  # the click places the cursor first
            if not watched.hasSelectedText():
                self.edit.setSelectedSection(self.edit.currentSection())
            return True
        return False


def select_section_on_click(edit: QDateEdit) -> None:
    """Select the section clicked in ``edit`` (see ``_SectionOnClick``)."""
    edit.lineEdit().installEventFilter(_SectionOnClick(edit))


class DayField:
    """``edit`` showing today (from ``clock``) until the DPO changes it."""

    def __init__(self, edit: QDateEdit, clock: Clock) -> None:
        self.edit, self.clock = edit, clock
        self._auto: date | None = None
        self.reset()

    @property
    def chosen(self) -> bool:
        """Whether the DPO picked a day other than the one set for them."""
        return self._auto is None or pydate(self.edit.date()) != self._auto

    def reset(self) -> None:
        """Show today again, as not chosen, without signalling a change."""
        self._auto = self.clock()
        with QSignalBlocker(self.edit):
            self.edit.setDate(qdate(self._auto))

    def refresh(self) -> bool:
        """Show today again if the day changed and the DPO has not chosen another day;
        whether the field changed."""
        if self.chosen or self.clock() == self._auto:
            return False
        self.reset()
        return True

    def value(self) -> date:
        """The day to act on, read now: today while not chosen (shown in the field)."""
        if not self.chosen:
            if self.clock() != self._auto:
                self.reset()
            assert self._auto is not None  # just set
            return self._auto
        return pydate(self.edit.date())


def every_minute(owner: QObject, tick: Callable[[], object]) -> QTimer:
    """Call ``tick`` every minute while ``owner`` lives: a screen left open over midnight
    shows the new day in its fields before the DPO acts (the action reads it anyway)."""
    timer = QTimer(owner)
    timer.setInterval(MINUTE_MS)
    timer.timeout.connect(tick)
    timer.start()
    return timer
