"""Extraction as every engine runs it: one process's share of the work, model loaded once.

The steps are exactly those of ``parley.pipeline.extract``; what this module adds is the
stream of jobs, where a syndicated copy travels in order without being parsed again.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..model import Article, Extraction
from ..pipeline import BATCH_SIZE, extract, process_models

__all__ = ["BATCH_SIZE", "Job", "extract_batch", "extract_jobs", "process_models"]


@dataclass(frozen=True, slots=True)
class Job:
    """One article in the stream; ``extract`` is False for a copy already extracted in this run.

    A copy still travels in order so the single writer can record its name in the store at
    the same point the single-process run would, without parsing it again.
    """

    article: Article
    extract: bool = True


def extract_jobs(jobs: Iterable[Job], *, batch_size: int = BATCH_SIZE) -> Iterator[Extraction]:
    """One Extraction per job in order; a copy comes out bare (the store keeps only its name)."""
    pending: deque[Job] = deque()

    def wanted() -> Iterator[Article]:
        for job in jobs:
            pending.append(job)
            if job.extract:
                yield job.article

    for extraction in extract(wanted(), batch_size=batch_size):
        while not pending[0].extract:
            yield Extraction(article=pending.popleft().article)
        pending.popleft()
        yield extraction
    for job in pending:  # copies after the last extracted article
        yield Extraction(article=job.article)


def extract_batch(jobs: Sequence[Job], batch_size: int = BATCH_SIZE) -> list[Extraction]:
    """A whole batch at once: the unit a worker process receives and returns."""
    return list(extract_jobs(jobs, batch_size=batch_size))
