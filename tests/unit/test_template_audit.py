"""The December 2026 audit of the template library (shared/reference/template-audit.md):
every row is corrected or answered, each corrected or new template gives the date its text
gives, and the library carries versions, reasons, forces and the final action by status.

Every expected date below was computed by hand from the text the template cites (the
computation is in the comment: event date, the text's period, the result), never by running
the engine.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from domain.model import FinalAction
from domain.rules import parse
from domain.templates import (
    FORCE_LABELS,
    FORCES,
    STATUSES,
    WARNING_FORCES,
    TemplateError,
    _load_library,
    load_templates,
)
from domain.vocabulary import load_vocabularies

D = dt.date.fromisoformat
LIBRARY = load_templates()

#: Templates the audit made the library add (version 1: new, nothing to compare with).
NEW = {
    "SANTE-SAMU-01",
    "SANTE-CONT-01",
    "SANTE-PMSI-01",
    "SANTE-STUP-01",
    "SANTE-TISSUS-01",
    "SANTE-RECH-02-MDS",
    "SANTE-ESSMS-01",
}

# id, events, suspensions, expected last day of retention — computed by hand.
HAND_COMPUTED: list[tuple[str, dict[str, str], list[tuple[str, str]], str]] = [
    # Arrêté 20/10/2011 art. 1: « conservés pendant une durée de cinq ans ».
    # 2023-06-15 + 5 years = 2028-06-15.
    ("SANTE-SAMU-01", {"recording": "2023-06-15"}, [], "2028-06-15"),
    # Same, « suspendu par l'introduction de tout recours »: a complaint from 2024-01-10
    # to 2025-01-10 (366 days, 2024 is leap) moves 2028-06-15 by 366 days: 2029-06-16.
    ("SANTE-SAMU-01", {"recording": "2023-06-15"}, [("2024-01-10", "2025-01-10")],
     "2029-06-16"),
    # 5 years from 2020-02-29: 2025 has no 29 February, clamped to 2025-02-28.
    ("SANTE-SAMU-01", {"recording": "2020-02-29"}, [], "2025-02-28"),
    # CSP L1142-28: « dix ans à compter de la consolidation du dommage ».
    # 2019-05-20 + 10 years = 2029-05-20.
    ("SANTE-CONT-01", {"consolidation": "2019-05-20"}, [], "2029-05-20"),
    # CSP R6113-9-2: « six mois glissants ». 2024-08-31 + 6 months = 2025-02-28 (clamped).
    ("SANTE-PMSI-01", {"access": "2024-08-31"}, [], "2025-02-28"),
    # CSP R5132-36: dix ans « à compter de sa dernière mention ». 2015-12-31 -> 2025-12-31.
    ("SANTE-STUP-01", {"last_entry": "2015-12-31"}, [], "2025-12-31"),
    # Dir. 2004/23/CE art. 8: 30 years after clinical use. 2021-06-30 -> 2051-06-30.
    ("SANTE-TISSUS-01", {"clinical_use": "2021-06-30"}, [], "2051-06-30"),
    # Arrêté 8/11/2006 art. 2 al. 3: « quarante ans après la fin de la recherche ».
    # 2024-02-29 + 40 years = 2064-02-29 (2064 is a leap year).
    ("SANTE-RECH-02-MDS", {"end_of_trial": "2024-02-29"}, [], "2064-02-29"),
    # CNIL 2023-095: « 2 ans à compter du dernier contact ». 2024-02-29 -> 2026-02-28.
    ("SANTE-ESSMS-01", {"last_contact": "2024-02-29"}, [], "2026-02-28"),
    # LPF L102 B: « six ans à compter de la date à laquelle les documents ou pièces ont été
    # établis ». 2021-03-15 + 6 years = 2027-03-15 (the old rule gave 2024-12-31).
    ("GEN-RH-08", {"document_date": "2021-03-15"}, [], "2027-03-15"),
    # 2020-02-29 + 6 years: 2026 has no 29 February: 2026-02-28.
    ("GEN-RH-08", {"document_date": "2020-02-29"}, [], "2026-02-28"),
    # Regulation (EU) 536/2014 art. 58: « at least 25 years after the end of the clinical
    # trial ». 2024-01-31 + 25 years = 2049-01-31.
    ("SANTE-RECH-02", {"end_of_trial": "2024-01-31"}, [], "2049-01-31"),
    # R1123-68 -> arrêté 8/11/2006 (by analogy, unverified): 15 years. 2021-09-30 ->
    # 2036-09-30.
    ("SANTE-RECH-01", {"end_of_research": "2021-09-30"}, [], "2036-09-30"),
    # CSS R161-47: « quatre-vingt-dix jours au moins ». From 2023-11-30: 31 days to
    # 2023-12-31, 31 more to 2024-01-31 (62), 28 more to 2024-02-28 (90).
    ("SANTE-LIB-02", {"transmission": "2023-11-30"}, [], "2024-02-28"),
    # From 2024-01-01: 30 days to 2024-01-31, 29 to 2024-02-29 (59), 31 to 2024-03-31 (90).
    ("SANTE-LIB-02", {"transmission": "2024-01-01"}, [], "2024-03-31"),
    # R4624-45-9 (40 years after the last visit) and R4426-9 (« pouvant atteindre quarante
    # ans » after exposure): the ceiling is the later one, max(2050-06-30, 2049-12-31).
    ("SANTE-DMST-04", {"last_visit": "2010-06-30", "exposure_end": "2009-12-31"}, [],
     "2050-06-30"),
    # R4624-45-9: 40 years after the last visit. 2010-06-30 -> 2050-06-30.
    ("SANTE-DMST-01", {"last_visit": "2010-06-30"}, [], "2050-06-30"),
    # Former NS-57 / CNIL: 6 months. 2023-08-31 -> 2024-02-29 (2024 is leap).
    ("GEN-TEL-01", {"recording": "2023-08-31"}, [], "2024-02-29"),
    # Same source: 1 year. 2023-08-31 -> 2024-08-31.
    ("GEN-TEL-01-ANALYSE", {"recording": "2023-08-31"}, [], "2024-08-31"),
    # CNIL 2020-076 summary: 30 years after the last transfusion act. 2020-02-29 ->
    # 2050-02-28.
    ("SANTE-TRANSF-01", {"last_transfusion": "2020-02-29"}, [], "2050-02-28"),
    # R1112-7 for the record (20 years after the last visit: 2005-03-15 -> 2025-03-15) or
    # 30 years after a transfusion 2004-03-10 -> 2034-03-10: the later, 2034-03-10.
    ("SANTE-DM-01-TRANSF", {"birth": "1960-05-10", "last_stay": "2005-03-15",
                            "last_transfusion": "2004-03-10"}, [], "2034-03-10"),
    # R5121-195: 40 years. 2012-02-29 -> 2052-02-29 (2052 is leap).
    ("SANTE-PHARM-05", {"dispensing": "2012-02-29"}, [], "2052-02-29"),
    # R5132-10: ten years. 2019-10-31 -> 2029-10-31.
    ("SANTE-PHARM-01", {"dispensing": "2019-10-31"}, [], "2029-10-31"),
    # R5125-45: ten years. 2018-12-03 -> 2028-12-03.
    ("SANTE-PHARM-03", {"dispensing": "2018-12-03"}, [], "2028-12-03"),
    # Professional practice: 10 years. 2015-06-30 -> 2025-06-30.
    ("SANTE-LBM-01", {"report_date": "2015-06-30"}, [], "2025-06-30"),
    # L1111-18: « dix années à compter de sa clôture ». 2022-03-31 -> 2032-03-31.
    ("SANTE-DMP-01", {"closure": "2022-03-31"}, [], "2032-03-31"),
    # R1112-7: 20 years after the last visit, here an emergency visit on 2006-07-14
    # (adult, alive): 2026-07-14.
    ("SANTE-DM-01", {"birth": "1950-01-01", "last_stay": "2006-07-14"}, [], "2026-07-14"),
    ("SANTE-DM-01-PRIVE", {"birth": "1950-01-01", "last_stay": "2006-07-14"}, [],
     "2026-07-14"),
    ("SANTE-IMG-01", {"birth": "1950-01-01", "last_stay": "2006-07-14"}, [], "2026-07-14"),
    # R1112-7: a minor (born 2005-07-14) last seen 2006-03-01: 28th birthday 2033-07-14.
    ("SANTE-SOINS-01", {"birth": "2005-07-14", "last_stay": "2006-03-01"}, [],
     "2033-07-14"),
    # R1112-7 by analogy: resident died 2021-11-03 in the home: 10 years -> 2031-11-03.
    ("SANTE-EHPAD-01", {"birth": "1932-02-29", "last_stay": "2021-11-03",
                        "death": "2021-11-03"}, [], "2031-11-03"),
    # C. civ. 2224: 5 years after the end of the contract. 2023-01-31 -> 2028-01-31.
    ("SANTE-EHPAD-02", {"contract_end": "2023-01-31", "last_contact": "2023-03-15"}, [],
     "2028-01-31"),
    # C. civ. 2224: 5 years from the event. 2022-09-15 -> 2027-09-15.
    ("GEN-CONT-01", {"event_date": "2022-09-15"}, [], "2027-09-15"),
    # CNIL 2021-131 by analogy: 3 years after the last contact. 2021-06-15 -> 2024-06-15.
    ("GEN-COM-01", {"last_contact": "2021-06-15"}, [], "2024-06-15"),
    # 5 years after the end of the contract (C. civ. 2224). 2020-02-29 -> 2025-02-28.
    ("GEN-COM-02", {"contract_end": "2020-02-29"}, [], "2025-02-28"),
    # CNIL SAN-2022-020: 2 years of inactivity. 2022-05-31 -> 2024-05-31.
    ("GEN-COM-03", {"last_login": "2022-05-31"}, [], "2024-05-31"),
    # CNIL badges: 5 years for time records (2021-12-31 -> 2026-12-31) and 3 months for
    # movements (2023-11-30 -> 2024-02-29, clamped to the end of February).
    ("GEN-RH-07", {"event_date": "2021-12-31"}, [], "2026-12-31"),
    ("GEN-RH-07-ACCES", {"event_date": "2023-11-30"}, [], "2024-02-29"),
    # C. com. L123-22: ten years from the close of the financial year. 2023-06-30 ->
    # 2033-06-30; from a document of 2023-03-15 in a calendar year: 2023-12-31 + 10 years.
    ("GEN-COMPTA-01", {"fiscal_year_end": "2023-06-30"}, [], "2033-06-30"),
    ("GEN-COMPTA-01-CIVIL", {"document_date": "2023-03-15"}, [], "2033-12-31"),
    # CNIL 2021-122: between six months (2023-08-31 -> 2024-02-29) and one year
    # (2024-02-29 -> 2025-02-28).
    ("GEN-LOG-01", {"collection": "2023-08-31"}, [], "2024-02-29"),
    ("GEN-LOG-01-1AN", {"collection": "2024-02-29"}, [], "2025-02-28"),
    # Older texts (unverified): 2 months after closure. 2024-03-31 -> 2024-05-31.
    ("GEN-ALERTE-01", {"closure": "2024-03-31"}, [], "2024-05-31"),
    # Until the end of the procedure: the final decision's own date.
    ("GEN-ALERTE-01-PROC", {"final_decision": "2025-07-10"}, [], "2025-07-10"),
    # CNIL recommendation: 13 months. 2020-02-29 -> 2021-03-29.
    ("GEN-COOKIE-01", {"consent": "2020-02-29"}, [], "2021-03-29"),
]


@pytest.mark.parametrize(
    ("tid", "events", "suspensions", "expected"),
    HAND_COMPUTED,
    ids=[f"{row[0]}-{i}" for i, row in enumerate(HAND_COMPUTED)],
)
def test_corrected_template_gives_the_date_of_its_text(
    tid: str, events: dict[str, str], suspensions: list[tuple[str, str]], expected: str
) -> None:
    dates = {name: D(value) for name, value in events.items()}
    holds = [(D(start), D(end)) for start, end in suspensions]
    assert LIBRARY[tid].rule.deadline(dates, holds).date == D(expected)


def test_every_corrected_or_new_template_has_a_hand_computed_case() -> None:
    touched = {t.id for t in LIBRARY if t.version > 1} | NEW
    assert touched <= {row[0] for row in HAND_COMPUTED}


# (id, events, expected end of the active phase) — computed by hand.
ACTIVE_PHASES = [
    # CNIL (research methodologies): active until two years after the last publication:
    # 2023-02-28 + 2 years = 2025-02-28.
    ("SANTE-RECH-01", {"end_of_research": "2021-09-30", "last_publication": "2023-02-28"},
     "2025-02-28"),
    # No publication: until the final report, the end of the research itself.
    ("SANTE-RECH-01", {"end_of_research": "2021-09-30"}, "2021-09-30"),
    ("SANTE-RECH-02", {"end_of_trial": "2024-01-31", "last_publication": "2025-06-30"},
     "2027-06-30"),
    ("SANTE-RECH-02-MDS", {"end_of_trial": "2024-02-29"}, "2024-02-29"),
    # CNIL 2023-095: « Base active : 2 ans à compter du dernier contact ». 2023-03-15 ->
    # 2025-03-15.
    ("SANTE-EHPAD-02", {"contract_end": "2023-01-31", "last_contact": "2023-03-15"},
     "2025-03-15"),
]


@pytest.mark.parametrize(("tid", "events", "expected"), ACTIVE_PHASES)
def test_active_phase_of_a_corrected_template(
    tid: str, events: dict[str, str], expected: str
) -> None:
    active = LIBRARY[tid].active_rule
    assert active is not None
    assert active.deadline({k: D(v) for k, v in events.items()}).date == D(expected)


def test_medical_liability_without_consolidation_is_undetermined() -> None:
    deadline = LIBRARY["SANTE-CONT-01"].rule.deadline({})
    assert deadline.date is None and deadline.missing == ("consolidation",)


# ------------------------------------------------------ every row of the audit answered

#: Each row of template-audit.md and where the library answers it: templates (corrected or
#: new) or a "not_covered" topic (a word of its French title).
AUDIT_ROWS: dict[str, tuple[str, ...]] = {
    "serious 1: final action in public establishments": ("SANTE-DM-01", "SANTE-EHPAD-01"),
    "serious 2: call recordings, SAMU": ("GEN-TEL-01", "SANTE-SAMU-01"),
    "serious 3: research": ("SANTE-RECH-01", "SANTE-RECH-02", "SANTE-RECH-02-MDS"),
    "serious 4: pre-litigation": ("GEN-CONT-01", "SANTE-CONT-01"),
    "serious 5: payroll tax documents": ("GEN-RH-08",),
    "serious 6: laboratory reports": ("SANTE-LBM-01",),
    "serious 7: commercial": ("GEN-COM-01", "GEN-COM-02", "GEN-COM-03"),
    "partial: transfusion": ("SANTE-TRANSF-01", "SANTE-DM-01-TRANSF"),
    "partial: pharmacy": ("SANTE-PHARM-01", "SANTE-PHARM-03", "SANTE-PHARM-05"),
    "partial: occupational health": ("SANTE-DMST-01", "SANTE-DMST-04"),
    "partial: FSE 90 days": ("SANTE-LIB-02",),
    "partial: DMP": ("SANTE-DMP-01",),
    "partial: EHPAD-02": ("SANTE-EHPAD-02",),
    "partial: badges NS-42": ("GEN-RH-07", "GEN-RH-07-ACCES"),
    "partial: accounting": ("GEN-COMPTA-01", "GEN-COMPTA-01-CIVIL"),
    "partial: last stay anchor": ("SANTE-DM-01",),
    "partial: logs 2021-122": ("GEN-LOG-01", "GEN-LOG-01-1AN"),
    "unverified: whistleblowing": ("GEN-ALERTE-01", "GEN-ALERTE-01-PROC"),
    "unverified: RECH-02 and cookies": ("SANTE-RECH-02", "GEN-COOKIE-01"),
    "missing: SAMU": ("SANTE-SAMU-01",),
    "missing: PMSI access traces": ("SANTE-PMSI-01",),
    "missing: narcotics register": ("SANTE-STUP-01",),
    "missing: archive schedules and visa": ("not_covered:circulaires",),
    "missing: mortuary register": ("not_covered:mortuaire",),
    "missing: ESSMS social file": ("SANTE-ESSMS-01",),
    "missing: tissues and cells": ("SANTE-TISSUS-01",),
    "missing: donor register": ("not_covered:donneurs",),
    "missing: pathology": ("not_covered:anatomie",),
    "missing: IVG": ("not_covered:IVG",),
    "missing: AMP": ("not_covered:procréation",),
    "missing: other research": ("not_covered:Recherches",),
    "watch: Regulation 2024/1938": ("not_covered:2024/1938",),
}


@pytest.mark.parametrize("row", list(AUDIT_ROWS))
def test_every_audit_row_is_corrected_or_answered(row: str) -> None:
    for target in AUDIT_ROWS[row]:
        if target.startswith("not_covered:"):
            word = target.partition(":")[2]
            matches = [t for t in LIBRARY.not_covered if word in t.topic_fr]
            assert matches, (row, word)
            assert all(t.answer_fr.strip() and t.answer_en.strip() for t in matches)
        else:
            template = LIBRARY[target]
            assert template.version > 1 or target in NEW, (row, target)


# ----------------------------------------------------------- versions and their reasons


@pytest.mark.parametrize("template", list(LIBRARY), ids=LIBRARY.ids())
def test_every_template_has_a_version_and_a_corrected_one_its_reason(template: Any) -> None:
    assert isinstance(template.version, int) and template.version >= 1
    if template.version > 1:
        assert template.changes("fr").strip() and template.changes("en").strip()
        assert template.changes("fr") != template.changes("en")
    else:
        assert template.changes("fr") == template.changes("en") == ""


def test_new_templates_start_at_version_one() -> None:
    assert all(LIBRARY[tid].version == 1 for tid in NEW)


# ------------------------------------------------------------- force and final action


def test_forces_have_a_label_in_both_languages() -> None:
    assert set(FORCE_LABELS) == set(FORCES)
    for french, english in FORCE_LABELS.values():
        assert french.strip() and english.strip() and french != english
    template = LIBRARY["SANTE-LBM-01"]
    assert template.force == "PRATIQUE"
    assert template.force_label("fr").startswith("Pratique professionnelle")
    assert template.force_label("en").startswith("Professional practice")


@pytest.mark.parametrize(
    ("tid", "force"),
    [
        ("SANTE-TRANSF-01", "RECOMMANDATION"),
        ("SANTE-LBM-01", "PRATIQUE"),
        ("SANTE-PHARM-01", "NON-VERIFIE"),
        ("SANTE-RECH-01", "NON-VERIFIE"),
        ("SANTE-TISSUS-01", "NON-VERIFIE"),
        ("GEN-ALERTE-01", "NON-VERIFIE"),
        ("GEN-COM-01", "ANALOGIE"),
        ("GEN-COM-02", "ANALOGIE"),
        ("GEN-TEL-01", "RECOMMANDATION"),
        ("GEN-LOG-01", "RECOMMANDATION"),
        ("GEN-RH-08", "LOI"),
        ("SANTE-SAMU-01", "LOI"),
    ],
)
def test_force_says_what_the_source_is(tid: str, force: str) -> None:
    template = LIBRARY[tid]
    assert template.force == force
    assert template.needs_warning is (force in WARNING_FORCES)


def test_commercial_templates_never_apply_to_patients() -> None:
    for tid in ("GEN-COM-01", "GEN-COM-02"):
        template = LIBRARY[tid]
        assert "jamais des patients" in template.title_fr
        assert "never patients" in template.title_en
        assert "2021-131" in template.legal_reference
        assert "NS-48" not in template.legal_reference
    assert "gestion commerciale" not in LIBRARY["GEN-COM-03"].legal_reference


def test_six_month_recordings_exclude_medical_regulation() -> None:
    assert "SANTE-SAMU-01" in LIBRARY["GEN-TEL-01"].notes_fr
    assert "hors régulation médicale" in LIBRARY["GEN-TEL-01"].title_fr
    assert "suspendu" in LIBRARY["SANTE-SAMU-01"].notes_fr


def test_laboratory_reports_are_not_labelled_binding_law() -> None:
    template = LIBRARY["SANTE-LBM-01"]
    assert template.force != "LOI"
    assert "SANTE-DM-01" in template.notes_fr


def test_research_cites_the_current_article() -> None:
    assert "R1123-68" in LIBRARY["SANTE-RECH-01"].legal_reference
    assert "R1123-61" not in LIBRARY["SANTE-RECH-01"].legal_reference


@pytest.mark.parametrize("template", list(LIBRARY), ids=LIBRARY.ids())
def test_public_establishments_never_plainly_delete(template: Any) -> None:
    for status in ("public", "espic", None, "unknown"):
        assert template.final_action_for(status) not in {FinalAction.DELETE,
                                                          FinalAction.ANONYMISE}
    assert template.final_action_for("private") is template.final_action
    assert template.final_action is not FinalAction.ELIMINATE_WITH_VISA


@pytest.mark.parametrize(
    ("tid", "private", "public"),
    [
        ("SANTE-DM-01", FinalAction.DELETE, FinalAction.SORT),
        ("SANTE-EHPAD-01", FinalAction.DELETE, FinalAction.ELIMINATE_WITH_VISA),
        ("GEN-VIDEO-01", FinalAction.DELETE, FinalAction.ELIMINATE_WITH_VISA),
        ("GEN-ALERTE-01", FinalAction.ANONYMISE, FinalAction.ELIMINATE_WITH_VISA),
        ("SANTE-SAMU-01", FinalAction.DELETE, FinalAction.ELIMINATE_WITH_VISA),
    ],
)
def test_final_action_by_status(tid: str, private: FinalAction, public: FinalAction) -> None:
    template = LIBRARY[tid]
    assert template.final_action_for("private") is private
    assert template.final_action_for("public") is public
    assert template.final_action_for("espic") is public
    assert template.final_action_for(None) is public  # unknown counts as public
    assert template.to_rule(status="private").final_action is private
    assert template.to_rule().final_action is public
    assert STATUSES == ("public", "espic", "private")


def test_the_visa_action_is_a_vocabulary_term_in_both_languages() -> None:
    term = load_vocabularies().final_actions[FinalAction.ELIMINATE_WITH_VISA.value]
    assert term.fr == "Élimination soumise au visa des Archives"
    assert term.en == "Elimination subject to the archives' visa"
    codes = set(load_vocabularies().final_actions.codes())
    assert {action.value for action in FinalAction} == codes


# --------------------------------------------------------------------- file validation


def _document() -> dict[str, Any]:
    path = Path(__file__).resolve().parents[2] / "resources" / "templates" / "retention.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return copy.deepcopy(loaded)


def _load(tmp_path: Path, document: object) -> Any:
    path = tmp_path / "retention.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return _load_library(path)


def _first(document: dict[str, Any], tid: str) -> dict[str, Any]:
    found: dict[str, Any] = next(t for t in document["templates"] if t["id"] == tid)
    return found


@pytest.mark.parametrize(
    ("tid", "key", "value", "message"),
    [
        ("GEN-RH-08", "changes_fr", "", "changes_fr"),
        ("GEN-RH-08", "changes_en", "  ", "changes_en"),
        ("GEN-RH-08", "version", 0, "version"),
        ("GEN-RH-08", "version", "2", "version"),
        ("GEN-RH-08", "version", True, "version"),
        ("GEN-VIDEO-01", "final_action_public", "delete", "public archives"),
        ("GEN-VIDEO-01", "final_action_public", "anonymise", "public archives"),
        ("GEN-VIDEO-01", "final_action_public", "burn", "final_action_public"),
        ("GEN-VIDEO-01", "final_action", "eliminate_with_visa", "private"),
    ],
)
def test_malformed_versions_and_actions_are_refused(
    tmp_path: Path, tid: str, key: str, value: object, message: str
) -> None:
    document = _document()
    _first(document, tid)[key] = value
    with pytest.raises(TemplateError, match=message) as caught:
        _load(tmp_path, document)
    assert caught.value.template_id == tid


def test_a_template_without_version_is_version_one(tmp_path: Path) -> None:
    document = _document()
    del _first(document, "GEN-VIDEO-01")["version"]
    assert _load(tmp_path, document)["GEN-VIDEO-01"].version == 1


@pytest.mark.parametrize("value", [{"topic_fr": "x"}, "texte", [{"topic_fr": ""}]])
def test_malformed_not_covered_is_refused(tmp_path: Path, value: object) -> None:
    document = _document()
    document["not_covered"] = value
    with pytest.raises(TemplateError, match="not_covered"):
        _load(tmp_path, document)


def test_every_template_example_still_matches() -> None:
    for template in LIBRARY:
        assert parse(template.delete_after).deadline(template.example.events).date == (
            template.example.expected
        ), template.id
