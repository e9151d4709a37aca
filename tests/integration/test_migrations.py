"""Migrations: the models and the migrated schema agree; old registers open after a backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from storage.db import make_engine, to_url
from storage.migrate import current_revision, head_revision, upgrade
from storage.register import StorageError, open_register
from storage.tables import metadata


def test_an_empty_database_upgraded_matches_the_models(tmp_path: Path) -> None:
    engine = make_engine(to_url(str(tmp_path / "new.db")))
    assert upgrade(engine) is None  # nothing to back up in a new file
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []


def test_a_register_from_the_first_migration_opens_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "ancien.db"
    engine = make_engine(to_url(str(path)))
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO entity (name, siren, finess, address, group_name, dpo, representative,"
            " version) VALUES ('CH de Valmont', '', '', '', '', '{}', '{}', 1)")
        connection.exec_driver_sql(
            "INSERT INTO activity (entity_id, ref, name, role, status, department, owner, "
            "purpose, sub_purposes, data_subjects, data_sources, systems, joint_controllers, "
            "controllers_acted_for, dpia_criteria, dpia_mandatory_type, dpia_reference, "
            "dpia_notes, version) VALUES (1, 'RH-01', 'Paie', 'controller', 'validated', '', "
            "'{}', 'Payer les agents', '[]', '[]', '[]', '[]', '[]', '[]', '[]', '', '', '', 1)")
    engine.dispose()

    register = open_register(str(path))
    try:
        assert current_revision(register.engine) == head_revision() != "0001"
        assert register.backup is not None
        assert register.backup.parent == path.parent
        assert register.backup.name.startswith("ancien.db.backup-0001-")
        with register.uow() as uow:
            assert [e.name for e in uow.entities.list()] == ["CH de Valmont"]
            (activity,) = uow.activities.list()
        assert (activity.ref, activity.purpose, activity.notes) == ("RH-01", "Payer les agents",
                                                                    "")
    finally:
        register.close()
    with sqlite3.connect(register.backup) as backup:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert backup.execute("SELECT name FROM entity").fetchall() == [("CH de Valmont",)]


def test_an_up_to_date_register_is_not_backed_up_again(tmp_path: Path) -> None:
    path = tmp_path / "registre.db"
    open_register(str(path)).close()
    again = open_register(str(path))
    again.close()
    assert again.backup is None
    assert [p.name for p in tmp_path.iterdir() if "backup" in p.name] == []


@pytest.mark.parametrize("content", [b"Nom;Finalite\nPaie;RH\n", b"PK\x03\x04 not a database"])
def test_a_file_that_is_not_a_register_is_refused_and_left_alone(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "registre.xlsx"
    path.write_bytes(content)
    with pytest.raises(StorageError) as refused:
        open_register(str(path))
    assert refused.value.code == "storage.not_a_register"
    assert path.read_bytes() == content


def test_another_applications_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "autre.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE patients (id INTEGER, nom TEXT)")
    with pytest.raises(StorageError) as refused:
        open_register(str(path))
    assert refused.value.code == "storage.not_a_register"
    with sqlite3.connect(path) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    assert tables == [("patients",)]


def test_a_register_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "futur.db"
    open_register(str(path)).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StorageError) as refused:
        open_register(str(path))
    assert refused.value.code == "storage.too_new"


def test_a_missing_folder_is_said_plainly(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as refused:
        open_register(str(tmp_path / "absent" / "registre.db"))
    assert refused.value.code == "storage.no_folder"
