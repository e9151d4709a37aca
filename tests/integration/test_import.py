"""Importing registers (storage.importer): the real files of shared/data/registers, the CNIL
model, our own export (round trip), CSV encodings, and all-or-nothing refusals."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import load_workbook

from domain.completeness import assess, imported_text
from domain.serialization import to_dict
from domain.vocabulary import load_vocabularies
from storage.demo import write_demo
from storage.export import export_register
from storage.import_read import ImportFileError
from storage.importer import import_register, read_plan
from storage.register import Register, open_register
from tests.conftest import SHARED

REGISTERS = SHARED / "data" / "registers"
CNIL = REGISTERS / "cnil_registre-traitement-simplifie_2020copy.ods"
TODAY = date(2026, 11, 29)


def _activities(register: Register) -> dict[str, Any]:
    with register.uow() as uow:
        return {a.ref: a for a in uow.activities.list()}


def _audit_count(register: Register) -> int:
    return len(register.audit_entries())


# --- the real files ---------------------------------------------------------------------------

EXPECTED: dict[str, list[tuple[str, str]]] = {
    "dastra_sample-datatreatments-shipbuilder.xlsx": [
        ("1", "Gestion du recrutement"), ("2", "Gestion de la paie"),
        ("3", "Gestion du personnel"), ("4", "Gestion des données du Syndicat"),
        ("13", "Gestion des contrats"), ("13-2", "Gestion des commandes"),
    ],
    "dastra_sample-DataProcessing.csv": [
        ("1", "Gestion du recrutement"), ("7", "Envoi d’emails promotionnels"),
        ("14", "Gestion des commandes"),
    ],
    "dastra_sample-DataProcessing_18.csv": [("xxxxxx", "xxxxxx")],
    "dastra_sample-dataprocessings-referentiel-rh.xlsx": [("HR-1", "Recrutement")],
    "dastra_sample-dataprocessings-hr-management-referential.xlsx": [("HR-1", "Recruitment")],
    "cisoassistant_processings_template.xlsx": [("process 2", "processing 2"),
                                                ("process1", "processing 1")],
    "cisoassistant_sample_processing_workbook.xlsx": [("PRC-001", "HR Payroll")],
    "usegalaxy-eu_gdpr-data.fods": [("IMP-001", "Name and Email Address"),
                                    ("IMP-002", "IP Address")],
}
COUNTS = {
    "dastra_sample-datatreatments-shipbuilder.xlsx": 14,
    "dastra_sample-DataProcessing.csv": 14,
    "dastra_sample-DataProcessing_18.csv": 1,
    "dastra_sample-dataprocessings-referentiel-rh.xlsx": 8,
    "dastra_sample-dataprocessings-hr-management-referential.xlsx": 8,
    "cisoassistant_processings_template.xlsx": 2,
    "cisoassistant_sample_processing_workbook.xlsx": 1,
    "usegalaxy-eu_gdpr-data.fods": 4,
}


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_each_shared_register_imports_its_activities(register: Register, name: str) -> None:
    report = import_register(register, REGISTERS / name, today=TODAY)
    assert (len(report.added), report.updated) == (COUNTS[name], [])
    stored = _activities(register)
    assert len(stored) == COUNTS[name]
    for ref, activity_name in EXPECTED[name]:
        assert stored[ref].name == activity_name
    again = import_register(register, REGISTERS / name, today=TODAY)
    assert (again.added, again.updated, len(again.unchanged)) == ([], [], COUNTS[name])


@pytest.mark.parametrize("name", [
    "dastra_sample-dataretentionrule-rh.csv", "dastra_sample-vendors-example.xlsx",
    "dastra_sample-actors-example.xlsx", "vitam_regles_OK-complete.csv",
    "csmropa_CSM-ROPA_07082021.xlsx",
])
def test_files_that_hold_no_activity_are_refused_not_misread(register: Register,
                                                              name: str) -> None:
    with pytest.raises(ImportFileError) as refused:
        import_register(register, REGISTERS / name, today=TODAY)
    assert refused.value.code == "import.no_register"
    assert refused.value.params["file"] == str(REGISTERS / name)
    assert _activities(register) == {}


def test_dastra_boolean_columns_become_categories_with_the_retention_text() -> None:
    plan = read_plan(REGISTERS / "dastra_sample-datatreatments-shipbuilder.xlsx")
    recruitment = plan.activities[0].activity
    assert [c.code for c in recruitment.data_categories] == [
        "identity", "professional_life", "financial", "connection"]
    retention = recruitment.data_categories[0].retention
    assert retention is not None
    assert retention.undetermined_criteria == "Duration of respective contracts"
    assert recruitment.created_on == date(2019, 11, 28)
    assert any("RightOfAccess" in w for w in plan.warnings)  # said, not silently dropped
    # the preview's column mapping: each named column, where it goes or that it is ignored
    uses = {c.header: (c.column, c.use) for c in plan.columns}
    assert uses["RetentionDescription"] == ("L", "retention")
    assert uses["HealthData"] == ("AH", "category:health")
    assert uses["RightOfAccess"] == ("N", None)
    assert uses["ProcessingState"] == ("D", None)  # ignored quietly, but shown as ignored
    assert len(plan.columns) == 44


def test_a_vendors_free_text_retention_is_stored_marked_and_leaves_the_activity_incomplete(
        register: Register) -> None:
    """Dastra's RetentionDescription ("Duration of respective contracts") gives no date: the
    register keeps the text as the file's, and the activity is not complete until the DPO
    writes a rule for each such category."""
    import_register(register, REGISTERS / "dastra_sample-datatreatments-shipbuilder.xlsx",
                    today=TODAY)
    recruitment = _activities(register)["1"]
    assert [imported_text(c.retention) for c in recruitment.data_categories] == [
        "Duration of respective contracts"] * 4
    result = assess(recruitment, load_vocabularies(), TODAY)
    flagged = [f for f in result.findings if f.code == "retention_imported_text"]
    assert [(f.params["category"], f.params["text"]) for f in flagged] == [
        (code, "Duration of respective contracts")
        for code in ("identity", "professional_life", "financial", "connection")]
    assert result.percent < 100
    assert "category_without_retention" not in result.codes()  # the text is kept


def test_ciso_assistant_workbook_is_one_activity_over_seven_sheets() -> None:
    (item,) = read_plan(REGISTERS / "cisoassistant_sample_processing_workbook.xlsx").activities
    activity = item.activity
    assert [b.code for b in activity.legal_bases] == ["A6-1-b"]
    assert [c.code for c in activity.data_categories] == ["financial"]
    assert activity.data_subjects == ("Employees",)
    assert [(t.country, t.safeguard and t.safeguard.value) for t in activity.transfers] == [
        ("US", "scc")]
    assert activity.dpia.reference == "DPIA-42"


# --- the CNIL model ---------------------------------------------------------------------------


def test_the_blank_cnil_model_imports_no_activity(register: Register) -> None:
    report = import_register(register, CNIL, today=TODAY)
    assert report.layout == "cnil"
    assert report.total == 0
    assert _activities(register) == {}
    # and says why, instead of a bare "0 activities"
    assert [(w.code, str(w)) for w in report.warnings  # type: ignore[attr-defined]
            if w.code.startswith("import.warn.blank")] == [  # type: ignore[attr-defined]
        ("import.warn.blank_cnil", "cnil_registre-traitement-simplifie_2020copy.ods: the file "
         "is the CNIL model with no fiche filled in (its example and its blank fiche are not "
         "imported)")]


def test_a_table_with_headers_and_no_row_says_so(register: Register, tmp_path: Path) -> None:
    path = tmp_path / "vide.csv"
    path.write_text("Ref;Nom du traitement;Finalité\n", encoding="utf-8")
    report = import_register(register, path, today=TODAY)
    assert report.total == 0
    assert [w.code for w in report.warnings] == ["import.warn.no_rows"]  # type: ignore[attr-defined]


def _filled_cnil_xlsx(folder: Path) -> Path:
    """The CNIL model as a DPO fills it and re-saves it as .xlsx: the list sheet, the blank
    template, and the example fiche copied to a sheet of its own, with a row inserted."""
    source = load_workbook(str(CNIL))
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name in ("Tutoriel", "2_-_Liste_des_traitements", "3_-_Modèle_de_fiche_de_registre",
                 "4_-_Exemple_de_fiche", "5_-_Listes"):
        sheet = workbook.create_sheet(name[:31])
        for row in source.get_sheet_by_name(name).to_python(skip_empty_area=False):
            sheet.append([None if v == "" else v for v in row])
    fiche = workbook.create_sheet("Paie")
    rows = source.get_sheet_by_name("4_-_Exemple_de_fiche").to_python(skip_empty_area=False)
    for index, row in enumerate(rows):
        values = [None if v == "" else v for v in row]
        if values and values[0] == "Nom du traitement":
            values[1] = "Paie des agents"
        if values and values[0] == "N° / RÉF":
            values[1] = "RH-PAIE"
        fiche.append(values)
        if index == 3:
            fiche.append(["Une ligne ajoutée par le DPO"])  # rows move: labels still found
    path = folder / "registre-cnil.xlsx"
    workbook.save(path)
    return path


def test_a_filled_cnil_model_maps_everything_to_codes(register: Register,
                                                      tmp_path: Path) -> None:
    report = import_register(register, _filled_cnil_xlsx(tmp_path), today=TODAY)
    assert (report.layout, report.added) == ("cnil", ["RH-PAIE"])
    activity = _activities(register)["RH-PAIE"]
    assert activity.name == "Paie des agents"
    assert activity.purpose == "Gestion de la paie"
    assert activity.sub_purposes[0] == "Calcul des rémunérations"
    assert activity.created_on == date(2018, 5, 26)
    assert [c.code for c in activity.data_categories] == ["identity", "financial", "nir"]
    retention = activity.data_categories[0].retention
    assert retention is not None
    assert retention.undetermined_criteria == "5 ans à compter du versement de la paie"
    assert activity.data_subjects == ("Salariés",)
    assert [(r.kind.value, r.name) for r in activity.recipients] == [
        ("internal", "Dir. Administrative et Financière"),
        ("institutional_partner", "Organismes sociaux"),
        ("third_country", "Banque d'Andorre")]
    assert [m.code for m in activity.security_measures] == [
        "software_protection", "backup", "access_control"]
    (transfer,) = activity.transfers
    assert (transfer.recipient, transfer.country, transfer.safeguard and
            transfer.safeguard.value) == ("Banque d'Andorre", "AD", "scc")


# --- our own export: round trip ----------------------------------------------------------------


def _comparable(activity: Any) -> dict[str, Any]:
    data = to_dict(activity)
    for key in ("id", "entity_id", "version", "updated_on"):  # set by the register itself
        data.pop(key)
    return data


def test_round_trip_demo_export_import_gives_the_same_activities(tmp_path: Path) -> None:
    write_demo(tmp_path / "demo.db", date(2026, 11, 1))
    demo = open_register(str(tmp_path / "demo.db"), actor="dpo")
    empty = open_register(str(tmp_path / "empty.db"), actor="dpo")
    try:
        export_register(demo, tmp_path / "demo.xlsx", as_of=date(2026, 11, 1))
        report = import_register(empty, tmp_path / "demo.xlsx", today=TODAY)
        assert (report.layout, len(report.added), report.warnings) == ("registre", 34, [])
        before = {ref: _comparable(a) for ref, a in _activities(demo).items()}
        after = {ref: _comparable(a) for ref, a in _activities(empty).items()}
        assert after == before
        with empty.uow() as uow:
            (entity,) = uow.entities.list()
        assert entity.name == "Centre hospitalier de Valmont"
        assert entity.dpo.name == "Claire Dubreuil"
        audit = _audit_count(empty)
        again = import_register(empty, tmp_path / "demo.xlsx", today=TODAY)
        assert (again.added, again.updated, len(again.unchanged)) == ([], [], 34)
        assert _audit_count(empty) == audit  # nothing changed, nothing recorded
    finally:
        demo.close()
        empty.close()


# --- CSV --------------------------------------------------------------------------------------


def test_a_windows_1252_csv_with_accents_and_multiline_fields_imports(
    register: Register, tmp_path: Path
) -> None:
    text = ('Réf;Nom du traitement;Finalité;Base légale;Catégories de données;'
            'Durée de conservation;Date de création\r\n'
            'RH-01;Gestion des congés;"Décompter les congés\net absences";Obligation légale;'
            '"Identité\nVie professionnelle";5 ans après le départ;03/07/2020\r\n'
            'SEC-01;Vidéoprotection;Sécurité des biens;Intérêt légitime;État civil;30 jours;'
            '\r\n')
    path = tmp_path / "registre.csv"
    path.write_bytes(text.encode("cp1252"))
    report = import_register(register, path, today=TODAY)
    assert report.added == ["RH-01", "SEC-01"]
    leave = _activities(register)["RH-01"]
    assert leave.name == "Gestion des congés"
    assert leave.purpose == "Décompter les congés\net absences"
    assert [b.code for b in leave.legal_bases] == ["A6-1-c"]
    assert [c.code for c in leave.data_categories] == ["identity", "professional_life"]
    assert leave.created_on == date(2020, 7, 3)
    assert _activities(register)["SEC-01"].legal_bases[0].code == "A6-1-f"


# --- refusals: all or nothing -----------------------------------------------------------------


def test_a_bad_date_refuses_the_whole_file_naming_sheet_row_and_column(
    register: Register, tmp_path: Path
) -> None:
    path = tmp_path / "registre.csv"
    path.write_text("Ref;Nom du traitement;Finalité;Date de création\n"
                    "A-1;Paie;Payer;01/02/2020\n"
                    "A-2;Congés;Décompter;31/02/2020\n", encoding="utf-8")
    audit = _audit_count(register)
    with pytest.raises(ImportFileError) as refused:
        import_register(register, path, today=TODAY)
    assert refused.value.code == "import.bad_date"
    assert {k: refused.value.params[k] for k in ("row", "column", "value")} == {
        "row": 3, "column": "D", "value": "31/02/2020"}
    assert _activities(register) == {}
    assert _audit_count(register) == audit


def test_an_invalid_activity_refuses_the_whole_file(register: Register,
                                                    tmp_path: Path) -> None:
    path = tmp_path / "registre.csv"
    long_ref = "R" * 41
    path.write_text(f"Ref;Nom du traitement;Finalité\nA-1;Paie;Payer\n{long_ref};X;Y\n",
                    encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        import_register(register, path, today=TODAY)
    assert refused.value.code == "import.invalid_activity"
    assert refused.value.params["row"] == 3
    assert _activities(register) == {}


def test_a_text_file_named_xlsx_is_refused(register: Register, tmp_path: Path) -> None:
    path = tmp_path / "registre.xlsx"
    path.write_text("Nom du traitement;Finalité\nPaie;Payer\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        import_register(register, path, today=TODAY)
    assert refused.value.code == "import.not_a_workbook"
    assert refused.value.params["file"] == str(path)


def test_an_xml_bomb_is_refused_quickly(register: Register, tmp_path: Path) -> None:
    entities = "".join(f'<!ENTITY e{i} "&e{i - 1};&e{i - 1};&e{i - 1};&e{i - 1};">'
                       for i in range(1, 30))
    path = tmp_path / "bomb.fods"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e0 "lol">{entities}]>'
                    "<d>&e29;</d>", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        import_register(register, path, today=TODAY)
    assert refused.value.code == "import.unsafe_xml"


def test_dry_run_changes_nothing(register: Register) -> None:
    path = REGISTERS / "dastra_sample-DataProcessing.csv"
    audit = _audit_count(register)
    report = import_register(register, path, today=TODAY, dry_run=True)
    assert len(report.added) == 14 and report.dry_run
    assert _activities(register) == {}
    assert _audit_count(register) == audit
    with register.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM entity").one() == (0,)


def test_an_update_changes_only_the_fields_the_file_gives(register: Register,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "registre.csv"
    path.write_text("Ref;Nom du traitement;Finalité\nA-1;Paie;Payer\n", encoding="utf-8")
    import_register(register, path, today=TODAY)
    from domain import services
    from domain.model import LegalBasis

    stored = _activities(register)["A-1"]
    services.edit_activity(register.uow(), stored.entity_id, "A-1",
                           {"legal_bases": (LegalBasis("A6-1-c"),)}, TODAY)
    path.write_text("Ref;Nom du traitement;Finalité\nA-1;Paie;Payer les agents\n",
                    encoding="utf-8")
    report = import_register(register, path, today=TODAY)
    assert report.updated == ["A-1"]
    updated = _activities(register)["A-1"]
    assert updated.purpose == "Payer les agents"
    assert updated.legal_bases == (LegalBasis("A6-1-c"),)  # kept: not in the file
    assert dataclasses.replace(updated, purpose="Payer").name == "Paie"


# --- the APDP (Bénin) model -------------------------------------------------------------------


@pytest.mark.parametrize("name", [
    "apdp_benin_Registre-des-activites-de-traitement.xls",
    "apdp_benin_Modele-de-Registre-des-activites-de-Videosurveillance.xls",
])
def test_the_blank_apdp_templates_import_no_activity(register: Register, name: str) -> None:
    report = import_register(register, REGISTERS / name, today=TODAY)
    assert (report.layout, report.total) == ("apdp", 0)


def test_a_filled_apdp_fiche_imports_its_activity(register: Register, tmp_path: Path) -> None:
    from storage.import_read import read_sheets

    (fiche, *_rest) = read_sheets(REGISTERS / "apdp_benin_Registre-des-activites-de-traitement.xls")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Fiche 001"
    answers = {"Code Activité": "RH-01", "Dénomination ou Description": "Gestion de la paie",
               "Date de création": "12/01/2022", "Finalités": "Payer les agents",
               "Fondement juridique ": "Obligation légale"}
    for row in fiche.rows:
        values = [None if v == "" else v for v in row]
        if len(values) > 1 and values[1] in answers:
            values[3] = answers[values[1]]
        sheet.append(values)
    workbook.save(tmp_path / "apdp.xlsx")
    report = import_register(register, tmp_path / "apdp.xlsx", today=TODAY)
    assert (report.layout, report.added) == ("apdp", ["RH-01"])
    activity = _activities(register)["RH-01"]
    assert (activity.name, activity.purpose, activity.created_on) == (
        "Gestion de la paie", "Payer les agents", date(2022, 1, 12))
    assert [b.code for b in activity.legal_bases] == ["A6-1-c"]


# --- the CNIL model's actors, the preview, progress and cancel ----------------------------------


def _entity(register: Register) -> Any:
    with register.uow() as uow:
        (entity,) = uow.entities.list()
    return entity


def test_the_cnil_actors_go_into_the_entity_not_dropped(register: Register,
                                                        tmp_path: Path) -> None:
    report = import_register(register, _filled_cnil_xlsx(tmp_path), today=TODAY)
    entity = _entity(register)
    # the fiche's "Acteurs": Martin HENRI is the DPO; "N/A" as his company is no company
    assert (entity.dpo.name, entity.dpo.phone, entity.dpo.email, entity.dpo.organisation) == (
        "Martin HENRI", "01 xx xx xx xx", "exemple2@ets.com", "")
    assert entity.dpo.address == "1 rue Rivoli, 75001 Paris, France"  # 75001 read as text
    assert entity.address == "1 rue Rivoli, 75001 Paris, France"  # the controller's
    assert ("dpo.name", "Martin HENRI") in report.entity_changes
    # the head of the organisation: the controller's contact (Art. 30(1)(a)), not dropped
    assert (entity.controller.name, entity.controller.email, entity.controller.address) == (
        "Louise DUPONT", "exemple1@ets.com", "")
    assert ("controller.name", "Louise DUPONT") in report.entity_changes
    assert not any("Louise DUPONT" in w for w in report.warnings)
    audited = register.audit_entries("entity", entity.name)
    assert any(e.field == "dpo" and "Martin HENRI" in str(e.new_value) for e in audited)
    assert any(e.field == "controller" and "Louise DUPONT" in str(e.new_value)
               for e in audited)
    again = import_register(register, _filled_cnil_xlsx(tmp_path), today=TODAY)
    assert again.entity_changes == [] and again.unchanged == ["RH-PAIE"]


def test_undoing_a_cnil_import_gives_the_entity_its_actors_back(register: Register,
                                                                 tmp_path: Path) -> None:
    from domain import services
    from storage.importer import restore_activities

    owner = services.default_entity(register.uow())
    services.update_entity(register.uow(), dataclasses.replace(
        owner, dpo=dataclasses.replace(owner.dpo, name="Claire Dubreuil")))
    report = import_register(register, _filled_cnil_xlsx(tmp_path), today=TODAY)
    assert report.entity_change is not None and not report.entity_added
    assert _entity(register).dpo.name == "Martin HENRI"
    assert report.entity_change.before.dpo.name == "Claire Dubreuil"
    _undone, entity = restore_activities(
        register, [(c.after, c.before) for c in report.changes], TODAY,
        (report.entity_change.after, report.entity_change.before))
    assert _entity(register).dpo.name == "Claire Dubreuil"
    assert _entity(register).controller.name == ""
    assert entity is not None and entity.version == _entity(register).version
    assert _activities(register) == {}


def test_the_list_sheet_contact_block_names_the_dpo_and_the_representative(
        register: Register, tmp_path: Path) -> None:
    path = _filled_cnil_xlsx(tmp_path)
    workbook = openpyxl.load_workbook(path)
    listing = workbook["2_-_Liste_des_traitements"]
    assert str(listing["A5"].value).startswith("Coordonnées du délégué")
    listing["C5"], listing["E5"], listing["G5"] = "Dubreuil", "Claire", "DPO Conseil"
    listing["C6"], listing["E6"], listing["G6"] = 79290, "Valmont", "05 49 12 40 99"
    listing["I5"] = "12 avenue du Docteur-Roux"
    listing["I6"] = "dpo@ch-valmont.fr"
    listing["C3"], listing["E3"] = "Rep", "Anne"
    workbook.save(path)
    report = import_register(register, path, today=TODAY)
    entity = _entity(register)
    assert entity.dpo == entity.dpo.__class__(
        name="Claire Dubreuil", email="dpo@ch-valmont.fr", phone="05 49 12 40 99",
        organisation="DPO Conseil", address="12 avenue du Docteur-Roux, 79290 Valmont")
    assert entity.representative.name == "Anne Rep"
    # the fiche names another DPO: the list sheet's is kept, and the difference is said
    assert any("Martin HENRI" in w and "differs" in w for w in report.warnings)


def test_the_blank_cnil_model_changes_no_entity(register: Register) -> None:
    report = import_register(register, CNIL, today=TODAY)
    assert report.entity_changes == []
    assert _entity(register).dpo.is_empty()


def test_the_preview_is_the_dry_run_activity_by_activity(register: Register,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "registre.csv"
    path.write_text("Ref;Nom du traitement;Finalité\nA-1;Paie;Payer\n", encoding="utf-8")
    import_register(register, path, today=TODAY)
    path.write_text("Ref;Nom du traitement;Finalité\nA-1;Paie;Payer les agents\n"
                    "A-2;Formation;Former\nA-2;Astreintes;Organiser\n", encoding="utf-8")
    audit = _audit_count(register)
    steps: list[tuple[int, int]] = []
    report = import_register(register, path, today=TODAY, dry_run=True,
                             progress=lambda done, total: steps.append((done, total)))
    assert [(i.ref, i.name, i.action, i.file_ref) for i in report.items] == [
        ("A-1", "Paie", "updated", ""), ("A-2", "Formation", "added", ""),
        ("A-2-2", "Astreintes", "added", "A-2")]
    assert report.items[0].changed == ("purpose",)
    assert any("'A-2' is used twice" in w for w in report.warnings)
    assert steps == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert _audit_count(register) == audit and set(_activities(register)) == {"A-1"}


def test_a_cancelled_import_changes_nothing(register: Register) -> None:
    path = REGISTERS / "dastra_sample-DataProcessing.csv"
    audit = _audit_count(register)
    seen: list[int] = []

    def cancelled() -> bool:
        return len(seen) >= 5  # after five activities were written

    with pytest.raises(ImportFileError) as refused:
        import_register(register, path, today=TODAY, progress=lambda d, t: seen.append(d),
                        cancelled=cancelled)
    assert refused.value.code == "import.cancelled"
    assert max(seen) >= 4  # it had written some
    assert _activities(register) == {}
    assert _audit_count(register) == audit


def test_every_warning_has_a_code_the_window_words_in_french(register: Register,
                                                            tmp_path: Path) -> None:
    from gui.messages import IMPORT_WARNINGS, describe_warning
    from storage.import_layouts import ImportWarning

    warnings = []
    for name in [*sorted(COUNTS), "apdp_benin_Registre-des-activites-de-traitement.xls"]:
        warnings += read_plan(REGISTERS / name).warnings
    warnings += import_register(register, _filled_cnil_xlsx(tmp_path), today=TODAY).warnings
    assert len(warnings) > 5
    for warning in warnings:
        assert isinstance(warning, ImportWarning) and warning.code in IMPORT_WARNINGS, warning
        words = describe_warning(warning, "fr")
        assert "{" not in words and words != str(warning), words
    said = [describe_warning(w, "fr") for w in warnings]
    assert any(w.startswith("feuille sample-dataTreatments : colonnes non importées (sans "
                            "place dans le registre) : DataBreachReportingTool") for w in said)


def test_a_storage_failure_halfway_leaves_no_activity_and_no_audit_entry(
        register: Register, monkeypatch: pytest.MonkeyPatch) -> None:
    """The database fails (disk full, connection lost) on the fourth activity, after three
    were written with their audit entries in the import's transaction: none of them stays,
    nor any entry, and the chain head is where it was; the next import continues the chain."""
    from sqlalchemy.exc import OperationalError

    from storage.audit import chain_end
    from storage.repository import SqlActivityRepository

    path = REGISTERS / "dastra_sample-DataProcessing.csv"
    import_register(register, REGISTERS / "dastra_sample-DataProcessing_18.csv", today=TODAY)
    entries = register.audit_entries()
    before = _activities(register)
    write_children = SqlActivityRepository._write_children
    written: list[str] = []

    def failing(self: SqlActivityRepository, *args: Any) -> Any:
        if len(written) == 3:
            raise OperationalError("INSERT INTO activity_legal_basis", {},
                                   Exception("database or disk is full"))
        stored = write_children(self, *args)
        written.append(stored.ref)
        return stored

    monkeypatch.setattr(SqlActivityRepository, "_write_children", failing)
    with pytest.raises(OperationalError):
        import_register(register, path, today=TODAY)
    assert len(written) == 3
    assert _activities(register) == before
    assert [(e.id, e.hash) for e in register.audit_entries()] == \
        [(e.id, e.hash) for e in entries]
    with register.uow() as uow:
        assert chain_end(uow.session) == ((entries[-1].id, entries[-1].hash),) * 2
    assert register.verify_audit() == []

    monkeypatch.setattr(SqlActivityRepository, "_write_children", write_children)
    report = import_register(register, path, today=TODAY)
    assert len(report.added) == 14
    after = register.audit_entries()
    assert after[len(entries)].id == entries[-1].id + 1
    assert after[len(entries)].prev_hash == entries[-1].hash
    assert register.verify_audit() == []


# --- rows left out, and undoing an import ------------------------------------------------------

SHIPBUILDER = REGISTERS / "dastra_sample-datatreatments-shipbuilder.xlsx"
CSV_THREE = ("Ref;Nom du traitement;Finalité\n"
             "RH-01;Paie des agents;Payer les agents chaque mois\n"
             "RH-02;Formation;Former les agents\n"
             "RH-02;Astreintes;Organiser les astreintes\n")


def _one_validated(register: Register) -> Any:
    from domain import services
    from domain.model import ProcessingActivity

    owner = services.default_entity(register.uow())
    assert owner.id is not None
    services.add_activity(register.uow(), ProcessingActivity(
        owner.id, "RH-01", "Paie des agents", purpose="Payer"), TODAY)
    return owner


def test_rows_left_out_are_neither_checked_nor_stored_and_the_others_keep_their_refs(
        register: Register, tmp_path: Path) -> None:
    path = tmp_path / "rh.csv"
    path.write_text(CSV_THREE, encoding="utf-8")
    preview = import_register(register, path, today=TODAY, dry_run=True)
    assert [(i.index, i.ref, i.action) for i in preview.items] == [
        (0, "RH-01", "added"), (1, "RH-02", "added"), (2, "RH-02-2", "added")]
    report = import_register(register, path, today=TODAY, leave_out={1})
    assert sorted(_activities(register)) == ["RH-01", "RH-02-2"]  # as the preview said
    assert report.left_out == ["RH-02"] and report.added == ["RH-01", "RH-02-2"]
    assert [(i.ref, i.action) for i in report.items if i.action == "left_out"] == [
        ("RH-02", "left_out")]


def test_a_bad_row_left_out_does_not_refuse_the_file(register: Register,
                                                      tmp_path: Path) -> None:
    path = tmp_path / "rh.csv"
    path.write_text("Ref;Nom du traitement;Finalité\nRH-01;Paie;Payer\n"
                    f"{'X' * 80};Trop longue;Essai\n", encoding="utf-8")
    with pytest.raises(ImportFileError):
        import_register(register, path, today=TODAY)
    import_register(register, path, today=TODAY, leave_out={1})
    assert sorted(_activities(register)) == ["RH-01"]


def test_undoing_an_import_removes_what_it_added_and_restores_what_it_updated(
        register: Register, tmp_path: Path) -> None:
    from storage.importer import restore_activities

    _one_validated(register)
    before = _activities(register)["RH-01"]
    path = tmp_path / "rh.csv"
    path.write_text(CSV_THREE, encoding="utf-8")
    report = import_register(register, path, today=TODAY)
    assert report.updated == ["RH-01"]
    assert _activities(register)["RH-01"].purpose == "Payer les agents chaque mois"
    entries = _audit_count(register)
    undone, _entity = restore_activities(
        register, [(c.after, c.before) for c in report.changes], TODAY)
    now = _activities(register)
    assert sorted(now) == ["RH-01"]
    assert now["RH-01"].purpose == "Payer" and now["RH-01"].name == before.name
    actions = {(e.object_key.split("@")[0], e.action)
               for e in register.audit_entries()[entries:]}
    assert {("RH-02", "delete"), ("RH-02-2", "delete"), ("RH-01", "update")} <= actions
    # redo: the import's result again, from what the undo stored
    restore_activities(register, [(u, c.after) for u, c in zip(undone, report.changes,
                                                                strict=True)], TODAY)
    assert sorted(_activities(register)) == ["RH-01", "RH-02", "RH-02-2"]
    assert _activities(register)["RH-01"].purpose == "Payer les agents chaque mois"


def test_undoing_an_import_refuses_when_an_imported_activity_was_changed_since(
        register: Register, tmp_path: Path) -> None:
    from domain import services
    from domain.errors import ConflictError
    from storage.importer import restore_activities

    path = tmp_path / "rh.csv"
    path.write_text(CSV_THREE, encoding="utf-8")
    report = import_register(register, path, today=TODAY)
    changed = report.changes[1].after
    services.edit_activity(register.uow(), changed.entity_id, changed.ref,
                           {"purpose": "Former les agents et les internes"}, TODAY)
    with pytest.raises(ConflictError):
        restore_activities(register, [(c.after, c.before) for c in report.changes], TODAY)
    assert sorted(_activities(register)) == ["RH-01", "RH-02", "RH-02-2"]  # nothing undone
    assert _activities(register)["RH-02"].purpose == "Former les agents et les internes"


def test_an_edit_made_after_the_import_and_undone_does_not_stop_undoing_it(
        register: Register, tmp_path: Path) -> None:
    """Import, edit an imported activity, undo the edit (a new version, the same values):
    the import can still be undone, as the window's undo stack expects."""
    from domain import services
    from storage.importer import restore_activities

    path = tmp_path / "rh.csv"
    path.write_text(CSV_THREE, encoding="utf-8")
    report = import_register(register, path, today=TODAY)
    imported = report.changes[1].after
    services.edit_activity(register.uow(), imported.entity_id, imported.ref,
                           {"purpose": "Former"}, TODAY)
    services.edit_activity(register.uow(), imported.entity_id, imported.ref,
                           {"purpose": imported.purpose}, TODAY)
    assert _activities(register)["RH-02"].version != imported.version
    restore_activities(register, [(c.after, c.before) for c in report.changes], TODAY)
    assert _activities(register) == {}


