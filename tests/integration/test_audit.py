"""The audit log: every change through the services is recorded, and tampering shows."""

from __future__ import annotations

import json
from datetime import date

import pytest

from domain import services
from domain.model import ProcessingActivity
from storage.register import Register
from tests.builders import entity

TODAY = date(2026, 11, 29)


def _fill(register: Register) -> int:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    services.add_activity(register.uow(), ProcessingActivity(owner.id, "RH-01", "Paie"), TODAY)
    services.edit_activity(register.uow(), owner.id, "RH-01",
                           {"name": "Paie des agents", "department": "DRH"}, TODAY)
    services.add_activity(register.uow(), ProcessingActivity(owner.id, "RH-02", "Formation"),
                          TODAY)
    services.delete_activity(register.uow(), owner.id, "RH-02")
    return owner.id


def test_every_change_is_recorded_with_who_what_old_and_new(register: Register) -> None:
    _fill(register)
    entries = register.audit_entries()
    updates = [(e.field, e.old_value, e.new_value) for e in entries
               if e.action == "update" and e.object_key == "RH-01"]
    assert ("name", json.dumps("Paie"), json.dumps("Paie des agents")) in updates
    assert ("department", json.dumps(""), json.dumps("DRH")) in updates
    assert ("status", json.dumps("draft"), json.dumps("draft")) not in updates
    assert {e.actor for e in entries} == {"dpo"}
    assert any(e.action == "delete" and e.object_key == "RH-02" for e in entries)
    assert any(e.action == "create" and e.object_type == "entity" for e in entries)
    assert register.verify_audit() == []


def _execute(register: Register, sql: str) -> None:
    """Tamper with the log behind the application's back."""
    with register.engine.begin() as connection:
        connection.exec_driver_sql(sql)


def test_an_edited_entry_is_named(register: Register) -> None:
    _fill(register)
    target = register.audit_entries()[4]
    _execute(register,
             f"UPDATE audit_entry SET new_value = '\"x\"' WHERE id = {target.id}")
    problems = register.verify_audit()
    assert [(p.entry_id, p.reason) for p in problems] == [(target.id, "altered")]


def test_a_deleted_entry_in_the_middle_is_found(register: Register) -> None:
    _fill(register)
    entries = register.audit_entries()
    _execute(register, f"DELETE FROM audit_entry WHERE id = {entries[3].id}")
    problems = register.verify_audit()
    assert problems and problems[0].entry_id == entries[4].id
    assert problems[0].reason == "missing_before"


@pytest.mark.sqlite_only  # SQLite's AUTOINCREMENT remembers the last id; PostgreSQL has no
# transactional record of it (a chain-head row would need a migration)
def test_a_deleted_last_entry_is_found(register: Register) -> None:
    _fill(register)
    last = register.audit_entries()[-1]
    _execute(register, f"DELETE FROM audit_entry WHERE id = {last.id}")
    assert [p.reason for p in register.verify_audit()] == ["missing_after"]


def test_a_rewritten_chain_needs_every_later_hash_to_be_forged(register: Register) -> None:
    """Recomputing one entry's own hash still breaks the link from the next one."""
    from storage.audit import entry_hash

    _fill(register)
    entries = register.audit_entries()
    forged = entries[2]
    forged.new_value = json.dumps("forged")
    new_hash = entry_hash(forged)
    _execute(register,
             f"UPDATE audit_entry SET new_value = '\"forged\"', hash = '{new_hash}' "
             f"WHERE id = {forged.id}")
    problems = register.verify_audit()
    assert [(p.entry_id, p.reason) for p in problems] == [(entries[3].id, "broken_link")]
