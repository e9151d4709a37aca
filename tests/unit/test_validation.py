"""Validation: what the register refuses, with the stable code and the field at fault."""

from __future__ import annotations

import dataclasses

import pytest

from domain import services
from domain.errors import ValidationError
from domain.model import (
    DataCategoryUse,
    DpiaScreening,
    Entity,
    LegalBasis,
    ProcessingActivity,
    Recipient,
    RecipientKind,
    SecurityMeasure,
    SpecialCondition,
    Transfer,
)
from domain.validation import MAX_REF_LENGTH, validate_activity, validate_entity
from domain.vocabulary import Vocabularies, load_vocabularies
from tests.unit.fakes import TODAY, FakeUnitOfWork, complete_activity, minimal_activity


@pytest.fixture(scope="module")
def voc() -> Vocabularies:
    return load_vocabularies()


def _refusal(activity: ProcessingActivity, voc: Vocabularies) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        validate_activity(activity, voc)
    return info.value


# --- accepted ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "activity",
    [
        pytest.param(minimal_activity(), id="minimal"),
        pytest.param(complete_activity(), id="complete"),
        pytest.param(
            minimal_activity(name="Médecine du travail — suivi des agents"), id="accented-name"
        ),
        pytest.param(minimal_activity(ref="x" * MAX_REF_LENGTH), id="ref-at-max-length"),
        pytest.param(minimal_activity(ref="RH 01"), id="ref-with-inner-space"),
        pytest.param(minimal_activity(ref="GRH/2026-ÉTÉ"), id="ref-with-accents"),
        pytest.param(
            minimal_activity(
                data_categories=(
                    DataCategoryUse("badge_logs", label="Journaux de badge"),
                    DataCategoryUse("v2_export", label="Export v2"),
                    DataCategoryUse("health"),
                )
            ),
            id="own-categories-next-to-cnil",
        ),
        pytest.param(
            minimal_activity(
                recipients=(Recipient(RecipientKind.INTERNAL, "DRH", country=""),),
                transfers=(Transfer("Laboratoire", "CH"),),
            ),
            id="recipient-in-france-and-transfer",
        ),
        pytest.param(
            minimal_activity(dpia=DpiaScreening(mandatory_type="employee_monitoring")),
            id="cnil-mandatory-dpia-type",
        ),
    ],
)
def test_valid_activity_is_accepted_and_stored_as_typed(
    activity: ProcessingActivity, voc: Vocabularies
) -> None:
    uow = FakeUnitOfWork()
    entity = services.add_entity(uow, Entity(name="CHU"))
    activity = dataclasses.replace(activity, entity_id=entity.id or 0)

    validate_activity(activity, voc)  # accepted: no ValidationError
    stored = services.add_activity(uow, activity, TODAY, voc)

    expected = dataclasses.replace(
        activity, id=stored.id, created_on=stored.created_on, updated_on=TODAY, version=1
    )
    assert uow.stored_activities() == [expected]


