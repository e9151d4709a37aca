"""The stored check: SQL counting gives exactly what classifying each record gives."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from domain import services
from domain.check import Status
from domain.model import DataCategoryUse, ProcessingActivity, RetentionRule
from storage.check import RecordFinding, run_check, run_reference_check
from storage.register import Register
from tests.builders import entity
from tests.integration.conftest import MakeRegister

R1112_7 = ("if death? < last_stay + 10 years then death? + 10 years "
           "else max(last_stay + 20 years, birth + 28 years)")
R1112_7_MINMAX = "min(max(last_stay + 20 years, birth + 28 years), death? + 10 years)"
AS_OF = dt.date(2026, 11, 29)


def _activity(register: Register, ref: str, delete_after: str, active_until: str = "",
              category: str = "health") -> int:
    owners = services.list_activities(register.uow())
    with register.uow() as uow:
        existing = uow.entities.list()
    owner = existing[0] if existing else services.add_entity(register.uow(), entity())
    assert owner.id is not None and owners is not None
    stored = services.add_activity(register.uow(), ProcessingActivity(
        owner.id, ref, ref, data_categories=(DataCategoryUse(
            category, retention=RetentionRule(delete_after=delete_after,
                                              active_until=active_until) if delete_after
            else None),)), AS_OF)
    assert stored.id is not None
    return stored.id


Row = tuple[str, str, Sequence[dt.date | None]]


def _inventory(register: Register, activity_id: int, events: Sequence[str], rows: Sequence[Row],
               category: str = "health") -> int:
    with register.engine.begin() as connection:
        inventory_id = connection.execute(text(
            "INSERT INTO inventory (activity_id, category, source, loaded_at, loaded_by, "
            "record_count, events, id_column, stage_column) VALUES (:activity, :category, 't', "
            "'', '', :count, :events, '', '') RETURNING id"),
            {"activity": activity_id, "category": category, "count": len(rows),
             "events": json.dumps(list(events))}).scalar_one()
        slots = [f"d{i}" for i in range(len(events))]
        connection.execute(text(
            f"INSERT INTO inventory_record (inventory_id, record_id, stage, {', '.join(slots)}) "
            f"VALUES (:inventory, :record, :stage, {', '.join(':' + s for s in slots)})"),
            [{"inventory": inventory_id, "record": rid, "stage": stage,
              **{slot: d.isoformat() if d else None for slot, d in zip(slots, dates, strict=True)}}
             for rid, stage, dates in rows])
    return int(inventory_id)


def _hold(register: Register, activity_id: int, starts: dt.date, ends: dt.date | None,
          records: Sequence[str] = (), category: str = "") -> None:
    with register.engine.begin() as connection:
        hold_id = connection.execute(text(
            "INSERT INTO legal_hold (activity_id, category, starts_on, ends_on, reason, "
            "created_at, created_by) VALUES (:activity, :category, :starts, :ends, 'recours', "
            "'', '') RETURNING id"),
            {"activity": activity_id, "category": category, "starts": starts.isoformat(),
             "ends": ends.isoformat() if ends else None},
        ).scalar_one()
        for record in records:
            connection.execute(text(
                "INSERT INTO legal_hold_record (hold_id, record_id) VALUES (:hold, :record)"),
                {"hold": hold_id, "record": record})


def _random_day(rnd: random.Random, start: int, end: int) -> dt.date:
    first = dt.date(start, 1, 1).toordinal()
    return dt.date.fromordinal(rnd.randrange(first, dt.date(end, 12, 31).toordinal()))


def _patients(rnd: random.Random, n: int) -> list[Row]:
    rows: list[Row] = []
    for i in range(n):
        birth = _random_day(rnd, 1925, 2024)
        stay = _random_day(rnd, max(birth.year, 1990), 2026)
        death = _random_day(rnd, stay.year, 2026) if rnd.random() < 0.25 else None
        if rnd.random() < 0.03:
            birth = None  # type: ignore[assignment]
        if rnd.random() < 0.02:  # month ends and leap days, where rules go wrong
            stay = rnd.choice([dt.date(2004, 2, 29), dt.date(2006, 11, 30), dt.date(2006, 12, 1)])
        rows.append((f"P{i:05d}", rnd.choice(["active", "active", "archive"]),
                     (stay, birth, death)))
    return rows


def _same(register: Register, as_of: dt.date = AS_OF, horizon: int = 92) -> None:
    fast, fast_records = run_check(register.engine, as_of, horizon, want_records=True)
    slow, slow_records = run_reference_check(register.engine, as_of, horizon)
    assert fast.as_json() == slow.as_json()
    def key(f: RecordFinding) -> tuple[str, str, str]:
        return (f.activity, f.category, f.record_id)

    assert sorted(fast_records, key=key) == sorted(slow_records, key=key)
    quick, _ = run_check(register.engine, as_of, horizon)  # without the record list
    assert quick.as_json() == slow.as_json()


@pytest.mark.parametrize("rule", [R1112_7, R1112_7_MINMAX])
def test_the_medical_record_rule_on_two_thousand_patients(register: Register, rule: str) -> None:
    activity = _activity(register, "SOIN-01", rule, active_until="last_stay + 5 years")
    _inventory(register, activity, ("last_stay", "birth", "death"),
               _patients(random.Random(7), 2000))
    result, _ = run_check(register.engine, AS_OF)
    counts = result.totals
    assert counts[Status.OVERDUE] > 100 and counts[Status.OK] > 100
    assert counts[Status.UNDETERMINED] > 0 and counts[Status.ARCHIVE_DUE] > 0
    _same(register)
    _same(register, dt.date(2024, 2, 29), horizon=0)


def test_holds_suspend_and_block(register: Register) -> None:
    activity = _activity(register, "SOIN-01", R1112_7_MINMAX)
    rows = _patients(random.Random(3), 300)
    _inventory(register, activity, ("last_stay", "birth", "death"), rows)
    # retention-rules.md F and S2: merged suspensions on listed records, one still active
    _hold(register, activity, dt.date(2019, 1, 10), dt.date(2021, 6, 30), ["P00001", "P00002"])
    _hold(register, activity, dt.date(2020, 5, 1), dt.date(2022, 1, 31), ["P00002"])
    _hold(register, activity, dt.date(2026, 1, 1), None, ["P00003"])
    _same(register)
    result, records = run_check(register.engine, AS_OF, want_records=True)
    assert ("P00003", Status.ON_HOLD) in {(r.record_id, r.status) for r in records}
    assert result.totals[Status.ON_HOLD] == 1
    # A hold on the whole category that has ended moves every deadline by its days.
    _hold(register, activity, dt.date(2010, 1, 1), dt.date(2010, 3, 1), category="health")
    _same(register)
    # An open hold on the whole activity puts every record on hold.
    _hold(register, activity, dt.date(2026, 6, 1), None)
    result, _ = run_check(register.engine, AS_OF)
    assert result.totals[Status.ON_HOLD] == 300


def test_a_category_without_rule_is_undetermined(register: Register) -> None:
    activity = _activity(register, "DIM-01", "")
    _inventory(register, activity, ("last_stay",), [("A", "active", (dt.date(2001, 1, 1),))])
    result, _ = run_check(register.engine, AS_OF)
    assert result.as_json()["totals"] == {"overdue": 0, "due_soon": 0, "archive_due": 0,
                                          "on_hold": 0, "undetermined": 1, "ok": 0}


def test_the_oldest_deadline_is_exact(register: Register) -> None:
    activity = _activity(register, "SEC-01", "recording + 1 month")
    days = [dt.date(2023, 1, 31), dt.date(2019, 2, 28), dt.date(2026, 11, 1)]
    _inventory(register, activity, ("recording",),
               [(f"V{i}", "active", (d,)) for i, d in enumerate(days)])
    result, _ = run_check(register.engine, AS_OF)
    (group,) = result.groups
    assert group.oldest_deadline == dt.date(2019, 3, 28)
    assert group.counts[Status.OVERDUE] == 2 and group.counts[Status.DUE_SOON] == 1


def test_the_exact_medical_record_rule_at_its_edges(register: Register) -> None:
    """R1112-7's ``if``, decided once per record with ``last_stay + 10 years`` written as
    the year moved (29 February looked up): each record's status and deadline by hand."""
    activity = _activity(register, "SOIN-01", R1112_7)
    d = dt.date
    cases: dict[str, tuple[tuple[d | None, d | None, d | None], Status, d | None]] = {
        # (last_stay, birth, death): status, deadline
        "THEN-LATE": ((d(2010, 6, 15), d(1950, 1, 1), d(2016, 11, 28)),
                      Status.OVERDUE, d(2026, 11, 28)),
        "AT-CUTOFF": ((d(2010, 6, 15), d(1950, 1, 1), d(2016, 11, 29)),
                      Status.DUE_SOON, d(2026, 11, 29)),  # deadline = as_of: not yet overdue
        "DEATH-EQUAL": ((d(2006, 11, 29), d(2000, 1, 1), d(2016, 11, 29)),
                        Status.OK, d(2028, 1, 1)),  # not before last_stay + 10 years: else
        "LEAP-ELSE": ((d(2004, 2, 29), d(2000, 5, 1), d(2014, 2, 28)),
                      Status.OK, d(2028, 5, 1)),  # 2004-02-29 + 10 years is 2014-02-28
        "LEAP-THEN": ((d(2004, 2, 29), d(2000, 5, 1), d(2014, 2, 27)),
                      Status.OVERDUE, d(2024, 2, 27)),
        "MONTH-END": ((d(2016, 8, 31), d(1990, 1, 1), d(2026, 8, 30)),
                      Status.OK, d(2036, 8, 30)),
        "NO-DEATH": ((d(2010, 1, 31), d(1990, 1, 31), None), Status.OK, d(2030, 1, 31)),
        "NO-DEATH-SOON": ((d(2007, 2, 28), d(1950, 1, 1), None),
                          Status.DUE_SOON, d(2027, 2, 28)),
        "NO-BIRTH-THEN": ((d(2012, 3, 31), None, d(2013, 1, 31)),
                          Status.OVERDUE, d(2023, 1, 31)),  # the birth is not needed
        "NO-BIRTH-ELSE": ((d(2012, 3, 31), None, None), Status.UNDETERMINED, None),
        "NO-STAY": ((None, d(1950, 1, 1), d(2020, 1, 1)), Status.UNDETERMINED, None),
    }
    _inventory(register, activity, ("last_stay", "birth", "death"),
               [(rid, "active", dates) for rid, (dates, _, _) in cases.items()])
    result, records = run_check(register.engine, AS_OF, want_records=True)
    found = {r.record_id: (r.status, r.deadline) for r in records}
    for rid, (_, status, deadline) in cases.items():
        if status is Status.OK:
            assert rid not in found, rid
        else:
            assert found[rid] == (status, deadline if status is not Status.UNDETERMINED
                                  else None), rid
    assert result.totals[Status.OK] == 4
    (group,) = result.groups
    assert group.oldest_deadline == d(2023, 1, 31)
    _same(register)


