"""Recognising a register in sheets of cells and turning it into activities.

Three layouts, tried in this order on the sheets of ``storage.import_read``:

* **our own export** (``storage.export``): the hidden ``_registre`` sheet holds every
  activity as JSON: read back losslessly;
* **the CNIL model**: fiche sheets found by their labels in column A ("Nom du traitement",
  "N° / RÉF", the category rows…), wherever DPOs moved the rows; the tutorial, the lists,
  the "(EXEMPLE)" activity, the blank template fiche and the drop-down placeholder are
  skipped; the list sheet's rows are kept for activities that have no fiche;
* **flat registers** (one activity per row; Dastra, ciso-assistant, home-made sheets, CSV):
  the header row is found by column-name synonyms in French or English, accents, case,
  spacing and punctuation ignored; Dastra's boolean category columns become categories.

Everything here is reading: nothing is stored. Values are mapped to the stable codes of the
vocabularies; a value that cannot be mapped is either kept as text where the model has a
free-text place for it, or reported as a warning (never dropped silently).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo

from domain.completeness import IMPORTED_TEXT
from domain.errors import RegistreError
from domain.model import (
    EDITABLE_FIELDS,
    Contact,
    DataCategoryUse,
    DpiaScreening,
    Entity,
    LegalBasis,
    ProcessingActivity,
    Recipient,
    RecipientKind,
    RetentionRule,
    Role,
    Safeguard,
    SecurityMeasure,
    SpecialCondition,
    Status,
    Transfer,
)
from domain.serialization import activity_from_dict, entity_from_dict
from domain.vocabulary import Vocabularies, normalise_label
from storage.import_read import ImportFileError, Sheet, column_letter

__all__ = ["WHY_EMPTY", "Actors", "ColumnUse", "ImportPlan", "ImportWarning",
           "ImportedActivity", "plan_import"]

DATA_SHEET: Final = "_registre"  # storage.export.DATA_SHEET (not imported: no openpyxl here)
_ZONE: Final = ZoneInfo("Europe/Paris")
_EXCEL_EPOCH: Final = date(1899, 12, 30)


class ImportWarning(str):
    """A warning of an import: its text in English (what the command line prints), with a
    stable ``code`` and the ``params`` the window words it with in the user's language
    (``sheet`` and ``row`` say where, when known)."""

    code: str
    params: dict[str, object]

    def __new__(cls, code: str, text: str, **params: object) -> ImportWarning:
        warning = super().__new__(cls, text)
        warning.code = code
        warning.params = params
        return warning


@dataclass(frozen=True)
class ImportedActivity:
    """An activity read from the file (``entity_id`` 0 until it is stored)."""

    activity: ProcessingActivity
    provided: frozenset[str]  # the fields the file gives (an update changes only those)
    sheet: str | None
    row: int | None  # 1-based
    validated: bool = False  # our own export: validated in the register it came from
    columns: Mapping[str, str] = field(default_factory=dict)  # field -> column letter


@dataclass(frozen=True)
class Actors:
    """The CNIL model's "Acteurs": who is responsible, the DPO and the representative, from
    the list sheet's contact block and the fiches' "Acteurs" sub-table."""

    controller: Contact = field(default_factory=Contact)  # the head of the organisation
    dpo: Contact = field(default_factory=Contact)
    representative: Contact = field(default_factory=Contact)
    where: str = ""  # the sheet they were read from (for messages)

    def is_empty(self) -> bool:
        return self.controller.is_empty() and self.dpo.is_empty() and \
            self.representative.is_empty()


@dataclass(frozen=True)
class ColumnUse:
    """A column of a table in the file and what the import makes of it."""

    sheet: str  # the sheet's name (a CSV: the file's)
    column: str  # its letter
    header: str  # as written in the file
    # where its values go: a field ("name", "purpose", "retention"...), a data category
    # ("category:health", Dastra's yes/no columns), or None: ignored
    use: str | None


@dataclass
class ImportPlan:
    layout: str  # "registre" | "cnil" | "apdp" | "flat"
    activities: list[ImportedActivity] = field(default_factory=list)
    entity: Entity | None = None
    warnings: list[str] = field(default_factory=list)
    actors: Actors | None = None  # the CNIL model's actors, for the target entity
    columns: list[ColumnUse] = field(default_factory=list)  # the tables' columns, mapped


# --- cells --------------------------------------------------------------------------------


def _key(text: object) -> str:
    """Header or label as a matching key: accents, case, punctuation and spaces dropped."""
    return normalise_label(str(text)).replace(" ", "") if text is not None else ""


_PLACEHOLDER: Final = _key("Sélectionnez un élément dans cette liste déroulante")


def text_of(value: Any) -> str:
    """A cell as text: numbers that are really text lose their ".0", dates are ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    text = unicodedata.normalize("NFC", str(value)).replace("\xa0", " ").strip()
    if text[:1] in {"S", "s"} and _key(text).startswith(_PLACEHOLDER):
        return ""  # the CNIL model's drop-down placeholder
    return text


class _Cell:
    """Where a value was read: for error messages."""

    def __init__(self, sheet: str | None, row: int, column: int | str) -> None:
        self.sheet = sheet or None
        self.row = row
        self.column = column_letter(column) if isinstance(column, int) else column

    def error(self, path: str, code: str, detail: str, value: object) -> ImportFileError:
        where = ", ".join(p for p in (
            path.rsplit("/", 1)[-1], f"sheet {self.sheet}" if self.sheet else "",
            f"row {self.row}", f"column {self.column}") if p)
        return ImportFileError(code, f"{where}: {detail}", file=path, sheet=self.sheet,
                               row=self.row, column=self.column, value=str(value),
                               detail=detail)


