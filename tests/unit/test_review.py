"""The review campaign in the domain: decisions need their date or note, a signed review is
frozen, campaigns compare."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from domain.check import Status
from domain.review import (
    Comparison,
    Decision,
    FindingDecision,
    GroupFigures,
    ReviewCampaign,
    ReviewError,
    ReviewFinding,
    ReviewFrozenError,
    compare,
    current_of,
    ensure_can_start,
    open_duplicates,
    previous_of,
    purge_refusal,
    quarter_label,
)

AS_OF = dt.date(2026, 11, 29)


def _campaign(overdue: int, as_of: dt.date = AS_OF, id: int = 1) -> ReviewCampaign:
    return ReviewCampaign(as_of, 92, (
        GroupFigures("DPI-01", "health", {Status.OVERDUE: overdue, Status.OK: 10}),
        GroupFigures("RH-02", "identity", {Status.DUE_SOON: 2, Status.OVERDUE: 0}),
    ), id=id)


@pytest.mark.parametrize(("day", "label"), [
    (dt.date(2026, 1, 1), "2026-Q1"), (dt.date(2026, 3, 31), "2026-Q1"),
    (dt.date(2026, 4, 1), "2026-Q2"), (dt.date(2026, 11, 29), "2026-Q4"),
])
def test_a_campaign_is_named_after_its_quarter(day: dt.date, label: str) -> None:
    assert quarter_label(day) == label
    assert ReviewCampaign(day, 92).title == label


@pytest.mark.parametrize(("kind", "code"), [
    (Decision.PURGE_PLANNED, "review.purge_date"),
    (Decision.PURGE_DONE, "review.evidence"),
    (Decision.ACCEPTED, "review.justification"),
    (Decision.LEGAL_HOLD, "review.note"),
    (Decision.RULE_REVISED, "review.note"),
])
def test_each_decision_needs_its_date_or_its_words(kind: Decision, code: str) -> None:
    with pytest.raises(ReviewError) as refused:
        FindingDecision(kind, note="   ")
    assert refused.value.code == code


def test_complete_decisions_are_accepted() -> None:
    assert FindingDecision(Decision.PURGE_PLANNED, dt.date(2027, 1, 15)).purge_on == \
        dt.date(2027, 1, 15)
    assert FindingDecision(Decision.PURGE_DONE, note="PV de destruction 2026-114").note
    assert FindingDecision(Decision.ACCEPTED, note="contentieux prud'homal en cours").note


def test_totals_add_the_groups_in_the_order_of_the_check() -> None:
    totals = _campaign(42).totals
    assert list(totals)[:2] == [Status.OVERDUE, Status.DUE_SOON]
    assert (totals[Status.OVERDUE], totals[Status.DUE_SOON], totals[Status.OK]) == (42, 2, 10)
    assert _campaign(42).groups[1].counts == {Status.DUE_SOON: 2}  # zeros are not kept


def test_a_signed_campaign_is_frozen() -> None:
    campaign = _campaign(3)
    finding = ReviewFinding("DPI-01", "health", "P1", Status.OVERDUE, dt.date(2026, 1, 1), 332)
    decided = campaign.decide(finding, FindingDecision(Decision.PURGE_DONE, note="PV 12"))
    assert decided.decision is not None and decided.decision.kind is Decision.PURGE_DONE

    signed = campaign.signed("Dr Claire Martin", "2026-11-30T09:00:00+00:00")
    assert signed.is_signed and not campaign.is_signed
    assert signed.sign_off is not None
    assert signed.sign_off.next_review_on == dt.date(2027, 2, 28)  # a quarter later, clamped
    with pytest.raises(ReviewFrozenError) as frozen:
        signed.decide(finding, None)
    assert frozen.value.code == "review.frozen"
    assert frozen.value.params["signed_by"] == "Dr Claire Martin"
    with pytest.raises(ReviewFrozenError):
        signed.signed("Quelqu'un d'autre", "2026-12-01T09:00:00+00:00")


def test_sign_off_needs_a_name_and_a_later_next_review() -> None:
    with pytest.raises(ReviewError) as unnamed:
        _campaign(3).signed("  ", "2026-11-30T09:00:00+00:00")
    assert unnamed.value.code == "review.signer"
    with pytest.raises(ReviewError) as earlier:
        _campaign(3).signed("DPO", "2026-11-30T09:00:00+00:00", AS_OF)
    assert earlier.value.code == "review.next_date"


def test_42_overdue_last_quarter_3_now() -> None:
    last = _campaign(42, dt.date(2026, 8, 31), id=1).signed("DPO", "2026-09-01T08:00:00")
    unsigned = _campaign(7, dt.date(2026, 10, 15), id=2)
    now = _campaign(3, id=3)
    assert previous_of([last, unsigned, now], now) == last  # an unsigned one does not count
    overdue = compare(last, now)[0]
    assert overdue == Comparison(Status.OVERDUE, 42, 3)
    assert overdue.change == -39
    assert compare(None, now)[0] == Comparison(Status.OVERDUE, 0, 3)
    assert previous_of([now], now) is None


def test_a_quarter_reviewed_again_after_its_sign_off_compares_with_the_signed_one() -> None:
    signed = _campaign(42, id=1).signed("DPO", "2026-11-29T12:00:00")
    again = _campaign(3, id=2)  # the same day, started after the sign-off
    assert previous_of([again, signed], again) == signed
    assert previous_of([again, signed], signed) is None  # nothing signed before it


def test_a_second_open_review_of_a_quarter_is_refused() -> None:
    open_q4 = _campaign(3, dt.date(2026, 10, 2), id=1)
    with pytest.raises(ReviewError) as refused:
        ensure_can_start([open_q4], dt.date(2026, 12, 31))
    assert refused.value.code == "review.quarter_open"
    assert refused.value.params["title"] == "2026-Q4"
    ensure_can_start([open_q4], dt.date(2027, 1, 1))  # another quarter
    ensure_can_start([open_q4.signed("DPO", "2026-12-01T08:00:00")], dt.date(2026, 12, 31))


def test_the_screen_opens_on_the_open_review_worked_on() -> None:
    signed = _campaign(1, dt.date(2026, 8, 31), id=1).signed("DPO", "2026-09-01T08:00:00")
    worked = replace(_campaign(3, id=2), findings_count=10, undecided=4)
    duplicate = replace(_campaign(3, id=3), findings_count=10, undecided=10)
    assert current_of([duplicate, worked, signed]) == worked
    assert open_duplicates([duplicate, worked, signed]) == {3}
    assert current_of([signed]) == signed
    assert current_of([]) is None


@pytest.mark.parametrize(("status", "deadline", "why"), [
    (Status.OVERDUE, dt.date(2026, 1, 31), None),
    (Status.DUE_SOON, dt.date(2027, 2, 17), None),  # due before the day planned
    (Status.DUE_SOON, dt.date(2027, 3, 17), "review.purge_too_early"),
    (Status.DUE_SOON, dt.date(2027, 2, 28), "review.purge_too_early"),  # its last day
    (Status.UNDETERMINED, None, "review.purge_undetermined"),
    (Status.ON_HOLD, dt.date(2020, 1, 1), "review.purge_on_hold"),
])
def test_a_record_is_purged_only_once_its_last_day_of_retention_is_past(
        status: Status, deadline: dt.date | None, why: str | None) -> None:
    finding = ReviewFinding("DPI-01", "health", "P1", status, deadline)
    assert purge_refusal(finding, dt.date(2027, 2, 28)) == why


def test_a_purge_is_never_planned_before_the_review() -> None:
    campaign = _campaign(3)
    finding = ReviewFinding("DPI-01", "health", "P1", Status.OVERDUE, dt.date(2025, 1, 1))
    with pytest.raises(ReviewError) as past:
        campaign.decide(finding, FindingDecision(Decision.PURGE_PLANNED, dt.date(2026, 1, 31)))
    assert past.value.code == "review.purge_past"
    soon = ReviewFinding("DPI-01", "health", "P2", Status.DUE_SOON, dt.date(2027, 2, 17))
    with pytest.raises(ReviewError) as early:
        campaign.decide(soon, FindingDecision(Decision.PURGE_PLANNED, dt.date(2027, 1, 31)))
    assert early.value.code == "review.purge_too_early"
    planned = campaign.decide(finding, FindingDecision(Decision.PURGE_PLANNED, AS_OF))
    assert planned.decision is not None and planned.decision.purge_on == AS_OF
