"""A small invented store for the analytics, export, initiative and dossier tests.

Three articles about Pakistan, Russia and China, written for these tests; the numbers the
tests expect follow from the PLOVER intensities in ``parley/data/plover.json``.
"""

from __future__ import annotations

from pathlib import Path

from parley.model import Article, Event, Extraction, Mention, StoredEvent
from parley.store import Store, open_store


def event(eid: str, aid: str, type_: str, source: tuple[str, ...], target: tuple[str, ...], **fields: object) -> Event:
    values: dict[str, object] = {"mode": None, "evidence": f"Invented sentence for {eid}."}
    values.update(fields)
    return Event(id=eid, article_id=aid, type=type_, source=source, target=target, **values)  # type: ignore[arg-type]


EVENTS = {
    "a1": (
        event("e1", "a1", "CONSULT", ("PAK",), ("RUS",), mode="visit", date="2025-01-08",
              persons=("Shehbaz Sharif", "Vladimir Putin"), topics=("energy",),
              evidence="Prime Minister Shehbaz Sharif visited Moscow and met President Vladimir Putin."),
        event("e2", "a1", "AGREE", ("PAK",), ("RUS",), planned_for="2025-11", topics=("transport",),
              evidence="The two leaders highlighted the need for direct flights."),
    ),
    "a2": (
        event("e3", "a2", "ACCUSE", ("RUS",), ("PAK",), mode="disapprove", date="2025-03-01",
              evidence="Moscow criticised Islamabad over a customs dispute."),
        event("e4", "a2", "CONSULT", ("CHN",), ("PAK",), date="2025-03",
              evidence="Chinese and Pakistani officials reviewed CPEC projects."),
        event("e5", "a2", "SUPPORT", ("PAK",), ("RUS",), date="2025",
              evidence="An air services agreement for direct flights between Pakistan and Russia was signed."),
    ),
    "a3": (
        event("e6", "a3", "COOPERATE", ("PAK",), ("RUS",), date="2025-06-15", score=6.4, cameo="061",
              topics=("energy",),
              evidence="The first direct flight between Karachi and Moscow landed with a cargo of crude oil."),
        event("e7", "a3", "CONSULT", ("CHN",), ("PAK",), date="2025-06-10",
              evidence="Beijing hosted talks with Pakistan."),
        event("e8", "a3", "CONSULT", ("CHN",), ("PAK", "RUS"), mode="multilateral", date="2025-06-12",
              persons=("Shehbaz Sharif",), evidence="Leaders of China, Pakistan and Russia met at a summit."),
    ),
}
PUBLISHED = {"a1": "2025-01-10", "a2": "2025-03-02", "a3": "2025-06-20"}


def build_store(path: Path, extra: dict[str, tuple[Event, ...]] | None = None) -> Store:
    store = open_store(str(path))
    for aid, events in {**EVENTS, **(extra or {})}.items():
        article = Article(aid, f"feed/{aid}", f"Invented text {aid}.", published=PUBLISHED.get(aid, "2025-07-01"))
        store.add(Extraction(article, events=events))
    return store


class ListStore:
    """A stand-in store answering fixed events, for fused events with several mentions."""

    def __init__(self, items: list[StoredEvent]) -> None:
        self.items = items

    def events(self, **filters: object) -> list[StoredEvent]:
        between = filters.get("between")
        found = self.items
        if between:
            found = [i for i in found if set(between) <= set(i.event.source + i.event.target)]  # type: ignore[arg-type]
        return list(found)


def mentioned(e: Event, *published: str) -> StoredEvent:
    """The event as reported by one article per date given."""
    mentions = tuple(Mention(f"art-{n}", f"feed/{n}", day, e.evidence) for n, day in enumerate(published))
    return StoredEvent(e, mentions)
