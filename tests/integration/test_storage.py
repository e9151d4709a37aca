"""The register on a real SQLite file and on PostgreSQL: round trips, transactions,
optimistic locking."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from domain import services
from domain.errors import ConflictError, DuplicateError, ValidationError
from domain.model import (
    Entity,
    LegalBasis,
    ProcessingActivity,
    Role,
    SecurityMeasure,
    Status,
)
from storage.register import Register
from tests.builders import entity, full_activity

TODAY = date(2026, 11, 29)


def _stored_entity(register: Register) -> Entity:
    return services.add_entity(register.uow(), entity())


def _count(register: Register, table: str) -> int:
    with register.engine.connect() as connection:
        return int(connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())


def test_a_fully_filled_activity_comes_back_as_it_was_stored(register: Register) -> None:
    owner = _stored_entity(register)
    assert owner.id is not None
    activity = full_activity(owner.id)
    stored = services.add_activity(register.uow(), activity, TODAY)
    again = services.get_activity(register.uow(), owner.id, "SOIN-01")
    assert stored == again
    assert dataclasses.replace(again, id=None, version=0, updated_on=activity.updated_on) == \
        activity
    assert again.version == 1


def test_accents_and_apostrophes_survive_storage(register: Register) -> None:
    owner = _stored_entity(register)
    assert owner.id is not None
    name = "Vidéoprotection — hall d'entrée « Urgences »"
    services.add_activity(register.uow(), ProcessingActivity(owner.id, "SÉC-01", name), TODAY)
    assert services.get_activity(register.uow(), owner.id, "SÉC-01").name == name


def test_nothing_is_stored_when_the_unit_of_work_is_not_committed(register: Register) -> None:
    owner = _stored_entity(register)
    assert owner.id is not None
    with register.uow() as uow:
        uow.activities.add(ProcessingActivity(owner.id, "RH-01", "Paie"))
    assert services.list_activities(register.uow()) == []
    assert register.verify_audit() == []


def test_a_duplicate_reference_is_refused_and_changes_nothing(register: Register) -> None:
    owner = _stored_entity(register)
    assert owner.id is not None
    services.add_activity(register.uow(), ProcessingActivity(owner.id, "RH-01", "Paie"), TODAY)
    entries = len(register.audit_entries())
    with pytest.raises(DuplicateError):
        services.add_activity(register.uow(), ProcessingActivity(owner.id, "RH-01", "Autre"),
                              TODAY)
    assert [a.name for a in services.list_activities(register.uow())] == ["Paie"]
    assert len(register.audit_entries()) == entries


def test_the_same_reference_may_exist_in_two_entities_of_a_group(register: Register) -> None:
    first = _stored_entity(register)
    second = services.add_entity(register.uow(), entity("EHPAD Les Tilleuls"))
    assert first.id is not None and second.id is not None
    for owner in (first, second):
        services.add_activity(register.uow(), ProcessingActivity(owner.id or 0, "RH-01", "Paie"),
                              TODAY)
    assert len(services.list_activities(register.uow())) == 2
    assert len(services.list_activities(register.uow(), second.id)) == 1


def test_an_unknown_legal_basis_is_refused_before_anything_is_written(
    register: Register,
) -> None:
    owner = _stored_entity(register)
    assert owner.id is not None
    bad = ProcessingActivity(owner.id, "RH-02", "Paie", legal_bases=(LegalBasis("A6-1-z"),))
    with pytest.raises(ValidationError) as refused:
        services.add_activity(register.uow(), bad, TODAY)
    assert refused.value.code == "code.unknown"
    assert services.list_activities(register.uow()) == []


def test_editing_a_validated_activity_returns_it_to_draft(register: Register) -> None:
    owner = _stored_entity(register)
    assert owner.id is not None
    services.add_activity(register.uow(), full_activity(owner.id), TODAY)
    validated = services.validate(register.uow(), owner.id, "SOIN-01", TODAY)
    assert validated.status is Status.VALIDATED
    edited = services.edit_activity(register.uow(), owner.id, "SOIN-01",
                                    {"department": "Pôle médecine"}, TODAY)
    assert edited.status is Status.DRAFT
    assert edited.department == "Pôle médecine"
    assert edited.version == validated.version + 1


def test_a_concurrent_edit_is_refused_instead_of_overwriting(register: Register) -> None:
    owner = _stored_entity(register)
    assert owner.id is not None
    opened = services.add_activity(register.uow(), full_activity(owner.id), TODAY)
    # Two DPOs open the same activity; the first saves, then the second.
    services.edit_activity(register.uow(), owner.id, "SOIN-01", {"department": "A"}, TODAY,
                           expected_version=opened.version)
    with pytest.raises(ConflictError):
        services.edit_activity(register.uow(), owner.id, "SOIN-01", {"department": "B"}, TODAY,
                               expected_version=opened.version)
    assert services.get_activity(register.uow(), owner.id, "SOIN-01").department == "A"


def test_deleting_an_activity_removes_its_child_rows(register: Register) -> None:
    owner = _stored_entity(register)
    assert owner.id is not None
    services.add_activity(register.uow(), full_activity(owner.id), TODAY)
    services.delete_activity(register.uow(), owner.id, "SOIN-01")
    for table in ("activity", "activity_data_category", "activity_recipient",
                  "activity_legal_basis", "activity_transfer", "activity_security_measure"):
        assert _count(register, table) == 0, table


def test_reopen_archive_and_duplicate(register: Register) -> None:
    owner = _stored_entity(register)
    other = services.add_entity(register.uow(), entity("EHPAD Les Tilleuls"))
    assert owner.id is not None and other.id is not None
    services.add_activity(register.uow(), full_activity(owner.id), TODAY)
    services.validate(register.uow(), owner.id, "SOIN-01", TODAY)
    reopened = services.reopen_activity(register.uow(), owner.id, "SOIN-01", TODAY)
    assert reopened.status is Status.DRAFT
    ended = services.set_archived(register.uow(), owner.id, "SOIN-01", date(2026, 12, 31), TODAY)
    assert ended.archived_on == date(2026, 12, 31)
    copy = services.duplicate_activity(register.uow(), owner.id, "SOIN-01", "SOIN-01",
                                       TODAY, target_entity_id=other.id)
    assert (copy.entity_id, copy.ref, copy.status, copy.archived_on) == (
        other.id, "SOIN-01", Status.DRAFT, None)
    assert copy.data_categories == ended.data_categories
    with pytest.raises(DuplicateError):
        services.duplicate_activity(register.uow(), owner.id, "SOIN-01", "SOIN-01", TODAY)
    history = register.activity_history(owner.id, "SOIN-01")
    assert {e.field for e in history if e.action == "update"} >= {"status", "archived_on"}
    # the copy in the other establishment has a history of its own
    assert [e.object_key for e in history if e.action == "create"] == [
        f"SOIN-01@{owner.id}"] * len([e for e in history if e.action == "create"])
    copied = register.activity_history(other.id, "SOIN-01")
    assert {e.action for e in copied} == {"create"}


def test_two_first_runs_at_once_share_the_default_entity(
    register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second first run read an empty register just before the first one committed its
    default entity: its own insert clashes, and it uses the entity now there."""
    from storage.repository import SqlEntityRepository

    first = services.default_entity(register.uow())
    calls: list[int] = []
    real_list = SqlEntityRepository.list

    def empty_once(self: SqlEntityRepository) -> object:
        calls.append(1)
        return [] if len(calls) == 1 else real_list(self)

    monkeypatch.setattr(SqlEntityRepository, "list", empty_once)
    second = services.default_entity(register.uow())
    assert calls == [1]
    assert second == first
    monkeypatch.undo()
    with register.uow() as uow:
        assert [e.name for e in uow.entities.list()] == ["Mon établissement"]


