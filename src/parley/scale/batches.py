"""Cutting a stream into batches and getting results back in input order, a few at a time.

Engines run batches anywhere (a process pool, a Dask cluster) and finish them in any order;
the single writer must see them in input order.  Only ``window`` batches are out at once, so
memory stays flat however long the stream is, while every worker still has the next batch
waiting.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R", covariant=True)


class Pending(Protocol[R]):
    """What ``concurrent.futures`` and ``distributed`` futures both offer."""

    def result(self) -> R: ...


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter), read lazily."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def in_order(
    batches: Iterable[T],
    submit: Callable[[int, T], Pending[R]],
    *,
    window: int,
) -> Iterator[R]:
    """Results of ``submit(index, batch)`` for every batch, in input order.

    The next batch is read from ``batches`` only when one of the ``window`` out is collected,
    so reading the input, running it and writing results overlap without a backlog.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    out: deque[Pending[R]] = deque()
    source = enumerate(batches)
    for index, batch in islice(source, window):
        out.append(submit(index, batch))
    while out:
        result = out.popleft().result()
        for index, batch in islice(source, 1):
            out.append(submit(index, batch))
        yield result
