"""Listing stored events in the order people read them: by when they happened."""

from __future__ import annotations

from ..model import StoredEvent
from ..store import Store


def effective_date(item: StoredEvent) -> str | None:
    """The event's own date, else the earliest date an article reported it, else None.

    The store filters on the same rule, so what a listing shows and what ``since``/``until``
    select agree.
    """
    return item.event.date or item.reported


def chronological_key(when: str | None, event_id: str) -> tuple[bool, str, str]:
    """Sort key putting dated items first, earliest first, ties broken by id.

    Partial dates sort as text, so a month (``2025-09``) comes before the days inside it.
    """
    return (when is None, when or "", event_id)


def list_events(
    store: Store,
    *,
    between: tuple[str, str] | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[StoredEvent]:
    """Stored events matching the filters, sorted by effective date (undated last)."""
    found = store.events(between=between, type=type, since=since, until=until)
    return sorted(found, key=lambda item: chronological_key(effective_date(item), item.event.id))
