"""Commands on the register itself: activities, the demo, the audit log."""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from domain import services
from domain.completeness import assess
from domain.errors import NotFoundError
from domain.model import Entity, LegalBasis, ProcessingActivity, Role
from domain.serialization import to_dict
from domain.validation import validate_activity
from domain.vocabulary import load_vocabularies
from gui.commands.context import Context, Failure
from gui.messages import describe_finding, translate


def _entities(ctx: Context) -> dict[int, Entity]:
    with ctx.register().uow() as uow:
        return {e.id: e for e in uow.entities.list() if e.id is not None}


def _summary(ctx: Context, activity: ProcessingActivity, entity: Entity | None) -> dict[str, Any]:
    completeness = assess(activity, load_vocabularies(), ctx.today)
    return {
        "ref": activity.ref,
        "name": activity.name,
        "role": activity.role.value,
        "legal_bases": [b.code for b in activity.legal_bases],
        "status": activity.status.value,
        "completeness": completeness.percent,
        "entity": entity.name if entity else "",
    }


def _table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def list_activities(ctx: Context, as_json: bool) -> int:
    entities = _entities(ctx)
    activities = services.list_activities(ctx.register().uow())
    rows = [_summary(ctx, a, entities.get(a.entity_id)) for a in activities]
    if as_json:
        ctx.print_json(rows)
        return 0
    if not rows:
        ctx.print(ctx.say("Le registre ne contient aucun traitement.",
                          "The register has no processing activity."))
        return 0
    header = ctx.say("réf.|nom|rôle|bases légales|statut|complétude",
                     "ref|name|role|legal bases|status|completeness").split("|")
    voc = load_vocabularies()
    table = [header] + [
        [r["ref"], r["name"], voc.roles[r["role"]].label(ctx.language),
         ", ".join(r["legal_bases"]) or "-", voc.statuses[r["status"]].label(ctx.language),
         f"{r['completeness']} %"]
        for r in rows
    ]
    ctx.print(_table(table))
    return 0


def _find(ctx: Context, ref: str, entity_name: str | None) -> tuple[ProcessingActivity, Entity]:
    entities = _entities(ctx)
    with ctx.register().uow() as uow:
        if entity_name:
            entity = uow.entities.get_by_name(entity_name)
            if entity is None or entity.id is None:
                raise ctx.refusal(NotFoundError("entity", entity_name))
            found = [a for a in [uow.activities.get(entity.id, ref)] if a is not None]
        else:
            found = [a for a in uow.activities.list() if a.ref == ref]
    if not found:
        raise ctx.refusal(NotFoundError("activity", ref))
    if len(found) > 1:
        names = ", ".join(entities[a.entity_id].name for a in found)
        raise Failure(translate("register.ambiguous", {"key": ref, "entities": names},
                                ctx.language))
    return found[0], entities[found[0].entity_id]