rules = st.sampled_from([
    R1112_7, R1112_7_MINMAX, "recording + 1 month", "end_of_year(last_stay) + 5 years",
    "max(last_stay + 13 months, birth? + 18 years)", "min(last_stay + 30 days, birth + P1Y)",
    "if birth < last_stay then last_stay + 1 year else birth + 2 years",
    # sides moved by whole years (text on SQLite), on either side, several steps
    "if birth + 18 years > last_stay then last_stay + 20 years else last_stay + 10 years",
    "if death? >= (last_stay + 1 year) + 1 year then death? + 1 month else last_stay + 5 years",
    "if last_stay - 2 years <= birth then max(birth + 3 years, recording) else recording",
    # sides looked up over the column's range
    "if recording + 13 months <= last_stay then recording + 1 year else last_stay + 2 years",
    "if death? < end_of_month(last_stay) + 1 year then death? + 1 month else last_stay + P2Y",
])
# 29 February, month ends and the days around them, where moving a year goes wrong.
AWKWARD = [dt.date(2000, 2, 29), dt.date(2004, 2, 29), dt.date(2008, 2, 29), dt.date(2014, 2, 28),
           dt.date(2018, 2, 28), dt.date(2010, 3, 1), dt.date(2006, 11, 30), dt.date(2016, 8, 31),
           dt.date(2026, 8, 30), dt.date(2024, 2, 29), dt.date(2028, 2, 29), dt.date(2012, 2, 29)]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rule=rules, seed=st.integers(0, 10_000),
       as_of=st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
       horizon=st.sampled_from([0, 31, 92]))
def test_fast_and_reference_agree_on_random_inventories(
    make_register: MakeRegister, rule: str, seed: int, as_of: dt.date, horizon: int
) -> None:
    register = make_register()
    activity = _activity(register, "X-01", rule, active_until="last_stay + 2 years")
    events = ("last_stay", "birth", "death", "recording")
    rnd = random.Random(seed)
    rows: list[Row] = [
        (f"R{i}", rnd.choice(["active", "archive"]),
         tuple(None if rnd.random() < 0.15 else rnd.choice(AWKWARD) if rnd.random() < 0.2
               else _random_day(rnd, 1995, 2030) for _ in events))
        for i in range(120)
    ]
    _inventory(register, activity, events, rows)
    if seed % 3 == 0:
        _hold(register, activity, dt.date(2010, 5, 1), dt.date(2011, 2, 1), ["R1", "R2"])
    _same(register, as_of, horizon)
