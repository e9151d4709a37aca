"""Checks that an activity only uses known codes and well-formed values.

Completeness (``domain.completeness``) says what is *missing*; validation refuses what is
*wrong*: an unknown legal-basis code, an empty reference, the same category twice. A
refused value raises ``ValidationError`` with a stable code and the field at fault.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from domain.errors import ValidationError
from domain.model import Entity, ProcessingActivity
from domain.vocabulary import Vocabularies, Vocabulary

OWN_CATEGORY_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_REF_LENGTH = 40


def _require_text(value: str, field_name: str) -> None:
    if not value.strip():
        raise ValidationError("field.required", f"{field_name} is required", field=field_name)


def _check_codes(codes: Iterable[str], vocabulary: Vocabulary, field_name: str) -> None:
    seen: set[str] = set()
    for code in codes:
        if code not in vocabulary:
            raise ValidationError(
                "code.unknown",
                f"unknown code {code!r} in {field_name}",
                field=field_name,
                value=code,
                allowed=", ".join(vocabulary.codes()[:12]),
            )
        if code in seen:
            raise ValidationError(
                "code.duplicate", f"{code!r} appears twice in {field_name}", field=field_name,
                value=code,
            )
        seen.add(code)


def validate_entity(entity: Entity) -> None:
    _require_text(entity.name, "name")
    if entity.siren and not re.fullmatch(r"\d{9}", entity.siren.replace(" ", "")):
        raise ValidationError(
            "entity.siren", "a SIREN number has 9 digits", field="siren", value=entity.siren
        )
    if entity.finess and not re.fullmatch(r"[0-9AB]{9}", entity.finess.replace(" ", "")):
        raise ValidationError(
            "entity.finess", "a FINESS number has 9 characters", field="finess",
            value=entity.finess,
        )


def validate_activity(activity: ProcessingActivity, voc: Vocabularies) -> None:
    _require_text(activity.ref, "ref")
    _require_text(activity.name, "name")
    if len(activity.ref) > MAX_REF_LENGTH or activity.ref != activity.ref.strip():
        raise ValidationError(
            "activity.ref", f"a reference has at most {MAX_REF_LENGTH} characters and no "
            "leading or trailing spaces", field="ref", value=activity.ref,
        )
    _check_codes((b.code for b in activity.legal_bases), voc.legal_bases, "legal_bases")
    _check_codes(
        (c.code for c in activity.special_conditions), voc.art9_conditions, "special_conditions"
    )
    seen: set[str] = set()
    for category in activity.data_categories:
        if category.code not in voc.data_categories:
            if not OWN_CATEGORY_CODE.match(category.code):
                raise ValidationError(
                    "category.code", f"a category code is snake_case: {category.code!r}",
                    field="data_categories", value=category.code,
                )
            _require_text(category.label, "data_categories.label")
        if category.code in seen:
            raise ValidationError(
                "code.duplicate", f"{category.code!r} appears twice in data_categories",
                field="data_categories", value=category.code,
            )
        seen.add(category.code)
    _check_codes(
        (m.code for m in activity.security_measures), voc.security_measures, "security_measures"
    )
    _check_codes(activity.dpia.criteria, voc.dpia_criteria, "dpia.criteria")
    if activity.dpia.mandatory_type:
        _check_codes(
            [activity.dpia.mandatory_type], voc.dpia_mandatory_types, "dpia.mandatory_type"
        )
    for recipient in activity.recipients:
        _require_text(recipient.name, "recipients.name")
        if recipient.country:
            _check_codes([recipient.country], voc.countries, "recipients.country")
    for transfer in activity.transfers:
        _require_text(transfer.recipient, "transfers.recipient")
        _require_text(transfer.country, "transfers.country")  # "required", not "unknown code"
        _check_codes([transfer.country], voc.countries, "transfers.country")
