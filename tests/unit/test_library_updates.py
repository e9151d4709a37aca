"""Corrections of the template library reaching a register, against the in-memory unit of
work: which rules are listed, and what adopting or keeping stores."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from domain import services
from domain.errors import ConflictError, ValidationError
from domain.library_updates import (
    adopt_library_version,
    find_library_updates,
    keep_rule_version,
    library_updates,
)
from domain.model import DataCategoryUse, Entity, FinalAction, RetentionRule, Status
from domain.templates import TemplateLibrary, load_templates
from tests.unit.fakes import TODAY, FakeUnitOfWork, minimal_activity

LATER = date(2026, 12, 15)
LIBRARY = load_templates()
# Corrected in December 2026 (version 2): 90 days, not three months (R161-47)
CORRECTED = LIBRARY["SANTE-LIB-02"]
UNCHANGED = LIBRARY["SANTE-PHARM-02"]  # still version 1
OLD_FSE = RetentionRule(delete_after="transmission + 3 months",
                        legal_reference="CSS art. R161-47", template_id="SANTE-LIB-02")


def _rule(category: str, rule: RetentionRule) -> DataCategoryUse:
    return DataCategoryUse(category, retention=rule)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def entity_id(uow: FakeUnitOfWork) -> int:
    stored = services.add_entity(uow, Entity(name="CH de Valmont"))
    assert stored.id is not None
    return stored.id


@pytest.fixture
def billing(uow: FakeUnitOfWork, entity_id: int) -> str:
    """An activity whose health rule was copied from the first version of SANTE-LIB-02,
    with rules from an unchanged template, a hand-written one and an unknown template."""
    activity = minimal_activity(
        entity_id=entity_id, ref="FACT-01", name="Facturation des soins",
        data_categories=(
            _rule("health", OLD_FSE),
            _rule("financial", UNCHANGED.to_rule()),
            _rule("identity", RetentionRule(delete_after="last_stay + 5 years")),
            _rule("connection", RetentionRule(delete_after="login + 1 year",
                                              template_id="GONE-01")),
        ))
    services.add_activity(uow, activity, TODAY)
    return "FACT-01"


def _stored_rule(uow: FakeUnitOfWork, entity_id: int, ref: str, code: str) -> RetentionRule:
    use = services.get_activity(uow, entity_id, ref).category(code)
    assert use is not None and use.retention is not None
    return use.retention


def test_a_rule_without_a_version_counts_as_the_first_version() -> None:
    assert OLD_FSE.template_version == 1
    assert CORRECTED.to_rule().template_version == CORRECTED.version == 2


def test_only_the_rule_of_a_corrected_template_is_listed(uow: FakeUnitOfWork, entity_id: int,
                                                          billing: str) -> None:
    updates = library_updates(uow, LIBRARY)

    assert [(u.activity_ref, u.category, u.template.id) for u in updates] == [
        ("FACT-01", "health", "SANTE-LIB-02")]
    update = updates[0]
    assert (update.stored_version, update.library_version) == (1, 2)
    assert update.old == OLD_FSE
    assert update.new.delete_after == "transmission + 90 days"
    assert update.new.legal_reference == CORRECTED.legal_reference
    assert update.new.template_version == 2
    assert update.activity_name == "Facturation des soins"
    assert "quatre-vingt-dix jours" in update.reason("fr")
    assert "ninety days" in update.reason("en")


def test_an_up_to_date_rule_and_an_ended_activity_are_not_listed(uow: FakeUnitOfWork,
                                                                 entity_id: int) -> None:
    current = minimal_activity(entity_id=entity_id, ref="A",
                               data_categories=(_rule("health", CORRECTED.to_rule()),))
    ended = minimal_activity(entity_id=entity_id, ref="B", archived_on=TODAY,
                             data_categories=(_rule("health", OLD_FSE),))

    assert find_library_updates([current, ended], LIBRARY) == ()


def test_the_final_action_adopted_follows_the_establishments_status() -> None:
    activity = minimal_activity(data_categories=(_rule("health", OLD_FSE),))

    public, = find_library_updates([activity], LIBRARY)
    private, = find_library_updates([activity], LIBRARY, statuses={1: "private"})
    other, = find_library_updates([activity], LIBRARY, statuses={2: "private"})

    assert public.new.final_action is FinalAction.ELIMINATE_WITH_VISA  # unknown: public
    assert private.new.final_action is FinalAction.DELETE
    assert other.new.final_action is FinalAction.ELIMINATE_WITH_VISA  # another entity's


def test_adopting_replaces_the_rule_by_the_librarys_version(uow: FakeUnitOfWork,
                                                            entity_id: int,
                                                            billing: str) -> None:
    stored = adopt_library_version(uow, entity_id, billing, "health", LATER, LIBRARY)

    rule = _stored_rule(uow, entity_id, billing, "health")
    assert rule == CORRECTED.to_rule()
    assert rule.template_version == 2
    assert stored.updated_on == LATER and stored.status is Status.DRAFT
    assert _stored_rule(uow, entity_id, billing, "financial") == UNCHANGED.to_rule()
    assert library_updates(uow, LIBRARY) == ()
    with pytest.raises(ConflictError):  # nothing left to adopt: the list shown was stale
        adopt_library_version(uow, entity_id, billing, "health", LATER, LIBRARY)


def test_keeping_needs_a_reason_and_stores_nothing_without_one(uow: FakeUnitOfWork,
                                                               entity_id: int,
                                                               billing: str) -> None:
    before = services.get_activity(uow, entity_id, billing)

    with pytest.raises(ValidationError) as refused:
        keep_rule_version(uow, entity_id, billing, "health", "  ", LATER, LIBRARY)

    assert refused.value.code == "field.required"
    assert services.get_activity(uow, entity_id, billing) == before


def test_a_kept_rule_is_listed_again_only_when_its_template_is_corrected_again(
        uow: FakeUnitOfWork, entity_id: int, billing: str) -> None:
    keep_rule_version(uow, entity_id, billing, "health",
                      " Convention locale avec la CPAM : 3 mois. ", LATER, LIBRARY)

    rule = _stored_rule(uow, entity_id, billing, "health")
    assert rule == dataclasses.replace(OLD_FSE, kept_template_version=2,
                                       kept_reason="Convention locale avec la CPAM : 3 mois.")
    assert library_updates(uow, LIBRARY) == ()
    third = TemplateLibrary([dataclasses.replace(t, version=3) if t.id == CORRECTED.id else t
                             for t in LIBRARY])
    again, = library_updates(uow, third)
    assert (again.category, again.stored_version, again.library_version) == ("health", 1, 3)


def test_acting_on_a_category_the_activity_lacks_is_refused(uow: FakeUnitOfWork,
                                                            entity_id: int,
                                                            billing: str) -> None:
    with pytest.raises(ValidationError) as refused:
        adopt_library_version(uow, entity_id, billing, "nir", LATER, LIBRARY)
    assert refused.value.code == "category.not_in_activity"


def test_adopting_in_a_private_establishment_stores_its_final_action(
        uow: FakeUnitOfWork, entity_id: int, billing: str) -> None:
    adopt_library_version(uow, entity_id, billing, "health", LATER, LIBRARY, status="private")

    assert _stored_rule(uow, entity_id, billing, "health") == CORRECTED.to_rule(
        status="private")
    assert _stored_rule(uow, entity_id, billing, "health").final_action is FinalAction.DELETE
