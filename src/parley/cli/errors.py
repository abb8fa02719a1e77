"""How every command ends: parley's own errors become one line and an exit status."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from ..errors import ParleyError

EXIT_REJECTED = 3


def fail_cleanly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn parley's own errors into ``error: [P…] where: what`` on stderr and status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ParleyError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper
