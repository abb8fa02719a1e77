"""The SQLite store: parley's default backend, one file, one writer.

The connection runs in autocommit mode and every write opens its own ``BEGIN IMMEDIATE``
transaction, so an article is stored whole or not at all and a second writer waits (busy
timeout) instead of failing.  WAL lets readers (the API, a second CLI) work during a batch.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from types import TracebackType
from typing import Any

from ..errors import ConfigError, StoreError
from ..model import Extraction, Mention, Rejection, StoredEvent
from . import rows
from . import sqlite_sql as sql
from .periods import check_partial_date, first_day, last_day

SCHEMA_VERSION = len(sql.MIGRATIONS)
BUSY_TIMEOUT_S = 10.0


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@contextmanager
def _reported(where: str, action: str) -> Iterator[None]:
    """Turn database failures into StoreError naming the file and what was being done."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StoreError(f"could not {action}: {exc}", where=where) from exc


class SqliteStore:
    """A Store kept in one SQLite file (or ``:memory:``)."""

    def __init__(self, path: str, *, now: Callable[[], str] = _utc_now) -> None:
        self.path = path
        self._now = now
        with _reported(path, "open the database"):
            self._conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            with _reported(path, "prepare the database"):
                self._configure()
                self._migrate()
        except StoreError:
            self._conn.close()
            raise

    # --- lifecycle ---------------------------------------------------------------------

    def _configure(self) -> None:
        for pragma in sql.CONFIGURE:
            self._conn.execute(pragma)

    def _read_version(self) -> int:
        return int(self._conn.execute(sql.SELECT_SCHEMA_VERSION).fetchone()[0])

    def _migrate(self) -> None:
        """Apply the migrations this file lacks, each in its own transaction."""
        self._conn.execute(sql.CREATE_MIGRATIONS_TABLE)
        version = self._read_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"database schema version {version} is newer than this parley supports "
                f"({SCHEMA_VERSION}); upgrade parley to use this file",
                where=self.path,
            )
        for number in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction():
                if self._read_version() >= number:  # another process got there first
                    continue
                for statement in sql.MIGRATIONS[number - 1]:
                    self._conn.execute(statement)
                self._conn.execute(sql.INSERT_MIGRATION, (number, self._now()))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._conn.execute(sql.BEGIN)
        try:
            yield
        except BaseException:
            self._conn.execute(sql.ROLLBACK)
            raise
        self._conn.execute(sql.COMMIT)

    @property
    def schema_version(self) -> int:
        with _reported(self.path, "read the schema version"):
            return self._read_version()

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- writing -----------------------------------------------------------------------

    def add(self, extraction: Extraction) -> bool:
        article = extraction.article
        where = f"{self.path}: article {article.external_id}"
        for event in extraction.events:
            if event.article_id != article.id:
                raise StoreError(
                    f"event {event.id} belongs to article {event.article_id}, "
                    f"not to {article.id}; nothing was stored",
                    where=where,
                )
        with _reported(where, "store the article (nothing was stored)"):
            with self._transaction():
                name = (article.id, article.external_id, article.source)
                if self._conn.execute(sql.ARTICLE_EXISTS, (article.id,)).fetchone():
                    self._conn.execute(sql.INSERT_ARTICLE_NAME, name)
                    return False
                self._write_new(extraction)
                return True

    def _write_new(self, extraction: Extraction) -> None:
        article = extraction.article
        cur = self._conn
        cur.execute(sql.INSERT_ARTICLE, rows.article_params(article, self._now()))
        cur.execute(sql.INSERT_ARTICLE_NAME, (article.id, article.external_id, article.source))
        cur.executemany(
            sql.INSERT_ENTITY, [rows.entity_params(article.id, p) for p in extraction.entities]
        )
        for event in extraction.events:
            cur.execute(sql.INSERT_EVENT, rows.event_params(event))
            cur.execute(sql.INSERT_MENTION, rows.mention_params(event))
            cur.executemany(sql.INSERT_PARTY, rows.party_params(event))

    def add_rejection(self, rejection: Rejection) -> None:
        params = (rejection.where, rejection.stage, rejection.reason, rejection.code)
        with _reported(self.path, f"store the rejection of {rejection.where}"):
            with self._transaction():
                self._conn.execute(sql.INSERT_REJECTION, (*params, self._now()))

    # --- reading -----------------------------------------------------------------------

    def rejections(self) -> list[Rejection]:
        with _reported(self.path, "read rejections"):
            found = self._conn.execute(sql.SELECT_REJECTIONS).fetchall()
        return [Rejection(where=w, stage=s, reason=r, code=c) for w, s, r, c in found]

    def counts(self) -> dict[str, int]:
        with _reported(self.path, "count stored records"):
            return {
                "articles": self._conn.execute(sql.COUNT_ARTICLES).fetchone()[0],
                "events": self._conn.execute(sql.COUNT_EVENTS).fetchone()[0],
                "rejections": self._conn.execute(sql.COUNT_REJECTIONS).fetchone()[0],
            }

    def events(
        self,
        *,
        between: tuple[str, str] | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[StoredEvent]:
        params = _event_filters(between=between, type=type, since=since, until=until)
        params["limit"] = _check_limit(limit)
        with _reported(self.path, "read events"):
            events = [
                rows.event_from_row(r) for r in self._conn.execute(sql.SELECT_EVENTS, params)
            ]
            mentions = self._mentions([e.id for e in events])
        return [StoredEvent(event=e, mentions=tuple(mentions.get(e.id, ()))) for e in events]

    def _mentions(self, event_ids: list[str]) -> dict[str, list[Mention]]:
        found: dict[str, list[Mention]] = {}
        if not event_ids:
            return found
        for row in self._conn.execute(sql.SELECT_MENTIONS, {"ids": json.dumps(event_ids)}):
            event_id, mention = rows.mention_from_row(row)
            found.setdefault(event_id, []).append(mention)
        return found


def _event_filters(
    *,
    between: tuple[str, str] | None,
    type: str | None,
    since: str | None,
    until: str | None,
) -> dict[str, Any]:
    """Check user-given filters and turn them into ``SELECT_EVENTS`` parameters."""
    party_a = party_b = None
    if between is not None:
        if len(between) != 2 or not all(isinstance(c, str) for c in between):
            raise ConfigError(f"expected two party codes, got {between!r}", where="between")
        party_a, party_b = between
    if type is not None and not isinstance(type, str):
        raise ConfigError(f"expected an event type name, got {type!r}", where="type")
    return {
        "type": type,
        "party_a": party_a,
        "party_b": party_b,
        "since": None if since is None else first_day(check_partial_date(since, option="since")),
        "until": None if until is None else last_day(check_partial_date(until, option="until")),
    }


def _check_limit(limit: int | None) -> int | None:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise ConfigError(f"expected a count of 0 or more, got {limit!r}", where="limit")
    return limit
