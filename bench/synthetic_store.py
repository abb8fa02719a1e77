"""A SQLite store of many synthetic events, loaded in bulk, for query-latency figures.

``Store.add`` stores one article per transaction and re-fuses the blocks it touches, which is
right for ingest and far too slow to fill a store with a million events for a benchmark.
This loader writes the same rows the store would write for events that fuse with nothing
(each mention its own event and its own fusion component, corroboration 1) straight into the
schema the store created:

1. ``open_store`` creates and migrates an empty database (so the schema is the store's own);
2. the indexes are dropped, rows are inserted with ``executemany`` in one transaction, with
   values built by the store's own row helpers (``parley.store.rows``, ``parley.store.pairs``,
   ``fuse.block_key``, ``fuse.time_key``);
3. the indexes are recreated from their saved definitions, and the store is opened again to
   check that it accepts the result (nothing left unfused).

Parties follow a Zipf law over a fixed list of codes, so some dyads are busy and most are
sparse, as in real news; dates spread over 2000–2025 with some month-only and undated events.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley.fuse import Report, block_key, time_key
from parley.model import Event
from parley.store import open_store, rows
from parley.store.pairs import pair_values
from parley.store.periods import first_day, last_day

CODES = (
    "USA", "CHN", "RUS", "GBR", "FRA", "DEU", "IND", "PAK", "JPN", "IRN", "ISR", "TUR", "UKR", "SAU", "KOR", "PRK",
    "BRA", "EGY", "AFG", "IRQ", "SYR", "ITA", "CAN", "AUS", "MEX", "IDN", "ZAF", "NGA", "KAZ", "QAT", "ARE", "POL",
    "ESP", "VNM", "PHL", "THA", "MYS", "BGD", "LKA", "NPL", "ETH", "KEN", "SDN", "LBY", "DZA", "MAR", "JOR", "LBN",
    "AZE", "ARM", "GEO", "BLR", "SRB", "HUN", "GRC", "NLD", "BEL", "SWE", "NOR", "FIN", "ARG", "CHL", "COL", "VEN",
    "CUB", "UZB", "TKM", "KGZ", "TJK", "MNG", "MMR", "KHM", "SGP", "NZL", "EU", "UN", "AU", "SCO", "ASEAN",
)
TYPES = {"CONSULT": 30, "AGREE": 20, "SUPPORT": 10, "COOPERATE": 8, "ACCUSE": 8, "REQUEST": 6,
         "REJECT": 4, "SANCTION": 4, "THREATEN": 3, "AID": 3, "PROTEST": 2, "ASSAULT": 2}
EVENTS_PER_ARTICLE = 5
CHUNK = 20_000
TABLES = ("articles", "article_names", "mentions", "events", "event_parties", "event_pairs")


@dataclass(frozen=True)
class BuildReport:
    events: int
    articles: int
    seconds: float
    size_mb: float


class _Maker:
    """Deterministic synthetic events (seeded), each a plausible guideline record."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        weights = [1 / (rank + 1) for rank in range(len(CODES))]
        self.cum_codes = [sum(weights[: i + 1]) for i in range(len(weights))]
        type_weights = list(TYPES.values())
        self.cum_types = [sum(type_weights[: i + 1]) for i in range(len(type_weights))]

    def date(self) -> str | None:
        roll = self.random.random()
        if roll < 0.05:
            return None
        year = self.random.randint(2000, 2025)
        month = self.random.randint(1, 12)
        if roll < 0.15:
            return f"{year}-{month:02d}"
        return f"{year}-{month:02d}-{self.random.randint(1, 28):02d}"

    def event(self, number: int, article_id: str, sentence: int) -> Event:
        source, target = self.random.choices(CODES, cum_weights=self.cum_codes, k=2)
        while target == source:
            target = self.random.choices(CODES, cum_weights=self.cum_codes)[0]
        [type_] = self.random.choices(list(TYPES), cum_weights=self.cum_types)
        return Event(
            id=f"{number:016x}", article_id=article_id, type=type_, mode=None,
            source=(source,), target=(target,), date=self.date(), topics=("trade",),
            evidence=f"Synthetic report {number}: {source} and {target}.",
            sentence_index=sentence, start=0, end=40, rule="bench.synthetic.v1", confidence=0.7,
            cameo="040", score=1.0,
        )


