"""Legal holds as the DPO sees them: what a hold covers, from when to when, why, and who
created it; and the record ids a DPO pastes to hold listed records.

A :class:`LegalHold` covers an activity, one of its categories, or listed records of it,
over the half-open interval ``[starts_on, ends_on)`` (open-ended when ``ends_on`` is
None). Pure Python: stored by ``storage/holds.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["HoldScope", "LegalHold", "parse_record_ids"]


class HoldScope(StrEnum):
    ACTIVITY = "activity"  # every category of the activity
    CATEGORY = "category"  # one category of the activity
    RECORDS = "records"  # listed records


@dataclass(frozen=True)
class LegalHold:
    """A stored legal hold (litigation, judicial requisition, audit by a court)."""

    id: int
    entity_id: int
    activity: str  # the activity's reference
    category: str  # "": every category
    starts_on: dt.date
    ends_on: dt.date | None
    reason: str
    created_by: str = ""
    created_at: str = ""  # UTC timestamp, ISO 8601
    record_count: int = 0  # listed records (0: the activity or the category)
    record_ids: tuple[str, ...] = ()  # the first listed records (a preview)

    @property
    def scope(self) -> HoldScope:
        if self.record_count:
            return HoldScope.RECORDS
        return HoldScope.CATEGORY if self.category else HoldScope.ACTIVITY

    def is_active(self, day: dt.date) -> bool:
        """Whether the hold suspends the clock on ``day`` (``[starts_on, ends_on)``)."""
        return self.starts_on <= day and (self.ends_on is None or day < self.ends_on)

    def has_ended(self, day: dt.date) -> bool:
        return self.ends_on is not None and self.ends_on <= day

    def key(self) -> str:
        """How the audit log names it: ``SOIN-01/health#3`` (``*``: every category)."""
        return f"{self.activity}/{self.category or '*'}#{self.id}"


_SEPARATORS = re.compile(r"[\r\n\t;,]+")


def parse_record_ids(text: str | Iterable[str]) -> list[str]:
    """The record ids of a pasted column (one a line; tabs, semicolons and commas also
    separate), stripped, without blanks, each once, in their order."""
    parts = _SEPARATORS.split(text) if isinstance(text, str) else \
        [p for item in text for p in _SEPARATORS.split(item)]
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))