# --- reading the whole register ---------------------------------------------------------------


def _varied(entity_id: int, n: int) -> ProcessingActivity:
    """The full activity, changed in a way that depends on ``n``: lists emptied, shortened
    or reversed (their order must come back), roles, statuses, dates, a category without
    a rule, a transfer without safeguard, an ended activity."""
    base = full_activity(entity_id, f"A-{n:04d}")
    categories = base.data_categories[::-1] if n % 2 else base.data_categories
    if n % 5 == 0:
        categories = (*categories[:1], dataclasses.replace(categories[1], retention=None))
    transfers = base.transfers
    if n % 7 == 0:
        transfers = (dataclasses.replace(transfers[0], safeguard=None), *transfers)
    elif n % 3 == 0:
        transfers = ()
    return dataclasses.replace(
        base,
        name=f"{base.name} n° {n}",
        role=(Role.CONTROLLER, Role.PROCESSOR, Role.JOINT)[n % 3],
        status=Status.VALIDATED if n % 4 == 0 else Status.DRAFT,
        legal_bases=() if n % 6 == 0 else (
            LegalBasis("A6-1-c", f"Obligation {n}"), *base.legal_bases)[: 1 + n % 2],
        special_conditions=base.special_conditions if n % 2 else (),
        data_categories=categories,
        recipients=base.recipients[::-1] if n % 4 == 1 else base.recipients[: n % 3],
        transfers=transfers,
        security_measures=base.security_measures[: n % 3],
        systems=base.systems[: n % 3],
        sub_purposes=() if n % 8 == 0 else base.sub_purposes,
        controllers_acted_for=("CCAS de Valmont",) if n % 3 == 1 else (),
        archived_on=date(2026, 6, 30) if n % 11 == 0 else None,
        created_on=date(2020, 1, 1 + n % 28),
    )


