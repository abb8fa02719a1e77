"""Cooperation projects as entities: what each joins, and its history from proposal to operation.

Every stored event's sentences (its own and each mention's) are searched for projects; the
events that mention one become its history, in date order, each with the stage its type
implies.  The project's stage is the furthest step on the ladder any event shows, so a later
talk about an operating corridor does not send it back to "proposed".
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..model import StoredEvent
from ..store import Store
from .coding import unique_events
from .initiative_text import Found, find_initiatives
from .listing import chronological_key
from .timeline import place

LADDER = ("proposed", "agreed", "signed", "operating")
_AGREED = re.compile(r"\bagree(?:d|s|ment|ments)\b|\breached\b|\bdecided\b|\bconsensus\b", re.IGNORECASE)
_SIGNED = re.compile(
    r"\bsign(?:ed|ing|s)?\b|\bratif\w*|\bmemorand\w*|\bMoUs?\b|\bprotocols?\b|\btreaty\b", re.IGNORECASE
)
_OTHER_STAGES = {
    "CONSULT": "discussed",
    "AID": "funded",
    "RETREAT": "resumed",
    "REQUEST": "requested",
    "REJECT": "rejected",
    "SANCTION": "suspended",
}


def stage_of(type: str, evidence: str) -> str:
    """The step an event of this type marks in a project's life.

    AGREE is a proposal unless the sentence says an agreement was reached; SUPPORT is a
    signing when the sentence speaks of signing or a formal instrument (else an
    endorsement); COOPERATE means the project is operating.
    """
    if type == "AGREE":
        return "agreed" if _AGREED.search(evidence) else "proposed"
    if type == "SUPPORT":
        return "signed" if _SIGNED.search(evidence) else "endorsed"
    if type == "COOPERATE":
        return "operating"
    return _OTHER_STAGES.get(type, "mentioned")


@dataclass(frozen=True, slots=True)
class InitiativeStep:
    """One event in a project's history, with the sentence and articles that report it."""

    event_id: str
    when: str | None
    dated_by: str | None
    type: str
    stage: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    evidence: str
    articles: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "when": self.when,
            "dated_by": self.dated_by,
            "type": self.type,
            "stage": self.stage,
            "source": list(self.source),
            "target": list(self.target),
            "evidence": self.evidence,
            "articles": list(self.articles),
        }


@dataclass(frozen=True, slots=True)
class Initiative:
    id: str
    name: str
    kind: str
    sector: str
    countries: tuple[str, ...]
    named: bool
    stage: str | None
    topics: tuple[str, ...]
    history: tuple[InitiativeStep, ...]

    @property
    def first(self) -> str | None:
        return next((s.when for s in self.history if s.when), None)

    @property
    def last(self) -> str | None:
        return next((s.when for s in reversed(self.history) if s.when), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "sector": self.sector,
            "countries": list(self.countries),
            "named": self.named,
            "stage": self.stage,
            "topics": list(self.topics),
            "first": self.first,
            "last": self.last,
            "history": [s.to_dict() for s in self.history],
        }


def _step(item: StoredEvent) -> InitiativeStep:
    event = item.event
    entry = place(item)
    return InitiativeStep(
        event_id=event.id,
        when=entry.when,
        dated_by=entry.dated_by,
        type=event.type,
        stage=stage_of(event.type, event.evidence),
        source=event.source,
        target=event.target,
        evidence=event.evidence,
        articles=tuple(sorted({m.external_id for m in item.mentions})),
    )


def _mentions_in(item: StoredEvent) -> list[Found]:
    """Projects in the event's sentence and in every article's sentence for it, once each."""
    parties = list(dict.fromkeys(item.event.source + item.event.target))
    texts = dict.fromkeys([item.event.evidence, *(m.evidence for m in item.mentions)])
    found: dict[str, Found] = {}
    for text in texts:
        for hit in find_initiatives(text, parties):
            known = found.get(hit.key)
            if known is None or len(hit.countries) > len(known.countries):
                found[hit.key] = hit
    return list(found.values())


def _build(found: list[Found], items: list[StoredEvent]) -> Initiative:
    steps = sorted((_step(i) for i in items), key=lambda s: chronological_key(s.when, s.event_id))
    widest = max(found, key=lambda f: len(f.countries))
    reached = [LADDER.index(s.stage) for s in steps if s.stage in LADDER]
    topics = dict.fromkeys(t for i in items for t in i.event.topics)
    return Initiative(
        id=widest.key,
        name=widest.name,
        kind=widest.kind,
        sector=widest.sector,
        countries=widest.countries,
        named=widest.named,
        stage=LADDER[max(reached)] if reached else None,
        topics=tuple(topics),
        history=tuple(steps),
    )


def list_initiatives(store: Store) -> list[Initiative]:
    """Every project the stored events mention, the most talked-about first."""
    hits: dict[str, list[Found]] = defaultdict(list)
    items: dict[str, dict[str, StoredEvent]] = defaultdict(dict)
    for item in unique_events(store.events()):
        for found in _mentions_in(item):
            hits[found.key].append(found)
            items[found.key][item.event.id] = item
    built = [_build(hits[key], list(items[key].values())) for key in hits]
    return sorted(built, key=lambda i: (-len(i.history), i.name))


def initiatives_between(store: Store, a: str, b: str) -> list[Initiative]:
    """Projects joining both A and B, or discussed in an event between them."""
    def concerns(initiative: Initiative) -> bool:
        if {a, b} <= set(initiative.countries):
            return True
        return any({a, b} <= set(s.source + s.target) for s in initiative.history)

    return [i for i in list_initiatives(store) if concerns(i)]
