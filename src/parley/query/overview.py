"""What a reader sees first: recent events, the most active pairs, one pair's filtered view.

These gather for the web pages and their JSON twins exactly what the CLI analytics gather,
from the same functions (``place``, ``index_series``, ``topic_breakdown``), so a page, its
JSON and ``parley timeline`` never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import ParleyError
from ..model import Article, StoredEvent
from ..store import PairGroup, Store
from .analytics import DyadIndex, DyadTopics, index_series, topic_breakdown
from .coding import relates_everyone, unique_events
from .listing import chronological_key
from .timeline import TimelineEntry, place


def recent_events(store: Store, *, limit: int = 20) -> list[StoredEvent]:
    """The latest events by effective date (undated ones only when nothing else is left).

    The store sorts and stops after ``limit``: a home page costs the same on any store size.
    """
    return store.events(newest=True, limit=limit)


@dataclass(frozen=True, slots=True)
class DyadActivity:
    """A pair of parties and how much the store holds about them."""

    a: str
    b: str
    events: int
    mentions: int
    last: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "events": self.events, "mentions": self.mentions, "last": self.last}


def active_dyads(store: Store, *, limit: int = 10) -> list[DyadActivity]:
    """Pairs related by the most events (each happening once), busiest first.

    Pairs are taken largest first by the events filed under them, which bounds the events
    relating them; counting stops once no pair left can reach the ``limit``-th busiest.  So a
    store of any size answers from a few pairs' groups, never reading an event.
    """
    rows: list[DyadActivity] = []
    for a, b, bound in store.pair_sizes():
        if len(rows) >= limit and bound < rows[limit - 1].events:
            break
        row = _activity(a, b, store.pair_groups(a, b))
        if row is not None:
            rows.append(row)
            rows.sort(key=lambda r: (-r.events, -r.mentions, r.a, r.b))
    return rows[:limit]


def _activity(a: str, b: str, groups: list[PairGroup]) -> DyadActivity | None:
    """The pair's activity from its groups that relate it (``event_dyads``: across the sides,
    or at one table for a meeting); None when no event relates the two."""
    relating = [g for g in groups if g.across or relates_everyone(g.type)]
    if not relating:
        return None
    last = max((g.last for g in relating if g.last), default=None)
    return DyadActivity(a, b, sum(g.events for g in relating), sum(g.events * g.mentions for g in relating), last)


@dataclass(frozen=True, slots=True)
class DyadView:
    """A pair's timeline with its monthly index and topics, under the filters asked for."""

    a: str
    b: str
    type: str | None
    since: str | None
    until: str | None
    entries: tuple[TimelineEntry, ...]
    index: DyadIndex
    topics: DyadTopics


def dyad_view(
    store: Store, a: str, b: str, *, type: str | None = None, since: str | None = None, until: str | None = None
) -> DyadView:
    """The events between A and B (either direction) that pass the filters, oldest first.

    The index and the topics are computed from the same filtered events, so the chart always
    shows what the list below it lists.
    """
    found = store.events(between=(a, b), type=type, since=since, until=until)
    items = unique_events(found)
    entries = sorted((place(i) for i in items), key=lambda e: chronological_key(e.when, e.item.event.id))
    return DyadView(
        a=a,
        b=b,
        type=type,
        since=since,
        until=until,
        entries=tuple(entries),
        index=index_series(a, b, items),
        topics=topic_breakdown(a, b, items),
    )


def articles_of(store: Store, article_ids: Iterable[str]) -> dict[str, Article]:
    """The stored articles with these ids (those the store cannot give back are left out).

    A backend with a single-article reader ``article(article_id)`` is asked for each one;
    otherwise the protocol's ``articles()`` is read once and filtered, which reads every
    stored text and so suits the analyst-sized stores this serves.
    """
    wanted = set(article_ids)
    if not wanted:
        return {}
    reader = getattr(store, "article", None)
    if callable(reader):
        found = {}
        for article_id in sorted(wanted):
            try:
                article = reader(article_id)
            except ParleyError:
                continue
            if isinstance(article, Article):
                found[article_id] = article
        return found
    every = getattr(store, "articles", None)
    if not callable(every):
        return {}
    return {a.id: a for a in every() if a.id in wanted}
