"""The dashboard's figures: deadlines falling due per quarter, counted by the check's
engine (SQL on cutoffs computed in Python), exactly as evaluating every record gives them;
the status counts, completeness and review dates of the register as of a day."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain import services
from domain.check import Status
from domain.review import Decision, FindingDecision
from domain.vocabulary import load_vocabularies
from storage.check import CheckError, run_check
from storage.dashboard import (
    Quarter,
    dashboard_figures,
    deadlines_by_quarter,
    deadlines_by_quarter_reference,
    quarters_ahead,
)
from storage.register import Register
from storage.review import FindingScope, decide, findings, start_review
from tests.integration.conftest import MakeRegister
from tests.integration.test_check import (
    R1112_7,
    R1112_7_MINMAX,
    Row,
    _activity,
    _hold,
    _inventory,
    _patients,
    _random_day,
)

AS_OF = dt.date(2026, 11, 29)


def test_the_quarters_ahead_are_the_quarter_of_the_day_and_two_years() -> None:
    quarters = quarters_ahead(AS_OF)
    assert quarters[0] == Quarter(2026, 4) and quarters[-1] == Quarter(2028, 4)
    assert len(quarters) == 9
    assert Quarter(2027, 1).first_day == dt.date(2027, 1, 1)
    assert Quarter(2028, 1).last_day == dt.date(2028, 3, 31)
    assert Quarter(2026, 4).last_day == dt.date(2026, 12, 31)
    assert Quarter.of(dt.date(2027, 6, 30)) == Quarter(2027, 2)


def test_each_deadline_counts_in_its_quarter(register: Register) -> None:
    """Deadlines worked out by hand: "recording + 1 month" (month ends stay month ends)."""
    activity = _activity(register, "SEC-01", "recording + 1 month", category="location")
    recordings = {
        "overdue": dt.date(2026, 10, 28),  # 2026-11-28: before the day, not counted
        "today": dt.date(2026, 10, 29),  # 2026-11-29: the day itself, 2026-Q4
        "q4": dt.date(2026, 11, 30),  # 2026-12-30
        "q1-first": dt.date(2026, 12, 1),  # 2027-01-01
        "q1-feb": dt.date(2027, 1, 31),  # 2027-02-28
        "q2": dt.date(2027, 3, 31),  # 2027-04-30
        "last": dt.date(2028, 11, 30),  # 2028-12-30: the ninth quarter
        "later": dt.date(2028, 12, 1),  # 2029-01-01: beyond two years
        "held": dt.date(2026, 12, 15),  # under an open hold: falls due in no quarter
        "moved": dt.date(2026, 11, 10),  # 2026-12-10, + 31 days of an ended hold: 2027-01-10
    }
    rows: list[Row] = [(rid, "active", (day,)) for rid, day in recordings.items()]
    rows.append(("missing", "active", (None,)))  # undetermined: no quarter
    _inventory(register, activity, ("recording",), rows, category="location")
    _hold(register, activity, dt.date(2026, 11, 1), None, ["held"])
    _hold(register, activity, dt.date(2026, 1, 1), dt.date(2026, 2, 1), ["moved"])

    calendar = deadlines_by_quarter(register.engine, AS_OF)
    assert calendar.totals == (2, 3, 1, 0, 0, 0, 0, 0, 1)
    assert calendar.counts == {("SEC-01", "location"): (2, 3, 1, 0, 0, 0, 0, 0, 1)}
    assert calendar.by_activity(1) == [("SEC-01", 3)]
    assert calendar.by_activity(3) == []
    assert calendar.start(0) == AS_OF and calendar.start(1) == dt.date(2027, 1, 1)
    assert deadlines_by_quarter_reference(register.engine, AS_OF) == calendar


def test_an_open_hold_on_the_whole_activity_leaves_no_deadline(register: Register) -> None:
    activity = _activity(register, "SOIN-01", R1112_7_MINMAX)
    _inventory(register, activity, ("last_stay", "birth", "death"),
               _patients(random.Random(5), 400))
    assert sum(deadlines_by_quarter(register.engine, AS_OF).totals) > 0
    _hold(register, activity, dt.date(2026, 6, 1), None)
    assert sum(deadlines_by_quarter(register.engine, AS_OF).totals) == 0


def test_the_medical_record_rule_agrees_with_every_record_evaluated(
        register: Register) -> None:
    for ref, rule in (("SOIN-01", R1112_7), ("SOIN-02", R1112_7_MINMAX)):
        activity = _activity(register, ref, rule)
        rows = _patients(random.Random(ref), 1500)
        # patients whose deadline falls in the coming quarters, month ends included
        rows += [(f"N{i}", "active", (dt.date(2006, 12, 31) + dt.timedelta(days=7 * i),
                                      dt.date(1960, 1, 1), None)) for i in range(120)]
        _inventory(register, activity, ("last_stay", "birth", "death"), rows)
        _hold(register, activity, dt.date(2019, 1, 10), dt.date(2021, 6, 30), ["N1", "N50"])
    calendar = deadlines_by_quarter(register.engine, AS_OF)
    assert sum(calendar.totals) > 100
    assert calendar == deadlines_by_quarter_reference(register.engine, AS_OF)


rules = st.sampled_from([
    R1112_7, R1112_7_MINMAX, "recording + 1 month", "end_of_year(last_stay) + 5 years",
    "max(last_stay + 13 months, birth? + 18 years)", "min(last_stay + 30 days, birth + P1Y)",
    "if birth < last_stay then last_stay + 1 year else birth + 2 years",
    "if death? < last_stay + 6 months then death? + 1 year else end_of_month(last_stay) + 2 years",
])


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rule=rules, seed=st.integers(0, 10_000),
       as_of=st.dates(dt.date(2020, 1, 1), dt.date(2032, 12, 31)))
def test_fast_and_reference_agree_on_random_inventories(
    make_register: MakeRegister, rule: str, seed: int, as_of: dt.date
) -> None:
    register = make_register()
    activity = _activity(register, "X-01", rule)
    events = ("last_stay", "birth", "death", "recording")
    rnd = random.Random(seed)
    rows: list[Row] = [
        (f"R{i}", rnd.choice(["active", "archive"]),
         tuple(None if rnd.random() < 0.15 else _random_day(rnd, 2015, 2034) for _ in events))
        for i in range(150)
    ]
    _inventory(register, activity, events, rows)
    if seed % 3 == 0:
        _hold(register, activity, dt.date(2021, 5, 1), dt.date(2022, 2, 1), ["R1", "R2"])
    if seed % 4 == 1:
        _hold(register, activity, dt.date(2020, 3, 1), dt.date(2020, 9, 15))
    if seed % 5 == 2:
        _hold(register, activity, as_of - dt.timedelta(days=10), None, ["R3", "R4"])
    fast = deadlines_by_quarter(register.engine, as_of)
    assert fast == deadlines_by_quarter_reference(register.engine, as_of)


def test_the_dashboard_figures_of_a_register(register: Register) -> None:
    voc = load_vocabularies()
    soin = _activity(register, "SOIN-01", R1112_7_MINMAX)
    _inventory(register, soin, ("last_stay", "birth", "death"), _patients(random.Random(9), 300))
    _activity(register, "RH-01", "")  # no rule: incomplete, no inventory
    with register.uow() as uow:
        activities = {a.ref: a for a in uow.activities.list(None)}
    # SOIN-01 validated 13 months ago, RH-01 created last month and never reviewed
    with register.uow() as uow:
        uow.activities.update(dataclasses.replace(
            activities["SOIN-01"], last_reviewed_on=dt.date(2025, 10, 20)))
        uow.activities.update(dataclasses.replace(
            activities["RH-01"], created_on=dt.date(2026, 10, 2)))
        uow.commit()
    seen: list[tuple[int, int]] = []
    figures = dashboard_figures(register.uow(), AS_OF, voc,
                                progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (3, 3)  # one inventory: the check, the calendar, the register
    check, _ = run_check(register.engine, AS_OF)
    assert figures.check.as_json() == check.as_json()
    assert figures.status_by_activity() == {
        "SOIN-01": {s: n for s, n in check.totals.items() if n}}
    assert figures.deadlines == deadlines_by_quarter(register.engine, AS_OF)
    by_ref = {a.ref: a for a in figures.activities}
    stored = services.list_activities(register.uow())
    assert set(by_ref) == {a.ref for a in stored}
    assert by_ref["RH-01"].completeness < 100 and not by_ref["RH-01"].complete
    assert [a.ref for a in figures.not_reviewed] == ["SOIN-01"]
    # a year on, RH-01 has not been reviewed either (never: listed first)
    later = dashboard_figures(register.uow(), dt.date(2027, 11, 3), voc)
    assert [a.ref for a in later.not_reviewed] == ["RH-01", "SOIN-01"]
    assert later.status_by_activity()["SOIN-01"][Status.OVERDUE] >= \
        figures.status_by_activity()["SOIN-01"][Status.OVERDUE]


def test_a_cancelled_dashboard_says_so(register: Register) -> None:
    activity = _activity(register, "SEC-01", "recording + 1 month")
    _inventory(register, activity, ("recording",), [("V1", "active", (AS_OF,))])
    with pytest.raises(CheckError) as raised:
        dashboard_figures(register.uow(), AS_OF, load_vocabularies(), cancelled=lambda: True)
    assert raised.value.code == "check.cancelled"


def test_overdue_records_with_a_planned_purge_are_counted_apart(register: Register) -> None:
    activity = _activity(register, "SEC-01", "recording + 1 month")
    _inventory(register, activity, ("recording",), [
        ("V1", "active", (dt.date(2026, 1, 10),)), ("V2", "active", (dt.date(2026, 2, 10),)),
        ("V3", "active", (dt.date(2026, 3, 10),)), ("V4", "active", (AS_OF,))])
    voc = load_vocabularies()
    before = dashboard_figures(register.uow(), AS_OF, voc)
    assert before.check.totals[Status.OVERDUE] == 3 and before.planned_total == 0

    review = start_review(register.uow(), AS_OF, now="2026-11-29T10:00:00+00:00")
    assert review.id is not None
    chosen = [f.id for f in findings(register.uow(), review.id)
              if f.record_id in ("V1", "V2") and f.id is not None]
    decide(register.uow(), review.id, FindingDecision(Decision.PURGE_PLANNED,
                                                      dt.date(2026, 12, 15)),
           FindingScope(finding_ids=chosen), now="2026-11-29T10:05:00+00:00")
    figures = dashboard_figures(register.uow(), AS_OF, voc)
    assert figures.check.totals[Status.OVERDUE] == 3  # the check itself is unchanged
    assert figures.planned_purges == {("SEC-01", "health"): 2}
    assert figures.planned_by_activity() == {"SEC-01": 2}
    # the day planned has passed and the records are still there: plainly overdue again
    assert dashboard_figures(register.uow(), dt.date(2026, 12, 20), voc).planned_total == 0
