"""The demo register (resources/demo/valmont.json) is valid, complete where it claims to be,
and its deliberate imperfections are the ones the completeness checks find."""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

import pytest

from domain.completeness import CODES, Severity, assess
from domain.model import ProcessingActivity, Role, Status
from domain.serialization import activity_from_dict, entity_from_dict
from domain.validation import validate_activity, validate_entity
from domain.vocabulary import load_vocabularies

AS_OF = date(2026, 11, 1)
MIN_ACTIVITIES = 28
REF_PATTERN = re.compile(r"^[A-Z]{2,5}-\d{2}$")


@cache
def _document() -> dict[str, Any]:
    path = files("resources") / "demo" / "valmont.json"
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


@cache
def _activities() -> tuple[ProcessingActivity, ...]:
    # The file leaves out id, entity_id and version: the loader supplies entity_id.
    return tuple(activity_from_dict({**raw, "entity_id": 1}) for raw in _document()["activities"])


def _by_ref() -> dict[str, ProcessingActivity]:
    return {a.ref: a for a in _activities()}


def _expressions() -> list[tuple[str, str, str, str]]:
    """(ref, category, field, expression) for every non-empty rule expression."""
    found = []
    for activity in _activities():
        for category in activity.data_categories:
            rule = category.retention
            if rule is None:
                continue
            for field_name in ("delete_after", "active_until"):
                text = getattr(rule, field_name)
                if text.strip():
                    found.append((activity.ref, category.code, field_name, text))
    return found


def test_document_shape() -> None:
    document = _document()
    assert document["version"] == 1
    assert set(document) == {"version", "entity", "notes", "activities"}
    for raw in document["activities"]:
        assert not {"id", "entity_id", "version"} & set(raw), raw["ref"]


def test_entity_loads_and_validates() -> None:
    entity = entity_from_dict(_document()["entity"])
    validate_entity(entity)
    assert entity.name == "Centre hospitalier de Valmont"
    assert re.fullmatch(r"\d{9}", entity.siren)
    assert re.fullmatch(r"[0-9AB]{9}", entity.finess)
    assert entity.group == "GHT Vallée de la Sèvre"
    assert entity.dpo.name
    assert entity.dpo.email.endswith("@ch-valmont.fr")


def test_enough_activities_with_unique_refs() -> None:
    refs = [a.ref for a in _activities()]
    assert len(refs) >= MIN_ACTIVITIES
    assert len(set(refs)) == len(refs)
    assert all(REF_PATTERN.match(ref) for ref in refs), refs


def test_every_activity_validates() -> None:
    voc = load_vocabularies()
    for activity in _activities():
        validate_activity(activity, voc)


def test_every_role_is_shown() -> None:
    roles = {a.role for a in _activities()}
    assert roles == set(Role)
    for activity in _activities():
        if activity.role is Role.JOINT:
            assert activity.joint_controllers, activity.ref
        if activity.role is Role.PROCESSOR:
            assert activity.controllers_acted_for, activity.ref


def test_dates_are_consistent() -> None:
    for a in _activities():
        assert a.created_on is not None and a.updated_on is not None, a.ref
        assert date(2019, 1, 1) <= a.created_on <= a.updated_on <= AS_OF, a.ref
        assert a.last_reviewed_on is not None, a.ref
        assert a.created_on <= a.last_reviewed_on <= AS_OF, a.ref
        if a.dpia.done_on is not None:
            assert a.dpia.done_on <= AS_OF, a.ref


def test_validated_activities_have_no_completeness_error() -> None:
    voc = load_vocabularies()
    validated = [a for a in _activities() if a.status is Status.VALIDATED]
    assert len(validated) >= len(_activities()) - 6
    for activity in validated:
        errors = [f for f in assess(activity, voc, AS_OF).findings if f.severity is Severity.ERROR]
        assert errors == [], (activity.ref, errors)


def test_validated_activities_are_reviewed_within_a_year() -> None:
    voc = load_vocabularies()
    for activity in _activities():
        if activity.status is Status.VALIDATED:
            assert "review_overdue" not in assess(activity, voc, AS_OF).codes(), activity.ref


def test_listed_imperfections_are_found() -> None:
    voc = load_vocabularies()
    imperfections = _document()["notes"]["imperfections"]
    assert len(imperfections) >= 5
    by_ref = _by_ref()
    for item in imperfections:
        assert item["finding"] in CODES, item
        activity = by_ref[item["ref"]]
        assert activity.status is Status.DRAFT, item
        assert item["finding"] in assess(activity, voc, AS_OF).codes(), item
        assert item["description"].strip(), item


