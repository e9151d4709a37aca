"""Service functions against the in-memory unit of work: what ends up stored."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from domain import services
from domain.errors import ConflictError, DuplicateError, NotFoundError, ValidationError
from domain.model import Entity, LegalBasis, ProcessingActivity, Status
from domain.vocabulary import Vocabularies, load_vocabularies
from tests.unit.fakes import TODAY, FakeUnitOfWork, complete_activity, minimal_activity

LATER = date(2026, 12, 15)


@pytest.fixture(scope="module")
def voc() -> Vocabularies:
    return load_vocabularies()


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def chu(uow: FakeUnitOfWork) -> Entity:
    return services.add_entity(uow, Entity(name="CHU de Nantes"))


@pytest.fixture
def clinic(uow: FakeUnitOfWork) -> Entity:
    return services.add_entity(uow, Entity(name="Clinique Jules Verne"))


def _add(
    uow: FakeUnitOfWork, voc: Vocabularies, activity: ProcessingActivity, today: date = TODAY
) -> ProcessingActivity:
    return services.add_activity(uow, activity, today, voc)


# --- the fake itself --------------------------------------------------------------------


def test_fake_discards_what_is_not_committed(uow: FakeUnitOfWork, chu: Entity) -> None:
    with uow:
        uow.activities.add(minimal_activity(entity_id=chu.id or 0))
        assert len(uow.activities.list()) == 1

    assert uow.stored_activities() == []
    with uow:
        assert uow.activities.list() == []


def test_fake_checks_and_bumps_the_version(uow: FakeUnitOfWork, chu: Entity) -> None:
    with uow:
        added = uow.activities.add(minimal_activity(entity_id=chu.id or 0))
        updated = uow.activities.update(dataclasses.replace(added, name="Paie"))
        with pytest.raises(ConflictError):
            uow.activities.update(dataclasses.replace(added, name="Paie bis"))
        uow.commit()

    assert (added.version, updated.version) == (1, 2)
    assert [(a.name, a.version) for a in uow.stored_activities()] == [("Paie", 2)]


# --- entities ---------------------------------------------------------------------------


def test_default_entity_is_created_once_on_an_empty_register(uow: FakeUnitOfWork) -> None:
    first = services.default_entity(uow)
    second = services.default_entity(uow)

    assert first == second
    assert first.name == "Mon établissement"
    assert first.id is not None
    assert [e.name for e in uow.stored_entities()] == ["Mon établissement"]
    assert uow.commits == 1


def test_default_entity_is_the_first_existing_one(
    uow: FakeUnitOfWork, chu: Entity, clinic: Entity
) -> None:
    commits = uow.commits

    assert services.default_entity(uow) == chu
    assert services.default_entity(uow, "Clinique Jules Verne") == clinic
    assert uow.commits == commits
    assert len(uow.stored_entities()) == 2


def test_default_entity_by_unknown_name_is_refused(uow: FakeUnitOfWork, chu: Entity) -> None:
    with pytest.raises(NotFoundError) as info:
        services.default_entity(uow, "CHU de Rennes")

    assert dict(info.value.params) == {"what": "entity", "key": "CHU de Rennes"}
    assert uow.stored_entities() == [chu]


def test_add_entity_refuses_a_duplicate_name(uow: FakeUnitOfWork, chu: Entity) -> None:
    commits = uow.commits

    with pytest.raises(DuplicateError) as info:
        services.add_entity(uow, Entity(name="CHU de Nantes", siren="267500452"))

    assert info.value.params["key"] == "CHU de Nantes"
    assert uow.stored_entities() == [chu]
    assert uow.commits == commits


def test_add_entity_refuses_a_bad_siren_before_storing(uow: FakeUnitOfWork) -> None:
    with pytest.raises(ValidationError) as info:
        services.add_entity(uow, Entity(name="CHU", siren="123"))

    assert info.value.params["field"] == "siren"
    assert uow.stored_entities() == []
    assert uow.commits == 0


def test_update_entity_with_stale_version_is_a_conflict(uow: FakeUnitOfWork, chu: Entity) -> None:
    renamed = services.update_entity(uow, dataclasses.replace(chu, address="5 allée de l'Île"))

    with pytest.raises(ConflictError):
        services.update_entity(uow, dataclasses.replace(chu, finess="440000289"))

    assert renamed.version == chu.version + 1
    assert uow.stored_entities() == [renamed]


# --- add_activity -----------------------------------------------------------------------


def test_add_activity_stores_a_draft_dated_today(
    uow: FakeUnitOfWork, chu: Entity, voc: Vocabularies
) -> None:
    stored = _add(uow, voc, minimal_activity(entity_id=chu.id or 0, ref="RH-01"))

    assert stored.id is not None
    assert (stored.status, stored.created_on, stored.updated_on, stored.version) == (
        Status.DRAFT,
        TODAY,
        TODAY,
        1,
    )
    assert uow.stored_activities() == [stored]


def test_add_activity_keeps_an_imported_creation_date(
    uow: FakeUnitOfWork, chu: Entity, voc: Vocabularies
) -> None:
    activity = minimal_activity(entity_id=chu.id or 0, created_on=date(2019, 5, 2))

    stored = _add(uow, voc, activity)

    assert (stored.created_on, stored.updated_on) == (date(2019, 5, 2), TODAY)


def test_add_activity_refuses_a_duplicate_ref_in_the_same_entity(
    uow: FakeUnitOfWork, chu: Entity, voc: Vocabularies
) -> None:
    first = _add(uow, voc, minimal_activity(entity_id=chu.id or 0, ref="RH-01"))
    commits = uow.commits

    with pytest.raises(DuplicateError) as info:
        _add(uow, voc, minimal_activity(entity_id=chu.id or 0, ref="RH-01", name="Autre"))

    assert (info.value.code, dict(info.value.params)) == (
        "register.duplicate",
        {"what": "activity", "key": "RH-01"},
    )
    assert uow.commits == commits
    assert uow.stored_activities() == [first]


def test_same_ref_is_accepted_in_another_entity(
    uow: FakeUnitOfWork, chu: Entity, clinic: Entity, voc: Vocabularies
) -> None:
    _add(uow, voc, minimal_activity(entity_id=chu.id or 0, ref="RH-01"))
    _add(uow, voc, minimal_activity(entity_id=clinic.id or 0, ref="RH-01"))

    assert [(a.entity_id, a.ref) for a in uow.stored_activities()] == [
        (chu.id, "RH-01"),
        (clinic.id, "RH-01"),
    ]


def test_add_activity_to_unknown_entity_is_refused(uow: FakeUnitOfWork, voc: Vocabularies) -> None:
    with pytest.raises(NotFoundError) as info:
        _add(uow, voc, minimal_activity(entity_id=42))

    assert dict(info.value.params) == {"what": "entity", "key": "42"}
    assert uow.stored_activities() == []
    assert not uow.committed


def test_add_activity_refuses_an_invalid_activity(
    uow: FakeUnitOfWork, chu: Entity, voc: Vocabularies
) -> None:
    commits = uow.commits

    with pytest.raises(ValidationError) as info:
        _add(uow, voc, minimal_activity(entity_id=chu.id or 0, legal_bases=(LegalBasis("X"),)))

    assert (info.value.code, info.value.params["field"]) == ("code.unknown", "legal_bases")
    assert uow.commits == commits
    assert uow.stored_activities() == []


def test_add_activity_always_stores_a_draft(
    uow: FakeUnitOfWork, chu: Entity, voc: Vocabularies
) -> None:
    activity = minimal_activity(entity_id=chu.id or 0, status=Status.VALIDATED)

    stored = _add(uow, voc, activity)

    assert stored.status is Status.DRAFT


# --- edit_activity ----------------------------------------------------------------------


@pytest.fixture
def validated(uow: FakeUnitOfWork, chu: Entity, voc: Vocabularies) -> ProcessingActivity:
    _add(uow, voc, complete_activity(entity_id=chu.id or 0, ref="DPI-01"), date(2026, 1, 10))
    return services.validate(uow, chu.id or 0, "DPI-01", date(2026, 6, 1), voc)


def test_editing_a_validated_activity_returns_it_to_draft(
    uow: FakeUnitOfWork, chu: Entity, validated: ProcessingActivity, voc: Vocabularies
) -> None:
    assert validated.status is Status.VALIDATED

    edited = services.edit_activity(
        uow, chu.id or 0, "DPI-01", {"purpose": "Suivi des soins et recherche"}, LATER, voc=voc
    )

    assert (edited.status, edited.updated_on, edited.version) == (
        Status.DRAFT,
        LATER,
        validated.version + 1,
    )
    assert edited.purpose == "Suivi des soins et recherche"
    # the review date is the last sign-off, not the last edit
    assert edited.last_reviewed_on == date(2026, 6, 1)
    assert uow.stored_activities() == [edited]


def test_edit_that_changes_nothing_keeps_the_activity_validated(
    uow: FakeUnitOfWork, chu: Entity, validated: ProcessingActivity, voc: Vocabularies
) -> None:
    commits = uow.commits

    same = services.edit_activity(
        uow, chu.id or 0, "DPI-01", {"purpose": validated.purpose}, LATER, voc=voc
    )

    assert same == validated
    assert uow.commits == commits


def test_edit_with_stale_version_is_a_conflict_and_stores_nothing(
    uow: FakeUnitOfWork, chu: Entity, validated: ProcessingActivity, voc: Vocabularies
) -> None:
    opened_on = validated.version
    other_dpo = services.edit_activity(
        uow, chu.id or 0, "DPI-01", {"name": "DPI (autre DPO)"}, LATER, opened_on, voc
    )
    commits = uow.commits

    with pytest.raises(ConflictError) as info:
        services.edit_activity(
            uow, chu.id or 0, "DPI-01", {"name": "DPI (moi)"}, LATER, opened_on, voc
        )

    assert (info.value.code, info.value.params["key"]) == ("register.conflict", "DPI-01")
    assert uow.commits == commits
    assert uow.stored_activities() == [other_dpo]


def test_edit_with_current_version_is_saved(
    uow: FakeUnitOfWork, chu: Entity, validated: ProcessingActivity, voc: Vocabularies
) -> None:
    edited = services.edit_activity(
        uow, chu.id or 0, "DPI-01", {"name": "DPI"}, LATER, validated.version, voc
    )

    assert [(a.name, a.version) for a in uow.stored_activities()] == [
        ("DPI", validated.version + 1)
    ]
    assert edited.version == validated.version + 1


def test_renaming_a_ref_onto_an_existing_one_is_refused(
    uow: FakeUnitOfWork, chu: Entity, voc: Vocabularies
) -> None:
    a = _add(uow, voc, minimal_activity(entity_id=chu.id or 0, ref="RH-01"))
    b = _add(uow, voc, minimal_activity(entity_id=chu.id or 0, ref="RH-02"))
    commits = uow.commits

    with pytest.raises(DuplicateError) as info:
        services.edit_activity(uow, chu.id or 0, "RH-02", {"ref": "RH-01"}, LATER, voc=voc)

    assert info.value.params["key"] == "RH-01"
    assert uow.commits == commits
    assert uow.stored_activities() == [a, b]


def test_renaming_a_ref_to_a_free_one(uow: FakeUnitOfWork, chu: Entity, voc: Vocabularies) -> None:
    _add(uow, voc, minimal_activity(entity_id=chu.id or 0, ref="RH-01"))

    services.edit_activity(uow, chu.id or 0, "RH-01", {"ref": "GRH-01"}, LATER, voc=voc)

    assert [a.ref for a in uow.stored_activities()] == ["GRH-01"]
    with pytest.raises(NotFoundError):
        services.get_activity(uow, chu.id or 0, "RH-01")


@pytest.mark.parametrize(
    "field", ["status", "version", "id", "entity_id", "last_reviewed_on", "colour"]
)
def test_edit_of_a_field_the_user_cannot_edit_is_refused(
    uow: FakeUnitOfWork, chu: Entity, validated: ProcessingActivity, voc: Vocabularies, field: str
) -> None:
    commits = uow.commits

    with pytest.raises(ValidationError) as info:
        services.edit_activity(
            uow, chu.id or 0, "DPI-01", {field: "x", "name": "Nouveau nom"}, LATER, voc=voc
        )

    assert (info.value.code, info.value.params["field"]) == ("field.unknown", field)
    assert uow.commits == commits
    assert uow.stored_activities() == [validated]


def test_edit_that_makes_the_activity_invalid_is_refused(
    uow: FakeUnitOfWork, chu: Entity, validated: ProcessingActivity, voc: Vocabularies
) -> None:
    with pytest.raises(ValidationError) as info:
        services.edit_activity(uow, chu.id or 0, "DPI-01", {"name": "  "}, LATER, voc=voc)

    assert (info.value.code, info.value.params["field"]) == ("field.required", "name")
    assert uow.stored_activities() == [validated]


def test_edit_of_an_unknown_activity_is_refused(
    uow: FakeUnitOfWork, chu: Entity, voc: Vocabularies
) -> None:
    with pytest.raises(NotFoundError) as info:
        services.edit_activity(uow, chu.id or 0, "NOPE", {"name": "x"}, LATER, voc=voc)

    assert info.value.params["key"] == "NOPE"


# --- validate ---------------------------------------------------------------------------


def test_validate_refuses_an_activity_with_error_findings(
    uow: FakeUnitOfWork, chu: Entity, voc: Vocabularies
) -> None:
    draft = _add(uow, voc, complete_activity(entity_id=chu.id or 0, purpose="", legal_bases=()))
    commits = uow.commits

    with pytest.raises(ValidationError) as info:
        services.validate(uow, chu.id or 0, draft.ref, LATER, voc)

    assert info.value.code == "activity.incomplete"
    assert dict(info.value.params) == {
        "ref": draft.ref,
        "findings": "no_purpose, no_legal_basis",
    }
    assert uow.commits == commits
    assert uow.stored_activities() == [draft]


def test_validate_accepts_a_complete_activity(
    uow: FakeUnitOfWork, chu: Entity, voc: Vocabularies
) -> None:
    draft = _add(uow, voc, complete_activity(entity_id=chu.id or 0, last_reviewed_on=None))

    stored = services.validate(uow, chu.id or 0, draft.ref, LATER, voc)

    assert (stored.status, stored.last_reviewed_on, stored.updated_on, stored.version) == (
        Status.VALIDATED,
        LATER,
        LATER,
        draft.version + 1,
    )
    assert uow.stored_activities() == [stored]


def test_validate_ignores_warnings(uow: FakeUnitOfWork, chu: Entity, voc: Vocabularies) -> None:
    # no security measure and a review two years old are warnings, not Art. 30 errors
    draft = _add(
        uow,
        voc,
        complete_activity(
            entity_id=chu.id or 0, security_measures=(), last_reviewed_on=date(2024, 1, 1)
        ),
    )

    stored = services.validate(uow, chu.id or 0, draft.ref, TODAY, voc)

    assert (stored.status, stored.last_reviewed_on) == (Status.VALIDATED, TODAY)


def test_validate_unknown_activity_is_refused(
    uow: FakeUnitOfWork, chu: Entity, voc: Vocabularies
) -> None:
    with pytest.raises(NotFoundError):
        services.validate(uow, chu.id or 0, "NOPE", TODAY, voc)

    assert not uow.stored_activities()


# --- reading and deleting ---------------------------------------------------------------


def test_list_activities_by_entity_sorted_by_ref(
    uow: FakeUnitOfWork, chu: Entity, clinic: Entity, voc: Vocabularies
) -> None:
    for entity, ref in [(chu, "RH-02"), (clinic, "A-01"), (chu, "DPI-01"), (chu, "RH-01")]:
        _add(uow, voc, minimal_activity(entity_id=entity.id or 0, ref=ref))

    assert [a.ref for a in services.list_activities(uow, chu.id)] == ["DPI-01", "RH-01", "RH-02"]
    assert len(services.list_activities(uow)) == 4


def test_delete_activity(uow: FakeUnitOfWork, chu: Entity, voc: Vocabularies) -> None:
    keep = _add(uow, voc, minimal_activity(entity_id=chu.id or 0, ref="RH-01"))
    _add(uow, voc, minimal_activity(entity_id=chu.id or 0, ref="RH-02"))

    services.delete_activity(uow, chu.id or 0, "RH-02")

    assert uow.stored_activities() == [keep]
    with pytest.raises(NotFoundError):
        services.delete_activity(uow, chu.id or 0, "RH-02")

