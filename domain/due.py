"""Everything due, in one place: the open deadlines of the register as of a day.

For now: open people's requests (their answer), breaches not yet notified to the CNIL (nor
decided not to be), and the next quarterly review (the date set at the last sign-off).
Holds have no deadline of their own and eliminations are not in the register yet. An item
is late when its deadline has passed on the as-of day (a request, a review) or at the
as-of moment (a breach's 72 hours) and it is not done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from domain.breaches import PARIS, Breach
from domain.requests import DataSubjectRequest
from domain.working_days import WorkingCalendar

__all__ = ["DueItem", "DueKind", "due_items"]


class DueKind(StrEnum):
    REQUEST = "request"
    BREACH = "breach"
    REVIEW = "review"


@dataclass(frozen=True)
class DueItem:
    kind: DueKind
    id: int | None
    title: str  # the request's person, the breach's title, the last review's title
    deadline: dt.date | dt.datetime  # a day (requests, reviews) or a moment (breaches)
    late: bool
    detail: str = ""  # the request's kind

    def sort_key(self) -> tuple[dt.date, dt.time, str, int]:
        if isinstance(self.deadline, dt.datetime):
            local = self.deadline.astimezone(PARIS)
            return local.date(), local.time(), self.kind.value, self.id or 0
        return self.deadline, dt.time.max, self.kind.value, self.id or 0


def due_items(as_of: dt.date, moment: dt.datetime,
              calendars: Mapping[int, WorkingCalendar],
              requests: Iterable[DataSubjectRequest] = (), breaches: Iterable[Breach] = (),
              review: tuple[str, dt.date] | None = None) -> list[DueItem]:
    """The open items, earliest deadline first. ``calendars``: each establishment's
    working days (the national calendar for one not given); ``moment``: when breaches are
    judged (the as-of moment); ``review``: the last signed review's title and next date
    (reviews are the register's, not one establishment's)."""
    national = WorkingCalendar()
    items = [DueItem(DueKind.REQUEST, r.id, r.subject,
                     r.deadline(calendars.get(r.entity_id, national)),
                     r.is_late(as_of, calendars.get(r.entity_id, national)), r.kind.value)
             for r in requests if r.closed_on is None]
    items += [DueItem(DueKind.BREACH, b.id, b.title, b.cnil_deadline, b.is_late(moment))
              for b in breaches if b.closed_at is None and not b.cnil_decided]
    if review is not None:
        title, next_on = review
        items.append(DueItem(DueKind.REVIEW, None, title, next_on, as_of > next_on))
    return sorted(items, key=DueItem.sort_key)
