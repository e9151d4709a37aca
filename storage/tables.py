"""SQLModel tables of the register. Rows end in ``Row``; the domain never sees them.

Lists of plain strings (sub-purposes, data subjects...) are JSON text columns; lists of
structured items that the register is queried by (legal bases, categories, recipients,
transfers, security measures) are child tables, ordered by ``position``. Constraint names
follow one convention, set before the first table, so that Alembic's batch mode on SQLite
can find them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION
metadata: MetaData = SQLModel.metadata


def _parent(table: str) -> Column[int]:
    return Column(Integer, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False,
                  index=True)


class EntityRow(SQLModel, table=True):
    __tablename__ = "entity"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    siren: str = ""
    finess: str = ""
    address: str = ""
    group_name: str = ""
    dpo: str = Field(default="{}", sa_type=Text)  # JSON of a Contact
    representative: str = Field(default="{}", sa_type=Text)
    controller: str = Field(default="{}", sa_type=Text)  # JSON of a Contact (migration 0008)
    status: str = "public"  # EstablishmentStatus (migration 0010)
    version: int = 0


class ActivityRow(SQLModel, table=True):
    __tablename__ = "activity"
    __table_args__ = (UniqueConstraint("entity_id", "ref", name="uq_activity_entity_ref"),)
    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = Field(sa_column=_parent("entity"))
    ref: str
    name: str
    role: str = "controller"
    status: str = "draft"
    department: str = ""
    owner: str = Field(default="{}", sa_type=Text)
    purpose: str = Field(default="", sa_type=Text)
    sub_purposes: str = Field(default="[]", sa_type=Text)
    data_subjects: str = Field(default="[]", sa_type=Text)
    data_sources: str = Field(default="[]", sa_type=Text)
    systems: str = Field(default="[]", sa_type=Text)
    joint_controllers: str = Field(default="[]", sa_type=Text)
    controllers_acted_for: str = Field(default="[]", sa_type=Text)
    dpia_criteria: str = Field(default="[]", sa_type=Text)
    dpia_mandatory_type: str = ""
    dpia_done_on: date | None = None
    dpia_reference: str = ""
    dpia_notes: str = Field(default="", sa_type=Text)
    notes: str = Field(default="", sa_type=Text)
    created_on: date | None = None
    updated_on: date | None = None
    last_reviewed_on: date | None = None
    archived_on: date | None = None
    version: int = 0


class LegalBasisRow(SQLModel, table=True):
    __tablename__ = "activity_legal_basis"
    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(sa_column=_parent("activity"))
    position: int = 0
    code: str
    justification: str = Field(default="", sa_type=Text)


class SpecialConditionRow(SQLModel, table=True):
    __tablename__ = "activity_special_condition"
    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(sa_column=_parent("activity"))
    position: int = 0
    code: str
    justification: str = Field(default="", sa_type=Text)


class DataCategoryRow(SQLModel, table=True):
    """A data category of an activity, with its retention rule (null columns: no rule)."""

    __tablename__ = "activity_data_category"
    __table_args__ = (
        UniqueConstraint("activity_id", "code", name="uq_activity_data_category_code"),
    )
    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(sa_column=_parent("activity"))
    position: int = 0
    code: str
    label: str = ""
    description: str = Field(default="", sa_type=Text)
    has_retention: bool = False
    retention_delete_after: str = Field(default="", sa_type=Text)
    retention_active_until: str = Field(default="", sa_type=Text)
    retention_undetermined_criteria: str = Field(default="", sa_type=Text)
    retention_final_action: str = "delete"
    retention_legal_reference: str = Field(default="", sa_type=Text)
    retention_justification: str = Field(default="", sa_type=Text)
    retention_template_id: str = ""
    # the template's version the rule was copied from (1: written before versions were kept)
    retention_template_version: int = 1
    # a corrected version the DPO chose not to adopt (0: none), and why
    retention_kept_template_version: int = 0
    retention_kept_reason: str = Field(default="", sa_type=Text)

class RecipientRow(SQLModel, table=True):
    __tablename__ = "activity_recipient"
    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(sa_column=_parent("activity"))
    position: int = 0
    kind: str
    name: str
    contract_reference: str = ""
    country: str = ""


class TransferRow(SQLModel, table=True):
    __tablename__ = "activity_transfer"
    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(sa_column=_parent("activity"))
    position: int = 0
    recipient: str
    country: str
    safeguard: str | None = None
    documentation: str = Field(default="", sa_type=Text)


class SecurityMeasureRow(SQLModel, table=True):
    __tablename__ = "activity_security_measure"
    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(sa_column=_parent("activity"))
    position: int = 0
    code: str
    detail: str = Field(default="", sa_type=Text)


class AuditEntryRow(SQLModel, table=True):
    """One change to the register. Append-only; each entry hashes the previous one."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        # The history of one activity or entity, shown in its editor.
        Index("ix_audit_entry_object", "object_type", "object_key"),
        {"sqlite_autoincrement": True},  # ids are never reused: a deleted tail shows
    )
    id: int | None = Field(default=None, primary_key=True)
    at: str  # UTC timestamp, ISO 8601
    actor: str
    action: str  # create | update | delete
    object_type: str
    object_key: str
    field: str = ""
    old_value: str | None = Field(default=None, sa_type=Text)
    new_value: str | None = Field(default=None, sa_type=Text)
    prev_hash: str
    hash: str = Field(unique=True)


