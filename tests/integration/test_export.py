"""The inspection workbook (storage.export): what an inspector opens, and its safety."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from python_calamine import load_workbook

from domain import services
from domain.model import (
    DataCategoryUse,
    Entity,
    LegalBasis,
    ProcessingActivity,
    RetentionRule,
    Role,
)
from storage.demo import write_demo
from storage.export import (
    DATA_SHEET,
    ExportError,
    export_register,
    safe_sheet_title,
)
from storage.register import Register, open_register

TODAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("export")
    write_demo(folder / "demo.db", TODAY)
    register = open_register(str(folder / "demo.db"), actor="dpo")
    try:
        export_register(register, folder / "inspection.xlsx", as_of=TODAY)
    finally:
        register.close()
    yield folder / "inspection.xlsx"


@pytest.fixture(scope="module")
def demo_workbook(demo_export: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(demo_export)  # slow (seconds): loaded once


def _values(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[list[object]]:
    return [[v for v in row if v is not None] for row in sheet.iter_rows(values_only=True)]


def test_demo_export_opens_in_openpyxl_and_calamine_with_the_cnil_sheets(
    demo_export: Path, demo_workbook: openpyxl.Workbook
) -> None:
    workbook = demo_workbook
    names = workbook.sheetnames
    assert names[0] == "Registre"
    assert names[-5:] == ["Sous-traitant (30.2)", "Conservation", "Dernière revue",
                          "Journal d'audit", DATA_SHEET]
    assert len(names) == 34 + 7  # one fiche per demo activity, and the lists
    audit = _values(workbook["Journal d'audit"])
    assert audit[0][:4] == ["N°", "Date (UTC)", "Auteur", "Action"]
    assert len(audit) > 10 and audit[1][2] == "registre-demo"
    assert workbook[DATA_SHEET].sheet_state == "hidden"
    assert workbook["Registre"].freeze_panes is not None
    assert workbook["Registre"].page_setup.orientation == "landscape"
    calamine = load_workbook(str(demo_export))
    assert calamine.sheet_names == names
    # the list sheet: the controller and the DPO, then one row per activity
    rows = _values(workbook["Registre"])
    flat = [str(v) for row in rows for v in row]
    assert any("Centre hospitalier de Valmont" in v for v in flat)
    assert any("Claire Dubreuil" in v for v in flat)
    refs = [row[1] for row in rows if len(row) > 1 and str(row[1]).startswith("ADM-")]
    assert refs == ["ADM-01", "ADM-02", "ADM-03", "ADM-04"]
    # the processor register holds the activity done for the EHPAD (RH-07)
    processor_rows = _values(workbook["Sous-traitant (30.2)"])
    assert any(row and row[0] == "RH-07" for row in processor_rows)


def test_a_fiche_has_legal_bases_and_retention_rules_in_words(
    demo_workbook: openpyxl.Workbook,
) -> None:
    workbook = demo_workbook
    fiche = next(workbook[n] for n in workbook.sheetnames if n.startswith("ADM-03 "))
    rows = _values(fiche)
    labels = [row[0] if row else None for row in rows]
    assert {"Nom du traitement", "N° / RÉF", "Finalité principale", "Bases légales (art. 6)",
            "Données sensibles", "Mesures de sécurité", "Transferts hors UE",
            "Analyse d'impact (AIPD)"} <= set(labels)
    assert rows[labels.index("A6-1-c")][:2] == ["A6-1-c", "Obligation légale"]
    financial = rows[labels.index("Informations d'ordre économique et financier (revenus, "
                                  "situation financière, situation fiscale, etc.)")]
    words = str(financial[-1])
    assert "Conservation jusqu'à 10 ans après la date de clôture de l'exercice." in words
    assert "C. com. art. L123-22" in words  # the legal reference
    schedule = _values(workbook["Conservation"])
    assert schedule[0][:5] == ["N° / RÉF", "Traitement", "Catégorie de données",
                               "Fin de la base active", "Fin de conservation"]
    assert any(row[0] == "ADM-03" and "fiscal_year_end + 10 years" in row for row in schedule)


def test_no_formula_in_the_demo_export(demo_workbook: openpyxl.Workbook) -> None:
    workbook = demo_workbook
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)


def _register_with(tmp_path: Path, *activities: ProcessingActivity) -> Register:
    register = open_register(str(tmp_path / "r.db"), actor="dpo")
    entity = services.add_entity(register.uow(), Entity(name="CH =cmd|' /C calc'!A0"))
    assert entity.id is not None
    for activity in activities:
        services.add_activity(register.uow(), dataclasses.replace(activity,
                                                                  entity_id=entity.id), TODAY)
    return register


def test_formula_injection_stays_text(tmp_path: Path) -> None:
    hostile = ProcessingActivity(
        entity_id=0, ref="X-01", name='=HYPERLINK("http://evil.example","clic")',
        purpose="+SUM(1,2)", sub_purposes=("-2+3", "@SUM(A1)"),
        legal_bases=(LegalBasis("A6-1-c", "=1+1"),),
        data_categories=(DataCategoryUse("identity", description="bell\x07 and nul\x00",
                                         retention=RetentionRule(delete_after="birth + 1 year",
                                                                 legal_reference="=A1")),),
    )
    register = _register_with(tmp_path, hostile)
    try:
        export_register(register, tmp_path / "out.xlsx", as_of=TODAY)
    finally:
        register.close()
    workbook = openpyxl.load_workbook(tmp_path / "out.xlsx")
    seen = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    seen.append(cell.value)
    assert '=HYPERLINK("http://evil.example","clic")' in seen
    assert {"+SUM(1,2)", "-2+3", "@SUM(A1)", "=1+1"} <= set(seen)
    # control characters are stripped, not refused
    fiche = workbook[workbook.sheetnames[1]]
    texts = [str(c) for row in fiche.iter_rows(values_only=True) for c in row if c]
    assert "bell and nul" in texts
    assert calamine_values_are_text(tmp_path / "out.xlsx")


def calamine_values_are_text(path: Path) -> bool:
    rows = load_workbook(str(path)).get_sheet_by_name("Registre").to_python()
    return any(row and row[0] == '=HYPERLINK("http://evil.example","clic")' for row in rows)


def test_sheet_titles_are_legal_and_unique() -> None:
    used: set[str] = set()
    first = safe_sheet_title("RH/01: paie [agents]*? \\ très longue désignation", used)
    assert len(first) <= 31 and not set(first) & set("[]:*?/\\")
    again = safe_sheet_title("RH/01: paie [agents]*? \\ très longue désignation", used)
    assert again != first and len(again) <= 31 and again.endswith("(2)")
    assert safe_sheet_title("'quoted'", used) == "quoted"
    assert safe_sheet_title("registre", {"registre"}) == "registre (2)"


def test_export_is_atomic_and_refuses_a_missing_folder(tmp_path: Path) -> None:
    processor = ProcessingActivity(entity_id=0, ref="P-01", name="Paie pour l'EHPAD",
                                   role=Role.PROCESSOR, controllers_acted_for=("EHPAD",))
    register = _register_with(tmp_path, processor)
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"previous export")
    try:
        with pytest.raises(ExportError) as refused:
            export_register(register, tmp_path / "missing" / "out.xlsx", as_of=TODAY)
        assert refused.value.code == "export.no_folder"
        export_register(register, target, as_of=TODAY)
    finally:
        register.close()
    assert openpyxl.load_workbook(target)["Sous-traitant (30.2)"]["A4"].value == "P-01"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert os.access(target, os.R_OK)


def test_the_last_signed_review_is_in_the_workbook(tmp_path: Path) -> None:
    from domain.check import Status
    from domain.review import Decision, FindingDecision
    from storage.review import FindingScope, decide, sign_off, start_review

    write_demo(tmp_path / "demo.db", TODAY)
    register = open_register(str(tmp_path / "demo.db"), actor="dpo")
    try:
        now = "2026-11-02T09:00:00+00:00"
        review = start_review(register.uow(), TODAY, now=now)
        assert review.id is not None
        decided = decide(register.uow(), review.id,
                         FindingDecision(Decision.PURGE_PLANNED, date(2027, 1, 31)),
                         FindingScope(activity="SEC-01", status=Status.OVERDUE), now=now)
        sign_off(register.uow(), review.id, "Claire Dubreuil", now=now,
                 next_review_on=date(2027, 2, 1))
        start_review(register.uow(), date(2026, 11, 20), now=now)  # open: not in the export
        export_register(register, tmp_path / "inspection.xlsx", as_of=TODAY)
    finally:
        register.close()
    sheet = openpyxl.load_workbook(tmp_path / "inspection.xlsx", read_only=True)[
        "Dernière revue"]
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert ["Signée par", "Claire Dubreuil"] in rows
    assert str(rows[1][1]).startswith("2026-11-01")  # "Au": the review's as-of date
    header = next(r for r in rows if r[:2] == ["Traitement", "Catégorie"])
    assert "En retard" in header
    sec = next(r for r in rows if r and r[0] == "SEC-01" and len(r) > 5)
    overdue = sec[header.index("En retard")]
    assert overdue == next(g.counts[Status.OVERDUE] for g in review.groups
                           if g.activity == "SEC-01")
    assert ["SEC-01", sec[1], "En retard", decided, decided] in rows


def test_without_a_signed_review_the_sheet_says_so(demo_workbook: openpyxl.Workbook) -> None:
    values = _values(demo_workbook["Dernière revue"])
    assert values == [["Aucune revue des durées de conservation n'a encore été signée."]]


# --- the CNIL model's drop-down lists, progress and cancel --------------------------------------


def _validated_cells(sheet: openpyxl.worksheet.worksheet.Worksheet
                     ) -> dict[str, list[str]]:
    """Each drop-down's source range -> the cells it covers."""
    found: dict[str, list[str]] = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list"
        found[validation.formula1] = [str(c) for r in validation.sqref.ranges
                                      for c in [r.coord]]
    return found