def show_activity(ctx: Context, ref: str, entity_name: str | None, as_json: bool) -> int:
    activity, entity = _find(ctx, ref, entity_name)
    voc = load_vocabularies()
    completeness = assess(activity, voc, ctx.today)
    data = to_dict(activity)
    data["entity"] = entity.name
    data["completeness"] = {
        "percent": completeness.percent,
        "findings": [{"code": f.code, "severity": f.severity.value, **dict(f.params)}
                     for f in completeness.findings],
    }
    if as_json:
        ctx.print_json(data)
        return 0
    lang = ctx.language
    lines = [
        f"{activity.ref} — {activity.name}",
        f"{ctx.say('Entité', 'Entity')}: {entity.name}",
        f"{ctx.say('Rôle', 'Role')}: {voc.roles[activity.role.value].label(lang)}",
        f"{ctx.say('Statut', 'Status')}: {voc.statuses[activity.status.value].label(lang)}",
        f"{ctx.say('Service', 'Department')}: {activity.department or '-'}",
        f"{ctx.say('Finalité', 'Purpose')}: {activity.purpose or '-'}",
    ]
    lines += [f"  - {p}" for p in activity.sub_purposes]
    lines.append(ctx.say("Bases légales", "Legal bases") + ":")
    lines += [f"  {b.code} {voc.legal_bases[b.code].label(lang)}"
              + (f" — {b.justification}" if b.justification else "")
              for b in activity.legal_bases]
    if activity.special_conditions:
        lines.append(ctx.say("Conditions de l'article 9", "Art. 9 conditions") + ":")
        lines += [f"  {c.code} {voc.art9_conditions[c.code].label(lang)}"
                  for c in activity.special_conditions]
    lines.append(ctx.say("Personnes concernées", "Data subjects") + ": "
                 + (", ".join(activity.data_subjects) or "-"))
    lines.append(ctx.say("Catégories de données", "Data categories") + ":")
    for c in activity.data_categories:
        term = voc.data_categories.get(c.code)
        label = term.label(lang) if term else c.label
        rule = c.retention.delete_after if c.retention else ""
        lines.append(f"  {c.code} ({label})" + (f" — {rule}" if rule else ""))
    lines.append(ctx.say("Destinataires", "Recipients") + ":")
    lines += [f"  {voc.recipient_kinds[r.kind.value].label(lang)}: {r.name}"
              + (f" ({r.contract_reference})" if r.contract_reference else "")
              for r in activity.recipients]
    if activity.transfers:
        lines.append(ctx.say("Transferts hors UE", "Transfers outside the EU") + ":")
        lines += [f"  {t.recipient} — {t.country} — "
                  f"{voc.safeguards[t.safeguard.value].label(lang) if t.safeguard else '-'}"
                  for t in activity.transfers]
    lines.append(f"{ctx.say('Complétude', 'Completeness')}: {completeness.percent} %")
    lines += [f"  ! {describe_finding(f.code, f.params, lang)}" for f in completeness.findings]
    ctx.print("\n".join(lines))
    return 0


def add_activity(ctx: Context, args: argparse.Namespace) -> int:
    register = ctx.register()
    activity = ProcessingActivity(
        entity_id=0,
        ref=args.ref,
        name=args.name,
        purpose=args.purpose,
        role=Role(args.role),
        legal_bases=tuple(LegalBasis(code) for code in args.legal_bases),
    )
    with ctx.refusing():
        # Refused input changes nothing: check it before a first entity is created.
        validate_activity(activity, load_vocabularies())
        entity = services.default_entity(register.uow(), args.entity)
        assert entity.id is not None  # stored entities have ids
        stored = services.add_activity(
            register.uow(), dataclasses.replace(activity, entity_id=entity.id), ctx.today)
    ctx.print(stored.ref)
    return 0


def write_demo(ctx: Context, path: Path) -> int:
    from storage.demo import write_demo as write

    with ctx.refusing():
        summary = write(path, ctx.today)
    records_fr = f"{summary.records:,}".replace(",", "\u202f")  # 49 667
    ctx.print(ctx.say(
        f"Registre de démonstration écrit dans {path} ({summary.activities} traitements, "
        f"{records_fr} enregistrements dans les inventaires).",
        f"Demo register written to {path} ({summary.activities} activities, "
        f"{summary.records:,} inventory records)."))
    return 0


def verify_audit(ctx: Context) -> int:
    register = ctx.register()
    problems = register.verify_audit()
    count = register.audit_count()
    if not problems:
        ctx.print(ctx.say(f"Journal d'audit intact : {count} entrées.",
                          f"Audit log intact: {count} entries."))
        return 0
    words = {
        "altered": ("modifiée", "altered"),
        "broken_link": ("chaînage rompu (une entrée précédente a été supprimée ou modifiée)",
                        "broken link (an earlier entry was deleted or altered)"),
        "missing_before": ("une ou plusieurs entrées supprimées juste avant",
                           "one or more entries deleted just before it"),
        "missing_after": ("les dernières entrées ont été supprimées",
                          "the last entries were deleted"),
        "not_recorded": ("ajoutée en dehors de Registre, après la fin enregistrée du journal",
                         "added outside Registre, after the recorded end of the log"),
        "head_missing": ("la tête de chaîne a été supprimée : la fin du journal n'est plus "
                         "prouvée", "the chain head was deleted: the end of the log is no "
                         "longer proven"),
    }
    for p in problems:
        fr, en = words[p.reason]
        ctx.print(ctx.say(f"Entrée {p.entry_id} : {fr}", f"Entry {p.entry_id}: {en}"))
    print(ctx.say(f"registre: journal d'audit altéré ({len(problems)} problème(s))",
                  f"registre: audit log tampered with ({len(problems)} problem(s))"),
          file=ctx.err)
    return 1

