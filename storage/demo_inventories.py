"""Synthetic inventories and legal holds of the demo register (Centre hospitalier de Valmont).

Deterministic (one fixed seed per inventory) and relative to the day the demo is written,
so that a check "as of today" always shows every status: overdue (CCTV recordings kept two
months instead of 14 days, unsuccessful candidates never purged, inactive portal accounts,
...), due soon, archive due (records still in the active base past their active phase),
on hold (a medical liability litigation) and undetermined (records with no birth date).

The records are consistent: the same patients (IPP) appear in the medical record, the
emergency, imaging and transfusion inventories with the same birth and death dates; the
same agents (matricules) in the staff file, payroll and occupational health; births come
before stays, deaths after births and never after the extract.

Each inventory is written as a CSV file (the way a hospital's systems export it: ISO dates,
or French dates with semicolons for the HR software, or timestamps for the video and
telephony systems) and loaded with :func:`storage.inventory.load_inventory`, the same
validated, all-or-nothing, audited path as a user's file.
"""

from __future__ import annotations

import csv
import dataclasses
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Final

from domain.rules import parse
from storage.holds import HoldRequest, add_hold
from storage.inventory import InventorySpec, load_inventory
from storage.register import Register

__all__ = [
    "DemoContent",
    "DemoHold",
    "DemoInventory",
    "demo_content",
    "load_demo_inventories",
]

SEED: Final = "ch-valmont-demo-2026"
YEAR: Final = 365.25  # days, to draw plausible spans (exact calendars are the engine's job)

Row = tuple[str, ...]


@dataclass(frozen=True)
class DemoInventory:
    """One CSV extract: the id column first, then event (and other) columns."""

    activity: str
    category: str
    header: tuple[str, ...]
    rows: Sequence[Row]
    delimiter: str = ","
    system: str = ""  # the system it is extracted from (its file name says so)

    @property
    def file_name(self) -> str:
        return f"valmont-{self.activity}-{self.category}-{self.system}.csv"


@dataclass(frozen=True)
class DemoHold:
    activity: str
    category: str
    starts_on: date
    ends_on: date | None
    reason: str
    record_ids: tuple[str, ...] = ()


@dataclass
class DemoContent:
    inventories: list[DemoInventory] = field(default_factory=list)
    holds: list[DemoHold] = field(default_factory=list)

    @property
    def records(self) -> int:
        return sum(len(inventory.rows) for inventory in self.inventories)


# --- drawing dates -------------------------------------------------------------------------


class _Draw:
    """Random draws relative to ``today``, with their own seed."""

    def __init__(self, today: date, name: str) -> None:
        self.today = today
        self.rng = random.Random(f"{SEED}/{name}")  # str seeds are hashed with SHA-512

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def days(self, low: float, high: float) -> int:
        return self.rng.randint(round(low), max(round(low), round(high)))

    def ago(self, low_years: float, high_years: float) -> date:
        """A day between ``high_years`` and ``low_years`` before today."""
        return self.today - timedelta(days=self.days(low_years * YEAR, high_years * YEAR))

    def between(self, start: date, end: date) -> date:
        if end <= start:
            return start
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def ids(self, prefix: str, width: int, count: int, high: int) -> list[str]:
        """``count`` distinct ids, in increasing order (older records got smaller ones)."""
        return [f"{prefix}{n:0{width}d}" for n in sorted(self.rng.sample(range(1, high), count))]


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def _fr(day: date | None) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


def _year_end(day: date) -> date:
    return date(day.year, 12, 31)


# --- patients (SOIN-01, -02, -03, -06) -----------------------------------------------------


@dataclass(frozen=True)
class _Patient:
    ipp: str
    birth: date | None
    last_stay: date
    death: date | None
    last_transfusion: date | None


