"""Registers for the storage and engine tests, on SQLite and on a real PostgreSQL server.

Every test that asks for ``register`` (or ``make_register``, or ``backend``) runs twice: on a
SQLite file and on a PostgreSQL database. The PostgreSQL server is a throwaway cluster made
for the test run (``initdb`` + ``pg_ctl`` under a temporary folder, a free port on
127.0.0.1, fsync off), stopped and removed at the end. If it cannot be started, the
PostgreSQL tests fail and say why: they are never skipped silently.

A test that is about the SQLite file itself is marked ``sqlite_only``.
"""

from __future__ import annotations

import atexit
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from storage.register import Register, open_register
from tests.pgserver import PostgresServer, PostgresUnavailable, start_server

BACKENDS = ("sqlite", "postgresql")
TEMPLATE = "registre_template"
MakeRegister = Callable[[], Register]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about the SQLite file; not run on PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        only_sqlite = metafunc.definition.get_closest_marker("sqlite_only") is not None
        metafunc.parametrize("backend", BACKENDS[:1] if only_sqlite else BACKENDS,
                             scope="function")


# --- the PostgreSQL server -------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for this test run, with a template database at the newest schema."""
    try:
        server = start_server()
    except (PostgresUnavailable, OSError, subprocess.SubprocessError) as error:
        reason = str(error)
    else:
        reason = ""
    if reason:
        pytest.fail(f"PostgreSQL could not be started for the tests: {reason}", pytrace=False)
    atexit.register(server.stop)  # also when the run is interrupted
    try:
        server.admin(f"CREATE DATABASE {TEMPLATE}")
        open_register(server.url(TEMPLATE)).close()  # the migrations, once
        yield server
    finally:
        server.stop()
        atexit.unregister(server.stop)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh PostgreSQL database at the newest schema, dropped after the test."""
    name = postgres_server.new_database(TEMPLATE)
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


# --- registers on either backend ----------------------------------------------------------------


@pytest.fixture
def make_register(backend: str, request: pytest.FixtureRequest,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[MakeRegister]:
    """Opens new, empty registers on the test's backend; all closed (and dropped) at the end."""
    opened: list[Register] = []
    databases: list[str] = []
    server: PostgresServer | None = (request.getfixturevalue("postgres_server")
                                     if backend == "postgresql" else None)
    tmp_path: Path = request.getfixturevalue("tmp_path")

    def make() -> Register:
        if server is None:
            folder = tmp_path if not opened else tmp_path_factory.mktemp("register")
            location = str(folder / "registre.db")
        else:
            databases.append(server.new_database(TEMPLATE))
            location = server.url(databases[-1])
        opened.append(open_register(location, actor="dpo"))
        return opened[-1]

    yield make
    for register in opened:
        register.close()
    if server is not None:
        for name in databases:
            server.drop_database(name)


@pytest.fixture
def register(make_register: MakeRegister) -> Register:
    return make_register()
