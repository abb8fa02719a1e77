"""The JSON the API answers with, as pydantic models: they make the OpenAPI schema exact.

Converters from parley's records live beside the models, so a record and its JSON form can
be read side by side; field names follow the guideline's event format.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model import Mention, StoredEvent
from ..query.coding import event_cameo, event_score
from ..query.timeline import place
from ..store import Correction


class MentionOut(BaseModel):
    article_id: str
    article: str = Field(description="The name the article was ingested under.")
    published: str | None
    evidence: str
    sentence_index: int
    start: int
    end: int


class EventOut(BaseModel):
    id: str
    type: str
    mode: str | None
    source: list[str]
    target: list[str]
    persons: list[str]
    date: str | None
    planned_for: str | None
    location: str | None
    location_country: str | None
    topics: list[str]
    evidence: str
    cameo: str
    score: float
    confidence: float
    rule: str
    when: str | None = Field(description="The event's date, else the date of its earliest report.")
    dated_by: Literal["event", "report"] | None
    corroboration: int = Field(description="How many articles report the event.")
    mentions: list[MentionOut]


class CorrectionOut(BaseModel):
    event_id: str
    field: str | None
    value: object | None
    reject: bool
    at: str


class ArticleOut(BaseModel):
    article_id: str
    title: str | None
    published: str | None
    text: str


class EventDetail(EventOut):
    explanation: list[str]
    corrections: list[CorrectionOut]
    articles: list[ArticleOut] = Field(description="The reporting articles, where the store can read them back.")


class EventPageOut(BaseModel):
    events: list[EventOut]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null on the last one.")


class SearchOut(BaseModel):
    q: str
    count: int
    events: list[EventOut]


class MonthOut(BaseModel):
    month: str
    events: int
    index: float
    mean: float | None
    cooperation: int
    conflict: int
    mentions: int
    by_report: int


class IndexOut(BaseModel):
    a: str
    b: str
    events: int
    index: float
    unplaced: int
    months: list[MonthOut]


class TopicOut(BaseModel):
    topic: str
    events: int
    mentions: int
    first: str | None
    last: str | None
    types: dict[str, int]


class TopicsOut(BaseModel):
    a: str
    b: str
    events: int
    untagged: int
    topics: list[TopicOut]


class DyadFilters(BaseModel):
    type: str | None
    since: str | None
    until: str | None


class DyadOut(BaseModel):
    a: str
    b: str
    filters: DyadFilters
    timeline: list[EventOut]
    index: IndexOut
    topics: TopicsOut


class CounterpartOut(BaseModel):
    code: str
    events: int
    meetings: int
    index: float


class OfficeOut(BaseModel):
    name: str
    role: str | None
    country: str | None
    events: int
    first: str | None
    last: str | None


class ActorOut(BaseModel):
    actor: str
    kind: Literal["country", "person"]
    name: str
    events: int
    first: str | None
    last: str | None
    by_type: dict[str, int]
    counterparts: list[CounterpartOut]
    offices: list[OfficeOut]
    met: dict[str, int]


class DyadActivityOut(BaseModel):
    a: str
    b: str
    events: int
    mentions: int
    last: str | None


class OverviewOut(BaseModel):
    counts: dict[str, int]
    recent: list[EventOut]
    dyads: list[DyadActivityOut]
    writable: bool


class RejectionOut(BaseModel):
    where: str
    stage: str
    reason: str
    code: str


class IngestOut(BaseModel):
    read: int
    added: int
    duplicates: int
    events: int
    rejections: list[RejectionOut]


class CorrectionIn(BaseModel):
    """An analyst's fix: fields to set (text as typed; "" clears), or reject the event."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    changes: dict[str, str] = Field(default_factory=dict, alias="set", max_length=20,
                                    examples=[{"date": "2024-12"}])
    reject: bool = False


def mention_out(mention: Mention) -> MentionOut:
    return MentionOut(
        article_id=mention.article_id,
        article=mention.external_id,
        published=mention.published,
        evidence=mention.evidence,
        sentence_index=mention.sentence_index,
        start=mention.start,
        end=mention.end,
    )


def event_fields(item: StoredEvent) -> dict[str, object]:
    """The fields of ``EventOut`` for a stored event."""
    event = item.event
    entry = place(item)
    return {
        **event.to_gold_dict(),
        "id": event.id,
        "cameo": event_cameo(event),
        "score": event_score(event),
        "confidence": event.confidence,
        "rule": event.rule,
        "when": entry.when,
        "dated_by": entry.dated_by,
        "corroboration": len(item.mentions),
        "mentions": [mention_out(m) for m in item.mentions],
    }


def event_out(item: StoredEvent) -> EventOut:
    return EventOut.model_validate(event_fields(item))


def correction_out(correction: Correction) -> CorrectionOut:
    return CorrectionOut.model_validate(correction.to_dict())
