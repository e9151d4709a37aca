"""A register written before the library was corrected, opened with the corrected one: the
rules copied from a corrected template are listed (window service and `registre check`),
exactly those, and adopting one changes its deadlines; keeping one is remembered."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from domain import services
from domain.library_updates import adopt_library_version, keep_rule_version, library_updates
from domain.templates import load_templates
from gui.cli import main
from storage.db import make_engine, to_url
from storage.demo import demo_data, write_demo
from storage.migrate import alembic_config
from storage.register import open_register

TODAY = date(2026, 11, 29)
LIBRARY = load_templates()


def _check(db: Path, *args: str, lang: str = "fr") -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(db), "--lang", lang, "check", *args], today=TODAY, stdout=out,
                stderr=err)
    assert not err.getvalue(), err.getvalue()
    return code, out.getvalue()


def _as_written_before_versions(path: Path) -> None:
    """Take the register file back to the schema before rules recorded their template's
    version (what the previous release wrote)."""
    before = ScriptDirectory.from_config(alembic_config()).get_revision("0011").down_revision
    assert isinstance(before, str)
    engine = make_engine(to_url(str(path)))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, before)
    engine.dispose()


@pytest.fixture(scope="module")
def old_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("old") / "valmont.db"
    write_demo(path, TODAY)
    return path


def _expected() -> set[tuple[str, str, str]]:
    """The demo's rules whose template the library has corrected (version above 1)."""
    _entity, activities = demo_data()
    return {(a.ref, use.code, use.retention.template_id)
            for a in activities if a.archived_on is None
            for use in a.data_categories
            if use.retention is not None and use.retention.template_id in LIBRARY
            and LIBRARY[use.retention.template_id].version > 1}


def _group(report: dict[str, object], activity: str, category: str) -> dict[str, object]:
    groups = report["groups"]
    assert isinstance(groups, list)
    return next(g for g in groups if (g["activity"], g["category"]) == (activity, category))


def test_a_fresh_demo_is_up_to_date_with_the_library(tmp_path: Path) -> None:
    path = tmp_path / "valmont.db"
    write_demo(path, TODAY)
    _code, out = _check(path, "--json")
    assert json.loads(out)["library_updates"] == []
    _code, text = _check(path)
    assert "bibliothèque corrigée" not in text


def test_the_old_register_lists_exactly_the_rules_whose_template_changed(
        tmp_path: Path, old_demo: Path) -> None:
    path = tmp_path / "valmont.db"
    path.write_bytes(old_demo.read_bytes())
    _as_written_before_versions(path)
    with sqlite3.connect(path) as connection:
        columns = {row[1] for row in connection.execute(
            "PRAGMA table_info(activity_data_category)")}
    assert "retention_template_version" not in columns  # really the old schema

    register = open_register(str(path))
    try:
        assert register.backup is not None  # upgraded after a backup
        listed = library_updates(register.uow(), LIBRARY)
    finally:
        register.close()
    expected = _expected()
    assert {(u.activity_ref, u.category, u.template.id) for u in listed} == expected
    assert {"SANTE-DM-01", "GEN-COMPTA-01"} <= {t for _a, _c, t in expected}
    assert all(u.stored_version == 1 and u.library_version == 2 for u in listed)
    assert ("SOIN-05", "ordonnances_stupefiants", "SANTE-PHARM-02") not in expected  # v1

    code, out = _check(path, "--json")
    report = json.loads(out)
    assert {(u["activity"], u["category"], u["template"])
            for u in report["library_updates"]} == expected
    fin = next(u for u in report["library_updates"]
               if (u["activity"], u["category"]) == ("FIN-01", "financial"))
    assert fin["stored_version"] == 1 and fin["library_version"] == 2
    assert fin["old"]["active_until"] == "fiscal_year_end + 3 years"
    assert fin["new"] == {"expression": "fiscal_year_end + 10 years", "active_until": "",
                          "final_action": "eliminate_with_visa",
                          "legal_reference": LIBRARY["GEN-COMPTA-01"].legal_reference}
    assert "L123-22" in fin["reason"]
    _same_code, text = _check(path)
    text = text.replace("\N{NO-BREAK SPACE}", " ")  # French typography before colons
    assert f"{len(expected)} règle(s) diffèrent de la bibliothèque corrigée" in text
    compta = text.split("  GEN-COMPTA-01 (version 2) — ", 1)[1].split("\n  GEN-", 1)[0]
    assert f"correction : {LIBRARY['GEN-COMPTA-01'].changes_fr}" in compta
    assert ("    FIN-01, Informations d'ordre économique et financier (version 1) : "
            "fin de la phase active : fiscal_year_end + 3 years → aucune ; sort final : "
            "Suppression → Élimination soumise au visa des Archives ; référence : ") in compta
    english_code, english = _check(path, lang="en")
    assert english_code == code == 1  # exit codes unchanged: overdue records
    assert f"{len(expected)} rule(s) differ from the corrected library" in english
    assert "end of the active phase: fiscal_year_end + 3 years → none; final action: " in \
        english


