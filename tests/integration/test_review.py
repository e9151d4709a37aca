"""Review campaigns stored: figures and findings as the check gives them, decisions audited,
a signed review frozen, past reviews listed with their figures."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from domain.check import Status
from domain.errors import NotFoundError
from domain.review import (
    Decision,
    FindingDecision,
    ReviewError,
    ReviewFrozenError,
    compare,
    current_of,
    open_duplicates,
    previous_of,
)
from storage.check import CheckError, run_check
from storage.holds import HoldRequest, add_hold
from storage.inventory import InventorySpec, load_inventory
from storage.register import Register
from storage.review import (
    FindingScope,
    PurgeLeftOut,
    abandon_review,
    decide,
    decision_progress,
    findings,
    get_review,
    list_reviews,
    record_decision,
    sign_off,
    start_review,
)
from storage.tables import ReviewRow
from tests.integration.test_check import _activity

AS_OF = dt.date(2026, 11, 29)
NOW = "2026-11-29T10:00:00+00:00"
D = dt.date


def _load(register: Register, activity_id: int, category: str, event: str,
          rows: list[tuple[str, str, dt.date | None]], folder: Path) -> None:
    path = folder / f"{category}.csv"
    path.write_text("id;stage;" + event + "\n" + "".join(
        f"{rid};{stage};{day.isoformat() if day else ''}\n" for rid, stage, day in rows
    ), encoding="utf-8")
    load_inventory(register.engine, path, InventorySpec(activity_id, category), actor="dpo")


@pytest.fixture
def stocked(register: Register, tmp_path: Path) -> Register:
    """Two inventories loaded as the DPO loads them: every status shows as of AS_OF."""
    health = _activity(register, "DPI-01", "last_stay + 20 years",
                       active_until="last_stay + 5 years")
    _load(register, health, "health", "last_stay", [
        ("P-overdue-1", "archive", D(2001, 3, 1)),
        ("P-overdue-2", "archive", D(2005, 6, 30)),
        ("P-due-soon", "archive", D(2007, 1, 10)),
        ("P-archive", "active", D(2015, 1, 1)),
        ("P-missing", "active", None),
        ("P-held", "archive", D(2000, 1, 1)),
        ("P-ok", "archive", D(2020, 1, 1)),
    ], tmp_path)
    with register.uow() as uow:
        (owner,) = uow.entities.list()
    assert owner.id is not None
    add_hold(register.uow(), HoldRequest(owner.id, "DPI-01", D(2026, 1, 1), "recours",
                                         record_ids=["P-held"]), NOW)
    staff = _activity(register, "RH-02", "contract_end + 5 years", category="identity")
    _load(register, staff, "identity", "contract_end", [
        ("A-1", "active", D(2019, 12, 31)), ("A-2", "active", D(2024, 1, 1)),
    ], tmp_path)
    return register


def _statuses(register: Register, review_id: int) -> dict[str, Status]:
    return {f.record_id: f.status for f in findings(register.uow(), review_id)}


def test_a_review_keeps_the_figures_and_the_records_that_are_not_ok(stocked: Register) -> None:
    expected, records = run_check(stocked.engine, AS_OF, want_records=True)
    seen: list[tuple[int, int]] = []
    review = start_review(stocked.uow(), AS_OF, now=NOW,
                          progress=lambda done, total: seen.append((done, total)))

    assert seen == [(1, 2), (2, 2)]
    assert (review.title, review.as_of, review.horizon_days) == ("2026-Q4", AS_OF, 92)
    assert review.id is not None and not review.is_signed
    assert dict(review.totals) == {s: expected.totals.get(s, 0) for s in review.totals}
    assert review.totals[Status.OVERDUE] == 3 and review.totals[Status.OK] == 2
    assert _statuses(stocked, review.id) == {
        "P-overdue-1": Status.OVERDUE, "P-overdue-2": Status.OVERDUE,
        "P-due-soon": Status.DUE_SOON, "P-archive": Status.ARCHIVE_DUE,
        "P-missing": Status.UNDETERMINED, "P-held": Status.ON_HOLD, "A-1": Status.OVERDUE,
    }
    assert len(records) == review.findings_count == review.undecided == 7
    overdue = findings(stocked.uow(), review.id, FindingScope(activity="DPI-01",
                                                               status=Status.OVERDUE))
    assert [(f.record_id, f.deadline, f.days_overdue) for f in overdue] == [
        ("P-overdue-1", D(2021, 3, 1), (AS_OF - D(2021, 3, 1)).days),
        ("P-overdue-2", D(2025, 6, 30), (AS_OF - D(2025, 6, 30)).days),
    ]
    entries = stocked.audit_entries("review", f"2026-Q4#{review.id}")
    assert [e.action for e in entries] and {e.action for e in entries} == {"create"}
    assert get_review(stocked.uow(), review.id) == review


def test_a_cancelled_start_stores_nothing(stocked: Register) -> None:
    with pytest.raises(CheckError) as cancelled:
        start_review(stocked.uow(), AS_OF, now=NOW, cancelled=lambda: True)
    assert cancelled.value.code == "check.cancelled"
    assert list_reviews(stocked.uow()) == []


def test_decisions_are_recorded_by_group_or_by_record_and_audited(stocked: Register) -> None:
    review = start_review(stocked.uow(), AS_OF, now=NOW)
    assert review.id is not None
    planned = FindingDecision(Decision.PURGE_PLANNED, D(2027, 1, 15))
    assert decide(stocked.uow(), review.id, planned,
                  FindingScope(activity="DPI-01", category="health",
                               status=Status.OVERDUE), now=NOW) == 2
    (a1,) = findings(stocked.uow(), review.id, FindingScope(activity="RH-02"))
    assert a1.id is not None
    done = FindingDecision(Decision.PURGE_DONE, note="PV de destruction n° 2026-114")
    assert decide(stocked.uow(), review.id, done, FindingScope(finding_ids=[a1.id]),
                  now=NOW) == 1

    stored = {f.record_id: f.decision for f in findings(stocked.uow(), review.id)}
    assert stored["P-overdue-1"] is not None and stored["P-overdue-1"].purge_on == D(2027, 1, 15)
    assert stored["P-overdue-1"].decided_by == "dpo"
    assert stored["A-1"] is not None and stored["A-1"].note == "PV de destruction n° 2026-114"
    assert stored["P-missing"] is None
    assert get_review(stocked.uow(), review.id).undecided == 4
    progress = {(g.activity, g.status): (g.findings, g.decided)
                for g in decision_progress(stocked.uow(), review.id)}
    assert progress[("DPI-01", Status.OVERDUE)] == (2, 2)
    assert progress[("DPI-01", Status.UNDETERMINED)] == (1, 0)
    undecided = findings(stocked.uow(), review.id, FindingScope(undecided_only=True))
    assert len(undecided) == 4

    entries = [e for e in stocked.audit_entries() if e.object_type == "review_decision"]
    assert {e.object_key for e in entries} == {f"2026-Q4#{review.id}/DPI-01/health/overdue",
                                               f"2026-Q4#{review.id}/records"}
    assert stocked.verify_audit() == []

    with pytest.raises(ReviewError):  # an accepted finding needs its justification
        decide(stocked.uow(), review.id, FindingDecision(Decision.ACCEPTED, note=" "),
               FindingScope(), now=NOW)


def test_a_signed_review_is_frozen(stocked: Register) -> None:
    review = start_review(stocked.uow(), AS_OF, now=NOW)
    assert review.id is not None
    signed = sign_off(stocked.uow(), review.id, "Dr Claire Martin", now=NOW,
                      next_review_on=D(2027, 2, 26))
    assert signed.sign_off is not None and signed.sign_off.by == "Dr Claire Martin"
    again = get_review(stocked.uow(), review.id)
    assert again.sign_off == signed.sign_off and again.is_signed

    before = findings(stocked.uow(), review.id)
    hold = FindingDecision(Decision.LEGAL_HOLD, note="recours")
    for attempt in (
        lambda: decide(stocked.uow(), review.id, hold, FindingScope(), now=NOW),
        lambda: decide(stocked.uow(), review.id, None, FindingScope(), now=NOW),
        lambda: sign_off(stocked.uow(), review.id, "Autre", now=NOW),
        lambda: abandon_review(stocked.uow(), review.id, "doublon", now=NOW),
    ):
        with pytest.raises(ReviewFrozenError) as frozen:
            attempt()
        assert frozen.value.code == "review.frozen"
    assert findings(stocked.uow(), review.id) == before
    assert get_review(stocked.uow(), review.id) == again
    assert stocked.verify_audit() == []


def test_past_reviews_are_listed_with_their_figures(stocked: Register) -> None:
    last = start_review(stocked.uow(), D(2025, 5, 31), now=NOW)
    assert last.id is not None
    sign_off(stocked.uow(), last.id, "DPO", now=NOW)
    now = start_review(stocked.uow(), AS_OF, now=NOW)
    listed = list_reviews(stocked.uow())
    assert [r.title for r in listed] == ["2026-Q4", "2025-Q2"]
    assert listed[1].is_signed and not listed[0].is_signed
    previous = previous_of(listed, listed[0])
    assert previous is not None and previous.id == last.id
    figures = {c.status: (c.before, c.now) for c in compare(previous, listed[0])}
    # P-held was overdue before its hold began; P-overdue-2 was only due soon
    assert figures[Status.OVERDUE] == (3, 3)
    assert figures[Status.ON_HOLD] == (0, 1)
    assert figures[Status.DUE_SOON] == (1, 1)
    assert now.id is not None
    abandon_review(stocked.uow(), now.id, "démarrée par erreur", now=NOW)
    assert [r.id for r in list_reviews(stocked.uow())] == [last.id]
    with pytest.raises(NotFoundError):
        get_review(stocked.uow(), now.id)


# --- one open review per quarter, abandoned with a reason -----------------------------------


def test_a_quarter_has_at_most_one_open_review(stocked: Register) -> None:
    first = start_review(stocked.uow(), AS_OF, now=NOW)
    assert first.id is not None
    for day in (AS_OF, D(2026, 10, 1), D(2026, 12, 31)):  # any day of 2026-Q4
        with pytest.raises(ReviewError) as refused:
            start_review(stocked.uow(), day, now=NOW)
        assert refused.value.code == "review.quarter_open"
        assert refused.value.params["title"] == "2026-Q4"
    assert [r.id for r in list_reviews(stocked.uow())] == [first.id]
    other = start_review(stocked.uow(), D(2026, 9, 30), now=NOW)  # another quarter
    assert other.title == "2026-Q3"
    sign_off(stocked.uow(), first.id, "DPO", now=NOW)
    again = start_review(stocked.uow(), AS_OF, now=NOW)  # signed: the quarter may restart
    assert again.title == "2026-Q4" and not again.is_signed


def test_an_open_review_is_abandoned_with_a_reason_and_its_quarter_reviewed_again(
        stocked: Register) -> None:
    review = start_review(stocked.uow(), AS_OF, now=NOW)
    assert review.id is not None
    decide(stocked.uow(), review.id, FindingDecision(Decision.ACCEPTED, note="vu"),
           FindingScope(activity="RH-02"), now=NOW)
    with pytest.raises(ReviewError) as unexplained:
        abandon_review(stocked.uow(), review.id, "  ", now=NOW)
    assert unexplained.value.code == "review.abandon_reason"
    assert [r.id for r in list_reviews(stocked.uow())] == [review.id]

    abandon_review(stocked.uow(), review.id, "démarrée au mauvais jour",
                   now="2026-11-29T11:00:00+00:00")
    assert list_reviews(stocked.uow()) == []
    assert findings(stocked.uow(), review.id) == []
    entries = stocked.audit_entries("review", f"2026-Q4#{review.id}")
    (why,) = [e for e in entries if e.field == "abandoned"]
    assert why.actor == "dpo" and json.loads(why.new_value or "") == {
        "why": "démarrée au mauvais jour", "at": "2026-11-29T11:00:00+00:00",
        "findings": 7, "decided": 1}
    with pytest.raises(NotFoundError):
        get_review(stocked.uow(), review.id)
    with pytest.raises(NotFoundError):  # abandoned once, for good
        abandon_review(stocked.uow(), review.id, "encore", now=NOW)
    assert stocked.verify_audit() == []
    again = start_review(stocked.uow(), AS_OF, now=NOW)
    assert again.title == "2026-Q4" and again.id != review.id


def test_duplicate_open_reviews_written_before_can_be_abandoned(stocked: Register) -> None:
    first = start_review(stocked.uow(), AS_OF, now=NOW)
    assert first.id is not None
    with stocked.uow() as uow:  # a register written before: a second open 2026-Q4
        row = ReviewRow(title="2026-Q4", as_of=AS_OF, horizon_days=92, started_at=NOW,
                        started_by="dpo")
        uow.session.add(row)
        uow.commit()
        duplicate = row.id
    assert duplicate is not None
    listed = list_reviews(stocked.uow())
    assert open_duplicates(listed) == {duplicate}  # the first started is kept
    current = current_of(listed)
    assert current is not None and current.id == first.id
    with pytest.raises(ReviewError):  # still refused while either is open
        start_review(stocked.uow(), AS_OF, now=NOW)
    abandon_review(stocked.uow(), duplicate, "doublon", now=NOW)
    assert [r.id for r in list_reviews(stocked.uow())] == [first.id]


# --- a planned purge: never before the review, only for records whose time has come -------


def test_a_purge_planned_before_the_review_is_refused(stocked: Register) -> None:
    review = start_review(stocked.uow(), AS_OF, now=NOW)
    assert review.id is not None
    past = FindingDecision(Decision.PURGE_PLANNED, D(2026, 1, 31))
    with pytest.raises(ReviewError) as refused:
        decide(stocked.uow(), review.id, past, FindingScope(activity="DPI-01"), now=NOW)
    assert refused.value.code == "review.purge_past"
    assert refused.value.params["as_of"] == AS_OF.isoformat()
    assert all(f.decision is None for f in findings(stocked.uow(), review.id))


def test_a_planned_purge_covers_only_the_records_due_by_then(stocked: Register) -> None:
    review = start_review(stocked.uow(), AS_OF, now=NOW)
    assert review.id is not None
    # DPI-01: two overdue, one due 2027-01-10, one to archive (due 2035), one undetermined,
    # one on hold
    planned = FindingDecision(Decision.PURGE_PLANNED, D(2026, 12, 15))
    done = record_decision(stocked.uow(), review.id, planned,
                           FindingScope(activity="DPI-01"), now=NOW)
    assert done.records == 2
    assert done.left_out == PurgeLeftOut(too_early=2, latest_deadline=D(2035, 1, 1),
                                         undetermined=1, on_hold=1)
    decided = {f.record_id for f in findings(stocked.uow(), review.id)
               if f.decision is not None}
    assert decided == {"P-overdue-1", "P-overdue-2"}
    later = FindingDecision(Decision.PURGE_PLANNED, D(2027, 1, 11))  # P-due-soon's time came
    done = record_decision(stocked.uow(), review.id, later,
                           FindingScope(activity="DPI-01", status=Status.DUE_SOON), now=NOW)
    assert done.records == 1 and done.left_out.total == 0
    left = [json.loads(e.new_value or "") for e in stocked.audit_entries()
            if e.object_type == "review_decision" and e.field == "left_out"]
    assert left == [{"too_early": 2, "latest_deadline": "2035-01-01", "undetermined": 1,
                     "on_hold": 1}]

    with pytest.raises(ReviewError) as none:  # the archive record is kept until 2035
        decide(stocked.uow(), review.id, planned,
               FindingScope(activity="DPI-01", status=Status.ARCHIVE_DUE), now=NOW)
    assert none.value.code == "review.purge_none"
    assert none.value.params["too_early"] == 1
    assert none.value.params["latest_deadline"] == "2035-01-01"


# --- a legal hold on listed records: the categories the DPO means -----------------------


def test_a_hold_on_listed_records_covers_their_category_or_every_category(
        stocked: Register, tmp_path: Path) -> None:
    with stocked.uow() as uow:
        (owner,) = uow.entities.list()
        activity = uow.activities.get(owner.id or 0, "DPI-01")
    assert activity is not None and activity.id is not None
    review = start_review(stocked.uow(), AS_OF, now=NOW)
    assert review.id is not None
    chosen = [f.id for f in findings(stocked.uow(), review.id)
              if f.record_id in ("P-overdue-1", "P-overdue-2") and f.id is not None]
    hold = FindingDecision(Decision.LEGAL_HOLD, note="recours TA Lyon")
    one = record_decision(stocked.uow(), review.id, hold, FindingScope(finding_ids=chosen),
                          now=NOW)
    assert [(h.category, h.record_count) for h in one.created] == [("health", 2)]
    every = record_decision(stocked.uow(), review.id, hold, FindingScope(finding_ids=chosen),
                            now=NOW, hold_every_category=True)
    assert [(h.category, h.record_count) for h in every.created] == [("", 2)]
    assert set(every.created[0].record_ids) == {"P-overdue-1", "P-overdue-2"}
