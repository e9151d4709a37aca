"""Review campaigns stored: start (the check as of a date, kept with its figures and the
records that were not ok), decisions, sign-off, and the list of past reviews.

Every write is one transaction of a unit of work with its audit entry. A signed review is
frozen: each write first takes the review's row with ``UPDATE ... WHERE signed_by = ''``
(in the write transaction), so a decision racing a sign-off cannot slip in after it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from sqlalchemy import ColumnElement, and_, case, delete, func, insert, select, update
from sqlmodel import col

from domain.check import DEFAULT_HORIZON_DAYS, STATUS_ORDER, Status
from domain.errors import NotFoundError
from domain.holds import LegalHold
from domain.review import (
    Decision,
    FindingDecision,
    GroupFigures,
    ReviewCampaign,
    ReviewError,
    ReviewFinding,
    ReviewFrozenError,
    SignOff,
    ensure_can_start,
    quarter_label,
)
from storage.check import CheckError, run_check
from storage.holds import HoldRequest, insert_hold, read_holds
from storage.tables import (
    ActivityRow,
    LegalHoldRow,
    ReviewFindingRow,
    ReviewGroupRow,
    ReviewRow,
)
from storage.uow import SqlUnitOfWork

__all__ = [
    "DecisionRecorded",
    "FindingScope",
    "GroupProgress",
    "PurgeLeftOut",
    "abandon_review",
    "decide",
    "decision_progress",
    "findings",
    "get_review",
    "list_reviews",
    "record_decision",
    "sign_off",
    "start_review",
]

_INSERT_BATCH = 5_000


def _key(row: ReviewRow) -> str:
    return f"{row.title}#{row.id}"


def _campaign(row: ReviewRow, groups: Sequence[ReviewGroupRow], undecided: int = 0,
              findings_count: int = 0) -> ReviewCampaign:
    sign = SignOff(row.signed_by, row.signed_at, row.next_review_on) if row.signed_by else None
    return ReviewCampaign(
        as_of=row.as_of, horizon_days=row.horizon_days, title=row.title,
        started_by=row.started_by, started_at=row.started_at, sign_off=sign, id=row.id,
        undecided=undecided, findings_count=findings_count,
        groups=tuple(
            GroupFigures(g.activity, g.category,
                         {s: int(getattr(g, s.value)) for s in STATUS_ORDER},
                         g.oldest_deadline, g.rule)
            for g in sorted(groups, key=lambda g: g.position)
        ),
    )


def start_review(
    uow: SqlUnitOfWork,
    as_of: dt.date,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    *,
    now: str,
    title: str = "",
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ReviewCampaign:
    """Run the check as of ``as_of`` and keep it as a new, open review.

    Refused (``review.quarter_open``) while a review of the same quarter is open: it is
    continued, or abandoned first (:func:`abandon_review`); asked before the check runs
    and again in the write transaction (two DPOs starting at once).
    ``progress(done, total)`` counts the inventories checked; ``cancelled()`` stops the
    check (``CheckError`` with code ``check.cancelled``) and nothing is stored."""
    campaign = ReviewCampaign(as_of, horizon_days, title=title)  # validates the values
    with uow:
        ensure_can_start(_open_in_quarter(uow, as_of), as_of)
    result, records = run_check(uow.engine, as_of, horizon_days, want_records=True,
                                progress=progress, cancelled=cancelled)
    with uow:
        ensure_can_start(_open_in_quarter(uow, as_of), as_of)
        row = ReviewRow(title=campaign.title, as_of=as_of, horizon_days=horizon_days,
                        started_at=now, started_by=uow.actor)
        uow.session.add(row)
        uow.session.flush()
        assert row.id is not None  # flushed
        review_id = row.id
        groups = [
            ReviewGroupRow(
                review_id=review_id, position=i, activity=g.activity, category=g.category,
                rule=g.rule, oldest_deadline=g.oldest_deadline,
                **{s.value: g.counts.get(s, 0) for s in STATUS_ORDER},
            )
            for i, g in enumerate(result.groups)
        ]
        uow.session.add_all(groups)
        table = ReviewFindingRow.__table__  # type: ignore[attr-defined]
        for start in range(0, len(records), _INSERT_BATCH):
            if cancelled is not None and cancelled():
                raise CheckError("check.cancelled", "check cancelled")
            uow.session.execute(insert(table), [
                {"review_id": review_id, "activity": f.activity, "category": f.category,
                 "record_id": f.record_id, "status": f.status.value, "deadline": f.deadline,
                 "days_overdue": f.days_overdue, "decision": "", "note": "",
                 "decided_by": "", "decided_at": ""}
                for f in records[start:start + _INSERT_BATCH]
            ])
        totals = result.totals
        uow.audit.record_changes("review", _key(row), None, {
            "as_of": as_of.isoformat(), "horizon_days": horizon_days,
            "totals": {s.value: totals.get(s, 0) for s in STATUS_ORDER},
            "findings": len(records),
        })
        uow.commit()
        return _campaign(row, groups, undecided=len(records), findings_count=len(records))


def _open_in_quarter(uow: SqlUnitOfWork, as_of: dt.date) -> list[ReviewCampaign]:
    """The open reviews of ``as_of``'s quarter (without their figures)."""
    first = dt.date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
    rows = uow.session.execute(
        select(ReviewRow).where(col(ReviewRow.signed_by) == "",
                                col(ReviewRow.abandoned_at) == "", col(ReviewRow.as_of) >= first,
                                col(ReviewRow.as_of) < first + relativedelta(months=3))
    ).scalars()
    return [_campaign(r, []) for r in rows if quarter_label(r.as_of) == quarter_label(as_of)]


