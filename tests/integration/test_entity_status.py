"""The establishment's status (public, ESPIC, private): stored, audited, migrated."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from domain import services
from domain.model import Entity, EstablishmentStatus
from storage.db import make_engine, to_url
from storage.migrate import upgrade
from storage.register import open_register


def test_the_status_is_stored_and_its_change_audited(tmp_path: Path) -> None:
    register = open_register(str(tmp_path / "registre.db"), actor="dpo")
    try:
        stored = services.add_entity(register.uow(), Entity(
            name="Clinique du Parc", status=EstablishmentStatus.PRIVATE))
        assert stored.status is EstablishmentStatus.PRIVATE
        changed = services.update_entity(register.uow(), dataclasses.replace(
            stored, status=EstablishmentStatus.ESPIC))
        with register.uow() as uow:
            assert uow.entities.get_by_name("Clinique du Parc") == changed
        assert changed.status is EstablishmentStatus.ESPIC
        entries = [e for e in register.audit_entries("entity") if e.field == "status"]
        assert [(e.old_value, e.new_value) for e in entries][-1] == ('"private"', '"espic"')
    finally:
        register.close()


def test_an_establishment_from_before_0010_is_public(tmp_path: Path) -> None:
    path = tmp_path / "ancien.db"
    engine = make_engine(to_url(str(path)))
    upgrade(engine, "0008")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO entity (name, siren, finess, address, group_name, dpo, representative,"
            " controller, version) VALUES ('CH de Valmont', '', '', '', '', '{}', '{}', '{}', 1)")
    engine.dispose()
    register = open_register(str(path))
    try:
        with register.uow() as uow:
            (entity,) = uow.entities.list()
        assert entity.status is EstablishmentStatus.PUBLIC  # unknown counts as public
    finally:
        register.close()


def test_an_unknown_stored_status_reads_as_public() -> None:
    assert EstablishmentStatus.read("") is EstablishmentStatus.PUBLIC
    assert EstablishmentStatus.read(None) is EstablishmentStatus.PUBLIC
    assert EstablishmentStatus.read("municipal") is EstablishmentStatus.PUBLIC
    assert EstablishmentStatus.read("espic") is EstablishmentStatus.ESPIC
