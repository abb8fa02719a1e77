"""``parley serve``: the web pages and the JSON API over a store, on loopback by default.

Writes (posting articles, corrections) are allowed only when ``PARLEY_TOKEN`` is set; the
token then goes in ``Authorization: Bearer …`` (or the upload form's token field).
Register with ``main.add_command(serve)``.
"""

from __future__ import annotations

import click

from ..errors import ConfigError
from .errors import fail_cleanly


@click.command()
@click.option("--db", required=True, help="Store: a SQLite path or a postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the store to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@fail_cleanly
def serve(db: str, host: str, port: int) -> None:
    """Serve the store DB as web pages and a JSON API (read-only unless PARLEY_TOKEN is set)."""
    try:
        from ..api import settings_from_env
        from ..api.server import is_loopback, make_server
    except ImportError as exc:
        raise ConfigError(f"the web app needs the 'web' extra ({exc.name} is missing): pip install -e '.[web]'") from exc
    from ..store import open_store

    settings = settings_from_env(db, host=host, port=port)
    open_store(db).close()  # a bad path or URL fails here, not on the first request
    server = make_server(settings)
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach it can read the store", err=True)
    mode = "writes allowed with the token" if settings.writable else "read-only (PARLEY_TOKEN not set)"
    click.echo(f"serving {db} on http://{host}:{port}/ — {mode}", err=True)
    server.run()
