"""A throwaway PostgreSQL server for the test session, reachable only through a unix socket.

The server binaries come from Debian's ``postgresql`` package (scripts/bootstrap installs it
for tests). Without them the PostgreSQL tests are skipped, so everything else still runs.
The cluster lives in a temporary directory: ``initdb`` with trust authentication, then
``pg_ctl start`` listening on no TCP address at all, only on a socket in that directory.
PostgreSQL refuses to run as root, so as root the cluster belongs to the ``postgres``
system user and its programs run through ``runuser``.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

BIN_GLOB = "/usr/lib/postgresql/*/bin"
SERVER_USER = "postgres"
DATABASE_USER = "postgres"
START_TIMEOUT_S = 60


class PostgresNotInstalled(Exception):
    """The server binaries are not on this machine: PostgreSQL tests skip, saying why."""


class PostgresError(Exception):
    """The server is installed but a step failed; the message says which, with its log."""


def _version_key(directory: Path) -> tuple[int, ...]:
    version = directory.parent.name  # /usr/lib/postgresql/<version>/bin
    return tuple(int(part) for part in re.findall(r"\d+", version)) or (0,)


def find_bin_dir() -> Path:
    """The newest installed server's bin directory (one holding initdb and pg_ctl)."""
    candidates = [
        directory
        for directory in Path("/").glob(BIN_GLOB.lstrip("/"))
        if (directory / "initdb").is_file() and (directory / "pg_ctl").is_file()
    ]
    if not candidates:
        raise PostgresNotInstalled(
            f"no PostgreSQL server binaries (initdb, pg_ctl) under {BIN_GLOB}; "
            "install the Debian package 'postgresql' (scripts/bootstrap test does)"
        )
    return max(candidates, key=_version_key)


def free_port() -> int:
    """A port number nothing listens on. The server binds no TCP port (listen_addresses is
    empty); the number only names its socket file, and a free one keeps it unique."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    """A running throwaway cluster; :meth:`stop` ends it and removes its files."""

    bin_dir: Path
    root: Path
    port: int
    run_as: str | None
    _stopped: bool = field(default=False, repr=False)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str) -> str:
        """A SQLAlchemy URL for ``database`` over the unix socket."""
        return (
            f"postgresql+psycopg://{DATABASE_USER}@/{database}"
            f"?host={self.socket_dir}&port={self.port}"
        )

    def run(self, program: str, *args: str, timeout: float = 120) -> str:
        """Run one of the server's programs (as the server's user); returns its output."""
        command = [str(self.bin_dir / program), *args]
        if self.run_as is not None:
            command = ["runuser", "-u", self.run_as, "--", *command]
        result = subprocess.run(
            command,
            cwd=self.root,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise PostgresError(
                f"{program} failed ({result.returncode}): {result.stderr.strip()}{self._log_tail()}"
            )
        return result.stdout

    def client(self, program: str, *args: str) -> str:
        """A client program (pg_isready, psql, ...) against this server's socket."""
        return self.run(
            program, "-h", str(self.socket_dir), "-p", str(self.port), "-U", DATABASE_USER, *args
        )

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        try:
            if (self.data_dir / "postmaster.pid").exists():
                self.run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", "immediate", "-w")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _log_tail(self) -> str:
        try:
            lines = self.log_file.read_text(errors="replace").splitlines()[-15:]
        except OSError:
            return ""
        return "\nserver log:\n" + "\n".join(lines) if lines else ""


def _server_user() -> str | None:
    """Who runs the server: ourselves, or as root (which PostgreSQL refuses) ``postgres``."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError as error:
        raise PostgresNotInstalled(
            f"running as root, and there is no '{SERVER_USER}' system user to run the server "
            "(the Debian package 'postgresql' creates it)"
        ) from error
    if shutil.which("runuser") is None:
        raise PostgresNotInstalled("running as root, and runuser is not available")
    return SERVER_USER


def _chown_tree(path: Path, user: str) -> None:
    entry = pwd.getpwnam(user)
    os.chown(path, entry.pw_uid, entry.pw_gid)
    for child in path.iterdir():
        os.chown(child, entry.pw_uid, entry.pw_gid)


def _check_reachable(directory: Path, user: str) -> None:
    reachable = subprocess.run(
        ["runuser", "-u", user, "--", "test", "-w", str(directory)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    if reachable.returncode != 0:
        raise PostgresError(
            f"the '{user}' user cannot write to {directory}: a folder above it is closed to "
            "other users; point TMPDIR at one that is open (such as /tmp)"
        )


def start_server(settings: Sequence[str] = ()) -> PostgresServer:
    """Initialise and start a cluster in a new temporary directory; wait until it is ready.

    Raises PostgresNotInstalled when the binaries are missing, PostgresError when they are
    there but the server does not start.
    """
    bin_dir = find_bin_dir()
    run_as = _server_user()
    root = Path(tempfile.mkdtemp(prefix="deskbridge-pg-"))
    (root / "socket").mkdir()
    if run_as is not None:
        _chown_tree(root, run_as)
    server = PostgresServer(bin_dir=bin_dir, root=root, port=free_port(), run_as=run_as)
    try:
        if run_as is not None:
            _check_reachable(root / "socket", run_as)
        server.run(
            "initdb",
            "-D", str(server.data_dir),
            "-U", DATABASE_USER,
            "-A", "trust",
            "-E", "UTF8",
            "--locale=C",
            "--no-sync",
        )  # fmt: skip
        options = [
            "-c listen_addresses=''",
            f"-c unix_socket_directories='{server.socket_dir}'",
            f"-p {server.port}",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            *settings,
        ]
        server.run(
            "pg_ctl", "start",
            "-D", str(server.data_dir),
            "-l", str(server.log_file),
            "-o", " ".join(options),
            "-w", "-t", str(START_TIMEOUT_S),
        )  # fmt: skip
        _wait_until_ready(server)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_ready(server: PostgresServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            server.client("pg_isready", "-q", "-d", "postgres")
            return
        except PostgresError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _run_as_admin(admin_url: str, statement: str) -> None:
    """One statement outside a transaction (CREATE/DROP DATABASE refuse to run in one)."""
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def create_database(admin_url: str, name: str) -> str:
    """Create database ``name`` on the server behind ``admin_url``; returns its URL."""
    _run_as_admin(admin_url, f'CREATE DATABASE "{name}"')
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_database(admin_url: str, name: str) -> None:
    """Drop database ``name``, ending any connection a test left open to it."""
    _run_as_admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
