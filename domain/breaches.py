"""Personal data breaches (GDPR Art. 33 and 34) and the 72-hour deadline.

Every breach is recorded (Art. 33(5)) from the moment the establishment became aware of it.
It is notified to the CNIL within 72 hours of awareness (Art. 33(1)): elapsed hours,
weekends and clock changes included, so the arithmetic is done in UTC and the result shown
in Europe/Paris with its offset (28 March 2026 10:00 +01:00 + 72 h is 31 March 2026 10:00
+02:00). Or the reason for not notifying is recorded. A health establishment also reports
serious information-system incidents to its ARS (CSP L1111-8-2), "without delay". The people
are informed (Art. 34) or the reason why not is recorded. A breach is closed once both
decisions are taken.

Moments are aware datetimes; :func:`parse_user_datetime` reads what a DPO types (ISO 8601
with an offset, or a local time in Paris) and :func:`paris_iso` prints them back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType
from typing import Protocol, Self
from zoneinfo import ZoneInfo

from domain.errors import NotFoundError, ValidationError
from domain.vocabulary import Vocabularies, load_vocabularies

__all__ = [
    "CNIL_DELAY",
    "PARIS",
    "Authority",
    "Breach",
    "BreachNature",
    "BreachStatus",
    "Notification",
    "NotificationKind",
    "add_breach",
    "check_new_breach",
    "close_breach",
    "cnil_form",
    "get_breach",
    "inform_breach",
    "list_breaches",
    "notify_breach",
    "paris_iso",
    "parse_user_datetime",
]

PARIS = ZoneInfo("Europe/Paris")
CNIL_DELAY = dt.timedelta(hours=72)  # Art. 33(1): elapsed hours


# --- moments as a DPO types them ------------------------------------------------------

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                  r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?$", re.IGNORECASE)
_FRENCH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2})[:hH](\d{2})(?::(\d{2}))?$")


def _invalid(field: str, text: str, code: str = "datetime.invalid") -> ValidationError:
    return ValidationError(code, f"{field}: {text!r} is not a date and time", field=field,
                           value=text)


def _offset(text: str) -> dt.timezone:
    if text.upper() == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def parse_user_datetime(text: str, field: str = "datetime") -> dt.datetime:
    """An aware moment from ISO 8601 with an offset (``2026-03-28T10:00:00+01:00``, ``Z``)
    or a local time in Europe/Paris (``2026-03-28 10:00``, ``28/03/2026 10:00``).

    An impossible date or time is refused (``datetime.invalid``), as is a local time that
    the clock skipped (``29/03/2026 02:30``: ``datetime.nonexistent``) or went through twice
    (``25/10/2026 02:30``: ``datetime.ambiguous``; the offset then says which one)."""
    stripped = text.strip()
    offset: dt.tzinfo | None = None
    match = _ISO.match(stripped)
    if match:
        year, month, day, hour, minute = (int(g) for g in match.groups()[:5])
        second = int(match.group(6) or 0)
        if match.group(7):
            offset = _offset(match.group(7))
    else:
        match = _FRENCH.match(stripped)
        if not match:
            raise _invalid(field, text)
        day, month, year, hour, minute = (int(g) for g in match.groups()[:5])
        second = int(match.group(6) or 0)
    try:
        naive = dt.datetime(year, month, day, hour, minute, second)
        if offset is not None:
            return naive.replace(tzinfo=offset)
    except ValueError:
        raise _invalid(field, text) from None
    first, second_ = naive.replace(tzinfo=PARIS, fold=0), naive.replace(tzinfo=PARIS, fold=1)
    if first.astimezone(dt.UTC).astimezone(PARIS).replace(tzinfo=None) != naive:
        raise _invalid(field, text, "datetime.nonexistent")
    if first.utcoffset() != second_.utcoffset():
        raise _invalid(field, text, "datetime.ambiguous")
    return first


def paris_iso(moment: dt.datetime) -> str:
    """``2026-03-31T10:00:00+02:00``: ISO 8601 in Paris time, with its offset."""
    return moment.astimezone(PARIS).isoformat(timespec="seconds")


# --- the breach -------------------------------------------------------------------------


class Authority(StrEnum):
    CNIL = "cnil"  # GDPR Art. 33
    ARS = "ars"  # CSP L1111-8-2: serious information-system incidents


class NotificationKind(StrEnum):
    INITIAL = "initial"
    COMPLEMENTARY = "complementary"


class BreachNature(StrEnum):
    """What the breach affects (the CNIL's notification form asks it)."""

    CONFIDENTIALITY = "confidentiality"  # data disclosed or accessed
    INTEGRITY = "integrity"  # data altered
    AVAILABILITY = "availability"  # data lost or unreachable


class BreachStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Notification:
    """A notification made at ``at``, or (initial only) the reason for not making one."""

    authority: Authority
    kind: NotificationKind = NotificationKind.INITIAL
    at: dt.datetime | None = None
    not_needed_reason: str = ""


@dataclass(frozen=True)
class Breach:
    title: str
    aware_at: dt.datetime  # aware
    entity_id: int
    id: int | None = None
    description: str = ""  # what happened
    consequences: str = ""
    measures: str = ""
    people: int | None = None  # approximate number of people concerned
    records: int | None = None  # approximate number of records concerned
    nature: tuple[BreachNature, ...] = ()
    data_subjects: tuple[str, ...] = ()  # categories of people: patients, staff...
    activities: tuple[str, ...] = ()  # references of the activities concerned
    categories: tuple[str, ...] = ()  # data category codes
    notifications: tuple[Notification, ...] = ()
    informed_at: dt.datetime | None = None  # people informed (Art. 34)
    not_informed_reason: str = ""
    closed_at: dt.datetime | None = None
    version: int = 0

    @property
    def status(self) -> BreachStatus:
        return BreachStatus.CLOSED if self.closed_at is not None else BreachStatus.OPEN

    @property
    def cnil_deadline(self) -> dt.datetime:
        """72 elapsed hours after awareness, in Paris time."""
        return (self.aware_at.astimezone(dt.UTC) + CNIL_DELAY).astimezone(PARIS)

    def decision(self, authority: Authority) -> Notification | None:
        """The initial notification to ``authority`` or the reason for not notifying."""
        return next((n for n in self.notifications if n.authority is authority
                     and n.kind is NotificationKind.INITIAL), None)

    @property
    def cnil_notified_at(self) -> dt.datetime | None:
        decision = self.decision(Authority.CNIL)
        return decision.at if decision else None

    @property
    def cnil_decided(self) -> bool:
        return self.decision(Authority.CNIL) is not None

    @property
    def informing_decided(self) -> bool:
        return self.informed_at is not None or bool(self.not_informed_reason)

    def is_late(self, moment: dt.datetime) -> bool:
        """Not notified to the CNIL (nor decided not to) and 72 hours have passed."""
        return not self.cnil_decided and moment > self.cnil_deadline

    def notified_late(self) -> bool:
        """Notified after the 72 hours (Art. 33(1): the notification gives the reasons)."""
        at = self.cnil_notified_at
        return at is not None and at > self.cnil_deadline

    def key(self) -> str:
        return f"{self.id}@{self.entity_id}"


# --- the summary to copy into the CNIL's notification form -------------------------------

FormValue = str | int | dt.datetime | tuple[str, ...] | Notification | None


def cnil_form(breach: Breach, moment: dt.datetime | None = None
              ) -> list[tuple[str, FormValue]]:
    """The answers the CNIL's online notification form asks, in its order, as
    (heading code, value) pairs: the headings' words are in
    ``resources/vocabularies/breach_form.json``; codes (nature, categories) are left for
    the caller to word; None: not recorded yet. ``notification`` says which one the DPO
    is about to make: ``initial``, or ``complementary`` once the initial one is made.
    ``late_reasons`` is asked when the notification was, or at ``moment`` would be, made
    after the 72 hours (Art. 33(1))."""
    initial = breach.decision(Authority.CNIL)
    form: list[tuple[str, FormValue]] = [
        ("title", breach.title),
        ("notification", "complementary" if initial is not None and initial.at is not None
         else "initial"),
        ("aware_at", breach.aware_at),
        ("cnil_deadline", breach.cnil_deadline),
    ]
    if breach.notified_late() or (moment is not None and breach.is_late(moment)):
        form.append(("late_reasons", None))
    form += [
        ("nature", tuple(n.value for n in breach.nature) or None),
        ("description", breach.description or None),
        ("categories", breach.categories or None),
        ("records", breach.records),
        ("data_subjects", breach.data_subjects or None),
        ("people", breach.people),
        ("consequences", breach.consequences or None),
        ("measures", breach.measures or None),
        ("informing", breach.informed_at or breach.not_informed_reason or None),
        ("activities", breach.activities or None),
        ("ars", breach.decision(Authority.ARS)),
    ]
    return form


# --- storage interface ------------------------------------------------------------------


class BreachRepository(Protocol):
    def get(self, breach_id: int) -> Breach | None: ...
    def list(self, entity_id: int | None = None) -> Sequence[Breach]: ...
    def add(self, breach: Breach) -> Breach: ...
    def update(self, breach: Breach) -> Breach:
        """Store ``breach``; ConflictError if its version is not the stored one."""
        ...


class BreachUnitOfWork(Protocol):
    @property
    def breaches(self) -> BreachRepository: ...

    def activity_exists(self, entity_id: int, ref: str) -> bool: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...
    def commit(self) -> None: ...


# --- services ---------------------------------------------------------------------------


def _aware(moment: dt.datetime, field: str) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{field}: a naive datetime ({moment}); the domain takes aware ones")
    return moment


def _when(moment: dt.datetime, field: str, breach: Breach | None,
          now: dt.datetime) -> dt.datetime:
    """A moment of the breach's story: not in the future, not before awareness."""
    _aware(moment, field)
    if moment > now:
        raise ValidationError("breach.future", f"{field} is in the future", field=field,
                              value=paris_iso(moment))
    if breach is not None and moment < breach.aware_at:
        raise ValidationError("breach.before_awareness", f"{field} is before awareness",
                              field=field, value=paris_iso(moment),
                              aware=paris_iso(breach.aware_at))
    return moment


def _open(uow: BreachUnitOfWork, breach_id: int) -> Breach:
    current = uow.breaches.get(breach_id)
    if current is None:
        raise NotFoundError("breach", str(breach_id))
    if current.closed_at is not None:
        raise ValidationError("breach.closed", f"breach {breach_id} is closed", id=breach_id,
                              closed_at=paris_iso(current.closed_at))
    return current


def check_new_breach(breach: Breach, now: dt.datetime,
                     voc: Vocabularies | None = None) -> tuple[str, tuple[str, ...]]:
    """Refuse a new breach that cannot be (no title, aware in the future, a negative number
    of people, an unknown data category); its title and categories, cleaned. Its
    activities are checked when it is stored."""
    title = breach.title.strip()
    if not title:
        raise ValidationError("field.required", "a breach has a title", field="title")
    _when(breach.aware_at, "aware", None, now)
    for field, number in (("people", breach.people), ("records", breach.records)):
        if number is not None and number < 0:
            raise ValidationError("breach.negative", f"{field} is not negative", field=field,
                                  value=str(number))
    for value in breach.nature:
        try:
            BreachNature(value)
        except ValueError:
            raise ValidationError(
                "code.unknown", f"unknown nature {value!r}", field="nature", value=str(value),
                allowed=", ".join(n.value for n in BreachNature)) from None
    known = (voc or load_vocabularies()).data_categories
    categories = tuple(dict.fromkeys(c.strip() for c in breach.categories if c.strip()))
    for code in categories:
        if code not in known:
            raise ValidationError("code.unknown", f"unknown data category {code!r}",
                                  field="category", value=code, allowed=", ".join(known.codes()))
    return title, categories


def add_breach(uow: BreachUnitOfWork, breach: Breach, now: dt.datetime,
               voc: Vocabularies | None = None) -> Breach:
    """Record a breach the establishment became aware of at ``breach.aware_at``."""
    title, categories = check_new_breach(breach, now, voc)
    activities = tuple(dict.fromkeys(a.strip() for a in breach.activities if a.strip()))
    with uow:
        for ref in activities:
            if not uow.activity_exists(breach.entity_id, ref):
                raise NotFoundError("activity", ref)
        stored = uow.breaches.add(dataclasses.replace(
            breach, id=None, title=title, activities=activities, categories=categories,
            nature=tuple(dict.fromkeys(BreachNature(n) for n in breach.nature)),
            data_subjects=tuple(dict.fromkeys(s.strip() for s in breach.data_subjects
                                              if s.strip())),
            notifications=(), informed_at=None, not_informed_reason="", closed_at=None,
            version=0))
        uow.commit()
        return stored


def notify_breach(uow: BreachUnitOfWork, breach_id: int, authority: Authority | str,
                  at: dt.datetime | None, not_needed_reason: str, now: dt.datetime,
                  complement: bool = False) -> Breach:
    """Record the notification to ``authority`` made ``at`` (``complement``: a
    complementary one, after the initial notification), or the reason for not notifying."""
    try:
        authority = Authority(authority)
    except ValueError:
        raise ValidationError(
            "code.unknown", f"unknown authority {authority!r}", field="authority",
            value=str(authority), allowed=", ".join(a.value for a in Authority)) from None
    reason = not_needed_reason.strip()
    if (at is None) == (not reason):
        raise ValidationError("breach.notify_what", "give the moment or the reason, not both")
    with uow:
        current = _open(uow, breach_id)
        if at is not None:
            _when(at, "at", current, now)
        decision = current.decision(authority)
        if complement:
            if at is None:
                raise ValidationError("breach.complement_not_needed",
                                      "a complementary notification has a moment",
                                      authority=authority.value.upper())
            if decision is None or decision.at is None:
                raise ValidationError("breach.complement_first",
                                      "a complementary notification follows the initial one",
                                      authority=authority.value.upper())
            if at < decision.at:
                raise ValidationError("breach.complement_before",
                                      "a complementary notification follows the initial one",
                                      authority=authority.value.upper(), value=paris_iso(at),
                                      initial=paris_iso(decision.at))
            kind = NotificationKind.COMPLEMENTARY
        else:
            if decision is not None:
                raise ValidationError("breach.already_notified",
                                      f"the decision for {authority.value} is recorded",
                                      authority=authority.value.upper())
            kind = NotificationKind.INITIAL
        stored = uow.breaches.update(dataclasses.replace(
            current, notifications=(*current.notifications,
                                    Notification(authority, kind, at, reason))))
        uow.commit()
        return stored


def inform_breach(uow: BreachUnitOfWork, breach_id: int, at: dt.datetime | None,
                  not_needed_reason: str, now: dt.datetime) -> Breach:
    """The people were informed ``at`` (Art. 34), or why they were not."""
    reason = not_needed_reason.strip()
    if (at is None) == (not reason):
        raise ValidationError("breach.notify_what", "give the moment or the reason, not both")
    with uow:
        current = _open(uow, breach_id)
        if current.informing_decided:
            raise ValidationError("breach.already_informed", "informing is already recorded")
        if at is not None:
            _when(at, "at", current, now)
        stored = uow.breaches.update(dataclasses.replace(
            current, informed_at=at, not_informed_reason=reason))
        uow.commit()
        return stored


def close_breach(uow: BreachUnitOfWork, breach_id: int, at: dt.datetime,
                 now: dt.datetime) -> Breach:
    """Close the breach; refused until the CNIL decision and the informing decision are
    recorded (Art. 33(5): the documentation says both)."""
    with uow:
        current = _open(uow, breach_id)
        _when(at, "at", current, now)
        if not current.cnil_decided:
            raise ValidationError("breach.close_without_cnil",
                                  "the CNIL notification or the reason not to is missing",
                                  id=breach_id)
        if not current.informing_decided:
            raise ValidationError("breach.close_without_informing",
                                  "informing the people or the reason not to is missing",
                                  id=breach_id)
        stored = uow.breaches.update(dataclasses.replace(current, closed_at=at))
        uow.commit()
        return stored


def get_breach(uow: BreachUnitOfWork, breach_id: int) -> Breach:
    with uow:
        found = uow.breaches.get(breach_id)
        if found is None:
            raise NotFoundError("breach", str(breach_id))
        return found


def list_breaches(uow: BreachUnitOfWork, entity_id: int | None = None) -> Sequence[Breach]:
    """Every breach (of one establishment), oldest awareness first."""
    with uow:
        return uow.breaches.list(entity_id)