# --- refused ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("activity", "code", "field", "value"),
    [
        pytest.param(
            minimal_activity(legal_bases=(LegalBasis("A6-1-z"),)),
            "code.unknown",
            "legal_bases",
            "A6-1-z",
            id="unknown-legal-basis",
        ),
        pytest.param(
            minimal_activity(legal_bases=(LegalBasis("art. 6-1-e"),)),
            "code.unknown",
            "legal_bases",
            "art. 6-1-e",
            id="legal-basis-label-not-code",
        ),
        pytest.param(
            minimal_activity(legal_bases=(LegalBasis("A6-1-e"), LegalBasis("A6-1-e", "bis"))),
            "code.duplicate",
            "legal_bases",
            "A6-1-e",
            id="duplicate-legal-basis",
        ),
        pytest.param(
            minimal_activity(special_conditions=(SpecialCondition("A9-2-k"),)),
            "code.unknown",
            "special_conditions",
            "A9-2-k",
            id="unknown-art9-condition",
        ),
        pytest.param(
            minimal_activity(
                data_categories=(DataCategoryUse("health"), DataCategoryUse("health"))
            ),
            "code.duplicate",
            "data_categories",
            "health",
            id="duplicate-cnil-category",
        ),
        pytest.param(
            minimal_activity(
                data_categories=(
                    DataCategoryUse("badge_logs", label="Badges"),
                    DataCategoryUse("badge_logs", label="Badges encore"),
                )
            ),
            "code.duplicate",
            "data_categories",
            "badge_logs",
            id="duplicate-own-category",
        ),
        pytest.param(
            minimal_activity(data_categories=(DataCategoryUse("Badge-Logs", label="Badges"),)),
            "category.code",
            "data_categories",
            "Badge-Logs",
            id="own-category-not-snake-case",
        ),
        pytest.param(
            minimal_activity(data_categories=(DataCategoryUse("2fa_codes", label="Codes"),)),
            "category.code",
            "data_categories",
            "2fa_codes",
            id="own-category-starts-with-digit",
        ),
        pytest.param(
            minimal_activity(data_categories=(DataCategoryUse("données", label="Données"),)),
            "category.code",
            "data_categories",
            "données",
            id="own-category-accented-code",
        ),
        pytest.param(
            minimal_activity(security_measures=(SecurityMeasure("firewall"),)),
            "code.unknown",
            "security_measures",
            "firewall",
            id="unknown-security-measure",
        ),
        pytest.param(
            minimal_activity(dpia=DpiaScreening(criteria=("large_scale", "large_scale"))),
            "code.duplicate",
            "dpia.criteria",
            "large_scale",
            id="duplicate-dpia-criterion",
        ),
        pytest.param(
            minimal_activity(dpia=DpiaScreening(criteria=("big_data",))),
            "code.unknown",
            "dpia.criteria",
            "big_data",
            id="unknown-dpia-criterion",
        ),
        pytest.param(
            minimal_activity(
                recipients=(Recipient(RecipientKind.THIRD_COUNTRY, "Labo", country="XX"),)
            ),
            "code.unknown",
            "recipients.country",
            "XX",
            id="unknown-recipient-country",
        ),
        pytest.param(
            minimal_activity(transfers=(Transfer("Labo", "USA"),)),
            "code.unknown",
            "transfers.country",
            "USA",
            id="alpha3-transfer-country",
        ),
    ],
)
def test_wrong_code_is_refused(
    activity: ProcessingActivity, code: str, field: str, value: str, voc: Vocabularies
) -> None:
    error = _refusal(activity, voc)

    assert (error.code, error.params["field"], error.params["value"]) == (code, field, value)


def test_a_transfer_without_country_is_said_missing_not_unknown(voc: Vocabularies) -> None:
    """Not 'unknown code "" (allowed: AD, AE…)': the DPO has not chosen the country yet."""
    error = _refusal(minimal_activity(transfers=(Transfer("Labo", ""),)), voc)

    assert (error.code, error.params["field"]) == ("field.required", "transfers.country")


def test_unknown_code_lists_allowed_codes(voc: Vocabularies) -> None:
    error = _refusal(minimal_activity(legal_bases=(LegalBasis("A6-1-z"),)), voc)

    assert error.params["allowed"] == "A6-1-a, A6-1-b, A6-1-c, A6-1-d, A6-1-e, A6-1-f"
    assert "A6-1-z" in str(error)


def test_unknown_dpia_mandatory_type_names_its_field(voc: Vocabularies) -> None:
    error = _refusal(minimal_activity(dpia=DpiaScreening(mandatory_type="hospital")), voc)

    assert (error.code, error.params["field"]) == ("code.unknown", "dpia.mandatory_type")


def test_unknown_dpia_mandatory_type_is_refused(voc: Vocabularies) -> None:
    error = _refusal(minimal_activity(dpia=DpiaScreening(mandatory_type="hospital")), voc)

    assert (error.code, error.params["value"]) == ("code.unknown", "hospital")


