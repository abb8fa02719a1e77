"""The app factory: one FastAPI app per call, over one store, configured by ``Settings``.

Nothing happens at import, nor when an app is built: the store is opened on first use and
closed when the server shuts down (and opened again if the app is started again, as test
clients do); a store handed in by the caller is the caller's to close.  The interactive
docs pages are off because they load scripts from a CDN; the schema is at /openapi.json.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from .. import __version__
from ..store import Store, open_store
from ..web import router as web_router
from ..web.render import error_page
from .errors import ErrorBody, install_error_handlers
from .routes import router as api_router
from .security import BodyLimit, HostCheck, SecurityHeaders
from .settings import Settings

DESCRIPTION = (
    "Events of international relations extracted from news, each traced to its evidence. "
    "Reads are open; writes need `Authorization: Bearer <token>` and a server started with "
    "PARLEY_TOKEN. Every error has the shape `{\"error\": {\"status\", \"code\", \"message\"}}`."
)


class StoreHolder:
    """The app's store: opened on first use, closed at shutdown, reopened if used again."""

    def __init__(self, db: str, store: Store | None) -> None:
        self._db = db
        self._given = store
        self._opened: Store | None = None
        self._lock = threading.Lock()

    def get(self) -> Store:
        if self._given is not None:
            return self._given
        with self._lock:
            if self._opened is None:
                self._opened = open_store(self._db)
            return self._opened

    def close(self) -> None:
        with self._lock:
            if self._opened is not None:
                self._opened.close()
                self._opened = None


def create_app(settings: Settings, *, store: Store | None = None) -> FastAPI:
    """The web app and JSON API over ``store`` (else the store ``settings.db`` names)."""
    holder = StoreHolder(settings.db, store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            holder.close()

    app = FastAPI(
        title="parley", version=__version__, description=DESCRIPTION,
        docs_url=None, redoc_url=None, openapi_url="/openapi.json", lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.stores = holder
    app.state.write_lock = threading.Lock()
    app.state.render_error = lambda body: _error_html(body, settings)
    install_error_handlers(app)
    app.include_router(api_router)
    app.include_router(web_router)
    app.add_middleware(HostCheck, hosts=settings.hosts())
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _error_html(body: ErrorBody, settings: Settings) -> str:
    return error_page(body, writable=settings.writable)
