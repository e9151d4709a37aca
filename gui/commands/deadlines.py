"""Commands of the registers of requests and breaches, and ``registre due``.

Dates are ISO or dd/mm/yyyy; moments (DATETIME) ISO 8601 with an offset or a Paris local
time, printed back as ISO 8601 with the Paris offset. A refused input (an impossible date,
a pause that ends before it starts, a closed request) is one line on stderr, exit 2, and
nothing changed. ``due`` exits 1 when an item is late.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from domain import breaches as b
from domain import requests as r
from domain import services
from domain.check import Status
from domain.dates import parse_user_date
from domain.deadline_words import load_deadline_words
from domain.due import DueItem, DueKind
from domain.errors import NotFoundError, ValidationError
from domain.model import Entity
from domain.vocabulary import load_vocabularies
from domain.working_days import WorkingCalendar
from gui.commands.context import Context
from gui.messages import Lang, category_words

if TYPE_CHECKING:  # the storage layer is imported when a command runs, not at start
    from storage.deadlines import DeadlinesUnitOfWork
    from storage.person_records import RecordLocation


def _word(ctx: Context, kind: str, code: str) -> str:
    """The word of ``code`` in the vocabulary ``kind`` (request_kinds, request_outcomes,
    items) of ``resources/vocabularies``."""
    words = load_deadline_words()
    return words.word(getattr(words, kind), code, ctx.language)


def _date(ctx: Context, text: str, field: str) -> dt.date:
    with ctx.refusing():
        return parse_user_date(text, field)


def _moment(ctx: Context, text: str, field: str) -> dt.datetime:
    with ctx.refusing():
        return b.parse_user_datetime(text, field)


def _day(ctx: Context, day: dt.date) -> str:
    return day.strftime("%d/%m/%Y") if ctx.language == "fr" else day.isoformat()


def _uow(ctx: Context) -> DeadlinesUnitOfWork:
    from storage.deadlines import DeadlinesUnitOfWork

    register = ctx.register()
    return DeadlinesUnitOfWork(register.engine, register.actor)


def _entities(ctx: Context, name: str | None) -> list[Entity]:
    """The establishment named, or every one of the register."""
    register = ctx.register()
    with ctx.refusing():
        if name:
            return [services.default_entity(register.uow(), name)]
        with register.uow() as uow:
            return list(uow.entities.list())


def _owner(ctx: Context, name: str | None, activities: Sequence[str]) -> int:
    """The establishment a new request or breach goes to: the one named, else the
    register's first; a first one is created only when nothing else can refuse the input
    (no establishment yet means no activity to link)."""
    register = ctx.register()
    with ctx.refusing():
        if activities and not name:
            with register.uow() as uow:
                if not uow.entities.list():
                    raise NotFoundError("activity", activities[0])
        entity = services.default_entity(register.uow(), name)
    assert entity.id is not None  # stored
    return entity.id


def _calendars(ctx: Context) -> dict[int, WorkingCalendar]:
    return {e.id: WorkingCalendar.for_establishment(e.finess, e.address)
            for e in _entities(ctx, None) if e.id is not None}


# --- requests ------------------------------------------------------------------------


def request_json(request: r.DataSubjectRequest, calendar: WorkingCalendar,
                 as_of: dt.date) -> dict[str, Any]:
    steps = request.deadline_steps(calendar)
    return {
        "id": request.id, "kind": request.kind.value,
        "received": request.received_on.isoformat(), "deadline": steps.deadline.isoformat(),
        "extended": request.extended, "status": request.status.value,
        "late": request.is_late(as_of, calendar), "subject": request.subject,
        "medical_record": request.medical_record,
        "older_than_5_years": request.older_than_5_years,
        "activities": list(request.activities), "paused_days": steps.paused_days,
        "pauses": [{"from": p.starts_on.isoformat(), "to": p.ends_on.isoformat(),
                    "reason": p.reason} for p in request.pauses],
        "extension_reason": request.extension_reason,
        "closed_on": request.closed_on.isoformat() if request.closed_on else None,
        "outcome": request.outcome.value if request.outcome else None,
        "close_reason": request.close_reason,
        "answered_late": request.answered_late(calendar),
        "entity_id": request.entity_id,
    }


def _request_done(ctx: Context, request: r.DataSubjectRequest, as_json: bool = False) -> int:
    calendar = _calendars(ctx).get(request.entity_id, WorkingCalendar())
    if as_json:
        ctx.print_json(request_json(request, calendar, ctx.today))
        return 0
    ctx.print(str(request.id))
    steps = request.deadline_steps(calendar)
    line = ctx.say(f"échéance : {_day(ctx, steps.deadline)}",
                   f"deadline: {_day(ctx, steps.deadline)}")
    if steps.paused_days:
        line += ctx.say(f" (dont {steps.paused_days} jours de suspension)",
                        f" (including {steps.paused_days} paused days)")
    if steps.moved:
        line += ctx.say(f" ; le {_day(ctx, steps.unshifted)} n'est pas un jour ouvré",
                        f"; {_day(ctx, steps.unshifted)} is not a working day")
    ctx.print(line)
    return 0


def add_request(ctx: Context, args: argparse.Namespace) -> int:
    received = _date(ctx, args.received, "--received")
    draft = r.DataSubjectRequest(
        kind=r.RequestKind(args.kind), received_on=received, entity_id=0,
        subject=args.subject, medical_record=args.medical_record,
        older_than_5_years=args.older_than_5_years, activities=tuple(args.activity))
    with ctx.refusing():
        r.check_new_request(draft, ctx.today)  # before a first establishment is created
    entity_id = _owner(ctx, args.entity, draft.activities)
    with ctx.refusing():
        stored = r.add_request(_uow(ctx), dataclasses.replace(draft, entity_id=entity_id),
                               ctx.today)
    return _request_done(ctx, stored, args.json)


def pause_request(ctx: Context, args: argparse.Namespace) -> int:
    start, end = _date(ctx, args.from_, "--from"), _date(ctx, args.to, "--to")
    with ctx.refusing():
        stored = r.pause_request(_uow(ctx), args.id, start, end, args.reason)
    return _request_done(ctx, stored)


def extend_request(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.refusing():
        stored = r.extend_request(_uow(ctx), args.id, args.reason)
    result = _request_done(ctx, stored)
    first_month = stored.first_month_end(_calendars(ctx).get(stored.entity_id,
                                                             WorkingCalendar()))
    if ctx.today > first_month:
        ctx.print(ctx.say(
            f"attention : prolongé après la fin du premier mois ({_day(ctx, first_month)}) ; "
            "la personne doit être informée de la prolongation dans le mois (art. 12.3)",
            f"warning: extended after the end of the first month ({_day(ctx, first_month)}); "
            "the person must be told of an extension within one month (Art. 12(3))"))
    return result


def close_request(ctx: Context, args: argparse.Namespace) -> int:
    on = _date(ctx, args.on, "--on")
    with ctx.refusing():
        stored = r.close_request(_uow(ctx), args.id, on, args.outcome, args.reason, ctx.today)
    calendar = _calendars(ctx).get(stored.entity_id, WorkingCalendar())
    ctx.print(str(stored.id))
    if stored.answered_late(calendar):
        deadline = _day(ctx, stored.deadline(calendar))
        ctx.print(ctx.say(f"répondue après l'échéance du {deadline}",
                          f"answered after its deadline, {deadline}"))
    return 0


def list_requests(ctx: Context, args: argparse.Namespace) -> int:
    as_of = _date(ctx, args.as_of, "--as-of") if args.as_of else ctx.today
    calendars = _calendars(ctx)
    entity_id = _entities(ctx, args.entity)[0].id if args.entity else None
    with ctx.refusing():
        found = r.list_requests(_uow(ctx), entity_id)
    rows = [request_json(q, calendars.get(q.entity_id, WorkingCalendar()), as_of)
            for q in found]
    if args.json:
        ctx.print_json(rows)
        return 0
    ctx.print(ctx.say(f"Demandes au {_day(ctx, as_of)}", f"Requests as of {_day(ctx, as_of)}"))
    for row in rows:
        late = "  " + _word(ctx, "items", "late").upper() if row["late"] else ""
        extended = ctx.say(" (prolongé)", " (extended)") if row["extended"] else ""
        ctx.print(f"{row['id']:>4}  {_word(ctx, 'request_kinds', row['kind']):<14} "
                  f"{_day(ctx, dt.date.fromisoformat(row['received']))}  "
                  f"{ctx.say('échéance', 'deadline')} "
                  f"{_day(ctx, dt.date.fromisoformat(row['deadline']))}{extended}  "
                  f"{_word(ctx, 'items', row['status']).lower()}{late}  {row['subject']}"
                  .rstrip())
    return 0


def erasure_refusal_reason(locations: Sequence[RecordLocation], lang: Lang) -> str:
    """The reason to refuse erasing records the law says to keep (GDPR Art. 17(3)(b), a
    legal obligation; (c), public health), naming each rule and until when; "" when none
    is kept by law."""
    from storage.person_records import kept_by_law

    kept = kept_by_law(locations)
    if not kept:
        return ""
    parts = []
    for loc in kept:
        name = loc.activity_name or loc.activity
        if loc.status is Status.ON_HOLD:
            parts.append(f"{name} ({loc.legal_reference}) : gel juridique en cours"
                         if lang == "fr" else
                         f"{name} ({loc.legal_reference}): under legal hold")
            continue
        assert loc.deadline is not None  # kept by law: a deadline that has not passed
        if lang == "fr":
            parts.append(f"{name} : conservation imposée par {loc.legal_reference} "
                         f"jusqu'au {loc.deadline:%d/%m/%Y}")
        else:
            parts.append(f"{name}: kept under {loc.legal_reference} until "
                         f"{loc.deadline.isoformat()}")
    if lang == "fr":
        return ("Effacement refusé (art. 17.3 b et c du RGPD) : les données sont conservées "
                "en application d'une obligation légale. " + " ; ".join(parts) + ".")
    return ("Erasure refused (GDPR Art. 17(3)(b) and (c)): the data are kept under a legal "
            "obligation. " + "; ".join(parts) + ".")


def lookup_record(ctx: Context, args: argparse.Namespace) -> int:
    """Where a person's record id is, its retention status and deadline in each inventory,
    and the reason to refuse an erasure when the law says to keep it."""
    from storage.person_records import find_record

    as_of = _date(ctx, args.as_of, "--as-of") if args.as_of else ctx.today
    entity_id = _entities(ctx, args.entity)[0].id if args.entity else None
    with ctx.refusing():
        found = find_record(ctx.register().uow(), args.record_id, as_of, entity_id)
    reason = erasure_refusal_reason(found, ctx.language)
    if args.json:
        ctx.print_json({"record_id": args.record_id.strip(), "as_of": as_of.isoformat(),
                        "found": [{
                            "activity": f.activity, "category": f.category,
                            "status": f.status.value,
                            "deadline": f.deadline.isoformat() if f.deadline else None,
                            "rule": f.rule, "legal_reference": f.legal_reference,
                            "final_action": f.final_action.value if f.final_action else None,
                        } for f in found], "erasure_refusal_reason": reason})
        return 0
    if not found:
        ctx.print(ctx.say(f"« {args.record_id} » ne figure dans aucun inventaire chargé",
                          f"'{args.record_id}' is in no loaded inventory"))
        return 0
    statuses = load_vocabularies().retention_statuses
    for f in found:
        deadline = _day(ctx, f.deadline) if f.deadline else "—"
        ctx.print(f"{f.activity}  {category_words(f.category, ctx.language)}  "
                  f"{statuses[f.status.value].label(ctx.language)}  "
                  f"{ctx.say('échéance', 'deadline')} {deadline}  {f.legal_reference}".rstrip())
    if reason:
        ctx.print(reason)
    return 0


# --- breaches ------------------------------------------------------------------------


def breach_json(breach: b.Breach, moment: dt.datetime) -> dict[str, Any]:
    def iso(value: dt.datetime | None) -> str | None:
        return b.paris_iso(value) if value is not None else None

    return {
        "id": breach.id, "title": breach.title, "aware_at": iso(breach.aware_at),
        "cnil_deadline": iso(breach.cnil_deadline),
        "cnil_notified_at": iso(breach.cnil_notified_at), "late": breach.is_late(moment),
        "status": breach.status.value, "notified_late": breach.notified_late(),
        "people": breach.people, "records": breach.records,
        "nature": [n.value for n in breach.nature],
        "data_subjects": list(breach.data_subjects), "activities": list(breach.activities),
        "categories": list(breach.categories), "description": breach.description,
        "consequences": breach.consequences, "measures": breach.measures,
        "notifications": [{"authority": n.authority.value, "kind": n.kind.value,
                           "at": iso(n.at), "not_needed_reason": n.not_needed_reason}
                          for n in breach.notifications],
        "informed_at": iso(breach.informed_at),
        "not_informed_reason": breach.not_informed_reason,
        "closed_at": iso(breach.closed_at), "entity_id": breach.entity_id,
    }


def add_breach(ctx: Context, args: argparse.Namespace) -> int:
    aware = _moment(ctx, args.aware, "--aware")
    draft = b.Breach(title=args.title, aware_at=aware, entity_id=0,
                     description=args.description, consequences=args.consequences,
                     measures=args.measures, people=args.people, records=args.records,
                     nature=tuple(b.BreachNature(n) for n in args.nature),
                     data_subjects=tuple(args.data_subjects),
                     activities=tuple(args.activity), categories=tuple(args.category))
    now = ctx.moment()
    with ctx.refusing():
        b.check_new_breach(draft, now)  # before a first establishment is created
    entity_id = _owner(ctx, args.entity, draft.activities)
    with ctx.refusing():
        stored = b.add_breach(_uow(ctx), dataclasses.replace(draft, entity_id=entity_id), now)
    if args.json:
        ctx.print_json(breach_json(stored, now))
        return 0
    ctx.print(str(stored.id))
    deadline = b.paris_iso(stored.cnil_deadline)
    ctx.print(ctx.say(f"notification à la CNIL au plus tard le {deadline}",
                      f"notify the CNIL by {deadline}"))
    return 0


def _at_or_reason(ctx: Context, args: argparse.Namespace) -> tuple[dt.datetime | None, str]:
    at = _moment(ctx, args.at, "--at") if args.at else None
    return at, args.not_needed or ""


def notify_breach(ctx: Context, args: argparse.Namespace) -> int:
    at, reason = _at_or_reason(ctx, args)
    with ctx.refusing():
        stored = b.notify_breach(_uow(ctx), args.id, args.authority, at, reason, ctx.moment(),
                                 complement=args.complement)
    ctx.print(str(stored.id))
    if args.authority == "cnil" and not args.complement and stored.notified_late():
        ctx.print(ctx.say(
            "notifiée après les 72 heures : la notification en donne les motifs (art. 33.1)",
            "notified after the 72 hours: the notification gives the reasons (Art. 33(1))"))
    return 0


def inform_breach(ctx: Context, args: argparse.Namespace) -> int:
    at, reason = _at_or_reason(ctx, args)
    with ctx.refusing():
        stored = b.inform_breach(_uow(ctx), args.id, at, reason, ctx.moment())
    ctx.print(str(stored.id))
    return 0


def close_breach(ctx: Context, args: argparse.Namespace) -> int:
    at = _moment(ctx, args.at, "--at")
    with ctx.refusing():
        stored = b.close_breach(_uow(ctx), args.id, at, ctx.moment())
    ctx.print(str(stored.id))
    return 0


def _as_of_moment(ctx: Context, text: str | None) -> dt.datetime:
    """``--as-of`` of ``breaches list``: a moment, or a day (its end, Paris time)."""
    if not text:
        return ctx.moment()
    try:
        return b.parse_user_datetime(text, "--as-of")
    except ValidationError:
        day = _date(ctx, text, "--as-of")
        return _end_of(day)


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59), b.PARIS)


def list_breaches(ctx: Context, args: argparse.Namespace) -> int:
    moment = _as_of_moment(ctx, args.as_of)
    entity_id = _entities(ctx, args.entity)[0].id if args.entity else None
    with ctx.refusing():
        found = b.list_breaches(_uow(ctx), entity_id)
    rows = [breach_json(x, moment) for x in found]
    if args.json:
        ctx.print_json(rows)
        return 0
    ctx.print(ctx.say(f"Violations au {b.paris_iso(moment)}",
                      f"Breaches as of {b.paris_iso(moment)}"))
    for row in rows:
        late = "  " + _word(ctx, "items", "late").upper() if row["late"] else ""
        notified = row["cnil_notified_at"] or ctx.say("non notifiée", "not notified")
        ctx.print(f"{row['id']:>4}  {row['title']}  {ctx.say('connue le', 'aware')} "
                  f"{row['aware_at']}  CNIL {ctx.say('avant le', 'by')} "
                  f"{row['cnil_deadline']} ({notified})  "
                  f"{_word(ctx, 'items', row['status']).lower()}{late}")
    return 0


def _form_value(ctx: Context, code: str, value: b.FormValue) -> str:
    words = load_deadline_words()
    if value is None:
        return "— (" + _word(ctx, "items", "not_recorded") + ")"
    if isinstance(value, dt.datetime):
        return b.paris_iso(value)
    if isinstance(value, b.Notification):
        if value.at is not None:
            return b.paris_iso(value.at)
        return _word(ctx, "items", "not_needed").format(reason=value.not_needed_reason)
    if code == "informing" and isinstance(value, str):
        return _word(ctx, "items", "not_needed").format(reason=value)
    if code == "notification" and isinstance(value, str):
        return _word(ctx, "items", value)
    if code == "nature" and isinstance(value, tuple):
        return ", ".join(words.word(words.breach_natures, n, ctx.language) for n in value)
    if code == "categories" and isinstance(value, tuple):
        return ", ".join(category_words(c, ctx.language) for c in value)
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def show_breach(ctx: Context, args: argparse.Namespace) -> int:
    """The breach as the CNIL's notification form asks it, heading by heading."""
    with ctx.refusing():
        breach = b.get_breach(_uow(ctx), args.id)
    moment = ctx.moment()
    words = load_deadline_words()
    form = [(code, words.word(words.breach_form, code, ctx.language),
             _form_value(ctx, code, value)) for code, value in b.cnil_form(breach, moment)]
    if args.json:
        ctx.print_json({**breach_json(breach, moment), "form": [
            {"code": code, "heading": heading, "value": value}
            for code, heading, value in form]})
        return 0
    for _code, heading, value in form:
        ctx.print(f"{heading} : {value}" if ctx.language == "fr" else f"{heading}: {value}")
    return 0


