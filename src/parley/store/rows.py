"""Conversion between records and database rows.

Lists of codes, names and topics are stored as JSON text: they are read back whole, never
searched inside (dyad queries use ``event_parties``), and JSON keeps their order, which the
guideline's format gives meaning to (source before target, persons as written).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..model import Article, Event, Mention, Person


def _dump(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _load(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def article_params(article: Article, ingested_at: str) -> tuple[Any, ...]:
    return (
        article.id,
        article.title,
        article.source,
        article.published,
        article.dateline,
        article.text,
        ingested_at,
    )


def entity_params(article_id: str, person: Person) -> tuple[Any, ...]:
    return (article_id, person.name, person.role, person.country)


def event_params(event: Event) -> tuple[Any, ...]:
    """Values for ``INSERT_EVENT``, in its column order."""
    return (
        event.id,
        event.article_id,
        event.type,
        event.mode,
        _dump(event.source),
        _dump(event.target),
        _dump(event.persons),
        _dump(event.topics),
        event.date,
        event.planned_for,
        event.location,
        event.location_country,
        event.evidence,
        event.sentence_index,
        event.start,
        event.end,
        event.rule,
        event.confidence,
        _dump(event.explanation),
    )


def mention_params(event: Event) -> tuple[Any, ...]:
    """Values for ``INSERT_MENTION``: where this article reports the event."""
    return (
        event.id,
        event.article_id,
        event.evidence,
        event.sentence_index,
        event.start,
        event.end,
    )


def party_params(event: Event) -> list[tuple[str, str, str]]:
    """One ``event_parties`` row per code and side, for dyad lookups by index."""
    rows = [(event.id, code, "source") for code in event.source]
    rows += [(event.id, code, "target") for code in event.target]
    return rows


def event_from_row(row: Sequence[Any]) -> Event:
    """Rebuild an Event from a ``SELECT_EVENTS`` row."""
    (
        event_id, article_id, type_, mode, source, target, persons, topics, date,
        planned_for, location, location_country, evidence, sentence_index, start, end,
        rule, confidence, explanation,
    ) = row  # fmt: skip
    return Event(
        id=event_id,
        article_id=article_id,
        type=type_,
        mode=mode,
        source=_load(source),
        target=_load(target),
        persons=_load(persons),
        date=date,
        planned_for=planned_for,
        location=location,
        location_country=location_country,
        topics=_load(topics),
        evidence=evidence,
        sentence_index=sentence_index,
        start=start,
        end=end,
        rule=rule,
        confidence=float(confidence),
        explanation=_load(explanation),
    )


def mention_from_row(row: Sequence[Any]) -> tuple[str, Mention]:
    """The event id and Mention of a ``SELECT_MENTIONS`` row."""
    event_id, article_id, external_id, published, evidence, index, start, end = row
    mention = Mention(
        article_id=article_id,
        external_id=external_id,
        published=published,
        evidence=evidence,
        sentence_index=index,
        start=start,
        end=end,
    )
    return event_id, mention
