"""The register of processing activities (GDPR Art. 30), as pure values.

Everything Article 30 asks, laid out as the CNIL model register and the ICO template do:
the organisation (``Entity``) and its activities (``ProcessingActivity``), each with its
purposes, legal bases, Art. 9(2) conditions, data subjects, data categories (each with its
retention rule), recipients, transfers outside the EU, security measures and DPIA screening.

Values are frozen dataclasses; an edit is ``dataclasses.replace``. Codes are the stable codes
of ``resources/vocabularies`` (see ``domain.vocabulary``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Role(StrEnum):
    CONTROLLER = "controller"  # Art. 30.1
    PROCESSOR = "processor"  # Art. 30.2
    JOINT = "joint"  # joint controller, Art. 26


class Status(StrEnum):
    DRAFT = "draft"
    VALIDATED = "validated"


class EstablishmentStatus(StrEnum):
    """What law an establishment's records fall under. In a public establishment (public
    hospital, public EHPAD) and an ESPIC (private, in the public hospital service) records
    are public archives: destroying them needs the archives administration's visa (Code du
    patrimoine L212-2). Unknown counts as public, the stricter procedure."""

    PUBLIC = "public"
    ESPIC = "espic"
    PRIVATE = "private"

    @classmethod
    def read(cls, code: str | None) -> EstablishmentStatus:
        """The status stored as ``code``; an unknown or missing one is public."""
        try:
            return cls(code or cls.PUBLIC)
        except ValueError:
            return cls.PUBLIC


class RecipientKind(StrEnum):
    INTERNAL = "internal"
    PROCESSOR = "processor"
    INSTITUTIONAL_PARTNER = "institutional_partner"
    COMMERCIAL_PARTNER = "commercial_partner"
    THIRD_COUNTRY = "third_country"
    OTHER = "other"


class Safeguard(StrEnum):
    ADEQUACY = "adequacy"
    SCC = "scc"
    BCR = "bcr"
    CODE_OF_CONDUCT = "code_of_conduct"
    CERTIFICATION = "certification"
    DEROGATION_49 = "derogation_49"
    AD_HOC_CLAUSES = "ad_hoc_clauses"


class FinalAction(StrEnum):
    DELETE = "delete"
    ANONYMISE = "anonymise"
    ARCHIVE = "archive"  # transfer to permanent public archives
    SORT = "sort"  # sort final "T": sample, keep some
    # public archives (public establishments, ESPIC): an elimination proposed, then carried
    # out only after the archives administration's visa (Code du patrimoine L212-2)
    ELIMINATE_WITH_VISA = "eliminate_with_visa"


@dataclass(frozen=True)
class Contact:
    """A person the register names: DPO, representative, owner."""

    name: str = ""
    email: str = ""
    phone: str = ""
    organisation: str = ""  # the external company for an outsourced DPO
    address: str = ""

    def is_empty(self) -> bool:
        return not any(dataclasses.astuple(self))


@dataclass(frozen=True)
class Entity:
    """An organisation that keeps a register: an establishment, possibly part of a group."""

    name: str
    id: int | None = None
    siren: str = ""
    finess: str = ""
    address: str = ""
    group: str = ""
    dpo: Contact = field(default_factory=Contact)
    representative: Contact = field(default_factory=Contact)
    # Art. 30(1)(a): the controller's contact details beyond its name and address (the
    # person who answers for it, the director: name, phone, email).
    controller: Contact = field(default_factory=Contact)
    status: EstablishmentStatus = EstablishmentStatus.PUBLIC
    version: int = 0


@dataclass(frozen=True)
class LegalBasis:
    code: str  # A6-1-a ... A6-1-f
    justification: str = ""


@dataclass(frozen=True)
class SpecialCondition:
    code: str  # A9-2-a ... A9-2-j
    justification: str = ""


@dataclass(frozen=True)
class RetentionRule:
    """How long one data category of one activity is kept, as rule expressions.

    ``delete_after`` is the last day of retention (an expression of the rule language); when
    it cannot be computed ("undetermined"), ``undetermined_criteria`` holds the written
    criteria the CNIL accepts instead. A rule set from a template of the library remembers
    the template and its version (``domain.library_updates`` compares them with the library).
    """

    delete_after: str = ""
    active_until: str = ""
    undetermined_criteria: str = ""
    final_action: FinalAction = FinalAction.DELETE
    legal_reference: str = ""
    justification: str = ""
    template_id: str = ""
    # The version of the template when the rule was copied from it; rules written before
    # versions were recorded count as 1, the version every template had then.
    template_version: int = 1
    # A corrected template's version the DPO chose not to adopt, and why (0: none).
    kept_template_version: int = 0
    kept_reason: str = ""

    def is_defined(self) -> bool:
        return bool(self.delete_after.strip() or self.undetermined_criteria.strip())


@dataclass(frozen=True)
class DataCategoryUse:
    """One category of data an activity processes (CNIL code or the activity's own)."""

    code: str
    description: str = ""
    label: str = ""  # only for an activity's own categories; CNIL ones take the vocabulary's
    retention: RetentionRule | None = None


@dataclass(frozen=True)
class Recipient:
    kind: RecipientKind
    name: str
    contract_reference: str = ""  # for a processor: the Art. 28 contract
    country: str = ""  # ISO 3166-1 alpha-2, empty when in France


@dataclass(frozen=True)
class Transfer:
    """A transfer outside the EU/EEA (Art. 44-49)."""

    recipient: str
    country: str  # ISO 3166-1 alpha-2
    safeguard: Safeguard | None = None
    documentation: str = ""  # link or reference to the safeguard's documentation


@dataclass(frozen=True)
class SecurityMeasure:
    code: str
    detail: str = ""


@dataclass(frozen=True)
class DpiaScreening:
    """DPIA screening: the EDPB criteria that apply, and the CNIL mandatory list."""

    criteria: tuple[str, ...] = ()
    mandatory_type: str = ""  # a code of the CNIL's list of processing requiring a DPIA
    done_on: date | None = None
    reference: str = ""
    notes: str = ""

    @property
    def required(self) -> bool:
        return len(self.criteria) >= 2 or bool(self.mandatory_type)


@dataclass(frozen=True)
class ProcessingActivity:
    entity_id: int
    ref: str
    name: str
    id: int | None = None
    role: Role = Role.CONTROLLER
    status: Status = Status.DRAFT
    department: str = ""
    owner: Contact = field(default_factory=Contact)
    purpose: str = ""
    sub_purposes: tuple[str, ...] = ()
    legal_bases: tuple[LegalBasis, ...] = ()
    special_conditions: tuple[SpecialCondition, ...] = ()
    data_subjects: tuple[str, ...] = ()
    data_categories: tuple[DataCategoryUse, ...] = ()
    data_sources: tuple[str, ...] = ()
    recipients: tuple[Recipient, ...] = ()
    transfers: tuple[Transfer, ...] = ()
    security_measures: tuple[SecurityMeasure, ...] = ()
    systems: tuple[str, ...] = ()
    dpia: DpiaScreening = field(default_factory=DpiaScreening)
    joint_controllers: tuple[str, ...] = ()  # role JOINT: the other controllers
    controllers_acted_for: tuple[str, ...] = ()  # role PROCESSOR: the controllers
    notes: str = ""
    created_on: date | None = None
    updated_on: date | None = None
    last_reviewed_on: date | None = None
    archived_on: date | None = None  # ended: kept with its history, out of the live register
    version: int = 0

    def category(self, code: str) -> DataCategoryUse | None:
        return next((c for c in self.data_categories if c.code == code), None)


# Fields a user edits; the others are kept by the services (id, status, dates, version).
EDITABLE_FIELDS: frozenset[str] = frozenset(
    f.name
    for f in dataclasses.fields(ProcessingActivity)
    if f.name
    not in {"id", "entity_id", "status", "created_on", "updated_on", "last_reviewed_on",
            "archived_on", "version"}
)
