"""The store's tables as they are now (schema version 4), in SQLAlchemy Core.

One definition serves SQLite and PostgreSQL.  Reports and events are kept apart:

* ``mentions``: every event as an article reported it, exactly as extracted, with the
  fusion block it belongs to, the fused event it is part of (``event_id``) and why it
  joined (``link``).  Re-fusing never loses anything, because nothing here is merged.
  ``time_key`` and ``component`` keep fusion local (``parley.fuse.locality``): a new report
  finds the reports it could fuse with by time key, and only their components are re-fused.
* ``events``: one row per happening, rebuilt from its mentions and the analysts'
  ``corrections`` whenever either changes; readers filter and sort on it directly, so
  every read shows corrected fields.  ``effective*`` are the event's date (else its earliest
  report's) and the first and last day it can stand for, for the period filters.  A read
  needs no second query for the mentions: an event reported once shows its own provenance
  with the name and publication date of its article (``lead_*``); one reported more often
  keeps its mentions as readers see them in ``reports`` (JSON).
* ``event_pairs``: one row per event and pair of its parties, with the month and the few
  fields a dyad's monthly index counts by (``kind``, JSON), so a dyad's timeline and index are
  one range of one index however big the store (``pairs``).  ``event_seq`` is the event's
  integer key, so the timeline reaches each event row in one lookup rather than two.
  ``unplaced`` (no effective date) and ``placed`` (that date, ``""`` when unplaced) put a
  pair's events in reading order in a second index, so a page of a timeline is the next
  ``limit`` entries of it after the last one shown (schema version 4).
* ``corrections``: analysts' fixes, keyed by a mention id (every event id is one), never
  touched by ingest, so they survive re-ingest, re-extraction and re-fusion.

Lists (codes, names, topics) are JSON text: read back whole, never searched inside (dyad
queries use ``event_parties``).  Columns that are compared or sorted use the byte-order
"C" collation on PostgreSQL, so both backends order ids and dates alike.  The character
span is ``span_start``/``span_end`` because ``END`` is reserved in SQL.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.dialects.postgresql import TEXT as PG_TEXT

Key = Text().with_variant(PG_TEXT(collation="C"), "postgresql")
# Events are rewritten whenever they change, so their integer key runs high: 64 bits, and on
# SQLite exactly INTEGER, which makes it the rowid (one lookup to reach a row).
Seq = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Key, primary_key=True),
    Column("title", Text),
    Column("source", Text),
    Column("published", Key),
    Column("dateline", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", Text, nullable=False),
)

article_names = Table(
    "article_names",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Key, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("external_id", Text, nullable=False),
    Column("source", Text),
    UniqueConstraint("article_id", "external_id"),
)

entities = Table(
    "entities",
    metadata,
    Column("article_id", Key, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("role", Text),
    Column("country", Text),
    Index("idx_entities_article", "article_id"),
)

rejections = Table(
    "rejections",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False),
    Column("stage", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("code", Text, nullable=False),
    Column("at", Text, nullable=False),
    UniqueConstraint("origin", "stage", "reason", "code"),
)


def _event_columns() -> list[Column]:
    """The fields of an Event, shared by ``mentions`` (as reported) and ``events`` (fused)."""
    return [
        Column("type", Key, nullable=False),
        Column("mode", Key),
        Column("source", Text, nullable=False),
        Column("target", Text, nullable=False),
        Column("persons", Text, nullable=False),
        Column("topics", Text, nullable=False),
        Column("date", Key),
        Column("planned_for", Key),
        Column("location", Text),
        Column("location_country", Key),
        Column("evidence", Text, nullable=False),
        Column("sentence_index", Integer, nullable=False),
        Column("span_start", BigInteger, nullable=False),
        Column("span_end", BigInteger, nullable=False),
        Column("rule", Text, nullable=False),
        Column("confidence", Double, nullable=False),
        Column("cameo", Key),
        Column("score", Double),
        Column("explanation", Text, nullable=False),
    ]


mentions = Table(
    "mentions",
    metadata,
    Column("seq", Seq, primary_key=True, autoincrement=True),
    Column("id", Key, nullable=False, unique=True),
    Column("article_id", Key, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("block", Key, nullable=False),
    Column("event_id", Key),
    Column("link", Text),
    *_event_columns(),
    Column("time_key", Key),
    Column("component", Key),
    Index("idx_mentions_event", "event_id"),
    Index("idx_mentions_article", "article_id"),
    Index("idx_mentions_time", "block", "time_key"),
    Index("idx_mentions_component", "block", "component"),
)

events = Table(
    "events",
    metadata,
    Column("seq", Seq, primary_key=True, autoincrement=True),
    Column("id", Key, nullable=False, unique=True),
    Column("block", Key, nullable=False),
    Column("article_id", Key, nullable=False),
    *_event_columns(),
    Column("corroboration", Integer, nullable=False),
    Column("rejected", Boolean, nullable=False),
    Column("effective", Key),
    Column("effective_first", Key),
    Column("effective_last", Key),
    Column("reports", Text),
    Column("lead_name", Text),
    Column("lead_published", Key),
    Index("idx_events_block", "block"),
    Index("idx_events_type", "type"),
    Index("idx_events_effective", "effective"),
)

event_parties = Table(
    "event_parties",
    metadata,
    Column("event_id", Key, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("code", Key, nullable=False),
    Column("side", Key, nullable=False),
    PrimaryKeyConstraint("event_id", "code", "side"),
    CheckConstraint("side IN ('source', 'target')", name="ck_event_parties_side"),
    Index("idx_event_parties_code", "code", "event_id"),
)

corrections = Table(
    "corrections",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Key, nullable=False),
    Column("field", Text),
    Column("value", Text),
    Column("reject", Boolean, nullable=False),
    Column("at", Text, nullable=False),
    Index("idx_corrections_event", "event_id"),
)

event_pairs = Table(
    "event_pairs",
    metadata,
    Column("event_id", Key, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("code_a", Key, nullable=False),
    Column("code_b", Key, nullable=False),
    Column("rejected", Boolean, nullable=False),
    Column("month", Key),
    Column("kind", Key, nullable=False),
    Column("event_seq", Seq, nullable=False),
    Column("unplaced", Boolean, nullable=False, server_default=false()),
    Column("placed", Key, nullable=False, server_default=""),
    PrimaryKeyConstraint("event_id", "code_a", "code_b"),
    Index(
        "idx_event_pairs_dyad",
        "code_a",
        "code_b",
        "rejected",
        "month",
        "kind",
        "event_id",
        "event_seq",
    ),
    Index(
        "idx_event_pairs_timeline",
        "code_a",
        "code_b",
        "unplaced",
        "placed",
        "event_id",
        "rejected",
        "event_seq",
    ),
)