def _rows(count: int, seed: int) -> Iterator[tuple[str, dict[str, Any]]]:
    maker = _Maker(seed)
    for first in range(0, count, EVENTS_PER_ARTICLE):
        article_id = f"a{first // EVENTS_PER_ARTICLE:015x}"
        numbers = range(first, min(first + EVENTS_PER_ARTICLE, count))
        made = [maker.event(n, article_id, n - first) for n in numbers]
        dated = sorted(e.date for e in made if e.date)
        published = first_day(dated[-1]) if dated else None
        yield "articles", {"id": article_id, "title": None, "source": "bench", "published": published,
                           "dateline": None, "text": f"Synthetic article {article_id}.",
                           "ingested_at": "2026-01-01T00:00:00+00:00"}
        yield "article_names", {"article_id": article_id, "external_id": article_id, "source": "bench"}
        for number, event in zip(numbers, made, strict=True):
            block, key = block_key(event), time_key(Report(event, published=published))
            mention = rows.mention_values(event, block, time_key=key, component=event.id)
            effective = event.date or published
            fields = {k: v for k, v in mention.items() if k not in ("time_key", "component")}
            yield "events", {**fields, "seq": number + 1, "corroboration": 1, "rejected": 0, "effective": effective,
                             "effective_first": first_day(effective) if effective else None,
                             "effective_last": last_day(effective) if effective else None,
                             "reports": None, "lead_name": article_id, "lead_published": published}
            yield "mentions", {**mention, "event_id": event.id, "link": None}
            for party in rows.party_values(event):
                yield "event_parties", party
            for pair in pair_values(event, rejected=False, effective=effective, mentions=1):
                yield "event_pairs", {**pair, "event_seq": number + 1}


def _insert_all(conn: sqlite3.Connection, count: int, seed: int) -> int:
    pending: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    articles = 0

    def flush(table: str) -> None:
        batch = pending[table]
        if batch:
            names = list(batch[0])
            sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})"
            conn.executemany(sql, batch)
            batch.clear()

    for table, row in _rows(count, seed):
        articles += table == "articles"
        pending[table].append(row)
        if len(pending[table]) >= CHUNK:
            flush(table)
    for table in TABLES:
        flush(table)
    return articles


def reusable(path: Path, count: int) -> int | None:
    """The events in a store built here before, if it has the current schema and about ``count``.

    A run adds a few articles to it (the ingest-rate figure), so a little more is accepted;
    anything else (missing, older schema, another size) is rebuilt rather than migrated.
    """
    if not path.exists():
        return None
    from parley.store import SCHEMA_VERSION

    conn = sqlite3.connect(path)
    try:
        version = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
        mentions = conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if version != SCHEMA_VERSION or not count <= mentions <= count + count // 100:
        return None
    return mentions


def build_store(path: Path, count: int, *, seed: int = 20260101) -> BuildReport:
    """Fill a new SQLite store at ``path`` with ``count`` synthetic events."""
    start = time.perf_counter()
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    open_store(str(path)).close()  # the store's own schema, migrated
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({', '.join('?' * len(TABLES))})", TABLES,
        ).fetchall()
        conn.execute("BEGIN")
        for name, _sql in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        articles = _insert_all(conn, count, seed)
        for _name, sql in indexes:
            conn.execute(sql)
        conn.execute("COMMIT")
    finally:
        conn.close()
    with open_store(str(path)) as store:
        stored = store.counts()["events"]
    if stored != count:
        raise RuntimeError(f"bulk load stored {stored} events, expected {count}")
    return BuildReport(count, articles, time.perf_counter() - start, path.stat().st_size / 2**20)
