"""registre requests, breaches and due as DESIGN.md's second part documents them: what is
stored (read back through storage), the JSON forms, Paris time with its offset, exit codes
(2 and one line for refused input, nothing changed; due: 1 when something is late)."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from domain import breaches as b
from domain import requests as r
from domain import services
from domain.model import Entity
from gui.cli import main
from storage.deadlines import DeadlinesUnitOfWork
from storage.register import open_register
from tests.cli.conftest import Result

TODAY = dt.date(2026, 11, 29)
NOW = dt.datetime(2026, 11, 29, 12, 0, tzinfo=b.PARIS)
Run = Callable[..., Result]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "registre.db"


@pytest.fixture
def run(db: Path) -> Run:
    """The command line on one register, with today and now fixed."""

    def _run(*argv: str, now: dt.datetime = NOW, today: dt.date = TODAY) -> Result:
        out, err = io.StringIO(), io.StringIO()
        code = main(["--db", str(db), "--lang", "en", *argv], today=today, now=now,
                    stdout=out, stderr=err)
        return Result(code, out.getvalue(), err.getvalue())

    return _run


def stored_requests(db: Path) -> list[r.DataSubjectRequest]:
    register = open_register(str(db))
    try:
        return list(r.list_requests(DeadlinesUnitOfWork(register.engine)))
    finally:
        register.close()


def stored_breaches(db: Path) -> list[b.Breach]:
    register = open_register(str(db))
    try:
        return list(b.list_breaches(DeadlinesUnitOfWork(register.engine)))
    finally:
        register.close()


def audit_count(db: Path) -> int:
    register = open_register(str(db))
    try:
        return register.audit_count()
    finally:
        register.close()


def test_a_request_from_receipt_to_answer(run: Run, db: Path) -> None:
    added = run("requests", "add", "--kind", "access", "--received", "02/03/2026",
                "--subject", "patient 4411", "--json")
    assert added.code == 0, added.err
    first = json.loads(added.out)
    # 2 Mar 2026 + 1 month = Thu 2 Apr 2026
    assert (first["id"], first["deadline"], first["status"]) == (1, "2026-04-02", "open")
    assert run("requests", "pause", "1", "--from", "2026-03-03", "--to", "2026-03-10",
               "--reason", "identity check").code == 0
    paused = run("requests", "pause", "1", "--from", "05/03/2026", "--to", "17/03/2026",
                 "--reason", "missing information")
    # merged pauses [3 Mar, 17 Mar) = 14 days: 2 Apr + 14 = Thu 16 Apr 2026
    assert paused.out.splitlines() == ["1", "deadline: 2026-04-16 (including 14 paused days)"]
    extended = run("requests", "extend", "1", "--reason", "many archived files",
                   today=dt.date(2026, 4, 16))
    # 2 Mar + 3 months = Tue 2 Jun, + 14 days = Tue 16 Jun 2026
    assert extended.out.splitlines() == ["1", "deadline: 2026-06-16 (including 14 paused days)"]
    listing = json.loads(run("requests", "list", "--as-of", "2026-06-17", "--json").out)
    assert [(q["id"], q["kind"], q["received"], q["deadline"], q["extended"], q["status"],
             q["late"]) for q in listing] == [
        (1, "access", "2026-03-02", "2026-06-16", True, "open", True)]
    assert run("requests", "close", "1", "--on", "2026-06-10", "--outcome", "granted").code == 0
    [stored] = stored_requests(db)
    assert stored.closed_on == dt.date(2026, 6, 10) and stored.outcome is r.Outcome.GRANTED
    assert stored.extended and stored.extension_reason == "many archived files"
    assert [p.reason for p in stored.pauses] == ["identity check", "missing information"]
    listing = json.loads(run("requests", "list", "--json").out)
    assert (listing[0]["status"], listing[0]["late"]) == ("closed", False)


def test_an_extension_after_the_first_month_is_flagged(run: Run) -> None:
    run("requests", "add", "--kind", "erasure", "--received", "2026-03-02")
    # the first month ends Thu 2 Apr 2026; extending on 3 Apr is too late to tell the person
    late = run("requests", "extend", "1", "--reason", "complex", today=dt.date(2026, 4, 3))
    assert late.code == 0
    assert late.out.splitlines()[0] == "1"
    assert "within one month" in late.out.splitlines()[-1]
    assert "2026-04-02" in late.out.splitlines()[-1]


def test_a_medical_record_request_in_moselle(run: Run, db: Path) -> None:
    # the establishment is in Moselle: its FINESS number starts with 57
    register = open_register(str(db))
    services.add_entity(register.uow(), Entity(name="CHR Metz-Thionville", finess="570005165"))
    register.close()
    # received Fri 6 Mar 2026 + 2 months = Wed 6 May 2026, a working day
    out = json.loads(run("requests", "add", "--kind", "access", "--received", "2026-03-06",
                         "--medical-record", "--older-than-5-years", "--json").out)
    assert out["deadline"] == "2026-05-06"
    # received Tue 3 Mar 2026 + 1 month = Good Friday 3 Apr 2026, a holiday in Moselle,
    # then Sat 4, Sun 5, Easter Monday 6 -> Tue 7 Apr 2026
    out = json.loads(run("requests", "add", "--kind", "erasure", "--received", "2026-03-03",
                         "--json").out)
    assert out["deadline"] == "2026-04-07"


@pytest.mark.parametrize(("argv", "words"), [
    (["requests", "add", "--kind", "access", "--received", "31/02/2026"], ["31/02/2026"]),
    (["requests", "add", "--kind", "deletion", "--received", "2026-02-01"], ["deletion"]),
    (["requests", "add", "--kind", "erasure", "--received", "2026-02-01",
      "--medical-record"], ["access"]),
    (["requests", "add", "--kind", "access", "--received", "2026-12-01"], ["future"]),
    (["requests", "add", "--kind", "access", "--received", "2026-02-01",
      "--activity", "NOPE"], ["NOPE"]),
    (["breaches", "add", "--title", "x", "--aware", "2026-02-30 10:00"], ["2026-02-30"]),
    (["breaches", "add", "--title", "x", "--aware", "2026-03-29 02:30"], ["skipped"]),
    (["breaches", "add", "--title", "x", "--aware", "2026-10-25 02:30"], ["+02:00"]),
    (["breaches", "add", "--title", "x", "--aware", "2026-03-01 10:00",
      "--category", "shoe_size"], ["shoe_size"]),
    (["breaches", "add", "--title", "x", "--aware", "2026-03-01 10:00", "--people", "-3"],
     ["-3", "people"]),
    (["breaches", "add", "--title", "x", "--aware", "2026-03-01 10:00", "--records", "-1"],
     ["-1", "records"]),
    (["breaches", "add", "--title", "x", "--aware", "2026-03-01 10:00", "--nature", "theft"],
     ["theft"]),
])
def test_refused_input_on_a_new_register_changes_nothing(run: Run, db: Path,
                                                         argv: list[str],
                                                         words: list[str]) -> None:
    result = run(*argv)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err
    for word in words:
        assert word in result.err
    assert not db.exists() or (stored_requests(db) == [] and stored_breaches(db) == []
                               and audit_count(db) == 0)  # no establishment created either


@pytest.mark.parametrize(("argv", "words"), [
    (["requests", "pause", "1", "--from", "2026-03-10", "--to", "2026-03-05", "--reason", "x"],
     ["2026-03-05"]),
    (["requests", "pause", "2", "--from", "2026-02-10", "--to", "2026-03-05", "--reason", "x"],
     ["2026-03-02"]),
    (["requests", "pause", "2", "--from", "2026-03-10", "--to", "2026-03-35", "--reason", "x"],
     ["2026-03-35"]),
    (["requests", "extend", "1", "--reason", "x"], ["closed"]),
    (["requests", "extend", "7", "--reason", "x"], ["7"]),
    (["requests", "close", "2", "--on", "2026-03-09", "--outcome", "refused"], ["reason"]),
    (["requests", "extend", "2", "--reason", "x"], ["L1111-7"]),
    (["requests", "extend", "x", "--reason", "x"], ["x"]),
])
def test_refused_changes_to_requests(run: Run, db: Path, argv: list[str],
                                     words: list[str]) -> None:
    run("requests", "add", "--kind", "access", "--received", "2026-03-02")
    run("requests", "add", "--kind", "access", "--received", "2026-03-02", "--medical-record")
    run("requests", "close", "1", "--on", "2026-03-20", "--outcome", "granted")
    before, count = stored_requests(db), audit_count(db)
    result = run(*argv)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    for word in words:
        assert word in result.err
    assert stored_requests(db) == before
    assert audit_count(db) == count


def test_a_breach_across_the_spring_clock_change(run: Run, db: Path) -> None:
    result = run("breaches", "add", "--title", "Lost laptop", "--aware", "28/03/2026 10:00",
                 "--category", "health", "--people", "250", "--records", "1200",
                 "--nature", "confidentiality", "--data-subjects", "patients", "--json")
    assert result.code == 0, result.err
    out = json.loads(result.out)
    # 10:00 +01:00 is 09:00 UTC; + 72 h = 31 Mar 09:00 UTC = 11:00 +02:00 (summer time)
    assert (out["aware_at"], out["cnil_deadline"]) == ("2026-03-28T10:00:00+01:00",
                                                        "2026-03-31T11:00:00+02:00")
    early = json.loads(run("breaches", "list", "--as-of", "2026-03-31 11:00", "--json").out)
    assert early[0]["late"] is False
    late = json.loads(run("breaches", "list", "--as-of", "2026-03-31T09:01:00Z",
                          "--json").out)
    assert late[0]["late"] is True
    notified = run("breaches", "notify", "1", "--authority", "cnil", "--at",
                   "2026-03-31T09:30:00Z")
    assert notified.code == 0 and "72 hours" in notified.out  # 11:30 Paris: notified late
    assert run("breaches", "notify", "1", "--authority", "cnil", "--at", "2026-04-02 10:00",
               "--complement").code == 0
    assert run("breaches", "notify", "1", "--authority", "ars", "--not-needed",
               "not an information-system incident").code == 0
    assert run("breaches", "inform", "1", "--not-needed", "encrypted disk").code == 0
    assert run("breaches", "close", "1", "--at", "2026-04-10 17:00").code == 0
    [stored] = stored_breaches(db)
    assert b.paris_iso(stored.cnil_notified_at or NOW) == "2026-03-31T11:30:00+02:00"
    assert [(n.authority.value, n.kind.value) for n in stored.notifications] == [
        ("cnil", "initial"), ("cnil", "complementary"), ("ars", "initial")]
    assert stored.not_informed_reason == "encrypted disk" and stored.people == 250
    assert (stored.records, stored.nature, stored.data_subjects) == (
        1200, (b.BreachNature.CONFIDENTIALITY,), ("patients",))
    assert b.paris_iso(stored.closed_at or NOW) == "2026-04-10T17:00:00+02:00"
    listing = json.loads(run("breaches", "list", "--json").out)
    assert [(x["id"], x["cnil_notified_at"], x["late"], x["status"]) for x in listing] == [
        (1, "2026-03-31T11:30:00+02:00", False, "closed")]


def test_a_breach_across_the_autumn_clock_change(run: Run) -> None:
    out = json.loads(run("breaches", "add", "--title", "Misdirected mail", "--aware",
                         "2026-10-23T10:00:00+02:00", "--json").out)
    # 08:00 UTC + 72 h = 26 Oct 08:00 UTC = 09:00 +01:00 (winter time)
    assert out["cnil_deadline"] == "2026-10-26T09:00:00+01:00"


@pytest.mark.parametrize(("argv", "words"), [
    (["breaches", "close", "1", "--at", "2026-03-29 10:00"], ["CNIL"]),
    (["breaches", "notify", "1", "--authority", "cnil", "--at", "2026-03-27 10:00"],
     ["before"]),
    (["breaches", "notify", "1", "--authority", "cnil", "--at", "2026-12-27 10:00"],
     ["future"]),
    (["breaches", "notify", "1", "--authority", "cnil", "--at", "2026-03-29 10:00",
      "--complement"], ["initial"]),
    (["breaches", "notify", "1", "--authority", "dgs", "--at", "2026-03-29 10:00"], ["dgs"]),
    (["breaches", "notify", "1", "--authority", "cnil"], ["--at"]),
    (["breaches", "notify", "1", "--authority", "cnil", "--at", "2026-03-29 10:00",
      "--not-needed", "x"], ["--not-needed"]),
    (["breaches", "inform", "2", "--at", "2026-03-29 10:00"], ["2"]),
])
def test_refused_changes_to_breaches(run: Run, db: Path, argv: list[str],
                                     words: list[str]) -> None:
    run("breaches", "add", "--title", "Lost laptop", "--aware", "28/03/2026 10:00")
    before, count = stored_breaches(db), audit_count(db)
    result = run(*argv)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    for word in words:
        assert word in result.err
    assert stored_breaches(db) == before
    assert audit_count(db) == count


def test_due_lists_what_is_open_and_exits_1_when_late(run: Run) -> None:
    assert run("due").code == 0
    run("requests", "add", "--kind", "erasure", "--received", "2026-10-30", "--subject", "A")
    run("breaches", "add", "--title", "Ransomware", "--aware", "2026-11-27 10:00")
    # request: 30 Oct + 1 month = Mon 30 Nov 2026; breach: Mon 30 Nov 10:00 +01:00
    on_time = run("due", "--json")
    assert on_time.code == 0, on_time.err
    assert json.loads(on_time.out) == {"as_of": "2026-11-29", "items": [
        {"kind": "breach", "id": 1, "title": "Ransomware",
         "deadline": "2026-11-30T10:00:00+01:00", "late": False},
        {"kind": "request", "id": 1, "title": "Erasure request — A",
         "deadline": "2026-11-30", "late": False},
    ]}
    # at 10:01 on 30 Nov the breach is late, the request (due that day) is not
    later = run("due", "--json", now=dt.datetime(2026, 11, 30, 10, 1, tzinfo=b.PARIS),
                today=dt.date(2026, 11, 30))
    assert later.code == 1
    assert [i["late"] for i in json.loads(later.out)["items"]] == [True, False]
    text = run("due", "--as-of", "01/12/2026")
    assert text.code == 1
    assert text.out.count("LATE") == 2
    run("breaches", "notify", "1", "--authority", "cnil", "--not-needed",
        "no risk: encrypted backup")
    run("requests", "close", "1", "--on", "2026-11-29", "--outcome", "granted")
    done = run("due", "--as-of", "01/12/2026", "--json")
    assert done.code == 0
    assert json.loads(done.out)["items"] == []


def test_due_refuses_an_impossible_date(run: Run) -> None:
    result = run("due", "--as-of", "2026-13-01")
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1


def test_a_breach_summarised_as_the_cnil_form_asks(run: Run) -> None:
    run("breaches", "add", "--title", "Lost USB key", "--aware", "2026-11-28 10:00",
        "--category", "health", "--nature", "confidentiality", "--people", "300",
        "--data-subjects", "patients")
    # deadline Tue 1 Dec 2026 10:00 +01:00: on time on 29 Nov, no reasons for a delay asked
    shown = json.loads(run("breaches", "show", "1", "--json").out)
    form = {line["code"]: line["value"] for line in shown["form"]}
    assert [line["code"] for line in shown["form"]][:4] == [
        "title", "notification", "aware_at", "cnil_deadline"]
    assert "late_reasons" not in form
    assert form["notification"] == "Initial notification"
    assert form["cnil_deadline"] == "2026-12-01T10:00:00+01:00"
    assert form["nature"] == "Loss of confidentiality"
    assert form["categories"] == "Health data"
    assert (form["people"], form["data_subjects"]) == ("300", "patients")
    assert form["measures"] == "— (to fill in)"
    # notified on 2 Dec: late; the next notification is a complementary one
    late = dt.datetime(2026, 12, 2, 12, 0, tzinfo=b.PARIS)
    assert run("breaches", "notify", "1", "--authority", "cnil", "--at", "2026-12-02 09:00",
               now=late, today=late.date()).code == 0
    text = run("--lang", "fr", "breaches", "show", "1", now=late, today=late.date()).out
    assert "Nature de la notification : Notification complémentaire" in text
    assert "Motifs du retard (notification au-delà de 72 heures) : — (à renseigner)" in text
    assert run("breaches", "show", "9").code == 2


def test_a_record_id_looked_up_for_an_erasure_request(run: Run, tmp_path: Path) -> None:
    assert run("activities", "add", "--ref", "SOIN-01", "--name", "Dossier patient").code == 0
    assert run("rules", "set", "--activity", "SOIN-01", "--category", "health",
               "--delete-after", "last_stay + 20 years", "--reference", "CSP R1112-7").code == 0
    inventory = tmp_path / "patients.csv"
    inventory.write_text("record_id,last_stay\nIPP-1,2019-04-02\nIPP-2,2001-01-15\n",
                         encoding="utf-8")
    assert run("inventory", "import", str(inventory), "--activity", "SOIN-01",
               "--category", "health").code == 0
    # IPP-1: 2019-04-02 + 20 years = 2039-04-02, kept by law: the refusal's reason
    found = json.loads(run("requests", "lookup", "IPP-1", "--json").out)
    assert found["found"] == [{
        "activity": "SOIN-01", "category": "health", "status": "ok",
        "deadline": "2039-04-02", "rule": "last_stay + 20 years",
        "legal_reference": "CSP R1112-7", "final_action": "delete"}]
    assert found["erasure_refusal_reason"] == (
        "Erasure refused (GDPR Art. 17(3)(b) and (c)): the data are kept under a legal "
        "obligation. Dossier patient: kept under CSP R1112-7 until 2039-04-02.")
    text = run("--lang", "fr", "requests", "lookup", "IPP-1").out
    assert "conservation imposée par CSP R1112-7 jusqu'au 02/04/2039" in text
    # IPP-2: 2001-01-15 + 20 years = 2021-01-15, overdue: nothing to refuse with
    overdue = json.loads(run("requests", "lookup", "IPP-2", "--json").out)
    assert overdue["found"][0]["status"] == "overdue"
    assert overdue["erasure_refusal_reason"] == ""
    assert json.loads(run("requests", "lookup", "IPP-9", "--json").out)["found"] == []
