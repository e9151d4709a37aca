"""The audit log: every change through the services is recorded, and tampering shows."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

from domain import services
from domain.model import ProcessingActivity, SecurityMeasure
from storage.register import Register
from tests.builders import entity, full_activity

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
    owner = _fill(register)
    entries = register.audit_entries()
    updates = [(e.field, e.old_value, e.new_value) for e in entries
               if e.action == "update" and e.object_key == f"RH-01@{owner}"]
    assert ("name", json.dumps("Paie"), json.dumps("Paie des agents")) in updates
    assert ("department", json.dumps(""), json.dumps("DRH")) in updates
    assert ("status", json.dumps("draft"), json.dumps("draft")) not in updates
    assert {e.actor for e in entries} == {"dpo"}
    assert any(e.action == "delete" and e.object_key == f"RH-02@{owner}" for e in entries)
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


def test_a_deleted_last_entry_is_found(register: Register) -> None:
    _fill(register)
    last = register.audit_entries()[-1]
    _execute(register, f"DELETE FROM audit_entry WHERE id = {last.id}")
    assert [(p.entry_id, p.reason) for p in register.verify_audit()] == \
        [(last.id, "missing_after")]


def test_a_deleted_tail_stays_visible_after_the_next_change(register: Register) -> None:
    """Deleting the last entries, then working on: the next entries keep the deleted ids'
    place, so the gap is named before them (the head is never rewound by an append)."""
    owner = _fill(register)
    entries = register.audit_entries()
    _execute(register, f"DELETE FROM audit_entry WHERE id >= {entries[-3].id}")
    assert [p.reason for p in register.verify_audit()] == ["missing_after"]
    services.add_activity(register.uow(), ProcessingActivity(owner, "RH-03", "Badges"), TODAY)
    after = register.audit_entries()
    assert after[len(entries) - 3].id == entries[-1].id + 1  # the first one after the gap
    assert after[len(entries) - 3].prev_hash == entries[-1].hash
    assert [(p.entry_id, p.reason) for p in register.verify_audit()] == \
        [(entries[-1].id + 1, "missing_before")]


def test_an_entry_added_behind_the_applications_back_is_named(register: Register) -> None:
    from storage.audit import entry_hash

    _fill(register)
    last = register.audit_entries()[-1]
    forged = dataclasses.replace(_plain(last), id=last.id + 1, prev_hash=last.hash,
                                 actor="intrus", old_value=None, new_value=json.dumps("ajoutée"))
    forged = dataclasses.replace(forged, hash=entry_hash(forged))  # type: ignore[arg-type]
    _execute(register,
             "INSERT INTO audit_entry (id, at, actor, action, object_type, object_key, field, "
             "old_value, new_value, prev_hash, hash) VALUES "
             f"({forged.id}, '{forged.at}', '{forged.actor}', '{forged.action}', "
             f"'{forged.object_type}', '{forged.object_key}', '{forged.field}', NULL, "
             f"'{forged.new_value}', '{forged.prev_hash}', '{forged.hash}')")
    # a well-forged entry: its hash and link hold, only the head does not know it
    assert [(p.entry_id, p.reason) for p in register.verify_audit()] == \
        [(last.id + 1, "not_recorded")]


def test_a_replaced_last_entry_with_a_valid_hash_is_found(register: Register) -> None:
    """Rewriting the last entry and its own hash breaks no link (nothing follows it): only
    the chain head shows it."""
    from storage.audit import entry_hash

    _fill(register)
    last = register.audit_entries()[-1]
    last.new_value = json.dumps("réécrite")
    _execute(register, f"UPDATE audit_entry SET new_value = '\"réécrite\"', "
                       f"hash = '{entry_hash(last)}' WHERE id = {last.id}")
    assert [(p.entry_id, p.reason) for p in register.verify_audit()] == [(last.id, "altered")]


def test_a_deleted_chain_head_is_named(register: Register) -> None:
    _fill(register)
    last = register.audit_entries()[-1]
    _execute(register, "DELETE FROM audit_head")
    assert [(p.entry_id, p.reason) for p in register.verify_audit()] == \
        [(last.id, "head_missing")]


def test_the_head_follows_every_append_in_the_same_transaction(register: Register) -> None:
    owner = _fill(register)
    with register.engine.connect() as connection:
        head = connection.exec_driver_sql("SELECT last_id, last_hash FROM audit_head").one()
    last = register.audit_entries()[-1]
    assert tuple(head) == (last.id, last.hash)
    with register.uow() as uow:  # an append rolled back leaves the head where it was
        uow.audit.record_changes("activity", "RH-09", None, {"name": "Annulé"})
        uow.rollback()
    with register.engine.connect() as connection:
        assert tuple(connection.exec_driver_sql(
            "SELECT last_id, last_hash FROM audit_head").one()) == (last.id, last.hash)
    services.add_activity(register.uow(), ProcessingActivity(owner, "RH-04", "Cantine"), TODAY)
    assert register.verify_audit() == []


def _plain(row: object) -> _Entry:
    return _Entry(**{f.name: getattr(row, f.name) for f in dataclasses.fields(_Entry)})


@dataclasses.dataclass(frozen=True)
class _Entry:
    id: int
    at: str
    actor: str
    action: str
    object_type: str
    object_key: str
    field: str
    old_value: str | None
    new_value: str | None
    prev_hash: str
    hash: str


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


def test_audit_verify_names_a_deleted_tail_on_the_command_line(register: Register) -> None:
    import io

    from gui.cli import main

    _fill(register)
    last = register.audit_entries()[-1]
    location = str(register.url.render_as_string(hide_password=False))
    _execute(register, f"DELETE FROM audit_entry WHERE id >= {last.id - 1}")
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", location, "--lang", "en", "audit", "verify"], today=TODAY,
                stdout=out, stderr=err)
    assert code == 1
    assert f"Entry {last.id}: the last entries were deleted" in out.getvalue()


# --- the entries of one action, exactly ------------------------------------------------------


def _j(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _action(register: Register, ref: str, action: str) -> list[_Entry]:
    """The entries of ``action`` on the activity ``ref`` of the register's one entity."""
    with register.uow() as uow:
        (owner,) = uow.entities.list()
    key = f"{ref}@{owner.id}"  # the reference and the establishment
    return [_plain(e) for e in register.audit_entries("activity", key) if e.action == action]


