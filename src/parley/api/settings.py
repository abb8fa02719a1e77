"""What the web server is told: which store, which address, whether writes are allowed.

Settings are plain data built once (from options and the environment) and handed to
``create_app``; nothing is read from the environment at import time, so tests build as many
differently configured apps as they like in one process.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import ConfigError

TOKEN_VARIABLE = "PARLEY_TOKEN"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
MIN_TOKEN_CHARS = 8
DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    """How one app instance behaves.

    ``token`` None means read-only: every write answers 403.  ``allowed_hosts`` are the
    ``Host`` header values accepted (against DNS rebinding); None derives them from ``host``:
    the loopback names for a loopback bind, anything otherwise.
    """

    db: str
    token: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    page_size: int = 50
    max_page_size: int = 200
    allowed_hosts: tuple[str, ...] | None = None

    @property
    def writable(self) -> bool:
        return self.token is not None

    def hosts(self) -> tuple[str, ...]:
        """The ``Host`` names requests may carry (``*`` for any)."""
        if self.allowed_hosts is not None:
            return self.allowed_hosts
        if self.host in LOOPBACK_HOSTS:
            return LOOPBACK_HOSTS
        return ("*",)


def check_token(token: str | None) -> str | None:
    """A usable token, None for an empty one; a ConfigError for one too short to guard writes."""
    if token is None or not token.strip():
        return None
    if len(token.strip()) < MIN_TOKEN_CHARS:
        raise ConfigError(f"the token must have at least {MIN_TOKEN_CHARS} characters", where=TOKEN_VARIABLE)
    return token.strip()


def settings_from_env(
    db: str, *, host: str = "127.0.0.1", port: int = 8000, environ: Mapping[str, str] | None = None
) -> Settings:
    """Settings for ``parley serve``: the options given, the write token from ``PARLEY_TOKEN``."""
    env = os.environ if environ is None else environ
    return Settings(db=db, host=host, port=port, token=check_token(env.get(TOKEN_VARIABLE)))