def _source(workbook: openpyxl.Workbook, formula: str) -> list[object]:
    sheet_name, cells = formula.rsplit("!", 1)
    first, last = cells.replace("$", "").split(":")
    sheet = workbook[sheet_name.strip("'")]
    return [c.value for row in sheet[f"{first}:{last}"] for c in row]


def test_fiches_have_the_cnil_drop_downs_and_their_values_are_in_the_lists(
    demo_workbook: openpyxl.Workbook,
) -> None:
    workbook = demo_workbook
    lists = workbook["Listes"]
    # the CNIL model's columns of sheet 5_-_Listes
    assert [lists[f"{c}1"].value for c in "ACDFHJ"] == [
        "Garanties", "Pays", "Zone", "Catégories de personnes", "Destinataires",
        "Mesures de sécurité techniques"]
    assert "Salariés" in [c.value for c in lists["F"]]
    fiche = next(workbook[n] for n in workbook.sheetnames if n.startswith("ADM-03 "))
    validated = _validated_cells(fiche)
    by_column = {formula.split("!")[1][1]: cells for formula, cells in validated.items()}
    assert set(by_column) == {"F", "H", "J"}  # ADM-03 has no transfer
    def column_b_of(prefix: str) -> set[str]:
        return {row[1].coordinate for row in fiche.iter_rows()
                if str(row[0].value or "").startswith(prefix)}

    assert set(by_column["H"]) == column_b_of("Destinataire ") != set()
    assert set(by_column["J"]) == column_b_of("Mesure de sécurité ") != set()
    assert set(by_column["F"]) == column_b_of("Catégorie de personnes ") != set()
    for formula, cells in validated.items():
        allowed = _source(workbook, formula)
        for coordinate in cells:
            assert fiche[coordinate].value in allowed, (formula, coordinate)
    # a fiche with a transfer: country and safeguard have the lists too
    with_transfer = [workbook[n] for n in workbook.sheetnames[1:-6]
                     if any("!$C$" in f for f in _validated_cells(workbook[n]))]
    assert with_transfer, "the demo has activities with transfers outside the EU"
    sheet = with_transfer[0]
    for formula, cells in _validated_cells(sheet).items():
        allowed = _source(workbook, formula)
        assert all(sheet[c].value in allowed for c in cells), formula


