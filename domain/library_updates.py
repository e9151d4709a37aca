"""Corrections of the template library that reach existing registers.

A rule set from a template is a copy: it remembers the template's id and version
(``RetentionRule.template_id`` / ``template_version``; a rule written before versions were
recorded counts as version 1). When the shipped library corrects a template (its
``version`` goes up, ``changes_fr`` / ``changes_en`` say what changed and why), the rules
copied from an older version are listed here until the DPO decides, in one audited
transaction each: adopt the library's version (the rule replaced by the template's, with
its version), or keep the old rule with a justification, recorded with the library version
it answers (``kept_template_version``) so that it is listed again only when the template is
corrected once more.

Pure domain: the functions work on activities, or on a unit of work through the
repository protocols of :mod:`domain.services`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from domain import services
from domain.errors import ConflictError, ValidationError
from domain.model import ProcessingActivity, RetentionRule
from domain.services import AbstractUnitOfWork
from domain.templates import RetentionTemplate, TemplateLibrary, load_templates
from domain.vocabulary import Vocabularies

__all__ = [
    "LibraryUpdate",
    "adopt_library_version",
    "adopted_rule",
    "find_library_updates",
    "keep_rule_version",
    "kept_rule",
    "library_updates",
    "outdated_template",
]


@dataclass(frozen=True)
class LibraryUpdate:
    """A rule of the register copied from an older version of a corrected template."""

    entity_id: int
    activity_ref: str
    activity_name: str
    category: str
    template: RetentionTemplate
    old: RetentionRule  # the rule as stored
    new: RetentionRule  # the rule adopting the library's version stores

    @property
    def stored_version(self) -> int:
        return self.old.template_version

    @property
    def library_version(self) -> int:
        return self.template.version

    def reason(self, lang: Literal["fr", "en"] = "fr") -> str:
        """What the correction changed and why, in the DPO's language."""
        return self.template.changes(lang)


def outdated_template(rule: RetentionRule | None,
                      library: TemplateLibrary) -> RetentionTemplate | None:
    """The library's template of ``rule`` when it was corrected since the rule copied it and
    the DPO has not kept the old rule for that version; None otherwise (no template, a
    template the library no longer ships, an up-to-date or kept rule)."""
    if rule is None or not rule.template_id:
        return None
    template = library.get(rule.template_id)
    if template is None or template.version <= rule.template_version:
        return None
    if rule.kept_template_version >= template.version:
        return None
    return template


def adopted_rule(template: RetentionTemplate, status: str | None = None) -> RetentionRule:
    """The template's rule as the library ships it now, for an establishment of ``status``
    (None: unknown, counted as public), recording the template's version."""
    return template.to_rule(status=status)


def kept_rule(rule: RetentionRule, template: RetentionTemplate, reason: str) -> RetentionRule:
    """``rule`` unchanged, with the DPO's reason for not adopting ``template``'s version."""
    if not reason.strip():
        raise ValidationError("field.required", "a justification is required",
                              field="justification")
    return dataclasses.replace(rule, kept_template_version=template.version,
                               kept_reason=reason.strip())


def find_library_updates(activities: Iterable[ProcessingActivity],
                         library: TemplateLibrary | None = None,
                         statuses: Mapping[int, str] | None = None
                         ) -> tuple[LibraryUpdate, ...]:
    """The rules of the live activities (not ended) whose template was corrected since they
    were copied, in the order of the activities and of their categories. ``statuses``: each
    entity's status (public, espic, private) by id, for the final action of the corrected
    rule; an entity not given counts as public, the stricter case."""
    statuses = statuses or {}
    library = library if library is not None else load_templates()
    found: list[LibraryUpdate] = []
    for activity in activities:
        if activity.archived_on is not None:
            continue
        for use in activity.data_categories:
            template = outdated_template(use.retention, library)
            if template is None or use.retention is None:
                continue
            found.append(LibraryUpdate(
                entity_id=activity.entity_id, activity_ref=activity.ref,
                activity_name=activity.name, category=use.code, template=template,
                old=use.retention,
                new=adopted_rule(template, statuses.get(activity.entity_id))))
    return tuple(found)


# --- services: each action one audited transaction -------------------------------------


def library_updates(uow: AbstractUnitOfWork, library: TemplateLibrary | None = None,
                    entity_id: int | None = None,
                    statuses: Mapping[int, str] | None = None) -> tuple[LibraryUpdate, ...]:
    """The rules of the register (or of one entity) that differ from the corrected library
    (``statuses``: as :func:`find_library_updates`)."""
    return find_library_updates(services.list_activities(uow, entity_id), library, statuses)


def _update(uow: AbstractUnitOfWork, entity_id: int, ref: str, category: str,
            library: TemplateLibrary | None, status: str | None) -> LibraryUpdate:
    """The pending update of that rule; ConflictError when there is none any more (adopted,
    kept or edited since it was listed)."""
    activity = services.get_activity(uow, entity_id, ref)
    use = activity.category(category)
    if use is None:
        raise ValidationError("category.not_in_activity",
                              f"activity {ref!r} has no category {category!r}",
                              ref=ref, category=category, value=category)
    found = find_library_updates([dataclasses.replace(activity, data_categories=(use,))],
                                 library, {entity_id: status} if status else None)
    if not found:
        raise ConflictError("activity", ref)
    return found[0]


def adopt_library_version(uow: AbstractUnitOfWork, entity_id: int, ref: str, category: str,
                          today: date, library: TemplateLibrary | None = None,
                          status: str | None = None,
                          voc: Vocabularies | None = None) -> ProcessingActivity:
    """Replace the rule of ``category`` by its template's current version."""
    update = _update(uow, entity_id, ref, category, library, status)
    return services.set_retention_rule(uow, entity_id, ref, category, update.new, today, voc)


def keep_rule_version(uow: AbstractUnitOfWork, entity_id: int, ref: str, category: str,
                      reason: str, today: date, library: TemplateLibrary | None = None,
                      voc: Vocabularies | None = None) -> ProcessingActivity:
    """Keep the rule of ``category`` as it is, recording why the template's current version
    is not adopted (it is not listed again for that version)."""
    update = _update(uow, entity_id, ref, category, library, None)
    rule = kept_rule(update.old, update.template, reason)
    return services.set_retention_rule(uow, entity_id, ref, category, rule, today, voc)
