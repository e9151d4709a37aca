"""Completeness checks: what the DPO sees missing on an activity, code by code."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from domain.completeness import (
    CODES,
    IMPORTED_TEXT,
    Completeness,
    Finding,
    Severity,
    assess,
    imported_text,
)
from domain.model import (
    DataCategoryUse,
    DpiaScreening,
    ProcessingActivity,
    Recipient,
    RecipientKind,
    RetentionRule,
    Role,
    Safeguard,
    SpecialCondition,
    Transfer,
)
from domain.vocabulary import Vocabularies, load_vocabularies
from tests.unit.fakes import TODAY, complete_activity, minimal_activity

RULE = RetentionRule(delete_after="last_stay + 20 years")


@pytest.fixture(scope="module")
def voc() -> Vocabularies:
    return load_vocabularies()


@dataclass(frozen=True)
class Case:
    """One stable code: an activity that triggers it (and only it), one that does not."""

    code: str
    severity: Severity
    triggers: ProcessingActivity
    passes: ProcessingActivity
    params: dict[str, object] = field(default_factory=dict)


CASES = [
    Case(
        "no_purpose",
        Severity.ERROR,
        triggers=complete_activity(purpose="   "),
        passes=complete_activity(purpose="Suivi des soins"),
    ),
    Case(
        "no_legal_basis",
        Severity.ERROR,
        triggers=complete_activity(legal_bases=()),
        # Art. 30.2: a processor's register has no legal basis to give.
        passes=complete_activity(
            role=Role.PROCESSOR, legal_bases=(), controllers_acted_for=("CHU de Nantes",)
        ),
    ),
    Case(
        "no_data_subjects",
        Severity.ERROR,
        triggers=complete_activity(data_subjects=()),
        passes=complete_activity(data_subjects=("Patients",)),
    ),
    Case(
        "no_data_categories",
        Severity.ERROR,
        triggers=complete_activity(data_categories=()),
        passes=complete_activity(data_categories=(DataCategoryUse("identity", retention=RULE),)),
    ),
    Case(
        "sensitive_without_art9",
        Severity.ERROR,
        triggers=complete_activity(special_conditions=()),
        passes=complete_activity(
            special_conditions=(),
            data_categories=(DataCategoryUse("identity", retention=RULE),),
        ),
        params={"category": "health"},
    ),
    Case(
        "criminal_without_art10",
        Severity.ERROR,
        # an Art. 9(2) condition does not cover criminal data, nor an Art. 10 basis unsaid
        triggers=complete_activity(
            special_conditions=(SpecialCondition("A9-2-g"), SpecialCondition("A10", "  ")),
            data_categories=(DataCategoryUse("criminal", retention=RULE),),
        ),
        passes=complete_activity(
            special_conditions=(SpecialCondition("A10", "Loi n° 2016-1691 (Sapin II), art. 8"),),
            data_categories=(DataCategoryUse("criminal", retention=RULE),),
        ),
        params={"category": "criminal"},
    ),
    Case(
        # a vendor's free text kept by an import: stored, but no date can be computed
        "retention_imported_text",
        Severity.WARNING,
        triggers=complete_activity(
            data_categories=(
                DataCategoryUse("identity", retention=RULE),
                DataCategoryUse("health", retention=RetentionRule(
                    undetermined_criteria="Duration of respective contracts",
                    template_id=IMPORTED_TEXT)),
            )
        ),
        passes=complete_activity(
            data_categories=(
                DataCategoryUse("identity", retention=RULE),
                # the DPO wrote the rule: the imported text no longer stands for it
                DataCategoryUse("health", retention=RetentionRule(
                    delete_after="last_stay + 20 years",
                    undetermined_criteria="Duration of respective contracts",
                    template_id=IMPORTED_TEXT)),
            )
        ),
        params={"category": "health", "text": "Duration of respective contracts"},
    ),
    Case(
        "category_without_retention",
        Severity.ERROR,
        triggers=complete_activity(
            data_categories=(
                DataCategoryUse("identity", retention=RULE),
                DataCategoryUse("health", retention=RetentionRule(delete_after="  ")),
            )
        ),
        passes=complete_activity(
            data_categories=(
                DataCategoryUse("identity", retention=RULE),
                DataCategoryUse(
                    "health",
                    retention=RetentionRule(undetermined_criteria="Jusqu'à la fin du litige"),
                ),
            )
        ),
        params={"category": "health"},
    ),
    Case(
        "transfer_without_safeguard",
        Severity.ERROR,
        triggers=complete_activity(transfers=(Transfer("Sous-traitant ultérieur", "CN"),)),
        passes=complete_activity(transfers=(Transfer("Laboratoire partenaire", "CH"),)),
        params={"recipient": "Sous-traitant ultérieur", "country": "CN"},
    ),
    Case(
        "processor_without_contract",
        Severity.ERROR,
        triggers=complete_activity(
            recipients=(Recipient(RecipientKind.PROCESSOR, "Hébergeur HDS", " "),)
        ),
        # An internal recipient needs no Art. 28 contract.
        passes=complete_activity(recipients=(Recipient(RecipientKind.INTERNAL, "Pharmacie"),)),
        params={"recipient": "Hébergeur HDS"},
    ),
    Case(
        "dpia_required_not_done",
        Severity.ERROR,
        triggers=complete_activity(dpia=DpiaScreening(criteria=("sensitive_data", "large_scale"))),
        passes=complete_activity(dpia=DpiaScreening(criteria=("sensitive_data",))),
    ),
    Case(
        "no_security_measures",
        Severity.WARNING,
        triggers=complete_activity(security_measures=()),
        passes=complete_activity(),
    ),
    Case(
        "joint_without_partners",
        Severity.ERROR,
        triggers=complete_activity(role=Role.JOINT),
        passes=complete_activity(role=Role.JOINT, joint_controllers=("ARS Pays de la Loire",)),
    ),
    Case(
        "processor_without_controllers",
        Severity.ERROR,
        triggers=complete_activity(role=Role.PROCESSOR),
        passes=complete_activity(role=Role.PROCESSOR, controllers_acted_for=("GHT 44",)),
    ),
    Case(
        "review_overdue",
        Severity.WARNING,
        triggers=complete_activity(last_reviewed_on=date(2025, 11, 28)),
        passes=complete_activity(last_reviewed_on=date(2025, 11, 29)),
        params={"last_reviewed": "2025-11-28"},
    ),
]


def test_every_stable_code_has_a_case() -> None:
    assert sorted(c.code for c in CASES) == sorted(CODES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.code)
def test_code_is_reported_alone_with_its_severity_and_params(case: Case, voc: Vocabularies) -> None:
    result = assess(case.triggers, voc, TODAY)

    assert result.findings == (Finding(case.code, case.severity, case.params),)
    assert result.passed == result.applicable - 1


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.code)
def test_code_is_not_reported_when_the_item_is_there(case: Case, voc: Vocabularies) -> None:
    result = assess(case.passes, voc, TODAY)

    assert result.findings == ()
    assert result.percent == 100


def test_complete_activity_is_100_percent(voc: Vocabularies) -> None:
    result = assess(complete_activity(), voc, TODAY)

    assert result.findings == ()
    # every check but the joint/processor partners check applies to a controller
    assert (result.applicable, result.passed, result.percent) == (11, 11, 100)


def test_bare_activity_lists_what_art30_asks(voc: Vocabularies) -> None:
    result = assess(minimal_activity(), voc, TODAY)

    assert result.codes() == (
        "no_purpose",
        "no_legal_basis",
        "no_data_subjects",
        "no_data_categories",
        "no_security_measures",
        "review_overdue",
    )
    assert (result.applicable, result.passed, result.percent) == (6, 0, 0)
    assert dict(result.findings[-1].params) == {"last_reviewed": ""}


def test_percent_is_share_of_applicable_checks_that_pass(voc: Vocabularies) -> None:
    activity = complete_activity(purpose="", security_measures=())

    result = assess(activity, voc, TODAY)

    assert (result.applicable, result.passed) == (11, 9)
    assert result.percent == 82  # round(100 * 9 / 11)


def test_check_failing_on_several_items_counts_once_in_percent(voc: Vocabularies) -> None:
    activity = complete_activity(
        special_conditions=(),
        data_categories=(
            DataCategoryUse("health", retention=RULE),
            DataCategoryUse("genetic", retention=RULE),
            DataCategoryUse("criminal", retention=RULE),
        ),
    )

    result = assess(activity, voc, TODAY)

    assert [dict(f.params) for f in result.findings] == [
        {"category": "health"},
        {"category": "genetic"},
        {"category": "criminal"},
    ]
    assert (result.applicable, result.passed, result.percent) == (11, 10, 91)


def test_activity_with_no_applicable_check_is_100_percent() -> None:
    assert Completeness(findings=(), applicable=0, passed=0).percent == 100


# --- sensitive data ---------------------------------------------------------------------


def test_processor_is_not_asked_for_an_art9_condition(voc: Vocabularies) -> None:
    activity = complete_activity(
        role=Role.PROCESSOR, special_conditions=(), controllers_acted_for=("CHU",)
    )

    assert "sensitive_without_art9" not in assess(activity, voc, TODAY).codes()


def test_an_art10_basis_is_no_art9_condition(voc: Vocabularies) -> None:
    activity = complete_activity(
        special_conditions=(SpecialCondition("A10", "Loi n° 2016-1691, art. 8"),),
        data_categories=(DataCategoryUse("health", retention=RULE),
                         DataCategoryUse("criminal", retention=RULE)),
    )

    assert assess(activity, voc, TODAY).codes() == ("sensitive_without_art9",)


def test_own_category_is_not_sensitive(voc: Vocabularies) -> None:
    activity = complete_activity(
        special_conditions=(),
        data_categories=(DataCategoryUse("badge_logs", label="Journaux de badge", retention=RULE),),
    )

    assert assess(activity, voc, TODAY).findings == ()


# --- transfers outside the EU -----------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "safeguard", "flagged"),
    [
        ("CN", None, True),  # no adequacy decision, nothing given
        ("CN", Safeguard.ADEQUACY, True),  # claims an adequacy decision that does not exist
        ("CN", Safeguard.SCC, False),
        ("CN", Safeguard.DEROGATION_49, False),
        ("IN", Safeguard.BCR, False),
        ("CH", None, False),  # full adequacy decision
        ("GB", None, False),
        ("DE", None, False),  # EU member: not a transfer at all
        ("NO", None, False),  # EEA
        ("ch", None, False),  # codes are case-insensitive here
    ],
)
def test_transfer_safeguard(
    country: str, safeguard: Safeguard | None, flagged: bool, voc: Vocabularies
) -> None:
    activity = complete_activity(transfers=(Transfer("Prestataire", country, safeguard),))

    findings = assess(activity, voc, TODAY).findings

    expected = (
        (
            Finding(
                "transfer_without_safeguard",
                Severity.ERROR,
                {"recipient": "Prestataire", "country": country},
            ),
        )
        if flagged
        else ()
    )
    assert findings == expected


@pytest.mark.parametrize("country", ["US", "CA", "JP"])
def test_transfer_to_partially_adequate_country_needs_a_stated_safeguard(
    country: str, voc: Vocabularies
) -> None:
    activity = complete_activity(transfers=(Transfer("Éditeur", country, None),))

    assert assess(activity, voc, TODAY).codes() == ("transfer_without_safeguard",)


def test_partially_adequate_country_with_adequacy_stated_passes(voc: Vocabularies) -> None:
    activity = complete_activity(
        transfers=(Transfer("Éditeur certifié DPF", "US", Safeguard.ADEQUACY, "dpf-123"),)
    )

    assert assess(activity, voc, TODAY).findings == ()


def test_one_finding_per_uncovered_transfer(voc: Vocabularies) -> None:
    activity = complete_activity(
        transfers=(
            Transfer("A", "CN"),
            Transfer("B", "CH"),
            Transfer("C", "RU", Safeguard.ADEQUACY),
        )
    )

    findings = assess(activity, voc, TODAY).findings

    assert [dict(f.params) for f in findings] == [
        {"recipient": "A", "country": "CN"},
        {"recipient": "C", "country": "RU"},
    ]


# --- processors -------------------------------------------------------------------------


def test_one_finding_per_processor_without_contract(voc: Vocabularies) -> None:
    activity = complete_activity(
        recipients=(
            Recipient(RecipientKind.PROCESSOR, "Hébergeur", "CT-1"),
            Recipient(RecipientKind.PROCESSOR, "Prestataire paie"),
            Recipient(RecipientKind.INSTITUTIONAL_PARTNER, "CPAM"),
            Recipient(RecipientKind.PROCESSOR, "Archiveur"),
        )
    )

    findings = assess(activity, voc, TODAY).findings

    assert [f.params["recipient"] for f in findings] == ["Prestataire paie", "Archiveur"]


# --- DPIA -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dpia", "applies", "flagged"),
    [
        (DpiaScreening(), False, False),
        (DpiaScreening(criteria=("large_scale",)), False, False),
        (DpiaScreening(criteria=("large_scale", "sensitive_data")), True, True),
        (DpiaScreening(mandatory_type="health_care_establishments"), True, True),
        (
            DpiaScreening(mandatory_type="health_care_establishments", done_on=date(2025, 1, 1)),
            True,
            False,
        ),
        (
            DpiaScreening(
                criteria=("large_scale", "sensitive_data", "vulnerable_subjects"),
                done_on=date(2025, 1, 1),
            ),
            True,
            False,
        ),
    ],
)
def test_dpia_screening(
    dpia: DpiaScreening, applies: bool, flagged: bool, voc: Vocabularies
) -> None:
    with_dpia = assess(complete_activity(dpia=dpia), voc, TODAY)
    baseline = assess(complete_activity(dpia=DpiaScreening()), voc, TODAY)

    assert with_dpia.applicable == baseline.applicable + (1 if applies else 0)
    assert with_dpia.codes() == (("dpia_required_not_done",) if flagged else ())


# --- yearly review ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_reviewed", "as_of", "overdue"),
    [
        (date(2025, 11, 29), date(2026, 11, 29), False),  # exactly 12 months: still on time
        (date(2025, 11, 29), date(2026, 11, 30), True),  # the day after
        (date(2024, 2, 29), date(2025, 2, 28), False),  # leap day + 12 months = 28 Feb
        (date(2024, 2, 29), date(2025, 3, 1), True),
        (date(2025, 1, 31), date(2026, 1, 31), False),
        (date(2025, 12, 31), date(2026, 12, 31), False),
        (date(2025, 12, 31), date(2027, 1, 1), True),
        (date(2026, 11, 29), date(2026, 11, 29), False),  # reviewed today
    ],
)
def test_review_overdue_after_twelve_months(
    last_reviewed: date, as_of: date, overdue: bool, voc: Vocabularies
) -> None:
    activity = complete_activity(created_on=date(2020, 1, 1), last_reviewed_on=last_reviewed)

    findings = assess(activity, voc, as_of).findings

    expected = (
        (Finding("review_overdue", Severity.WARNING, {"last_reviewed": last_reviewed.isoformat()}),)
        if overdue
        else ()
    )
    assert findings == expected


@pytest.mark.parametrize(
    ("created", "overdue"),
    [(date(2025, 11, 29), False), (date(2025, 11, 28), True)],
)
def test_never_reviewed_activity_counts_from_its_creation(
    created: date, overdue: bool, voc: Vocabularies
) -> None:
    activity = complete_activity(created_on=created, last_reviewed_on=None)

    findings = assess(activity, voc, TODAY).findings

    # never reviewed: the DPO sees an empty "last reviewed" date
    expected = (Finding("review_overdue", Severity.WARNING, {"last_reviewed": ""}),)
    assert findings == (expected if overdue else ())


def test_undetermined_criteria_the_dpo_wrote_are_not_flagged_as_imported(
        voc: Vocabularies) -> None:
    """The CNIL accepts written criteria when no duration can be set: chosen by the DPO
    (no import mark), they complete the category."""
    chosen = RetentionRule(undetermined_criteria="Jusqu'à la fin du contentieux")
    activity = complete_activity(data_categories=(
        DataCategoryUse("identity", retention=RULE),
        DataCategoryUse("health", retention=chosen)))

    assert imported_text(chosen) == ""
    assert assess(activity, voc, TODAY).findings == ()
