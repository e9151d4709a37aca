"""Legal holds stored: created, listed, ended, each change audited in its own transaction;
a review's legal-hold decision puts the hold in place in the decision's transaction; record
ids read from a CSV or XLSX column. On SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from domain.check import Status
from domain.errors import NotFoundError, ValidationError
from domain.holds import HoldScope
from domain.review import Decision, FindingDecision, ReviewError, ReviewFrozenError
from storage.check import run_check
from storage.holds import (
    HoldRequest,
    add_hold,
    end_hold,
    list_holds,
    read_id_columns,
    unknown_record_ids,
    withdraw_hold,
)
from storage.import_read import ImportFileError
from storage.inventory import InventorySpec, load_inventory
from storage.register import Register
from storage.review import (
    FindingScope,
    findings,
    record_decision,
    sign_off,
    start_review,
)
from tests.integration.test_check import _activity

AS_OF = dt.date(2026, 11, 29)
NOW = "2026-11-29T10:00:00+00:00"
LATER = "2026-12-01T09:00:00+00:00"
D = dt.date


def _owner(register: Register) -> int:
    with register.uow() as uow:
        (owner,) = uow.entities.list()
    assert owner.id is not None
    return owner.id


@pytest.fixture
def stocked(register: Register, tmp_path: Path) -> Register:
    """DPI-01/health with overdue, due and ok records; RH-02/identity with one overdue."""
    health = _activity(register, "DPI-01", "last_stay + 20 years")
    path = tmp_path / "health.csv"
    path.write_text("id;last_stay\nP1;2001-03-01\nP2;2005-06-30\nP3;2020-01-01\n",
                    encoding="utf-8")
    load_inventory(register.engine, path, InventorySpec(health, "health"), actor="dpo")
    staff = _activity(register, "RH-02", "contract_end + 5 years", category="identity")
    path = tmp_path / "staff.csv"
    path.write_text("id;contract_end\nA1;2019-12-31\n", encoding="utf-8")
    load_inventory(register.engine, path, InventorySpec(staff, "identity"), actor="dpo")
    return register


def _statuses(register: Register, as_of: dt.date = AS_OF) -> dict[str, Status]:
    _result, records = run_check(register.engine, as_of, want_records=True)
    return {r.record_id: r.status for r in records}


# --- the holds themselves ---------------------------------------------------------------


def test_holds_are_listed_with_their_scope_and_creator(stocked: Register) -> None:
    owner = _owner(stocked)
    whole = add_hold(stocked.uow(), HoldRequest(owner, "RH-02", D(2024, 5, 1), "prud'hommes"),
                     NOW)
    category = add_hold(stocked.uow(), HoldRequest(
        owner, "DPI-01", D(2025, 1, 10), "  requête indemnitaire  ", D(2026, 1, 10),
        category="health"), NOW)
    records = add_hold(stocked.uow(), HoldRequest(
        owner, "DPI-01", D(2026, 2, 1), "réquisition", record_ids=["P1", " P2", "", "P1"]),
        NOW)
    holds = list_holds(stocked.uow())
    assert [h.id for h in holds] == [records, category, whole]  # latest start first
    by_id = {h.id: h for h in holds}
    assert by_id[whole].scope is HoldScope.ACTIVITY and by_id[whole].activity == "RH-02"
    assert by_id[category].scope is HoldScope.CATEGORY
    assert by_id[category].reason == "requête indemnitaire"
    assert by_id[category].ends_on == D(2026, 1, 10)
    assert by_id[records].scope is HoldScope.RECORDS
    assert (by_id[records].record_count, by_id[records].record_ids) == (2, ("P1", "P2"))
    assert {h.created_by for h in holds} == {"dpo"} and {h.created_at for h in holds} == {NOW}
    assert by_id[whole].is_active(AS_OF) and not by_id[category].is_active(AS_OF)
    assert by_id[category].has_ended(AS_OF)
    assert list_holds(stocked.uow(), entity_id=owner + 1) == []
    assert [h.id for h in list_holds(stocked.uow(), entity_id=owner)] == [records, category,
                                                                          whole]


def test_a_long_list_of_records_is_counted_and_previewed(stocked: Register) -> None:
    ids = [f"P{n:05d}" for n in range(12_000, 0, -1)]  # more than one insert batch
    hold_id = add_hold(stocked.uow(), HoldRequest(_owner(stocked), "DPI-01", D(2026, 2, 1),
                                                  "réquisition", record_ids=ids), NOW)
    (hold,) = list_holds(stocked.uow())
    assert (hold.id, hold.record_count) == (hold_id, 12_000)
    assert hold.record_ids == tuple(f"P{n:05d}" for n in range(1, 21))  # the first 20


def test_ending_a_hold_is_one_audited_change(stocked: Register) -> None:
    owner = _owner(stocked)
    hold_id = add_hold(stocked.uow(), HoldRequest(owner, "DPI-01", D(2025, 1, 10),
                                                  "recours", category="health"), NOW)
    assert _statuses(stocked)["P1"] is Status.ON_HOLD
    ended = end_hold(stocked.uow(), hold_id, D(2026, 6, 30), LATER)
    assert ended.ends_on == D(2026, 6, 30) and ended.id == hold_id
    (stored,) = list_holds(stocked.uow())
    assert stored == ended
    assert _statuses(stocked)["P1"] is Status.OVERDUE  # the clock runs again
    entries = stocked.audit_entries("legal_hold", f"DPI-01/health#{hold_id}")
    assert [(e.action, e.field) for e in entries if e.action == "update"] == [
        ("update", "ended_at"), ("update", "to")]
    update = next(e for e in entries if e.field == "to" and e.action == "update")
    assert (update.old_value, update.new_value) in {(None, '"2026-06-30"'),
                                                     ("null", '"2026-06-30"')}
    assert stocked.verify_audit() == []


def test_a_hold_put_by_mistake_is_withdrawn_and_its_days_no_longer_count(
        stocked: Register) -> None:
    owner = _owner(stocked)
    statuses = _statuses(stocked)
    hold_id = add_hold(stocked.uow(), HoldRequest(
        owner, "DPI-01", D(2010, 1, 1), "mauvais dossier", record_ids=["P1", "P2"]), NOW)
    ended = end_hold(stocked.uow(), hold_id, D(2025, 1, 1), NOW)
    # Ended, the hold still moves P1's deadline by 15 years: P1 is no longer overdue.
    assert statuses["P1"] is Status.OVERDUE and "P1" not in _statuses(stocked)
    with pytest.raises(ValidationError) as refused:
        withdraw_hold(stocked.uow(), hold_id, "  ", LATER)
    assert refused.value.code == "field.required"
    assert [h.id for h in list_holds(stocked.uow())] == [hold_id]  # nothing changed

    withdrawn = withdraw_hold(stocked.uow(), hold_id, "saisi sur le mauvais traitement", LATER)
    assert withdrawn == ended
    assert list_holds(stocked.uow()) == []
    assert _statuses(stocked) == statuses  # as if it had never been
    with stocked.engine.connect() as connection:
        assert connection.exec_driver_sql(
            "SELECT count(*) FROM legal_hold_record").one() == (0,)
    entries = stocked.audit_entries("legal_hold", f"DPI-01/*#{hold_id}")
    withdrawal = [(e.action, e.field) for e in entries if e.action != "create"][-5:]
    assert withdrawal == [("update", "withdrawn"), ("delete", "from"), ("delete", "reason"),
                          ("delete", "records"), ("delete", "to")]
    why = next(e for e in entries if e.field == "withdrawn")
    assert "saisi sur le mauvais traitement" in (why.new_value or "") and LATER in \
        (why.new_value or "")
    records = next(e for e in entries if e.field == "records" and e.action == "delete")
    assert records.old_value == '["P1", "P2"]'
    assert stocked.verify_audit() == []
    with pytest.raises(NotFoundError):
        withdraw_hold(stocked.uow(), hold_id, "encore", LATER)


def test_a_hold_can_end_earlier_than_planned_but_not_twice(stocked: Register) -> None:
    owner = _owner(stocked)
    hold_id = add_hold(stocked.uow(), HoldRequest(owner, "DPI-01", D(2025, 1, 10), "recours",
                                                  D(2027, 1, 1)), NOW)
    assert end_hold(stocked.uow(), hold_id, D(2026, 3, 1), LATER).ends_on == D(2026, 3, 1)
    audited = len(stocked.audit_entries())
    with pytest.raises(ValidationError) as twice:
        end_hold(stocked.uow(), hold_id, D(2026, 4, 1), LATER)
    assert twice.value.code == "hold.ended" and twice.value.params["value"] == "2026-03-01"
    with pytest.raises(ValidationError) as before:
        end_hold(stocked.uow(), hold_id, D(2025, 1, 10), LATER)
    assert before.value.code == "hold.dates"
    with pytest.raises(NotFoundError):
        end_hold(stocked.uow(), hold_id + 100, D(2026, 4, 1), LATER)
    assert list_holds(stocked.uow())[0].ends_on == D(2026, 3, 1)
    assert len(stocked.audit_entries()) == audited  # refusals change nothing


def test_a_hold_needs_a_known_activity_and_category(stocked: Register) -> None:
    owner = _owner(stocked)
    with pytest.raises(NotFoundError):
        add_hold(stocked.uow(), HoldRequest(owner, "NOPE", D(2025, 1, 1), "x"), NOW)
    with pytest.raises(ValidationError) as category:
        add_hold(stocked.uow(), HoldRequest(owner, "DPI-01", D(2025, 1, 1), "x",
                                            category="identity"), NOW)
    assert category.value.code == "category.not_in_activity"
    with pytest.raises(ValidationError) as reason:
        add_hold(stocked.uow(), HoldRequest(owner, "DPI-01", D(2025, 1, 1), "  "), NOW)
    assert reason.value.code == "field.required"
    assert list_holds(stocked.uow()) == []


def test_ids_missing_from_the_activity_inventories_are_found(stocked: Register) -> None:
    owner = _owner(stocked)
    ids = ["P2", "P9", "A1", "P1", "P9"]
    assert unknown_record_ids(stocked.uow(), owner, "DPI-01", "health", ids) == ["P9", "A1"]
    assert unknown_record_ids(stocked.uow(), owner, "DPI-01", "", ids) == ["P9", "A1"]
    assert unknown_record_ids(stocked.uow(), owner, "RH-02", "", ids) == ["P2", "P9", "P1"]
    assert unknown_record_ids(stocked.uow(), owner, "DPI-01", "identity", ids) is None
    many = [f"X{i}" for i in range(1_200)] + ["P3"]  # more than one lookup batch
    assert unknown_record_ids(stocked.uow(), owner, "DPI-01", "health", many) == many[:-1]


# --- the review's legal-hold decision ---------------------------------------------------


def test_a_legal_hold_decision_on_a_group_creates_the_hold(stocked: Register) -> None:
    review = start_review(stocked.uow(), AS_OF, now=NOW)
    assert review.id is not None
    hold = FindingDecision(Decision.LEGAL_HOLD, note="Recours TA Lyon n° 2601234")
    done = record_decision(stocked.uow(), review.id, hold, FindingScope(
        activity="DPI-01", category="health", status=Status.OVERDUE), now=NOW)
    assert done.records == 2 and done.kept == ()
    (created,) = done.created
    assert (created.activity, created.category, created.starts_on, created.ends_on) == (
        "DPI-01", "health", AS_OF, None)
    assert created.reason == "Recours TA Lyon n° 2601234" and created.created_by == "dpo"
    assert list_holds(stocked.uow()) == [created]
    statuses = _statuses(stocked)
    assert statuses["P1"] is Status.ON_HOLD and statuses["A1"] is Status.OVERDUE
    decided = {f.record_id: f.decision for f in findings(stocked.uow(), review.id)}
    assert decided["P1"] is not None and decided["P1"].kind is Decision.LEGAL_HOLD
    (entry,) = [e for e in stocked.audit_entries() if e.object_type == "review_decision"
                and e.field == "holds"]
    assert created.key() in (entry.new_value or "")
    assert stocked.audit_entries("legal_hold", created.key())

    again = record_decision(stocked.uow(), review.id, hold, FindingScope(
        activity="DPI-01", category="health"), now=NOW)
    assert again.created == () and again.kept == (created,)  # already held: no second hold
    assert len(list_holds(stocked.uow())) == 1
    assert stocked.verify_audit() == []


def test_a_legal_hold_on_an_activity_or_on_chosen_records(stocked: Register) -> None:
    review = start_review(stocked.uow(), AS_OF, now=NOW)
    assert review.id is not None
    hold = FindingDecision(Decision.LEGAL_HOLD, note="contentieux prud'homal")
    (whole,) = record_decision(stocked.uow(), review.id, hold,
                               FindingScope(activity="RH-02"), now=NOW).created
    assert (whole.activity, whole.scope) == ("RH-02", HoldScope.ACTIVITY)
    p2 = next(f for f in findings(stocked.uow(), review.id) if f.record_id == "P2")
    assert p2.id is not None
    (listed,) = record_decision(stocked.uow(), review.id, hold,
                                FindingScope(finding_ids=[p2.id]), now=NOW).created
    assert (listed.activity, listed.category, listed.record_ids) == ("DPI-01", "health",
                                                                     ("P2",))
    statuses = _statuses(stocked)
    assert (statuses["A1"], statuses["P2"], statuses["P1"]) == (
        Status.ON_HOLD, Status.ON_HOLD, Status.OVERDUE)


def test_no_hold_without_a_valid_decision_or_on_a_signed_review(stocked: Register) -> None:
    review = start_review(stocked.uow(), AS_OF, now=NOW)
    assert review.id is not None
    with pytest.raises(ReviewError):
        record_decision(stocked.uow(), review.id, FindingDecision(Decision.LEGAL_HOLD),
                        FindingScope(activity="DPI-01"), now=NOW)
    sign_off(stocked.uow(), review.id, "Dr Claire Martin", now=NOW)
    with pytest.raises(ReviewFrozenError):
        record_decision(stocked.uow(), review.id,
                        FindingDecision(Decision.LEGAL_HOLD, note="recours"),
                        FindingScope(activity="DPI-01"), now=NOW)
    assert list_holds(stocked.uow()) == []


# --- record ids from a file --------------------------------------------------------------


@pytest.mark.sqlite_only
def test_record_ids_are_read_from_a_csv_or_xlsx_column(tmp_path: Path, backend: str) -> None:
    csv = tmp_path / "requisition.csv"
    csv.write_text("Nom;IPP;Date\nDupont;900001;2020-01-01\nMartin;900002;\n;;\n"
                   "Durand;900001;\n", encoding="cp1252")
    columns = read_id_columns(csv)
    assert columns.has_header and columns.headers == ("Nom", "IPP", "Date")
    assert columns.suggested() == 1
    assert columns.ids(1) == ["900001", "900002"]

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Identifiant"])
    sheet.append([123456])
    sheet.append(["P-000002"])
    xlsx = tmp_path / "ids.xlsx"
    book.save(xlsx)
    columns = read_id_columns(xlsx)
    assert (columns.headers, columns.ids(columns.suggested())) == (("Identifiant",),
                                                                  ["123456", "P-000002"])

    bare = tmp_path / "bare.csv"
    bare.write_text("P-0001\nP-0002\nP-0003\n", encoding="utf-8")
    columns = read_id_columns(bare)
    assert not columns.has_header and columns.headers == ("A",)
    assert columns.ids(0) == ["P-0001", "P-0002", "P-0003"]

    empty = tmp_path / "empty.csv"
    empty.write_text(";;\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        read_id_columns(empty)
    assert refused.value.code == "import.empty"
