"""Analytics of a pair of countries: a monthly cooperation–conflict index, topics, top movers.

Each stored event is one happening, however many articles report it: it adds its PLOVER
intensity once, and the number of its mentions is reported beside the index (corroboration),
never multiplied into it, so a summit covered by twenty outlets does not outweigh a treaty
covered by one.  An event without a date of its own is placed by its earliest report, and the
count of events so placed is shown, as in the timeline.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..model import StoredEvent
from ..store import PairTally, Store
from ..taxonomy import quad_class
from .coding import (
    Dyad,
    counted_score,
    event_dyads,
    event_score,
    relates_everyone,
    relating,
    unique_events,
)
from .periods import Period, month_of, months_between
from .timeline import TimelineEntry, place


@dataclass(frozen=True, slots=True)
class MonthIndex:
    """One month of a dyad: the net intensity of its events and how they were reported."""

    month: str
    events: int
    index: float
    mean: float | None
    cooperation: int
    conflict: int
    mentions: int
    by_report: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DyadIndex:
    """The monthly index of A–B, every month from the first to the last with an event."""

    a: str
    b: str
    months: tuple[MonthIndex, ...]
    events: int
    index: float
    unplaced: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "events": self.events,
            "index": self.index,
            "unplaced": self.unplaced,
            "months": [m.to_dict() for m in self.months],
        }


@dataclass(slots=True)
class _Month:
    """What one month of an index adds up, as events are counted into it."""

    events: int = 0
    scores: list[float] = field(default_factory=list)
    cooperation: int = 0
    conflict: int = 0
    mentions: int = 0
    by_report: int = 0

    def add(self, count: int, quad: int, score: float, mentions: int, by_report: int) -> None:
        """Count ``count`` events of one quad class and one score each."""
        self.events += count
        self.scores.append(score * count)  # exact for the manual's half-point scores
        self.cooperation += count if quad <= 2 else 0
        self.conflict += count if quad >= 3 else 0
        self.mentions += mentions
        self.by_report += by_report

    def row(self, month: str) -> MonthIndex:
        # fsum: the exact sum rounded once, so the order events are counted in cannot matter
        total = round(math.fsum(self.scores), 2)
        count = self.events
        return MonthIndex(
            month=month,
            events=count,
            index=total,
            mean=round(total / count, 2) if count else None,
            cooperation=self.cooperation,
            conflict=self.conflict,
            mentions=self.mentions,
            by_report=self.by_report,
        )


def _series(a: str, b: str, by_month: dict[str, _Month], *, events: int, unplaced: int) -> DyadIndex:
    months = months_between(min(by_month), max(by_month)) if by_month else []
    rows = tuple(by_month.get(m, _Month()).row(m) for m in months)
    return DyadIndex(
        a=a,
        b=b,
        months=rows,
        events=events,
        index=round(sum(r.index for r in rows), 2),
        unplaced=unplaced,
    )


def index_series(a: str, b: str, items: Iterable[StoredEvent]) -> DyadIndex:
    """The monthly index of the given events that relate A and B (each counted once)."""
    by_month: dict[str, _Month] = defaultdict(_Month)
    unplaced = 0
    kept = relating(a, b, list(items))
    for item in kept:
        entry = place(item)
        month = month_of(entry.when)
        if month is None:
            unplaced += 1
            continue
        by_month[month].add(
            1,
            quad_class(item.event.type),
            event_score(item.event),
            len(item.mentions),
            int(entry.dated_by == "report"),
        )
    return _series(a, b, by_month, events=len(kept), unplaced=unplaced)


def index_from_tallies(a: str, b: str, tallies: Iterable[PairTally]) -> DyadIndex:
    """The same index from a store's per-pair tallies, without reading the events themselves."""
    by_month: dict[str, _Month] = defaultdict(_Month)
    events = unplaced = 0
    # thousands of tallies share a few dozen kinds: decide each kind once
    kinds: dict[tuple[str, str | None, float | None, bool], tuple[bool, int, float]] = {}
    for tally in tallies:
        key = (tally.type, tally.mode, tally.score, tally.across)
        decided = kinds.get(key)
        if decided is None:
            relates = tally.across or relates_everyone(tally.type)
            decided = kinds[key] = (relates, quad_class(tally.type), counted_score(tally.type, tally.mode, tally.score))
        relates, quad, score = decided
        if not relates:
            continue
        count = tally.events
        events += count
        if tally.month is None:
            unplaced += count
            continue
        by_month[tally.month].add(count, quad, score, count * tally.mentions, count if tally.undated else 0)
    return _series(a, b, by_month, events=events, unplaced=unplaced)


