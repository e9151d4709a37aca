"""Working days in France: the last step of a time limit (Regulation 1182/71 art. 3(4),
which the EDPB applies to GDPR Art. 12; CPC art. 642).

A deadline that falls on a Saturday, a Sunday or a French public holiday moves to the next
working day. The holidays come from the ``holidays`` package (a well-kept calendar, Easter
computed, rather than a hand-written table): 1 January, Easter Monday, 1 May, 8 May,
Ascension, Whit Monday, 14 July, 15 August, 1 November, 11 November, 25 December; plus Good
Friday and 26 December in Alsace-Moselle (Moselle, Bas-Rhin, Haut-Rhin: local law).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import holidays

__all__ = ["ALSACE_MOSELLE_DEPARTMENTS", "WorkingCalendar", "department_of"]

#: Departments under the local law of Alsace-Moselle.
ALSACE_MOSELLE_DEPARTMENTS = frozenset({"57", "67", "68"})
# the ``holidays`` package's subdivisions: Moselle is "57", Bas-Rhin and Haut-Rhin "6AE"
_SUBDIVISION = {"57": "57", "67": "6AE", "68": "6AE"}
_POSTCODE = re.compile(r"\b(\d{2})\d{3}\b")


def department_of(finess: str = "", address: str = "") -> str:
    """The department of an establishment: the first two characters of its FINESS number
    (``570000000`` is in Moselle), else the first two digits of a postcode in its address;
    "" when neither says."""
    finess = finess.strip()
    if len(finess) >= 2 and finess[:2].isalnum():
        return finess[:2].upper()
    match = _POSTCODE.search(address)
    return match.group(1) if match else ""


@functools.cache
def _holidays(subdivision: str | None, year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("FR", subdiv=subdivision, years=year))


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days of an establishment in ``department`` (its code, "" when unknown: the
    national calendar)."""

    department: str = ""

    @classmethod
    def for_establishment(cls, finess: str = "", address: str = "") -> WorkingCalendar:
        return cls(department_of(finess, address))

    @property
    def alsace_moselle(self) -> bool:
        return self.department in ALSACE_MOSELLE_DEPARTMENTS

    def is_holiday(self, day: dt.date) -> bool:
        return day in _holidays(_SUBDIVISION.get(self.department), day.year)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day