def test_a_cancelled_export_closes_its_sheets_at_once(tmp_path: Path) -> None:
    # openpyxl writes each sheet of a write-only workbook to a temporary file; a cancelled
    # export must close and remove them itself: left to the garbage collector, a sheet still
    # being written raised "I/O operation on closed file" later, in whatever code ran then.
    import gc

    from openpyxl.worksheet._writer import ALL_TEMP_FILES

    activity = ProcessingActivity(entity_id=0, ref="A-01", name="Paie")
    register = _register_with(tmp_path, activity,
                              dataclasses.replace(activity, ref="A-02", name="Formation"))
    before = set(ALL_TEMP_FILES)
    unraisable: list[object] = []
    hook, sys.unraisablehook = sys.unraisablehook, unraisable.append
    try:
        with pytest.raises(ExportError):
            export_register(register, tmp_path / "out.xlsx", as_of=TODAY,
                            cancelled=lambda: True)
        left = [name for name in set(ALL_TEMP_FILES) - before if Path(name).exists()]
        gc.collect()
    finally:
        sys.unraisablehook = hook
        register.close()
    assert left == [] and unraisable == []


def test_a_cancelled_export_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    activity = ProcessingActivity(entity_id=0, ref="A-01", name="Paie")
    register = _register_with(tmp_path, activity,
                              dataclasses.replace(activity, ref="A-02", name="Formation"))
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"previous export")
    steps: list[tuple[int, int]] = []
    try:
        with pytest.raises(ExportError) as refused:
            export_register(register, target, as_of=TODAY,
                            progress=lambda d, t: steps.append((d, t)),
                            cancelled=lambda: len(steps) >= 1)
        assert refused.value.code == "export.cancelled"
        assert target.read_bytes() == b"previous export"
        export_register(register, target, as_of=TODAY,
                        progress=lambda d, t: steps.append((d, t)))
    finally:
        register.close()
    assert steps == [(1, 3), (1, 3), (2, 3), (3, 3)]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_every_choice_of_the_cnil_model_lists_has_its_place_in_ours(
    demo_workbook: openpyxl.Workbook,
) -> None:
    """The real CNIL model's sheet 5_-_Listes: each choice a DPO made there is, once
    imported, a value of our drop-down in the same column (Privacy Shield excepted: it was
    invalidated in 2020, see resources/vocabularies/safeguards.json)."""
    from domain.vocabulary import load_vocabularies
    from tests.conftest import SHARED

    voc = load_vocabularies()
    cnil = load_workbook(str(SHARED / "data" / "registers" /
                             "cnil_registre-traitement-simplifie_2020copy.ods"))
    rows = cnil.get_sheet_by_name("5_-_Listes").to_python(skip_empty_area=False)
    ours = demo_workbook["Listes"]
    for letter, vocabulary in (("A", voc.safeguards), ("C", voc.countries),
                               ("F", None), ("H", voc.recipient_kinds),
                               ("J", voc.security_measures)):
        column = ord(letter) - ord("A")
        assert ours[f"{letter}1"].value == rows[0][column]  # the same headers
        choices = [str(r[column]) for r in rows[2:] if len(r) > column and r[column] != ""]
        values = {c.value for c in ours[letter][1:]}
        for choice in choices:
            if choice == "Privacy shield":
                continue
            if vocabulary is None:
                assert choice in values, choice
                continue
            term = vocabulary.find(choice)
            assert term is not None and term.fr in values, (letter, choice)


