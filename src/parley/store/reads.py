"""The read queries: fused events by filters, with the mentions that report them.

Every filter is a bound parameter on materialised columns of ``events`` (corrections are
already applied there), so SQLite and PostgreSQL run the same statement shapes.  A pair of
parties is looked up in ``event_pairs``, one range of its index however big the store; an
event's mentions come with its row (``events.reports``), so a read is one query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, ColumnElement, Select, case, exists, func, select, tuple_

from ..errors import ConfigError
from ..model import Event, Mention, StoredEvent
from . import rows
from .periods import check_partial_date, first_day, last_day
from .schema import article_names, event_pairs, event_parties, events, mentions


def _parties(between: tuple[str, str] | None) -> tuple[str, ...]:
    if between is None:
        return ()
    if (
        not isinstance(between, (tuple, list))
        or len(between) != 2
        or not all(isinstance(c, str) for c in between)
    ):
        raise ConfigError(f"expected two party codes, got {between!r}", where="between")
    return tuple(between)


def check_limit(limit: int | None) -> int | None:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise ConfigError(f"expected a count of 0 or more, got {limit!r}", where="limit")
    return limit


# Where an event stands in the reading order: (no effective date, that date or "", id).
Position = tuple[bool, str, str]


def position(item: StoredEvent) -> Position:
    """The event's place in the order reads return, computed as the store computes it.

    A page's last position is where the next page starts (``after``), so it must agree with
    the stored ``effective`` column to the character: an own date, else the earliest report's
    publication day.
    """
    published = item.reported
    effective = item.event.date or (published[:10] if published else None)
    return (effective is None, effective or "", item.event.id)


def check_after(after: Position | None) -> Position | None:
    if after is None:
        return None
    if (
        not isinstance(after, tuple)
        or len(after) != 3
        or not isinstance(after[0], bool)
        or not all(isinstance(v, str) for v in after[1:])
    ):
        raise ConfigError(f"expected (undated, date, id) of an event, got {after!r}", where="after")
    return after


# What a read takes from ``events``, in the order ``stored_event`` unpacks it.
_SHOWN = (
    "id", "article_id", "type", "mode", "source", "target", "persons", "topics", "date",
    "planned_for", "location", "location_country", "evidence", "sentence_index", "span_start",
    "span_end", "rule", "confidence", "cameo", "score", "explanation", "reports", "lead_name",
    "lead_published",
)


def _shown() -> Select[Any]:
    return select(*(events.c[name] for name in _SHOWN))


def _order(parties: tuple[str, ...]) -> tuple[ColumnElement[Any], ...]:
    """The columns of the reading order: the pair index's own for a pair, so no sort is needed."""
    if len(parties) == 2 and parties[0] != parties[1]:
        p = event_pairs.c
        return (p.unplaced, p.placed, p.event_id)
    e = events.c
    return (e.effective.is_(None), func.coalesce(e.effective, ""), e.id)


def _base(parties: tuple[str, ...], include_rejected: bool) -> Select[Any]:
    """Every event (of a pair, through its index, when two different codes are given)."""
    if len(parties) == 2 and parties[0] != parties[1]:
        low, high = sorted(parties)
        query = (
            _shown()
            .select_from(event_pairs)
            .join(events, events.c.seq == event_pairs.c.event_seq)
            .where(event_pairs.c.code_a == low, event_pairs.c.code_b == high)
        )
        if not include_rejected:
            query = query.where(event_pairs.c.rejected == False)  # noqa: E712 - SQL
        return query
    query = _shown()
    for code in dict.fromkeys(parties):
        party = select(event_parties.c.event_id).where(
            event_parties.c.event_id == events.c.id, event_parties.c.code == code
        )
        query = query.where(exists(party))
    if not include_rejected:
        query = query.where(events.c.rejected.is_(False))
    return query


def select_events(
    *,
    between: tuple[str, str] | None,
    type: str | None,
    since: str | None,
    until: str | None,
    limit: int | None,
    include_rejected: bool,
    after: Position | None = None,
    newest: bool = False,
) -> Select[Any]:
    """Fused events matching every filter, by effective date (undated last), then id.

    ``after`` starts past that position, so ``limit`` makes a page: the order is total (ids
    are unique) and, for a pair, the order of its index, so SQL stops after ``limit`` rows.
    """
    if type is not None and not isinstance(type, str):
        raise ConfigError(f"expected an event type name, got {type!r}", where="type")
    parties = _parties(between)
    order = _order(parties)
    query = _base(parties, include_rejected)
    start = check_after(after)
    if newest and start is not None:
        raise ConfigError("a read of the newest events starts at the newest; it takes no position", where="after")
    if start is not None:
        query = query.where(tuple_(*order) > tuple_(*start))
    if type is not None:
        query = query.where(events.c.type == type)
    if since is not None:
        query = query.where(
            events.c.effective_last >= first_day(check_partial_date(since, option="since"))
        )
    if until is not None:
        query = query.where(
            events.c.effective_first <= last_day(check_partial_date(until, option="until"))
        )
    return query.order_by(*(_newest_order() if newest else order)).limit(check_limit(limit))


def _newest_order() -> tuple[ColumnElement[Any], ...]:
    """Latest effective date first, ties by id latest first; the undated last, by id."""
    e = events.c
    undated = e.effective.is_(None)
    return (undated, e.effective.desc(), case((undated, e.id), else_=""), e.id.desc())


def first_name() -> Any:
    """The first name an article was stored under (its ``external_id`` in mentions)."""
    return (
        select(article_names.c.external_id)
        .where(article_names.c.article_id == mentions.c.article_id)
        .order_by(article_names.c.seq)
        .limit(1)
        .scalar_subquery()
    )


def select_event(event_id: str) -> Select[Any]:
    """One event by its own id (not by a report's: see ``event_holding``)."""
    return _shown().where(events.c.id == event_id)


def stored_event(row: Sequence[Any]) -> StoredEvent:
    """A row of ``_SHOWN`` as a record; positional, since a timeline turns thousands of them."""
    (id_, article_id, type_, mode, source, target, persons, topics, date, planned_for,
     location, location_country, evidence, sentence_index, start, end, rule, confidence,
     cameo, score, explanation, reports, lead_name, lead_published) = row  # fmt: skip
    event = Event(  # positional: in the order of Event's fields
        id_, article_id, type_, mode, rows.load(source), rows.load(target), rows.load(persons),
        date, planned_for, location, location_country, rows.load(topics), evidence,
        sentence_index, start, end, rule, float(confidence), cameo,
        None if score is None else float(score), rows.load_lines(explanation),
    )  # fmt: skip
    if reports is not None:
        return StoredEvent(event=event, mentions=rows.load_mentions(reports))
    own = Mention(article_id, lead_name, lead_published, evidence, sentence_index, start, end)
    return StoredEvent(event=event, mentions=(own,))


def stored_events(conn: Connection, query: Select[Any]) -> list[StoredEvent]:
    return [stored_event(row) for row in conn.execute(query).all()]


def event_holding(conn: Connection, mention_id: str) -> str | None:
    """The id of the fused event that holds mention ``mention_id`` (None if unknown)."""
    query = select(mentions.c.event_id).where(mentions.c.id == mention_id)
    return conn.execute(query).scalar_one_or_none()
