"""Every SQL statement the SQLite backend runs, and its schema as numbered migrations.

Keeping the SQL in one place lets a PostgreSQL backend mirror it statement by statement, and
lets a reviewer check that every value reaches the database as a bound parameter.  A
migration is a tuple of statements applied in one transaction; the schema version is the
number of migrations applied, recorded in ``schema_migrations``.  Never edit a released
migration: append a new one.

The brief names columns ``start``/``end``; ``END`` is reserved in SQL, so the character span
is stored as ``span_start``/``span_end``.  An event may be reported by several articles:
``events`` holds the event as first stored, ``event_mentions`` one row per reporting article.
"""

from __future__ import annotations

# WAL lets readers work during a batch; the busy timeout is set by ``connect(timeout=...)``.
CONFIGURE = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = NORMAL",
)

# IMMEDIATE takes the write lock at once, so two writers queue instead of deadlocking.
BEGIN = "BEGIN IMMEDIATE"
COMMIT = "COMMIT"
ROLLBACK = "ROLLBACK"

CREATE_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
)
"""

SELECT_SCHEMA_VERSION = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"

INSERT_MIGRATION = "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"

_MIGRATION_1 = (
    """
    CREATE TABLE articles (
        id          TEXT PRIMARY KEY,
        title       TEXT,
        source      TEXT,
        published   TEXT,
        dateline    TEXT,
        text        TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE article_names (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        external_id TEXT NOT NULL,
        source      TEXT,
        UNIQUE (article_id, external_id)
    )
    """,
    """
    CREATE TABLE entities (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        name       TEXT NOT NULL,
        role       TEXT,
        country    TEXT
    )
    """,
    """
    CREATE TABLE events (
        id               TEXT PRIMARY KEY,
        article_id       TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        type             TEXT NOT NULL,
        mode             TEXT,
        source           TEXT NOT NULL,
        target           TEXT NOT NULL,
        persons          TEXT NOT NULL,
        topics           TEXT NOT NULL,
        date             TEXT,
        planned_for      TEXT,
        location         TEXT,
        location_country TEXT,
        evidence         TEXT NOT NULL,
        sentence_index   INTEGER NOT NULL,
        span_start       INTEGER NOT NULL,
        span_end         INTEGER NOT NULL,
        rule             TEXT NOT NULL,
        confidence       REAL NOT NULL,
        explanation      TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE event_mentions (
        seq            INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id       TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        evidence       TEXT NOT NULL,
        sentence_index INTEGER NOT NULL,
        span_start     INTEGER NOT NULL,
        span_end       INTEGER NOT NULL,
        UNIQUE (event_id, article_id)
    )
    """,
    """
    CREATE TABLE event_parties (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        code     TEXT NOT NULL,
        side     TEXT NOT NULL CHECK (side IN ('source', 'target')),
        PRIMARY KEY (event_id, code, side)
    )
    """,
    """
    CREATE TABLE rejections (
        seq    INTEGER PRIMARY KEY AUTOINCREMENT,
        origin TEXT NOT NULL,
        stage  TEXT NOT NULL,
        reason TEXT NOT NULL,
        code   TEXT NOT NULL,
        at     TEXT NOT NULL,
        UNIQUE (origin, stage, reason, code)
    )
    """,
    "CREATE INDEX idx_events_type ON events (type)",
    "CREATE INDEX idx_events_date ON events (date)",
    "CREATE INDEX idx_events_article ON events (article_id)",
    "CREATE INDEX idx_event_parties_code ON event_parties (code, event_id)",
    "CREATE INDEX idx_event_mentions_article ON event_mentions (article_id)",
    "CREATE INDEX idx_entities_article ON entities (article_id)",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_MIGRATION_1,)

# --- writing ---------------------------------------------------------------------------

ARTICLE_EXISTS = "SELECT 1 FROM articles WHERE id = ?"

INSERT_ARTICLE = """
INSERT INTO articles (id, title, source, published, dateline, text, ingested_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
"""

INSERT_ARTICLE_NAME = """
INSERT INTO article_names (article_id, external_id, source) VALUES (?, ?, ?)
ON CONFLICT (article_id, external_id) DO NOTHING
"""

INSERT_ENTITY = "INSERT INTO entities (article_id, name, role, country) VALUES (?, ?, ?, ?)"

# ON CONFLICT on the id only: a repeated event is skipped, but a NULL or a broken foreign key
# still fails the whole article (INSERT OR IGNORE would silently drop such rows).
INSERT_EVENT = """
INSERT INTO events (
    id, article_id, type, mode, source, target, persons, topics, date, planned_for,
    location, location_country, evidence, sentence_index, span_start, span_end, rule,
    confidence, explanation
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING
"""

INSERT_MENTION = """
INSERT INTO event_mentions (
    event_id, article_id, evidence, sentence_index, span_start, span_end
) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (event_id, article_id) DO NOTHING
"""

INSERT_PARTY = """
INSERT INTO event_parties (event_id, code, side) VALUES (?, ?, ?)
ON CONFLICT (event_id, code, side) DO NOTHING
"""

INSERT_REJECTION = """
INSERT INTO rejections (origin, stage, reason, code, at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (origin, stage, reason, code) DO NOTHING
"""

# --- reading ---------------------------------------------------------------------------

SELECT_REJECTIONS = "SELECT origin, stage, reason, code FROM rejections ORDER BY seq"

COUNT_ARTICLES = "SELECT COUNT(*) FROM articles"
COUNT_EVENTS = "SELECT COUNT(*) FROM events"
COUNT_REJECTIONS = "SELECT COUNT(*) FROM rejections"

# Every filter is always present and switched off by a NULL parameter, so the statement
# text never depends on user input.  The effective date is the event's own date, else the
# earliest publication date among the articles reporting it (cut to a day, in case a
# reader kept a time of day).
SELECT_EVENTS = """
WITH dated AS (
    SELECT e.*,
           substr(COALESCE(e.date, (
               SELECT MIN(a.published)
               FROM event_mentions m JOIN articles a ON a.id = m.article_id
               WHERE m.event_id = e.id
           )), 1, 10) AS effective
    FROM events e
)
SELECT id, article_id, type, mode, source, target, persons, topics, date, planned_for,
       location, location_country, evidence, sentence_index, span_start, span_end, rule,
       confidence, explanation
FROM dated d
WHERE (:type IS NULL OR d.type = :type)
  AND (:party_a IS NULL OR EXISTS (
        SELECT 1 FROM event_parties p WHERE p.event_id = d.id AND p.code = :party_a))
  AND (:party_b IS NULL OR EXISTS (
        SELECT 1 FROM event_parties p WHERE p.event_id = d.id AND p.code = :party_b))
  AND (:since IS NULL OR (d.effective IS NOT NULL AND
        CASE length(d.effective)
            WHEN 4 THEN d.effective || '-12-31'
            WHEN 7 THEN d.effective || '-31'
            ELSE d.effective
        END >= :since))
  AND (:until IS NULL OR (d.effective IS NOT NULL AND
        d.effective || substr('-01-01', 1, 10 - length(d.effective)) <= :until))
ORDER BY d.effective IS NULL, d.effective, d.id
LIMIT COALESCE(:limit, -1)
"""

# Mentions of a batch of events, passed as one JSON array parameter (no placeholder lists).
# ``external_id`` is the first name the article was stored under.
SELECT_MENTIONS = """
SELECT m.event_id, m.article_id,
       (SELECT n.external_id FROM article_names n
        WHERE n.article_id = m.article_id ORDER BY n.seq LIMIT 1) AS external_id,
       a.published, m.evidence, m.sentence_index, m.span_start, m.span_end
FROM event_mentions m JOIN articles a ON a.id = m.article_id
WHERE m.event_id IN (SELECT value FROM json_each(:ids))
ORDER BY m.event_id, a.published IS NULL, a.published, m.seq
"""
