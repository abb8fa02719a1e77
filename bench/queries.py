"""Query latency on a large store, and the cost of adding to it.

Latency is the median of several calls after one warm-up call (the first call also pays for
reading pages from disk into the cache, which a serving process does once).  Each dyad's
event count is printed beside it: a whole timeline's cost grows with what it returns, a page's
(``page_latencies``: the first page and one reached by cursor) should not.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from synthetic_store import _Maker

from parley.model import Article, Extraction
from parley.query import monthly_index, timeline, timeline_page
from parley.query.overview import active_dyads, recent_events
from parley.store import Store

REPEATS = 5
DYADS = (("USA", "CHN"), ("PAK", "RUS"), ("KAZ", "PAK"))
PAGE = 100  # events on a timeline page, as a user is served them
LATER = 10  # pages followed before timing a later one


SLOW_MS = 1000.0


def median_ms(call: Callable[[], object], repeats: int = REPEATS) -> float:
    """Median wall time of ``call`` after a warm-up; a call slower than a second is timed once."""
    start = time.perf_counter()
    call()
    if (time.perf_counter() - start) * 1000 > SLOW_MS:
        repeats = 1
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def home_latencies(store: Store) -> tuple[float, float]:
    """(newest events ms, busiest pairs ms): the reads of the web home page and ``/api/overview``."""
    return median_ms(lambda: recent_events(store)), median_ms(lambda: active_dyads(store))


def dyad_latencies(store: Store, dyads: tuple[tuple[str, str], ...] = DYADS) -> list[tuple[str, int, float, float]]:
    """(dyad, events, timeline ms, monthly index ms) per dyad."""
    found = []
    for a, b in dyads:
        count = len(timeline(store, a, b))
        found.append((f"{a}-{b}", count, median_ms(lambda a=a, b=b: timeline(store, a, b)),
                      median_ms(lambda a=a, b=b: monthly_index(store, a, b))))
    return found


def page_latencies(
    store: Store, dyads: tuple[tuple[str, str], ...] = DYADS, *, size: int = PAGE, later: int = LATER
) -> list[tuple[str, float, int, float]]:
    """(dyad, first page ms, number of the later page, later page ms) per dyad.

    A page is what ``/api/events?a=&b=&limit=`` and ``parley timeline`` serve; the later one is
    reached by following ``later`` cursors (or as many as the dyad has), then timed.
    """
    found = []
    for a, b in dyads:
        first_ms = median_ms(lambda a=a, b=b: timeline_page(store, a, b, limit=size))
        cursor, number = None, 1
        for _ in range(later):
            following = timeline_page(store, a, b, limit=size, cursor=cursor).next_cursor
            if following is None:
                break
            cursor, number = following, number + 1
        later_ms = median_ms(lambda a=a, b=b, c=cursor: timeline_page(store, a, b, limit=size, cursor=c))
        found.append((f"{a}-{b}", first_ms, number, later_ms))
    return found


def add_rate(store: Store, articles: int, first_number: int) -> float:
    """Articles per second that ``Store.add`` takes into this store (with fusion), 5 events each."""
    maker = _Maker(seed=first_number)
    extractions = []
    for index in range(articles):
        article = Article(id=f"b{first_number + index:015x}", external_id=f"bench-add-{index}",
                          text=f"Added article {index}.", published="2025-06-01")
        events = tuple(maker.event(first_number + index * 5 + k, article.id, k) for k in range(5))
        extractions.append(Extraction(article=article, events=events))
    start = time.perf_counter()
    for extraction in extractions:
        store.add(extraction)
    return articles / (time.perf_counter() - start)


def sql_ms(path: Path, a: str, b: str) -> float | None:
    """The timeline's SQL alone (the store's statement on the bare driver), for the store's authors.

    A diagnostic: it reads the store's query builder, so it reports ``None`` rather than
    failing if that changes.
    """
    conn = sqlite3.connect(path)
    try:
        from sqlalchemy.dialects import sqlite as sqlite_dialect

        from parley.store.reads import select_events

        query = select_events(between=(a, b), type=None, since=None, until=None, limit=None, include_rejected=False)
        compiled = query.compile(dialect=sqlite_dialect.dialect(paramstyle="named"))
        return median_ms(lambda: conn.execute(str(compiled), compiled.params).fetchall())
    except Exception:  # noqa: BLE001 - a diagnostic must not stop the benchmark
        return None
    finally:
        conn.close()
