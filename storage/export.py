"""The inspection workbook: the register laid out like the CNIL model, as an .xlsx file.

Sheets, in order (French labels, those of the CNIL's "modèle de registre simplifié"):

* ``Registre`` — the cover/list sheet: the controller (the entity), its representative and
  its DPO, then one row per activity (CNIL sheet 2, with our legal bases and status);
* one fiche per activity (CNIL sheet 3: labels in column A, values in B:H), with our extra
  blocks: legal bases (Art. 6), Art. 9 conditions, DPIA screening, and per data category
  its retention rule in words with its legal reference; the drop-down lists of the CNIL
  model on the same cells (person categories, recipient types, security measures, and the
  transfers' country and safeguard), read from
* ``Listes`` — a hidden working sheet: the lists, in the CNIL model's columns (A
  guarantees, C countries with their zone in D, F person categories, H recipients, J
  security measures), our vocabularies' labels (the values the fiches hold) plus, for
  persons, those the register uses;
* ``Sous-traitant (30.2)`` — the processor register: the activities done as processor;
* ``Conservation`` — the retention schedule, one row per activity and data category (the
  rule's expression and template in hidden columns, for the expert);
* ``Dernière revue`` — the last signed quarterly review, its figures and decisions;
* ``Journal d'audit`` — the last 1,000 entries of the audit log (who, when, what);
* ``_registre`` — a hidden sheet with each activity as JSON (``domain.serialization``), so
  that our own export re-imports losslessly (``storage.importer``).

Printed (``storage.export_sheet``): every visible sheet on A4, fitted to the page's width,
each text whole (row heights computed, a text taller than a row continued on the next),
its header row repeated, page breaks that never leave a section's header alone, a footer
with the sheet, the establishment, the date and the page number; hidden sheets never print.

Safety: no formula anywhere (text starting with ``= + - @`` is stored as text), control
characters stripped, sheet titles made legal and unique. The file is written to a temporary
file in the target folder and then moved over the target: an interrupted export never
leaves a broken file. Write-only (streaming) openpyxl: see ``benchmarks/export.py``.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from domain import services
from domain.check import STATUS_ORDER, Status
from domain.completeness import imported_text
from domain.errors import CodedError
from domain.model import (
    DataCategoryUse,
    Entity,
    ProcessingActivity,
    RetentionRule,
    Role,
)
from domain.review import ReviewCampaign
from domain.rules.wording import deadline_words, rule_sentence
from domain.serialization import to_dict
from domain.vocabulary import Vocabularies, load_vocabularies, normalise_label
from storage.atomic import replaced_on_success
from storage.export_sheet import HEADER_FILL as _HEADER_FILL
from storage.export_sheet import SECTION_FILL as _SECTION_FILL
from storage.export_sheet import TITLE_FONT as _TITLE
from storage.export_sheet import SheetWriter, clean_text
from storage.export_sheet import column_letter as _column_letter
from storage.register import Register
from storage.review import GroupProgress, decision_progress, list_reviews

__all__ = [
    "CNIL_PERSONS",
    "DATA_SHEET",
    "FORMAT_VERSION",
    "LISTS_SHEET",
    "ExportError",
    "ExportResult",
    "contact_text",
    "export_register",
    "retention_words",
    "safe_sheet_title",
]

DATA_SHEET: Final = "_registre"
LISTS_SHEET: Final = "Listes"
# The CNIL model's "Catégories de personnes" list (sheet 5_-_Listes, column F), verbatim.
CNIL_PERSONS: Final = ("Salariés", "Services Internes", "Clients", "Fournisseurs",
                       "Prestataires", "Prospects", "Candidats", "Autres (préciser)")
Progress = Callable[[int, int], None]
FORMAT_VERSION: Final = 1
_CHUNK: Final = 32_000  # JSON is split over several cells below that
_ILLEGAL_TITLE = re.compile(r"[\[\]:*?/\\]")


class ExportError(CodedError):
    """The export could not be written; the target is untouched."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    entities: int
    activities: int
    sheets: int


# --- cells ---------------------------------------------------------------------------------


def safe_sheet_title(text: str, used: set[str]) -> str:
    """A legal, unique sheet title: no []:*?/\\, no leading/trailing quote, 31 characters.

    ``used`` holds the casefolded titles already given (Excel compares titles without case)
    and is updated.
    """
    title = _ILLEGAL_TITLE.sub(" ", clean_text(text))
    title = " ".join(title.split()).strip("'") or "Feuille"
    title = title[:31].rstrip()
    candidate, number = title, 1
    while candidate.casefold() in used:
        number += 1
        suffix = f" ({number})"
        candidate = title[: 31 - len(suffix)].rstrip() + suffix
    used.add(candidate.casefold())
    return candidate


# --- content ----------------------------------------------------------------------------------