def _assert_chained(register: Register, entries: list[_Entry]) -> None:
    """One action: consecutive ids, one time, each entry linked to the one before it and
    hashing to its own hash; the chain head is its last entry."""
    from storage.audit import chain_end, entry_hash

    everything = {e.id: e for e in map(_plain, register.audit_entries())}
    assert [e.id for e in entries] == list(range(entries[0].id, entries[0].id + len(entries)))
    assert len({e.at for e in entries}) == 1
    for entry in entries:
        before = everything.get(entry.id - 1)
        assert entry.prev_hash == (before.hash if before else "0" * 64)
        assert entry_hash(entry) == entry.hash  # type: ignore[arg-type]
    with register.uow() as uow:
        head, last = chain_end(uow.session)
    assert head == last == (max(everything), everything[max(everything)].hash)
    assert register.verify_audit() == []


def test_adding_an_activity_records_each_filled_field_once(register: Register) -> None:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    services.add_activity(register.uow(), full_activity(owner.id), TODAY)
    entries = _action(register, "SOIN-01", "create")
    assert [(e.field, e.old_value) for e in entries] == [(f, None) for f in (
        "created_on", "data_categories", "data_sources", "data_subjects", "department", "dpia",
        "entity_id", "last_reviewed_on", "legal_bases", "name", "owner", "purpose",
        "recipients", "ref", "role", "security_measures", "special_conditions", "status",
        "sub_purposes", "systems", "transfers")]  # not the empty ones, nor id and version
    new = {e.field: e.new_value for e in entries}
    assert new["name"] == _j("Dossier patient informatisé — prise en charge")
    assert new["entity_id"] == _j(owner.id)
    assert new["status"] == _j("draft")
    assert new["created_on"] == _j("2020-01-06")
    assert new["legal_bases"] == _j(
        [{"code": "A6-1-e", "justification": "Mission de service public hospitalier"}])
    assert new["recipients"] == _j([
        {"kind": "internal", "name": "Équipes de soins", "contract_reference": "",
         "country": ""},
        {"kind": "processor", "name": "Hébergeur HDS",
         "contract_reference": "Contrat HDS n° 2023-014", "country": ""}])
    assert json.loads(new["data_categories"] or "")[2] == {
        "code": "imaging_metadata", "description": "Métadonnées DICOM", "label": "Imagerie",
        "retention": {"delete_after": "", "active_until": "",
                      "undetermined_criteria": "Suit le dossier", "final_action": "delete",
                      "legal_reference": "", "justification": "", "template_id": "",
                      "template_version": 1, "kept_template_version": 0, "kept_reason": ""}}
    assert {e.actor for e in entries} == {"dpo"}
    _assert_chained(register, entries)


