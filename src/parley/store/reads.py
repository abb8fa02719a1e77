"""The read queries: fused events by filters, and the mentions that report them.

Every filter is a bound parameter on materialised columns of ``events`` (corrections are
already applied there), so SQLite and PostgreSQL run the same statement shapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, exists, select

from ..errors import ConfigError
from ..model import Mention, StoredEvent
from . import rows
from .periods import check_partial_date, first_day, last_day
from .schema import article_names, articles, event_parties, events, mentions


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


def select_events(
    *,
    between: tuple[str, str] | None,
    type: str | None,
    since: str | None,
    until: str | None,
    limit: int | None,
    include_rejected: bool,
) -> Select[Any]:
    """Fused events matching every filter, by effective date (undated last), then id."""
    if type is not None and not isinstance(type, str):
        raise ConfigError(f"expected an event type name, got {type!r}", where="type")
    query = select(events)
    if not include_rejected:
        query = query.where(events.c.rejected.is_(False))
    if type is not None:
        query = query.where(events.c.type == type)
    for code in _parties(between):
        party = select(event_parties.c.event_id).where(
            event_parties.c.event_id == events.c.id, event_parties.c.code == code
        )
        query = query.where(exists(party))
    if since is not None:
        query = query.where(
            events.c.effective_last >= first_day(check_partial_date(since, option="since"))
        )
    if until is not None:
        query = query.where(
            events.c.effective_first <= last_day(check_partial_date(until, option="until"))
        )
    query = query.order_by(events.c.effective.is_(None), events.c.effective, events.c.id)
    return query.limit(check_limit(limit))


def _first_name() -> Any:
    """The first name an article was stored under (its ``external_id`` in mentions)."""
    return (
        select(article_names.c.external_id)
        .where(article_names.c.article_id == mentions.c.article_id)
        .order_by(article_names.c.seq)
        .limit(1)
        .scalar_subquery()
    )


def mentions_of(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[Mention]]:
    """The mentions of each event, earliest publication first (unknown dates last)."""
    found: dict[str, list[Mention]] = {}
    for chunk in rows.chunks(event_ids):
        query = (
            select(
                mentions.c.event_id,
                mentions.c.article_id,
                _first_name().label("external_id"),
                articles.c.published,
                mentions.c.evidence,
                mentions.c.sentence_index,
                mentions.c.span_start,
                mentions.c.span_end,
            )
            .join(articles, articles.c.id == mentions.c.article_id)
            .where(mentions.c.event_id.in_(chunk))
            .order_by(
                mentions.c.event_id,
                articles.c.published.is_(None),
                articles.c.published,
                mentions.c.seq,
            )
        )
        for row in conn.execute(query).mappings():
            found.setdefault(row["event_id"], []).append(rows.mention_from_row(row))
    return found


def stored_events(conn: Connection, query: Select[Any]) -> list[StoredEvent]:
    found = [rows.event_from_row(row) for row in conn.execute(query).mappings()]
    by_event = mentions_of(conn, [e.id for e in found])
    return [StoredEvent(event=e, mentions=tuple(by_event.get(e.id, ()))) for e in found]


def event_holding(conn: Connection, mention_id: str) -> str | None:
    """The id of the fused event that holds mention ``mention_id`` (None if unknown)."""
    query = select(mentions.c.event_id).where(mentions.c.id == mention_id)
    return conn.execute(query).scalar_one_or_none()
