"""A throwaway PostgreSQL server: ``initdb`` and ``pg_ctl`` under a temporary folder, a free
port on 127.0.0.1, fsync off; for the test run (tests/integration/conftest.py) and for the
benchmarks that measure PostgreSQL (benchmarks/postgres_load.py)."""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


class PostgresUnavailable(Exception):
    """The throwaway PostgreSQL server could not be started (the message says why)."""


def _server_programs() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    if found:
        return Path(found[0]).parent
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    raise PostgresUnavailable(
        "initdb and pg_ctl were not found (neither under /usr/lib/postgresql/*/bin nor on "
        "PATH): install Debian's postgresql package (`make test` does it as root through "
        ".ci/postgres.sh)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    bin: Path
    folder: Path
    port: int
    run_as: str | None  # initdb and postgres refuse to run as root: run them as this user
    user: str = "registre"
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def _run(self, *argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.bin / argv[0]), *argv[1:]], capture_output=True,
                              text=True, timeout=timeout, user=self.run_as, check=False,
                              cwd=self.folder)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        data = self.folder / "data"
        done = self._run("initdb", "-D", str(data), "-U", self.user, "-A", "trust",
                         "-E", "UTF8", "--no-locale", "--no-sync")
        if done.returncode != 0:
            raise PostgresUnavailable(f"initdb failed: {done.stderr.strip() or done.stdout}")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=60 -c shared_buffers=64MB")
        done = self._run("pg_ctl", "start", "-D", str(data), "-w", "-t", "60",
                         "-l", str(self.folder / "server.log"), "-o", options)
        if done.returncode != 0:
            log = (self.folder / "server.log")
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise PostgresUnavailable(
                f"pg_ctl start failed on port {self.port}: "
                f"{(done.stderr or done.stdout).strip()}\n{tail}")

    def stop(self) -> None:
        data = self.folder / "data"
        if (data / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "-D", str(data), "-m", "immediate", "-w", "-t", "60")
        shutil.rmtree(self.folder, ignore_errors=True)

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=self.user,
                             dbname="postgres", autocommit=True) as connection:
            connection.execute(sql)  # type: ignore[arg-type]

    def new_database(self, template: str | None = None) -> str:
        name = f"registre_test_{os.getpid()}_{next(self._ids)}"
        source = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        self.admin(f"CREATE DATABASE {name}{source}")
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def start_server() -> PostgresServer:
    """A started server (raises PostgresUnavailable, saying why, when it cannot be)."""
    programs = _server_programs()
    run_as = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            raise PostgresUnavailable(
                "running as root and there is no `postgres` user to run the server as "
                "(Debian's postgresql package creates it)") from None
        run_as = owner.pw_name
    folder = Path(tempfile.mkdtemp(prefix="registre-pg-"))
    if run_as is not None:
        owner = pwd.getpwnam(run_as)
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    last: PostgresUnavailable | None = None
    for _attempt in range(3):  # a free port can be taken between the probe and the start
        server = PostgresServer(programs, folder, _free_port(), run_as)
        try:
            server.start()
            return server
        except PostgresUnavailable as error:
            last = error
            server.stop()
            folder.mkdir()
            if run_as is not None:
                os.chown(folder, owner.pw_uid, owner.pw_gid)
            time.sleep(0.2)
    shutil.rmtree(folder, ignore_errors=True)
    assert last is not None
    raise last
