"""The interface every store backend offers.

The query layer, the CLI and the API see only this protocol, so SQLite (the default) and
PostgreSQL are interchangeable.  It is deliberately small: writes take whole records, reads
return records, and nothing outside a backend sees SQL or rows.

Events are *fused*: one stored event per happening, however many articles report it; its
``mentions`` are those reports (one per article, so ``len(mentions)`` is the corroboration)
and its explanation ends with why each report was fused and what analysts corrected.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Protocol, runtime_checkable

from ..model import Article, Extraction, Person, Rejection, StoredEvent
from .corrections import Correction
from .pairs import PairGroup, PairTally
from .reads import Position


@runtime_checkable
class Store(Protocol):
    """A place where extractions are kept and events are read back with their mentions."""

    @property
    def schema_version(self) -> int:
        """The number of migrations applied to the underlying database."""
        ...

    def add(self, extraction: Extraction, *, replace: bool = False) -> bool:
        """Store an article with its entities and events at once; False if already known.

        A known article (same content hash) only gains the extra external name, so feeding
        the same input twice is a no-op; with ``replace`` its entities and events are swapped
        for the new extraction's (re-extraction) and True is returned.  Its events are fused
        with the stored ones in the same transaction.
        """
        ...

    def correct(
        self, event_id: str, *, set: Mapping[str, str] | None = None, reject: bool = False
    ) -> StoredEvent:
        """Record an analyst's fix of an event (fields to set, or reject it); the event after.

        Values are text as typed (``{"date": "2024-12", "source": "PAK,CHN"}``; ``""`` clears
        an optional field).  Corrections are kept apart from extracted data and applied in
        every read; rejected events are left out of ``events()`` unless asked for.
        """
        ...

    def corrections(self, event_id: str | None = None) -> list[Correction]:
        """Every correction, oldest first; or those applied to one event."""
        ...

    def event(self, event_id: str) -> StoredEvent:
        """One event (even a rejected one) by its id, or by the id of any of its reports."""
        ...

    def add_rejection(self, rejection: Rejection) -> None:
        """Keep an input that could not become an article; repeats are kept once."""
        ...

    def rejections(self) -> list[Rejection]:
        """Every kept rejection, oldest first."""
        ...

    def events(
        self,
        *,
        between: tuple[str, str] | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        include_rejected: bool = False,
        after: Position | None = None,
        newest: bool = False,
    ) -> list[StoredEvent]:
        """Stored events matching every given filter, ordered by effective date.

        ``between`` keeps events whose parties include both codes, in either direction;
        ``since``/``until`` (``YYYY[-MM[-DD]]``) keep events whose effective date (own date,
        else the earliest report's publication day) overlaps the bounds.  Fields are
        shown as corrected; rejected events only with ``include_rejected``.

        The order is total: undated last, then by effective date, then by id, which is
        ``position(item)``.  ``after`` (a position) starts past that event, so ``limit`` with
        the last position of the previous page reads the next page and nothing more; without
        them every matching event is returned.  ``newest`` turns the dated events round,
        latest first (undated still last, by id), for "what happened lately"; it takes no
        ``after``.
        """
        ...

    def pair_tallies(self, a: str, b: str) -> list[PairTally]:
        """The events of ``a`` and ``b`` (not rejected), counted without reading them one by one.

        One tally per month (None: no month), type, mode, side split (``across``: one code
        among the sources and the other among the targets) and own score; a dyad's monthly
        index is a sum over these, however many events it has.
        """
        ...

    def pair_sizes(self) -> list[tuple[str, str, int]]:
        """(code, code, rows) per pair of parties, largest first: how many events (not rejected)
        are filed under the pair, an upper bound of those relating it, no event read."""
        ...

    def pair_groups(self, a: str, b: str) -> list[PairGroup]:
        """The events of ``a`` and ``b`` (not rejected) counted per kind (type, mode, side split,
        mentions each), with each group's latest effective date; no event read."""
        ...

    def articles(self, *, latest: int | None = None) -> list[Article]:
        """Every stored article (or the ``latest`` N), under its first name, oldest first."""
        ...

    def entities(self) -> list[tuple[str, Person, str | None]]:
        """Every stored person as (article id, person, the article's publication date)."""
        ...

    def counts(self) -> dict[str, int]:
        """How many articles, events, mentions, rejections and corrections are stored."""
        ...

    def close(self) -> None:
        """Release the connection; the store is unusable afterwards."""
        ...

    def __enter__(self) -> Store: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
