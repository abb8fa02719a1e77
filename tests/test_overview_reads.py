"""The home page's reads: the newest events and the busiest pairs, counted by the store.

Both are answered from indexes (the newest by the store's sort, the busiest pairs from the pair
index) so a home page costs about the same on any store size.  Each must give what reading
every event and counting by the definitions would give; these tests do that reading on a
store with shared dates, undated events, meetings of three, two parties on one side, stories
told by several articles, a rejected event and a corrected date.  They run on SQLite and
PostgreSQL (``store_url``, see conftest.py).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace

import pytest

from parley.errors import ConfigError
from parley.model import Article, Event, Extraction, StoredEvent
from parley.query.coding import event_dyads, unique_events
from parley.query.overview import DyadActivity, active_dyads, recent_events
from parley.query.search import newest_first
from parley.query.timeline import place
from parley.store import SqlStore, open_store

CODES = ("CHN", "IND", "PAK", "RUS", "USA")
TYPES = ("CONSULT", "AGREE", "SUPPORT", "ACCUSE", "AID")
DATES = (None, "2025", "2025-03", "2025-03-04", "2025-03-04", "2025-05-20", "2024-11-02")


def _events(rng: random.Random) -> list[tuple[str, Event]]:
    """(publication day, event) pairs; some events are told again by a second article."""
    told = []
    for n in range(40):
        parties = rng.sample(CODES, rng.choice((2, 2, 3)))
        split = 1 if len(parties) == 2 else rng.choice((1, 2))  # 2 of 3 on one side: acting together
        event = Event(
            f"e{n:02d}", "", rng.choice(TYPES), None, tuple(parties[:split]), tuple(parties[split:]),
            date=rng.choice(DATES), evidence=f"Statement {n} was made.",
        )
        day = rng.choice(("2025-03-05", "2025-05-21", None))
        told.append((day, event))
        if n % 7 == 0:  # the same happening in another article: fused into one event, two mentions
            told.append(("2025-06-01", replace(event, id=f"{event.id}-again")))
    return told


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    opened = open_store(store_url)
    assert isinstance(opened, SqlStore)
    for n, (day, event) in enumerate(_events(random.Random(20261130))):
        article = Article(f"a{n:02d}", f"feed/a{n:02d}", f"Article {n} text.", published=day)
        opened.add(Extraction(article, events=(replace(event, article_id=article.id),)))
    stored = opened.events()
    opened.correct(stored[0].event.id, reject=True)
    opened.correct(stored[1].event.id, set={"date": "2026-01-02"})
    yield opened
    opened.close()


def _busiest_by_reading_every_event(items: list[StoredEvent], limit: int) -> list[DyadActivity]:
    by_pair: dict[tuple[str, str], list[StoredEvent]] = defaultdict(list)
    for item in unique_events(items):
        for pair in event_dyads(item.event):
            by_pair[pair].append(item)
    rows = [
        DyadActivity(a, b, len(found), sum(len(i.mentions) for i in found),
                     max((place(i).when for i in found if place(i).when), default=None))
        for (a, b), found in by_pair.items()
    ]
    rows.sort(key=lambda r: (-r.events, -r.mentions, r.a, r.b))
    return rows[:limit]


@pytest.mark.parametrize("limit", [1, 3, 10, 100])
def test_the_busiest_pairs_are_those_counted_over_every_event(store: SqlStore, limit: int) -> None:
    expected = _busiest_by_reading_every_event(store.events(), limit)
    assert active_dyads(store, limit=limit) == expected
    assert any(row.mentions > row.events for row in expected)  # the fixture has stories told twice


def test_a_rejected_event_is_not_counted_for_its_pair(store: SqlStore) -> None:
    before = {(r.a, r.b): r.events for r in active_dyads(store, limit=100)}
    item = store.events()[0]
    pairs = event_dyads(item.event)
    store.correct(item.event.id, reject=True)
    after = {(r.a, r.b): r.events for r in active_dyads(store, limit=100)}
    for pair in pairs:
        assert after.get(pair, 0) == before[pair] - 1


@pytest.mark.parametrize("limit", [1, 5, 20, 1000])
def test_the_newest_events_are_the_whole_read_latest_first(store: SqlStore, limit: int) -> None:
    expected = [i.event.id for i in newest_first(store.events())[:limit]]
    assert [i.event.id for i in recent_events(store, limit=limit)] == expected


def test_the_newest_read_keeps_its_filters(store: SqlStore) -> None:
    found = store.events(newest=True, type="AGREE", between=("PAK", "CHN"))
    expected = newest_first(store.events(type="AGREE", between=("PAK", "CHN")))
    assert [i.event.id for i in found] == [i.event.id for i in expected]


def test_the_newest_read_takes_no_position(store: SqlStore) -> None:
    with pytest.raises(ConfigError, match="no position"):
        store.events(newest=True, limit=5, after=(False, "2025-03-04", "e01"))