def _label(vocabulary: Any, code: str) -> str:
    term = vocabulary.get(code)
    return str(term.fr) if term is not None else code


def _category_label(voc: Vocabularies, use: DataCategoryUse) -> str:
    term = voc.data_categories.get(use.code)
    return term.fr if term is not None else (use.label or use.code)


def retention_words(voc: Vocabularies, rule: RetentionRule | None) -> str:
    if rule is None or not rule.is_defined():
        return "Non définie"
    parts = [rule_sentence(rule.delete_after, rule.active_until, "fr")]
    imported = imported_text(rule)
    if imported:  # a file's free text, not the DPO's own criteria: said as such
        parts.append("Durée indiquée par l'import, sans règle calculable : "
                     f"{imported.rstrip('.')}.")
    elif not rule.delete_after.strip():
        parts.append(f"Durée non déterminable : {rule.undetermined_criteria.strip().rstrip('.')}.")
    parts.append(f"Sort final : {_label(voc.final_actions, rule.final_action.value)}.")
    if rule.legal_reference:
        parts.append(f"Référence : {rule.legal_reference}.")
    return " ".join(p for p in parts if p)


def _contact_rows(entity: Entity) -> list[tuple[str, str]]:
    dpo, rep = entity.dpo, entity.representative
    controller = ", ".join(p for p in (entity.address, f"SIREN {entity.siren}"
                                        if entity.siren else "",
                                        f"FINESS {entity.finess}" if entity.finess else "")
                           if p)
    head = contact_text(entity.controller)
    return [
        ("Coordonnées du responsable de l'organisme (responsable de traitement)",
         " — ".join(p for p in (entity.name, controller, head) if p)),
        ("Groupe", entity.group),
        ("Coordonnées du représentant", contact_text(rep)),
        ("Coordonnées du délégué à la protection des données (DPO)", contact_text(dpo)),
    ]


def controller_name(entity: Entity) -> str:
    """The controller as the fiches' Acteurs name it: the establishment and its head."""
    return " — ".join(p for p in (entity.name, entity.controller.name) if p)


def contact_text(contact: Any) -> str:
    if contact.is_empty():
        return ""
    return " — ".join(p for p in (contact.name, contact.organisation, contact.address,
                                 contact.phone, contact.email) if p)


_LIST_HEADER: Final = (
    "Nom du traitement", "N° / RÉF", "Date de création de la fiche",
    "Dernière mise à jour de la fiche", "Finalité du traitement", "Rôle",
    "Bases légales (art. 6)", "Données sensibles ? Oui/non", "Statut", "Entité", "Fiche",
)
_LIST_WIDTHS: Final = (28, 10, 12, 12, 52, 14, 12, 11, 11, 18, 20)


def _write_list(sheet: SheetWriter, entities: Sequence[Entity],
                activities: Sequence[ProcessingActivity], fiches: dict[int, str],
                voc: Vocabularies, as_of: date) -> None:
    last = sheet.width - 1
    row = sheet.append([sheet.cell("Registre des activités de traitement (art. 30 RGPD)",
                                   font=_TITLE, border=False)], border=False)
    sheet.merge(row, 0, last)
    row = sheet.append([f"Établi le {as_of:%d/%m/%Y}"], border=False)
    sheet.merge(row, 0, last)
    for entity in entities:
        for label, value in _contact_rows(entity):
            row = sheet.append([sheet.cell(label, bold=True, fill=_HEADER_FILL), value])
            sheet.merge(row, 1, last)
    sheet.append([], border=False)
    header_row = sheet.append(_LIST_HEADER, bold=True, fill=_HEADER_FILL)
    assert header_row == _list_header_row(entities)  # the frozen panes were set for it
    sheet.split_rows = True  # a text taller than a row goes on in the next one
    names = {e.id: e.name for e in entities}
    for index, activity in enumerate(activities):
        sensitive = any(voc.is_sensitive_category(c.code) for c in activity.data_categories)
        # the main purpose: the sub-purposes are on the fiche (a list row stays short)
        purpose = activity.purpose or "; ".join(p for p in activity.sub_purposes if p)
        sheet.append([
            activity.name, activity.ref, activity.created_on, activity.updated_on, purpose,
            _label(voc.roles, activity.role.value),
            ", ".join(b.code for b in activity.legal_bases),
            "Oui" if sensitive else "Non", _label(voc.statuses, activity.status.value),
            names.get(activity.entity_id, ""), fiches.get(index, ""),
        ])
    sheet.ws.print_title_rows = f"{header_row}:{header_row}"


def _list_header_row(entities: Sequence[Entity]) -> int:
    return 2 + 4 * len(entities) + 2  # title, date, 4 rows per entity, a blank row, header


# A labels; B:D the description, E:H the second column (retention, justification...)
_FICHE_WIDTHS: Final = (36, 26, 28, 12, 12, 12, 18, 26)


