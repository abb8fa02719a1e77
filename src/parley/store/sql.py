"""The store on SQLAlchemy Core: SQLite by default, PostgreSQL by URL, one code path.

Every write is one transaction: an article with its entities, its mentions and the re-fused
events of the fusion components they touch (``fusing``) is stored whole or not at all.  Known articles (same content
hash) only gain the extra name, so re-ingesting changes nothing; ``replace=True`` swaps in a
new extraction of a known article (re-extraction), keeping the ids, order and corrections
of the events that are still there.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from functools import partial
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, inspect, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL

from ..errors import ConfigError, StoreError
from ..fuse import Report, block_key, time_key
from ..model import Article, Event, Extraction, Person, Rejection, StoredEvent
from . import rows
from .corrections import Correction, check_changes, check_mode, correction_from_row
from .engine import Database
from .fusing import (
    Change,
    corrections_for,
    pending_blocks,
    refuse_blocks_anew,
    refuse_mention,
    settle,
)
from .migrations import SCHEMA_VERSION, apply_migration, current_version
from .pairs import PairGroup, PairTally, pair_groups, pair_sizes, pair_tallies
from .reads import Position, event_holding, select_event, select_events, stored_events
from .schema import (
    article_names,
    articles,
    corrections,
    entities,
    events,
    mentions,
    rejections,
    schema_migrations,
)


_ADD_MENTION = insert(mentions)
_OLD_MENTIONS = select(
    mentions.c.id, mentions.c.block, mentions.c.component, mentions.c.event_id
).where(mentions.c.article_id == bindparam("article_id"))


def _check_not_taken(conn: Connection, article_id: str, ids: list[str], where: str) -> None:
    """Refuse event ids another article's mentions already have (ids must be global)."""
    taken = conn.execute(
        select(mentions.c.id).where(mentions.c.id.in_(ids), mentions.c.article_id != article_id)
    ).first()
    if taken is not None:
        raise StoreError(f"event id {taken[0]} is already stored for another article", where=where)


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _insert_ignoring(
    conn: Connection, table: Any, keys: list[str], values: list[dict[str, Any]]
) -> None:
    """Insert rows, skipping those that repeat a unique key (``ON CONFLICT DO NOTHING``)."""
    if not values:
        return
    make = sqlite_insert if conn.dialect.name == "sqlite" else pg_insert
    conn.execute(make(table).on_conflict_do_nothing(index_elements=keys), values)


def _migrate(conn: Connection, *, number: int, now: Callable[[], str]) -> None:
    apply_migration(conn, number, now())


def _version(conn: Connection) -> int:
    if not inspect(conn).has_table(schema_migrations.name):
        return 0
    return current_version(conn)


