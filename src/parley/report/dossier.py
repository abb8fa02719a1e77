"""Everything a dossier on one pair of countries shows, gathered once and rendered twice.

The dossier is plain data (HTML and Markdown are views of it), and every item in it points
back to events, and every event to the sentences and articles that report it, so a reader
can check any claim against its source.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import pycountry

from ..actors.knowledge import load_knowledge
from ..model import StoredEvent
from ..query.analytics import DyadIndex, DyadTopics, index_series, topic_breakdown
from ..query.coding import event_cameo, event_score, unique_events
from ..query.initiatives import Initiative, initiatives_between, stage_of
from ..query.periods import last_day
from ..query.profile import OfficeSeen, offices_seen
from ..query.timeline import place, timeline
from ..store import Store


@dataclass(frozen=True, slots=True)
class Evidence:
    """One article's sentence for an event; ``ref`` numbers the article in the source list."""

    text: str
    article: str
    published: str | None
    ref: int


@dataclass(frozen=True, slots=True)
class DossierEvent:
    id: str
    when: str | None
    dated_by: str | None
    type: str
    mode: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    persons: tuple[str, ...]
    planned_for: str | None
    location: str | None
    location_country: str | None
    topics: tuple[str, ...]
    cameo: str
    score: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Source:
    ref: int
    article: str
    published: str | None


@dataclass(frozen=True, slots=True)
class Dossier:
    """A pair's record: events, index, topics, people, agreements, proposals, initiatives."""

    a: str
    b: str
    a_name: str
    b_name: str
    as_of: str
    events: tuple[DossierEvent, ...]
    index: DyadIndex
    topics: DyadTopics
    people: tuple[OfficeSeen, ...]
    agreements: tuple[str, ...]
    open_proposals: tuple[str, ...]
    initiatives: tuple[Initiative, ...]
    sources: tuple[Source, ...]

    def event(self, event_id: str) -> DossierEvent:
        return next(e for e in self.events if e.id == event_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "a_name": self.a_name,
            "b_name": self.b_name,
            "as_of": self.as_of,
            "events": [asdict(e) for e in self.events],
            "index": self.index.to_dict(),
            "topics": self.topics.to_dict(),
            "people": [asdict(p) for p in self.people],
            "agreements": list(self.agreements),
            "open_proposals": list(self.open_proposals),
            "initiatives": [i.to_dict() for i in self.initiatives],
            "sources": [asdict(s) for s in self.sources],
        }


def country_name(code: str) -> str:
    """A readable name for a code (IGO acronyms and unknown codes stay as they are)."""
    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    if found is None:
        return code
    return getattr(found, "common_name", None) or found.name


def _sources(items: list[StoredEvent]) -> dict[str, Source]:
    """Every reporting article once, numbered in order of publication."""
    seen: dict[str, str | None] = {}
    for item in items:
        for mention in item.mentions:
            seen.setdefault(mention.external_id, mention.published)
    ordered = sorted(seen.items(), key=lambda kv: (kv[1] is None, kv[1] or "", kv[0]))
    return {article: Source(n, article, published) for n, (article, published) in enumerate(ordered, 1)}


def _event(item: StoredEvent, sources: dict[str, Source]) -> DossierEvent:
    event = item.event
    entry = place(item)
    evidence = tuple(
        Evidence(m.evidence, m.external_id, m.published, sources[m.external_id].ref) for m in item.mentions
    )
    return DossierEvent(
        id=event.id, when=entry.when, dated_by=entry.dated_by, type=event.type, mode=event.mode,
        source=event.source, target=event.target, persons=event.persons, planned_for=event.planned_for,
        location=event.location, location_country=event.location_country, topics=event.topics,
        cameo=event_cameo(event), score=event_score(event),
        evidence=evidence or (Evidence(event.evidence, "", None, 0),),
    )


def reference_date(items: list[StoredEvent], today: str) -> str:
    """The day a plan must still lie ahead of: today, or the newest article if that is earlier.

    A store of old articles says nothing about what happened after them, so a proposal
    counts as open if nothing in the sources shows it past.
    """
    published = [m.published for i in items for m in i.mentions if m.published]
    return min(today, max(published)) if published else today


def _classify(events: tuple[DossierEvent, ...], as_of: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(agreements signed or reached, proposals whose planned date is still ahead)."""
    agreements, proposals = [], []
    for event in events:
        text = " ".join(e.text for e in event.evidence)
        if event.type == "AGREE" and event.planned_for and last_day(event.planned_for) >= as_of:
            proposals.append(event.id)
        elif stage_of(event.type, text) in ("signed", "agreed"):
            agreements.append(event.id)
    return tuple(agreements), tuple(proposals)


def build_dossier(store: Store, a: str, b: str, *, today: str | None = None) -> Dossier:
    """Gather the dossier of A–B from the store; ``today`` (ISO day) fixes "still ahead"."""
    entries = timeline(store, a, b)
    items = unique_events([e.item for e in entries])
    sources = _sources(items)
    events = tuple(_event(item, sources) for item in items)
    as_of = reference_date(items, today or date.today().isoformat())
    agreements, proposals = _classify(events, as_of)
    return Dossier(
        a=a,
        b=b,
        a_name=country_name(a),
        b_name=country_name(b),
        as_of=as_of,
        events=events,
        index=index_series(a, b, items),
        topics=topic_breakdown(a, b, items),
        people=offices_seen(load_knowledge(), items, lambda *_: True),
        agreements=agreements,
        open_proposals=proposals,
        initiatives=tuple(initiatives_between(store, a, b)),
        sources=tuple(sorted(sources.values(), key=lambda s: s.ref)),
    )
