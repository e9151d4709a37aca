"""The registers of requests and breaches in a unit of work, and everything due.

:class:`DeadlinesUnitOfWork` is the register's unit of work plus the ``requests`` and
``breaches`` repositories: the services of ``domain.requests`` and ``domain.breaches``
run through it (one transaction per action, audited). :func:`calendar` gives the working
days of an establishment (Alsace-Moselle from its FINESS number or postcode);
:func:`read_due` gathers what ``registre due`` lists.
"""

from __future__ import annotations

import datetime as dt
from typing import Self

from sqlalchemy import select
from sqlmodel import col

from domain.breaches import Breach
from domain.due import DueItem, due_items
from domain.errors import NotFoundError
from domain.reminders import review_due
from domain.requests import DataSubjectRequest
from domain.working_days import WorkingCalendar
from storage.breaches import SqlBreachRepository
from storage.requests import SqlRequestRepository
from storage.tables import ActivityRow
from storage.uow import SqlUnitOfWork

__all__ = ["DeadlinesUnitOfWork", "calendar", "read_due"]


class DeadlinesUnitOfWork(SqlUnitOfWork):
    """Implements ``domain.requests.RequestUnitOfWork`` and
    ``domain.breaches.BreachUnitOfWork``."""

    requests: SqlRequestRepository
    breaches: SqlBreachRepository

    def __enter__(self) -> Self:
        super().__enter__()
        self.requests = SqlRequestRepository(self.session, self.audit, self.actor)
        self.breaches = SqlBreachRepository(self.session, self.audit, self.actor)
        return self

    def activity_exists(self, entity_id: int, ref: str) -> bool:
        return self.session.execute(
            select(col(ActivityRow.id)).where(col(ActivityRow.entity_id) == entity_id,
                                              col(ActivityRow.ref) == ref)).first() is not None


def calendar(uow: SqlUnitOfWork, entity_id: int) -> WorkingCalendar:
    """The working days of the establishment ``entity_id``."""
    with uow:
        entity = uow.entities.get(entity_id)
    if entity is None:
        raise NotFoundError("entity", str(entity_id))
    return WorkingCalendar.for_establishment(entity.finess, entity.address)


def read_due(uow: DeadlinesUnitOfWork, as_of: dt.date, moment: dt.datetime,
             entity_id: int | None = None) -> list[DueItem]:
    """Every open deadline of the register, or of one establishment's requests and
    breaches (see ``domain.due``); the next review is the register's."""
    from storage.review import list_reviews  # the review campaigns, only needed here

    with uow:
        calendars = {e.id: WorkingCalendar.for_establishment(e.finess, e.address)
                     for e in uow.entities.list() if e.id is not None}
        requests: list[DataSubjectRequest] = list(uow.requests.list(entity_id))
        breaches: list[Breach] = list(uow.breaches.list(entity_id))
    reviews = list_reviews(uow)
    # the date set at the last sign-off, whether or not it has come yet
    due = review_due(reviews, dt.date.max)
    review = (due.last_signed, due.due_on) if due is not None and due.due_on else None
    return due_items(as_of, moment, calendars, requests, breaches, review)