def _section(sheet: SheetWriter, title: str, *headers: str) -> None:
    cells = [sheet.cell(title, bold=True, fill=_SECTION_FILL)]
    if len(headers) == 2:  # CNIL: Description in B:D, the second column in E:H
        headers = (headers[0], "", "", headers[1])
    cells += [sheet.cell(h, bold=True, fill=_HEADER_FILL) for h in headers]
    row = sheet.append(cells)
    sheet.keep_with_next()
    if len(headers) == 1:
        sheet.merge(row, 1, sheet.width - 1)
    elif len(headers) == 4:
        sheet.merge(row, 1, 3)
        sheet.merge(row, 4, sheet.width - 1)


def _line(sheet: SheetWriter, label: str, value: object, second: object = None) -> int:
    """A labelled line of a fiche (value in B:H, or B:D and E:H); its row. A text taller
    than a row can be goes on over rows labelled "(suite)", so that it prints whole."""
    last = sheet.width - 1
    values = _parts(sheet, value, 1, last if second is None else 3)
    seconds = [] if second is None else _parts(sheet, second, 4, last)
    first_row = 0
    for index in range(max(len(values), len(seconds))):
        cells = [sheet.cell(label if index == 0 else f"{label} (suite)", bold=True),
                 values[index] if index < len(values) else ""]
        if second is None:
            row = sheet.append(cells)
            sheet.merge(row, 1, last)
        else:
            row = sheet.append([*cells, "", "", seconds[index] if index < len(seconds)
                                else ""])
            sheet.merge(row, 1, 3)
            sheet.merge(row, 4, last)
        first_row = first_row or row
    return first_row


def _parts(sheet: SheetWriter, value: object, first: int, last: int) -> list[object]:
    if isinstance(value, str):
        return list(sheet.split_to_fit(clean_text(value), first, last))
    return [value]


@dataclass
class _Lists:
    """Where each drop-down list is on the lists sheet: (column letter, last row)."""

    title: str
    columns: dict[str, tuple[str, int]]

    def validation(self, kind: str, cells: Sequence[str]) -> DataValidation | None:
        if not cells:
            return None
        column, last = self.columns[kind]
        quoted = "'" + self.title.replace("'", "''") + "'"
        strict = kind != "persons"  # the register's person categories are free text
        validation = DataValidation(
            type="list", formula1=f"{quoted}!${column}$2:${column}${last}", allow_blank=True,
            showErrorMessage=True, errorStyle="stop" if strict else "information",
            errorTitle="Registre",
            error="Choisissez une valeur de la liste." if strict else
            "Cette valeur n'est pas dans la liste.")
        for cell in cells:
            validation.add(cell)
        return validation


_LIST_COLUMNS: Final = {"safeguards": "A", "countries": "C", "persons": "F",
                        "recipients": "H", "measures": "J"}


def _list_values(activities: Sequence[ProcessingActivity],
                 voc: Vocabularies) -> dict[str, list[str]]:
    """The lists sheet's columns (header first), by column letter."""
    persons = list(dict.fromkeys([*CNIL_PERSONS, *sorted(
        {s for a in activities for s in a.data_subjects if s})]))
    countries = sorted(voc.countries, key=lambda t: normalise_label(t.fr))
    return {
        "A": ["Garanties", *(t.fr for t in voc.safeguards)],
        "C": ["Pays", *(t.fr for t in countries)],
        "D": ["Zone", *("UE/EEE" if t.extra.get("eu_eea") is True else "adéquat"
                        if voc.is_adequate_country(t.code) else "Non adéquat"
                        for t in countries)],
        "F": ["Catégories de personnes", *persons],
        "H": ["Destinataires", *(t.fr for t in voc.recipient_kinds)],
        "J": ["Mesures de sécurité techniques", *(t.fr for t in voc.security_measures)],
    }


def _write_lists(sheet: SheetWriter, columns: dict[str, list[str]]) -> None:
    height = max(len(values) for values in columns.values())
    letters = [_column_letter(i) for i in range(sheet.width)]
    for row in range(height):
        cells: list[object] = []
        for letter in letters:
            column = columns.get(letter, [])
            value = column[row] if row < len(column) else None
            cells.append(None if value is None else
                         sheet.cell(value, bold=True, fill=_HEADER_FILL) if row == 0
                         else sheet.cell(value))
        sheet.append(cells)


def _write_fiche(sheet: SheetWriter, activity: ProcessingActivity, entity: Entity | None,
                 voc: Vocabularies, lists: _Lists | None = None) -> None:
    dropdowns: dict[str, list[str]] = {kind: [] for kind in _LIST_COLUMNS}
    _write_fiche_rows(sheet, activity, entity, voc, dropdowns)
    if lists is not None:
        for kind, cells in dropdowns.items():
            validation = lists.validation(kind, cells)
            if validation is not None:
                sheet.ws.data_validations.append(validation)


