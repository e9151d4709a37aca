"""The registers of requests and breaches stored: round trips through the services and the
unit of work, every change audited, refusals that change nothing, concurrent saves refused.
On SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from domain import breaches as b
from domain import requests as r
from domain import services
from domain.check import Status
from domain.errors import ConflictError, NotFoundError, ValidationError
from domain.model import DataCategoryUse, Entity, ProcessingActivity, RetentionRule
from domain.working_days import WorkingCalendar
from storage.deadlines import DeadlinesUnitOfWork, calendar, read_due
from storage.holds import HoldRequest, add_hold
from storage.inventory import InventorySpec, load_inventory
from storage.person_records import find_record, kept_by_law
from storage.register import Register

TODAY = dt.date(2026, 11, 29)
NOW = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)


def _entity(register: Register, finess: str = "") -> int:
    stored = services.add_entity(register.uow(), Entity(name="CH de Metz", finess=finess))
    assert stored.id is not None
    for ref in ("SOIN-01", "RH-01"):
        services.add_activity(register.uow(), ProcessingActivity(stored.id, ref, ref), TODAY)
    return stored.id


def _uow(register: Register) -> DeadlinesUnitOfWork:
    return DeadlinesUnitOfWork(register.engine, register.actor)


def test_a_request_round_trip_with_its_audit(register: Register) -> None:
    entity_id = _entity(register)
    added = r.add_request(_uow(register), r.DataSubjectRequest(
        kind=r.RequestKind.ACCESS, received_on=dt.date(2026, 3, 2), entity_id=entity_id,
        subject="patient 123", activities=("SOIN-01", "RH-01")), TODAY)
    assert added.id is not None and added.version == 1
    r.pause_request(_uow(register), added.id, dt.date(2026, 3, 3), dt.date(2026, 3, 10),
                    "identity check")
    r.pause_request(_uow(register), added.id, dt.date(2026, 3, 5), dt.date(2026, 3, 17),
                    "missing information")
    r.extend_request(_uow(register), added.id, "complex request")
    closed = r.close_request(_uow(register), added.id, dt.date(2026, 6, 20), "partial",
                             "some documents are a third party's", TODAY)
    stored = r.get_request(_uow(register), added.id)  # read back in a new transaction
    assert stored == closed
    assert stored.activities == ("RH-01", "SOIN-01")
    assert [p.reason for p in stored.pauses] == ["identity check", "missing information"]
    assert stored.extended and stored.extension_reason == "complex request"
    assert stored.outcome is r.Outcome.PARTIAL and stored.version == 5
    # received 2 Mar 2026 + 3 months = 2 Jun, + 14 paused days (merged) = Tue 16 Jun 2026
    assert stored.deadline(calendar(register.uow(), entity_id)) == dt.date(2026, 6, 16)
    entries = register.audit_entries("request", stored.key())
    assert [e.action for e in entries][:1] == ["create"]
    changed = {e.field for e in entries if e.action == "update"}
    assert {"pauses", "extended", "extension_reason", "closed_on", "outcome"} <= changed
    closing = next(e for e in entries if e.field == "outcome")
    assert json.loads(closing.new_value or "null") == "partial"


def test_refusals_change_nothing(register: Register) -> None:
    entity_id = _entity(register)
    added = r.add_request(_uow(register), r.DataSubjectRequest(
        kind=r.RequestKind.ACCESS, received_on=dt.date(2026, 3, 2), entity_id=entity_id,
        medical_record=True), TODAY)
    assert added.id is not None
    before = len(register.audit_entries())
    cases = [
        (lambda: r.extend_request(_uow(register), added.id or 0, "why"),
         "request.medical_extension"),
        (lambda: r.pause_request(_uow(register), added.id or 0, dt.date(2026, 3, 1),
                                 dt.date(2026, 3, 5), "x"), "request.pause_before_receipt"),
        (lambda: r.pause_request(_uow(register), added.id or 0, dt.date(2026, 3, 5),
                                 dt.date(2026, 3, 5), "x"), "request.pause_dates"),
        (lambda: r.close_request(_uow(register), added.id or 0, dt.date(2026, 3, 9),
                                 "refused", "", TODAY), "request.refusal_reason"),
        (lambda: r.add_request(_uow(register), r.DataSubjectRequest(
            kind=r.RequestKind.ERASURE, received_on=dt.date(2026, 3, 2), entity_id=entity_id,
            medical_record=True), TODAY), "request.medical_not_access"),
        (lambda: r.add_request(_uow(register), r.DataSubjectRequest(
            kind=r.RequestKind.ERASURE, received_on=dt.date(2026, 12, 2),
            entity_id=entity_id), TODAY), "request.future"),
    ]
    for action, code in cases:
        with pytest.raises(ValidationError) as caught:
            action()
        assert caught.value.code == code
    with pytest.raises(NotFoundError):
        r.add_request(_uow(register), r.DataSubjectRequest(
            kind=r.RequestKind.ACCESS, received_on=dt.date(2026, 3, 2), entity_id=entity_id,
            activities=("NOPE",)), TODAY)
    assert len(register.audit_entries()) == before
    assert r.get_request(_uow(register), added.id) == added
    assert len(r.list_requests(_uow(register), entity_id)) == 1


def test_a_concurrent_save_is_refused(register: Register) -> None:
    entity_id = _entity(register)
    added = r.add_request(_uow(register), r.DataSubjectRequest(
        kind=r.RequestKind.OBJECTION, received_on=dt.date(2026, 3, 2), entity_id=entity_id),
        TODAY)
    r.extend_request(_uow(register), added.id or 0, "first DPO")
    with _uow(register) as uow, pytest.raises(ConflictError):
        uow.requests.update(dataclasses.replace(added, subject="stale copy"))


def test_a_breach_round_trip_in_paris_time(register: Register) -> None:
    entity_id = _entity(register, finess="570000000")
    aware = b.parse_user_datetime("2026-10-23 10:00")
    added = b.add_breach(_uow(register), b.Breach(
        title="Lost USB key", aware_at=aware, entity_id=entity_id, people=120, records=4000,
        nature=(b.BreachNature.CONFIDENTIALITY, b.BreachNature.AVAILABILITY),
        data_subjects=("patients", " staff "), activities=("SOIN-01",),
        categories=("health", "identity")), NOW)
    assert added.id is not None
    assert b.paris_iso(added.cnil_deadline) == "2026-10-26T09:00:00+01:00"
    b.notify_breach(_uow(register), added.id, "cnil",
                    b.parse_user_datetime("2026-10-26T08:30:00+01:00"), "", NOW)
    b.notify_breach(_uow(register), added.id, "cnil",
                    b.parse_user_datetime("2026-11-02 14:00"), "", NOW, complement=True)
    b.notify_breach(_uow(register), added.id, "ars", None, "not a serious incident", NOW)
    b.inform_breach(_uow(register), added.id, None, "the key was encrypted", NOW)
    closed = b.close_breach(_uow(register), added.id,
                            b.parse_user_datetime("2026-11-10 09:00"), NOW)
    stored = b.get_breach(_uow(register), added.id)
    assert stored == closed
    assert b.paris_iso(stored.aware_at) == "2026-10-23T10:00:00+02:00"
    assert b.paris_iso(stored.cnil_notified_at or NOW) == "2026-10-26T08:30:00+01:00"
    assert not stored.notified_late()
    assert [(n.authority.value, n.kind.value) for n in stored.notifications] == [
        ("cnil", "initial"), ("cnil", "complementary"), ("ars", "initial")]
    assert stored.categories == ("health", "identity") and stored.activities == ("SOIN-01",)
    assert stored.nature == (b.BreachNature.CONFIDENTIALITY, b.BreachNature.AVAILABILITY)
    assert (stored.people, stored.records, stored.data_subjects) == (
        120, 4000, ("patients", "staff"))
    assert stored.status is b.BreachStatus.CLOSED
    entries = register.audit_entries("breach", stored.key())
    creation = {e.field: e.new_value for e in entries if e.action == "create"}
    assert json.loads(creation["aware_at"] or "null") == "2026-10-23T10:00:00+02:00"
    assert calendar(register.uow(), entity_id) == WorkingCalendar("57")


def test_breach_refusals(register: Register) -> None:
    entity_id = _entity(register)
    added = b.add_breach(_uow(register), b.Breach(
        title="Misdirected email", aware_at=b.parse_user_datetime("2026-11-20 09:00"),
        entity_id=entity_id), NOW)
    assert added.id is not None
    before = len(register.audit_entries())
    early = b.parse_user_datetime("2026-11-19 09:00")
    cases = [
        (lambda: b.notify_breach(_uow(register), added.id or 0, "cnil", early, "", NOW),
         "breach.before_awareness"),
        (lambda: b.notify_breach(_uow(register), added.id or 0, "cnil",
                                 b.parse_user_datetime("2026-11-21 09:00"), "", NOW,
                                 complement=True), "breach.complement_first"),
        (lambda: b.close_breach(_uow(register), added.id or 0,
                                b.parse_user_datetime("2026-11-21 09:00"), NOW),
         "breach.close_without_cnil"),
        (lambda: b.notify_breach(_uow(register), added.id or 0, "cnil",
                                 b.parse_user_datetime("2026-12-21 09:00"), "", NOW),
         "breach.future"),
        (lambda: b.add_breach(_uow(register), b.Breach(
            title="x", aware_at=early, entity_id=entity_id, categories=("nope",)), NOW),
         "code.unknown"),
    ]
    for action, code in cases:
        with pytest.raises(ValidationError) as caught:
            action()
        assert caught.value.code == code
    assert len(register.audit_entries()) == before
    assert b.get_breach(_uow(register), added.id) == added


def test_due_lists_open_items_earliest_first(register: Register) -> None:
    entity_id = _entity(register)
    late = r.add_request(_uow(register), r.DataSubjectRequest(
        kind=r.RequestKind.ERASURE, received_on=dt.date(2026, 10, 2), entity_id=entity_id,
        subject="A"), TODAY)  # deadline Mon 2 Nov 2026: late on 29 Nov
    on_time = r.add_request(_uow(register), r.DataSubjectRequest(
        kind=r.RequestKind.ACCESS, received_on=dt.date(2026, 11, 20), entity_id=entity_id,
        subject="B"), TODAY)  # 20 Dec 2026 is a Sunday -> Mon 21 Dec
    done = r.add_request(_uow(register), r.DataSubjectRequest(
        kind=r.RequestKind.ACCESS, received_on=dt.date(2026, 10, 1), entity_id=entity_id),
        TODAY)
    r.close_request(_uow(register), done.id or 0, dt.date(2026, 10, 5), "granted", "", TODAY)
    breach = b.add_breach(_uow(register), b.Breach(
        title="Ransomware", aware_at=b.parse_user_datetime("2026-11-27 10:00"),
        entity_id=entity_id), NOW)  # deadline Mon 30 Nov 10:00 +01:00
    items = read_due(_uow(register), TODAY, NOW, entity_id)
    assert [(i.kind.value, i.id, i.late) for i in items] == [
        ("request", late.id, True), ("breach", breach.id, False),
        ("request", on_time.id, False)]
    assert items[2].deadline == dt.date(2026, 12, 21)
    later = dt.datetime(2026, 11, 30, 10, 1, tzinfo=b.PARIS)
    assert read_due(_uow(register), later.date(), later)[1].late


# --- a person's record across the inventories -------------------------------------------


def test_a_record_id_found_across_inventories(register: Register, tmp_path: Path) -> None:
    entity_id = _entity(register)
    rules = {"SOIN-01": ("health", "last_stay + 20 years", "CSP R1112-7"),
             "RH-01": ("professional_life", "contract_end + 5 years", "")}
    for ref, (category, rule, reference) in rules.items():
        activity = services.get_activity(register.uow(), entity_id, ref)
        services.edit_activity(register.uow(), entity_id, ref, {"data_categories": (
            DataCategoryUse(category, retention=RetentionRule(
                delete_after=rule, legal_reference=reference)),)}, TODAY,
            expected_version=activity.version)
    soin = tmp_path / "soin.csv"
    # P1: 2000-01-01 + 20 years = 2020-01-01, overdue on 29 Nov 2026; P2: 2020-05-01 + 20
    # years = 2040-05-01, kept
    soin.write_text("record_id,last_stay\nP1,2000-01-01\nP2,2020-05-01\n", encoding="utf-8")
    rh = tmp_path / "rh.csv"
    rh.write_text("record_id,contract_end\nP2,2019-06-30\n", encoding="utf-8")  # 2024-06-30
    for ref, path, category in (("SOIN-01", soin, "health"), ("RH-01", rh, "professional_life")):
        activity = services.get_activity(register.uow(), entity_id, ref)
        assert activity.id is not None
        load_inventory(register.engine, path, InventorySpec(activity.id, category),
                       actor="dpo")
    add_hold(register.uow(), HoldRequest(entity_id, "RH-01", dt.date(2026, 1, 1), "lawsuit",
                                         record_ids=("P2",)), "2026-01-01T00:00:00+00:00")
    found = find_record(register.uow(), "P2", TODAY)
    assert [(f.activity, f.category, f.status, f.deadline, f.legal_reference)
            for f in found] == [
        ("RH-01", "professional_life", Status.ON_HOLD, dt.date(2024, 6, 30), ""),
        ("SOIN-01", "health", Status.OK, dt.date(2040, 5, 1), "CSP R1112-7")]
    assert [f.activity for f in kept_by_law(found)] == ["SOIN-01"]
    [p1] = find_record(register.uow(), "P1", TODAY)
    assert (p1.status, p1.deadline, p1.rule) == (Status.OVERDUE, dt.date(2020, 1, 1),
                                                 "last_stay + 20 years")
    assert kept_by_law([p1]) == []
    assert find_record(register.uow(), "P3", TODAY) == []


def test_due_includes_the_next_review(register: Register) -> None:
    from storage.review import sign_off, start_review

    entity_id = _entity(register)
    assert read_due(_uow(register), TODAY, NOW, entity_id) == []  # no review signed yet
    review = start_review(register.uow(), dt.date(2026, 9, 30), now="2026-09-30T10:00:00Z",
                          title="Q3 2026")
    assert review.id is not None
    sign_off(register.uow(), review.id, "DPO", now="2026-10-01T10:00:00Z",
             next_review_on=dt.date(2026, 12, 31))
    [item] = read_due(_uow(register), TODAY, NOW, entity_id)
    assert (item.kind.value, item.title, item.deadline, item.late) == (
        "review", "Q3 2026", dt.date(2026, 12, 31), False)
    [item] = read_due(_uow(register), dt.date(2027, 1, 1), NOW)
    assert item.late
