"""Conversion between records and database rows.

Lists of codes, names and topics are stored as JSON text: read back whole, in order (the
guideline's format gives order meaning: source before target, persons as written).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

from ..errors import StoreError
from ..model import Article, Event, Extraction, Mention, Person

CHUNK = 500


def chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    """Slices of at most ``CHUNK`` ids, to keep ``IN`` lists under every backend's limit."""
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def dump(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


@lru_cache(maxsize=4096)
def load(text: str) -> tuple[str, ...]:
    """A stored list back as a tuple; cached, since codes, topics and names repeat a lot."""
    return tuple(json.loads(text))


def load_lines(text: str) -> tuple[str, ...]:
    """A stored explanation back as a tuple; not cached, since each event's is its own."""
    return () if text == "[]" else tuple(json.loads(text))


def check_storable(extraction: Extraction, where: str) -> None:
    """Refuse text a database cannot hold (NUL, lone surrogates) on every backend alike.

    Checked before anything is written, so both backends accept exactly the same input.
    """
    article = extraction.article
    texts: list[tuple[str, Any]] = [
        (f"article {name}", getattr(article, name))
        for name in ("text", "title", "source", "published", "dateline")
    ]
    for person in extraction.entities:
        texts += [("entity", person.name), ("entity", person.role), ("entity", person.country)]
    for event in extraction.events:
        texts += [(f"event {event.id}", value) for value in event_values(event).values()]
    for label, value in texts:
        if isinstance(value, str) and not _storable(value):
            raise StoreError(
                f"{label} contains a NUL character or a lone surrogate, which the database "
                "cannot hold; nothing was stored",
                where=where,
            )


def _storable(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def article_values(article: Article, ingested_at: str) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "dateline": article.dateline,
        "text": article.text,
        "ingested_at": ingested_at,
    }


def article_from_row(row: Mapping[Any, Any]) -> Article:
    return Article(
        id=row["id"],
        external_id=row["external_id"],
        text=row["text"],
        title=row["title"],
        source=row["source"],
        published=row["published"],
        dateline=row["dateline"],
    )


def entity_values(article_id: str, person: Person) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "name": person.name,
        "role": person.role,
        "country": person.country,
    }


def event_values(event: Event) -> dict[str, Any]:
    """The columns ``mentions`` and ``events`` share, from an Event."""
    return {
        "type": event.type,
        "mode": event.mode,
        "source": dump(event.source),
        "target": dump(event.target),
        "persons": dump(event.persons),
        "topics": dump(event.topics),
        "date": event.date,
        "planned_for": event.planned_for,
        "location": event.location,
        "location_country": event.location_country,
        "evidence": event.evidence,
        "sentence_index": event.sentence_index,
        "span_start": event.start,
        "span_end": event.end,
        "rule": event.rule,
        "confidence": event.confidence,
        "cameo": event.cameo,
        "score": event.score,
        "explanation": dump(event.explanation),
    }


def mention_values(
    event: Event, block: str, *, time_key: str | None = None, component: str | None = None
) -> dict[str, Any]:
    """A ``mentions`` row for an event as its article reported it (unfused without a component)."""
    return {
        "id": event.id,
        "article_id": event.article_id,
        "block": block,
        **event_values(event),
        "time_key": time_key,
        "component": component,
    }


def event_from_row(row: Mapping[Any, Any]) -> Event:
    """Rebuild an Event from a ``mentions`` or ``events`` row."""
    return Event(
        id=row["id"],
        article_id=row["article_id"],
        type=row["type"],
        mode=row["mode"],
        source=load(row["source"]),
        target=load(row["target"]),
        persons=load(row["persons"]),
        date=row["date"],
        planned_for=row["planned_for"],
        location=row["location"],
        location_country=row["location_country"],
        topics=load(row["topics"]),
        evidence=row["evidence"],
        sentence_index=row["sentence_index"],
        start=row["span_start"],
        end=row["span_end"],
        rule=row["rule"],
        confidence=float(row["confidence"]),
        cameo=row["cameo"],
        score=None if row["score"] is None else float(row["score"]),
        explanation=load_lines(row["explanation"]),
    )


def party_values(event: Event) -> list[dict[str, str]]:
    """One ``event_parties`` row per code and side, for dyad lookups by index."""
    rows = [
        {"event_id": event.id, "code": code, "side": "source"}
        for code in dict.fromkeys(event.source)
    ]
    rows += [
        {"event_id": event.id, "code": code, "side": "target"}
        for code in dict.fromkeys(event.target)
    ]
    return rows


def dump_mentions(found: Iterable[Mention]) -> str:
    """An event's mentions as one JSON array, in the order readers show them."""
    return json.dumps(
        [
            [m.article_id, m.external_id, m.published, m.evidence, m.sentence_index, m.start, m.end]
            for m in found
        ],
        ensure_ascii=False,
    )


def load_mentions(text: str) -> tuple[Mention, ...]:
    return tuple(Mention(*values) for values in json.loads(text))


def mention_from_row(row: Mapping[Any, Any]) -> Mention:
    return Mention(
        article_id=row["article_id"],
        external_id=row["external_id"],
        published=row["published"],
        evidence=row["evidence"],
        sentence_index=row["sentence_index"],
        start=row["span_start"],
        end=row["span_end"],
    )