def _write_fiche_rows(sheet: SheetWriter, activity: ProcessingActivity, entity: Entity | None,
                      voc: Vocabularies, dropdowns: dict[str, list[str]]) -> None:
    last = sheet.width - 1
    row = sheet.append([sheet.cell("Fiche de registre", font=_TITLE, border=False),
                        *[""] * (last - 1), sheet.cell(activity.ref, bold=True)], border=False)
    sheet.merge(row, 0, last - 1)
    _section(sheet, "Description du traitement", "")
    _line(sheet, "Nom du traitement", activity.name)
    _line(sheet, "N° / RÉF", activity.ref)
    _line(sheet, "Date de création du traitement", activity.created_on)
    _line(sheet, "Mise à jour du traitement", activity.updated_on)
    _line(sheet, "Rôle", _label(voc.roles, activity.role.value))
    _line(sheet, "Statut", _label(voc.statuses, activity.status.value))
    _line(sheet, "Service", activity.department)
    if activity.archived_on is not None:
        _line(sheet, "Traitement terminé le", activity.archived_on)
    sheet.append([])
    row = sheet.append([sheet.cell("Acteurs", bold=True, fill=_SECTION_FILL)]
                       + [sheet.cell(h, bold=True, fill=_HEADER_FILL) for h in
                          ("Nom", "Adresse", "Code Postal", "Ville", "Pays", "Téléphone",
                           "Adresse mél")])
    sheet.keep_with_next()
    if entity is not None:
        head = entity.controller
        sheet.append(["Responsable du traitement", controller_name(entity), entity.address,
                      "", "", "", head.phone, head.email])
        for label, contact in (("Délégué à la protection des données", entity.dpo),
                               ("Société du DPO (si celui-ci est externe)", None),
                               ("Représentant", entity.representative)):
            if contact is None:
                row = sheet.append([label, entity.dpo.organisation])
                sheet.merge(row, 1, last)
            else:
                sheet.append([label, contact.name, contact.address, "", "", "",
                              contact.phone, contact.email])
    row = sheet.append(["Responsable(s) conjoint(s)", ", ".join(activity.joint_controllers)])
    sheet.merge(row, 1, last)
    if activity.role is Role.PROCESSOR:
        _line(sheet, "Responsables pour le compte desquels le traitement est effectué",
              ", ".join(activity.controllers_acted_for))
    _line(sheet, "Responsable opérationnel", contact_text(activity.owner))
    sheet.append([])
    _section(sheet, "Finalité(s) du traitement effectué", "")
    _line(sheet, "Finalité principale", activity.purpose)
    for number, sub in enumerate(activity.sub_purposes, start=1):
        _line(sheet, f"Sous-finalité {number}", sub)
    sheet.append([])
    _section(sheet, "Bases légales (art. 6)", "Base légale", "Justification")
    for basis in activity.legal_bases:
        _line(sheet, basis.code, _label(voc.legal_bases, basis.code), basis.justification)
    if activity.special_conditions:
        sheet.append([])
        _section(sheet, "Conditions de l'article 9.2 (données sensibles)", "Condition",
                 "Justification")
        for condition in activity.special_conditions:
            _line(sheet, condition.code, _label(voc.art9_conditions, condition.code),
                  condition.justification)
    ordinary = [c for c in activity.data_categories if not voc.is_sensitive_category(c.code)]
    sensitive = [c for c in activity.data_categories if voc.is_sensitive_category(c.code)]
    for title, uses in (("Catégories de données personnelles concernées", ordinary),
                        ("Données sensibles", sensitive)):
        sheet.append([])
        _section(sheet, title, "Description", "Durée de conservation")
        for use in uses:
            _line(sheet, _category_label(voc, use), use.description,
                  retention_words(voc, use.retention))
    sheet.append([])
    _section(sheet, "Catégories de personnes concernées", "Description")
    for number, subject in enumerate(activity.data_subjects, start=1):
        row = _line(sheet, f"Catégorie de personnes {number}", subject)
        dropdowns["persons"].append(f"B{row}")
    sheet.append([])
    _section(sheet, "Destinataires", "Type de destinataire", "Précisions")
    for number, recipient in enumerate(activity.recipients, start=1):
        details = recipient.name + (f" — contrat : {recipient.contract_reference}"
                                    if recipient.contract_reference else "")
        if recipient.country:
            details += f" — {_label(voc.countries, recipient.country)}"
        row = _line(sheet, f"Destinataire {number}",
                    _label(voc.recipient_kinds, recipient.kind.value), details)
        dropdowns["recipients"].append(f"B{row}")
    sheet.append([])
    _section(sheet, "Mesures de sécurité", "Type de mesure de sécurité", "Précisions")
    for number, measure in enumerate(activity.security_measures, start=1):
        row = _line(sheet, f"Mesure de sécurité {number}",
                    _label(voc.security_measures, measure.code), measure.detail)
        dropdowns["measures"].append(f"B{row}")
    sheet.append([])
    row = sheet.append([sheet.cell("Transferts hors UE", bold=True, fill=_SECTION_FILL)]
                       + [sheet.cell(h, bold=True, fill=_HEADER_FILL) for h in
                          ("Destinataire", "Pays", "Type de Garanties", "",
                           "Liens vers la documentation", "", "")])
    sheet.keep_with_next()
    sheet.merge(row, 3, 4)
    sheet.merge(row, 5, last)
    for number, transfer in enumerate(activity.transfers, start=1):
        row = sheet.append([
            f"Organisme destinataire {number}", transfer.recipient,
            _label(voc.countries, transfer.country),
            _label(voc.safeguards, transfer.safeguard.value) if transfer.safeguard else "", "",
            transfer.documentation,
        ])
        sheet.merge(row, 3, 4)
        sheet.merge(row, 5, last)
        dropdowns["countries"].append(f"C{row}")
        dropdowns["safeguards"].append(f"D{row}")
    sheet.append([])
    dpia = activity.dpia
    _section(sheet, "Analyse d'impact (AIPD)", "")
    _line(sheet, "AIPD requise", "Oui" if dpia.required else "Non")
    _line(sheet, "Critères du CEPD", ", ".join(_label(voc.dpia_criteria, c)
                                               for c in dpia.criteria))
    _line(sheet, "Type figurant sur la liste CNIL",
          _label(voc.dpia_mandatory_types, dpia.mandatory_type) if dpia.mandatory_type else "")
    _line(sheet, "AIPD réalisée le", dpia.done_on)
    _line(sheet, "Référence de l'AIPD", dpia.reference)
    _line(sheet, "Notes", dpia.notes)
    if activity.systems or activity.data_sources:
        sheet.append([])
        _section(sheet, "Informations complémentaires", "")
        _line(sheet, "Applications et systèmes", ", ".join(activity.systems))
        _line(sheet, "Sources des données", ", ".join(activity.data_sources))
    if activity.notes:
        sheet.append([])
        _section(sheet, "Notes", "")
        _line(sheet, "Notes", activity.notes)
    sheet.ws.print_title_rows = "1:1"


