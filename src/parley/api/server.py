"""Running the app under uvicorn, with the limits a small analysts' server needs.

One place builds the server, so ``parley serve``, the browser tests and the load script all
run the same configuration: loopback unless told otherwise, no ``Server`` header, no trust
in forwarded headers, bounded concurrency and keep-alive.
"""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI

from .app import create_app
from .settings import LOOPBACK_HOSTS, Settings

LIMIT_CONCURRENCY = 200
KEEP_ALIVE_S = 5


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def make_server(settings: Settings, *, app: FastAPI | None = None, access_log: bool = True) -> uvicorn.Server:
    """A uvicorn server for ``app`` (else a new app from ``settings``) on its host and port."""
    config = uvicorn.Config(
        app if app is not None else create_app(settings),
        host=settings.host,
        port=settings.port,
        server_header=False,
        proxy_headers=False,
        limit_concurrency=LIMIT_CONCURRENCY,
        timeout_keep_alive=KEEP_ALIVE_S,
        access_log=access_log,
        log_level="info",
    )
    return uvicorn.Server(config)