def date_of(value: Any, where: _Cell, path: str) -> date | None:
    """Typed dates first, then ISO / day-first text; never month-first."""
    from storage.inventory.cells import BadCell, parse_date_text

    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and \
            1 <= value <= 2_958_465:  # an Excel serial date in a cell not formatted as one
        return _EXCEL_EPOCH + timedelta(days=int(value))
    text = text_of(value)
    if not text:
        return None
    try:
        return parse_date_text(text.split("T")[0] if re.fullmatch(
            r"\d{4}-\d{2}-\d{2}T[\d:.]+", text) else text, _ZONE)
    except BadCell as error:
        raise where.error(path, "import.bad_date", f"{text!r} is not a date ({error})",
                          text) from None


_TRUE: Final = {"true", "vrai", "oui", "yes", "y", "o", "1", "x", "true()", "=true()"}
_FALSE: Final = {"false", "faux", "non", "no", "n", "0", "", "false()", "=false()"}


def bool_of(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = text_of(value).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def _split(text: str) -> list[str]:
    """A list inside one cell: new lines or semicolons (commas are too common in text)."""
    parts = re.split(r"\s*(?:\n|;|\r)\s*", text)
    return [p.strip(" -•\t") for p in parts if p.strip(" -•\t")]


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", normalise_label(text)).strip("_")
    if not slug or not slug[0].isalpha():
        slug = f"c_{slug}"
    return slug[:40].rstrip("_")


# --- our own export -------------------------------------------------------------------------


def _read_own(path: str, sheet: Sheet) -> ImportPlan:
    plan = ImportPlan("registre")
    for index, row in enumerate(sheet.rows[1:], start=2):
        kind = text_of(row[0]) if row else ""
        if kind not in {"entity", "activity"}:
            continue
        raw = "".join(str(c) for c in row[2:] if c is not None)
        where = _Cell(sheet.name, index, 2)
        try:
            data = json.loads(raw)
            if kind == "entity":
                if plan.entity is None:
                    plan.entity = replace(entity_from_dict(data), id=None, version=0)
                continue
            data["entity_id"] = 0
            activity = activity_from_dict(data)
        except json.JSONDecodeError as error:
            raise where.error(path, "import.bad_data", f"damaged data ({error.msg})",
                              raw[:40]) from None
        except RegistreError as error:
            raise where.error(path, "import.bad_data", f"damaged data ({error})",
                              raw[:40]) from None
        plan.activities.append(ImportedActivity(
            replace(activity, id=None, version=0), EDITABLE_FIELDS, sheet.name, index,
            validated=activity.status is Status.VALIDATED,
        ))
    return plan


# --- the CNIL model: fiches -----------------------------------------------------------------

_SKIP_SHEETS: Final = ("tutoriel", "exemple", "listes", "liste des choix", "principes")


def _is_fiche(sheet: Sheet) -> bool:
    labels = {_key(row[0]) for row in sheet.rows[:40] if row}
    return "nomdutraitement" in labels and "nref" in labels


@dataclass
class _Fiche:
    name: str = ""
    ref: str = ""
    created: date | None = None
    updated: date | None = None
    purpose: str = ""
    subs: list[str] = field(default_factory=list)
    categories: list[DataCategoryUse] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    measures: list[SecurityMeasure] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    joint: list[str] = field(default_factory=list)
    legal_bases: list[LegalBasis] = field(default_factory=list)
    conditions: list[SpecialCondition] = field(default_factory=list)
    actors: dict[str, Contact] = field(default_factory=dict)  # controller, dpo, representative


_NUMBERED = re.compile(r"^(souscategoriedepersonnes|categoriedepersonnes|destinataire|"
                       r"mesuredesecurite|organismedestinataire|sousfinalite)(\d+)$")


def _read_fiche(path: str, sheet: Sheet, voc: Vocabularies, plan: ImportPlan
                ) -> _Fiche | None:
    fiche = _Fiche()
    section = ""
    for index, row in enumerate(sheet.rows):
        if not row:
            continue
        label = _key(row[0])
        cells = [text_of(c) for c in row[:8]] + [""] * (8 - min(len(row), 8))
        b, c, d, e, f = cells[1], cells[2], cells[3], cells[4], cells[5]
        where = _Cell(sheet.name, index + 1, 1)
        if label in {"categoriesdedonneespersonnellesconcernees", "donneessensibles",
                     "categoriesdepersonnesconcernees", "destinataires", "mesuresdesecurite",
                     "transfertshorsue", "acteurs", "finalitesdutraitementeffectue"}:
            section = label
            continue
        if label == "nomdutraitement":
            fiche.name = b
        elif label == "nref":
            fiche.ref = b
        elif label == "datedecreationdutraitement":
            fiche.created = date_of(row[1] if len(row) > 1 else None, where, path)
        elif label == "miseajourdutraitement":
            fiche.updated = date_of(row[1] if len(row) > 1 else None, where, path)
        elif label == "finaliteprincipale":
            fiche.purpose = b
        elif label in {"responsablesconjoints", "responsableconjoint"} and b:
            fiche.joint.append(b)
        elif section == "acteurs" and label in _ACTOR_ROWS:
            _read_actor_row(fiche.actors, _ACTOR_ROWS[label], cells)
        elif section in {"categoriesdedonneespersonnellesconcernees", "donneessensibles"}:
            term = voc.data_categories.find(text_of(row[0]))
            if term is None:
                if text_of(row[0]) and (b or e):
                    own = DataCategoryUse(_slug(text_of(row[0])), description=b,
                                          label=text_of(row[0]))
                    fiche.categories.append(_with_retention(own, e))
                continue
            if b or e:
                fiche.categories.append(_with_retention(DataCategoryUse(term.code,
                                                                        description=b), e))
        else:
            match = _NUMBERED.match(label)
            if match is None:
                continue
            what = match.group(1)
            if what == "sousfinalite":
                if b:
                    fiche.subs.append(b)
            elif what in {"categoriedepersonnes", "souscategoriedepersonnes"}:
                if b or e:
                    fiche.subjects.append(" — ".join(p for p in (b, e) if p))
            elif what == "destinataire":
                if b or e:
                    kind = voc.recipient_kinds.find(b) if b else None
                    if kind is None and b:
                        plan.warnings.append(ImportWarning(
                            "import.warn.recipient_kind", f"{sheet.name}, row {index + 1}: "
                            f"recipient type {b!r} not recognised: recorded as 'other'",
                            sheet=sheet.name, row=index + 1, value=b))
                    fiche.recipients.append(Recipient(
                        RecipientKind(kind.code) if kind else RecipientKind.OTHER, e or b))
            elif what == "mesuredesecurite":
                if b or e:
                    term = voc.security_measures.find(b) if b else None
                    detail = e if term is not None else " — ".join(p for p in (b, e) if p)
                    fiche.measures.append(SecurityMeasure(term.code if term else "other",
                                                          detail))
            elif what == "organismedestinataire" and (b or c or d or f):
                fiche.transfers.append(_transfer(path, sheet.name, index + 1, b, c, d, f,
                                                 voc, plan))
    if not fiche.name:
        return None  # the blank template fiche
    if fiche.name.casefold().startswith("(exemple)"):
        return None
    return fiche


# "Acteurs": Nom | Adresse | Code Postal | Ville | Pays | Téléphone | Adresse mél (B:H)
_ACTOR_ROWS: Final = {
    "responsabledutraitement": "controller", "deleguealaprotectiondesdonnees": "dpo",
    "societedudposiceluiciestexterne": "dpo_company", "representant": "representative",
}
_NOT_GIVEN: Final = {"", "na", "nc", "neant", "sansobjet", "aucun", "aucune", "none"}


def _given(text: str) -> str:
    """A contact value, or "" for the ways a form says "none" ("N/A", "-", "néant")."""
    return "" if _key(text) in _NOT_GIVEN else text


def _postal_address(street: str, postcode: str, town: str, country: str) -> str:
    place = " ".join(p for p in (postcode, town) if p)
    return ", ".join(p for p in (street, place, country) if p)


def _read_actor_row(actors: dict[str, Contact], role: str, cells: list[str]) -> None:
    if role == "dpo_company":
        company = _given(cells[1])
        if company:
            actors["dpo"] = replace(actors.get("dpo", Contact()), organisation=company)
        return
    name, street, postcode, town, country, phone, email = (_given(c) for c in cells[1:8])
    found = Contact(name=name, email=email, phone=phone,
                    address=_postal_address(street, postcode, town, country))
    if found.is_empty():
        return
    if role == "dpo" and "dpo" in actors:  # the company row came first
        found = replace(found, organisation=actors["dpo"].organisation)
    actors[role] = found


# The list sheet's contact block: "Coordonnées du …" in A over two rows, "Nom :" / value
# pairs in B:I.
_CONTACT_BLOCKS: Final = (("coordonneesduresponsable", "controller"),
                          ("coordonneesdurepresentant", "representative"),
                          ("coordonneesdudelegue", "dpo"))
_CONTACT_LABELS: Final = frozenset({"nom", "prenom", "adresse", "adressemel", "codepostal",
                                    "ville", "telephone", "societesidpoexterne"})


def _read_contact_block(sheet: Sheet) -> dict[str, Contact]:
    found: dict[str, Contact] = {}
    for index, row in enumerate(sheet.rows[:12]):
        head = _key(row[0]) if row else ""
        role = next((r for prefix, r in _CONTACT_BLOCKS if head.startswith(prefix)), None)
        if role is None:
            continue
        values: dict[str, str] = {}
        for line in sheet.rows[index:index + 2]:
            for column in range(1, len(line) - 1):
                label = _key(line[column])
                if label in _CONTACT_LABELS and label not in values \
                        and _key(line[column + 1]) not in _CONTACT_LABELS:
                    values[label] = _given(text_of(line[column + 1]))
        person = " ".join(p for p in (values.get("prenom", ""), values.get("nom", "")) if p)
        contact = Contact(
            name=person, email=values.get("adressemel", ""),
            phone=values.get("telephone", ""),
            organisation=values.get("societesidpoexterne", ""),
            address=_postal_address(values.get("adresse", ""), values.get("codepostal", ""),
                                    values.get("ville", ""), ""))
        if not contact.is_empty():
            found[role] = contact
    return found


def _gather_actors(found: list[tuple[str, dict[str, Contact]]], plan: ImportPlan) -> None:
    """The actors of the file: the first place that names each one (the list sheet, then the
    fiches in order); a fiche naming someone else is said in a warning, never ignored."""
    chosen: dict[str, tuple[str, Contact]] = {}
    for where, actors in found:
        for role, contact in actors.items():
            if role not in chosen:
                chosen[role] = (where, contact)
            elif chosen[role][1] != contact:
                words = {"controller": "responsable du traitement", "dpo": "DPO",
                         "representative": "représentant"}[role]
                kept = chosen[role][1].name or chosen[role][1].email
                plan.warnings.append(ImportWarning(
                    "import.warn.actor_differs",
                    f"{where}: {words} {contact.name or contact.email!r} differs from "
                    f"{chosen[role][0]} ({kept!r}): the register keeps the latter",
                    sheet=where, role=role, value=contact.name or contact.email,
                    first=chosen[role][0], kept=kept))
    if chosen:
        plan.actors = Actors(
            controller=chosen.get("controller", ("", Contact()))[1],
            dpo=chosen.get("dpo", ("", Contact()))[1],
            representative=chosen.get("representative", ("", Contact()))[1],
            where=", ".join(dict.fromkeys(w for w, _c in chosen.values())))


def _with_retention(use: DataCategoryUse, text: str) -> DataCategoryUse:
    if not text:
        return use
    # Free text ("5 ans à compter du versement de la paie") is what the CNIL model and the
    # vendors' tools hold: it is kept as the written criteria, marked as the file's, until
    # the DPO turns it into a computable rule (a completeness finding says so meanwhile).
    return replace(use, retention=RetentionRule(undetermined_criteria=text,
                                                template_id=IMPORTED_TEXT))


def _transfer(path: str, sheet: str | None, row: int, recipient: str, country: str,
              safeguard: str, documentation: str, voc: Vocabularies, plan: ImportPlan
              ) -> Transfer:
    term = voc.countries.find(country) if country else None
    if term is None:
        raise _Cell(sheet, row, 2).error(path, "import.unknown_country",
                                         f"unknown country {country!r}", country)
    guarantee = voc.safeguards.find(safeguard) if safeguard else None
    if safeguard and guarantee is None:
        plan.warnings.append(ImportWarning(
            "import.warn.safeguard", f"{sheet}, row {row}: safeguard {safeguard!r} not "
            "recognised: kept in the documentation field", sheet=sheet or "", row=row,
            value=safeguard))
        documentation = " — ".join(p for p in (safeguard, documentation) if p)
    return Transfer(recipient or country, term.code,
                    Safeguard(guarantee.code) if guarantee else None, documentation)


def _fiche_activity(fiche: _Fiche) -> tuple[ProcessingActivity, frozenset[str]]:
    activity = ProcessingActivity(
        entity_id=0, ref=fiche.ref, name=fiche.name, purpose=fiche.purpose,
        sub_purposes=tuple(fiche.subs), data_subjects=tuple(fiche.subjects),
        data_categories=tuple(_unique_categories(fiche.categories)),
        recipients=tuple(fiche.recipients), security_measures=tuple(_unique_measures(
            fiche.measures)), transfers=tuple(fiche.transfers),
        joint_controllers=tuple(fiche.joint),
        role=Role.JOINT if fiche.joint else Role.CONTROLLER,
        created_on=fiche.created, updated_on=fiche.updated,
    )
    return activity, _provided(activity)


def _unique_categories(uses: Iterable[DataCategoryUse]) -> list[DataCategoryUse]:
    seen: dict[str, DataCategoryUse] = {}
    for use in uses:
        if use.code in seen:
            first = seen[use.code]
            seen[use.code] = replace(first, description="; ".join(
                p for p in (first.description, use.description) if p))
        else:
            seen[use.code] = use
    return list(seen.values())


def _unique_measures(measures: Iterable[SecurityMeasure]) -> list[SecurityMeasure]:
    seen: dict[str, SecurityMeasure] = {}
    for measure in measures:
        if measure.code in seen:
            first = seen[measure.code]
            seen[measure.code] = SecurityMeasure(measure.code, "; ".join(
                p for p in (first.detail, measure.detail) if p))
        else:
            seen[measure.code] = measure
    return list(seen.values())


def _provided(activity: ProcessingActivity) -> frozenset[str]:
    """The editable fields the file gave a value for (an update leaves the others alone)."""
    return frozenset(name for name, default in _DEFAULTS
                     if getattr(activity, name) != default) | {"ref", "name"}


_DEFAULTS: Final = tuple(
    (name, getattr(ProcessingActivity(entity_id=0, ref="", name=""), name))
    for name in sorted(EDITABLE_FIELDS)
)


# --- the APDP (Bénin) model: "Fiche 001"... with labels in column A or B ------------------

_APDP_LABELS: Final = {
    "codeactivite": "ref", "denominationoudescription": "name", "datedecreation": "created",
    "finalites": "purpose", "categoriesdepersonnesconcernees": "data_subjects",
    "fondementjuridique": "legal_bases",
}


def _apdp_label_column(sheet: Sheet) -> int | None:
    for column in (0, 1):
        labels = {_key(row[column]) for row in sheet.rows[:60] if len(row) > column}
        if {"codeactivite", "denominationoudescription"} <= labels:
            return column
    return None


def _read_apdp(path: str, sheet: Sheet, column: int, voc: Vocabularies, plan: ImportPlan
               ) -> ImportedActivity | None:
    values: dict[str, tuple[Any, int, int]] = {}
    for index, row in enumerate(sheet.rows[:60]):
        if len(row) <= column:
            continue
        name = _APDP_LABELS.get(_key(row[column]))
        if name is None or name in values:
            continue
        for right in range(column + 1, len(row)):
            if text_of(row[right]):
                values[name] = (row[right], index + 1, right)
                break
    def text(name: str) -> str:
        return text_of(values[name][0]) if name in values else ""

    if not text("name"):
        return None  # the blank fiche of the template
    bases: list[LegalBasis] = []
    for part in _split_codes(text("legal_bases")):
        term = voc.legal_bases.find(part)
        if term is None:
            plan.warnings.append(ImportWarning(
                "import.warn.legal_basis", f"{sheet.name}: legal basis {part!r} not "
                "recognised: not imported", sheet=sheet.name, value=part))
        elif all(b.code != term.code for b in bases):
            bases.append(LegalBasis(term.code))
    created = None
    if "created" in values:
        value, number, col = values["created"]
        created = date_of(value, _Cell(sheet.name, number, col), path)
    activity = ProcessingActivity(
        entity_id=0, ref=text("ref"), name=text("name"), purpose=text("purpose"),
        data_subjects=tuple(_split(text("data_subjects"))), legal_bases=tuple(bases),
        created_on=created,
    )
    plan.warnings.append(ImportWarning(
        "import.warn.apdp_partial", f"{sheet.name}: APDP fiche: only its section 4 (activity) "
        "is imported; enter data, recipients and measures in the activity", sheet=sheet.name))
    return ImportedActivity(activity, _provided(activity), sheet.name, None)


# --- flat registers ------------------------------------------------------------------------

_SYNONYMS: Final[dict[str, tuple[str, ...]]] = {
    "name": ("Nom du traitement", "Dénomination ou Description", "Label", "name", "Nom",
             "Traitement", "Activité de traitement", "Activité", "Intitulé",
             "Business Process", "Processing activity", "Processing", "Activity",
             "Nom de l'activité", "Libellé", "Data", "Types"),
    "ref": ("N° / RÉF", "Référence", "Ref", "Réf", "ref_id", "Code Activité", "Code",
            "Reference", "N°", "Numéro", "Identifiant", "ID"),
    "purpose": ("Finalité principale", "Finalité(s) du traitement effectué", "Finalités",
                "Finalité du traitement", "Finalité", "MainPurpose", "Main purpose",
                "Purposes", "Purpose", "Purpose of processing", "Purposes of processing",
                "Reason"),
    "description": ("Description", "Description du traitement"),
    "sub_purposes": ("Sous-finalités", "Sub-purposes", "Secondary purposes"),
    "legal_bases": ("Fondement juridique", "Base légale", "Bases légales", "Base juridique",
                    "legal_basis", "Legal basis", "Legal bases", "Lawful basis",
                    "Legal Basis for Processing", "Licéité"),
    "special_conditions": ("article_9_condition", "Condition article 9",
                           "Exception article 9", "Art. 9 condition"),
    "data_subjects": ("Catégories de personnes concernées", "Personnes concernées",
                      "Cibles/personnes concernées", "Data subjects",
                      "Categories of data subjects", "Catégories de personnes"),
    "data_categories": ("Catégories de données personnelles concernées",
                        "Catégories de données", "Données traitées", "Types/Catégories",
                        "Data categories", "Categories of personal data", "Personal data",
                        "Données personnelles"),
    "recipients": ("Destinataires", "Recipients", "Data recipients",
                   "Categories of recipients", "Catégories de destinataires", "Access"),
    "data_sources": ("Source", "Sources", "Sources des données", "Origine des données",
                     "Data sources"),
    "security": ("Mesures de sécurité", "Security measures", "Security", "Handling",
                 "Mesures de sécurité techniques et organisationnelles", "TOMs"),
    "retention": ("Durée de conservation", "Durées de conservation", "RetentionDescription",
                  "Retention", "Retention period", "Storage period", "The storage periods",
                  "Délai de conservation", "Disposal"),
    "retention_amount": ("RetentionAmount", "Retention amount", "Durée"),
    "retention_unit": ("RetentionUnit", "Retention unit", "Unité"),
    "created": ("Date de création du traitement", "Date de création de la fiche",
                "Date de création", "DateCreation", "Created", "Creation date",
                "Date of creation"),
    "updated": ("Mise à jour du traitement", "Dernière mise à jour de la fiche",
                "Dernière mise à jour", "Date de mise à jour", "DateUpdate", "Updated",
                "Last updated", "Last update"),
    "department": ("Service", "Direction", "Department", "Pôle", "domain", "folder"),
    "role": ("Rôle", "Role", "Qualité"),
    "systems": ("Applications", "Logiciels", "Systèmes", "Systems", "Assets",
                "Applications utilisées"),
    "joint_controllers": ("Responsable(s) conjoint(s)", "Responsables conjoints",
                          "Joint controllers", "Joint controller"),
    "dpia_required": ("IsDPIARequired", "dpia_required", "DPIA required", "AIPD requise",
                      "AIPD nécessaire", "Analyse d'impact requise"),
    "dpia_reference": ("dpia_reference", "DPIA reference", "Référence AIPD",
                       "Référence de l'AIPD"),
    "dpia_date": ("DPIADate", "DPIA date", "Date AIPD", "Date de l'AIPD"),
    "transfers": ("Transferts hors UE", "Transfers", "Transfers outside the EU",
                  "Transfert des données vers un pays tiers", "Third countries"),
}

# Columns some tools always write that the register has no place for, and says so once.
_DASTRA_CATEGORIES: Final = {
    "CivilStatus": "identity", "PersonalLife": "personal_life",
    "ProfessionalLife": "professional_life", "EconomicFinancialData": "financial",
    "ConnectionData": "connection", "GeoLocationData": "location",
    "InternetData": "internet", "RacialData": "racial_ethnic_origin",
    "PoliticalOpinions": "political_opinions", "ReligiousBeliefs": "religious_beliefs",
    "TradeUnionMembership": "trade_union", "GeneticData": "genetic",
    "BiometricData": "biometric", "HealthData": "health", "SexualOrientations": "sex_life",
    "CriminalConvictions": "criminal", "CriminalData": "criminal",
    "NationalIdentificationNumber": "nir",
}
# A flat table is a register only with one of these besides a name (a list of vendors,
# applications or retention rules also has a "Label").
_ACTIVITY_MARKERS: Final = frozenset({
    "ref", "purpose", "legal_bases", "data_subjects", "data_categories", "recipients",
    "security", "dpia_required", "special_conditions", "categories",
})
_NOT_A_REGISTER: Final = {
    _key(h) for h in ("BaseActiveRetentionTime", "RuleId", "RuleDuration", "IsDataProcessor",
                      "HeadOfficeCountryCode", "ActorType", "ApplicationType",
                      "Combined ROPA Model Field", "Related DPV Concept")
}
_IGNORED_QUIETLY: Final = {
    _key(h) for h in ("DescriptionHtml", "ProcessingState", "State", "Status", "Statut",
                      "HasRetention", "OtherNonSensitive", "OtherSensitive",
                      "OtherSensitiveDescription", "assigned_to", "labels", "Oui/non")
}

_BY_KEY: Final[dict[str, str]] = {
    _key(synonym): canonical for canonical, synonyms in _SYNONYMS.items() for synonym in synonyms
}
_DASTRA_BY_KEY: Final = {_key(k): v for k, v in _DASTRA_CATEGORIES.items()}


@dataclass
class _Columns:
    header_row: int  # 0-based
    fields: dict[str, int]  # canonical field -> column
    categories: dict[int, str]  # boolean column -> category code
    ignored: list[str]
    header: list[str]


def _columns(sheet: Sheet) -> _Columns | None:
    best: _Columns | None = None
    for index, row in enumerate(sheet.rows[:20]):
        header = [text_of(c) for c in row]
        keys = [_key(h) for h in header]
        if any(k in _NOT_A_REGISTER for k in keys):
            return None
        if any(isinstance(c, int | float | date) and not isinstance(c, bool) for c in row):
            continue  # a header row holds names, not numbers or dates
        fields: dict[str, int] = {}
        categories: dict[int, str] = {}
        ignored = []
        for column, key in enumerate(keys):
            if not key:
                continue
            canonical = _BY_KEY.get(key)
            if canonical is None and re.fullmatch(r"sousfinalite\d+", key):
                canonical = "sub_purposes"
            if canonical is not None and canonical not in fields:
                fields[canonical] = column
            elif key in _DASTRA_BY_KEY:
                categories[column] = _DASTRA_BY_KEY[key]
            elif canonical is None and key not in _IGNORED_QUIETLY:
                ignored.append(header[column])
        if "name" not in fields:
            continue
        markers = set(fields) | ({"categories"} if categories else set())
        if not markers & _ACTIVITY_MARKERS:
            continue
        found = _Columns(index, fields, categories, ignored, header)
        if best is None or len(found.fields) > len(best.fields):
            best = found
    return best


def _column_uses(where: str, columns: _Columns) -> list[ColumnUse]:
    """Each named column of the header row and where its values go (None: ignored)."""
    by_column = {column: name for name, column in columns.fields.items()}
    uses = []
    for column, header in enumerate(columns.header):
        if not header:
            continue
        use: str | None = by_column.get(column)
        if column in columns.categories:
            use = f"category:{columns.categories[column]}"
        elif use is None and re.fullmatch(r"sousfinalite\d+", _key(header)):
            use = "sub_purposes"
        uses.append(ColumnUse(where, column_letter(column), header, use))
    return uses


_UNITS: Final = {"year": ("an", "ans", "year", "years"), "month": ("mois", "month", "months"),
                 "day": ("jour", "jours", "day", "days"), "week": ("semaine", "semaines",
                                                                  "week", "weeks")}


def _unit_words(unit: str, amount: str) -> str:
    key = normalise_label(unit)
    plural = amount not in {"1", "0"}
    for words in _UNITS.values():
        if key in words or key.rstrip("s") in words:
            return words[1] if plural else words[0]
    return unit


def _read_flat(path: str, sheet: Sheet, columns: _Columns, voc: Vocabularies,
               plan: ImportPlan) -> list[ImportedActivity]:
    result = []
    fields = columns.fields
    where_name = sheet.name or path.rsplit("/", 1)[-1]
    letters = {name: column_letter(column) for name, column in fields.items()}

    def get(row: list[Any], name: str) -> Any:
        column = fields.get(name)
        return row[column] if column is not None and column < len(row) else None

    def text(row: list[Any], name: str) -> str:
        return text_of(get(row, name))

    sub_columns = [i for i, h in enumerate(columns.header)
                   if re.fullmatch(r"sousfinalite\d+", _key(h))]
    for index in range(columns.header_row + 1, len(sheet.rows)):
        row = sheet.rows[index]
        number = index + 1
        name = text(row, "name")
        if not name:
            if any(text_of(c) for c in row):
                plan.warnings.append(ImportWarning(
                    "import.warn.no_name", f"{where_name}, row {number}: no activity name: "
                    "row skipped", sheet=where_name, row=number))
            continue
        if name.casefold().startswith("(exemple)"):
            continue
        if index == columns.header_row + 1 and name.endswith("?"):
            continue  # a row that explains the columns ("What data are you collecting?")

        def cell(field_name: str, row: list[Any] = row, number: int = number) -> _Cell:
            return _Cell(sheet.name, number, fields.get(field_name, 0))

        purpose, description = text(row, "purpose"), text(row, "description")
        subs = [p for p in _split(text(row, "sub_purposes"))] if "sub_purposes" in fields \
            and not sub_columns else []
        subs += [text_of(row[i]) for i in sub_columns if i < len(row) and text_of(row[i])]
        if not purpose:
            purpose = description
        elif description and description not in {purpose, name} and normalise_label(
                description) not in {normalise_label(purpose), normalise_label(name)}:
            subs.append(description)
        legal_bases = _coded(
            plan, voc.legal_bases, _split_codes(text(row, "legal_bases")), LegalBasis,
            "import.warn.legal_basis", "legal basis", where_name, number)
        conditions = _coded(
            plan, voc.art9_conditions, _split_codes(text(row, "special_conditions")),
            SpecialCondition, "import.warn.art9", "Art. 9 condition", where_name, number)
        categories: list[DataCategoryUse] = []
        for part in _split(text(row, "data_categories")):
            if bool_of(part) is not None:
                continue  # a yes/no column ("Personal Data: yes"), not a category name
            term = voc.data_categories.find(part) or voc.data_categories.find(_tool_code(part))
            categories.append(DataCategoryUse(term.code) if term else
                              DataCategoryUse(_slug(part), label=part))
        for column, code in columns.categories.items():
            if column < len(row) and bool_of(row[column]):
                categories.append(DataCategoryUse(code))
        retention = text(row, "retention")
        amount, unit = text(row, "retention_amount"), text(row, "retention_unit")
        if amount:
            structured = f"{amount} {_unit_words(unit, amount)}".strip()
            retention = f"{structured} — {retention}" if retention else structured
        categories = _unique_categories(categories)
        if retention:
            if categories:
                categories = [c if c.retention else _with_retention(c, retention)
                              for c in categories]
            else:
                plan.warnings.append(ImportWarning(
                    "import.warn.retention_without_category", f"{where_name}, row {number}: "
                    f"retention {retention!r} not imported: the activity names no data "
                    "category", sheet=where_name, row=number, value=retention))
        recipients = []
        for part in _split(text(row, "recipients")):
            kind = voc.recipient_kinds.find(part) or voc.recipient_kinds.find(_tool_code(part))
            recipients.append(Recipient(RecipientKind(kind.code) if kind
                                        else RecipientKind.OTHER, part))
        measures = []
        for part in _split(text(row, "security")):
            term = voc.security_measures.find(part)
            measures.append(SecurityMeasure(term.code, "") if term
                            else SecurityMeasure("other", part))
        role_text = text(row, "role")
        role_term = voc.roles.find(role_text) if role_text else None
        if role_text and role_term is None:
            raise cell("role").error(path, "import.bad_value", f"unknown role {role_text!r}",
                                     role_text)
        dpia_required = bool_of(get(row, "dpia_required"))
        dpia_reference = text(row, "dpia_reference")
        dpia_done = date_of(get(row, "dpia_date"), cell("dpia_date"), path)
        notes = "AIPD requise (selon le fichier importé)" if dpia_required else ""
        if text(row, "transfers") and bool_of(get(row, "transfers")) is not False:
            plan.warnings.append(ImportWarning(
                "import.warn.transfers_text", f"{where_name}, row {number}: transfers "
                f"{text(row, 'transfers')!r} not imported (no country and safeguard "
                "columns): enter them in the activity", sheet=where_name, row=number,
                value=text(row, "transfers")))
        ref = text(row, "ref")
        activity = ProcessingActivity(
            entity_id=0, ref=ref, name=name, purpose=purpose, sub_purposes=tuple(subs),
            legal_bases=tuple(legal_bases), special_conditions=tuple(conditions),
            data_subjects=tuple(_split(text(row, "data_subjects"))),
            data_categories=tuple(categories), recipients=tuple(recipients),
            security_measures=tuple(_unique_measures(measures)),
            systems=tuple(_split(text(row, "systems"))),
            data_sources=tuple(_split(text(row, "data_sources"))),
            department=text(row, "department"),
            joint_controllers=tuple(_split(text(row, "joint_controllers"))),
            role=Role(role_term.code) if role_term else Role.CONTROLLER,
            dpia=DpiaScreening(done_on=dpia_done, reference=dpia_reference, notes=notes),
            created_on=date_of(get(row, "created"), cell("created"), path),
            updated_on=date_of(get(row, "updated"), cell("updated"), path),
        )
        result.append(ImportedActivity(activity, _provided(activity), sheet.name or None,
                                       number, columns=letters))
    return result


def _split_codes(text: str) -> list[str]:
    return [p for p in re.split(r"\s*(?:\n|;|,|\r)\s*", text) if p.strip()]


_Coded = TypeVar("_Coded", LegalBasis, SpecialCondition)


def _coded(plan: ImportPlan, vocabulary: Any, parts: Iterable[str],
           make: Callable[[str], _Coded], warning: str, words: str, where_name: str,
           number: int) -> list[_Coded]:
    """The codes ``parts`` name in ``vocabulary`` (its code, label or another tool's code),
    each once; a part it does not know is a warning naming the sheet and row."""
    found: list[_Coded] = []
    for part in parts:
        term = vocabulary.find(part) or vocabulary.find(_tool_code(part))
        if term is None:
            plan.warnings.append(ImportWarning(
                warning, f"{where_name}, row {number}: {words} {part!r} not recognised: not "
                "imported", sheet=where_name, row=number, value=part))
        elif all(item.code != term.code for item in found):
            found.append(make(term.code))
    return found


def _tool_code(text: str) -> str:
    """Other tools' enum codes (``privacy_financial_data``) as words ("financial data")."""
    words = re.sub(r"^(privacy|gdpr|rgpd)_", "", text.strip(), flags=re.IGNORECASE)
    return words.replace("_", " ")


# --- ciso-assistant: one processing over several sheets ------------------------------------


def _attach_sub_sheets(sheets: Sequence[Sheet], items: list[ImportedActivity],
                       voc: Vocabularies, plan: ImportPlan) -> list[ImportedActivity]:
    """A workbook whose sheets "Purposes", "Personal data"... describe its only activity."""
    by_key = {_key(s.name): s for s in sheets}
    if len(items) != 1 or not {"purposes", "personaldata", "datasubjects"} & set(by_key):
        return items
    item = items[0]
    activity = item.activity

    def records(name: str) -> list[dict[str, str]]:
        sheet = by_key.get(name)
        if sheet is None or not sheet.rows:
            return []
        header = [_key(h) for h in sheet.rows[0]]
        return [{header[i]: text_of(v) for i, v in enumerate(row) if i < len(header)}
                for row in sheet.rows[1:] if any(text_of(v) for v in row)]

    subs = list(activity.sub_purposes)
    bases = list(activity.legal_bases)
    conditions = list(activity.special_conditions)
    for record in records("purposes"):
        if record.get("name"):
            subs.append(record["name"] + (f" — {record['description']}"
                                          if record.get("description") else ""))
        term = voc.legal_bases.find(_tool_code(record.get("legalbasis", ""))) \
            if record.get("legalbasis") else None
        if term is not None and all(b.code != term.code for b in bases):
            bases.append(LegalBasis(term.code))
        elif record.get("legalbasis") and term is None:
            plan.warnings.append(ImportWarning(
                "import.warn.legal_basis", f"Purposes: legal basis {record['legalbasis']!r} "
                "not recognised: not imported", sheet="Purposes", value=record["legalbasis"]))
        condition = record.get("article9condition", "")
        cterm = voc.art9_conditions.find(_tool_code(condition)) if condition else None
        if cterm is not None and all(c.code != cterm.code for c in conditions):
            conditions.append(SpecialCondition(cterm.code))
    categories = list(activity.data_categories)
    for record in records("personaldata"):
        raw = record.get("category", "")
        term = voc.data_categories.find(_tool_code(raw)) if raw else None
        if term is None:
            term = voc.data_categories.find(_tool_code(raw).replace(" data", "")) if raw \
                else None
        label = record.get("name", "") or raw
        use = DataCategoryUse(term.code, description=label) if term else \
            DataCategoryUse(_slug(label or "autre"), label=label or "Autre")
        categories.append(_with_retention(use, record.get("retention", "")))
    subjects = list(activity.data_subjects) + [r["name"] for r in records("datasubjects")
                                               if r.get("name")]
    recipients = list(activity.recipients)
    for record in records("datarecipients") + records("contractors"):
        kind_text = _tool_code(record.get("category", "") or record.get("relationshiptype", ""))
        processor = "processor" in kind_text
        country = voc.countries.find(record.get("country", "")) if record.get("country") \
            else None
        if record.get("name"):
            recipients.append(Recipient(
                RecipientKind.PROCESSOR if processor else RecipientKind.OTHER, record["name"],
                country=country.code if country else ""))
    transfers = list(activity.transfers)
    for record in records("transfers"):
        country = voc.countries.find(record.get("country", ""))
        if country is None:
            plan.warnings.append(ImportWarning(
                "import.warn.unknown_country", f"Transfers: {record.get('name', '')!r}: "
                f"unknown country {record.get('country', '')!r}: not imported",
                sheet="Transfers", name=record.get("name", ""),
                value=record.get("country", "")))
            continue
        mechanism = _tool_code(record.get("transfermechanism", ""))
        guarantee = voc.safeguards.find(mechanism) or (
            voc.safeguards.get("scc") if "contractual" in mechanism else None)
        transfers.append(Transfer(record.get("name", "") or country.code, country.code,
                                  Safeguard(guarantee.code) if guarantee else None,
                                  record.get("documentationlink", "")))
    merged = replace(activity, sub_purposes=tuple(subs), legal_bases=tuple(bases),
                     special_conditions=tuple(conditions),
                     data_categories=tuple(_unique_categories(categories)),
                     data_subjects=tuple(subjects), recipients=tuple(recipients),
                     transfers=tuple(transfers))
    return [replace(item, activity=merged, provided=_provided(merged))]


_SUB_SHEETS: Final = frozenset({"purposes", "personaldata", "datasubjects", "datarecipients",
                                "contractors", "transfers"})


# --- the plan -------------------------------------------------------------------------------


def plan_import(path: str, sheets: Sequence[Sheet], voc: Vocabularies) -> ImportPlan:
    """Find the layout and read every activity; raises ImportFileError if none is found."""
    for sheet in sheets:
        if sheet.name == DATA_SHEET and sheet.rows and text_of(sheet.cell(0, 0)) == \
                "registre-export":
            return _read_own(path, sheet)
    plan = ImportPlan("flat")
    fiches: list[ImportedActivity] = []
    rows: list[ImportedActivity] = []
    actors: list[tuple[str, dict[str, Contact]]] = []
    recognised = False
    for sheet in sheets:
        name_key = normalise_label(sheet.name.replace("_", " "))
        block = _read_contact_block(sheet)
        if block:
            actors.append((sheet.name, block))
        if _is_fiche(sheet):
            recognised = True
            plan.layout = "cnil"
            if any(word in name_key for word in _SKIP_SHEETS):
                continue
            fiche = _read_fiche(path, sheet, voc, plan)
            if fiche is not None:
                activity, provided = _fiche_activity(fiche)
                fiches.append(ImportedActivity(activity, provided, sheet.name, None))
                if fiche.actors:
                    actors.append((sheet.name, fiche.actors))
            continue
        if any(word in name_key for word in _SKIP_SHEETS):
            continue
        apdp = _apdp_label_column(sheet)
        if apdp is not None:
            recognised = True
            plan.layout = "apdp"
            found = _read_apdp(path, sheet, apdp, voc, plan)
            if found is not None:
                fiches.append(found)
            continue
        if _key(sheet.name) in _SUB_SHEETS and any(_key(s.name) in {"processing", "processings"}
                                                  for s in sheets):
            continue  # ciso-assistant: describes the activity of the "Processing" sheet
        columns = _columns(sheet)
        if columns is None:
            continue
        recognised = True
        plan.columns.extend(_column_uses(sheet.name or path.rsplit("/", 1)[-1], columns))
        if columns.ignored:
            where = sheet.name or path.rsplit("/", 1)[-1]
            plan.warnings.append(ImportWarning(
                "import.warn.columns_ignored", f"{where}: columns not imported (no place in "
                f"the register): {', '.join(columns.ignored)}", sheet=where,
                columns=", ".join(columns.ignored)))
        rows.extend(_read_flat(path, sheet, columns, voc, plan))
    if len(rows) == 1 and not fiches:
        rows = _attach_sub_sheets(sheets, rows, voc, plan)
    if not recognised:
        raise ImportFileError(
            "import.no_register",
            f"{path.rsplit('/', 1)[-1]}: no register found (expected a sheet with a column "
            "such as 'Nom du traitement' or 'Label' and another such as 'N° / RÉF', "
            "'Finalité' or 'Base légale', or CNIL fiches)",
            file=path, detail="no register found",
        )
    _gather_actors(actors, plan)
    # CNIL model: a fiche describes its activity fully; the list sheet adds the others.
    taken = {(_key(i.activity.ref) or _key(i.activity.name)) for i in fiches} | \
        {_key(i.activity.name) for i in fiches}
    plan.activities = fiches + [i for i in rows if (_key(i.activity.ref) or "-") not in taken
                                and _key(i.activity.name) not in taken]
    if not plan.activities:
        plan.warnings.append(_why_empty(path, plan.layout))
    return plan


# the warnings that say why a file gives no activity (the window puts them in its summary)
WHY_EMPTY: Final = frozenset({"import.warn.blank_cnil", "import.warn.blank_apdp",
                              "import.warn.no_rows"})


def _why_empty(path: str, layout: str) -> ImportWarning:
    """Why a register file gives no activity, in words (never a bare "0 activities")."""
    name = path.rsplit("/", 1)[-1]
    if layout == "cnil":
        return ImportWarning(
            "import.warn.blank_cnil", f"{name}: the file is the CNIL model with no fiche "
            "filled in (its example and its blank fiche are not imported)", layout=layout)
    if layout == "apdp":
        return ImportWarning(
            "import.warn.blank_apdp", f"{name}: the file is the APDP model with no fiche "
            "filled in", layout=layout)
    return ImportWarning(
        "import.warn.no_rows", f"{name}: the table has its column headers but no row "
        "naming an activity", layout=layout)