_PROCESSOR_HEADER: Final = (
    "N° / RÉF", "Nom du traitement", "Responsables de traitement pour le compte desquels "
    "l'activité est effectuée", "Catégories de traitements effectués",
    "Transferts hors UE et garanties", "Mesures de sécurité", "Entité",
)


def _write_processor_register(sheet: SheetWriter, entities: Sequence[Entity],
                              activities: Sequence[ProcessingActivity],
                              voc: Vocabularies) -> None:
    names = {e.id: e for e in entities}
    row = sheet.append([sheet.cell("Registre des activités de traitement effectuées en tant "
                                   "que sous-traitant (art. 30.2 RGPD)", font=_TITLE,
                                   border=False)], border=False)
    sheet.merge(row, 0, sheet.width - 1)
    for entity in entities:
        row = sheet.append([sheet.cell("Sous-traitant", bold=True, fill=_HEADER_FILL),
                            entity.name, sheet.cell("DPO", bold=True, fill=_HEADER_FILL),
                            contact_text(entity.dpo)])
    header_row = sheet.append(_PROCESSOR_HEADER, bold=True, fill=_HEADER_FILL)
    assert header_row == len(entities) + 2  # the frozen panes were set for it
    sheet.split_rows = True  # a text taller than a row goes on in the next one
    for activity in activities:
        if activity.role is not Role.PROCESSOR:
            continue
        transfers = "; ".join(
            f"{t.recipient} ({_label(voc.countries, t.country)}"
            + (f", {_label(voc.safeguards, t.safeguard.value)}" if t.safeguard else "") + ")"
            for t in activity.transfers
        )
        owner = names.get(activity.entity_id)
        sheet.append([
            activity.ref, activity.name, ", ".join(activity.controllers_acted_for),
            ", ".join(p for p in (activity.purpose, *activity.sub_purposes) if p),
            transfers, ", ".join(_label(voc.security_measures, m.code)
                                 for m in activity.security_measures),
            owner.name if owner else "",
        ])
    sheet.ws.print_title_rows = f"{header_row}:{header_row}"


_SCHEDULE_HEADER: Final = (
    "N° / RÉF", "Traitement", "Catégorie de données", "Fin de la base active",
    "Fin de conservation", "Expression de la règle", "Critères (durée non déterminable)",
    "Sort final", "Référence juridique", "Justification", "Modèle",
)
_SCHEDULE_WIDTHS: Final = (9, 16, 16, 14, 34, 30, 15, 10, 16, 62, 10)
# the rule's expression and its template, for the expert: hidden, so not printed
_SCHEDULE_EXPERT_COLUMNS: Final = tuple(_column_letter(_SCHEDULE_HEADER.index(h)) for h in (
    "Expression de la règle", "Modèle") if h in _SCHEDULE_HEADER)


