"""The review campaign in the domain: decisions need their date or note, a signed review is
frozen, campaigns compare."""

from __future__ import annotations

import datetime as dt

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
    previous_of,
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
