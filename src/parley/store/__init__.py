"""Keeping extractions and reading fused events back: a small ``Store`` protocol on SQL.

SQLite by default, PostgreSQL by URL (SQLAlchemy Core, numbered migrations).
"""

from __future__ import annotations

from .base import Store
from .connect import open_store, store_url
from .corrections import CORRECTABLE, Correction
from .migrations import SCHEMA_VERSION
from .pairs import PairGroup, PairTally
from .reads import Position, position
from .sql import SqliteStore, SqlStore

__all__ = [
    "CORRECTABLE",
    "SCHEMA_VERSION",
    "Correction",
    "PairGroup",
    "PairTally",
    "Position",
    "SqlStore",
    "SqliteStore",
    "Store",
    "open_store",
    "position",
    "store_url",
]
