"""Reminders computed from plain values: a review due (never signed, next date reached),
open legal holds older than a year (366 days yes, 365 no), required DPIAs not done."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

import pytest

from domain.holds import LegalHold
from domain.model import DpiaScreening, ProcessingActivity
from domain.reminders import (
    DpiaNotDone,
    LongHold,
    ReviewDue,
    dpia_not_done,
    long_holds,
    reminders,
    review_due,
)
from domain.review import ReviewCampaign
from domain.vocabulary import load_vocabularies

TODAY = dt.date(2026, 11, 29)
VOC = load_vocabularies()


def _review(as_of: dt.date, signed: bool, next_on: dt.date | None = None,
            id: int = 1) -> ReviewCampaign:
    campaign = ReviewCampaign(as_of, 92, id=id)
    return campaign.signed("Claire", f"{as_of}T10:00:00+00:00", next_on) if signed \
        else campaign


def _hold(starts: dt.date, ends: dt.date | None = None, id: int = 1) -> LegalHold:
    return LegalHold(id, 1, "SOIN-01", "health", starts, ends, "recours")


def test_a_review_is_due_when_none_was_ever_signed() -> None:
    assert review_due([], TODAY) == ReviewDue(None)
    started = _review(dt.date(2026, 11, 1), signed=False)
    assert review_due([started], TODAY) == ReviewDue(None, in_progress="2026-Q4")


def test_a_review_is_due_from_the_next_review_date_of_the_last_signed_one() -> None:
    last = _review(dt.date(2026, 8, 31), signed=True, next_on=dt.date(2026, 11, 30), id=2)
    older = _review(dt.date(2026, 5, 31), signed=True, next_on=dt.date(2026, 8, 31), id=1)
    assert review_due([older, last], TODAY) is None
    assert review_due([older, last], dt.date(2026, 11, 30)) == ReviewDue(
        dt.date(2026, 11, 30), "2026-Q3")
    begun = _review(dt.date(2026, 12, 1), signed=False, id=3)
    assert review_due([begun, older, last], dt.date(2026, 12, 2)) == ReviewDue(
        dt.date(2026, 11, 30), "2026-Q3", "2026-Q4")
    # no next date set at sign-off: a quarter after its as-of date
    plain = ReviewCampaign(dt.date(2026, 6, 30), 92, id=4)
    plain = plain.signed("Claire", "2026-07-01T10:00:00+00:00")
    assert plain.sign_off is not None and plain.sign_off.next_review_on == \
        dt.date(2026, 9, 30)
    assert review_due([plain], TODAY) == ReviewDue(dt.date(2026, 9, 30), "2026-Q2")


@pytest.mark.parametrize(("days", "reminded"), [(366, True), (365, False), (30, False)])
def test_an_open_hold_is_reminded_after_a_year(days: int, reminded: bool) -> None:
    hold = _hold(TODAY - timedelta(days=days))
    assert long_holds([hold], TODAY) == ([LongHold(hold, days)] if reminded else [])


def test_an_ended_or_planned_end_hold_is_not_reminded() -> None:
    old = TODAY - timedelta(days=800)
    assert long_holds([_hold(old, TODAY - timedelta(days=10)),
                       _hold(old, TODAY + timedelta(days=10), id=2)], TODAY) == []
    assert [r.hold.id for r in long_holds([_hold(old + timedelta(days=1), id=3),
                                           _hold(old, id=4)], TODAY)] == [4, 3]


def test_required_dpias_not_done_of_live_activities() -> None:
    required = DpiaScreening(criteria=VOC.dpia_criteria.codes()[:2])
    activities = [
        ProcessingActivity(1, "SOIN-09", "Télésurveillance", dpia=required),
        ProcessingActivity(1, "SOIN-02", "Imagerie", dpia=DpiaScreening(
            criteria=VOC.dpia_criteria.codes()[:2], done_on=dt.date(2025, 1, 1))),
        ProcessingActivity(1, "RH-01", "Recrutement", dpia=DpiaScreening(
            mandatory_type=VOC.dpia_mandatory_types.codes()[0])),
        ProcessingActivity(1, "NUM-01", "Portail", dpia=DpiaScreening(
            criteria=VOC.dpia_criteria.codes()[:1])),  # one criterion: not required
        ProcessingActivity(1, "OLD-01", "Ancien", dpia=required,
                           archived_on=dt.date(2025, 1, 1)),
    ]
    assert dpia_not_done(activities) == [
        DpiaNotDone(1, "RH-01", "Recrutement"), DpiaNotDone(1, "SOIN-09", "Télésurveillance")]


def test_all_reminders_in_order() -> None:
    hold = _hold(TODAY - timedelta(days=420))
    activity = ProcessingActivity(2, "SOIN-09", "Télésurveillance", dpia=DpiaScreening(
        criteria=VOC.dpia_criteria.codes()[:2]))
    assert reminders(TODAY, [], [hold], [activity]) == [
        ReviewDue(None), LongHold(hold, 420), DpiaNotDone(2, "SOIN-09", "Télésurveillance")]
    signed = _review(dt.date(2026, 11, 15), signed=True)
    assert reminders(TODAY, [signed], [], []) == []
