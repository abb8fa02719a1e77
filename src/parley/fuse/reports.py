"""What fusion works on: one article's report of an event, and the block it can fuse within.

Fusion sees records only (no text analysis): the extracted Event, the publication date of
the article that reports it (an undated event cannot have happened after its report), and
the order in which the store received it, which names a fused event but never decides what
is fused with what.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Event


@dataclass(frozen=True, slots=True)
class Report:
    """One article's report of an event: the extracted event and when its article appeared."""

    event: Event
    published: str | None = None
    order: int = 0

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def article_id(self) -> str:
        return self.event.article_id


def parties(event: Event) -> frozenset[str]:
    """Every country or organisation the event involves, on either side.

    Outlets disagree on direction (who visited whom, who signed first), so fusion compares
    the set of parties, not the source/target split.
    """
    return frozenset(event.source) | frozenset(event.target)


def block_key(event: Event) -> str:
    """The group an event can only ever fuse within: its type and its set of parties.

    Every fusion decision is local to one block, so a new article only reopens the blocks
    of its own events (``CONSULT|PAK+RUS``).
    """
    return f"{event.type}|{'+'.join(sorted(parties(event)))}"
