"""Connections and transactions for both backends, with one writer at a time.

SQLite runs in WAL mode, so readers (the API, a second CLI) work while a batch is written;
each write transaction starts with ``BEGIN IMMEDIATE``, so a second writer queues on the
busy timeout instead of deadlocking, and a write that still finds the file locked is
retried.  On PostgreSQL every write transaction first takes one advisory lock: fusion reads
a block and rewrites it, and two writers fusing the same block at once must not interleave.
Reads run in one transaction (a snapshot), so an event and its mentions always agree.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ..errors import StoreError

T = TypeVar("T")

BUSY_TIMEOUT_S = 10.0
WRITE_ATTEMPTS = 5
RETRY_PAUSE_S = 0.2
_WRITER_LOCK = 0x7061726C  # one advisory lock id for every parley writer ("parl")
_RETRY_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock
_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = NORMAL",
)


def _reason(exc: BaseException) -> str:
    """The driver's own message, without SQLAlchemy's statement and parameter dump."""
    original = getattr(exc, "orig", None)
    return str(original if original is not None else exc).strip().splitlines()[0]


def _retryable(exc: BaseException) -> bool:
    if not isinstance(exc, DBAPIError):
        return False
    if getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES:
        return True
    message = _reason(exc).lower()
    return "database is locked" in message or "database is busy" in message


def _sqlite_engine(url: URL) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" hook below issue BEGIN, not the driver.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            for pragma in _SQLITE_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        writing = conn.get_execution_options().get("parley_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


class Database:
    """An engine plus the two ways parley touches it: a read snapshot and a write transaction."""

    def __init__(self, url: URL) -> None:
        self.url = url
        self.where = url.render_as_string(hide_password=True)
        self.dialect = url.get_backend_name()
        self._closed = False
        with self.reported("open the database"):
            if self.dialect == "sqlite":
                self.engine = _sqlite_engine(url)
            else:
                self.engine = create_engine(url, pool_pre_ping=True)

    @contextmanager
    def reported(self, action: str, where: str | None = None) -> Iterator[None]:
        """Turn database failures into StoreError naming the database and the action."""
        if self._closed:
            raise StoreError(f"could not {action}: the store is closed", where=where or self.where)
        try:
            yield
        except SQLAlchemyError as exc:
            raise StoreError(
                f"could not {action}: {_reason(exc)}", where=where or self.where
            ) from exc

    def read(self, work: Callable[[Connection], T], action: str) -> T:
        """Run ``work`` in one read transaction (a consistent snapshot)."""
        with self.reported(action):
            with self.engine.connect() as conn:
                if self.dialect == "postgresql":
                    conn.execution_options(isolation_level="REPEATABLE READ")
                with conn.begin():
                    return work(conn)

    def write(self, work: Callable[[Connection], T], action: str, where: str | None = None) -> T:
        """Run ``work`` in one write transaction, all or nothing, retrying if the store is busy.

        ``work`` may run more than once (only a rolled-back attempt is repeated), so it must
        not have effects outside the transaction.
        """
        with self.reported(action, where):
            for attempt in range(1, WRITE_ATTEMPTS + 1):
                try:
                    return self._write_once(work)
                except DBAPIError as exc:
                    if attempt == WRITE_ATTEMPTS or not _retryable(exc):
                        raise
                time.sleep(RETRY_PAUSE_S * attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _write_once(self, work: Callable[[Connection], T]) -> T:
        with self.engine.connect() as conn:
            conn.execution_options(parley_write=True)
            with conn.begin():
                if self.dialect == "postgresql":
                    conn.execute(select(func.pg_advisory_xact_lock(_WRITER_LOCK)))
                return work(conn)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.engine.dispose()


def database_url(url: str) -> URL:
    """The SQLAlchemy URL of a store URL; PostgreSQL always through psycopg 3."""
    parsed = make_url(url)
    if parsed.get_backend_name() in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    return parsed
