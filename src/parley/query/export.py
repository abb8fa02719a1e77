"""Exporters for stored events, registered like any user-supplied one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..model import StoredEvent
from ..registry import exporters
from ..store import Store
from .coding import event_cameo, event_score
from .listing import list_events


def event_record(item: StoredEvent) -> dict[str, Any]:
    """The guideline's event format plus the id, every article that reports it, and its coding."""
    return {
        "id": item.event.id,
        **item.event.to_gold_dict(),
        "mentions": [
            {"article": m.external_id, "evidence": m.evidence, "published": m.published}
            for m in item.mentions
        ],
        "cameo": event_cameo(item.event),
        "score": event_score(item.event),
    }


@exporters.register("jsonl")
def export_jsonl(store: Store) -> Iterator[str]:
    """One JSON object per stored event, in date order; lines carry no trailing newline."""
    for item in list_events(store):
        yield json.dumps(event_record(item), ensure_ascii=False)
