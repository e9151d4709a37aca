"""Activities and entities to and from JSON-able dicts (``--json``, demo register, export)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import ValidationError
from domain.model import (
    Contact,
    DataCategoryUse,
    DpiaScreening,
    Entity,
    FinalAction,
    LegalBasis,
    ProcessingActivity,
    Recipient,
    RecipientKind,
    RetentionRule,
    Role,
    Safeguard,
    SecurityMeasure,
    SpecialCondition,
    Status,
    Transfer,
)
from domain.serialization import activity_from_dict, entity_from_dict, to_dict
from tests.unit.fakes import complete_activity

BASE: dict[str, Any] = {"entity_id": 1, "ref": "RH-01", "name": "Paie"}


def _through_json(value: object) -> dict[str, Any]:
    """What a file or the command line actually carries."""
    result: dict[str, Any] = json.loads(json.dumps(to_dict(value), ensure_ascii=False))
    return result


def _refusal(data: dict[str, Any]) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        activity_from_dict(data)
    return info.value


# --- to_dict ----------------------------------------------------------------------------


def test_to_dict_uses_stable_codes_iso_dates_and_lists() -> None:
    data = to_dict(complete_activity(id=7, status=Status.VALIDATED, version=3))

    assert data["role"] == "controller"
    assert data["status"] == "validated"
    assert data["created_on"] == "2024-01-15"
    assert data["dpia"]["done_on"] == "2025-03-01"
    assert data["dpia"]["criteria"] == ["sensitive_data", "large_scale"]
    assert data["legal_bases"] == [
        {"code": "A6-1-e", "justification": "Mission de service public hospitalier"}
    ]
    assert data["recipients"][1] == {
        "kind": "processor",
        "name": "Hébergeur HDS",
        "contract_reference": "CT-2024-17",
        "country": "",
    }
    assert data["data_categories"][0]["retention"]["final_action"] == "archive"
    assert data["transfers"][0]["safeguard"] == "scc"
    assert (data["id"], data["version"]) == (7, 3)


def test_to_dict_refuses_what_is_not_a_model_value() -> None:
    with pytest.raises(TypeError):
        to_dict(ProcessingActivity)
    with pytest.raises(TypeError):
        to_dict({"ref": "RH-01"})


# --- round trip -------------------------------------------------------------------------


def test_round_trip_of_a_fully_filled_activity() -> None:
    activity = complete_activity(
        id=12,
        role=Role.JOINT,
        status=Status.VALIDATED,
        joint_controllers=("ARS Pays de la Loire",),
        controllers_acted_for=("GHT 44",),
        data_sources=("Patient", "Médecin traitant"),
        data_categories=(
            *complete_activity().data_categories,
            DataCategoryUse(
                "badge_logs",
                "Entrées et sorties",
                label="Journaux de badge",
                retention=RetentionRule(
                    delete_after="event + 3 months",
                    active_until="event + 1 month",
                    final_action=FinalAction.SORT,
                    justification="CNIL, contrôle d'accès",
                    template_id="security.badges",
                ),
            ),
            DataCategoryUse("nir", retention=None),
        ),
        transfers=(
            Transfer("Éditeur support", "US", Safeguard.SCC, "Annexe 3"),
            Transfer("Laboratoire", "CH", None),
        ),
        recipients=(
            Recipient(RecipientKind.THIRD_COUNTRY, "Labo suisse", country="CH"),
            Recipient(RecipientKind.PROCESSOR, "Hébergeur HDS", "CT-1"),
        ),
        security_measures=(SecurityMeasure("encryption", "AES-256 au repos"),),
        owner=Contact("Dr Martin", "m@chu.example", "+33 2 40 00 00 00", "CHU", "Nantes"),
        version=4,
    )

    assert activity_from_dict(_through_json(activity)) == activity


def test_round_trip_of_an_entity() -> None:
    entity = Entity(
        name="CHU de Nantes",
        id=3,
        siren="264400136",
        finess="440000289",
        address="5 allée de l'Île Gloriette",
        group="GHT 44",
        dpo=Contact("Claire Dupont", "dpo@chu.example", organisation="Cabinet DPO"),
        representative=Contact("Paul Durand"),
        version=2,
    )

    assert entity_from_dict(_through_json(entity)) == entity


def test_missing_keys_take_the_model_defaults() -> None:
    assert activity_from_dict(BASE) == ProcessingActivity(entity_id=1, ref="RH-01", name="Paie")


def test_null_optional_values_are_none() -> None:
    data = {
        **BASE,
        "created_on": None,
        "transfers": [{"recipient": "Labo", "country": "CN", "safeguard": None}],
        "data_categories": [{"code": "health", "retention": None}],
    }

    activity = activity_from_dict(data)

    assert activity.created_on is None
    assert activity.transfers == (Transfer("Labo", "CN", None),)
    assert activity.data_categories == (DataCategoryUse("health", retention=None),)


# generated activities: every nested type, enums, optional values, dates and any text
_text = st.text(max_size=20)
_texts = st.lists(_text, max_size=3).map(tuple)
_dates = st.none() | st.dates()
_contacts = st.builds(Contact, _text, _text, _text, _text, _text)
_rules = st.builds(
    RetentionRule,
    delete_after=_text,
    active_until=_text,
    undetermined_criteria=_text,
    final_action=st.sampled_from(FinalAction),
    legal_reference=_text,
    justification=_text,
    template_id=_text,
)
_activities = st.builds(
    ProcessingActivity,
    entity_id=st.integers(1, 10**6),
    ref=_text,
    name=_text,
    id=st.none() | st.integers(1, 10**6),
    role=st.sampled_from(Role),
    status=st.sampled_from(Status),
    department=_text,
    owner=_contacts,
    purpose=_text,
    sub_purposes=_texts,
    legal_bases=st.lists(st.builds(LegalBasis, _text, _text), max_size=2).map(tuple),
    special_conditions=st.lists(st.builds(SpecialCondition, _text, _text), max_size=2).map(tuple),
    data_subjects=_texts,
    data_categories=st.lists(
        st.builds(DataCategoryUse, _text, _text, _text, st.none() | _rules), max_size=3
    ).map(tuple),
    data_sources=_texts,
    recipients=st.lists(
        st.builds(Recipient, st.sampled_from(RecipientKind), _text, _text, _text), max_size=3
    ).map(tuple),
    transfers=st.lists(
        st.builds(Transfer, _text, _text, st.none() | st.sampled_from(Safeguard), _text),
        max_size=2,
    ).map(tuple),
    security_measures=st.lists(st.builds(SecurityMeasure, _text, _text), max_size=2).map(tuple),
    systems=_texts,
    dpia=st.builds(DpiaScreening, _texts, _text, _dates, _text, _text),
    joint_controllers=_texts,
    controllers_acted_for=_texts,
    created_on=_dates,
    updated_on=_dates,
    last_reviewed_on=_dates,
    version=st.integers(0, 10**6),
)


@settings(max_examples=60, database=None, deadline=None)
@given(_activities)
def test_round_trip_of_any_activity(activity: ProcessingActivity) -> None:
    assert activity_from_dict(_through_json(activity)) == activity


# --- refused input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**BASE, "colour": "red"}, "colour"),
        ({**BASE, "dpia": {"criterion": ["large_scale"]}}, "dpia.criterion"),
        ({**BASE, "owner": {"name": "X", "mail": "x@y"}}, "owner.mail"),
        (
            {
                **BASE,
                "data_categories": [
                    {"code": "identity"},
                    {"code": "health", "retention": {"delete_afer": "x"}},
                ],
            },
            "data_categories[1].retention.delete_afer",
        ),
        ({**BASE, "legal_bases": [{"code": "A6-1-e", "justif": "x"}]}, "legal_bases[0].justif"),
    ],
)
def test_unknown_field_is_refused_with_its_dotted_path(data: dict[str, Any], field: str) -> None:
    error = _refusal(data)

    assert (error.code, error.params["field"]) == ("json.unknown_field", field)
    assert field in str(error)


def test_first_unknown_field_in_alphabetical_order_is_named() -> None:
    error = _refusal({**BASE, "zeta": 1, "alpha": 2})

    assert error.params["field"] == "alpha"


@pytest.mark.parametrize(
    ("data", "field", "value"),
    [
        ({**BASE, "role": "owner"}, "role", "owner"),
        ({**BASE, "status": "Validated"}, "status", "Validated"),
        (
            {**BASE, "recipients": [{"kind": "partner", "name": "X"}]},
            "recipients[0].kind",
            "partner",
        ),
        (
            {**BASE, "transfers": [{"recipient": "X", "country": "CN", "safeguard": "SCC"}]},
            "transfers[0].safeguard",
            "SCC",
        ),
        (
            {**BASE, "data_categories": [{"code": "nir", "retention": {"final_action": "purge"}}]},
            "data_categories[0].retention.final_action",
            "purge",
        ),
    ],
)
def test_bad_enum_value_is_refused(data: dict[str, Any], field: str, value: str) -> None:
    error = _refusal(data)

    assert (error.code, error.params["field"], error.params["value"]) == (
        "code.unknown",
        field,
        value,
    )


def test_bad_enum_value_lists_the_allowed_codes() -> None:
    error = _refusal({**BASE, "role": "owner"})

    assert error.params["allowed"] == "controller, processor, joint"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**BASE, "created_on": "2026-02-30"}, "created_on"),
        ({**BASE, "updated_on": "29/11/2026"}, "updated_on"),
        ({**BASE, "last_reviewed_on": "hier"}, "last_reviewed_on"),
        ({**BASE, "dpia": {"done_on": "2026-13-01"}}, "dpia.done_on"),
    ],
)
def test_bad_date_is_refused(data: dict[str, Any], field: str) -> None:
    error = _refusal(data)

    assert (error.code, error.params["field"]) == ("date.invalid", field)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**BASE, "sub_purposes": "Facturation"}, "sub_purposes"),
        ({**BASE, "legal_bases": {"code": "A6-1-e"}}, "legal_bases"),
        ({**BASE, "dpia": "oui"}, "dpia"),
        ({**BASE, "legal_bases": ["A6-1-e"]}, "legal_bases[0]"),
    ],
)
def test_wrong_json_shape_is_refused(data: dict[str, Any], field: str) -> None:
    error = _refusal(data)

    assert (error.code, error.params["field"]) == ("json.type", field)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"entity_id": 1, "ref": "RH-01"}, "name"),
        ({**BASE, "recipients": [{"name": "Hébergeur"}]}, "recipients[0].kind"),
    ],
)
def test_missing_required_field_is_refused(data: dict[str, Any], field: str) -> None:
    error = _refusal(data)

    assert error.params["field"] == field


@pytest.mark.parametrize("value", ["un", None, [1]])
def test_non_numeric_integer_is_refused(value: object) -> None:
    error = _refusal({**BASE, "entity_id": value})

    assert error.params["field"] == "entity_id"


@pytest.mark.parametrize(
    "data",
    [
        {**BASE, "purpose": ["Paie", "Carrière"]},
        {**BASE, "owner": {"name": {"fr": "Jeanne"}}},
        {**BASE, "entity_id": 1.9},
    ],
)
def test_value_of_the_wrong_type_is_refused(data: dict[str, Any]) -> None:
    _refusal(data)


def test_date_object_is_accepted_as_well_as_text() -> None:
    # the demo register is built in Python: a date object must not be refused
    activity = activity_from_dict({**BASE, "created_on": date(2026, 11, 29)})

    assert activity.created_on == date(2026, 11, 29)
