"""Commands of the retention engine: rules, inventories, legal holds and the check."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from domain import services
from domain.check import STATUS_ORDER, Status
from domain.dates import parse_user_date
from domain.errors import NotFoundError, ValidationError
from domain.library_updates import LibraryUpdate, library_updates
from domain.model import FinalAction, ProcessingActivity, RetentionRule
from domain.rules import parse
from domain.templates import load_templates
from domain.vocabulary import load_vocabularies
from gui.commands.context import Context, Failure
from gui.messages import category_words, translate
from gui.typography import colon
from storage.atomic import replaced_on_success

if TYPE_CHECKING:  # the storage layer is imported when a command runs, not at start
    from storage.check import CheckResult, RecordFinding



def _date(ctx: Context, text: str, field: str) -> dt.date:
    with ctx.refusing():
        return parse_user_date(text, field)


#: Timestamps given on the command line are dates in this zone (DESIGN.md: dates).
ZONE = "Europe/Paris"


def _event_date(ctx: Context, name: str, text: str) -> dt.date:
    """An event's date from ``--set``: ISO, dd/mm/yyyy or a timestamp, converted to Paris
    time before its date is taken (2024-03-31T22:30:00Z is 2024-04-01), like a cell of an
    inventory (one parser for both)."""
    from zoneinfo import ZoneInfo

    from storage.inventory.cells import BadCell, parse_date_text

    try:
        parsed = parse_date_text(text, ZoneInfo(ZONE))
    except BadCell:
        parsed = None
    if parsed is None:
        raise Failure(ctx.say(
            f"--set {name} : « {text} » n'est pas une date (attendu 2024-02-29, 29/02/2024 "
            "ou un horodatage comme 2024-03-31T22:30:00Z)",
            f"--set {name}: '{text}' is not a date (expected 2024-02-29, 29/02/2024 or a "
            "timestamp such as 2024-03-31T22:30:00Z)"))
    return parsed


def _pair(ctx: Context, text: str, option: str, separator: str = "=") -> tuple[str, str]:
    name, found, value = text.partition(separator)
    if not found or not name.strip():
        raise Failure(ctx.say(f"{option} attend NOM{separator}VALEUR : « {text} »",
                              f"{option} expects NAME{separator}VALUE: '{text}'"))
    return name.strip(), value.strip()


# --- rules -----------------------------------------------------------------------------


def list_rules(ctx: Context, as_json: bool) -> int:
    templates = list(load_templates())
    if as_json:
        ctx.print_json([
            {"id": t.id, "version": t.version, "title": t.title(ctx.language),
             "title_fr": t.title_fr, "title_en": t.title_en, "category": t.category,
             "expression": t.delete_after, "active_until": t.active_until,
             "final_action": t.final_action.value,
             "final_action_public": t.final_action_public.value,
             "legal_reference": t.legal_reference, "kind": t.kind, "force": t.force,
             "force_label": t.force_label(ctx.language), "warning": t.needs_warning,
             "sources": list(t.sources), "changes": t.changes(ctx.language),
             "events": dict(t.events)}
            for t in templates
        ])
        return 0
    for t in templates:
        ctx.print(f"{t.id}  {t.title(ctx.language)}  (version {t.version})")
        ctx.print(f"    {t.delete_after}")
        if t.active_until:
            ctx.print(f"    {ctx.say('base active', 'active until')}: {t.active_until}")
        ctx.print(f"    {t.legal_reference}")
        warning = ctx.say(" — à vérifier avant usage", " — check before use") \
            if t.needs_warning else ""
        ctx.print(f"    {ctx.say('force', 'force')}: {t.force_label(ctx.language)}{warning}")
        if t.version > 1:
            ctx.print(f"    {ctx.say('corrigé', 'corrected')}: {t.changes(ctx.language)}")
    return 0


def eval_rule(ctx: Context, expression: str, sets: Sequence[str],
              suspends: Sequence[str]) -> int:
    with ctx.refusing():
        rule = parse(expression)
    events: dict[str, dt.date | None] = {}
    for item in sets:
        name, value = _pair(ctx, item, "--set")
        events[name] = _event_date(ctx, name, value) if value else None
    intervals: list[tuple[dt.date, dt.date | None]] = []
    for item in suspends:
        start, end = _pair(ctx, item, "--suspend", "..")
        begin = _date(ctx, start, "--suspend")
        finish = _date(ctx, end, "--suspend") if end else None
        if finish is not None and finish < begin:
            raise Failure(ctx.say(f"--suspend : la fin précède le début ({item})",
                                  f"--suspend: the end is before the start ({item})"))
        intervals.append((begin, finish))
    with ctx.refusing():
        deadline = rule.deadline(events, intervals)
    if deadline.date is None:
        ctx.print("undetermined: " + ", ".join(deadline.missing))
        return 0
    ctx.print(deadline.date.isoformat())
    if deadline.suspended_days:
        ctx.print(ctx.say(f"suspension : {deadline.suspended_days} jours (échéance sans "
                          f"suspension : {deadline.base})",
                          f"suspended: {deadline.suspended_days} days (deadline without "
                          f"suspension: {deadline.base})"))
    if deadline.on_hold:
        ctx.print(ctx.say("gel juridique en cours (sans date de fin)",
                          "on hold (a suspension has no end)"))
    return 0


def _activity(ctx: Context, ref: str) -> ProcessingActivity:
    with ctx.register().uow() as uow:
        found = [a for a in uow.activities.list() if a.ref == ref]
    if not found:
        raise ctx.refusal(NotFoundError("activity", ref))
    if len(found) > 1:
        raise Failure(translate("register.ambiguous", {"key": ref, "entities": str(len(found))},
                                ctx.language))
    return found[0]


def set_rule(ctx: Context, args: argparse.Namespace) -> int:
    activity = _activity(ctx, args.activity)
    delete_after, active_until = args.delete_after or "", args.active_until or ""
    final_action, reference = args.final_action, args.reference or ""
    template_id = args.template or ""
    justification = ""
    template_version = 1
    if template_id:
        with ctx.refusing():
            template = load_templates()[template_id]
        delete_after = delete_after or template.delete_after
        active_until = active_until or template.active_until
        # the establishment's status is not known here: unknown counts as public
        final_action = final_action or template.final_action_for(None).value
        reference = reference or template.legal_reference
        justification = template.notes_fr
        template_version = template.version  # compared with the library when corrected
    if not delete_after:
        raise Failure(ctx.say("--delete-after ou --template est obligatoire",
                              "--delete-after or --template is required"))
    rule = RetentionRule(
        delete_after=delete_after, active_until=active_until,
        final_action=FinalAction(final_action or "delete"), legal_reference=reference,
        justification=justification, template_id=template_id,
        template_version=template_version,
    )
    with ctx.refusing():
        services.set_retention_rule(ctx.register().uow(), activity.entity_id, activity.ref,
                                    args.category, rule, ctx.today)
    ctx.print(f"{activity.ref}/{args.category}: {delete_after}")
    return 0


# --- inventories and holds ---------------------------------------------------------------


def import_inventory(ctx: Context, args: argparse.Namespace) -> int:
    from storage.inventory import InventorySpec, load_inventory

    activity = _activity(ctx, args.activity)
    category = activity.category(args.category)
    if category is None or activity.id is None:
        raise ctx.refusal(ValidationError(
            "category.not_in_activity", "no such category", ref=activity.ref,
            value=args.category))
    events: frozenset[str] | None = None
    if category.retention is not None and category.retention.delete_after:
        with ctx.refusing():
            events = parse(category.retention.delete_after).events
            if category.retention.active_until:
                events |= parse(category.retention.active_until).events
    mapping = dict(_pair(ctx, item, "--map") for item in args.map)
    spec = InventorySpec(activity_id=activity.id, category=args.category,
                         id_column=args.id_column, mapping=mapping,
                         stage_column=args.stage_column, events=events)
    register = ctx.register()
    with ctx.refusing():
        result = load_inventory(register.engine, Path(args.file), spec,
                                actor=register.uow().actor)
    ctx.print(ctx.say(
        f"{result.records} enregistrements chargés pour {activity.ref}/{args.category} "
        f"(événements : {', '.join(result.events)} ; {result.replaced} remplacés)",
        f"{result.records} records loaded for {activity.ref}/{args.category} "
        f"(events: {', '.join(result.events)}; {result.replaced} replaced)"))
    return 0


def add_hold(ctx: Context, args: argparse.Namespace) -> int:
    from storage.holds import HoldRequest
    from storage.holds import add_hold as store

    activity = _activity(ctx, args.activity)
    request = HoldRequest(
        entity_id=activity.entity_id, activity_ref=activity.ref,
        starts_on=_date(ctx, args.from_, "--from"),
        ends_on=_date(ctx, args.to, "--to") if args.to else None,
        reason=args.reason, category=args.category or "", record_ids=args.record,
    )
    with ctx.refusing():
        hold_id = store(ctx.register().uow(), request,
                        dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    ctx.print(str(hold_id))
    return 0


# --- the check -------------------------------------------------------------------------


def _write_records(path: Path, findings: Sequence[RecordFinding]) -> None:
    """CSV of the records that are not ok, written to a temporary file then renamed."""
    with replaced_on_success(path) as temporary, \
            temporary.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["activity", "category", "record_id", "status", "deadline",
                         "days_overdue"])
        for f in findings:
            writer.writerow([f.activity, f.category, f.record_id, f.status.value,
                             f.deadline.isoformat() if f.deadline else "", f.days_overdue])


def check(ctx: Context, args: argparse.Namespace) -> int:
    from storage.check import run_check

    as_of = _date(ctx, args.as_of, "--as-of") if args.as_of else ctx.today
    if args.horizon < 0:
        raise Failure(ctx.say("--horizon doit être positif", "--horizon must be positive"))
    if args.records and not Path(args.records).parent.exists():
        raise Failure(ctx.say(f"le dossier de {args.records} n'existe pas",
                              f"the folder of {args.records} does not exist"))
    with ctx.refusing():
        result, findings = run_check(ctx.register().engine, as_of, args.horizon,
                                     want_records=bool(args.records))
    if args.records:
        _write_records(Path(args.records), findings)
    with ctx.refusing():
        updates = library_updates(ctx.register().uow())
    if args.json:
        ctx.print_json({**result.as_json(),
                        "library_updates": [_update_json(ctx, u) for u in updates]})
    else:
        _print_check(ctx, result)
        _print_library_updates(ctx, updates)
    totals = result.totals
    return 1 if totals[Status.OVERDUE] or totals[Status.ARCHIVE_DUE] else 0


def _print_check(ctx: Context, result: CheckResult) -> None:
    words = load_vocabularies().retention_statuses
    ctx.print(ctx.say(f"Contrôle des durées de conservation au {result.as_of:%d/%m/%Y} "
                      f"(horizon {result.horizon_days} jours)",
                      f"Retention check as of {result.as_of.isoformat()} "
                      f"(horizon {result.horizon_days} days)"))
    header = [ctx.say("traitement", "activity"), ctx.say("catégorie", "category"),
              *(words[s.value].label(ctx.language).lower() for s in STATUS_ORDER),
              ctx.say("plus ancienne échéance", "oldest deadline")]
    rows = [header]
    for g in result.groups:
        rows.append([g.activity, g.category, *(str(g.counts.get(s, 0)) for s in STATUS_ORDER),
                     g.oldest_deadline.isoformat() if g.oldest_deadline else "-"])
    totals = result.totals
    rows.append([ctx.say("total", "total"), "", *(str(totals.get(s, 0)) for s in STATUS_ORDER),
                 ""])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for r in rows:
        ctx.print("  ".join(c.rjust(w) if i > 1 else c.ljust(w)
                            for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip())


def _rule_json(rule: RetentionRule) -> dict[str, str]:
    return {"expression": rule.delete_after, "active_until": rule.active_until,
            "final_action": rule.final_action.value, "legal_reference": rule.legal_reference}


def _update_json(ctx: Context, update: LibraryUpdate) -> dict[str, object]:
    return {"activity": update.activity_ref, "category": update.category,
            "template": update.template.id, "stored_version": update.stored_version,
            "library_version": update.library_version, "old": _rule_json(update.old),
            "new": _rule_json(update.new), "reason": update.reason(ctx.language)}


def _print_library_updates(ctx: Context, updates: Sequence[LibraryUpdate]) -> None:
    """The rules copied from a template the library has corrected since, by template: why
    it was corrected, then each rule with what adopting the correction would change."""
    if not updates:
        return
    ctx.print("")
    ctx.print(ctx.say(
        f"{len(updates)} règle(s) diffèrent de la bibliothèque corrigée (à adopter ou à "
        "garder avec une justification, dans la fenêtre) :",
        f"{len(updates)} rule(s) differ from the corrected library (adopt them or keep "
        "them with a justification, in the window):"))
    by_template: dict[str, list[LibraryUpdate]] = {}
    for update in updates:
        by_template.setdefault(update.template.id, []).append(update)
    sep = colon(ctx.language)
    for template_id, group in by_template.items():
        template = group[0].template
        ctx.print(f"  {template_id} (version {template.version}) — "
                  f"{template.title(ctx.language)}")
        ctx.print(f"    {ctx.say('correction', 'correction')}{sep}"
                  f"{template.changes(ctx.language)}")
        for u in group:
            ctx.print(f"    {u.activity_ref}, {category_words(u.category, ctx.language)} "
                      f"(version {u.stored_version}){sep}{_differences(ctx, u)}")


def _differences(ctx: Context, update: LibraryUpdate) -> str:
    """What adopting would change, field by field ("sort final : A → B ; ...")."""
    actions = load_vocabularies().final_actions
    old, new = update.old, update.new
    fields = (
        (ctx.say("fin de conservation", "end of retention"), old.delete_after,
         new.delete_after),
        (ctx.say("fin de la phase active", "end of the active phase"), old.active_until,
         new.active_until),
        (ctx.say("sort final", "final action"),
         actions[old.final_action.value].label(ctx.language),
         actions[new.final_action.value].label(ctx.language)),
        (ctx.say("référence", "reference"), old.legal_reference, new.legal_reference),
    )
    none = ctx.say("aucune", "none")
    changed = [f"{label}{colon(ctx.language)}{before or none} → {after or none}"
               for label, before, after in fields if before != after]
    return ctx.say(" ; ", "; ").join(changed) if changed else ctx.say(
        "règle déjà identique au modèle corrigé", "the rule already matches the corrected "
        "template")
