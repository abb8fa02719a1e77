"""The JSON API and the app factory: ``create_app(settings)`` builds the whole web app.

Handlers call ``query/`` functions and hold no SQL; errors share one JSON shape; listings
page with cursors; every HTML page (``parley.web``) has its JSON twin here under /api/.
"""

from __future__ import annotations

from .app import create_app
from .settings import Settings, settings_from_env

__all__ = ["Settings", "create_app", "settings_from_env"]