def _write_schedule(sheet: SheetWriter, activities: Sequence[ProcessingActivity],
                    voc: Vocabularies) -> None:
    header_row = sheet.append(_SCHEDULE_HEADER, bold=True, fill=_HEADER_FILL)
    final_actions = [t.fr for t in voc.final_actions]
    for activity in activities:
        for use in activity.data_categories:
            rule = use.retention
            if rule is None:
                sheet.append([activity.ref, activity.name, _category_label(voc, use), "",
                              "Non définie"])
                continue
            sheet.append([
                activity.ref, activity.name, _category_label(voc, use),
                deadline_words(rule.active_until), deadline_words(rule.delete_after),
                rule.delete_after, rule.undetermined_criteria,
                _label(voc.final_actions, rule.final_action.value), rule.legal_reference,
                rule.justification, rule.template_id,
            ])
    sheet.ws.auto_filter.ref = (f"A{header_row}:{_column_letter(sheet.width - 1)}"
                                f"{max(sheet.row_count, header_row)}")
    sheet.ws.print_title_rows = f"{header_row}:{header_row}"
    if sheet.row_count > header_row:
        # the CNIL model's drop-down lists: here the final action
        validation = DataValidation(type="list", formula1='"' + ",".join(final_actions) + '"',
                                    allow_blank=True)
        validation.add(f"H{header_row + 1}:H{sheet.row_count}")
        sheet.ws.data_validations.append(validation)


AUDIT_ROWS: Final = 1_000
_AUDIT_HEADER: Final = ("N°", "Date (UTC)", "Auteur", "Action", "Objet", "Clé", "Champ",
                        "Ancienne valeur", "Nouvelle valeur")


_ACTIVITY_KEY: Final = re.compile(r"(?P<ref>.+)@(?P<entity>\d+)")


def _write_audit(sheet: SheetWriter, entries: Sequence[Sequence[object]],
                 entities: Sequence[Entity] = ()) -> None:
    """The log's entries; an activity's key (``RH-01@3``) says its establishment by name."""
    names = {e.id: e.name for e in entities}
    sheet.append(_AUDIT_HEADER, bold=True, fill=_HEADER_FILL)
    for entry in entries:
        cells = [_short(v) for v in entry]
        cells[1] = _utc_time(cells[1])
        found = _ACTIVITY_KEY.fullmatch(str(cells[5])) if cells[4] == "activity" else None
        if found and int(found["entity"]) in names:
            cells[5] = f"{found['ref']} — {names[int(found['entity'])]}"
        sheet.append(cells)
    sheet.ws.print_title_rows = "1:1"


