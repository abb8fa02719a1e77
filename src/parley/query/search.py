"""Finding events: word search over what they say, one event by id, and pages of a listing.

Built on ``Store.events()`` alone, so it works on every backend; the search is a plain
case-insensitive word match over the evidence sentences and the coded fields, which is
enough for the few thousand events an analyst's store holds and needs no index.

Pages use a keyset cursor (the store's position of the last event shown), not an offset:
events ingested while someone pages through a listing do not shift the next page, and
without words to match the store reads only the page (``Store.events(after=, limit=)``).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import ConfigError, StoreError
from ..model import StoredEvent
from ..store import Store, position
from .listing import effective_date

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
MAX_CURSOR_CHARS = 600
SortKey = tuple[bool, str, str]


def search_terms(query: str) -> list[str]:
    """The words of a query, case-folded; a ConfigError for one too long to be a search."""
    if len(query) > MAX_QUERY_CHARS:
        raise ConfigError(f"the search is over {MAX_QUERY_CHARS} characters", where="q")
    terms = list(dict.fromkeys(query.casefold().split()))
    if len(terms) > MAX_TERMS:
        raise ConfigError(f"the search has over {MAX_TERMS} words", where="q")
    return terms


def searchable_text(item: StoredEvent) -> str:
    """Everything a reader could search an event by, as one case-folded string."""
    event = item.event
    parts: list[str | None] = [
        event.id, event.type, event.mode, event.evidence, event.location, event.location_country,
        event.date, event.planned_for, *event.source, *event.target, *event.persons, *event.topics,
    ]
    for mention in item.mentions:
        parts += [mention.evidence, mention.external_id]
    return "\n".join(p for p in parts if p).casefold()


def matching(items: Iterable[StoredEvent], query: str | None) -> list[StoredEvent]:
    """The events whose text contains every word of ``query`` (all events for no words)."""
    terms = search_terms(query or "")
    if not terms:
        return list(items)
    kept = []
    for item in items:
        text = searchable_text(item)
        if all(term in text for term in terms):
            kept.append(item)
    return kept


def search_events(store: Store, query: str, *, limit: int = 50) -> list[StoredEvent]:
    """Events matching every word of ``query``, newest first (undated last)."""
    found = matching(store.events(), query)
    return newest_first(found)[:limit]


def newest_first(items: list[StoredEvent]) -> list[StoredEvent]:
    """Dated events latest first, then the undated ones, ties broken by id."""
    dated = sorted((i for i in items if effective_date(i)), key=lambda i: (effective_date(i), i.event.id), reverse=True)
    undated = sorted((i for i in items if not effective_date(i)), key=lambda i: i.event.id)
    return dated + undated


def find_event(store: Store, event_id: str) -> StoredEvent | None:
    """The event with this id (or holding a report with it), or None when none has it.

    The store signals an unknown id with a StoreError like any other failure, so that one
    case is told apart by its message; every other failure is raised unchanged.
    """
    try:
        return store.event(event_id)
    except StoreError as exc:
        if exc.message.startswith("no stored event"):
            return None
        raise


# --- pages -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of a listing and the cursor of the next one (None on the last page)."""

    items: tuple[StoredEvent, ...]
    next_cursor: str | None


def sort_key(item: StoredEvent) -> SortKey:
    """Where the event stands in the store's reading order; a cursor holds the last one shown."""
    return position(item)


def encode_cursor(key: SortKey) -> str:
    """An opaque, URL-safe token for "after this event"."""
    raw = json.dumps([key[0], key[1], key[2]], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> SortKey:
    """The sort key inside a cursor; a ConfigError for anything this module did not make."""
    bad = ConfigError("not a cursor from a previous page; start again without one", where="cursor")
    if len(cursor) > MAX_CURSOR_CHARS:
        raise bad
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise bad from None
    if (
        not isinstance(value, list)
        or len(value) != 3
        or not isinstance(value[0], bool)
        or not all(isinstance(v, str) for v in value[1:])
    ):
        raise bad
    return (value[0], value[1], value[2])


def page_events(
    store: Store,
    *,
    between: tuple[str, str] | None = None,
    party: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    query: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> EventPage:
    """A page of the filtered listing, in the order of ``list_events``, after ``cursor``.

    ``party`` keeps the events one code takes part in (as source or target).
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ConfigError(f"expected a page size of 1 or more, got {limit!r}", where="limit")
    after = decode_cursor(cursor) if cursor else None
    if query is None and party is None:
        # Every filter is the store's: it reads this page (and one more row) and nothing else.
        found = store.events(between=between, type=type, since=since, until=until, after=after, limit=limit + 1)
    else:
        found = matching(store.events(between=between, type=type, since=since, until=until), query)
        if party is not None:
            found = [i for i in found if party in i.event.source or party in i.event.target]
    return _page(found, after, limit)


def _page(found: list[StoredEvent], after: SortKey | None, limit: int) -> EventPage:
    """The first ``limit`` events past ``after`` in reading order, and the cursor after them."""
    ordered = sorted(found, key=sort_key)
    if after is not None:
        ordered = [item for item in ordered if sort_key(item) > after]
    shown = ordered[:limit]
    more = len(ordered) > limit
    return EventPage(items=tuple(shown), next_cursor=encode_cursor(sort_key(shown[-1])) if more else None)