# --- everything due --------------------------------------------------------------------


def _due_title(ctx: Context, item: DueItem, plain: bool = False) -> str:
    """What the item is; ``plain``: without the action (the JSON's title)."""
    if item.kind is DueKind.REQUEST:
        kind = load_deadline_words().request_title(item.detail, ctx.language)
        return f"{kind} — {item.title}" if item.title else kind
    if plain:
        return item.title
    if item.kind is DueKind.BREACH:
        return ctx.say(f"notifier à la CNIL : {item.title}", f"notify the CNIL: {item.title}")
    return ctx.say(f"revue trimestrielle (dernière : {item.title})",
                   f"quarterly review (last: {item.title})")


def _deadline_text(deadline: dt.date | dt.datetime) -> str:
    return b.paris_iso(deadline) if isinstance(deadline, dt.datetime) else deadline.isoformat()


def due(ctx: Context, args: argparse.Namespace) -> int:
    from storage.deadlines import read_due

    if args.as_of:
        as_of = _date(ctx, args.as_of, "--as-of")
        moment = _end_of(as_of)
    else:
        as_of, moment = ctx.today, ctx.moment()
    entity_id = _entities(ctx, args.entity)[0].id if args.entity else None
    with ctx.refusing():
        items = read_due(_uow(ctx), as_of, moment, entity_id)
    if args.json:
        ctx.print_json({"as_of": as_of.isoformat(), "items": [
            {"kind": i.kind.value, "id": i.id, "title": _due_title(ctx, i, plain=True),
             "deadline": _deadline_text(i.deadline), "late": i.late} for i in items]})
    else:
        ctx.print(ctx.say(f"Échéances au {_day(ctx, as_of)}", f"Due as of {_day(ctx, as_of)}"))
        if not items:
            ctx.print(ctx.say("rien en attente", "nothing pending"))
        for i in items:
            late = _word(ctx, "items", "late").upper() if i.late else ""
            what = _word(ctx, "items", i.kind.value).lower()
            ident = f" {i.id}" if i.id is not None else ""
            ctx.print(f"{late:<9} {_deadline_text(i.deadline):<25} {what}{ident}  "
                      f"{_due_title(ctx, i)}")
    return 1 if any(i.late for i in items) else 0


_ACTIONS: Mapping[tuple[str, str], Callable[[Context, argparse.Namespace], int]] = {
    ("requests", "add"): add_request, ("requests", "pause"): pause_request,
    ("requests", "extend"): extend_request, ("requests", "close"): close_request,
    ("requests", "list"): list_requests, ("requests", "lookup"): lookup_record,
    ("breaches", "add"): add_breach, ("breaches", "notify"): notify_breach,
    ("breaches", "inform"): inform_breach, ("breaches", "close"): close_breach,
    ("breaches", "list"): list_breaches, ("breaches", "show"): show_breach,
}


def run(ctx: Context, args: argparse.Namespace) -> int:
    if args.command == "due":
        return due(ctx, args)
    action = getattr(args, f"{args.command}_command")
    return _ACTIONS[(args.command, action)](ctx, args)


__all__: Sequence[str] = ["breach_json", "request_json", "run"]
