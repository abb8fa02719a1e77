"""``--workers N``: extraction in N processes on this machine, results back in input order.

``N`` counts this process: it starts N - 1 helper processes, each loading the pipeline,
knowledge and patterns once (in its initializer) and then extracting whole batches.  This
process reads input, hands out batches, writes (so the store keeps one writer) and, whenever
the batch due next is not back yet (helpers take seconds to start), extracts the following
batch itself instead of waiting.  Workers are started with ``spawn``: a fresh interpreter per
worker, the same on every platform, and safe however many threads the parent runs (a
forked copy of a threaded parent can deadlock).  The price is that a script calling this
must guard its entry point with ``if __name__ == "__main__":``; the ``parley`` command is.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from ..errors import ConfigError
from ..model import Extraction
from .batches import batched, in_order
from .extracting import BATCH_SIZE, Job, extract_batch, extract_jobs, process_models

WINDOW_PER_WORKER = 2
"""Batches out per worker: one running, one waiting, so no worker idles between batches."""
AHEAD_HERE = 16
"""Batches this process may finish ahead of the one due next: enough to cover helpers' start-up."""


def check_workers(workers: int) -> int:
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ConfigError(f"expected a number of worker processes of 1 or more, got {workers!r}", where="--workers")
    return workers


def _warm_up() -> None:
    process_models()


def extract_in_processes(
    jobs: Iterable[Job], *, workers: int, batch_size: int = BATCH_SIZE
) -> Iterator[Extraction]:
    """Extractions of ``jobs`` in input order, using ``workers`` processes (1: this process)."""
    check_workers(workers)
    if workers == 1:
        yield from extract_jobs(jobs, batch_size=batch_size)
        return
    context = multiprocessing.get_context("spawn")
    helpers = workers - 1  # this process is the N-th: it extracts while helpers start or lag
    with ProcessPoolExecutor(max_workers=helpers, mp_context=context, initializer=_warm_up) as pool:
        results = in_order(
            batched(jobs, batch_size),
            lambda _index, batch: pool.submit(extract_batch, batch, batch_size),
            window=helpers * WINDOW_PER_WORKER,
            run_here=lambda batch: extract_batch(batch, batch_size),
            ahead=AHEAD_HERE,
        )
        for extractions in results:
            yield from extractions
