"""How one predicted field is judged against its gold value (GUIDELINE.md, "Scoring").

Each rule is a pure function of the two values so the matcher (which counts agreement to pick
the best prediction) and the accuracy tally (which reports it) cannot drift apart.
"""

from __future__ import annotations

from .records import EventRef

_NAME_PUNCTUATION = ".,;:'\"()[]"


def date_right(gold: str | None, predicted: str | None) -> bool:
    """A prediction is right when it says at least what the gold says, and nothing else.

    The gold records only the precision that is certain, so a finer prediction that agrees
    on the gold's part is right; a coarser one claims less than the text supports, and a
    date where the gold has none invents one.
    """
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return len(predicted) >= len(gold) and predicted[: len(gold)] == gold


def location_right(gold: str | None, predicted: str | None) -> bool:
    """Places are compared as written, ignoring case ("islamabad" is Islamabad)."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return gold.casefold() == predicted.casefold()


def _last_words(names: tuple[str, ...]) -> frozenset[str]:
    words = set()
    for name in names:
        parts = name.split()
        if parts:
            word = parts[-1].strip(_NAME_PUNCTUATION).casefold()
            if word:
                words.add(word)
    return frozenset(words)


def persons_f1(gold: tuple[str, ...], predicted: tuple[str, ...]) -> float:
    """F1 over surnames, so "Sharif" counts for "Shehbaz Sharif" and first-name spellings
    or missing titles do not; two empty lists agree fully."""
    want, got = _last_words(gold), _last_words(predicted)
    if not want and not got:
        return 1.0
    return 2 * len(want & got) / (len(want) + len(got))


def mode_right(gold: str | None, predicted: str | None) -> bool:
    return gold == predicted


def direction_right(gold: EventRef, predicted: EventRef) -> bool:
    """Matching ignores direction (parties as a set); this is where a swap shows."""
    return (frozenset(gold.source) == frozenset(predicted.source)
            and frozenset(gold.target) == frozenset(predicted.target))


def agreement(gold: EventRef, predicted: EventRef) -> float:
    """How well a candidate fits a gold event, to choose among same-type, same-party ones.

    Every field the guideline names counts one point (persons counts its F1), so the choice
    prefers the prediction that would score best; source and target count separately.
    """
    return (
        date_right(gold.date, predicted.date)
        + date_right(gold.planned_for, predicted.planned_for)
        + location_right(gold.location, predicted.location)
        + persons_f1(gold.persons, predicted.persons)
        + mode_right(gold.mode, predicted.mode)
        + (frozenset(gold.source) == frozenset(predicted.source))
        + (frozenset(gold.target) == frozenset(predicted.target))
    )