def test_adopting_changes_the_deadlines_and_keeping_is_remembered(
        tmp_path: Path, old_demo: Path) -> None:
    path = tmp_path / "valmont.db"
    path.write_bytes(old_demo.read_bytes())
    _as_written_before_versions(path)
    code_before, out = _check(path, "--json")
    before = _group(json.loads(out), "FIN-01", "financial")
    assert before["archive_due"]  # its active phase ended: 3 years after the year's end

    register = open_register(str(path))
    try:
        entity_id = services.default_entity(register.uow()).id
        assert entity_id is not None
        adopt_library_version(register.uow(), entity_id, "FIN-01", "financial", TODAY,
                              LIBRARY)
        keep_rule_version(register.uow(), entity_id, "RH-03", "financial",
                          "Établissement public : tableau de gestion des Archives.", TODAY,
                          LIBRARY)
        listed = {(u.activity_ref, u.category) for u in library_updates(register.uow(),
                                                                         LIBRARY)}
        activity = services.get_activity(register.uow(), entity_id, "FIN-01")
    finally:
        register.close()
    assert listed == {(a, c) for a, c, _t in _expected()} - {
        ("FIN-01", "financial"), ("RH-03", "financial")}
    use = activity.category("financial")
    rule = use.retention if use is not None else None
    assert rule is not None and rule.template_version == 2 and rule.active_until == ""

    code_after, out = _check(path, "--json")
    after = _group(json.loads(out), "FIN-01", "financial")
    assert after["archive_due"] == 0  # the library's rule has no active phase to end
    assert after != before
    assert code_before == code_after == 1  # exit codes unchanged: overdue records remain
    with sqlite3.connect(path) as connection:
        audited = {row[0] for row in connection.execute(
            "SELECT field FROM audit_entry WHERE object_key LIKE '%FIN-01%' "
            "AND action = 'update'")}
        kept = connection.execute(
            "SELECT retention_kept_template_version, retention_kept_reason, "
            "retention_template_version FROM activity_data_category c JOIN activity a "
            "ON a.id = c.activity_id WHERE a.ref = 'RH-03' AND c.code = 'financial'"
        ).fetchone()
    assert "data_categories" in audited
    assert kept == (2, "Établissement public : tableau de gestion des Archives.", 1)


def _cli(db: Path, *args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(db), *args], today=TODAY, stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    return out.getvalue()


def test_rules_set_from_a_template_records_its_version(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    _cli(db, "activities", "add", "--ref", "FACT-01", "--name", "Facturation")
    _cli(db, "rules", "set", "--activity", "FACT-01", "--category", "health", "--template",
         "SANTE-LIB-02")
    _cli(db, "rules", "set", "--activity", "FACT-01", "--category", "identity",
         "--delete-after", "transmission + 3 months")
    with sqlite3.connect(db) as connection:
        rows = dict(connection.execute(
            "SELECT code, retention_template_version FROM activity_data_category"))
    assert rows == {"health": 2, "identity": 1}
    assert json.loads(_check(db, "--json")[1])["library_updates"] == []

    with sqlite3.connect(db) as connection:  # as if set before the correction
        connection.execute("UPDATE activity_data_category SET retention_template_version = 1")
    (update,) = json.loads(_check(db, "--json")[1])["library_updates"]
    assert (update["activity"], update["category"], update["template"]) == (
        "FACT-01", "health", "SANTE-LIB-02")