def test_the_whole_register_reads_back_as_each_activity_read_alone(register: Register) -> None:
    """The register read at once (a select per table) gives exactly the domain objects
    that reading each activity alone gives, and that were stored, in entity then reference
    order; an entity's list holds its own only."""
    owners = [services.add_entity(register.uow(), entity(f"Établissement {k}"))
              for k in range(4)]
    empty = services.add_entity(register.uow(), entity("Établissement sans traitement"))
    written: list[ProcessingActivity] = []
    with register.uow() as uow:
        for n in range(120):
            owner = owners[n % len(owners)]
            assert owner.id is not None
            written.append(uow.activities.add(_varied(owner.id, 119 - n)))
        uow.commit()

    everything = services.list_activities(register.uow())
    assert len(everything) == 120
    assert [(a.entity_id, a.ref) for a in everything] == sorted(
        (a.entity_id, a.ref) for a in written)
    assert everything == sorted(written, key=lambda a: (a.entity_id, a.ref))
    with register.uow() as uow:
        one_by_one = [uow.activities.get_by_id(a.id) for a in everything if a.id is not None]
        by_ref = [uow.activities.get(a.entity_id, a.ref) for a in everything]
    assert everything == one_by_one == by_ref
    for activity, n in ((a, int(a.ref[2:])) for a in everything):
        assert dataclasses.replace(activity, id=None, version=0) == _varied(activity.entity_id, n)
    for owner in owners:
        assert services.list_activities(register.uow(), owner.id) == [
            a for a in everything if a.entity_id == owner.id]
    assert services.list_activities(register.uow(), empty.id) == []
    with register.uow() as uow:
        assert uow.activities.get_by_id(10**9) is None
        assert uow.activities.get(owners[0].id or 0, "NOPE") is None


def test_a_read_sees_the_edits_of_its_own_unit_of_work(register: Register) -> None:
    owner = _stored_entity(register)
    assert owner.id is not None
    services.add_activity(register.uow(), full_activity(owner.id), TODAY)
    with register.uow() as uow:
        stored = uow.activities.get(owner.id, "SOIN-01")
        assert stored is not None
        uow.activities.update(dataclasses.replace(
            stored, security_measures=(SecurityMeasure("encryption"),), recipients=()))
        listed = uow.activities.list()
    assert [(a.security_measures, a.recipients, a.version) for a in listed] == [
        ((SecurityMeasure("encryption"),), (), 2)]
    assert services.get_activity(register.uow(), owner.id, "SOIN-01").version == 1


def test_a_save_committed_during_a_read_never_comes_back_half_old(
        register: Register, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another DPO saves one activity and deletes another between the read's first select
    and its child tables': the read gives the new state of each, never new legal bases
    under the old name, nor a deleted activity stripped of its categories."""
    from storage import repository

    owner = _stored_entity(register)
    assert owner.id is not None
    services.add_activity(register.uow(), full_activity(owner.id), TODAY)
    services.add_activity(register.uow(), full_activity(owner.id, "SOIN-02"), TODAY)
    read_children = repository._read_children
    saved: list[ProcessingActivity] = []
    calls: list[int] = []

    def while_someone_saves(*args: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:  # the first child table of the first read
            with register.uow() as other:
                stored = other.activities.get(owner.id or 0, "SOIN-01")
                gone = other.activities.get(owner.id or 0, "SOIN-02")
                assert stored is not None and gone is not None
                saved.append(other.activities.update(dataclasses.replace(
                    stored, name="Dossier patient (renommé)",
                    legal_bases=(LegalBasis("A6-1-c", "Obligation légale"),))))
                other.activities.delete(gone)
                other.commit()
        return read_children(*args)

    monkeypatch.setattr(repository, "_read_children", while_someone_saves)
    assert services.list_activities(register.uow()) == saved
    assert saved[0].version == 2 and saved[0].name == "Dossier patient (renommé)"
