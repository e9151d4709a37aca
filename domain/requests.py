"""People's requests (GDPR Art. 15 to 21) and their deadlines, to the day.

A request is answered within one month of receipt (Art. 12(3)), extendable by two further
months (three months from receipt) with a reason. A request for access to a medical record
(Code de la santé publique L1111-7) is answered within 8 days, 2 months when the information
is more than five years old; it has no extension.

How a deadline is computed (DESIGN.md, "Deadlines of people's requests"):

1. a period in months ends on the same day of the month as the day of receipt, or the last
   day of the month when that day does not exist (31 January + 1 month: 28 or 29 February);
   a period in days counts from the day after receipt (received 1 March + 8 days: 9 March);
2. the days when the request was paused (identity check, missing information: half-open
   intervals ``[from, to)``, overlaps merged, not summed) are added;
3. last, a deadline on a Saturday, a Sunday or a public holiday moves to the next working
   day (:class:`domain.working_days.WorkingCalendar`).

Pure Python: stored by ``storage/requests.py``; the services below are used through a unit
of work that has a ``requests`` repository.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType
from typing import Protocol, Self

from dateutil.relativedelta import relativedelta

from domain.errors import NotFoundError, ValidationError
from domain.working_days import WorkingCalendar

__all__ = [
    "DataSubjectRequest",
    "Outcome",
    "Pause",
    "RequestDeadline",
    "RequestKind",
    "RequestStatus",
    "add_request",
    "check_new_request",
    "close_request",
    "extend_request",
    "get_request",
    "list_requests",
    "merged_days",
    "pause_request",
]


class RequestKind(StrEnum):
    ACCESS = "access"  # Art. 15
    RECTIFICATION = "rectification"  # Art. 16
    ERASURE = "erasure"  # Art. 17
    RESTRICTION = "restriction"  # Art. 18
    PORTABILITY = "portability"  # Art. 20
    OBJECTION = "objection"  # Art. 21


class RequestStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Outcome(StrEnum):
    GRANTED = "granted"
    PARTIAL = "partial"
    REFUSED = "refused"


ONE_MONTH = relativedelta(months=1)  # Art. 12(3)
EXTENDED = relativedelta(months=3)  # one month plus two further months
MEDICAL_RECORD = relativedelta(days=8)  # CSP L1111-7
MEDICAL_RECORD_OLD = relativedelta(months=2)  # information more than five years old


@dataclass(frozen=True)
class Pause:
    """The request was paused on ``[starts_on, ends_on)``: those days do not count."""

    starts_on: dt.date
    ends_on: dt.date
    reason: str

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days


def merged_days(intervals: Iterable[tuple[dt.date, dt.date]]) -> int:
    """The number of days in the union of half-open intervals (overlaps counted once)."""
    total = 0
    end: dt.date | None = None
    for start, stop in sorted(intervals):
        if end is not None and start < end:
            if stop > end:
                total += (stop - end).days
                end = stop
            continue
        total += max((stop - start).days, 0)
        end = max(stop, start)
    return total


@dataclass(frozen=True)
class RequestDeadline:
    """The steps of a deadline, so that a screen can show how it was reached."""

    period: relativedelta
    base: dt.date  # received + period
    paused_days: int
    unshifted: dt.date  # base + paused days
    deadline: dt.date  # moved to the next working day

    @property
    def moved(self) -> bool:
        return self.deadline != self.unshifted


@dataclass(frozen=True)
class DataSubjectRequest:
    """A person's request and what became of it."""

    kind: RequestKind
    received_on: dt.date
    entity_id: int
    id: int | None = None
    subject: str = ""  # a free reference to the person, no more than needed
    medical_record: bool = False  # access to a medical record (CSP L1111-7)
    older_than_5_years: bool = False  # ... whose information is more than five years old
    activities: tuple[str, ...] = ()  # references of the activities concerned
    pauses: tuple[Pause, ...] = ()
    extended: bool = False
    extension_reason: str = ""
    closed_on: dt.date | None = None
    outcome: Outcome | None = None
    close_reason: str = ""
    version: int = 0

    @property
    def status(self) -> RequestStatus:
        return RequestStatus.CLOSED if self.closed_on is not None else RequestStatus.OPEN

    @property
    def period(self) -> relativedelta:
        if self.medical_record:
            return MEDICAL_RECORD_OLD if self.older_than_5_years else MEDICAL_RECORD
        return EXTENDED if self.extended else ONE_MONTH

    def deadline_steps(self, calendar: WorkingCalendar) -> RequestDeadline:
        base = self.received_on + self.period
        paused = merged_days((p.starts_on, p.ends_on) for p in self.pauses)
        unshifted = base + dt.timedelta(days=paused)
        return RequestDeadline(self.period, base, paused, unshifted,
                               calendar.next_working_day(unshifted))

    def deadline(self, calendar: WorkingCalendar) -> dt.date:
        """The last day to answer, inclusive."""
        return self.deadline_steps(calendar).deadline

    def is_late(self, as_of: dt.date, calendar: WorkingCalendar) -> bool:
        """Open and its deadline has passed on ``as_of``."""
        return self.closed_on is None and as_of > self.deadline(calendar)

    def first_month_end(self, calendar: WorkingCalendar) -> dt.date:
        """The end of the first month (pauses added, next working day): an extension is
        told to the person by then (Art. 12(3))."""
        return dataclasses.replace(self, extended=False).deadline(calendar)

    def answered_late(self, calendar: WorkingCalendar) -> bool:
        return self.closed_on is not None and self.closed_on > self.deadline(calendar)

    def key(self) -> str:
        """How the audit log names it."""
        return f"{self.id}@{self.entity_id}"


