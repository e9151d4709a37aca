"""Durations and calendar helpers of the rule language.

``date + duration`` is :class:`dateutil.relativedelta.relativedelta`: years and months
first, then days; a day that does not exist clamps to the last day of the month
(2020-02-29 + 1 year = 2021-02-28), which is also the French rule for time limits
(CPC art. 641). A leap-day anchor therefore reaches 28 February in common years (e.g. a
28th birthday of someone born on 29 February 2072 is 2100-02-28).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

__all__ = [
    "MAX_NUMBER",
    "UNITS",
    "Duration",
    "bounded_int",
    "end_of_month",
    "end_of_year",
    "parse_iso_period",
    "to_local_date",
    "unit_of",
]

#: Largest number accepted in a duration (999,999 days is about 2,700 years).
MAX_NUMBER = 999_999

#: Unit spellings (compared case-insensitively, after Unicode NFC normalisation) -> unit.
#: ``m`` is deliberately absent: it could mean months or minutes.
UNITS: dict[str, str] = {
    **dict.fromkeys(
        ("year", "years", "y", "an", "ans", "année", "années", "annee", "annees"), "years"
    ),
    **dict.fromkeys(("month", "months", "mois"), "months"),
    **dict.fromkeys(("week", "weeks", "semaine", "semaines"), "weeks"),
    **dict.fromkeys(("day", "days", "jour", "jours"), "days"),
}

_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_ISO_PERIOD = re.compile(
    r"P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?", re.IGNORECASE | re.ASCII
)


def unit_of(word: str) -> str | None:
    """Return ``'years'``, ``'months'``, ``'weeks'`` or ``'days'`` for a unit word, else None."""
    return UNITS.get(unicodedata.normalize("NFC", word).casefold())


@dataclass(frozen=True)
class Duration:
    """A calendar duration: years, months and days (weeks are stored as 7 days).

    Durations add component by component, so ``5 years + 15 years`` is ``20 years``, and
    are applied to a date in one step (see :meth:`add_to`). Components may be negative.
    """

    years: int = 0
    months: int = 0
    days: int = 0

    def __add__(self, other: Duration) -> Duration:
        return Duration(
            self.years + other.years, self.months + other.months, self.days + other.days
        )

    def __neg__(self) -> Duration:
        return Duration(-self.years, -self.months, -self.days)

    def __sub__(self, other: Duration) -> Duration:
        return self + (-other)

    @property
    def relativedelta(self) -> relativedelta:
        return relativedelta(years=self.years, months=self.months, days=self.days)

    def add_to(self, day: dt.date) -> dt.date:
        """``day + self.relativedelta``: years and months together, clamp to the month's last
        day, then days. Computed directly (the same steps as relativedelta, about ten times
        faster; a property test checks they agree).

        Raises ValueError or OverflowError when the result is before year 1 or after 9999.
        """
        if self.years or self.months:
            year, month = divmod(day.year * 12 + day.month - 1 + self.years * 12 + self.months, 12)
            month += 1
            last = 29 if month == 2 and calendar.isleap(year) else _DAYS_IN_MONTH[month]
            day = dt.date(year, month, min(day.day, last))
        if self.days:
            day = day + dt.timedelta(days=self.days)
        return day

    def __str__(self) -> str:
        """Canonical English spelling, e.g. ``1 year 6 months``; zero is ``0 days``.

        Meant for positive durations (a negative component is printed as is).
        """
        parts = [
            f"{n} {name if n == 1 else name + 's'}"
            for n, name in ((self.years, "year"), (self.months, "month"), (self.days, "day"))
            if n
        ]
        return " ".join(parts) if parts else "0 days"


def parse_iso_period(word: str) -> Duration | None:
    """Parse an ISO-8601 period with years, months, weeks and days (``P20Y``, ``P1Y6M``,
    ``P2W``, ``P30D``; case-insensitive). Return None if ``word`` is not such a period
    (time parts such as ``PT1H`` are not supported). Raises ValueError for a number above
    :data:`MAX_NUMBER`.
    """
    match = _ISO_PERIOD.fullmatch(word)
    if match is None or not any(match.groups()):
        return None
    years, months, weeks, days = (bounded_int(g) if g else 0 for g in match.groups())
    return Duration(years, months, weeks * 7 + days)


def bounded_int(digits: str) -> int:
    """``int(digits)`` for ASCII digits; ValueError above :data:`MAX_NUMBER` (checked before
    converting, so a 5,000-digit number costs nothing)."""
    significant = digits.lstrip("0")
    if len(significant) > len(str(MAX_NUMBER)) or (significant and int(significant) > MAX_NUMBER):
        raise ValueError(f"number {digits} is larger than {MAX_NUMBER}")
    return int(digits)


def end_of_month(day: dt.date) -> dt.date:
    """Last day of ``day``'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def end_of_year(day: dt.date) -> dt.date:
    """31 December of ``day``'s year."""
    return dt.date(day.year, 12, 31)


def to_local_date(value: dt.date, tz: str | dt.tzinfo = "Europe/Paris") -> dt.date:
    """The local calendar date of a timestamp, to be used as an event date.

    An aware datetime is converted to ``tz`` before its date is taken; a naive datetime is
    taken as UTC (``2024-03-31T22:30`` UTC is 2024-04-01 in Paris). A plain ``date`` is
    returned unchanged. ``tz`` is an IANA name or a tzinfo; an unknown name raises
    :class:`zoneinfo.ZoneInfoNotFoundError`.
    """
    if not isinstance(value, dt.datetime):
        return value
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    aware = value if value.utcoffset() is not None else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(zone).date()
