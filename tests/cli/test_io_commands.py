"""`registre import` and `registre export`, as a user types them."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from tests.cli.conftest import Run
from tests.conftest import SHARED

REGISTERS = SHARED / "data" / "registers"


def test_import_then_export_then_reimport(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    imported = run("--db", db, "import", str(REGISTERS / "dastra_sample-DataProcessing.csv"))
    assert imported.code == 0, imported.err
    assert "14 traitement(s) ajoutés" in imported.out
    listed = json.loads(run("--db", db, "activities", "--json").out)
    assert len(listed) == 14
    exported = run("--db", db, "export", str(tmp_path / "inspection.xlsx"),
                   "--as-of", "01/11/2026")
    assert exported.code == 0, exported.err
    workbook = openpyxl.load_workbook(tmp_path / "inspection.xlsx", read_only=True)
    assert workbook.sheetnames[0] == "Registre"
    assert len(workbook.sheetnames) == 14 + 7  # fiches, and the lists of the drop-downs
    again = run("--db", db, "--lang", "en", "import", str(tmp_path / "inspection.xlsx"))
    assert again.code == 0, again.err
    assert "0 activities added, 0 updated, 14 unchanged" in again.out


def test_dry_run_says_what_would_happen_and_changes_nothing(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    result = run("--db", db, "import", "--dry-run",
                 str(REGISTERS / "dastra_sample-datatreatments-shipbuilder.xlsx"))
    assert result.code == 0, result.err
    assert "14 traitement(s) seraient ajoutés" in result.out
    assert "Rien n'a été modifié" in result.out
    assert "13-2" in result.err  # the duplicate reference, as a warning
    assert json.loads(run("--db", db, "activities", "--json").out) == []


def test_a_text_file_named_xlsx_exits_2_naming_the_file(run: Run, tmp_path: Path) -> None:
    fake = tmp_path / "registre.xlsx"
    fake.write_text("Nom du traitement;Finalité\nPaie;Payer\n", encoding="utf-8")
    result = run("--db", str(tmp_path / "r.db"), "import", str(fake))
    assert result.code == 2
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "registre.xlsx" in lines[0]
    assert "Traceback" not in result.err


def test_a_bad_cell_exits_2_naming_row_and_column(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "registre.csv"
    path.write_text("Ref;Nom du traitement;Finalité;Date de création\n"
                    "A-1;Paie;Payer;31/02/2020\n", encoding="utf-8")
    result = run("--db", str(tmp_path / "r.db"), "import", str(path))
    assert result.code == 2
    assert result.err.strip() == ("registre: registre.csv, ligne 2, colonne D : « 31/02/2020 » "
                                  "n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)")


def test_an_invalid_activity_is_said_in_the_users_language(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "registre.csv"
    path.write_text("Ref;Nom du traitement;Finalité\n" + "R" * 41 + ";Paie;Payer\n",
                    encoding="utf-8")
    result = run("--db", str(tmp_path / "r.db"), "import", str(path))
    assert result.code == 2
    assert "registre.csv, ligne 2" in result.err
    assert "la référence" in result.err and "40 caractères" in result.err


def test_export_refuses_a_missing_folder_and_an_unknown_entity(run: Run,
                                                                tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    missing = run("--db", db, "export", str(tmp_path / "nope" / "x.xlsx"))
    assert (missing.code, "le dossier n'existe pas" in missing.err) == (2, True)
    unknown = run("--db", db, "export", str(tmp_path / "x.xlsx"), "--entity", "CH Inconnu")
    assert unknown.code == 2 and "CH Inconnu" in unknown.err
    bad_date = run("--db", db, "export", str(tmp_path / "x.xlsx"), "--as-of", "2026-13-01")
    assert bad_date.code == 2
    assert not (tmp_path / "x.xlsx").exists()


def test_the_blank_cnil_model_says_why_nothing_is_imported_in_the_users_language(
        run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    blank = str(REGISTERS / "cnil_registre-traitement-simplifie_2020copy.ods")
    result = run("--db", db, "import", blank)
    assert result.code == 0, result.err
    assert "0 traitement(s) ajoutés" in result.out
    assert "registre: attention : le fichier est le modèle de la CNIL sans aucune fiche " \
        "remplie" in result.err
    english = run("--db", db, "--lang", "en", "import", blank)
    assert "registre: warning: the file is the CNIL model with no fiche filled in" in \
        english.err
