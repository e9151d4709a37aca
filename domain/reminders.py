"""What the DPO should be reminded of when the register opens.

* :class:`ReviewDue`: no quarterly review was ever signed, or the next review date set at
  the last sign-off has come;
* :class:`LongHold`: a legal hold with no end date that started more than a year ago (is
  the litigation still running?);
* :class:`DpiaNotDone`: an activity whose DPIA is required (the completeness check
  ``dpia_required_not_done``) but not done.

:func:`reminders` computes them from plain values (no storage, no Qt), in that order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from domain.completeness import dpia_required_not_done
from domain.holds import LegalHold
from domain.model import ProcessingActivity
from domain.review import DEFAULT_NEXT_REVIEW, ReviewCampaign

__all__ = ["HOLD_AGE", "DpiaNotDone", "LongHold", "Reminder", "ReviewDue", "reminders"]

HOLD_AGE = relativedelta(years=1)  # an open hold older than this is worth a look
DPIA_CODE = "dpia_required_not_done"


@dataclass(frozen=True)
class ReviewDue:
    """The quarterly review is due since ``due_on`` (None: none was ever signed)."""

    due_on: dt.date | None
    last_signed: str = ""  # title of the last signed review
    in_progress: str = ""  # title of a review started since, not signed yet


@dataclass(frozen=True)
class LongHold:
    """A legal hold without an end date, open for ``days`` days."""

    hold: LegalHold
    days: int


@dataclass(frozen=True)
class DpiaNotDone:
    """An activity whose DPIA is required but not done."""

    entity_id: int
    ref: str
    name: str


Reminder = ReviewDue | LongHold | DpiaNotDone


def review_due(reviews: Iterable[ReviewCampaign], today: dt.date) -> ReviewDue | None:
    """Due when no review was signed, or when today has reached the next review date of
    the last signed one (its as-of date plus a quarter when it set none)."""
    campaigns = list(reviews)
    signed = [c for c in campaigns if c.sign_off is not None]
    last = max(signed, key=lambda c: (c.as_of, c.id or 0), default=None)
    open_ones = [c for c in campaigns if c.sign_off is None
                 and (last is None or c.as_of > last.as_of)]
    in_progress = max(open_ones, key=lambda c: (c.as_of, c.id or 0), default=None)
    progress = in_progress.title if in_progress is not None else ""
    if last is None or last.sign_off is None:
        return ReviewDue(None, in_progress=progress)
    due_on = last.sign_off.next_review_on or last.as_of + DEFAULT_NEXT_REVIEW
    if today < due_on:
        return None
    return ReviewDue(due_on, last.title, progress)


def long_holds(holds: Iterable[LegalHold], today: dt.date) -> list[LongHold]:
    """Holds with no end date that started more than a year before ``today``, oldest
    first."""
    found = [LongHold(h, (today - h.starts_on).days) for h in holds
             if h.ends_on is None and h.starts_on + HOLD_AGE < today]
    return sorted(found, key=lambda r: (r.hold.starts_on, r.hold.id))


def dpia_not_done(activities: Iterable[ProcessingActivity]) -> list[DpiaNotDone]:
    """Live activities (not ended) with a required DPIA not done (the completeness check's
    own rule, alone: the other checks would cost seconds on a group's register), by
    reference."""
    return [DpiaNotDone(a.entity_id, a.ref, a.name)
            for a in sorted(activities, key=lambda a: (a.ref, a.entity_id))
            if a.archived_on is None and dpia_required_not_done(a)]


def reminders(today: dt.date, reviews: Iterable[ReviewCampaign],
              holds: Iterable[LegalHold], activities: Iterable[ProcessingActivity]
              ) -> list[Reminder]:
    """Every reminder as of ``today``: the review, then the long holds, then the DPIAs.
    An empty register (a first start) has no review to do yet."""
    activities = list(activities)
    found: list[Reminder] = []
    due = review_due(reviews, today) if activities else None
    if due is not None:
        found.append(due)
    found.extend(long_holds(holds, today))
    found.extend(dpia_not_done(activities))
    return found