def _patients(today: date, count: int) -> list[_Patient]:
    draw = _Draw(today, "patients")
    patients = []
    for ipp in draw.ids("IPP-", 7, count, 2_400_000):
        band = draw.rng.random()
        # The DPI holds the records migrated from the former system (up to 32 years back).
        last_stay = draw.ago(0, 10) if band < 0.55 else draw.ago(10, 20) if band < 0.82 \
            else draw.ago(20, 32)
        if draw.chance(0.03):  # maternity: newborns
            age_days = draw.days(0, 5)
        elif draw.chance(0.08):  # paediatrics
            age_days = draw.days(1 * YEAR, 18 * YEAR)
        else:
            age_days = round(draw.rng.triangular(18, 99, 72) * YEAR)
        birth: date | None = last_stay - timedelta(days=age_days)
        age = age_days / YEAR
        p_death = 0.02 if age < 50 else 0.08 if age < 70 else 0.25 if age < 85 else 0.45
        death = None
        if draw.chance(p_death):  # a third die during their last stay
            death = last_stay if draw.chance(0.35) or last_stay >= today - timedelta(days=1) \
                else draw.between(last_stay + timedelta(days=1), today - timedelta(days=1))
        transfusion = None
        if draw.chance(0.09):
            assert birth is not None
            transfusion = last_stay if draw.chance(0.5) else \
                max(birth, last_stay - timedelta(days=draw.days(1, 3 * YEAR)))
        if last_stay < today - timedelta(days=round(15 * YEAR)) and death is None \
                and transfusion is None and draw.chance(0.03):
            birth = None  # migrated from the former system without a birth date
        patients.append(_Patient(ipp, birth, last_stay, death, transfusion))
    return patients


def _medical_record(patients: Sequence[_Patient]) -> DemoInventory:
    return DemoInventory(
        "SOIN-01", "health",
        ("ipp", "birth", "last_stay", "death", "last_transfusion"),
        [(p.ipp, _iso(p.birth), _iso(p.last_stay), _iso(p.death), _iso(p.last_transfusion))
         for p in patients],
        system="dpi",
    )


def _earlier_visit(draw: _Draw, patient: _Patient, since: date) -> date | None:
    """The last visit to one department: the last stay, or an earlier day since ``since``."""
    if draw.chance(0.5):
        return patient.last_stay if patient.last_stay >= since else None
    start = max(since, patient.birth or since)
    if patient.last_stay < start:
        return None
    return draw.between(max(start, patient.last_stay - timedelta(days=round(8 * YEAR))),
                        patient.last_stay)


def _department(today: date, patients: Sequence[_Patient], activity: str, system: str,
                share: float, since_years: float, extra: tuple[str, Sequence[str]]) -> \
        DemoInventory:
    """Emergency (SAU) or imaging (PACS) records of a share of the patients."""
    draw = _Draw(today, activity)
    since = today - timedelta(days=round(since_years * YEAR))
    extra_column, extra_values = extra
    rows = []
    for patient in patients:
        if not draw.chance(share):
            continue
        visit = _earlier_visit(draw, patient, since)
        if visit is None:
            continue
        rows.append((patient.ipp, _iso(patient.birth), _iso(visit), _iso(patient.death),
                     draw.rng.choice(extra_values)))
    return DemoInventory(activity, "health",
                         ("ipp", "birth", "last_stay", "death", extra_column), rows,
                         system=system)


def _transfusions(patients: Sequence[_Patient]) -> DemoInventory:
    return DemoInventory(
        "SOIN-06", "health", ("ipp", "last_transfusion"),
        [(p.ipp, _iso(p.last_transfusion)) for p in patients if p.last_transfusion],
        system="hemovigilance",
    )


def _litigation(today: date, patients: Sequence[_Patient]) -> DemoHold:
    """Three medical records whose deadline passed one to three years ago, under litigation."""
    def passed(p: _Patient) -> bool:
        if p.birth is None or p.death is not None or p.last_transfusion is not None:
            return False
        deadline = max(p.last_stay + timedelta(days=round(20 * YEAR)),
                       p.birth + timedelta(days=round(28 * YEAR)))
        return today - timedelta(days=3 * 365) < deadline < today - timedelta(days=365)

    chosen = tuple(p.ipp for p in patients if passed(p))[:3]
    if not chosen:  # never empty: a hold with no record would cover the whole inventory
        raise ValueError("no medical record for the demo's litigation")
    return DemoHold(
        "SOIN-01", "health", today - timedelta(days=420), None,
        "Recours contentieux — responsabilité médicale : requête indemnitaire devant le "
        "tribunal administratif ; conservation des dossiers jusqu'à la décision définitive",
        chosen,
    )