def test_drafts_are_exactly_the_listed_imperfections() -> None:
    listed = {item["ref"] for item in _document()["notes"]["imperfections"]}
    drafts = {a.ref for a in _activities() if a.status is Status.DRAFT}
    assert drafts == listed


def test_sensitive_categories_have_an_art9_condition() -> None:
    voc = load_vocabularies()
    for activity in _activities():
        if activity.role is Role.PROCESSOR:
            continue
        if any(voc.is_sensitive_category(c.code) for c in activity.data_categories):
            assert activity.special_conditions, activity.ref


def test_processors_have_a_contract_reference_outside_the_listed_gap() -> None:
    gaps = {
        item["ref"]
        for item in _document()["notes"]["imperfections"]
        if item["finding"] == "processor_without_contract"
    }
    for activity in _activities():
        if activity.ref in gaps:
            continue
        for recipient in activity.recipients:
            if recipient.kind.value == "processor":
                assert recipient.contract_reference.strip(), (activity.ref, recipient.name)


def test_retention_rules_name_their_legal_reference() -> None:
    for activity in _activities():
        for category in activity.data_categories:
            if category.retention is not None:
                assert category.retention.legal_reference.strip(), (
                    activity.ref,
                    category.code,
                )
                assert category.retention.justification.strip(), (
                    activity.ref,
                    category.code,
                )


def test_rule_expressions_parse() -> None:
    rules = pytest.importorskip("domain.rules")
    expressions = _expressions()
    assert len(expressions) > 60
    for ref, code, field_name, text in expressions:
        try:
            rules.parse(text)
        except rules.RuleError as exc:  # pragma: no cover - the message names the culprit
            pytest.fail(f"{ref}/{code}/{field_name}: {text!r}: {exc}")


def test_medical_record_rule_gives_the_reference_deadlines() -> None:
    """The R1112-7 expression used in the demo matches retention-rules.md (d.5)."""
    rules = pytest.importorskip("domain.rules")
    dpi = _by_ref()["ADM-01"].category("identity")
    assert dpi is not None and dpi.retention is not None
    rule = rules.parse(dpi.retention.delete_after)
    cases = [
        ({"birth": date(1960, 5, 10), "last_stay": date(2005, 3, 15)}, date(2025, 3, 15)),
        ({"birth": date(2010, 6, 1), "last_stay": date(2012, 9, 10)}, date(2038, 6, 1)),
        (
            {"birth": date(1950, 1, 1), "last_stay": date(2015, 4, 20), "death": date(2018, 7, 1)},
            date(2028, 7, 1),
        ),
        (
            {"birth": date(2010, 6, 1), "last_stay": date(2012, 9, 10), "death": date(2013, 1, 15)},
            date(2023, 1, 15),
        ),
        (
            {"birth": date(1940, 1, 1), "last_stay": date(2000, 1, 10), "death": date(2012, 6, 1)},
            date(2020, 1, 10),
        ),
        (
            {"birth": date(1970, 1, 1), "last_stay": date(2004, 6, 1), "death": date(2008, 2, 29)},
            date(2018, 2, 28),
        ),
        ({"birth": date(2005, 7, 14), "last_stay": date(2006, 3, 1)}, date(2033, 7, 14)),
    ]
    for events, expected in cases:
        assert rule.deadline(events).date == expected, events


def test_occupational_health_rule_gives_the_reference_deadlines() -> None:
    """The DMST expression matches retention-rules.md (d.5, R4624-45-9 examples)."""
    rules = pytest.importorskip("domain.rules")
    dmst = _by_ref()["RH-05"].category("health")
    assert dmst is not None and dmst.retention is not None
    rule = rules.parse(dmst.retention.delete_after)
    born = date(1970, 2, 15)
    last_visit = date(2010, 6, 30)
    assert rule.deadline({"birth": born, "last_visit": last_visit}).date == date(2050, 6, 30)
    died = {"birth": born, "last_visit": last_visit, "death": date(2015, 1, 1)}
    assert rule.deadline(died).date == date(2025, 1, 1)
    exposed = {**died, "end_exposure_ionising": date(2000, 12, 31)}
    assert rule.deadline(exposed).date == date(2050, 12, 31)