# --- storage interface ------------------------------------------------------------------


class RequestRepository(Protocol):
    def get(self, request_id: int) -> DataSubjectRequest | None: ...
    def list(self, entity_id: int | None = None) -> Sequence[DataSubjectRequest]: ...
    def add(self, request: DataSubjectRequest) -> DataSubjectRequest: ...
    def update(self, request: DataSubjectRequest) -> DataSubjectRequest:
        """Store ``request``; ConflictError if its version is not the stored one."""
        ...


class RequestUnitOfWork(Protocol):
    @property
    def requests(self) -> RequestRepository: ...

    def activity_exists(self, entity_id: int, ref: str) -> bool: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...
    def commit(self) -> None: ...


# --- services: one user action each, one transaction ------------------------------------


def _required(text: str, field: str) -> str:
    if not text.strip():
        raise ValidationError("field.required", f"{field} is required", field=field)
    return text.strip()


def _kind(value: str | RequestKind) -> RequestKind:
    try:
        return RequestKind(value)
    except ValueError:
        raise ValidationError(
            "code.unknown", f"unknown request kind {value!r}", field="kind", value=str(value),
            allowed=", ".join(k.value for k in RequestKind)) from None


def _open(uow: RequestUnitOfWork, request_id: int) -> DataSubjectRequest:
    current = uow.requests.get(request_id)
    if current is None:
        raise NotFoundError("request", str(request_id))
    if current.closed_on is not None:
        raise ValidationError("request.closed", f"request {request_id} is closed",
                              id=request_id, closed_on=current.closed_on.isoformat())
    return current


def check_new_request(request: DataSubjectRequest, today: dt.date) -> RequestKind:
    """Refuse a new request that cannot be (its kind, its dates, medical-record options);
    its activities are checked when it is stored."""
    kind = _kind(request.kind)
    if request.received_on > today:
        raise ValidationError("request.future", "a request cannot be received in the future",
                              field="received", value=request.received_on.isoformat())
    if request.medical_record and kind is not RequestKind.ACCESS:
        raise ValidationError("request.medical_not_access",
                              "a medical-record request is a request for access",
                              kind=kind.value)
    if request.older_than_5_years and not request.medical_record:
        raise ValidationError("request.older_without_medical",
                              "'older than five years' applies to a medical record",
                              field="older_than_5_years")
    return kind


