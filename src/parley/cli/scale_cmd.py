"""The options that choose where ``parley ingest`` runs, and the run with its progress display.

Kept apart from ``main.py`` so the command stays a thin wrapper: ``@scale_options`` adds
``--workers``, ``--engine``, ``--scheduler`` and ``--shard-dir``; ``scaled_ingest`` runs the
library's ``run_ingest`` with a progress bar (terminal) or periodic lines (logs) on stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

import click

from ..scale.engines import ENGINES

if TYPE_CHECKING:
    from ..pipeline import IngestSummary

F = Callable[..., Any]


def scale_options(func: F) -> F:
    """Add the scale options to a click command (they arrive as keyword arguments)."""
    options = (
        click.option("--workers", type=click.IntRange(min=1), default=None,
                     help="Extract in N processes on this machine (default 1; with --engine dask and no "
                          "--scheduler, the size of the local cluster, default 2)."),
        click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                     help="Where extraction runs: this machine, or a Dask cluster."),
        click.option("--scheduler", metavar="tcp://HOST:PORT",
                     help="Address of a running Dask scheduler (with --engine dask); without it a local "
                          "cluster of 2 workers is started."),
        click.option("--shard-dir", type=click.Path(file_okay=False),
                     help="Folder for the workers' shard files (with --engine dask); on a multi-machine "
                          "cluster, a path every machine mounts. Default: a temporary folder."),
    )
    for option in reversed(options):
        func = option(func)
    return func


def scaled_ingest(
    db: str,
    paths: Sequence[str],
    *,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    shard_dir: str | None = None,
    stream: TextIO | None = None,
) -> IngestSummary:
    """Ingest ``paths`` into ``db`` on the chosen engine, showing progress on ``stream`` (stderr)."""
    from ..scale import Progress, count_articles, run_ingest

    with Progress(stream or sys.stderr, total=count_articles(paths)) as progress:
        return run_ingest(
            paths, db, workers=workers, engine=engine, scheduler=scheduler, shard_dir=shard_dir,
            on_article=lambda _article: progress.advance(),
        )
