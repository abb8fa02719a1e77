"""Opening a store from the URL or path a user gives.

One string picks the backend, as in Datasette and SQLAlchemy: a plain path or
``sqlite:///path`` is SQLite (``sqlite:////abs/path`` for an absolute one, ``:memory:`` for a
throwaway one); ``postgresql://user:pass@host:port/db`` is PostgreSQL through psycopg 3.
Other schemes are refused with a message rather than mistaken for a file name.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL

from ..errors import StoreError
from .base import Store
from .engine import database_url
from .sql import SqlStore

_SQLITE_PREFIX = "sqlite:///"
_POSTGRES_PREFIXES = ("postgresql://", "postgres://", "postgresql+psycopg://")
MEMORY = ":memory:"


def _hidden(url: str) -> str:
    """The URL without its credentials, for messages."""
    return url.split("@")[-1]


def sqlite_path(url: str) -> str:
    """The file path a SQLite store URL names (a plain path names itself)."""
    path = url[len(_SQLITE_PREFIX) :] if url.startswith(_SQLITE_PREFIX) else url
    if not path:
        raise StoreError("no database path given", where=url)
    return path


def store_url(url: str) -> URL:
    """The SQLAlchemy URL for a store URL or path, or raise StoreError for other schemes."""
    if url.startswith(_POSTGRES_PREFIXES):
        try:
            return database_url(url)
        except Exception as exc:  # noqa: BLE001 - any parse failure is the user's URL
            raise StoreError(f"not a valid PostgreSQL URL ({exc})", where=_hidden(url)) from exc
    if "://" in url and not url.startswith(_SQLITE_PREFIX):
        raise StoreError(
            "unknown store URL scheme; give a file path, sqlite:///path or postgresql://…",
            where=_hidden(url),
        )
    path = sqlite_path(url)
    if path != MEMORY:
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder for the database: {exc}", where=path
            ) from exc
    return URL.create("sqlite", database=None if path == MEMORY else path)


def open_store(url: str) -> Store:
    """Open (creating and migrating if needed) the store ``url`` names."""
    return SqlStore(store_url(url))
