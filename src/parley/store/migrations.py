"""Numbered schema migrations: the schema version is how many of them a database has had.

Each migration is a function run in its own write transaction, recorded in
``schema_migrations``; a released migration is never edited, only followed by a new one.
Migration 1 is the first store's schema: its event tables are frozen here as shipped, and
the four tables no later migration changed (articles, their names, entities, rejections)
are taken from ``schema``; a migration that changes one of those must freeze its old form
here first.  Migration 2 moves the version-1 events into ``mentions`` (one per article
report) and creates the fused ``events``, ``event_parties`` and ``corrections`` tables.  Moved mentions are left unfused
(``event_id`` NULL); the store fuses pending mentions whenever it opens.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import (
    Column,
    Connection,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    func,
    insert,
    select,
)

from ..fuse import block_key
from ..model import Event
from . import schema

# --- migration 1: the first schema, frozen -------------------------------------------------

_v1 = MetaData()
for _unchanged in (schema.articles, schema.article_names, schema.entities, schema.rejections):
    _unchanged.to_metadata(_v1)
_v1_events = Table(
    "events",
    _v1,
    Column("id", Text, primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("type", Text, nullable=False),
    Column("mode", Text),
    Column("source", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("persons", Text, nullable=False),
    Column("topics", Text, nullable=False),
    Column("date", Text),
    Column("planned_for", Text),
    Column("location", Text),
    Column("location_country", Text),
    Column("evidence", Text, nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("rule", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("explanation", Text, nullable=False),
)
_v1_mentions = Table(
    "event_mentions",
    _v1,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Text, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    UniqueConstraint("event_id", "article_id"),
)
_v1_parties = Table(
    "event_parties",
    _v1,
    Column("event_id", Text, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("code", Text, nullable=False),
    Column("side", Text, nullable=False),
    PrimaryKeyConstraint("event_id", "code", "side"),
)


def _migration_1(conn: Connection) -> None:
    _v1.create_all(conn)


# --- migration 2: mentions, fused events, corrections --------------------------------------


def _v1_mention_rows(conn: Connection) -> list[dict[str, object]]:
    """Every (event, reporting article) of a version-1 store as a ``mentions`` row."""
    e, m = _v1_events.c, _v1_mentions.c
    query = (
        select(
            _v1_events,
            m.article_id.label("reporter"),
            m.evidence.label("said"),
            m.sentence_index.label("said_at"),
            m.span_start.label("from_"),
            m.span_end.label("to_"),
        )
        .join(_v1_mentions, m.event_id == e.id)
        .order_by(m.seq)
    )
    found = []
    for row in conn.execute(query).mappings():
        own = row["reporter"] == row["article_id"]
        kind = Event(
            row["id"],
            row["reporter"],
            row["type"],
            row["mode"],
            tuple(json.loads(row["source"])),
            tuple(json.loads(row["target"])),
        )
        found.append(
            {
                **{
                    c.name: row[c.name]
                    for c in _v1_events.columns
                    if c.name not in ("id", "article_id")
                },
                "id": row["id"] if own else f"{row['id']}@{row['reporter']}",
                "article_id": row["reporter"],
                "evidence": row["said"],
                "sentence_index": row["said_at"],
                "span_start": row["from_"],
                "span_end": row["to_"],
                "block": block_key(kind),
                "cameo": None,
                "score": None,
            }
        )
    return found


def _migration_2(conn: Connection) -> None:
    moved = _v1_mention_rows(conn)
    for table in (_v1_parties, _v1_mentions, _v1_events):
        table.drop(conn)
    for table in schema.V2_TABLES:
        table.create(conn)
    if moved:
        conn.execute(insert(schema.mentions), moved)


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_migration_1, _migration_2)
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    """How many migrations the database has had (0 for a new one)."""
    found = conn.execute(select(func.coalesce(func.max(schema.schema_migrations.c.version), 0)))
    return int(found.scalar_one())


def apply_migration(conn: Connection, number: int, applied_at: str) -> None:
    """Run migration ``number`` unless another process already did, and record it."""
    if current_version(conn) >= number:
        return
    MIGRATIONS[number - 1](conn)
    conn.execute(insert(schema.schema_migrations).values(version=number, applied_at=applied_at))