# --- EHPAD residents (SOIN-07) ---------------------------------------------------------------


def _residents(today: date, count: int = 420) -> DemoInventory:
    draw = _Draw(today, "SOIN-07")
    opened = today - timedelta(days=round(28 * YEAR))
    entries = sorted(draw.between(opened, today - timedelta(days=30)) for _ in range(count))
    rows = []
    for number, entry in enumerate(entries, start=1):  # numbered in the register of entries
        birth: date | None = entry - timedelta(days=round(draw.rng.triangular(68, 101, 87) * YEAR))
        leaves = entry + timedelta(days=round(draw.rng.expovariate(1 / (2.5 * YEAR))) + 10)
        death = None
        if leaves >= today:  # still a resident: the extract gives the last day billed
            last_stay = today - timedelta(days=draw.days(1, 3))
        else:
            last_stay = leaves
            if draw.chance(0.75):
                death = leaves
            elif draw.chance(0.08):
                birth = None  # transferred to another home, file incomplete
        rows.append((f"RES-{number:04d}", _iso(birth), _iso(last_stay), _iso(death),
                     _iso(entry)))
    return DemoInventory("SOIN-07", "health",
                         ("resident", "birth", "last_stay", "death", "entry"), rows,
                         system="ehpad")


# --- laboratory (SOIN-04) --------------------------------------------------------------------


def _laboratory(today: date, count: int = 5_000) -> DemoInventory:
    draw = _Draw(today, "SOIN-04")
    dates = sorted(draw.ago(0, 24 * draw.rng.random() ** 0.7) for _ in range(count))
    per_year: dict[int, int] = {}
    rows = []
    active_end = today - timedelta(days=round(5 * YEAR))
    for day in dates:
        per_year[day.year] = per_year.get(day.year, 0) + 1
        stage = "archive" if day < active_end and draw.chance(0.7) else "active"
        rows.append((f"LAB-{day.year}-{per_year[day.year] * 37:06d}", _iso(day), stage,
                     draw.rng.choice(("biochimie", "hématologie", "microbiologie",
                                      "immunologie"))))
    return DemoInventory("SOIN-04", "health", ("compte_rendu", "document_date", "stage",
                                               "secteur"), rows, system="sil")


# --- staff (RH-02, RH-03, RH-05) -------------------------------------------------------------


@dataclass(frozen=True)
class _Agent:
    matricule: str
    birth: date | None
    hired: date
    departure: date | None
    death: date | None
    last_visit: date
    end_exposure_cmr: date | None
    end_exposure_ionising: date | None


def _agents(today: date, count: int = 1_800) -> list[_Agent]:
    draw = _Draw(today, "agents")
    people = []
    for _ in range(count):
        if draw.chance(0.72):  # in post
            birth = draw.ago(21, 64)
            age = (today - birth).days / YEAR
            hired = birth + timedelta(days=draw.days(19 * YEAR, max(19.1, age - 0.1) * YEAR))
            departure = death = None
            last_visit = max(hired, draw.ago(0, 2))
        else:
            departure = today - timedelta(days=round(50 * YEAR * draw.rng.random() ** 1.4) + 2)
            retired = draw.chance(0.35)
            age = draw.rng.uniform(60, 67) if retired else draw.rng.uniform(25, 55)
            birth = departure - timedelta(days=round(age * YEAR))
            hired = birth + timedelta(days=draw.days(19 * YEAR, (age - 1) * YEAR))
            last_visit = max(hired, departure - timedelta(days=draw.days(0, 600)))
            death = None
            if draw.chance(0.3 if retired else 0.02):
                death = draw.between(departure + timedelta(days=1), today - timedelta(days=1))
        cmr = ionising = None
        if draw.chance(0.07):  # radiology, nuclear medicine, interventional cardiology
            ionising = departure or (draw.between(hired, today) if draw.chance(0.3) else None)
        if draw.chance(0.04):  # laboratory, pathology (formaldehyde), pharmacy (cytotoxics)
            cmr = departure or (draw.between(hired, today) if draw.chance(0.5) else None)
        people.append(_Agent("", birth, hired, departure, death, last_visit, cmr, ionising))
    # Matricules are given in order of hiring; some paper files of the 1970s-80s have no
    # birth date.
    people.sort(key=lambda a: a.hired)
    numbers = sorted(draw.rng.sample(range(1, 10_000), len(people)))
    agents = []
    for number, agent in zip(numbers, people, strict=True):
        birth_known = not (agent.departure is not None and agent.death is None
                           and agent.departure < today - timedelta(days=round(30 * YEAR))
                           and draw.chance(0.05))
        agents.append(dataclasses.replace(agent, matricule=f"MAT-{number:04d}",
                                          birth=agent.birth if birth_known else None))
    return agents


