"""The records a scoring run produces, and the checked view of one event it scores.

Events arrive as loose dicts in the guideline's interchange format (gold files, prediction
files, ``Extraction.to_gold_dict()``); they are checked and frozen once into ``EventRef`` so
the matcher and the field rules never guess at a missing key or a string where a list belongs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import EvalError

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True, slots=True)
class EventRef:
    """One gold or predicted event, normalised for comparison and kept for reporting."""

    article_id: str
    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    mode: str | None = None
    persons: tuple[str, ...] = ()
    date: str | None = None
    planned_for: str | None = None
    location: str | None = None
    evidence: str = ""

    @property
    def parties(self) -> frozenset[str]:
        """Who is involved regardless of direction: the matching key besides the type."""
        return frozenset(self.source) | frozenset(self.target)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "type": self.type,
            "mode": self.mode,
            "source": list(self.source),
            "target": list(self.target),
            "persons": list(self.persons),
            "date": self.date,
            "planned_for": self.planned_for,
            "location": self.location,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class TypeScore:
    """Event-matching counts for one PLOVER type (or ``"all"`` for the micro average)."""

    type: str
    gold: int
    predicted: int
    tp: int

    @property
    def fp(self) -> int:
        return self.predicted - self.tp

    @property
    def fn(self) -> int:
        return self.gold - self.tp

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "gold": self.gold,
            "predicted": self.predicted,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True, slots=True)
class FieldScore:
    """Accuracy of one field over the matched pairs it applies to.

    ``right`` is a float because ``persons`` adds up per-pair F1 values, not 0/1 verdicts.
    """

    name: str
    right: float
    total: int

    @property
    def accuracy(self) -> float | None:
        """``None`` when no matched pair had the field to score (not the same as 0.0)."""
        return self.right / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "right": self.right, "total": self.total,
                "accuracy": self.accuracy}


@dataclass(frozen=True, slots=True)
class Confusion:
    """Gold events of one type missed while a prediction of another type had the same parties."""

    gold_type: str
    predicted_type: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold_type, "predicted": self.predicted_type, "count": self.count}


@dataclass(frozen=True, slots=True)
class FieldMismatch:
    """A matched pair that got one field wrong, so a developer can see which and why."""

    article_id: str
    type: str
    field: str
    gold: str
    predicted: str
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "type": self.type, "field": self.field,
                "gold": self.gold, "predicted": self.predicted, "evidence": self.evidence}


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Everything one scoring run found; ``render_report`` and ``report_to_dict`` show it."""

    articles: int
    overall: TypeScore
    per_type: tuple[TypeScore, ...]
    macro_f1: float
    fields: tuple[FieldScore, ...]
    confusion: tuple[Confusion, ...] = ()
    missed: tuple[EventRef, ...] = ()
    spurious: tuple[EventRef, ...] = ()
    mismatches: tuple[FieldMismatch, ...] = ()
    ignored_articles: tuple[str, ...] = ()

    @property
    def gold_events(self) -> int:
        return self.overall.gold

    @property
    def predicted_events(self) -> int:
        return self.overall.predicted

    def field(self, name: str) -> FieldScore:
        for score in self.fields:
            if score.name == name:
                return score
        raise KeyError(name)


def _optional_str(event: dict[str, Any], key: str, where: str) -> str | None:
    value = event.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    raise EvalError(f"{key!r} must be a string or null, not {type(value).__name__}", where=where)


def _str_list(event: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = event.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EvalError(f"{key!r} must be a list of strings", where=where)
    return tuple(v.strip() for v in value if v.strip())


def _date(event: dict[str, Any], key: str, where: str) -> str | None:
    value = _optional_str(event, key, where)
    if value is not None and not _DATE.fullmatch(value):
        raise EvalError(f"{key!r} is {value!r}, not YYYY, YYYY-MM or YYYY-MM-DD", where=where)
    return value


def event_ref(article_id: str, event: Any, where: str) -> EventRef:
    """Check one event dict and freeze it; codes and types are upper-cased for comparison."""
    if not isinstance(event, dict):
        raise EvalError(f"an event must be a JSON object, not {type(event).__name__}",
                        where=where)
    kind = event.get("type")
    if not isinstance(kind, str) or not kind.strip():
        raise EvalError("event has no 'type'", where=where)
    mode = _optional_str(event, "mode", where)
    evidence = event.get("evidence") or ""
    if not isinstance(evidence, str):
        raise EvalError("'evidence' must be a string", where=where)
    return EventRef(
        article_id=article_id,
        type=kind.strip().upper(),
        source=tuple(code.upper() for code in _str_list(event, "source", where)),
        target=tuple(code.upper() for code in _str_list(event, "target", where)),
        mode=mode.lower() if mode else None,
        persons=_str_list(event, "persons", where),
        date=_date(event, "date", where),
        planned_for=_date(event, "planned_for", where),
        location=_optional_str(event, "location", where),
        evidence=evidence,
    )


def document_events(article_id: str, document: Any, where: str) -> tuple[EventRef, ...]:
    """The checked events of one ``{"id", "entities", "events"}`` document."""
    if not isinstance(document, dict):
        raise EvalError("a document must be a JSON object", where=where)
    events = document.get("events", [])
    if not isinstance(events, list):
        raise EvalError("'events' must be a list", where=where)
    return tuple(
        event_ref(article_id, event, f"{where}, event {number}")
        for number, event in enumerate(events, start=1)
    )
