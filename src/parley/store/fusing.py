"""Keeping the fused ``events`` table in step with ``mentions`` and ``corrections``.

Fusion is decided per block (type and party set), and the clusters of a block depend only
on its mentions, so after any change the store recomputes just the blocks it touched, from
all their mentions: the result is the same as fusing everything at once, in any order.
Clusters whose members did not change keep their rows; the others are rebuilt.  A fused
event is named by its earliest-stored mention, so a new report joining an event leaves
its id as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, delete, insert, select, update

from ..fuse import Cluster, Report, fuse_reports, merge_cluster
from . import rows
from .corrections import Correction, apply_corrections, correction_from_row
from .periods import first_day, last_day
from .schema import articles, corrections, event_parties, events, mentions


def _reports(conn: Connection, block: str) -> list[Report]:
    query = (
        select(mentions, articles.c.published)
        .join(articles, articles.c.id == mentions.c.article_id)
        .where(mentions.c.block == block)
    )
    return [
        Report(rows.event_from_row(row), published=row["published"], order=row["seq"])
        for row in conn.execute(query).mappings()
    ]


def _current(conn: Connection, block: str) -> dict[str, frozenset[str]]:
    """The block's stored events and the mention ids each one holds."""
    found: dict[str, set[str]] = {}
    query = select(mentions.c.id, mentions.c.event_id).where(mentions.c.block == block)
    for mention_id, event_id in conn.execute(query):
        if event_id is not None:
            found.setdefault(event_id, set()).add(mention_id)
    for event_id in conn.execute(select(events.c.id).where(events.c.block == block)).scalars():
        found.setdefault(event_id, set())
    return {key: frozenset(value) for key, value in found.items()}


def corrections_for(conn: Connection, mention_ids: Sequence[str]) -> list[Correction]:
    """Corrections naming any of ``mention_ids``, oldest first."""
    found: list[tuple[int, Correction]] = []
    for chunk in rows.chunks(mention_ids):
        query = select(corrections).where(corrections.c.event_id.in_(chunk))
        found += [(row["seq"], correction_from_row(row)) for row in conn.execute(query).mappings()]
    return [correction for _, correction in sorted(found, key=lambda item: item[0])]


def _effective(date: str | None, cluster: Cluster) -> str | None:
    """The event's own date, else the earliest day an article reported it."""
    if date:
        return date
    published = sorted(r.published[:10] for r in cluster.reports if r.published)
    return published[0] if published else None


def _write_cluster(conn: Connection, cluster: Cluster, found: Sequence[Correction]) -> None:
    members = {r.id for r in cluster.reports}
    own = [c for c in found if c.event_id in members]
    event, rejected = apply_corrections(merge_cluster(cluster), own)
    effective = _effective(event.date, cluster)
    conn.execute(
        insert(events).values(
            id=event.id,
            block=cluster.block,
            article_id=event.article_id,
            **rows.event_values(event),
            corroboration=cluster.corroboration,
            rejected=rejected,
            effective=effective,
            effective_first=first_day(effective) if effective else None,
            effective_last=last_day(effective) if effective else None,
        )
    )
    parties = rows.party_values(event)
    if parties:
        conn.execute(insert(event_parties), parties)
    links = {link.report_id: link for link in cluster.links}
    for report in cluster.reports:
        link = links.get(report.id)
        reason = (
            None
            if link is None
            else json.dumps(
                {"joined": link.lead_id, "score": link.score, "reasons": list(link.reasons)},
                ensure_ascii=False,
            )
        )
        conn.execute(
            update(mentions)
            .where(mentions.c.id == report.id)
            .values(event_id=cluster.id, link=reason)
        )


def refuse_block(conn: Connection, block: str, *, rebuild: bool = False) -> None:
    """Recompute the block's clusters and rewrite the events that changed (all if ``rebuild``)."""
    clusters = fuse_reports(_reports(conn, block))
    before = _current(conn, block)
    unchanged = (
        set()
        if rebuild
        else {c.id for c in clusters if before.get(c.id) == frozenset(r.id for r in c.reports)}
    )
    stale = [event_id for event_id in before if event_id not in unchanged]
    for chunk in rows.chunks(stale):
        conn.execute(delete(event_parties).where(event_parties.c.event_id.in_(chunk)))
        conn.execute(delete(events).where(events.c.id.in_(chunk)))
    changed = [c for c in clusters if c.id not in unchanged]
    if not changed:
        return
    found = corrections_for(conn, [r.id for c in changed for r in c.reports])
    for cluster in changed:
        _write_cluster(conn, cluster, found)


def refuse_blocks(conn: Connection, blocks: Iterable[str], *, rebuild: bool = False) -> None:
    for block in sorted(set(blocks)):
        refuse_block(conn, block, rebuild=rebuild)


def pending_blocks(conn: Connection) -> list[str]:
    """Blocks holding mentions that belong to no event yet (e.g. just migrated)."""
    query = select(mentions.c.block).where(mentions.c.event_id.is_(None)).distinct()
    return [block for (block,) in conn.execute(query)]
