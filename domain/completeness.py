"""Completeness checks of an activity, each with a stable code.

A check either does not apply to an activity (a processor check on an activity with no
processor), passes, or yields one finding per offending item (one per sensitive category
without an Art. 9 condition...). The completeness percentage is the share of applicable
checks that pass. The GUI translates the codes; ``Finding.params`` names the item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from dateutil.relativedelta import relativedelta

from domain.model import ProcessingActivity, RecipientKind, RetentionRule, Role, Safeguard
from domain.vocabulary import Vocabularies


class Severity(StrEnum):
    ERROR = "error"  # Art. 30 or a GDPR obligation is not met
    WARNING = "warning"  # good practice, or the DPO should look


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    params: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Completeness:
    findings: tuple[Finding, ...]
    applicable: int
    passed: int

    @property
    def percent(self) -> int:
        if self.applicable == 0:
            return 100
        return round(100 * self.passed / self.applicable)

    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.findings)


REVIEW_INTERVAL = relativedelta(months=12)
SENSITIVE_DATA_CRITERION = "sensitive_data"  # the EDPB's DPIA criterion an Art. 9/10 category meets

# A check returns None when it does not apply, else the findings (empty when it passes).
Check = Callable[[ProcessingActivity, Vocabularies, date], "list[Finding] | None"]


def _finding(code: str, severity: Severity, **params: object) -> Finding:
    return Finding(code, severity, MappingProxyType(dict(params)))


def _no_purpose(a: ProcessingActivity, v: Vocabularies, today: date) -> list[Finding]:
    return [] if a.purpose.strip() else [_finding("no_purpose", Severity.ERROR)]


def _no_legal_basis(a: ProcessingActivity, v: Vocabularies, today: date) -> list[Finding] | None:
    if a.role is Role.PROCESSOR:  # Art. 30.2 does not ask a processor for a legal basis
        return None
    return [] if a.legal_bases else [_finding("no_legal_basis", Severity.ERROR)]


def _no_data_subjects(a: ProcessingActivity, v: Vocabularies, today: date) -> list[Finding]:
    return [] if a.data_subjects else [_finding("no_data_subjects", Severity.ERROR)]


def _no_data_categories(a: ProcessingActivity, v: Vocabularies, today: date) -> list[Finding]:
    return [] if a.data_categories else [_finding("no_data_categories", Severity.ERROR)]


def _sensitive_without_condition(
    a: ProcessingActivity, v: Vocabularies, today: date
) -> list[Finding] | None:
    """Art. 9 categories (health...) need an Art. 9(2) condition; criminal data (Art. 10)
    needs instead the basis of Art. 10 with its note (the authority or the text that
    authorises the processing): an Art. 9(2) condition does not make it lawful."""
    articles = {c.code: v.category_article(c.code) for c in a.data_categories}
    special = [code for code, article in articles.items() if article == "9"]
    criminal = [code for code, article in articles.items() if article == "10"]
    if not (special or criminal) or a.role is Role.PROCESSOR:
        return None
    findings = []
    if not any(not v.is_art10_condition(c.code) for c in a.special_conditions):
        findings += [_finding("sensitive_without_art9", Severity.ERROR, category=code)
                     for code in special]
    if not any(v.is_art10_condition(c.code) and c.justification.strip()
               for c in a.special_conditions):
        findings += [_finding("criminal_without_art10", Severity.ERROR, category=code)
                     for code in criminal]
    return findings


def _category_without_retention(
    a: ProcessingActivity, v: Vocabularies, today: date
) -> list[Finding] | None:
    if not a.data_categories:
        return None
    return [
        _finding("category_without_retention", Severity.ERROR, category=c.code)
        for c in a.data_categories
        if c.retention is None or not c.retention.is_defined()
    ]


# The mark an import leaves on a retention it could only copy as text ("5 ans après la fin
# du contrat", Dastra's RetentionDescription, the CNIL model's column): the text is kept as
# the rule's written criteria, and the rule's ``template_id`` says it came from a file, not
# from the DPO. Writing the rule (rule editor, ``rules set``) replaces the mark.
IMPORTED_TEXT = "import:text"


def imported_text(rule: RetentionRule | None) -> str:
    """The retention a file gave as free text and nobody has turned into a rule yet ("" when
    the rule is computable, or when the DPO wrote it)."""
    if rule is None or rule.template_id != IMPORTED_TEXT or rule.delete_after.strip():
        return ""
    return rule.undetermined_criteria.strip()


def _retention_only_imported_text(
    a: ProcessingActivity, v: Vocabularies, today: date
) -> list[Finding] | None:
    """A category whose retention is only the text of an imported file: no date can be
    computed from it, so the activity is not complete until the DPO writes the rule."""
    texts = [(c.code, imported_text(c.retention)) for c in a.data_categories]
    if not any(text for _code, text in texts):
        return None
    return [
        _finding("retention_imported_text", Severity.WARNING, category=code, text=text)
        for code, text in texts
        if text
    ]


def _transfer_without_safeguard(
    a: ProcessingActivity, v: Vocabularies, today: date
) -> list[Finding] | None:
    if not a.transfers:
        return None
    findings = []
    for t in a.transfers:
        scope = v.adequacy_scope(t.country)
        if scope in ("eu_eea", "full"):
            continue
        # A partial decision (US DPF, CA/JP commercial) covers the recipient only if the
        # register says so (safeguard "adequacy"); elsewhere adequacy is no safeguard.
        if t.safeguard is None or (scope is None and t.safeguard is Safeguard.ADEQUACY):
            findings.append(
                _finding(
                    "transfer_without_safeguard",
                    Severity.ERROR,
                    recipient=t.recipient,
                    country=t.country,
                )
            )
    return findings


def _processor_without_contract(
    a: ProcessingActivity, v: Vocabularies, today: date
) -> list[Finding] | None:
    processors = [r for r in a.recipients if r.kind is RecipientKind.PROCESSOR]
    if not processors:
        return None
    return [
        _finding("processor_without_contract", Severity.ERROR, recipient=r.name)
        for r in processors
        if not r.contract_reference.strip()
    ]


def dpia_required_not_done(a: ProcessingActivity) -> bool:
    """The activity requires a DPIA (screening or the CNIL's list) that is not done."""
    return a.dpia.required and not a.dpia.done_on


def _dpia_not_done(a: ProcessingActivity, v: Vocabularies, today: date) -> list[Finding] | None:
    if not a.dpia.required:
        return None
    return [_finding("dpia_required_not_done", Severity.ERROR)] \
        if dpia_required_not_done(a) else []


def _no_security_measures(a: ProcessingActivity, v: Vocabularies, today: date) -> list[Finding]:
    return [] if a.security_measures else [_finding("no_security_measures", Severity.WARNING)]


def _missing_partners(a: ProcessingActivity, v: Vocabularies, today: date) -> list[Finding] | None:
    if a.role is Role.JOINT:
        return [] if a.joint_controllers else [_finding("joint_without_partners", Severity.ERROR)]
    if a.role is Role.PROCESSOR:
        if a.controllers_acted_for:
            return []
        return [_finding("processor_without_controllers", Severity.ERROR)]
    return None


def _review_overdue(a: ProcessingActivity, v: Vocabularies, today: date) -> list[Finding]:
    reference = a.last_reviewed_on or a.created_on
    if reference is None or reference + REVIEW_INTERVAL < today:
        return [
            _finding(
                "review_overdue",
                Severity.WARNING,
                last_reviewed=a.last_reviewed_on.isoformat() if a.last_reviewed_on else "",
            )
        ]
    return []


CHECKS: tuple[Check, ...] = (
    _no_purpose,
    _no_legal_basis,
    _no_data_subjects,
    _no_data_categories,
    _sensitive_without_condition,
    _category_without_retention,
    _retention_only_imported_text,
    _transfer_without_safeguard,
    _processor_without_contract,
    _dpia_not_done,
    _no_security_measures,
    _missing_partners,
    _review_overdue,
)

CODES: tuple[str, ...] = (
    "no_purpose",
    "no_legal_basis",
    "no_data_subjects",
    "no_data_categories",
    "sensitive_without_art9",
    "criminal_without_art10",
    "category_without_retention",
    "retention_imported_text",
    "transfer_without_safeguard",
    "processor_without_contract",
    "dpia_required_not_done",
    "no_security_measures",
    "joint_without_partners",
    "processor_without_controllers",
    "review_overdue",
)


def _run(activity: ProcessingActivity, voc: Vocabularies, today: date) -> Iterator[list[Finding]]:
    for check in CHECKS:
        result = check(activity, voc, today)
        if result is not None:
            yield result


def assess(activity: ProcessingActivity, voc: Vocabularies, today: date) -> Completeness:
    """Run every check on ``activity`` as of ``today``."""
    results = list(_run(activity, voc, today))
    return Completeness(
        findings=tuple(f for r in results for f in r),
        applicable=len(results),
        passed=sum(1 for r in results if not r),
    )