def _utc_time(value: object) -> object:
    """A stored ISO timestamp to the second, as the journal prints it (one short line)."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return value
    if moment.utcoffset() is not None:
        moment = moment.astimezone(UTC)
    return f"{moment:%Y-%m-%d %H:%M:%S}"


def _short(value: object) -> object:
    if isinstance(value, str) and len(value) > 1_000:
        return value[:999] + "…"
    return value


def audit_extract(register: Register, limit: int = AUDIT_ROWS) -> list[tuple[object, ...]]:
    """The last ``limit`` entries of the audit log, most recent first."""
    from sqlalchemy import select

    from storage.tables import AuditEntryRow

    table: Any = AuditEntryRow
    with register.uow() as uow:
        rows = uow.session.execute(
            select(table.id, table.at, table.actor, table.action, table.object_type,
                   table.object_key, table.field, table.old_value, table.new_value)
            .order_by(table.id.desc()).limit(limit)
        ).all()
    return [tuple(row) for row in rows]


def _write_review(sheet: SheetWriter, review: ReviewCampaign | None,
                  progress: Sequence[GroupProgress], voc: Vocabularies) -> None:
    """The last signed quarterly review: its figures per activity and category, and how many
    of its findings got a decision — the proof that the retention periods are applied."""
    if review is None or review.sign_off is None:
        sheet.append(["Aucune revue des durées de conservation n'a encore été signée."],
                     bold=True, border=False)
        return
    signed = review.sign_off
    for label, value in (
        ("Revue", review.title),
        ("Au", review.as_of),
        ("Horizon (jours)", review.horizon_days),
        ("Signée par", signed.by),
        ("Signée le", signed.at),
        ("Prochaine revue", signed.next_review_on or ""),
    ):
        sheet.append([label, value])
    sheet.append([], border=False)
    statuses = [s.value for s in STATUS_ORDER]
    words = voc.retention_statuses
    header = sheet.append(["Traitement", "Catégorie", *(words[s].label("fr") for s in statuses),
                           "Plus ancienne échéance", "Règle"], bold=True, fill=_HEADER_FILL)
    sheet.keep_with_next()
    # the figures' header on every page (a sheet repeats one range of rows: the decisions'
    # table, below, has its own header under it)
    sheet.ws.print_title_rows = f"{header}:{header}"
    for group in review.groups:
        sheet.append([group.activity, group.category,
                      *(group.counts.get(Status(s), 0) for s in statuses),
                      group.oldest_deadline or "", group.rule])
    totals = review.totals
    sheet.append(["Total", "", *(totals[Status(s)] for s in statuses), "", ""], bold=True)
    if progress:
        sheet.append([], border=False)
        sheet.append(["Traitement", "Catégorie", "Statut", "Constats", "Décidés"], bold=True,
                     fill=_HEADER_FILL)
        sheet.keep_with_next()
        for item in progress:
            sheet.append([item.activity, item.category, words[item.status.value].label("fr"),
                          item.findings, item.decided])


def last_signed_review(register: Register) -> tuple[ReviewCampaign | None,
                                                    list[GroupProgress]]:
    """The most recent signed review and the decisions taken on its findings."""
    for review in list_reviews(register.uow()):
        if review.is_signed and review.id is not None:
            return review, decision_progress(register.uow(), review.id)
    return None, []


def _write_data(sheet: SheetWriter, entities: Sequence[Entity],
                activities: Sequence[ProcessingActivity]) -> None:
    """The machine-readable copy: row 1 says what it is, then one row per object."""
    sheet.append(["registre-export", FORMAT_VERSION], border=False)
    by_id = {e.id: e for e in entities}
    for entity in entities:
        sheet.append(["entity", entity.name, *_chunks(to_dict(entity))], border=False)
    for activity in activities:
        owner = by_id.get(activity.entity_id)
        sheet.append(["activity", owner.name if owner else "", *_chunks(to_dict(activity))],
                     border=False)


def _chunks(value: dict[str, Any]) -> list[str]:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # JSON keeps control characters escaped, so the text is never altered by clean_text
    return [text[i:i + _CHUNK] for i in range(0, len(text), _CHUNK)] or [""]


# --- the workbook ------------------------------------------------------------------------------


def build_workbook(entities: Sequence[Entity], activities: Sequence[ProcessingActivity],
                   as_of: date, voc: Vocabularies | None = None,
                   audit: Sequence[Sequence[object]] = (),
                   review: ReviewCampaign | None = None,
                   review_progress: Sequence[GroupProgress] = (),
                   progress: Progress | None = None,
                   cancelled: Callable[[], bool] | None = None) -> Workbook:
    """The workbook, sheet by sheet; ``progress(done, total)`` after each fiche, and
    ``cancelled()`` asked between them (then ``export.cancelled`` is raised)."""
    voc = voc or load_vocabularies()
    workbook = Workbook(write_only=True)
    try:
        _build(workbook, entities, activities, as_of, voc, audit, review, review_progress,
               progress, cancelled)
    except BaseException:
        discard_workbook(workbook)
        raise
    return workbook


def discard_workbook(workbook: Workbook) -> None:
    """Close the write-only sheets of a workbook that will not be saved (cancelled,
    refused) and remove their temporary files now: left to the garbage collector, a sheet
    still being written fails whenever it is collected, somewhere else."""
    for sheet in workbook.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()
        writer = getattr(sheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()


def _build(workbook: Workbook, entities: Sequence[Entity],
           activities: Sequence[ProcessingActivity], as_of: date, voc: Vocabularies,
           audit: Sequence[Sequence[object]], review: ReviewCampaign | None,
           review_progress: Sequence[GroupProgress], progress: Progress | None,
           cancelled: Callable[[], bool] | None) -> None:
    used: set[str] = {DATA_SHEET.casefold()}
    styles: dict[tuple[object, ...], Any] = {}
    list_title = safe_sheet_title("Registre", used)
    processor_title = safe_sheet_title("Sous-traitant (30.2)", used)
    schedule_title = safe_sheet_title("Conservation", used)
    review_title = safe_sheet_title("Dernière revue", used)
    audit_title = safe_sheet_title("Journal d'audit", used)
    fiche_titles = {i: safe_sheet_title(f"{a.ref} {a.name}", used)
                    for i, a in enumerate(activities)}
    lists_title = safe_sheet_title(LISTS_SHEET, used)
    list_values = _list_values(activities, voc)
    lists = _Lists(lists_title, {kind: (letter, len(list_values[letter]))
                                 for kind, letter in _LIST_COLUMNS.items()})
    total = len(activities) + 1
    footer = _footer(entities, as_of)

    def sheet(title: str, widths: Sequence[float], freeze: str | None = None, *,
              printed: bool = True) -> SheetWriter:
        return SheetWriter(workbook, title, widths, freeze=freeze, styles=styles,
                           printed=printed, footer=footer)

    list_sheet = sheet(list_title, _LIST_WIDTHS, freeze=f"B{_list_header_row(entities) + 1}")
    _write_list(list_sheet, entities, activities, fiche_titles, voc, as_of)
    list_sheet.finish()
    by_id = {e.id: e for e in entities}
    for index, activity in enumerate(activities):
        if cancelled is not None and cancelled():
            raise ExportError("export.cancelled", "export cancelled; nothing written")
        fiche = sheet(fiche_titles[index], _FICHE_WIDTHS, freeze="B2")
        _write_fiche(fiche, activity, by_id.get(activity.entity_id), voc, lists)
        fiche.finish()
        if progress is not None:
            progress(index + 1, total)
    # the drop-downs' lists: a working sheet, hidden and out of print
    lists_sheet = sheet(lists_title, (34, 2, 30, 12, 2, 30, 2, 44, 2, 40), freeze="A2",
                        printed=False)
    _write_lists(lists_sheet, list_values)
    lists_sheet.finish()
    processors = sheet(processor_title, (10, 28, 30, 40, 30, 30, 20),
                       freeze=f"A{len(entities) + 3}")
    _write_processor_register(processors, entities, activities, voc)
    processors.finish()
    schedule = sheet(schedule_title, _SCHEDULE_WIDTHS, freeze="C2")
    for column in _SCHEDULE_EXPERT_COLUMNS:  # on screen for the expert who unhides them
        schedule.ws.column_dimensions[column].hidden = True
    schedule.split_rows = True  # a table: a text taller than a row goes on in the next one
    _write_schedule(schedule, activities, voc)
    schedule.finish()
    review_sheet = sheet(review_title, (22, 20, 13, 13, 13, 13, 13, 13, 14, 40), freeze="A2")
    _write_review(review_sheet, review, review_progress, voc)
    review_sheet.finish()
    audit_sheet = sheet(audit_title, (6, 19, 12, 8, 9, 22, 14, 45, 45), freeze="A2")
    audit_sheet.split_rows = True
    _write_audit(audit_sheet, audit, entities)
    audit_sheet.finish()
    data_sheet = sheet(DATA_SHEET, (12, 30, 80), printed=False)
    _write_data(data_sheet, entities, activities)
    data_sheet.finish()


def _footer(entities: Sequence[Entity], as_of: date) -> str:
    """The footer of every printed page: the establishment (when one) and the date."""
    name = entities[0].name if len(entities) == 1 else ""
    return " — ".join(p for p in (name, f"Registre établi le {as_of:%d/%m/%Y}") if p)


def save_atomically(workbook: Workbook, path: Path) -> None:
    """Save next to ``path`` under a temporary name, then move it over ``path``."""
    with replaced_on_success(path) as temporary:
        workbook.save(str(temporary))


def export_register(register: Register, path: Path, *, as_of: date,
                    entity: str | None = None, progress: Progress | None = None,
                    cancelled: Callable[[], bool] | None = None) -> ExportResult:
    """Write the inspection workbook of ``entity`` (default: every entity) to ``path``.

    ``progress(done, total)``: one step per fiche and one for the saving; ``cancelled()``
    is asked between fiches and before saving: a cancelled export raises
    ``export.cancelled`` and leaves the target as it was."""
    path = Path(path).expanduser()
    if path.suffix.lower() != ".xlsx":
        raise ExportError("export.suffix", f"{path.name}: the inspection workbook is an .xlsx "
                          "file", file=str(path))
    if not path.parent.exists():
        raise ExportError("export.no_folder", f"folder {path.parent} does not exist",
                          file=str(path))
    if path.is_dir():
        raise ExportError("export.no_folder", f"{path} is a folder", file=str(path))
    uow = register.uow()
    if entity:
        chosen = services.default_entity(uow, entity)  # NotFoundError if unknown
        entities: list[Entity] = [chosen]
        activities = list(services.list_activities(register.uow(), chosen.id))
    else:
        with uow:
            entities = list(uow.entities.list())
        activities = list(services.list_activities(register.uow()))
    review, decisions = last_signed_review(register)
    workbook = build_workbook(entities, activities, as_of, audit=audit_extract(register),
                              review=review, review_progress=decisions, progress=progress,
                              cancelled=cancelled)
    try:
        if cancelled is not None and cancelled():
            raise ExportError("export.cancelled", "export cancelled; nothing written",
                              file=str(path))
        save_atomically(workbook, path)
    except OSError as error:
        discard_workbook(workbook)
        raise ExportError("export.write", f"cannot write {path}: {error.strerror}",
                          file=str(path), detail=str(error.strerror)) from error
    except BaseException:
        discard_workbook(workbook)
        raise
    if progress is not None:
        progress(len(activities) + 1, len(activities) + 1)
    return ExportResult(path=path, entities=len(entities), activities=len(activities),
                        sheets=len(activities) + 7)