def test_editing_an_activity_records_exactly_the_fields_changed_old_and_new(
        register: Register) -> None:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    services.add_activity(register.uow(), full_activity(owner.id), TODAY)
    services.edit_activity(register.uow(), owner.id, "SOIN-01", {
        "name": "Dossier patient", "recipients": (), "security_measures": (
            SecurityMeasure("access_control", "Carte CPS"), SecurityMeasure("encryption")),
    }, date(2026, 12, 1))
    entries = _action(register, "SOIN-01", "update")
    assert [(e.field, e.old_value, e.new_value) for e in entries] == [
        ("name", _j("Dossier patient informatisé — prise en charge"), _j("Dossier patient")),
        ("recipients", _j([
            {"kind": "internal", "name": "Équipes de soins", "contract_reference": "",
             "country": ""},
            {"kind": "processor", "name": "Hébergeur HDS",
             "contract_reference": "Contrat HDS n° 2023-014", "country": ""}]), _j([])),
        ("security_measures",
         _j([{"code": "access_control", "detail": "Carte CPS"},
             {"code": "traceability", "detail": "Journal des accès au DPI"}]),
         _j([{"code": "access_control", "detail": "Carte CPS"},
             {"code": "encryption", "detail": ""}])),
    ]  # not updated_on, version, nor the unchanged fields
    _assert_chained(register, entries)
    stored = services.get_activity(register.uow(), owner.id, "SOIN-01")
    assert (stored.version, stored.recipients, stored.updated_on) == (2, (), date(2026, 12, 1))


def test_appends_continue_the_chain_after_a_commit_and_a_rollback_in_one_unit_of_work(
        register: Register) -> None:
    """The end of the chain an append remembers is forgotten when its transaction ends: a
    rolled-back action's ids are given again, and nothing forks the chain."""
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    with register.uow() as uow:
        uow.activities.add(ProcessingActivity(owner.id, "RH-01", "Paie"))
        uow.commit()
        uow.activities.add(ProcessingActivity(owner.id, "RH-02", "Formation"))
        uow.rollback()
        uow.activities.add(ProcessingActivity(owner.id, "RH-03", "Cantine"))
        uow.commit()
    assert _action(register, "RH-02", "create") == []
    first, third = _action(register, "RH-01", "create"), _action(register, "RH-03", "create")
    assert third[0].id == first[-1].id + 1 and third[0].prev_hash == first[-1].hash
    _assert_chained(register, third)


def test_an_activitys_history_is_its_own_across_establishments_and_renames(
        register: Register) -> None:
    hospital = services.add_entity(register.uow(), entity("CH d'Essai"))
    home = services.add_entity(register.uow(), entity("EHPAD Les Tilleuls"))
    assert hospital.id is not None and home.id is not None
    services.add_activity(register.uow(), ProcessingActivity(hospital.id, "RH-01", "Paie"),
                          TODAY)
    services.add_activity(register.uow(), ProcessingActivity(home.id, "RH-01", "Paie EHPAD"),
                          TODAY)
    services.edit_activity(register.uow(), hospital.id, "RH-01", {"name": "Paie des agents"},
                           TODAY)
    services.edit_activity(register.uow(), hospital.id, "RH-01",
                           {"ref": "RH-10", "department": "DRH"}, TODAY)
    services.edit_activity(register.uow(), hospital.id, "RH-10", {"purpose": "Payer"}, TODAY)
    services.add_activity(register.uow(), ProcessingActivity(hospital.id, "RH-01", "Cantine"),
                          TODAY)

    def seen(history: list[Any]) -> list[tuple[str, str]]:
        return [(e.action, e.field) for e in history if e.field in {"name", "ref", "purpose",
                                                                     "department"}]

    renamed = register.activity_history(hospital.id, "RH-10")
    assert seen(renamed) == [("create", "name"), ("create", "ref"), ("update", "name"),
                             ("update", "department"), ("update", "ref"),
                             ("update", "purpose")]
    assert '"Paie EHPAD"' not in {e.new_value for e in renamed}  # the other establishment's
    assert '"Cantine"' not in {e.new_value for e in renamed}  # the new RH-01's
    again = register.activity_history(hospital.id, "RH-01")  # the new RH-01: its own only
    assert {e.action for e in again} == {"create"}
    assert '"Cantine"' in {e.new_value for e in again}
    assert '"Paie"' not in {e.new_value for e in again}
    other = register.activity_history(home.id, "RH-01")
    assert {e.action for e in other} == {"create"} and '"Paie EHPAD"' in {
        e.new_value for e in other}
