"""The history of one pair of countries, event by event.

An event without a date of its own is placed by the day its article appeared, and says so:
a reader must be able to tell "met on 2 September" from "reported on 2 September".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..model import StoredEvent
from ..store import Position, Store, position
from .search import page_events

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


def timeline(
    store: Store, a: str, b: str, *, limit: int | None = None, after: Position | None = None
) -> list[TimelineEntry]:
    """Events involving both ``a`` and ``b`` (either direction), oldest first, undated last.

    Everything by default (reports, exports, analytics need it all); with ``limit``, one
    page, starting past ``after`` (the ``position`` of the last entry of the previous page),
    which the store reads alone however long the pair's history is.
    """
    found = store.events(between=(a, b), limit=limit, after=after)
    entries = [place(item) for item in found]
    return sorted(entries, key=lambda e: position(e.item))


@dataclass(frozen=True, slots=True)
class TimelinePage:
    """One page of a pair's timeline and the cursor of the next (None on the last page)."""

    entries: tuple[TimelineEntry, ...]
    next_cursor: str | None


def timeline_page(
    store: Store,
    a: str,
    b: str,
    *,
    limit: int = 50,
    cursor: str | None = None,
    filters: Mapping[str, str | None] | None = None,
) -> TimelinePage:
    """The ``limit`` entries after ``cursor`` (from the previous page, as ``/api/events`` gives).

    ``filters`` are ``type``/``since``/``until`` as ``Store.events`` takes them.
    """
    given = dict(filters or {})
    page = page_events(
        store, between=(a, b), type=given.get("type"), since=given.get("since"),
        until=given.get("until"), cursor=cursor, limit=limit,
    )  # fmt: skip
    return TimelinePage(tuple(place(item) for item in page.items), page.next_cursor)
