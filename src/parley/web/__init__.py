"""Server-rendered pages for analysts: search, pairs, events with their evidence, actors.

No JavaScript and nothing loaded from elsewhere; every page has a JSON twin under ``/api/``.
"""

from __future__ import annotations

from .pages import router

__all__ = ["router"]