def _staff_files(today: date, agents: Sequence[_Agent]) -> DemoInventory:
    draw = _Draw(today, "RH-02")
    active_end = today - timedelta(days=round(2 * YEAR))
    rows = []
    for a in agents:
        archived = a.departure is not None and a.departure < active_end and draw.chance(0.75)
        rows.append((a.matricule, _fr(a.birth), _fr(a.hired), _fr(a.departure),
                     "archivé" if archived else "actif"))
    return DemoInventory("RH-02", "professional_life",
                         ("matricule", "birth", "date_entree", "departure", "stage"), rows,
                         delimiter=";", system="sirh")


def _payroll(today: date, agents: Sequence[_Agent]) -> DemoInventory:
    """One payroll file per agent, up to the last fiscal year paid (electronic since 2000)."""
    last_closed = date(today.year - 1, 12, 31)
    rows = []
    for a in agents:
        last_paid = _year_end(a.departure) if a.departure else last_closed
        if last_paid.year < today.year - 26 or (a.departure is None and a.hired > last_closed):
            continue
        rows.append((a.matricule, _fr(last_paid)))
    return DemoInventory("RH-03", "financial", ("matricule", "fiscal_year_end"), rows,
                         delimiter=";", system="paie")


def _occupational_health(agents: Sequence[_Agent]) -> DemoInventory:
    return DemoInventory(
        "RH-05", "health",
        ("matricule", "birth", "last_visit", "death", "end_exposure_cmr",
         "end_exposure_ionising"),
        [(a.matricule, _fr(a.birth), _fr(a.last_visit), _fr(a.death),
          _fr(a.end_exposure_cmr), _fr(a.end_exposure_ionising)) for a in agents],
        delimiter=";", system="sante-travail",
    )


def _candidates(today: date, count: int = 2_500) -> DemoInventory:
    """Unsuccessful candidates since the recruitment software came (8 years): never purged."""
    draw = _Draw(today, "RH-01")
    contacts = sorted(draw.ago(0, 8 * draw.rng.random() ** 0.8) for _ in range(count))
    per_year: dict[int, int] = {}
    rows = []
    for contact in contacts:
        applied = contact - timedelta(days=draw.days(10, 120))
        per_year[applied.year] = per_year.get(applied.year, 0) + 1
        rows.append((f"CAND-{applied.year}-{per_year[applied.year]:04d}", _iso(applied),
                     _iso(contact)))
    return DemoInventory("RH-01", "professional_life",
                         ("candidature", "date_candidature", "last_contact"), rows,
                         system="recrutement")


# --- security and telephony (SEC-01, -02, -03) ----------------------------------------------


