"""The history of one pair of countries, event by event.

An event without a date of its own is placed by the day its article appeared, and says so:
a reader must be able to tell "met on 2 September" from "reported on 2 September".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import StoredEvent
from ..store import Store
from .listing import chronological_key

DatedBy = Literal["event", "report"]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event on a timeline: where it is placed, what placed it, and the event itself."""

    when: str | None
    dated_by: DatedBy | None
    item: StoredEvent


def place(item: StoredEvent) -> TimelineEntry:
    """Date an event by itself if it can, else by its earliest report, else not at all."""
    if item.event.date:
        return TimelineEntry(when=item.event.date, dated_by="event", item=item)
    if item.reported:
        return TimelineEntry(when=item.reported, dated_by="report", item=item)
    return TimelineEntry(when=None, dated_by=None, item=item)


def timeline(store: Store, a: str, b: str) -> list[TimelineEntry]:
    """Events involving both ``a`` and ``b`` (either direction), oldest first, undated last."""
    entries = [place(item) for item in store.events(between=(a, b))]
    return sorted(entries, key=lambda e: chronological_key(e.when, e.item.event.id))