def test_the_controllers_contact_is_in_the_workbook_and_comes_back(tmp_path: Path) -> None:
    from domain.model import Contact
    from storage.importer import import_register

    register = open_register(str(tmp_path / "r.db"), actor="dpo")
    try:
        entity = services.add_entity(register.uow(), Entity(
            name="CH de Valmont", address="1 rue de la Paix, 79290 Valmont",
            controller=Contact(name="Claire Martin", phone="05 49 12 40 00",
                               email="direction@ch-valmont.fr")))
        assert entity.id is not None
        services.add_activity(register.uow(), ProcessingActivity(
            entity.id, "RH-01", "Paie", purpose="Payer les agents"), TODAY)
        export_register(register, tmp_path / "inspection.xlsx", as_of=TODAY)
    finally:
        register.close()
    workbook = openpyxl.load_workbook(tmp_path / "inspection.xlsx")
    cover = [" ".join(str(v) for v in row) for row in _values(workbook.worksheets[0])]
    assert any("CH de Valmont" in line and "Claire Martin" in line
               and "direction@ch-valmont.fr" in line for line in cover)
    fiche = next(s for s in workbook.worksheets if "RH-01" in s.title)
    (head,) = [row for row in _values(fiche) if row and row[0] == "Responsable du traitement"]
    assert head == ["Responsable du traitement", "CH de Valmont — Claire Martin",
                    "1 rue de la Paix, 79290 Valmont", "05 49 12 40 00",
                    "direction@ch-valmont.fr"]
    journal = list(workbook["Journal d'audit"].iter_rows(values_only=True))[1:]
    assert {row[5] for row in journal if row[4] == "activity"} == {"RH-01 — CH de Valmont"}
    again = open_register(str(tmp_path / "again.db"), actor="dpo")
    try:
        import_register(again, tmp_path / "inspection.xlsx", today=TODAY)
        with again.uow() as uow:
            (back,) = uow.entities.list()
        assert back.controller == Contact(name="Claire Martin", phone="05 49 12 40 00",
                                          email="direction@ch-valmont.fr")
    finally:
        again.close()


def test_an_imported_free_text_retention_is_said_as_the_imports_not_the_dpos() -> None:
    from domain.completeness import IMPORTED_TEXT
    from domain.model import RetentionRule
    from domain.vocabulary import load_vocabularies
    from storage.export import retention_words

    voc = load_vocabularies()
    imported = RetentionRule(undetermined_criteria="Duration of respective contracts",
                             template_id=IMPORTED_TEXT)
    words = retention_words(voc, imported)
    assert "Durée indiquée par l'import, sans règle calculable : Duration of respective " \
        "contracts. Sort final" in words
    assert "non déterminable" not in words
    own = RetentionRule(undetermined_criteria="Jusqu'à l'issue du contentieux.")
    assert "Durée non déterminable : Jusqu'à l'issue du contentieux. Sort final" in \
        retention_words(voc, own)
