"""The retention template library: the file, its loader, and the legal scenarios.

Every expected date below was computed by hand from the legal text (and, where it exists,
taken from section (d) of shared/reference/retention-rules.md), never by running the engine.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from domain.model import FinalAction, RetentionRule
from domain.rules import RuleError, parse
from domain.templates import (
    FORCES,
    KINDS,
    RetentionTemplate,
    TemplateError,
    TemplateLibrary,
    UnknownTemplateError,
    _load_library,
    load_templates,
)
from domain.vocabulary import load_vocabularies

D = dt.date.fromisoformat
LIBRARY = load_templates()
TEMPLATES = list(LIBRARY)
IDS = [t.id for t in TEMPLATES]


def by_id(template_id: str) -> RetentionTemplate:
    return LIBRARY[template_id]


# ------------------------------------------------------------------------- the library


def test_at_least_32_templates_with_unique_ids() -> None:
    assert len(LIBRARY) >= 32
    assert len(set(IDS)) == len(IDS)
    assert LIBRARY.ids() == tuple(IDS)


def test_health_comes_first_and_core_rules_are_present() -> None:
    assert IDS[0] == "SANTE-DM-01"
    first_general = next(i for i, tid in enumerate(IDS) if not tid.startswith("SANTE-"))
    assert all(not tid.startswith("SANTE-") for tid in IDS[first_general:])
    for tid in (
        "SANTE-DM-01",
        "SANTE-IMG-01",
        "SANTE-SOINS-01",
        "SANTE-TRANSF-01",
        "SANTE-DM-01-TRANSF",
        "SANTE-DMDV-01",
        "SANTE-DMDV-01-SANG",
        "SANTE-PHARM-01",
        "SANTE-PHARM-02",
        "SANTE-PHARM-03",
        "SANTE-PHARM-04",
        "SANTE-PHARM-05",
        "SANTE-LBM-01",
        "SANTE-GEN-01",
        "SANTE-DMST-01",
        "SANTE-DMST-02",
        "SANTE-DMST-03",
        "SANTE-DMST-04",
        "SANTE-LIB-01",
        "SANTE-LIB-02",
        "SANTE-RECH-01",
        "SANTE-RECH-02",
        "SANTE-EHPAD-01",
        "SANTE-EHPAD-02",
        "GEN-RH-01",
        "GEN-RH-02",
        "GEN-RH-03",
        "GEN-RH-04",
        "GEN-RH-06",
        "GEN-RH-07",
        "GEN-RH-07-ACCES",
        "GEN-RH-08",
        "GEN-VIDEO-01",
        "GEN-TEL-01",
        "GEN-TEL-01-ANALYSE",
        "GEN-COM-01",
        "GEN-COM-02",
        "GEN-COM-03",
        "GEN-COMPTA-01",
        "GEN-ALERTE-01",
        "GEN-LOG-01",
        "GEN-LOG-01-1AN",
        "GEN-COOKIE-01",
        "GEN-CONT-01",
        "GEN-CONT-02",
    ):
        assert tid in LIBRARY, tid


def test_load_templates_is_cached() -> None:
    assert load_templates() is LIBRARY


def test_lookup_and_unknown_id() -> None:
    assert LIBRARY.get("GEN-VIDEO-01") is LIBRARY["GEN-VIDEO-01"]
    assert LIBRARY.get("NOPE-01") is None
    assert "SANTE-DM-01" in LIBRARY
    assert 42 not in LIBRARY
    with pytest.raises(UnknownTemplateError) as caught:
        LIBRARY["NOPE-01"]
    assert caught.value.code == "template.unknown"
    assert caught.value.params["template_id"] == "NOPE-01"
    assert "NOPE-01" in str(caught.value)
    assert isinstance(caught.value, KeyError)


def test_search_ignores_accents_case_and_punctuation() -> None:
    found = [t.id for t in LIBRARY.search("DOSSIER MEDICAL")]
    assert "SANTE-DM-01" in found
    assert [t.id for t in LIBRARY.search("vidéo")] == ["GEN-VIDEO-01"]
    assert [t.id for t in LIBRARY.search("video")] == ["GEN-VIDEO-01"]
    assert "GEN-VIDEO-01" in [t.id for t in LIBRARY.search("cctv")]  # English title
    assert "GEN-RH-01" in [t.id for t in LIBRARY.search("gen-rh-01")]
    assert [t.id for t in LIBRARY.search("génétiques")] == ["SANTE-GEN-01"]
    assert LIBRARY.search("") == tuple(LIBRARY)
    assert LIBRARY.search("zzzz introuvable") == ()


def test_library_refuses_duplicate_ids() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        TemplateLibrary([TEMPLATES[0], TEMPLATES[0]])


def test_categories_are_cnil_codes() -> None:
    categories = load_vocabularies().data_categories
    for template in LIBRARY:
        assert template.category in categories, template.id


def test_public_medical_record_is_sorted_with_archives_visa() -> None:
    assert by_id("SANTE-DM-01").final_action_for("public") is FinalAction.SORT
    assert by_id("SANTE-DM-01").final_action_for(None) is FinalAction.SORT
    assert "visa" in by_id("SANTE-DM-01").notes_fr
    assert by_id("SANTE-DM-01-PRIVE").final_action_for("private") is FinalAction.DELETE


def test_medical_record_uses_the_conditional_r1112_7_form() -> None:
    expected = (
        "if death? < last_stay + 10 years then death? + 10 years "
        "else max(last_stay + 20 years, birth + 28 years)"
    )
    for tid in ("SANTE-DM-01", "SANTE-DM-01-PRIVE", "SANTE-IMG-01", "SANTE-SOINS-01"):
        assert by_id(tid).delete_after == expected, tid


# --------------------------------------------------------------- every template, one by one


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_template_fields(template: RetentionTemplate) -> None:
    assert template.title_fr.strip()
    assert template.title_en.strip()
    assert template.legal_reference.strip()
    assert template.kind in KINDS
    assert template.force in FORCES
    assert isinstance(template.final_action, FinalAction)
    assert template.sources and all(s.startswith("http") for s in template.sources)
    assert template.events and all(d.strip() for d in template.events.values())
    # the example only names described events, and the rules only use described events
    assert set(template.example.events) <= set(template.events)
    assert template.rule.events <= set(template.events)


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_example_deadline_matches_the_hand_computed_date(template: RetentionTemplate) -> None:
    rule = parse(template.delete_after)
    assert rule.required_events <= set(template.example.events)
    deadline = rule.deadline(template.example.events)
    assert deadline.missing == ()
    assert deadline.date == template.example.expected


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_active_phase_ends_before_retention(template: RetentionTemplate) -> None:
    if not template.active_until:
        assert template.active_rule is None
        return
    active = parse(template.active_until)
    assert active.required_events <= set(template.example.events)
    end_active = active.deadline(template.example.events).date
    assert end_active is not None
    assert end_active <= template.example.expected


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_to_rule_round_trip(template: RetentionTemplate) -> None:
    rule = template.to_rule()
    assert rule == RetentionRule(
        delete_after=template.delete_after,
        active_until=template.active_until,
        final_action=template.final_action_public,  # unknown status: public, the stricter
        legal_reference=template.legal_reference,
        justification=template.notes_fr,
        template_id=template.id,
        template_version=template.version,  # what a corrected library is compared with
    )
    assert rule.is_defined()
    assert LIBRARY[rule.template_id] is template
    overridden = template.to_rule(reference_override="Tableau de gestion interne, art. 3")
    assert overridden.legal_reference == "Tableau de gestion interne, art. 3"
    assert overridden.delete_after == template.delete_after
    assert template.to_rule(status="private").final_action is template.final_action


# ------------------------------------------------------------ legal scenarios (section d)

R1112_7_SCENARIOS = [
    # id, birth, last stay, death, expected (retention-rules.md d.5)
    ("A", "1960-05-10", "2005-03-15", None, "2025-03-15"),
    ("B", "2010-06-01", "2012-09-10", None, "2038-06-01"),
    ("C", "1950-01-01", "2015-04-20", "2018-07-01", "2028-07-01"),
    ("D", "2010-06-01", "2012-09-10", "2013-01-15", "2023-01-15"),
    ("E", "1940-01-01", "2000-01-10", "2012-06-01", "2020-01-10"),
    ("E2", "1940-01-01", "2000-01-10", "2010-01-10", "2020-01-10"),
    ("G", "1970-01-01", "2004-02-29", None, "2024-02-29"),
    ("H", "1970-01-01", "2004-06-01", "2008-02-29", "2018-02-28"),
    ("I", "2003-11-06", "2020-11-05", None, "2040-11-05"),
    ("J", "2005-07-14", "2006-03-01", None, "2033-07-14"),
    # a minor who dies 10 years or more after the last stay: the normal rule applies,
    # including the 28th birthday (the min(max(...), death + 10 y) form gives 2033-01-01)
    ("minor-late-death", "2010-06-01", "2012-09-10", "2023-01-01", "2038-06-01"),
]


@pytest.mark.parametrize(
    ("birth", "last_stay", "death", "expected"),
    [s[1:] for s in R1112_7_SCENARIOS],
    ids=[s[0] for s in R1112_7_SCENARIOS],
)
@pytest.mark.parametrize("tid", ["SANTE-DM-01", "SANTE-IMG-01", "SANTE-SOINS-01"])
def test_r1112_7_scenarios(
    tid: str, birth: str, last_stay: str, death: str | None, expected: str
) -> None:
    events = {"birth": D(birth), "last_stay": D(last_stay), "death": D(death) if death else None}
    assert by_id(tid).rule.deadline(events).date == D(expected)


def test_design_min_form_is_wrong_for_the_minor_who_dies_late() -> None:
    events = {"birth": D("2010-06-01"), "last_stay": D("2012-09-10"), "death": D("2023-01-01")}
    design = parse("min(max(last_stay + 20 years, birth + 28 years), death? + 10 years)")
    assert design.deadline(events).date == D("2033-01-01")
    assert by_id("SANTE-DM-01").rule.deadline(events).date == D("2038-06-01")


@pytest.mark.parametrize(
    ("suspensions", "expected"),
    [
        ([(D("2019-01-10"), D("2021-06-30"))], "2027-09-03"),  # F: 902 days
        (
            [(D("2019-01-10"), D("2021-06-30")), (D("2020-05-01"), D("2022-01-31"))],
            "2028-04-05",  # S2: merged 1,117 days, not summed 1,542
        ),
    ],
    ids=["F", "S2"],
)
def test_r1112_7_suspension_by_a_medical_liability_claim(
    suspensions: list[tuple[dt.date, dt.date]], expected: str
) -> None:
    events = {"birth": D("1960-05-10"), "last_stay": D("2005-03-15")}
    assert by_id("SANTE-DM-01").rule.deadline(events, suspensions).date == D(expected)


def test_unknown_birth_makes_the_medical_record_undetermined() -> None:
    deadline = by_id("SANTE-DM-01").rule.deadline({"last_stay": D("2005-03-15")})
    assert deadline.date is None
    assert deadline.missing == ("birth",)


def test_dossier_with_transfusion_keeps_the_longer_of_both() -> None:
    rule = by_id("SANTE-DM-01-TRANSF").rule
    base = {"birth": D("1950-01-01"), "last_stay": D("2015-04-20"), "death": D("2018-07-01")}
    # death clause gives 2028-07-01; transfusion 2015-04-18 + 30 y is later
    assert rule.deadline({**base, "last_transfusion": D("2015-04-18")}).date == D("2045-04-18")
    # an old transfusion: R1112-7 wins
    child = {"birth": D("2005-07-14"), "last_stay": D("2006-03-01")}
    assert rule.deadline({**child, "last_transfusion": D("2000-01-01")}).date == D("2033-07-14")
    assert by_id("SANTE-TRANSF-01").rule.deadline({"last_transfusion": D("2020-02-29")}).date == (
        D("2050-02-28")
    )


@pytest.mark.parametrize(
    ("tid", "events", "expected"),
    [
        ("SANTE-DMST-01", {"last_visit": "2010-06-30"}, "2050-06-30"),
        ("SANTE-DMST-01", {"last_visit": "2010-06-30", "death": "2015-01-01"}, "2025-01-01"),
        # death 40 years later: the 40-year period ends first ("dans la limite de")
        ("SANTE-DMST-01", {"last_visit": "2010-06-30", "death": "2048-01-01"}, "2050-06-30"),
        (
            "SANTE-DMST-02",
            {
                "last_visit": "2010-06-30",
                "death": "2015-01-01",
                "birth": "1970-02-15",
                "exposure_end": "2000-12-31",
            },
            "2050-12-31",
        ),
        (
            "SANTE-DMST-02",  # L8: 75th birthday of a 29 February birth
            {"last_visit": "2010-06-30", "birth": "2000-02-29", "exposure_end": "2020-01-15"},
            "2075-02-28",
        ),
        (
            "SANTE-DMST-03",
            {"last_visit": "2010-06-30", "death": "2015-01-01", "exposure_end": "2005-09-30"},
            "2055-09-30",
        ),
        (
            "SANTE-DMST-04",
            {"last_visit": "2010-06-30", "death": "2015-01-01", "exposure_end": "2009-12-31"},
            "2049-12-31",
        ),
    ],
)
def test_occupational_health_record(tid: str, events: dict[str, str], expected: str) -> None:
    dates = {k: D(v) for k, v in events.items()}
    assert by_id(tid).rule.deadline(dates).date == D(expected)


def test_private_practice_phases() -> None:
    template = by_id("SANTE-LIB-01")
    assert template.active_rule is not None
    events = {"last_intervention": D("2019-03-31")}
    assert template.active_rule.deadline(events).date == D("2024-03-31")
    assert template.rule.deadline(events).date == D("2039-03-31")
    # L19: the référentiel chains "5 years, then 15 years": 2040-02-28, not 2040-02-29 (L20)
    leap = {"last_intervention": D("2020-02-29")}
    assert template.active_rule.deadline(leap).date == D("2025-02-28")
    assert template.rule.deadline(leap).date == D("2040-02-28")


def test_private_practice_minor_extension_by_analogy() -> None:
    template = by_id("SANTE-LIB-01-MINEUR")
    assert template.force == "ANALOGIE"
    events = {"last_intervention": D("2020-02-29"), "birth": D("2015-08-20")}
    assert template.rule.deadline(events).date == D("2043-08-20")
    adult = {"last_intervention": D("2019-03-31"), "birth": D("1980-01-01")}
    assert template.rule.deadline(adult).date == D("2039-03-31")


@pytest.mark.parametrize(
    ("tid", "events", "expected"),
    [
        ("GEN-VIDEO-01", {"recording": "2024-01-31"}, "2024-02-29"),  # L13
        ("GEN-VIDEO-01", {"recording": "2023-01-31"}, "2023-02-28"),  # L9
        ("GEN-COMPTA-01", {"fiscal_year_end": "2023-12-31"}, "2033-12-31"),  # L24
        ("GEN-COMPTA-01", {"fiscal_year_end": "2023-06-30"}, "2033-06-30"),  # non-calendar FY
        ("GEN-COMPTA-01-CIVIL", {"document_date": "2023-03-15"}, "2033-12-31"),  # L24
        ("GEN-COOKIE-01", {"consent": "2020-02-29"}, "2021-03-29"),  # L18
        ("GEN-RH-06", {"birth": "1964-02-29"}, "2044-02-29"),  # L21
        ("GEN-RH-06", {"birth": "1961-02-28"}, "2041-02-28"),  # L22
        ("GEN-RH-01", {"last_contact": "2024-02-29"}, "2026-02-28"),  # L23
        ("GEN-RH-05-75ANS", {"birth": "2000-02-29"}, "2075-02-28"),  # L8 policy
        ("GEN-TEL-01", {"recording": "2023-08-31"}, "2024-02-29"),  # L12
        # R161-47 "quatre-vingt-dix jours au moins": Dec 31 + Jan 31 + 28 days = 90
        ("SANTE-LIB-02", {"transmission": "2023-11-30"}, "2024-02-28"),
        ("GEN-RH-08", {"document_date": "2021-03-15"}, "2027-03-15"),  # LPF L102 B: 6 years
        ("GEN-ALERTE-01", {"closure": "2023-12-31"}, "2024-02-29"),
        ("GEN-CONT-01", {"event_date": "2022-09-15"}, "2027-09-15"),  # no settlement
    ],
)
def test_other_legal_scenarios(tid: str, events: dict[str, str], expected: str) -> None:
    dates = {k: D(v) for k, v in events.items()}
    assert by_id(tid).rule.deadline(dates).date == D(expected)


def test_ehpad_resident_who_dies_in_the_home() -> None:
    rule = by_id("SANTE-EHPAD-01").rule
    died = {"birth": D("1932-02-29"), "last_stay": D("2021-11-03"), "death": D("2021-11-03")}
    assert rule.deadline(died).date == D("2031-11-03")
    left = {"birth": D("1940-05-01"), "last_stay": D("2021-11-03")}
    assert rule.deadline(left).date == D("2041-11-03")


# --------------------------------------------------------------------- file validation


def _document() -> dict[str, Any]:
    path = Path(__file__).resolve().parents[2] / "resources" / "templates" / "retention.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return copy.deepcopy(loaded)


def _write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "retention.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_shipped_file_loads_from_a_path(tmp_path: Path) -> None:
    library = _load_library(_write(tmp_path, _document()))
    assert library.ids() == LIBRARY.ids()


def test_duplicate_id_is_refused(tmp_path: Path) -> None:
    document = _document()
    document["templates"].append(copy.deepcopy(document["templates"][0]))
    with pytest.raises(TemplateError, match="duplicate id") as caught:
        _load_library(_write(tmp_path, document))
    assert caught.value.template_id == "SANTE-DM-01"
    assert caught.value.code == "template.invalid"


def test_bad_expression_names_template_field_and_position(tmp_path: Path) -> None:
    document = _document()
    document["templates"][3]["delete_after"] = "last_stay + 20 yers"
    with pytest.raises(TemplateError) as caught:
        _load_library(_write(tmp_path, document))
    error = caught.value
    assert error.template_id == document["templates"][3]["id"]
    assert error.field_name == "delete_after"
    assert error.position == 15
    assert isinstance(error.__cause__, RuleError)
    assert document["templates"][3]["id"] in str(error)
    assert "position 15" in str(error)


def test_bad_active_until_is_refused(tmp_path: Path) -> None:
    document = _document()
    index = next(i for i, t in enumerate(document["templates"]) if t["id"] == "SANTE-LIB-01")
    document["templates"][index]["active_until"] = "max(last_intervention + 5 years"
    with pytest.raises(TemplateError) as caught:
        _load_library(_write(tmp_path, document))
    assert caught.value.template_id == "SANTE-LIB-01"
    assert caught.value.field_name == "active_until"
    assert caught.value.position is not None


def test_example_must_cover_required_events(tmp_path: Path) -> None:
    document = _document()
    del document["templates"][0]["example"]["events"]["birth"]
    with pytest.raises(TemplateError, match="no date for birth") as caught:
        _load_library(_write(tmp_path, document))
    assert caught.value.template_id == "SANTE-DM-01"


def test_rule_events_must_be_described(tmp_path: Path) -> None:
    document = _document()
    del document["templates"][0]["events"]["death"]
    with pytest.raises(TemplateError, match="'death' is used but not described") as caught:
        _load_library(_write(tmp_path, document))
    assert caught.value.position == 3  # "if death? ..."


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("final_action", "burn", "final_action"),
        ("kind", "maximum", "kind"),
        ("force", "LOI-UE", "force"),
        ("title_fr", "  ", "title_fr"),
        ("id", "sante dm", "'id'"),
        ("events", {"Last Stay": "x"}, "snake_case"),
        ("example", {"events": {"last_stay": "15/03/2005"}, "expected": "2025-03-15"}, "ISO"),
    ],
)
def test_malformed_fields_are_refused(
    tmp_path: Path, key: str, value: object, message: str
) -> None:
    document = _document()
    document["templates"][0][key] = value
    with pytest.raises(TemplateError, match=message):
        _load_library(_write(tmp_path, document))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "invalid JSON"),
        ('{"version": 2, "templates": []}', "unsupported version"),
        ('{"version": 1, "templates": []}', "non-empty list"),
        ("[]", "JSON object"),
    ],
)
def test_malformed_files_are_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "retention.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TemplateError, match=message) as caught:
        _load_library(path)
    assert caught.value.file == str(path)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="cannot read"):
        _load_library(tmp_path / "absent.json")
