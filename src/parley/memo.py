"""Remembered answers to lookups that news repeats, in a bounded space.

Names, titles, places and word forms recur across articles, so remembering what a lookup
answered saves most of its cost; but a stream of millions of articles keeps bringing new
ones, and memory must stay flat in the corpus size.  A ``Memo`` forgets everything at once
when it is full: the answers themselves never change, only how often they are recomputed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

DEFAULT_SIZE = 1 << 16


class Memo(Generic[K, V]):
    """``memo(key, compute)``: the remembered answer for ``key``, else ``compute(key)`` remembered."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self._answers: dict[K, V] = {}
        self._size = size

    def __call__(self, key: K, compute: Callable[[K], V]) -> V:
        try:
            return self._answers[key]
        except KeyError:
            if len(self._answers) >= self._size:
                self._answers.clear()
            answer = self._answers[key] = compute(key)
            return answer

    def clear(self) -> None:
        """Forget every answer, when what they were computed from has changed."""
        self._answers.clear()

    def __len__(self) -> int:
        return len(self._answers)
