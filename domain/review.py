"""The quarterly retention review: a campaign as of a date, its figures, its decisions, its
sign-off.

A :class:`ReviewCampaign` is the engine's answer as of a date (figures per activity/category
and status), kept with the records that were not ``ok`` (:class:`ReviewFinding`). Each
finding gets a :class:`FindingDecision` (purge planned on a date, purge done with a
reference to the evidence, legal hold, rule revised, accepted with a justification). A named
DPO signs the campaign off at a time; from then on it is frozen: every change is refused
with :class:`ReviewFrozenError`. Past campaigns stay comparable (:func:`compare`).

Pure Python: no Qt, no SQL. Storage lives in ``storage/review.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType

from dateutil.relativedelta import relativedelta

from domain.check import STATUS_ORDER, Status
from domain.errors import CodedError, RegistreError

__all__ = [
    "DEFAULT_NEXT_REVIEW",
    "Comparison",
    "Decision",
    "FindingDecision",
    "GroupFigures",
    "ReviewCampaign",
    "ReviewError",
    "ReviewFinding",
    "ReviewFrozenError",
    "SignOff",
    "compare",
    "current_of",
    "ensure_can_start",
    "open_duplicates",
    "previous_of",
    "purge_refusal",
    "quarter_label",
]

DEFAULT_NEXT_REVIEW = relativedelta(months=3)  # quarterly


class ReviewError(CodedError):
    """A review change the register refuses (missing date, evidence, justification...)."""

    code = "review.invalid"


class ReviewFrozenError(RegistreError):
    """The review was signed off: it cannot change any more."""

    code = "review.frozen"

    def __init__(self, title: str, signed_by: str, signed_at: str) -> None:
        super().__init__(
            f"review {title} was signed off by {signed_by} at {signed_at}: it cannot change",
            title=title, signed_by=signed_by, signed_at=signed_at,
        )


class Decision(StrEnum):
    PURGE_PLANNED = "purge_planned"  # needs the date planned
    PURGE_DONE = "purge_done"  # needs a reference to the evidence
    LEGAL_HOLD = "legal_hold"  # needs the reason (the hold itself is in the holds)
    RULE_REVISED = "rule_revised"  # needs what was revised
    ACCEPTED = "accepted"  # needs a justification


@dataclass(frozen=True)
class FindingDecision:
    """What the DPO decided about a finding. ``note`` is the evidence reference (purge
    done), the justification (accepted), the reason (hold) or the revision (rule revised)."""

    kind: Decision
    purge_on: dt.date | None = None
    note: str = ""
    decided_by: str = ""
    decided_at: str = ""  # UTC timestamp, ISO 8601

    def __post_init__(self) -> None:
        if self.kind is Decision.PURGE_PLANNED:
            if self.purge_on is None:
                raise ReviewError("review.purge_date", "a planned purge needs its date",
                                  field="purge_on", decision=self.kind.value)
        elif not self.note.strip():
            code = {
                Decision.PURGE_DONE: "review.evidence",
                Decision.ACCEPTED: "review.justification",
            }.get(self.kind, "review.note")
            raise ReviewError(code, f"a decision {self.kind.value!r} needs a note",
                              field="note", decision=self.kind.value)


@dataclass(frozen=True)
class GroupFigures:
    """How many records of one activity's category had each status as of the review."""

    activity: str
    category: str
    counts: Mapping[Status, int] = field(default_factory=dict, hash=False)
    oldest_deadline: dt.date | None = None
    rule: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.counts, MappingProxyType):
            clean = {Status(k): int(v) for k, v in self.counts.items() if v}
            object.__setattr__(self, "counts", MappingProxyType(clean))

    def count(self, status: Status) -> int:
        return self.counts.get(status, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class ReviewFinding:
    """A record that was not ok as of the review, and what was decided about it."""

    activity: str
    category: str
    record_id: str
    status: Status
    deadline: dt.date | None
    days_overdue: int = 0
    decision: FindingDecision | None = None
    id: int | None = None


@dataclass(frozen=True)
class SignOff:
    by: str
    at: str  # UTC timestamp, ISO 8601
    next_review_on: dt.date | None = None

    def __post_init__(self) -> None:
        if not self.by.strip():
            raise ReviewError("review.signer", "a review is signed by a named person",
                              field="signed_by")


def quarter_label(day: dt.date) -> str:
    """``2026-Q4`` for any day of October to December 2026."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class ReviewCampaign:
    """One review: as of a date, its figures, and its sign-off once signed."""

    as_of: dt.date
    horizon_days: int
    groups: tuple[GroupFigures, ...] = ()
    title: str = ""
    started_by: str = ""
    started_at: str = ""
    sign_off: SignOff | None = None
    id: int | None = None
    undecided: int = 0  # findings still without a decision (filled by storage)
    findings_count: int = 0

    def __post_init__(self) -> None:
        if not self.title:
            object.__setattr__(self, "title", quarter_label(self.as_of))
        if self.horizon_days < 0:
            raise ReviewError("review.horizon", "the horizon is a number of days >= 0",
                              field="horizon", value=self.horizon_days)

    @property
    def is_signed(self) -> bool:
        return self.sign_off is not None

    @property
    def totals(self) -> Mapping[Status, int]:
        total = dict.fromkeys(STATUS_ORDER, 0)
        for group in self.groups:
            for status, count in group.counts.items():
                total[status] += count
        return MappingProxyType(total)

    def check_decision(self, decision: FindingDecision | None) -> None:
        """Refuse a decision this review cannot take: a purge planned on a day before the
        review's as-of date (``review.purge_past``)."""
        if decision is not None and decision.kind is Decision.PURGE_PLANNED and \
                decision.purge_on is not None and decision.purge_on < self.as_of:
            raise ReviewError(
                "review.purge_past", "a planned purge cannot be dated before the review",
                field="purge_on", value=decision.purge_on.isoformat(),
                as_of=self.as_of.isoformat(), title=self.title)

    def ensure_open(self) -> None:
        """Raise :class:`ReviewFrozenError` when the campaign is signed off."""
        if self.sign_off is not None:
            raise ReviewFrozenError(self.title, self.sign_off.by, self.sign_off.at)

    def decide(self, finding: ReviewFinding, decision: FindingDecision | None
               ) -> ReviewFinding:
        """The finding with ``decision`` (None: withdrawn); refused once signed off."""
        self.ensure_open()
        self.check_decision(decision)
        if decision is not None and decision.kind is Decision.PURGE_PLANNED:
            assert decision.purge_on is not None  # FindingDecision checks it
            why = purge_refusal(finding, decision.purge_on)
            if why is not None:
                raise ReviewError(why, "this record cannot be purged on that day",
                                  field="purge_on", value=decision.purge_on.isoformat(),
                                  record=finding.record_id)
        return replace(finding, decision=decision)

    def signed(self, by: str, at: str, next_review_on: dt.date | None = None
               ) -> ReviewCampaign:
        """The campaign signed off by ``by`` at ``at``; the next review defaults to a
        quarter after the as-of date. Refused when already signed."""
        self.ensure_open()
        next_on = next_review_on or self.as_of + DEFAULT_NEXT_REVIEW
        if next_on <= self.as_of:
            raise ReviewError("review.next_date", "the next review comes after this one",
                              field="next_review_on", value=next_on.isoformat(),
                              as_of=self.as_of.isoformat())
        return replace(self, sign_off=SignOff(by.strip(), at, next_on))


@dataclass(frozen=True)
class Comparison:
    """One status between two campaigns: ``42 overdue last quarter, 3 now``."""

    status: Status
    before: int
    now: int

    @property
    def change(self) -> int:
        return self.now - self.before


def compare(previous: ReviewCampaign | None, current: ReviewCampaign
            ) -> tuple[Comparison, ...]:
    """Totals of ``current`` against ``previous`` (zeros when there is none), in the
    order of the check's totals."""
    before = previous.totals if previous is not None else {}
    now = current.totals
    return tuple(Comparison(s, before.get(s, 0), now.get(s, 0)) for s in STATUS_ORDER)


def previous_of(campaigns: Iterable[ReviewCampaign], current: ReviewCampaign
                ) -> ReviewCampaign | None:
    """The latest signed campaign before ``current``: as of an earlier date, or as of the
    same date and started before it (a quarter reviewed again after its sign-off)."""
    here = (current.as_of, current.id if current.id is not None else 1 << 62)
    earlier = [c for c in campaigns if c.is_signed and c.id != current.id
               and (c.as_of, c.id or 0) < here]
    return max(earlier, key=lambda c: (c.as_of, c.id or 0), default=None)


def purge_refusal(finding: ReviewFinding, purge_on: dt.date) -> str | None:
    """Why ``finding``'s record cannot be purged on ``purge_on`` (an error code), or None
    when it can: its last day of retention (inclusive) is before that day and no legal hold
    covers it. ``review.purge_on_hold``: under a legal hold; ``review.purge_undetermined``:
    its deadline cannot be computed (a date is missing); ``review.purge_too_early``: it is
    still kept on that day."""
    if finding.status is Status.ON_HOLD:
        return "review.purge_on_hold"
    if finding.deadline is None:
        return "review.purge_undetermined"
    if finding.deadline >= purge_on:
        return "review.purge_too_early"
    return None


def ensure_can_start(campaigns: Iterable[ReviewCampaign], as_of: dt.date) -> None:
    """Refuse a new review while one of the same quarter is open (not signed):
    ``review.quarter_open`` names it; the DPO continues it, or abandons it first."""
    quarter = quarter_label(as_of)
    for campaign in campaigns:
        if not campaign.is_signed and quarter_label(campaign.as_of) == quarter:
            raise ReviewError(
                "review.quarter_open", f"review {campaign.title} of {quarter} is still open",
                title=campaign.title, quarter=quarter, as_of=campaign.as_of.isoformat(),
                started_by=campaign.started_by, started_at=campaign.started_at[:10])


def open_duplicates(campaigns: Iterable[ReviewCampaign]) -> frozenset[int]:
    """The ids of open reviews that share their quarter with another open one (registers
    written before one open review per quarter was enforced): all but the one
    :func:`current_of` would keep (the most decided, then the first started)."""
    by_quarter: dict[str, list[ReviewCampaign]] = {}
    for campaign in campaigns:
        if not campaign.is_signed and campaign.id is not None:
            by_quarter.setdefault(quarter_label(campaign.as_of), []).append(campaign)
    extra: set[int] = set()
    for group in by_quarter.values():
        keep = _preferred(group)
        extra.update(c.id for c in group if c is not keep and c.id is not None)
    return frozenset(extra)


def _preferred(group: Iterable[ReviewCampaign]) -> ReviewCampaign:
    """Of open reviews of one quarter, the one the DPO worked on: most decided findings,
    then the first started."""
    return min(group, key=lambda c: (-(c.findings_count - c.undecided), c.id or 0))


def current_of(campaigns: Iterable[ReviewCampaign]) -> ReviewCampaign | None:
    """The review a screen opens on: the open review of the latest quarter (of duplicates,
    the one worked on), else the latest signed one."""
    listed = list(campaigns)
    open_ones = [c for c in listed if not c.is_signed]
    if open_ones:
        latest = max(quarter_label(c.as_of) for c in open_ones)
        return _preferred(c for c in open_ones if quarter_label(c.as_of) == latest)
    return max(listed, key=lambda c: (c.as_of, c.id or 0), default=None)
