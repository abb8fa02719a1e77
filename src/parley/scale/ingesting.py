"""Ingest at scale: read in one place, extract on an engine, write with one writer, in order.

This is ``parley.pipeline.ingest`` with the extraction handed to an engine: this process,
N local processes (``workers``) or a Dask cluster (``engine="dask"``).  Whatever the engine,
the store sees the same extractions in the same order, so it ends up the same — fusion runs
inside each ``Store.add``, as the articles are merged, exactly as in a single-process run.

A copy of an article already read in this run (same content id, e.g. a syndicated story)
is not parsed again: the single-process run parses it only for the store to keep its name
and drop the rest, so the store is told the same thing for free.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..model import Article, Extraction, Rejection
from ..pipeline import IngestSummary, ingest
from ..store import Store
from .dask_driver import LOCAL_WORKERS, PARTITION_SIZE, dask_client, extract_on_dask
from .engines import ENGINES
from .extracting import BATCH_SIZE, Job
from .workers import check_workers, extract_in_processes

RECENT_IDS = 100_000
"""How many article ids a run remembers to spot copies; older copies are parsed again (harmless)."""

Extractor = Callable[[Iterable[Job]], Iterator[Extraction]]


@dataclass(frozen=True, slots=True)
class ScaleOptions:
    """Where extraction runs.  ``workers`` None means 1 locally, 2 for a local Dask cluster."""

    workers: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    shard_dir: str | Path | None = None
    batch_size: int = BATCH_SIZE
    partition_size: int = PARTITION_SIZE


def check_options(options: ScaleOptions) -> ScaleOptions:
    """Refuse combinations that cannot mean what the user wants, naming the option."""
    if options.engine not in ENGINES:
        raise ConfigError(f"unknown engine {options.engine!r}; expected one of {', '.join(ENGINES)}", where="--engine")
    if options.workers is not None:
        check_workers(options.workers)
    if options.engine == "local" and (options.scheduler or options.shard_dir):
        raise ConfigError("--scheduler and --shard-dir need --engine dask", where="--engine")
    if options.scheduler and options.workers is not None:
        raise ConfigError(
            "--workers sets the size of a local run; a Dask cluster's size is set where its workers start",
            where="--workers",
        )
    if options.batch_size < 1 or options.partition_size < 1:
        raise ConfigError("batch and partition sizes must be at least 1", where="scale options")
    return options


@contextmanager
def extractor(options: ScaleOptions) -> Iterator[Extractor]:
    """A function from jobs to extractions in input order, running where ``options`` say."""
    options = check_options(options)
    if options.engine == "local":
        workers = options.workers or 1
        yield lambda jobs: extract_in_processes(jobs, workers=workers, batch_size=options.batch_size)
        return
    with dask_client(options.scheduler, workers=options.workers or LOCAL_WORKERS) as client:
        yield lambda jobs: extract_on_dask(
            jobs, client, shard_dir=options.shard_dir,
            partition_size=options.partition_size, batch_size=options.batch_size,
        )


class RecentIds:
    """The last ``size`` article ids seen: bounded, so memory does not grow with the corpus."""

    def __init__(self, size: int = RECENT_IDS) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._size = size

    def first_time(self, article_id: str) -> bool:
        if article_id in self._ids:
            self._ids.move_to_end(article_id)
            return False
        self._ids[article_id] = None
        if len(self._ids) > self._size:
            self._ids.popitem(last=False)
        return True


def extract_parallel(articles: Iterable[Article], options: ScaleOptions | None = None) -> Iterator[Extraction]:
    """Extractions of ``articles`` in input order, as ``parley.pipeline.extract`` gives them."""
    with extractor(options or ScaleOptions()) as run:
        yield from run(Job(article) for article in articles)


def ingest_items(
    items: Iterable[Article | Rejection],
    store: Store,
    options: ScaleOptions | None = None,
    *,
    on_article: Callable[[Article], None] | None = None,
) -> IngestSummary:
    """``parley.pipeline.ingest`` with the extraction run where ``options`` say."""
    recent = RecentIds()
    with extractor(options or ScaleOptions()) as run:
        return ingest(
            items, store, on_article=on_article,
            extractor=lambda articles: run(Job(a, extract=recent.first_time(a.id)) for a in articles),
        )


def run_ingest(
    paths: Sequence[str | Path],
    store_url: str,
    *,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    shard_dir: str | Path | None = None,
    on_article: Callable[[Article], None] | None = None,
) -> IngestSummary:
    """``parley ingest``: read ``paths``, extract on the chosen engine, keep it all in the store."""
    from ..ingest import read_paths
    from ..store import open_store

    options = check_options(ScaleOptions(workers=workers, engine=engine, scheduler=scheduler, shard_dir=shard_dir))
    with open_store(store_url) as store:
        return ingest_items(read_paths(paths), store, options, on_article=on_article)