def test_a_validated_activity_an_import_updated_comes_back_validated(
        register: Register, tmp_path: Path) -> None:
    from domain import services
    from domain.model import Status
    from storage.importer import restore_activities

    demo = tmp_path / "demo.db"
    write_demo(demo, TODAY)
    source = open_register(str(demo), actor="dpo")
    try:
        exported = export_register(source, tmp_path / "demo.xlsx", as_of=TODAY).path
        validated = next(a for a in _activities(source).values()
                         if a.status is Status.VALIDATED)
    finally:
        source.close()
    import_register(register, exported, today=TODAY)
    stored = next(a for a in _activities(register).values() if a.ref == validated.ref)
    assert stored.status is Status.VALIDATED
    services.edit_activity(register.uow(), stored.entity_id, stored.ref,
                           {"notes": "modifié avant le nouvel import"}, TODAY)
    services.validate(register.uow(), stored.entity_id, stored.ref, TODAY)
    report = import_register(register, exported, today=TODAY)
    change = next(c for c in report.changes if c.after.ref == validated.ref)
    assert change.before is not None and change.before.notes == "modifié avant le nouvel import"
    restore_activities(register, [(c.after, c.before) for c in report.changes], TODAY)
    back = next(a for a in _activities(register).values() if a.ref == validated.ref)
    assert back.notes == "modifié avant le nouvel import"
    assert back.status is Status.VALIDATED
