""""Today" read when it is used, not when the window opened.

A window left open over midnight must date a review, a hold or an export file with the new
day. Screens receive a ``Clock`` (a function returning today's date) and call it at the
moment of the action; tests hand a fixed or movable clock instead of patching ``date``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

Clock = Callable[[], date]


def system_clock() -> date:
    """Today's date on this computer, read now."""
    return date.today()


def clock_of(today: date | Clock | None) -> Clock:
    """A clock from what a caller gave: a fixed day (tests, ``--as-of``), a clock, or none
    (the system's)."""
    if today is None:
        return system_clock
    if isinstance(today, date):
        fixed = today
        return lambda: fixed
    return today
