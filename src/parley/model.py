"""The records that flow between stages.

Stages pass these frozen dataclasses, never loose dicts: they pickle for worker processes,
serialise for the store and the API unchanged, and a typo in a field name fails loudly.
Dates are ISO strings whose length is their precision (``2025``, ``2025-09``, ``2025-09-01``),
the same form the annotation guideline uses, so nothing is lost or invented on the way out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, TypeVar

T = TypeVar("T")

PRECISIONS = {4: "year", 7: "month", 10: "day"}


def precision_of(value: str | None) -> str | None:
    """``"year"``, ``"month"`` or ``"day"`` for an ISO date string of that length."""
    if value is None:
        return None
    return PRECISIONS.get(len(value))


def _from_dict(cls: type[T], data: dict[str, Any]) -> T:
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    values = {}
    for key, value in data.items():
        if key in names:
            values[key] = tuple(value) if isinstance(value, list) else value
    return cls(**values)


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from its source, before any analysis.

    ``id`` is a hash of the normalised text, so the same story under two file names is one
    article; ``external_id`` is the name the user knows it by (JSONL ``id`` or file stem).
    """

    id: str
    external_id: str
    text: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    dateline: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return _from_dict(cls, data)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not become an article, kept as data so a batch never stops."""

    where: str
    stage: str
    reason: str
    code: str = "P100"

    def __str__(self) -> str:
        return f"[{self.code}] {self.where}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DateRef:
    """A time expression found in text, resolved (or not) against an anchor.

    ``value`` is ``None`` when the expression is relative and there is nothing to resolve it
    against: parley never guesses a date.  ``relative`` says whether the value depends on the
    article's date; ``future`` marks expressions that point ahead ("next month", "in November"
    said of a plan).
    """

    text: str
    start: int
    end: int
    value: str | None
    relative: bool = False
    future: bool = False

    @property
    def precision(self) -> str | None:
        return precision_of(self.value)


@dataclass(frozen=True, slots=True)
class Person:
    """A person the article names as an actor, with the office and country it gives them."""

    name: str
    role: str | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "country": self.country}


@dataclass(frozen=True, slots=True)
class Event:
    """One happening reported by one article, in the fields of the annotation guideline.

    Provenance travels with it: the sentence index and character span of the evidence in the
    article text, and the rule (name and version) that produced it.
    """

    id: str
    article_id: str
    type: str
    mode: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    persons: tuple[str, ...] = ()
    date: str | None = None
    planned_for: str | None = None
    location: str | None = None
    location_country: str | None = None
    topics: tuple[str, ...] = ()
    evidence: str = ""
    sentence_index: int = 0
    start: int = 0
    end: int = 0
    rule: str = ""
    confidence: float = 0.5
    cameo: str | None = None
    score: float | None = None
    explanation: tuple[str, ...] = field(default=(), compare=False)

    def to_gold_dict(self) -> dict[str, Any]:
        """The event as the guideline's interchange format has it (no provenance)."""
        return {
            "type": self.type,
            "mode": self.mode,
            "source": list(self.source),
            "target": list(self.target),
            "persons": list(self.persons),
            "date": self.date,
            "planned_for": self.planned_for,
            "location": self.location,
            "location_country": self.location_country,
            "topics": list(self.topics),
            "evidence": self.evidence,
        }

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return _from_dict(cls, data)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything parley learned from one article."""

    article: Article
    entities: tuple[Person, ...] = ()
    events: tuple[Event, ...] = ()

    def to_gold_dict(self) -> dict[str, Any]:
        """One line of ``parley extract --format jsonl``: the gold format of the guideline."""
        return {
            "id": self.article.external_id,
            "entities": [p.to_dict() for p in self.entities],
            "events": [e.to_gold_dict() for e in self.events],
        }


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a stored event was reported: which article, which sentence, and when."""

    article_id: str
    external_id: str
    published: str | None
    evidence: str
    sentence_index: int = 0
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as the store returns it: the event and every article that reports it."""

    event: Event
    mentions: tuple[Mention, ...] = ()

    @property
    def reported(self) -> str | None:
        """The earliest publication date among the mentions, for placing undated events."""
        dates = sorted(m.published for m in self.mentions if m.published)
        return dates[0] if dates else None
