"""The pair index: every event filed under each pair of its parties, for dyad reads.

A dyad's timeline and monthly index are the most common reads, and on a big store the party
table answers them badly (one list per code, intersected).  ``event_pairs`` holds one row per
event and unordered pair of its parties (``code_a`` < ``code_b``), written and deleted with
the event, and its one index starts with the pair: a dyad is one range of it whatever the
store's size.  The index also carries what the monthly index counts by: the month, and in one
``kind`` (a JSON array, so grouping compares one column, not six) the type, mode, whether the
pair stands on opposite sides, own score, whether the event is dated only by its reports and
how many mentions it has.  ``pair_tallies`` groups that range without touching the events.
A second index orders each pair's rows as reads do (``unplaced``, ``placed``, id), so a page
of a timeline is a short walk along it.

What the figures mean (which pairs an event relates, what a missing score counts as) is the
query layer's business: the store only counts, grouped by everything that decides it.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, func, select

from ..model import Event
from .schema import event_pairs


class PairTally(NamedTuple):
    """Events of one pair alike in everything the monthly index counts by.

    That is their month (None: no month), type, mode, side split (``across``: one code among
    the sources and the other among the targets), own score, whether they have no date of
    their own (``undated``: placed by their reports) and how many mentions each has.
    A busy pair has thousands of tallies, so this is a named tuple: cheap to build.
    """

    month: str | None
    type: str
    mode: str | None
    across: bool
    score: float | None
    undated: bool
    mentions: int
    events: int


class PairGroup(NamedTuple):
    """Events of one pair alike in everything but their month, with the latest date among them.

    What a pair's activity is made of: how many events and mentions, and until when, grouped
    so the query layer can keep the kinds that relate the pair.
    """

    type: str
    mode: str | None
    across: bool
    mentions: int
    events: int
    last: str | None


def month_of(effective: str | None) -> str | None:
    """``YYYY-MM`` of an effective date at least month-precise, else None (a year is no month)."""
    return effective[:7] if effective is not None and len(effective) >= 7 else None


def pair_values(
    event: Event, *, rejected: bool, effective: str | None, mentions: int
) -> list[dict[str, Any]]:
    """The ``event_pairs`` rows of an event as stored (corrections applied)."""
    source, target = set(event.source), set(event.target)
    codes = sorted(source | target)
    found = []
    for index, a in enumerate(codes):
        for b in codes[index + 1 :]:
            across = (a in source and b in target) or (b in source and a in target)
            kind = [event.type, event.mode, across, event.score, not event.date, mentions]
            found.append(
                {
                    "event_id": event.id,
                    "code_a": a,
                    "code_b": b,
                    "rejected": rejected,
                    "month": month_of(effective),
                    "kind": json.dumps(kind, ensure_ascii=False),
                    "unplaced": effective is None,
                    "placed": effective or "",
                }
            )
    return found


def _read_kind(text: str) -> tuple[str, str | None, bool, float | None, bool, int]:
    """(type, mode, across, score, undated, mentions): a ``kind`` as ``pair_values`` wrote it."""
    type_, mode, across, score, undated, mentions = json.loads(text)
    return type_, mode, across, None if score is None else float(score), undated, mentions


def _of_pair(a: str, b: str) -> tuple[ColumnElement[bool], ...]:
    """The conditions picking the pair's rows that are not rejected, in the index's order."""
    low, high = sorted((a, b))
    p = event_pairs.c
    return p.code_a == low, p.code_b == high, p.rejected == False  # noqa: E712 - SQL


def pair_tallies(conn: Connection, a: str, b: str) -> list[PairTally]:
    """The pair's events that are not rejected, counted per month and kind.

    Both are in the index, in its order, so the groups stream out of one range of it.
    """
    if a == b:
        return []
    p = event_pairs.c
    query = select(p.month, p.kind, func.count()).where(*_of_pair(a, b)).group_by(p.month, p.kind)
    found = conn.execute(query).all()
    kinds = {text: _read_kind(text) for text in {row[1] for row in found}}  # a few dozen among thousands of groups
    return [PairTally(month, *kinds[kind], count) for month, kind, count in found]


def pair_sizes(conn: Connection) -> list[tuple[str, str, int]]:
    """(code_a, code_b, rows) of every pair, rejected events left out, largest first.

    A row is an event filed under the pair, whether or not it relates the two (two sources
    acting together have a row too), so ``rows`` bounds the pair's events from above.  One
    pass along the pair index, no event read.
    """
    p = event_pairs.c
    query = (
        select(p.code_a, p.code_b, func.count().label("rows"))
        .where(p.rejected == False)  # noqa: E712 - SQL
        .group_by(p.code_a, p.code_b)
        .order_by(func.count().desc(), p.code_a, p.code_b)
    )
    return [(a, b, rows) for a, b, rows in conn.execute(query)]


def pair_groups(conn: Connection, a: str, b: str) -> list[PairGroup]:
    """The pair's events that are not rejected, counted per kind, with each kind's latest date."""
    if a == b:
        return []
    p = event_pairs.c
    query = select(p.kind, func.count(), func.max(p.placed)).where(*_of_pair(a, b)).group_by(p.kind)
    found = []
    for kind, count, last in conn.execute(query):
        type_, mode, across, _score, _undated, mentions = _read_kind(kind)
        found.append(PairGroup(type_, mode, across, mentions, count, last or None))
    return found