class SqlStore:
    """A Store in a SQL database: a SQLite file (or ``:memory:``) or a PostgreSQL database."""

    def __init__(self, url: URL, *, now: Callable[[], str] = _utc_now) -> None:
        self._db = Database(url)
        self._now = now
        self.where = self._db.where
        try:
            self._prepare()
        except BaseException:
            self._db.close()
            raise

    # --- lifecycle ---------------------------------------------------------------------

    def _prepare(self) -> None:
        """Migrate to the current schema, then fuse any mentions not yet in an event."""
        version = self._db.read(_version, "read the schema version")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"database schema version {version} is newer than this parley supports "
                f"({SCHEMA_VERSION}); upgrade parley to use this database",
                where=self.where,
            )
        if version < SCHEMA_VERSION:
            self._db.write(
                lambda c: schema_migrations.create(c, checkfirst=True), "prepare the database"
            )
        for number in range(version + 1, SCHEMA_VERSION + 1):
            self._db.write(partial(_migrate, number=number, now=self._now), f"apply migration {number}")
        if self._db.read(pending_blocks, "look for unfused mentions"):
            self._db.write(
                lambda c: refuse_blocks_anew(c, pending_blocks(c)), "fuse stored mentions"
            )

    @property
    def schema_version(self) -> int:
        return self._db.read(_version, "read the schema version")

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._db.dialect

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- writing -----------------------------------------------------------------------

    def add(self, extraction: Extraction, *, replace: bool = False) -> bool:
        article = extraction.article
        where = f"{self.where}: article {article.external_id}"
        for event in extraction.events:
            if event.article_id != article.id:
                raise StoreError(
                    f"event {event.id} belongs to article {event.article_id}, "
                    f"not to {article.id}; nothing was stored",
                    where=where,
                )
        rows.check_storable(extraction, where)
        return self._db.write(
            lambda conn: self._add(conn, extraction, replace, where),
            "store the article (nothing was stored)",
            where,
        )

    def _add(self, conn: Connection, extraction: Extraction, replace: bool, where: str) -> bool:
        article = extraction.article
        name = {
            "article_id": article.id,
            "external_id": article.external_id,
            "source": article.source,
        }
        known = conn.execute(select(articles.c.id).where(articles.c.id == article.id)).first()
        if known is None:
            conn.execute(insert(articles).values(rows.article_values(article, self._now())))
        _insert_ignoring(conn, article_names, ["article_id", "external_id"], [name])
        if known is not None and not replace:
            return False
        conn.execute(delete(entities).where(entities.c.article_id == article.id))
        people = [rows.entity_values(article.id, p) for p in extraction.entities]
        if people:
            conn.execute(insert(entities), people)
        settle(conn, self._put_mentions(conn, article.id, extraction.events, where))
        return True

    def _put_mentions(
        self, conn: Connection, article_id: str, found: Sequence[Event], where: str
    ) -> Change:
        """Make the article's mentions exactly ``found``; what must be re-fused."""
        fresh = {e.id: e for e in reversed(found)}  # a repeated id keeps its first event
        _check_not_taken(conn, article_id, list(fresh), where)
        published = conn.execute(
            select(articles.c.published).where(articles.c.id == article_id)
        ).scalar_one()
        old = {row.id: row for row in conn.execute(_OLD_MENTIONS, {"article_id": article_id})}
        gone = [mention_id for mention_id in old if mention_id not in fresh]
        for chunk in rows.chunks(gone):
            conn.execute(delete(mentions).where(mentions.c.id.in_(chunk)))
        written: dict[str, tuple[str, Report]] = {}
        added = []
        for event in found:
            if fresh.get(event.id) is not event:
                continue
            block, report = block_key(event), Report(event, published=published)
            values = rows.mention_values(event, block, time_key=time_key(report))
            if event.id in old:
                conn.execute(
                    update(mentions)
                    .where(mentions.c.id == event.id)
                    .values(**values, event_id=None, link=None)
                )
            else:
                added.append(values)
            written[event.id] = (block, report)
        for values in added:  # one by one: ``seq`` must follow the extraction's order
            conn.execute(_ADD_MENTION, values)
        return Change(
            fresh=written,
            left=frozenset((r.block, r.component) for r in old.values() if r.component),
            stale=frozenset(r.event_id for r in old.values() if r.event_id),
        )

    def add_rejection(self, rejection: Rejection) -> None:
        values = {
            "origin": rejection.where,
            "stage": rejection.stage,
            "reason": rejection.reason,
            "code": rejection.code,
            "at": self._now(),
        }
        self._db.write(
            lambda conn: _insert_ignoring(
                conn, rejections, ["origin", "stage", "reason", "code"], [values]
            ),
            f"store the rejection of {rejection.where}",
        )

    def correct(
        self, event_id: str, *, set: Mapping[str, str] | None = None, reject: bool = False
    ) -> StoredEvent:
        changes = check_changes(set)
        if not changes and not reject:
            raise ConfigError(
                "nothing to correct: give field=value changes or reject", where=event_id
            )
        return self._db.write(
            lambda conn: self._correct(conn, event_id, changes, reject), f"correct event {event_id}"
        )

    def _correct(
        self, conn: Connection, event_id: str, changes: list[tuple[str, Any]], reject: bool
    ) -> StoredEvent:
        known = conn.execute(
            select(mentions.c.id).where(mentions.c.id == event_id)
        ).scalar_one_or_none()
        if known is None:
            raise StoreError(f"no stored event has the id {event_id!r}", where=self.where)
        at = self._now()
        values = [
            {
                "event_id": event_id,
                "field": field,
                "value": json.dumps(value, ensure_ascii=False),
                "reject": False,
                "at": at,
            }
            for field, value in changes
        ]
        if reject:
            values.append(
                {"event_id": event_id, "field": None, "value": None, "reject": True, "at": at}
            )
        conn.execute(insert(corrections), values)
        refuse_mention(conn, event_id)
        [corrected] = stored_events(conn, select_event(event_holding(conn, event_id) or ""))
        check_mode(corrected.event)  # a bad mode rolls the correction back
        return corrected

    # --- reading -----------------------------------------------------------------------

    def rejections(self) -> list[Rejection]:
        query = select(rejections).order_by(rejections.c.seq)
        found = self._db.read(lambda conn: list(conn.execute(query).mappings()), "read rejections")
        return [
            Rejection(where=r["origin"], stage=r["stage"], reason=r["reason"], code=r["code"])
            for r in found
        ]

    def articles(self, *, latest: int | None = None) -> list[Article]:
        """Every stored article (or the ``latest`` N), under the first name it was stored by, oldest first."""
        first = (
            select(article_names.c.external_id)
            .where(article_names.c.article_id == articles.c.id)
            .order_by(article_names.c.seq)
            .limit(1)
            .scalar_subquery()
        )
        query = select(articles, first.label("external_id")).order_by(
            articles.c.ingested_at.desc(), articles.c.id.desc()
        )
        if latest is not None:
            query = query.limit(latest)
        found = self._db.read(lambda conn: list(conn.execute(query).mappings()), "read articles")
        return [rows.article_from_row(row) for row in reversed(found)]

    def entities(self) -> list[tuple[str, Person, str | None]]:
        """Every stored person as (article id, person, the article's publication date)."""
        query = (
            select(entities, articles.c.published)
            .join(articles, articles.c.id == entities.c.article_id)
            .order_by(entities.c.article_id)
        )
        found = self._db.read(lambda conn: list(conn.execute(query).mappings()), "read entities")
        return [
            (r["article_id"], Person(r["name"], r["role"], r["country"]), r["published"])
            for r in found
        ]

    def counts(self) -> dict[str, int]:
        tables = {
            "articles": articles,
            "events": events,
            "mentions": mentions,
            "rejections": rejections,
            "corrections": corrections,
        }

        def count(conn: Connection) -> dict[str, int]:
            return {
                name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
                for name, table in tables.items()
            }

        return self._db.read(count, "count stored records")

    def events(
        self,
        *,
        between: tuple[str, str] | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        include_rejected: bool = False,
        after: Position | None = None,
        newest: bool = False,
    ) -> list[StoredEvent]:
        query = select_events(
            between=between,
            type=type,
            since=since,
            until=until,
            limit=limit,
            include_rejected=include_rejected,
            after=after,
            newest=newest,
        )
        return self._db.read(lambda conn: stored_events(conn, query), "read events")

    def event(self, event_id: str) -> StoredEvent:
        def find(conn: Connection) -> StoredEvent:
            holder = event_holding(conn, event_id)
            if holder is None:
                raise StoreError(f"no stored event has the id {event_id!r}", where=self.where)
            [found] = stored_events(conn, select_event(holder))
            return found

        return self._db.read(find, f"read event {event_id}")

    def pair_tallies(self, a: str, b: str) -> list[PairTally]:
        return self._db.read(lambda conn: pair_tallies(conn, a, b), f"count the events of {a}-{b}")

    def pair_sizes(self) -> list[tuple[str, str, int]]:
        return self._db.read(pair_sizes, "count the events of every pair")

    def pair_groups(self, a: str, b: str) -> list[PairGroup]:
        return self._db.read(lambda conn: pair_groups(conn, a, b), f"count the events of {a}-{b}")

    def corrections(self, event_id: str | None = None) -> list[Correction]:
        def find(conn: Connection) -> list[Correction]:
            if event_id is None:
                query = select(corrections).order_by(corrections.c.seq)
                return [correction_from_row(r) for r in conn.execute(query).mappings()]
            holder = event_holding(conn, event_id)
            members = select(mentions.c.id).where(mentions.c.event_id == holder)
            return corrections_for(conn, [m for (m,) in conn.execute(members)])

        return self._db.read(find, "read corrections")


# The name the first store had; kept so existing imports keep working.
SqliteStore = SqlStore
