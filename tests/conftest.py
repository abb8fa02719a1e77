"""Shared fixtures: store URLs for both backends, with a throwaway PostgreSQL server.

The PostgreSQL tier starts its own cluster (initdb + pg_ctl) in a temporary folder, on
127.0.0.1 and a free port, as the ``postgres`` user when the tests run as root, and stops it
at the end.  Where the server binaries are missing the tier is skipped with a message; under
CI (``CI`` set) it fails instead, because CI installs them and must not skip silently.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PG_USER = "parley"
PG_DATABASE = "parley_test"
_SERVER_ACCOUNT = "postgres"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "pg: runs against a real PostgreSQL server")


def _pg_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    return None


def _unavailable(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL tier cannot run in CI: {message}")
    pytest.skip(f"PostgreSQL tier skipped: {message}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(folder: Path) -> list[str]:
    """The command prefix that runs server binaries as a non-root user (they refuse root)."""
    if os.geteuid() != 0:
        return []
    try:
        account = pwd.getpwnam(_SERVER_ACCOUNT)
    except KeyError:
        _unavailable(f"running as root and there is no {_SERVER_ACCOUNT!r} user to run the server")
    os.chown(folder, account.pw_uid, account.pw_gid)
    return ["runuser", "-u", _SERVER_ACCOUNT, "--"]


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A running throwaway PostgreSQL server; yields its URL without a database name."""
    initdb, pg_ctl = _pg_binary("initdb"), _pg_binary("pg_ctl")
    if not initdb or not pg_ctl:
        _unavailable("initdb/pg_ctl not found; install the Debian package 'postgresql'")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the psycopg driver is not installed (pip install 'psycopg[binary]')")
    folder = Path(tempfile.mkdtemp(prefix="parley-pg-"))
    prefix = _as_server_user(folder)
    data, port = folder / "data", _free_port()
    _run([*prefix, initdb, "-D", str(data), "-U", PG_USER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
    options = f"-h 127.0.0.1 -p {port} -k {folder} -F -c max_connections=60"
    _run([*prefix, pg_ctl, "-D", str(data), "-l", str(folder / "server.log"), "-w", "-o", options, "start"])
    try:
        yield f"postgresql://{PG_USER}@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True
        )
        shutil.rmtree(folder, ignore_errors=True)


def empty_database(server: str, name: str = PG_DATABASE) -> str:
    """The URL of an empty database ``name`` on the server (created, or its schema reset)."""
    import psycopg

    host, port = server.split("@", 1)[1].split(":")
    with psycopg.connect(f"host={host} port={port} user={PG_USER} dbname=postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(f"host={host} port={port} user={PG_USER} dbname={name}", autocommit=True) as conn:
        conn.execute("SET lock_timeout = '10s'")  # a store left open fails the test, not hangs it
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return f"{server}/{name}"


@pytest.fixture(scope="session")
def pg_database(postgres_server: str) -> Callable[[str], str]:
    """Make the URL of an empty, named database on the test server."""
    return lambda name: empty_database(postgres_server, name)


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fresh_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], str]:
    """Make the URL of a new, empty store on the test's backend (call it once per store)."""
    counter = iter(range(1_000_000))

    def make() -> str:
        if backend == "sqlite":
            return str(tmp_path / f"parley-{next(counter)}.db")
        return empty_database(request.getfixturevalue("postgres_server"))

    return make


@pytest.fixture
def store_url(fresh_url: Callable[[], str]) -> str:
    """The URL of an empty store on each backend."""
    return fresh_url()
