"""One event from a cluster of reports: the most precise facts, the union of the rest.

The lead report (the most precisely dated) supplies the wording, provenance and direction;
dates take the most precise value the reports agree on most; the place and mode are the
ones most reports give; people and topics are the union, each person once whatever the
spelling.  The explanation keeps, line by line, why each report was fused.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence

from ..model import Event
from .cluster import Cluster
from .evidence import precision_rank, same_person


def _most_common(values: Iterable[str | None]) -> str | None:
    """The most frequent non-empty value; ties go to the one seen first."""
    seen = [v for v in values if v]
    if not seen:
        return None
    counts = Counter(seen)
    return max(seen, key=lambda v: (counts[v], -seen.index(v)))


def best_date(values: Iterable[str | None]) -> str | None:
    """The most precise date given; among equally precise ones the most frequent, then earliest."""
    dated = [v for v in values if v and precision_rank(v) < 3]
    if not dated:
        return None
    finest = min(precision_rank(v) for v in dated)
    candidates = [v for v in dated if precision_rank(v) == finest]
    counts = Counter(candidates)
    return min(counts, key=lambda v: (-counts[v], v))


def _persons(events: Sequence[Event]) -> tuple[str, ...]:
    names: list[str] = []
    for event in events:
        for name in event.persons:
            if not any(same_person(name, kept) for kept in names):
                names.append(name)
    return tuple(names)


def _topics(events: Sequence[Event]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(topic for event in events for topic in event.topics))


def _place(events: Sequence[Event]) -> tuple[str | None, str | None]:
    location = _most_common(e.location for e in events)
    givers = [e for e in events if location and e.location == location and e.location_country]
    country = (
        givers[0].location_country if givers else _most_common(e.location_country for e in events)
    )
    return location, country


def fusion_lines(cluster: Cluster) -> tuple[str, ...]:
    """The explanation a fused event carries: how many reports, and why each one joined."""
    if len(cluster.reports) == 1:
        return ()
    head = f"fused {len(cluster.reports)} reports from {cluster.corroboration} articles"
    return (head, *(link.describe() for link in cluster.links))


def merge_cluster(cluster: Cluster) -> Event:
    """The event a cluster stands for, under the cluster's id."""
    events = [report.event for report in cluster.reports]
    lead = events[0]
    if len(events) == 1:
        return dataclasses.replace(lead, id=cluster.id)
    mode = _most_common(e.mode for e in events)
    voice = next((e for e in events if e.mode == mode), lead)
    location, country = _place(events)
    return dataclasses.replace(
        lead,
        id=cluster.id,
        mode=mode,
        persons=_persons(events),
        date=best_date(e.date for e in events),
        planned_for=best_date(e.planned_for for e in events),
        location=location,
        location_country=country,
        topics=_topics(events),
        confidence=max(e.confidence for e in events),
        cameo=voice.cameo or _most_common(e.cameo for e in events),
        score=voice.score
        if voice.score is not None
        else next((e.score for e in events if e.score is not None), None),
        explanation=lead.explanation + fusion_lines(cluster),
    )