class AuditHeadRow(SQLModel, table=True):
    """The end of the audit chain as the application last wrote it: one row (id 1), updated
    in the same transaction as every append. Entries deleted from the end of the log leave
    it pointing past the last one, on SQLite and on PostgreSQL alike."""

    __tablename__ = "audit_head"
    id: int | None = Field(default=None, primary_key=True)  # always 1
    last_id: int  # the id of the last entry appended (0: none yet)
    last_hash: str  # its hash (the genesis hash when none)


# --- retention: inventories of records and legal holds ----------------------------------

EVENT_SLOTS = 8  # an inventory maps up to 8 event names onto the columns d0 ... d7


class InventoryRow(SQLModel, table=True):
    """One loaded extract of records for an activity's data category.

    ``events`` is the JSON list of event names in slot order: ``events[i]`` is stored in
    column ``d{i}`` of its records. Loading again for the same activity and category
    replaces the inventory (in one transaction).
    """

    __tablename__ = "inventory"
    __table_args__ = (
        UniqueConstraint("activity_id", "category", name="uq_inventory_activity_category"),
    )
    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(sa_column=_parent("activity"))
    category: str
    source: str = ""  # the file it was loaded from
    loaded_at: str = ""  # UTC timestamp, ISO 8601
    loaded_by: str = ""
    record_count: int = 0
    events: str = Field(default="[]", sa_type=Text)
    id_column: str = ""
    stage_column: str = ""
    # Every record of the inventory has first_row <= inventory_record.id <= last_row (a load
    # inserts its rows one after the other); reads of one inventory scan that range rather
    # than use an index on inventory_id. Rows of another inventory can lie in the range
    # (PostgreSQL, two loads at once): reads keep their inventory_id condition. None: not
    # known (rows written by hand), the inventory_id condition alone.
    first_row: int | None = None
    last_row: int | None = None


class InventoryRecordRow(SQLModel, table=True):
    """A record of an inventory: a pseudonymous id, its stage and up to 8 event dates.

    A unique index (record_id, inventory_id) keeps ids unique per inventory and finds a
    record by id. It is an index rather than a table constraint so that a big load can drop
    it and build it again at the end, in the same transaction (storage.inventory). The id
    comes first because SQLite sorts text keys fast only on the first column, and the reads
    of one inventory need no index of their own: they scan its range of rows
    (``InventoryRow.first_row``; migration 0007).
    """

    __tablename__ = "inventory_record"
    __table_args__ = (
        Index("uq_inventory_record_id", "record_id", "inventory_id", unique=True),
    )
    id: int | None = Field(default=None, primary_key=True)
    inventory_id: int = Field(sa_column=Column(
        Integer, ForeignKey("inventory.id", ondelete="CASCADE"), nullable=False
    ))
    record_id: str
    stage: str = "active"  # active | archive
    d0: date | None = None
    d1: date | None = None
    d2: date | None = None
    d3: date | None = None
    d4: date | None = None
    d5: date | None = None
    d6: date | None = None
    d7: date | None = None


class LegalHoldRow(SQLModel, table=True):
    """A legal hold (litigation, judicial request, claim): suspends the retention clock.

    It covers an activity, one of its categories (``category``), or listed records (rows of
    ``legal_hold_record``); from ``starts_on`` to ``ends_on`` (half-open), open-ended when
    ``ends_on`` is null.
    """

    __tablename__ = "legal_hold"
    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(sa_column=_parent("activity"))
    category: str = ""  # empty: every category of the activity
    starts_on: date
    ends_on: date | None = None
    reason: str = Field(sa_type=Text)
    created_at: str = ""
    created_by: str = ""


class LegalHoldRecordRow(SQLModel, table=True):
    __tablename__ = "legal_hold_record"
    __table_args__ = (UniqueConstraint("hold_id", "record_id", name="uq_legal_hold_record"),)
    id: int | None = Field(default=None, primary_key=True)
    hold_id: int = Field(sa_column=_parent("legal_hold"))
    record_id: str


# --- retention: review campaigns (quarterly review, signed off and then frozen) ---------


class ReviewRow(SQLModel, table=True):
    """A review campaign: the check as of a date, its sign-off (empty ``signed_by``: open).

    Once signed, neither the review nor its groups nor its findings change (storage.review
    refuses it). An open review abandoned (``abandoned_at`` set) keeps its row and figures,
    loses its findings, and is listed no more."""

    __tablename__ = "review"
    id: int | None = Field(default=None, primary_key=True)
    title: str
    as_of: date
    horizon_days: int
    started_at: str = ""
    started_by: str = ""
    signed_by: str = ""
    signed_at: str = ""
    next_review_on: date | None = None
    version: int = 0
    abandoned_at: str = ""
    abandoned_by: str = ""
    abandon_reason: str = Field(default="", sa_type=Text)