def _counts(uow: SqlUnitOfWork, review_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """review id -> (findings, undecided)."""
    ids = list(review_ids)
    if not ids:
        return {}
    query = (
        select(col(ReviewFindingRow.review_id), func.count(),
               func.sum(case((col(ReviewFindingRow.decision) == "", 1), else_=0)))
        .where(col(ReviewFindingRow.review_id).in_(ids))
        .group_by(col(ReviewFindingRow.review_id))
    )
    return {int(r): (int(n), int(u or 0)) for r, n, u in uow.session.execute(query)}


def _load(uow: SqlUnitOfWork, rows: Sequence[ReviewRow]) -> list[ReviewCampaign]:
    ids = [r.id for r in rows if r.id is not None]
    groups: dict[int, list[ReviewGroupRow]] = {i: [] for i in ids}
    if ids:
        for group in uow.session.execute(
            select(ReviewGroupRow).where(col(ReviewGroupRow.review_id).in_(ids))
        ).scalars():
            groups[group.review_id].append(group)
    counts = _counts(uow, ids)
    return [_campaign(r, groups.get(r.id or 0, []), counts.get(r.id or 0, (0, 0))[1],
                      counts.get(r.id or 0, (0, 0))[0]) for r in rows]


def get_review(uow: SqlUnitOfWork, review_id: int) -> ReviewCampaign:
    with uow:
        row = uow.session.get(ReviewRow, review_id)
        if row is None or row.abandoned_at:
            raise NotFoundError("review", str(review_id))
        return _load(uow, [row])[0]


def list_reviews(uow: SqlUnitOfWork) -> list[ReviewCampaign]:
    """Every review not abandoned, newest first (by as-of date, then by when it was
    started)."""
    with uow:
        rows = list(uow.session.execute(
            select(ReviewRow).where(col(ReviewRow.abandoned_at) == "")
            .order_by(col(ReviewRow.as_of).desc(), col(ReviewRow.id).desc())
        ).scalars())
        return _load(uow, rows)


@dataclass(frozen=True)
class FindingScope:
    """Which findings of a review: listed ids, or a group (None: any)."""

    finding_ids: Sequence[int] | None = None
    activity: str | None = None
    category: str | None = None
    status: Status | None = None
    undecided_only: bool = False

    def where(self, review_id: int) -> ColumnElement[bool]:
        parts: list[ColumnElement[bool]] = [col(ReviewFindingRow.review_id) == review_id]
        if self.finding_ids is not None:
            parts.append(col(ReviewFindingRow.id).in_(list(self.finding_ids)))
        if self.activity is not None:
            parts.append(col(ReviewFindingRow.activity) == self.activity)
        if self.category is not None:
            parts.append(col(ReviewFindingRow.category) == self.category)
        if self.status is not None:
            parts.append(col(ReviewFindingRow.status) == self.status.value)
        if self.undecided_only:
            parts.append(col(ReviewFindingRow.decision) == "")
        return and_(*parts)

    def describe(self) -> str:
        if self.finding_ids is not None:
            return "records"
        return "/".join(x or "*" for x in (self.activity, self.category,
                                           self.status.value if self.status else None))


def _finding(row: ReviewFindingRow) -> ReviewFinding:
    decision = None
    if row.decision:
        decision = FindingDecision(Decision(row.decision), row.purge_on, row.note,
                                   row.decided_by, row.decided_at)
    return ReviewFinding(row.activity, row.category, row.record_id, Status(row.status),
                         row.deadline, row.days_overdue, decision, row.id)


def findings(uow: SqlUnitOfWork, review_id: int, scope: FindingScope = FindingScope(),
             *, limit: int | None = None, offset: int = 0) -> list[ReviewFinding]:
    """The findings of a review in ``scope``: most overdue first, then by record id."""
    query = (select(ReviewFindingRow).where(scope.where(review_id))
             .order_by(col(ReviewFindingRow.activity), col(ReviewFindingRow.category),
                       col(ReviewFindingRow.days_overdue).desc(),
                       col(ReviewFindingRow.record_id))
             .offset(offset))
    if limit is not None:
        query = query.limit(limit)
    with uow:
        return [_finding(r) for r in uow.session.execute(query).scalars()]


@dataclass(frozen=True)
class GroupProgress:
    """Findings of one activity/category/status of a review, and how many are decided."""

    activity: str
    category: str
    status: Status
    findings: int
    decided: int


def decision_progress(uow: SqlUnitOfWork, review_id: int) -> list[GroupProgress]:
    query = (
        select(col(ReviewFindingRow.activity), col(ReviewFindingRow.category),
               col(ReviewFindingRow.status), func.count(),
               func.sum(case((col(ReviewFindingRow.decision) != "", 1), else_=0)))
        .where(col(ReviewFindingRow.review_id) == review_id)
        .group_by(col(ReviewFindingRow.activity), col(ReviewFindingRow.category),
                  col(ReviewFindingRow.status))
    )
    with uow:
        return [GroupProgress(a, c, Status(s), int(n), int(d or 0))
                for a, c, s, n, d in uow.session.execute(query)]


def _open_row(uow: SqlUnitOfWork, review_id: int) -> ReviewRow:
    """The review's row, write-locked; refused when it is signed or missing."""
    taken = uow.session.execute(
        update(ReviewRow).where(col(ReviewRow.id) == review_id,
                                col(ReviewRow.signed_by) == "",
                                col(ReviewRow.abandoned_at) == "")
        .values(version=col(ReviewRow.version) + 1)
    )
    row = uow.session.get(ReviewRow, review_id, populate_existing=True)
    if row is None or row.abandoned_at:
        raise NotFoundError("review", str(review_id))
    if not taken.rowcount:  # type: ignore[attr-defined]
        raise ReviewFrozenError(row.title, row.signed_by, row.signed_at)
    return row


@dataclass(frozen=True)
class PurgeLeftOut:
    """Findings of a planned purge's scope that it leaves out, by why (see
    ``domain.review.purge_refusal``): still kept on the day planned (``too_early``, the
    latest of their last days of retention in ``latest_deadline``), a deadline that cannot
    be computed (``undetermined``), under a legal hold (``on_hold``)."""

    too_early: int = 0
    latest_deadline: dt.date | None = None
    undetermined: int = 0
    on_hold: int = 0

    @property
    def total(self) -> int:
        return self.too_early + self.undetermined + self.on_hold

    def params(self) -> dict[str, object]:
        return {"too_early": self.too_early, "undetermined": self.undetermined,
                "on_hold": self.on_hold,
                "latest_deadline": self.latest_deadline.isoformat()
                if self.latest_deadline else None}


@dataclass(frozen=True)
class DecisionRecorded:
    """What a decision did: how many findings it applies to, for a planned purge those of
    the scope it left out (``left_out``), and for a legal hold the holds created
    (``created``) or already in place that cover the group (``kept``)."""

    records: int
    created: tuple[LegalHold, ...] = ()
    kept: tuple[LegalHold, ...] = ()
    left_out: PurgeLeftOut = PurgeLeftOut()


def decide(uow: SqlUnitOfWork, review_id: int, decision: FindingDecision | None,
           scope: FindingScope, *, now: str) -> int:
    """Record ``decision`` (None: withdraw it) on the findings of ``scope``; returns how
    many findings it applies to (see :func:`record_decision`)."""
    return record_decision(uow, review_id, decision, scope, now=now).records


_HELD = col(ReviewFindingRow.status) == Status.ON_HOLD.value


def _purge_left_out(uow: SqlUnitOfWork, where: ColumnElement[bool], purge_on: dt.date
                    ) -> tuple[PurgeLeftOut, int]:
    """The findings of ``where`` a purge on ``purge_on`` leaves out, and how many it
    covers (``domain.review.purge_refusal``, in SQL)."""
    deadline = col(ReviewFindingRow.deadline)
    too_early = and_(~_HELD, deadline.is_not(None), deadline >= purge_on)
    query = select(
        func.count(),
        func.sum(case((_HELD, 1), else_=0)),
        func.sum(case((and_(~_HELD, deadline.is_(None)), 1), else_=0)),
        func.sum(case((too_early, 1), else_=0)),
        func.max(case((too_early, deadline), else_=None)),
    ).where(where)
    total, held, undetermined, early, latest = uow.session.execute(query).one()
    left = PurgeLeftOut(int(early or 0), _as_date(latest), int(undetermined or 0),
                        int(held or 0))
    return left, int(total or 0) - left.total


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def record_decision(uow: SqlUnitOfWork, review_id: int, decision: FindingDecision | None,
                    scope: FindingScope, *, now: str, hold_every_category: bool = False
                    ) -> DecisionRecorded:
    """Record ``decision`` (None: withdraw it) on the findings of ``scope``. Refused with
    ReviewFrozenError once signed off.

    A planned purge is refused before the review's as-of date (``review.purge_past``); it
    applies only to the findings whose last day of retention is before the day planned
    and that no hold covers: the others are left out and counted (``left_out``); refused
    (``review.purge_none``) when it would apply to none.

    A legal-hold decision also puts the hold in place, in the same transaction: on the
    activity (a scope of a whole activity), on each activity/category of the group, or on
    the listed records (findings chosen by id): in their own category, or with
    ``hold_every_category`` in every category of their activity (a person's whole file).
    It runs from the review's as-of date, open-ended, the decision's note as its reason. A
    group already covered by an open hold on its activity or category keeps that hold
    (``kept``) instead of getting a second one."""
    if decision is not None:
        decision = FindingDecision(decision.kind, decision.purge_on, decision.note.strip(),
                                   uow.actor, now)
    with uow:
        row = _open_row(uow, review_id)
        _campaign(row, []).check_decision(decision)
        where = scope.where(review_id)
        left_out = PurgeLeftOut()
        if decision is not None and decision.purge_on is not None and \
                decision.kind is Decision.PURGE_PLANNED:
            left_out, covered = _purge_left_out(uow, where, decision.purge_on)
            if not covered and left_out.total:
                raise ReviewError(
                    "review.purge_none", "no record of the scope can be purged on that day",
                    field="purge_on", value=decision.purge_on.isoformat(),
                    **left_out.params())
            deadline = col(ReviewFindingRow.deadline)
            where = and_(where, ~_HELD, deadline.is_not(None), deadline < decision.purge_on)
        ids = list(uow.session.execute(
            select(col(ReviewFindingRow.record_id)).where(where)
            .order_by(col(ReviewFindingRow.record_id))
        ).scalars())
        values = {
            "decision": decision.kind.value if decision else "",
            "purge_on": decision.purge_on if decision else None,
            "note": decision.note if decision else "",
            "decided_by": decision.decided_by if decision else "",
            "decided_at": decision.decided_at if decision else "",
        }
        uow.session.execute(update(ReviewFindingRow).where(where).values(**values))
        created: tuple[LegalHold, ...] = ()
        kept: tuple[LegalHold, ...] = ()
        if decision is not None and decision.kind is Decision.LEGAL_HOLD and ids:
            created, kept = _hold_findings(uow, row, scope, decision.note, now,
                                           every_category=hold_every_category)
        new: dict[str, object] = {k: v for k, v in values.items()
                                  if k in ("decision", "purge_on", "note")}
        new.update(records=len(ids), record_ids=ids[:100])
        if left_out.total:
            new.update(left_out=left_out.params())
        if created or kept:
            new.update(holds=[h.key() for h in (*created, *kept)])
        uow.audit.record_changes("review_decision", f"{_key(row)}/{scope.describe()}",
                                 {"decision": None}, new)
        uow.commit()
        return DecisionRecorded(len(ids), created, kept, left_out)


def _hold_findings(uow: SqlUnitOfWork, review: ReviewRow, scope: FindingScope, reason: str,
                   now: str, *, every_category: bool = False
                   ) -> tuple[tuple[LegalHold, ...], tuple[LegalHold, ...]]:
    """The holds of a legal-hold decision on ``scope`` (inside the decision's transaction):
    (created, kept). Listed records are held in their category, or with
    ``every_category`` in every category of their activity."""
    listed: dict[tuple[str, str], list[str]] = {}
    for activity, category, record in uow.session.execute(
        select(col(ReviewFindingRow.activity), col(ReviewFindingRow.category),
               col(ReviewFindingRow.record_id))
        .where(scope.where(review.id or 0)).order_by(col(ReviewFindingRow.record_id))
    ):
        listed.setdefault((activity, category), []).append(record)
    by_records = scope.finding_ids is not None
    targets: dict[tuple[str, str], list[str]]
    if not by_records and scope.activity is not None and scope.category is None:
        targets = {(scope.activity, ""): []}  # the whole activity
    else:
        targets = {key: (records if by_records else []) for key, records in listed.items()}
    if by_records and every_category:
        merged: dict[tuple[str, str], list[str]] = {}
        for (ref, _category), records in listed.items():
            merged.setdefault((ref, ""), []).extend(records)
        targets = {key: sorted(set(records)) for key, records in merged.items()}
    created: list[int] = []
    kept: list[LegalHold] = []
    for (ref, category), records in sorted(targets.items()):
        rows = list(uow.session.execute(
            select(col(ActivityRow.entity_id), col(ActivityRow.id))
            .where(col(ActivityRow.ref) == ref).order_by(col(ActivityRow.entity_id))))
        if not rows:
            raise NotFoundError("activity", ref)
        for entity_id, activity_id in rows:
            stored = uow.activities.get(entity_id, ref)
            if stored is None or (category and stored.category(category) is None):
                continue  # another entity's activity of the same reference
            covering = [h for h in read_holds(uow, col(LegalHoldRow.activity_id) == activity_id)
                        if not records and not h.record_count and h.ends_on is None
                        and h.starts_on <= review.as_of and h.category in ("", category)]
            if covering:
                kept.append(covering[0])
                continue
            created.append(insert_hold(uow, stored, HoldRequest(
                entity_id, ref, review.as_of, reason, category=category, record_ids=records),
                now))
    made = read_holds(uow, col(LegalHoldRow.id).in_(created)) if created else []
    return tuple(sorted(made, key=lambda h: h.id)), tuple(kept)


def sign_off(uow: SqlUnitOfWork, review_id: int, by: str, *, now: str,
             next_review_on: dt.date | None = None) -> ReviewCampaign:
    """Sign the review off as ``by`` at ``now``: from then on it is frozen."""
    with uow:
        row = _open_row(uow, review_id)
        campaign = _load(uow, [row])[0].signed(by, now, next_review_on)
        assert campaign.sign_off is not None  # just signed
        row.signed_by = campaign.sign_off.by
        row.signed_at = campaign.sign_off.at
        row.next_review_on = campaign.sign_off.next_review_on
        uow.session.add(row)
        next_on = row.next_review_on.isoformat() if row.next_review_on else None
        uow.audit.record_changes("review", _key(row), {"signed_by": "", "signed_at": ""},
                                 {"signed_by": row.signed_by, "signed_at": row.signed_at,
                                  "next_review_on": next_on,
                                  "undecided": campaign.undecided})
        uow.commit()
        return campaign


def abandon_review(uow: SqlUnitOfWork, review_id: int, reason: str, *, now: str) -> None:
    """Abandon an open review (started by mistake, or a duplicate of its quarter): it is
    listed no more and its findings are removed, so its quarter can be reviewed again; its
    row and figures stay, marked with why, when and by whom (audited with how many findings
    had a decision), so its id and audit entries are never another review's. Holds its
    decisions put in place stay (they are ended in the holds screen). A signed review is
    kept forever (``review.frozen``); a reason is required (``review.abandon_reason``)."""
    if not reason.strip():
        raise ReviewError("review.abandon_reason", "say why the review is abandoned",
                          field="reason")
    with uow:
        row = _open_row(uow, review_id)
        count, undecided = _counts(uow, [review_id]).get(review_id, (0, 0))
        row.abandoned_at, row.abandoned_by = now, uow.actor
        row.abandon_reason = reason.strip()
        uow.session.add(row)
        uow.session.execute(delete(ReviewFindingRow).where(
            col(ReviewFindingRow.review_id) == review_id))
        uow.audit.record_changes("review", _key(row), {"abandoned": None}, {"abandoned": {
            "why": row.abandon_reason, "at": now, "findings": count,
            "decided": count - undecided}})
        uow.commit()
