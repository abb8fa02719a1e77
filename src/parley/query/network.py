"""Who met whom in a period: CONSULT events as a weighted, undirected network.

Everyone at one table met everyone else there, so a three-party meeting joins all three
pairs; an edge's weight is the number of meetings (happenings), with the number of articles
reporting them beside it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from ..model import StoredEvent
from ..store import Store
from .coding import Dyad, all_pairs, unique_events
from .periods import Period
from .timeline import place


@dataclass(frozen=True, slots=True)
class Edge:
    a: str
    b: str
    meetings: int
    mentions: int
    first: str | None
    last: str | None
    event_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["event_ids"] = list(self.event_ids)
        return data


@dataclass(frozen=True, slots=True)
class Node:
    code: str
    meetings: int
    partners: int


@dataclass(frozen=True, slots=True)
class Network:
    period: Period
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.to_dict(),
            "nodes": [asdict(n) for n in self.nodes],
            "edges": [e.to_dict() for e in self.edges],
        }


def _edge(pair: Dyad, items: list[StoredEvent]) -> Edge:
    dates = sorted(w for w in (place(i).when for i in items) if w)
    return Edge(
        a=pair[0],
        b=pair[1],
        meetings=len(items),
        mentions=sum(len(i.mentions) for i in items),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        event_ids=tuple(sorted(i.event.id for i in items)),
    )


def meeting_network(store: Store, *, since: str | None = None, until: str | None = None) -> Network:
    """The meetings (CONSULT events) whose whole date lies between ``since`` and ``until``."""
    period = Period(since, until)
    found = store.events(type="CONSULT", since=since, until=until)
    by_pair: dict[Dyad, list[StoredEvent]] = defaultdict(list)
    for item in unique_events(found):
        if since is None and until is None or period.contains(place(item).when):
            for pair in all_pairs(item.event):
                by_pair[pair].append(item)
    edges = sorted((_edge(p, i) for p, i in by_pair.items()), key=lambda e: (-e.meetings, e.a, e.b))
    meetings: dict[str, set[str]] = defaultdict(set)
    partners: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        for code, other in ((edge.a, edge.b), (edge.b, edge.a)):
            meetings[code].update(edge.event_ids)
            partners[code].add(other)
    nodes = sorted(
        (Node(code, len(meetings[code]), len(partners[code])) for code in meetings),
        key=lambda n: (-n.meetings, n.code),
    )
    return Network(period=period, nodes=tuple(nodes), edges=tuple(edges))
