"""Review campaigns stored: figures and findings as the check gives them, decisions audited,
a signed review frozen, past reviews listed with their figures."""

from __future__ import annotations

import datetime as dt
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
    previous_of,
)
from storage.check import CheckError, run_check
from storage.holds import HoldRequest, add_hold
from storage.inventory import InventorySpec, load_inventory
from storage.register import Register
from storage.review import (
    FindingScope,
    decide,
    decision_progress,
    discard_review,
    findings,
    get_review,
    list_reviews,
    sign_off,
    start_review,
)
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
        lambda: discard_review(stocked.uow(), review.id),
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
    discard_review(stocked.uow(), now.id)  # an open review started by mistake
    assert [r.id for r in list_reviews(stocked.uow())] == [last.id]
    with pytest.raises(NotFoundError):
        get_review(stocked.uow(), now.id)
