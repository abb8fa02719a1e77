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
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R", covariant=True)


class Pending(Protocol[R]):
    """What ``concurrent.futures`` and ``distributed`` futures both offer."""

    def result(self) -> R: ...

    def done(self) -> bool: ...


class Ready(Generic[R]):
    """A result computed in this process, queued among the futures in input order."""

    def __init__(self, value: R) -> None:
        self._value = value

    def result(self) -> R:
        return self._value

    def done(self) -> bool:
        return True


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
    run_here: Callable[[T], R] | None = None,
    ahead: int = 0,
) -> Iterator[R]:
    """Results of ``submit(index, batch)`` for every batch, in input order.

    The next batch is sent only when one of the ``window`` out is collected, so reading the
    input, running it and writing results overlap without a backlog.  With ``run_here``, this
    process runs the following batch itself whenever the one due next is not ready (workers
    take seconds to start and load their models) instead of waiting, keeping at most
    ``ahead`` such results besides those out to workers (and the one being handed back).
    """
    if window < 1 or ahead < 0:
        raise ValueError(f"window must be at least 1 and ahead at least 0, got {window} and {ahead}")
    out: deque[Pending[R]] = deque()
    source = enumerate(batches)
    with_workers = 0

    def send() -> None:
        nonlocal with_workers
        for index, batch in islice(source, window - with_workers):
            out.append(submit(index, batch))
            with_workers += 1

    send()
    while out:
        if run_here is not None and not out[0].done() and len(out) < window + ahead:
            taken = next(source, None)
            if taken is not None:  # the next result is not ready: work instead of waiting
                out.append(Ready(run_here(taken[1])))
                continue
        entry = out.popleft()
        if not isinstance(entry, Ready):
            with_workers -= 1
        result = entry.result()
        send()
        yield result
