"""Numbered schema migrations: the schema version is how many of them a database has had.

Each migration is a function run in its own write transaction, recorded in
``schema_migrations``; a released migration is never edited, only followed by a new one.
Migration 1 is the first store's schema: its event tables are frozen here as shipped, and
the four tables no later migration changed (articles, their names, entities, rejections)
are taken from ``schema``; a migration that changes one of those must freeze its old form
here first.  Migration 2 moves the version-1 events into ``mentions`` (one per article
report) and creates the fused ``events``, ``event_parties`` and ``corrections`` tables.  Moved mentions are left unfused
(``event_id`` NULL); the store fuses pending mentions whenever it opens.  The ``mentions`` and
``events`` it created are frozen here, since migration 3 changed them.

Migration 3 keeps fusion and dyad reads local as a store grows: mentions gain a time key and
a fusion component, events an integer key and their mentions as shown, and ``event_pairs``
indexes every event by each pair of its parties.  Events are derived data (from mentions and
corrections), so it recreates their tables empty and marks every mention unfused: the store
re-fuses them, block by block, the next time it opens (ids stay: they come from the
mentions).  A later migration that changes ``events``, ``event_parties`` or ``event_pairs``
must freeze their version-3 form here first (``event_pairs``' is).

Migration 4 adds each pair row's place in the reading order (``unplaced``, ``placed``) and
an index by pair in that order, so a timeline page reads only its own rows.  It fills them
from ``events`` in place: nothing is re-fused.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Double,
    Float,
    Index,
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
    text,
    update,
)

from sqlalchemy.schema import CreateColumn

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

_v2 = MetaData()
schema.articles.to_metadata(_v2)
_Key = schema.Key


def _v2_event_columns() -> list[Column]:
    return [
        Column("type", _Key, nullable=False),
        Column("mode", _Key),
        Column("source", Text, nullable=False),
        Column("target", Text, nullable=False),
        Column("persons", Text, nullable=False),
        Column("topics", Text, nullable=False),
        Column("date", _Key),
        Column("planned_for", _Key),
        Column("location", Text),
        Column("location_country", _Key),
        Column("evidence", Text, nullable=False),
        Column("sentence_index", Integer, nullable=False),
        Column("span_start", BigInteger, nullable=False),
        Column("span_end", BigInteger, nullable=False),
        Column("rule", Text, nullable=False),
        Column("confidence", Double, nullable=False),
        Column("cameo", _Key),
        Column("score", Double),
        Column("explanation", Text, nullable=False),
    ]


_v2_mentions = Table(
    "mentions",
    _v2,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", _Key, nullable=False, unique=True),
    Column("article_id", _Key, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("block", _Key, nullable=False),
    Column("event_id", _Key),
    Column("link", Text),
    *_v2_event_columns(),
    Index("idx_mentions_block", "block"),
    Index("idx_mentions_event", "event_id"),
    Index("idx_mentions_article", "article_id"),
)
_v2_events = Table(
    "events",
    _v2,
    Column("id", _Key, primary_key=True),
    Column("block", _Key, nullable=False),
    Column("article_id", _Key, nullable=False),
    *_v2_event_columns(),
    Column("corroboration", Integer, nullable=False),
    Column("rejected", Boolean, nullable=False),
    Column("effective", _Key),
    Column("effective_first", _Key),
    Column("effective_last", _Key),
    Index("idx_events_block", "block"),
    Index("idx_events_type", "type"),
    Index("idx_events_effective", "effective"),
)
# Created by migration 2, in this order (parents first).
_V2_TABLES = (_v2_mentions, _v2_events, schema.event_parties, schema.corrections)


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
    for table in _V2_TABLES:
        table.create(conn)
    if moved:
        conn.execute(insert(_v2_mentions), moved)


# --- migration 3: local fusion, reports on events, the pair index --------------------------

_V3_COLUMNS = ((schema.mentions, "time_key"), (schema.mentions, "component"))
_V3_INDEXES = ("idx_mentions_time", "idx_mentions_component")


def _add_column(conn: Connection, table: Table, name: str) -> None:
    """``ALTER TABLE … ADD COLUMN`` for a column of the current schema (names are ours, not input)."""
    kind = table.c[name].type.compile(dialect=conn.dialect)
    conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {name} {kind}"))


# ``event_pairs`` as migration 3 created it (migration 4 adds the reading-order columns).
_v3 = MetaData()
for _table in (schema.events, schema.event_parties):
    _table.to_metadata(_v3)
_v3_pairs = Table(
    "event_pairs",
    _v3,
    Column("event_id", schema.Key, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("code_a", schema.Key, nullable=False),
    Column("code_b", schema.Key, nullable=False),
    Column("rejected", Boolean, nullable=False),
    Column("month", schema.Key),
    Column("kind", schema.Key, nullable=False),
    Column("event_seq", schema.Seq, nullable=False),
    PrimaryKeyConstraint("event_id", "code_a", "code_b"),
    Index(
        "idx_event_pairs_dyad",
        "code_a", "code_b", "rejected", "month", "kind", "event_id", "event_seq",
    ),  # fmt: skip
)


def _migration_3(conn: Connection) -> None:
    for table, name in _V3_COLUMNS:
        _add_column(conn, table, name)
    next(i for i in _v2_mentions.indexes if i.name == "idx_mentions_block").drop(conn)
    for index in schema.mentions.indexes:
        if index.name in _V3_INDEXES:
            index.create(conn)
    # Events are rebuilt from mentions at the next open; their table gains an integer key.
    schema.event_parties.drop(conn)
    _v2_events.drop(conn)
    for table in (schema.events, schema.event_parties, _v3_pairs):
        table.create(conn)
    conn.execute(update(schema.mentions).values(event_id=None, link=None, component=None))


# --- migration 4: the pair index in reading order, for paged timelines ---------------------


def _migration_4(conn: Connection) -> None:
    """Give every pair row its event's place in the reading order, then index by it."""
    pairs = schema.event_pairs
    for name in ("unplaced", "placed"):
        column = CreateColumn(pairs.c[name]).compile(dialect=conn.dialect)
        conn.execute(text(f"ALTER TABLE {pairs.name} ADD COLUMN {column}"))
    effective = select(schema.events.c.effective).where(
        schema.events.c.seq == pairs.c.event_seq
    )
    conn.execute(
        update(pairs).values(
            unplaced=effective.scalar_subquery().is_(None),
            placed=func.coalesce(effective.scalar_subquery(), ""),
        )
    )
    next(i for i in pairs.indexes if i.name == "idx_event_pairs_timeline").create(conn)


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (
    _migration_1,
    _migration_2,
    _migration_3,
    _migration_4,
)
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