def _cctv(today: date) -> tuple[DemoInventory, DemoHold]:
    """Clips of 8 cameras: 6 purged after 14 days, 2 (car park NVR) kept two months."""
    draw = _Draw(today, "SEC-01")
    kept_days = {3: 61, 7: 61}  # the car park recorder's purge broke at a firmware update
    rows: list[Row] = []

    def clip(camera: int, day: date, hour: int, minute: int) -> Row:
        moment = datetime(day.year, day.month, day.day, hour, minute)
        return (f"CAM{camera}-{moment:%Y%m%d-%H%M}", f"{moment:%Y-%m-%d %H:%M:%S}",
                ("hall", "urgences", "parking", "parking", "livraisons", "accueil",
                 "parking", "morgue")[camera - 1])

    for camera in range(1, 9):
        for back in range(kept_days.get(camera, 14), 0, -1):
            day = today - timedelta(days=back)
            for hour in range(24):
                if draw.chance(0.95 if 7 <= hour < 21 else 0.45):  # motion-triggered
                    rows.append(clip(camera, day, hour, 5 * draw.days(0, 11)))
    # Kept past 14 days for a judicial requisition, ended: the clips are due again.
    incident = today - timedelta(days=40)
    held = [clip(2, incident, hour, minute) for hour, minute in ((21, 40), (22, 5), (22, 35))]
    rows.extend(held)
    hold = DemoHold(
        "SEC-01", "location", incident + timedelta(days=1), today - timedelta(days=9),
        "Réquisition judiciaire (art. 77-1-1 du code de procédure pénale) : agression dans le "
        "hall des urgences ; extraction remise à l'officier de police judiciaire",
        tuple(row[0] for row in held),
    )
    return DemoInventory("SEC-01", "location", ("clip", "recording", "zone"), rows,
                         system="videoprotection"), hold


def _badges(today: date) -> DemoInventory:
    """Access to secured areas: the controller keeps 6 months (vendor default), not 3."""
    draw = _Draw(today, "SEC-02")
    rows = []
    for back in range(183, 0, -1):
        day = today - timedelta(days=back)
        moments = sorted(draw.days(6 * 3600, 22 * 3600) for _ in range(draw.days(14, 30)))
        for sequence, second in enumerate(moments, start=1):
            moment = datetime(day.year, day.month, day.day) + timedelta(seconds=second)
            rows.append((f"ACC-{day:%Y%m%d}-{sequence:03d}", f"{moment:%Y-%m-%d %H:%M:%S}",
                         draw.rng.choice(("pharmacie", "salle serveurs", "maternité",
                                          "bloc opératoire", "archives")),
                         f"BDG-{draw.days(1, 2600):05d}"))
    return DemoInventory("SEC-02", "location", ("passage", "recording", "porte", "badge"), rows,
                         system="controle-acces")


def _calls(today: date) -> DemoInventory:
    """Recorded calls; the monthly purge keeps up to 7 months instead of 6."""
    draw = _Draw(today, "SEC-03")
    rows = []
    for back in range(215, 0, -1):
        day = today - timedelta(days=back)
        seconds = sorted(set(draw.days(7 * 3600, 20 * 3600) for _ in range(draw.days(5, 13))))
        for second in seconds:
            moment = datetime(day.year, day.month, day.day) + timedelta(seconds=second)
            rows.append((f"APL-{moment:%Y%m%d-%H%M%S}", f"{moment:%Y-%m-%d %H:%M:%S}",
                         str(draw.days(20, 900))))
    return DemoInventory("SEC-03", "health", ("appel", "recording", "duree_s"), rows,
                         system="telephonie")


# --- digital (NUM-01, NUM-03) and accounting (FIN-01) -----------------------------------------


def _portal_accounts(today: date, count: int = 3_000) -> DemoInventory:
    """Patient portal accounts since its opening (7 years); inactive ones are never closed."""
    draw = _Draw(today, "NUM-01")
    created = sorted(draw.ago(0.1, 7 * draw.rng.random() ** 0.8) for _ in range(count))
    rows = []
    for number, opened in enumerate(created, start=1):
        last_login = draw.between(max(opened, today - timedelta(days=365)), today) \
            if draw.chance(0.55) else draw.between(opened, today)
        rows.append((f"PORTAIL-{number * 7 + 1000:07d}", _iso(opened), _iso(last_login)))
    return DemoInventory("NUM-01", "identity", ("compte", "created_on", "last_login"), rows,
                         system="portail")


def _access_logs(today: date) -> DemoInventory:
    """Daily archives of the DPI access logs, kept since the SIEM came (4 years)."""
    rows = []
    for back in range(round(4.2 * YEAR), 0, -1):
        day = today - timedelta(days=back)
        rows.append((f"JDPI-{day:%Y%m%d}", _iso(day)))
    return DemoInventory("NUM-03", "traces_acces_dpi", ("archive", "recording"), rows,
                         system="siem")


