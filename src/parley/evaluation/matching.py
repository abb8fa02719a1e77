"""Pairing gold and predicted events within one article.

The guideline fixes a greedy order (each gold event in turn takes its best unmatched
prediction) rather than an optimal assignment: it is what annotators can reproduce by hand,
and with type and party set as a hard key the candidates for one gold event are few.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .fields import agreement
from .records import EventRef


@dataclass(frozen=True, slots=True)
class ArticleMatch:
    """The outcome for one article: pairs, leftovers on both sides, and type confusions."""

    pairs: tuple[tuple[EventRef, EventRef], ...]
    missed: tuple[EventRef, ...]
    spurious: tuple[EventRef, ...]
    confusions: tuple[tuple[str, str], ...]


def _best(
    gold: EventRef,
    candidates: Sequence[EventRef],
    taken: list[bool],
    fits: Callable[[EventRef], bool],
) -> int | None:
    """Index of the untaken candidate that fits and agrees most; the first one wins ties."""
    best, best_score = None, -1.0
    for index, candidate in enumerate(candidates):
        if taken[index] or not fits(candidate):
            continue
        score = agreement(gold, candidate)
        if score > best_score:
            best, best_score = index, score
    return best


def match_article(gold: Sequence[EventRef], predicted: Sequence[EventRef]) -> ArticleMatch:
    """Match one article's events; each prediction is used at most once."""
    taken = [False] * len(predicted)
    pairs: list[tuple[EventRef, EventRef]] = []
    missed: list[EventRef] = []
    for event in gold:
        index = _best(
            event, predicted, taken,
            lambda c, e=event: c.type == e.type and c.parties == e.parties,
        )
        if index is None:
            missed.append(event)
        else:
            taken[index] = True
            pairs.append((event, predicted[index]))
    spurious = tuple(p for p, used in zip(predicted, taken, strict=True) if not used)
    return ArticleMatch(tuple(pairs), tuple(missed), spurious, _confusions(missed, spurious))


def _confusions(
    missed: Sequence[EventRef], spurious: Sequence[EventRef]
) -> tuple[tuple[str, str], ...]:
    """Pair each missed gold event with a leftover prediction about the same parties.

    Any such leftover has another type (one of the same type would have matched).  Each
    leftover explains at most one miss, so one wrong prediction is not counted twice.
    """
    taken = [False] * len(spurious)
    found: list[tuple[str, str]] = []
    for event in missed:
        index = _best(event, spurious, taken, lambda c, e=event: c.parties == e.parties)
        if index is not None:
            taken[index] = True
            found.append((event.type, spurious[index].type))
    return tuple(found)
