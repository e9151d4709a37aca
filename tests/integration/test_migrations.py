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


def _chain(count: int) -> list[tuple[object, ...]]:
    """``count`` valid audit entries as rows of audit_entry (id first)."""
    from types import SimpleNamespace

    from storage.audit import GENESIS, entry_hash

    rows: list[tuple[object, ...]] = []
    previous = GENESIS
    for n in range(1, count + 1):
        entry = SimpleNamespace(at=f"2026-01-01T08:00:0{n}+00:00", actor="dpo",
                                action="update", object_type="activity", object_key="RH-01",
                                field="name", old_value=None, new_value=f'"nom {n}"',
                                prev_hash=previous, hash="")
        entry.hash = entry_hash(entry)  # type: ignore[arg-type]
        previous = entry.hash
        rows.append((n, entry.at, entry.actor, entry.action, entry.object_type,
                     entry.object_key, entry.field, entry.old_value, entry.new_value,
                     entry.prev_hash, entry.hash))
    return rows


def _old_register(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where to build a register at an old revision: a file, or a new PostgreSQL database
    dropped after the test."""
    if backend == "sqlite":
        return str(tmp_path / "ancien.db")
    server = request.getfixturevalue("postgres_server")
    name = server.new_database()
    request.addfinalizer(lambda: server.drop_database(name))
    return str(server.url(name))


def test_0006_starts_the_chain_head_at_the_last_entry_on_both_backends(
        backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """A register at 0005 with an audit log is upgraded (a file after a backup): its chain
    head is its last entry, so the log verifies, and deleting its tail is then named."""
    location = _old_register(backend, request, tmp_path)
    engine = make_engine(to_url(location))
    upgrade(engine, "0005")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO audit_entry (id, at, actor, action, object_type, object_key, field, "
            "old_value, new_value, prev_hash, hash) VALUES "
            "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)" if backend == "postgresql" else
            "INSERT INTO audit_entry (id, at, actor, action, object_type, object_key, field, "
            "old_value, new_value, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _chain(3))
    engine.dispose()

    register = open_register(location, actor="dpo")
    try:
        assert current_revision(register.engine) == head_revision()
        if backend == "sqlite":
            assert register.backup is not None
            assert register.backup.name.startswith("ancien.db.backup-0005-")
        with register.engine.connect() as connection:
            head = connection.exec_driver_sql("SELECT id, last_id FROM audit_head").all()
        assert [tuple(row) for row in head] == [(1, 3)]
        assert register.verify_audit() == []
        with register.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM audit_entry WHERE id = 3")
        assert [(p.entry_id, p.reason) for p in register.verify_audit()] == \
            [(3, "missing_after")]
    finally:
        register.close()


def test_a_new_register_starts_with_an_empty_chain_head(tmp_path: Path) -> None:
    from storage.audit import GENESIS

    register = open_register(str(tmp_path / "neuf.db"))
    try:
        with register.engine.connect() as connection:
            head = connection.exec_driver_sql("SELECT last_id, last_hash FROM audit_head").all()
        assert [tuple(row) for row in head] == [(0, GENESIS)]
        assert register.verify_audit() == []
    finally:
        register.close()


def test_0007_keeps_the_records_and_finds_each_inventorys_rows(
        backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """A register at 0006 whose two inventories have rows interleaved (as two loads at once
    on PostgreSQL leave them): after the upgrade every record is still there, each inventory
    knows the range of its rows, and reloading one replaces its records only."""
    from sqlalchemy import text

    from storage.check import _groups
    from storage.inventory import InventorySpec, load_inventory

    location = _old_register(backend, request, tmp_path)
    engine = make_engine(to_url(location))
    upgrade(engine, "0006")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO entity (id, name, siren, finess, address, group_name, dpo, "
            "representative, version) VALUES (1, 'CH de Valmont', '', '', '', '', '{}', '{}', 1)"))
        connection.execute(text(
            "INSERT INTO activity (id, entity_id, ref, name, role, status, department, owner, "
            "purpose, sub_purposes, data_subjects, data_sources, systems, joint_controllers, "
            "controllers_acted_for, dpia_criteria, dpia_mandatory_type, dpia_reference, "
            "dpia_notes, version, notes) VALUES (1, 1, 'SOIN-01', 'Dossier patient', "
            "'controller', 'validated', '', '{}', 'Soigner', '[]', '[]', '[]', '[]', '[]', "
            "'[]', '[]', '', '', '', 1, '')"))
        for inventory, category in ((1, "health"), (2, "identity")):
            connection.execute(text(
                "INSERT INTO inventory (id, activity_id, category, source, loaded_at, "
                "loaded_by, record_count, events, id_column, stage_column) VALUES "
                "(:id, 1, :category, 'x.csv', '2026-01-01', 'dpo', :count, '[\"last_stay\"]', "
                "'id', '')"), {"id": inventory, "category": category,
                               "count": 3 if inventory == 1 else 2})
        for row, (inventory, record) in enumerate(
                [(1, "A"), (2, "A"), (1, "B"), (2, "B"), (1, "C")], start=1):
            connection.execute(text(
                "INSERT INTO inventory_record (id, inventory_id, record_id, stage, d0) "
                "VALUES (:id, :inventory, :record, 'active', '2020-01-01')"),
                {"id": row, "inventory": inventory, "record": record})
        if backend == "postgresql":  # rows written with their ids: move the sequences on
            for table in ("entity", "activity", "inventory", "inventory_record"):
                connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 10)"))
    engine.dispose()

    register = open_register(location, actor="dpo")
    try:
        assert current_revision(register.engine) == head_revision()
        with register.engine.connect() as connection:
            ranges = connection.exec_driver_sql(
                "SELECT category, first_row, last_row FROM inventory ORDER BY id").all()
            assert [tuple(r) for r in ranges] == [("health", 1, 5), ("identity", 2, 4)]

            def rows_of(category: str) -> list[str]:
                group = next(g for g in _groups(connection) if g.category == category)
                where, params = group.rows()
                return [r[0] for r in connection.exec_driver_sql(
                    ("SELECT record_id FROM inventory_record WHERE " + where
                     + " ORDER BY record_id").replace("?", "%s" if backend == "postgresql"
                                                     else "?"), params)]

            assert rows_of("health") == ["A", "B", "C"]
            assert rows_of("identity") == ["A", "B"]
        again = tmp_path / "identity.csv"
        again.write_text("id,last_stay\nZ,2021-01-01\n", encoding="utf-8")
        load_inventory(register.engine, again, InventorySpec(1, "identity"), actor="dpo")
        with register.engine.connect() as connection:
            assert rows_of("health") == ["A", "B", "C"]
            assert rows_of("identity") == ["Z"]
    finally:
        register.close()