def _invoices(today: date, per_year: int = 290) -> tuple[DemoInventory, DemoHold]:
    draw = _Draw(today, "FIN-01")
    rows = []
    active_end = today - timedelta(days=round(3 * YEAR))
    for year in range(today.year - 13, today.year + 1):
        first, last = date(year, 1, 2), min(date(year, 12, 31), today - timedelta(days=1))
        if last < first:
            continue
        days = sorted(draw.between(first, last) for _ in range(per_year))
        for number, day in enumerate(days, start=1):
            year_end = date(year, 12, 31)
            archived = year_end < active_end and draw.chance(0.8)
            rows.append((f"FAC-{year}-{number * 13:06d}", _iso(day), _iso(year_end),
                         "archive" if archived else "active"))
    hold = DemoHold(
        "FIN-01", "financial", today - timedelta(days=1_200), today - timedelta(days=950),
        "Contrôle de la chambre régionale des comptes (examen de la gestion) : gel des "
        "éliminations de pièces comptables jusqu'au rapport définitif",
    )
    return DemoInventory("FIN-01", "financial",
                         ("facture", "date_facture", "fiscal_year_end", "stage"), rows,
                         system="gef"), hold


# --- the whole -------------------------------------------------------------------------------


def demo_content(today: date) -> DemoContent:
    """Every inventory and hold of the demo, relative to ``today`` (deterministic)."""
    patients = _patients(today, 10_000)
    agents = _agents(today)
    cctv, requisition = _cctv(today)
    invoices, audit = _invoices(today)
    inventories = [
        _medical_record(patients),
        _department(today, patients, "SOIN-02", "urgences", 0.42, 22,
                    ("ccmu", ("1", "2", "3", "4", "5"))),
        _department(today, patients, "SOIN-03", "pacs", 0.45, 23,
                    ("modalite", ("RX", "CT", "IRM", "US", "MG"))),
        _laboratory(today),
        _transfusions(patients),
        _residents(today),
        _candidates(today),
        _staff_files(today, agents),
        _payroll(today, agents),
        _occupational_health(agents),
        cctv,
        _badges(today),
        _calls(today),
        _portal_accounts(today),
        _access_logs(today),
        invoices,
    ]
    return DemoContent(inventories, [_litigation(today, patients), requisition, audit])


def _write_csv(inventory: DemoInventory, folder: Path) -> Path:
    path = folder / inventory.file_name
    # UTF-8 with a BOM, as Excel and most hospital software write it.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=inventory.delimiter, lineterminator="\r\n")
        writer.writerow(inventory.header)
        writer.writerows(inventory.rows)
    return path


def _needed_events(delete_after: str, active_until: str) -> frozenset[str]:
    events = parse(delete_after).events
    if active_until.strip():
        events |= parse(active_until).events
    return events


def load_demo_inventories(register: Register, entity_id: int, today: date, folder: Path,
                          now: str) -> int:
    """Write each inventory to ``folder`` as CSV, load it, then add the holds.

    Returns the number of records loaded. The events loaded are those the category's rule
    needs (end of retention and end of the active phase).
    """
    content = demo_content(today)
    with register.uow() as uow:
        activities = {ref: uow.activities.get(entity_id, ref)
                      for ref in {inventory.activity for inventory in content.inventories}}
    actor = register.uow().actor
    loaded = 0
    for inventory in content.inventories:
        activity = activities[inventory.activity]
        category = activity.category(inventory.category) if activity else None
        if activity is None or activity.id is None or category is None \
                or category.retention is None or not category.retention.delete_after:
            raise ValueError(f"the demo has no rule for {inventory.activity}/"
                             f"{inventory.category}")  # a mistake in the demo itself
        events = _needed_events(category.retention.delete_after,
                                category.retention.active_until or "")
        spec = InventorySpec(activity_id=activity.id, category=inventory.category,
                             id_column=inventory.header[0], events=events)
        result = load_inventory(register.engine, _write_csv(inventory, folder), spec,
                                actor=actor)
        loaded += result.records
    for hold in content.holds:
        add_hold(register.uow(), HoldRequest(
            entity_id=entity_id, activity_ref=hold.activity, starts_on=hold.starts_on,
            ends_on=hold.ends_on, reason=hold.reason, category=hold.category,
            record_ids=hold.record_ids,
        ), now)
    return loaded
