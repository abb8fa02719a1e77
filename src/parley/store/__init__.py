"""Keeping extractions and reading events back: a small ``Store`` protocol, SQLite by default."""

from __future__ import annotations

from .base import Store
from .connect import open_store
from .sqlite import SCHEMA_VERSION, SqliteStore

__all__ = ["SCHEMA_VERSION", "SqliteStore", "Store", "open_store"]
