"""Opening a store from the URL or path a user gives.

One string picks the backend, as in Datasette and SQLAlchemy: a plain path or
``sqlite:///path`` is SQLite (``sqlite:////abs/path`` for an absolute one); other schemes
are refused with a message rather than mistaken for a file name.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import Store
from .sqlite import SqliteStore

_SQLITE_PREFIX = "sqlite:///"
_LATER_BACKENDS = ("postgresql://", "postgres://", "postgresql+")
MEMORY = ":memory:"


def sqlite_path(url: str) -> str:
    """The file path a store URL names, or raise StoreError for other backends."""
    if url.startswith(_SQLITE_PREFIX):
        path = url[len(_SQLITE_PREFIX) :]
    elif url.startswith(_LATER_BACKENDS):
        raise StoreError(
            "the PostgreSQL backend is not available yet; use a SQLite path such as parley.db",
            where=url.split("@")[-1],
        )
    elif "://" in url:
        raise StoreError(
            "unknown store URL scheme; give a file path or sqlite:///path", where=url
        )
    else:
        path = url
    if not path:
        raise StoreError("no database path given", where=url)
    return path


def open_store(url: str) -> Store:
    """Open (creating if needed, with its folder) the store ``url`` names, migrated."""
    path = sqlite_path(url)
    if path != MEMORY:
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder for the database: {exc}", where=path
            ) from exc
    return SqliteStore(path)