class ReviewGroupRow(SQLModel, table=True):
    """The figures of one activity's category in a review: records per status."""

    __tablename__ = "review_group"
    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(sa_column=_parent("review"))
    position: int = 0
    activity: str
    category: str
    rule: str = Field(default="", sa_type=Text)
    overdue: int = 0
    due_soon: int = 0
    archive_due: int = 0
    on_hold: int = 0
    undetermined: int = 0
    ok: int = 0
    oldest_deadline: date | None = None


class ReviewFindingRow(SQLModel, table=True):
    """A record that was not ok as of the review, and the decision taken about it."""

    __tablename__ = "review_finding"
    __table_args__ = (
        Index("ix_review_finding_group", "review_id", "activity", "category", "status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(sa_column=Column(
        Integer, ForeignKey("review.id", ondelete="CASCADE"), nullable=False
    ))
    activity: str
    category: str
    record_id: str
    status: str
    deadline: date | None = None
    days_overdue: int = 0
    decision: str = ""  # empty: not decided yet
    purge_on: date | None = None
    note: str = Field(default="", sa_type=Text)
    decided_by: str = ""
    decided_at: str = ""


# --- people's requests and personal data breaches (issue 16; migration 0012) ------------


class RequestRow(SQLModel, table=True):
    """A person's request (access, rectification, erasure, restriction, portability,
    objection), its extension and its answer (``closed_on`` null: open)."""

    __tablename__ = "data_subject_request"
    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = Field(sa_column=_parent("entity"))
    kind: str
    received_on: date
    subject: str = Field(default="", sa_type=Text)
    medical_record: bool = False
    older_than_5_years: bool = False
    extended: bool = False
    extension_reason: str = Field(default="", sa_type=Text)
    closed_on: date | None = None
    outcome: str = ""  # granted | partial | refused; "" while open
    close_reason: str = Field(default="", sa_type=Text)
    created_at: str = ""
    created_by: str = ""
    version: int = 0


class RequestPauseRow(SQLModel, table=True):
    """A pause of a request's clock, ``[starts_on, ends_on)``."""

    __tablename__ = "data_subject_request_pause"
    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(sa_column=_parent("data_subject_request"))
    position: int = 0
    starts_on: date
    ends_on: date
    reason: str = Field(default="", sa_type=Text)


class RequestActivityRow(SQLModel, table=True):
    __tablename__ = "data_subject_request_activity"
    __table_args__ = (UniqueConstraint("request_id", "activity_id",
                                       name="uq_data_subject_request_activity"),)
    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(sa_column=_parent("data_subject_request"))
    activity_id: int = Field(sa_column=_parent("activity"))


class BreachRow(SQLModel, table=True):
    """A personal data breach (Art. 33(5)). Moments are UTC ISO 8601 text
    (``2026-03-28T09:00:00+00:00``): the same on SQLite and PostgreSQL, and sortable."""

    __tablename__ = "breach"
    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = Field(sa_column=_parent("entity"))
    title: str = Field(sa_type=Text)
    aware_at: str
    description: str = Field(default="", sa_type=Text)
    consequences: str = Field(default="", sa_type=Text)
    measures: str = Field(default="", sa_type=Text)
    people: int | None = None
    records: int | None = None
    nature: str = Field(default="[]", sa_type=Text)  # JSON list of codes
    data_subjects: str = Field(default="[]", sa_type=Text)  # JSON list of texts
    informed_at: str | None = None
    not_informed_reason: str = Field(default="", sa_type=Text)
    closed_at: str | None = None
    created_at: str = ""
    created_by: str = ""
    version: int = 0


class BreachNotificationRow(SQLModel, table=True):
    """A notification to the CNIL or the ARS (initial or complementary), or the reason
    for not notifying (``at`` null)."""

    __tablename__ = "breach_notification"
    id: int | None = Field(default=None, primary_key=True)
    breach_id: int = Field(sa_column=_parent("breach"))
    position: int = 0
    authority: str  # cnil | ars
    kind: str = "initial"  # initial | complementary
    at: str | None = None
    not_needed_reason: str = Field(default="", sa_type=Text)


class BreachActivityRow(SQLModel, table=True):
    __tablename__ = "breach_activity"
    __table_args__ = (UniqueConstraint("breach_id", "activity_id", name="uq_breach_activity"),)
    id: int | None = Field(default=None, primary_key=True)
    breach_id: int = Field(sa_column=_parent("breach"))
    activity_id: int = Field(sa_column=_parent("activity"))


class BreachCategoryRow(SQLModel, table=True):
    __tablename__ = "breach_category"
    __table_args__ = (UniqueConstraint("breach_id", "code", name="uq_breach_category"),)
    id: int | None = Field(default=None, primary_key=True)
    breach_id: int = Field(sa_column=_parent("breach"))
    position: int = 0
    code: str