def add_request(uow: RequestUnitOfWork, request: DataSubjectRequest,
                today: dt.date) -> DataSubjectRequest:
    """Record a request received on ``request.received_on`` (not after ``today``)."""
    kind = check_new_request(request, today)
    activities = tuple(dict.fromkeys(a.strip() for a in request.activities if a.strip()))
    with uow:
        for ref in activities:
            if not uow.activity_exists(request.entity_id, ref):
                raise NotFoundError("activity", ref)
        stored = uow.requests.add(dataclasses.replace(
            request, id=None, kind=kind, subject=request.subject.strip(),
            activities=activities, pauses=(), extended=False, extension_reason="",
            closed_on=None, outcome=None, close_reason="", version=0))
        uow.commit()
        return stored


def pause_request(uow: RequestUnitOfWork, request_id: int, starts_on: dt.date,
                  ends_on: dt.date, reason: str) -> DataSubjectRequest:
    """The clock stops on ``[starts_on, ends_on)`` (waiting for an identity proof...)."""
    reason = _required(reason, "reason")
    if ends_on <= starts_on:
        raise ValidationError("request.pause_dates", "a pause ends after it starts",
                              start=starts_on.isoformat(), value=ends_on.isoformat())
    with uow:
        current = _open(uow, request_id)
        if starts_on < current.received_on:
            raise ValidationError(
                "request.pause_before_receipt", "a pause starts after the request is received",
                start=starts_on.isoformat(), received=current.received_on.isoformat())
        stored = uow.requests.update(dataclasses.replace(
            current, pauses=(*current.pauses, Pause(starts_on, ends_on, reason))))
        uow.commit()
        return stored


def extend_request(uow: RequestUnitOfWork, request_id: int,
                   reason: str) -> DataSubjectRequest:
    """Extend the deadline by two further months (Art. 12(3)): three months from receipt.
    Refused for a medical-record request (CSP L1111-7 has no extension) and when already
    extended."""
    reason = _required(reason, "reason")
    with uow:
        current = _open(uow, request_id)
        if current.medical_record:
            raise ValidationError("request.medical_extension",
                                  "a medical-record request cannot be extended", id=request_id)
        if current.extended:
            raise ValidationError("request.already_extended", "the request is already extended",
                                  id=request_id)
        stored = uow.requests.update(dataclasses.replace(
            current, extended=True, extension_reason=reason))
        uow.commit()
        return stored


def close_request(uow: RequestUnitOfWork, request_id: int, closed_on: dt.date,
                  outcome: Outcome | str, reason: str, today: dt.date) -> DataSubjectRequest:
    """Answer the request: granted, partly granted or refused (a refusal, even partial,
    says why: Art. 12(4))."""
    try:
        outcome = Outcome(outcome)
    except ValueError:
        raise ValidationError(
            "code.unknown", f"unknown outcome {outcome!r}", field="outcome", value=str(outcome),
            allowed=", ".join(o.value for o in Outcome)) from None
    if outcome is not Outcome.GRANTED and not reason.strip():
        raise ValidationError("request.refusal_reason", "a refusal says why",
                              outcome=outcome.value)
    if closed_on > today:
        raise ValidationError("request.future", "a request cannot be answered in the future",
                              field="on", value=closed_on.isoformat())
    with uow:
        current = _open(uow, request_id)
        if closed_on < current.received_on:
            raise ValidationError(
                "request.close_before_receipt", "a request is answered after it is received",
                value=closed_on.isoformat(), received=current.received_on.isoformat())
        stored = uow.requests.update(dataclasses.replace(
            current, closed_on=closed_on, outcome=outcome, close_reason=reason.strip()))
        uow.commit()
        return stored


def get_request(uow: RequestUnitOfWork, request_id: int) -> DataSubjectRequest:
    with uow:
        found = uow.requests.get(request_id)
        if found is None:
            raise NotFoundError("request", str(request_id))
        return found


def list_requests(uow: RequestUnitOfWork,
                  entity_id: int | None = None) -> Sequence[DataSubjectRequest]:
    """Every request (of one establishment), oldest received first."""
    with uow:
        return uow.requests.list(entity_id)

