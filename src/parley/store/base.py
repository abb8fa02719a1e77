"""The interface every store backend offers.

The query layer, the CLI and the API see only this protocol, so SQLite (the default) and a
later PostgreSQL backend are interchangeable.  It is deliberately small: writes take whole
records, reads return records, and nothing outside a backend sees SQL or rows.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, runtime_checkable

from ..model import Extraction, Rejection, StoredEvent


@runtime_checkable
class Store(Protocol):
    """A place where extractions are kept and events are read back with their mentions."""

    @property
    def schema_version(self) -> int:
        """The number of migrations applied to the underlying database."""
        ...

    def add(self, extraction: Extraction) -> bool:
        """Store an article with its entities and events at once; False if already known.

        A known article (same content hash) only gains the extra external name, so feeding
        the same input twice is a no-op.
        """
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
    ) -> list[StoredEvent]:
        """Stored events matching every given filter, ordered by effective date.

        ``between`` keeps events whose parties include both codes, in either direction;
        ``since``/``until`` (``YYYY[-MM[-DD]]``) keep events whose effective date (own date,
        else the report's publication date) overlaps the bounds.
        """
        ...

    def counts(self) -> dict[str, int]:
        """How many articles, events and rejections are stored."""
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