@pytest.mark.parametrize(
    ("activity", "field"),
    [
        pytest.param(minimal_activity(ref=""), "ref", id="empty-ref"),
        pytest.param(minimal_activity(ref="   "), "ref", id="blank-ref"),
        pytest.param(minimal_activity(name=" \t"), "name", id="blank-name"),
        pytest.param(
            minimal_activity(data_categories=(DataCategoryUse("badge_logs"),)),
            "data_categories.label",
            id="own-category-without-label",
        ),
        pytest.param(
            minimal_activity(data_categories=(DataCategoryUse("badge_logs", label="  "),)),
            "data_categories.label",
            id="own-category-blank-label",
        ),
        pytest.param(
            minimal_activity(recipients=(Recipient(RecipientKind.PROCESSOR, " "),)),
            "recipients.name",
            id="recipient-without-name",
        ),
        pytest.param(
            minimal_activity(transfers=(Transfer("", "CN"),)),
            "transfers.recipient",
            id="transfer-without-recipient",
        ),
    ],
)
def test_missing_required_text_is_refused(
    activity: ProcessingActivity, field: str, voc: Vocabularies
) -> None:
    error = _refusal(activity, voc)

    assert (error.code, error.params["field"]) == ("field.required", field)


@pytest.mark.parametrize(
    "ref",
    ["x" * (MAX_REF_LENGTH + 1), " RH-01", "RH-01 ", "RH-01\n", "\tRH-01"],
    ids=["too-long", "leading-space", "trailing-space", "trailing-newline", "leading-tab"],
)
def test_badly_shaped_ref_is_refused(ref: str, voc: Vocabularies) -> None:
    error = _refusal(minimal_activity(ref=ref), voc)

    assert (error.code, error.params["field"], error.params["value"]) == (
        "activity.ref",
        "ref",
        ref,
    )


def test_cnil_category_needs_no_label_but_own_category_does(voc: Vocabularies) -> None:
    validate_activity(minimal_activity(data_categories=(DataCategoryUse("nir"),)), voc)

    error = _refusal(minimal_activity(data_categories=(DataCategoryUse("nir_copy"),)), voc)

    assert (error.code, error.params["field"]) == ("field.required", "data_categories.label")


def test_first_error_is_reported(voc: Vocabularies) -> None:
    # ref is checked before the codes: the DPO is sent to the first field of the form
    activity = minimal_activity(ref="", legal_bases=(LegalBasis("nope"),))

    assert _refusal(activity, voc).params["field"] == "ref"


# --- entities ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entity",
    [
        Entity(name="Centre hospitalier de Saint-Nazaire"),
        Entity(name="CHU", siren="267500452"),
        Entity(name="CHU", siren="267 500 452"),
        Entity(name="CH Ajaccio", finess="2A0000014"),
        Entity(name="CH Bastia", finess="2B0000020"),
        Entity(name="CHU", finess="440000289"),
        Entity(name="EHPAD Les Érables — site Nord"),
    ],
    ids=lambda e: f"{e.name}|{e.siren}|{e.finess}",
)
def test_valid_entity_is_accepted_and_stored_as_typed(entity: Entity) -> None:
    uow = FakeUnitOfWork()

    validate_entity(entity)  # accepted: no ValidationError
    stored = services.add_entity(uow, entity)

    assert uow.stored_entities() == [dataclasses.replace(entity, id=stored.id, version=1)]


@pytest.mark.parametrize(
    ("entity", "code", "field"),
    [
        (Entity(name=""), "field.required", "name"),
        (Entity(name="   "), "field.required", "name"),
        (Entity(name="CHU", siren="26750045"), "entity.siren", "siren"),
        (Entity(name="CHU", siren="2675004521"), "entity.siren", "siren"),
        (Entity(name="CHU", siren="26750045A"), "entity.siren", "siren"),
        (Entity(name="CHU", siren="267-500-452"), "entity.siren", "siren"),
        (Entity(name="CHU", finess="44000028"), "entity.finess", "finess"),
        (Entity(name="CHU", finess="2C0000014"), "entity.finess", "finess"),
        (Entity(name="CHU", finess="4400002890"), "entity.finess", "finess"),
    ],
    ids=lambda v: v.name + "|" + v.siren + "|" + v.finess if isinstance(v, Entity) else str(v),
)
def test_invalid_entity_is_refused(entity: Entity, code: str, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_entity(entity)

    assert (info.value.code, info.value.params["field"]) == (code, field)
