"""The CAMEO code, intensity and dyads of a stored event, as every analytic and export sees them.

An event keeps the code and score its coder gave it; older stores (or coders) that left them
empty get them from the taxonomy, so every output agrees on one value per event.
"""

from __future__ import annotations

from itertools import combinations

from ..model import Event, StoredEvent
from ..taxonomy import cameo_code, intensity

Dyad = tuple[str, str]


def event_score(event: Event) -> float:
    """The event's PLOVER intensity: its own if the coder set one, else the taxonomy's."""
    return counted_score(event.type, event.mode, event.score)


def counted_score(type: str, mode: str | None, score: float | None) -> float:
    """The intensity an event of this type and mode counts with, given its own score or None."""
    return score if score is not None else intensity(type, mode)


def event_cameo(event: Event) -> str:
    """The event's CAMEO code: its own if the coder set one, else the taxonomy's default."""
    return event.cameo or cameo_code(event.type, event.mode)


def dyad(a: str, b: str) -> Dyad:
    """A pair of parties in a fixed order, so A–B and B–A are one dyad."""
    return (a, b) if a <= b else (b, a)


def all_pairs(event: Event) -> set[Dyad]:
    """Every pair among all the event's parties: who sat at one table in a meeting."""
    parties = sorted(set(event.source) | set(event.target))
    return {dyad(a, b) for a, b in combinations(parties, 2)}


def relates_everyone(type: str) -> bool:
    """Whether an event of this type relates all its parties to each other, not only across sides.

    A meeting relates everyone at the table (a three-party meeting hosted by A relates B and C
    too); any other act relates each source to each target, never two sides acting together.
    """
    return type == "CONSULT"


def event_dyads(event: Event) -> set[Dyad]:
    """The pairs an event relates to each other (see ``relates_everyone``)."""
    if relates_everyone(event.type):
        return all_pairs(event)
    return {dyad(s, t) for s in event.source for t in event.target if s != t}


def relating(a: str, b: str, items: list[StoredEvent]) -> list[StoredEvent]:
    """The events (each once) that relate A and B to each other."""
    pair = dyad(a, b)
    return [item for item in unique_events(items) if pair in event_dyads(item.event)]


def unique_events(items: list[StoredEvent]) -> list[StoredEvent]:
    """Each stored event once, whatever a backend returned: a happening is counted once."""
    seen: set[str] = set()
    kept = []
    for item in items:
        if item.event.id not in seen:
            seen.add(item.event.id)
            kept.append(item)
    return kept