@runtime_checkable
class _Tallying(Protocol):
    def pair_tallies(self, a: str, b: str) -> list[PairTally]: ...


def monthly_index(store: Store, a: str, b: str) -> DyadIndex:
    """The cooperation–conflict index of A–B per month, from the PLOVER scores of its events.

    Only events that relate A and B count (see ``event_dyads``: not A and B acting together
    towards a third).  Events dated only to a year (or not at all, and never reported with a
    date) belong to no month; they are counted in ``unplaced`` rather than spread or guessed.
    A store that tallies pairs itself answers from its pair index; any other is read whole.
    """
    if isinstance(store, _Tallying):
        return index_from_tallies(a, b, store.pair_tallies(a, b))
    return index_series(a, b, store.events(between=(a, b)))


# --- topics --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TopicShare:
    topic: str
    events: int
    mentions: int
    first: str | None
    last: str | None
    types: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["types"] = dict(self.types)
        return data


@dataclass(frozen=True, slots=True)
class DyadTopics:
    """What A and B dealt with: events per sector (an event counts under each of its topics)."""

    a: str
    b: str
    events: int
    untagged: int
    topics: tuple[TopicShare, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "events": self.events,
            "untagged": self.untagged,
            "topics": [t.to_dict() for t in self.topics],
        }


def _share(topic: str, entries: list[TimelineEntry]) -> TopicShare:
    dates = sorted(e.when for e in entries if e.when)
    types = Counter(e.item.event.type for e in entries)
    return TopicShare(
        topic=topic,
        events=len(entries),
        mentions=sum(len(e.item.mentions) for e in entries),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        types=tuple(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def topic_breakdown(a: str, b: str, items: Iterable[StoredEvent]) -> DyadTopics:
    """Topic shares of already-selected events, most frequent first."""
    kept = unique_events(list(items))
    by_topic: dict[str, list[TimelineEntry]] = defaultdict(list)
    for item in kept:
        for topic in dict.fromkeys(item.event.topics):
            by_topic[topic].append(place(item))
    shares = sorted((_share(t, e) for t, e in by_topic.items()), key=lambda s: (-s.events, s.topic))
    untagged = sum(1 for item in kept if not item.event.topics)
    return DyadTopics(a=a, b=b, events=len(kept), untagged=untagged, topics=tuple(shares))


def dyad_topics(store: Store, a: str, b: str) -> DyadTopics:
    """The topic breakdown of every stored event between A and B."""
    return topic_breakdown(a, b, store.events(between=(a, b)))


# --- top movers ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mover:
    """A dyad whose summed intensity changed between two periods."""

    a: str
    b: str
    before: float
    after: float
    change: float
    events_before: int
    events_after: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _sum_by_dyad(items: list[StoredEvent], period: Period) -> tuple[defaultdict[Dyad, float], Counter[Dyad]]:
    scores: defaultdict[Dyad, float] = defaultdict(float)
    counts: Counter[Dyad] = Counter()
    for item in items:
        if not period.contains(place(item).when):
            continue
        for pair in event_dyads(item.event):
            scores[pair] += event_score(item.event)
            counts[pair] += 1
    return scores, counts


def top_movers(store: Store, before: Period, after: Period, *, limit: int = 10) -> list[Mover]:
    """Dyads whose index changed most from ``before`` to ``after``, largest change first.

    An event counts in a period only if its whole date lies inside it; ties are broken by the
    dyad's codes so the order is stable.
    """
    items = unique_events(store.events())
    old_scores, old_counts = _sum_by_dyad(items, before)
    new_scores, new_counts = _sum_by_dyad(items, after)
    movers = [
        Mover(
            a=pair[0],
            b=pair[1],
            before=round(old_scores[pair], 2),
            after=round(new_scores[pair], 2),
            change=round(new_scores[pair] - old_scores[pair], 2),
            events_before=old_counts[pair],
            events_after=new_counts[pair],
        )
        for pair in set(old_counts) | set(new_counts)
    ]
    movers.sort(key=lambda m: (-abs(m.change), m.a, m.b))
    return [m for m in movers if m.change != 0][:limit]
