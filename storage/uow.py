"""The unit of work: one transaction per user action, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from storage.audit import AuditLog, current_actor
from storage.repository import SqlActivityRepository, SqlEntityRepository


class SqlUnitOfWork:
    """Implements ``domain.services.AbstractUnitOfWork`` on a SQLAlchemy engine.

    ``with uow:`` opens a session and a transaction; leaving the block without
    ``commit()`` rolls everything back, whatever happened inside.
    """

    entities: SqlEntityRepository
    activities: SqlActivityRepository
    audit: AuditLog

    def __init__(self, engine: Engine, actor: str | None = None) -> None:
        self.engine = engine
        self.actor = actor or current_actor()
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is used outside its `with` block")
        return self._session

    def __enter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("unit of work entered twice")
        self._session = self._factory()
        audit = AuditLog(self._session, self.actor)
        self.audit = audit
        self.entities = SqlEntityRepository(self._session, audit)
        self.activities = SqlActivityRepository(self._session, audit)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        self._session = None
        try:
            session.rollback()
        finally:
            session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
