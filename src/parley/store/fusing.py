"""Keeping the fused ``events`` table in step with ``mentions`` and ``corrections``, locally.

Fusion is decided per block (type and party set), and inside a block per *component*:
reports with no chain of compatible pairs between them cannot change each other's clusters
(``parley.fuse.locality``).  Every mention carries its component's label.  A new or changed
report finds the reports it is compatible with through its time keys, their components are
merged with it under one label, and only that component is re-fused from all its mentions:
the clusters are those of fusing the whole block at once, in any order, at a cost that does
not grow with the block.  Clusters whose members did not change keep their rows; the others
are rebuilt.  A fused event is named by its earliest-stored mention, so a new report joining
an event leaves its id as it was.

Labels only ever merge: a component that loses a report keeps its label, which can make it
coarser than needed but never wrong.  Mentions without an event (a migrated store) are fused
block by block from scratch, their components computed anew.

Statements are built once (bound parameters, executed many times): an article's write runs
a few dozen of them, and building each anew would cost more than running it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from ..fuse import Cluster, Report, compare, components, fuse_reports, merge_cluster
from ..fuse import neighbour_keys, time_key
from ..model import Mention
from . import rows
from .corrections import Correction, apply_corrections, correction_from_row
from .pairs import pair_values
from .periods import first_day, last_day
from .reads import first_name
from .schema import articles, corrections, event_pairs, event_parties, events, mentions


@dataclass(frozen=True, slots=True)
class Change:
    """What one write did to the mentions, and so what must be re-fused."""

    fresh: Mapping[str, tuple[str, Report]]  # mention id -> (block, report), not yet labelled
    left: frozenset[tuple[str, str]]  # (block, label) of components that lost or changed a report
    stale: frozenset[str]  # events that held a lost or changed report


def _expanding(name: str) -> Any:
    return bindparam(name, expanding=True)


_m = mentions.c
_WITH_DATES = select(mentions, articles.c.published).join(articles, articles.c.id == _m.article_id)
_UNIT = _WITH_DATES.add_columns(first_name().label("external_id")).where(
    _m.block == bindparam("block"), _m.component == bindparam("label")
)
_NEAR = _WITH_DATES.where(
    _m.block == bindparam("block"), _m.time_key.in_(_expanding("keys")), _m.component.is_not(None)
)
_BLOCK = _WITH_DATES.where(_m.block == bindparam("block"))
_CORRECTIONS = select(corrections).where(corrections.c.event_id.in_(_expanding("ids")))
_LINK = (
    update(mentions)
    .where(_m.id == bindparam("m_id"))
    .values(event_id=bindparam("m_event"), link=bindparam("m_link"))
)
_LABEL = (
    update(mentions)
    .where(_m.id == bindparam("m_id"))
    .values(component=bindparam("m_label"), time_key=bindparam("m_key"))
)
_RELABEL = (
    update(mentions)
    .where(_m.block == bindparam("m_block"), _m.component == bindparam("m_old"))
    .values(component=bindparam("m_label"))
)
_RELEASE = update(mentions).where(_m.event_id.in_(_expanding("ids"))).values(event_id=None, link=None)
_UNFUSE = update(mentions).where(_m.block == bindparam("m_block")).values(event_id=None, link=None)
_DROP = (
    delete(event_pairs).where(event_pairs.c.event_id.in_(_expanding("ids"))),
    delete(event_parties).where(event_parties.c.event_id.in_(_expanding("ids"))),
    delete(events).where(events.c.id.in_(_expanding("ids"))),
)
_ADD_EVENTS = insert(events).returning(events.c.id, events.c.seq, sort_by_parameter_order=True)
_BLOCK_EVENTS = select(events.c.id).where(events.c.block == bindparam("block"))
_LOCATE = select(_m.block, _m.component).where(_m.id == bindparam("m_id"))
_PENDING = select(_m.block).where(_m.event_id.is_(None)).distinct()


def _report(row: Mapping[str, Any]) -> Report:
    return Report(rows.event_from_row(row), published=row["published"], order=row["seq"])


def corrections_for(conn: Connection, mention_ids: Sequence[str]) -> list[Correction]:
    """Corrections naming any of ``mention_ids``, oldest first."""
    found: list[tuple[int, Correction]] = []
    for chunk in rows.chunks(mention_ids):
        found += [
            (row["seq"], correction_from_row(row))
            for row in conn.execute(_CORRECTIONS, {"ids": list(chunk)}).mappings()
        ]
    return [correction for _, correction in sorted(found, key=lambda item: item[0])]


def _drop_events(conn: Connection, event_ids: Sequence[str]) -> None:
    for chunk in rows.chunks(event_ids):
        for statement in _DROP:
            conn.execute(statement, {"ids": list(chunk)})


# --- writing a component's events -------------------------------------------------------------


def _effective(date: str | None, cluster: Cluster) -> str | None:
    """The event's own date, else the earliest day an article reported it."""
    if date:
        return date
    published = sorted(r.published[:10] for r in cluster.reports if r.published)
    return published[0] if published else None


def _shown(cluster: Cluster, names: Mapping[str, str]) -> dict[str, str | None]:
    """The cluster's mentions as readers see them: earliest publication first, undated last.

    A lone report is its event's own provenance, so only its article's name and date are kept.
    """
    lead = cluster.lead
    shown = {"lead_name": names[lead.id], "lead_published": lead.published, "reports": None}
    if len(cluster.reports) > 1:
        ordered = sorted(
            cluster.reports, key=lambda r: (r.published is None, r.published or "", r.order)
        )
        shown["reports"] = rows.dump_mentions(
            Mention(
                r.article_id,
                names[r.id],
                r.published,
                r.event.evidence,
                r.event.sentence_index,
                r.event.start,
                r.event.end,
            )
            for r in ordered
        )
    return shown


def _link(cluster: Cluster, report: Report) -> str | None:
    for link in cluster.links:
        if link.report_id == report.id:
            why = {"joined": link.lead_id, "score": link.score, "reasons": list(link.reasons)}
            return json.dumps(why, ensure_ascii=False)
    return None


@dataclass(slots=True)
class _Writes:
    """Rows for the events of the clusters that changed, written in one batch per table."""

    events: list[dict[str, Any]]
    parties: list[dict[str, Any]]
    pairs: list[dict[str, Any]]
    links: list[dict[str, Any]]

    def add(self, cluster: Cluster, found: Sequence[Correction], names: Mapping[str, str]) -> None:
        members = {r.id for r in cluster.reports}
        own = [c for c in found if c.event_id in members]
        event, rejected = apply_corrections(merge_cluster(cluster), own)
        effective = _effective(event.date, cluster)
        self.events.append(
            {
                "id": event.id,
                "block": cluster.block,
                "article_id": event.article_id,
                **rows.event_values(event),
                "corroboration": cluster.corroboration,
                "rejected": rejected,
                "effective": effective,
                "effective_first": first_day(effective) if effective else None,
                "effective_last": last_day(effective) if effective else None,
                **_shown(cluster, names),
            }
        )
        self.parties += rows.party_values(event)
        self.pairs += pair_values(
            event, rejected=rejected, effective=effective, mentions=len(cluster.reports)
        )
        self.links += [
            {"m_id": r.id, "m_event": cluster.id, "m_link": _link(cluster, r)}
            for r in cluster.reports
        ]

    def run(self, conn: Connection) -> None:
        if not self.events:
            return
        seqs = dict(conn.execute(_ADD_EVENTS, self.events).all())
        for pair in self.pairs:
            pair["event_seq"] = seqs[pair["event_id"]]
        for statement, values in (
            (insert(event_parties), self.parties),
            (insert(event_pairs), self.pairs),
            (_LINK, self.links),
        ):
            if values:
                conn.execute(statement, values)


def _refuse(
    conn: Connection,
    block: str,
    label: str,
    *,
    rebuild: bool = False,
) -> None:
    """Re-fuse one component from all its mentions; rewrite the events that changed."""
    found = list(conn.execute(_UNIT, {"block": block, "label": label}).mappings())
    names = {row["id"]: row["external_id"] for row in found}
    before: dict[str, set[str]] = {}
    for row in found:
        if row["event_id"] is not None:
            before.setdefault(row["event_id"], set()).add(row["id"])
    clusters = fuse_reports(_report(row) for row in found)
    unchanged = (
        set()
        if rebuild
        else {c.id for c in clusters if before.get(c.id) == {r.id for r in c.reports}}
    )
    _drop_events(conn, [event_id for event_id in before if event_id not in unchanged])
    changed = [c for c in clusters if c.id not in unchanged]
    if not changed:
        return
    found_corrections = corrections_for(conn, [r.id for c in changed for r in c.reports])
    writes = _Writes([], [], [], [])
    for cluster in changed:
        writes.add(cluster, found_corrections, names)
    writes.run(conn)


# --- finding what a change touches ------------------------------------------------------------


class _Parts:
    """Union–find over labels and fresh mention ids (tagged, so the two never mix)."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(self, node: tuple[str, str]) -> tuple[str, str]:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def join(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[tuple[str, str]]]:
        found: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for node in sorted(self.parent):
            found.setdefault(self.find(node), []).append(node)
        return list(found.values())


def _neighbour_labels(conn: Connection, block: str, report: Report) -> set[str]:
    """The components holding a report compatible with ``report``."""
    keys = neighbour_keys(report)
    labels: set[str] = set()
    if not keys:
        return labels
    for row in conn.execute(_NEAR, {"block": block, "keys": keys}).mappings():
        if row["component"] not in labels and compare(_report(row), report).compatible:
            labels.add(row["component"])
    return labels


def _merge(
    conn: Connection, block: str, fresh: Mapping[str, Report], left: Iterable[str]
) -> list[str]:
    """Give fresh mentions the label of the components they reach; the labels to re-fuse."""
    parts = _Parts()
    for label in left:
        parts.find(("label", label))
    for mention_id, report in fresh.items():
        node = ("mention", mention_id)
        parts.find(node)
        for label in _neighbour_labels(conn, block, report):
            parts.join(node, ("label", label))
    merged, relabel, label_ids = [], [], []
    for group in parts.groups():
        labels = [name for kind, name in group if kind == "label"]
        ids = [name for kind, name in group if kind == "mention"]
        label = min(labels or ids)  # an existing label where there is one: fewer rows move
        relabel += [
            {"m_block": block, "m_old": old, "m_label": label} for old in labels if old != label
        ]
        label_ids += [
            {"m_id": mention_id, "m_label": label, "m_key": time_key(fresh[mention_id])}
            for mention_id in ids
        ]
        merged.append(label)
    for statement, values in ((_RELABEL, relabel), (_LABEL, label_ids)):
        if values:
            conn.execute(statement, values)
    return list(dict.fromkeys(merged))  # a label chosen twice names one component


def settle(conn: Connection, change: Change) -> None:
    """Re-fuse what a write touched: the components its mentions reach or left.

    The events that held a changed report go first, and their other reports are marked
    unfused: those may now fall in another component, and no component may take another's
    event for its own.
    """
    stale = sorted(change.stale)
    _drop_events(conn, stale)
    for chunk in rows.chunks(stale):
        conn.execute(_RELEASE, {"ids": list(chunk)})
    blocks = {block for block, _ in change.fresh.values()} | {block for block, _ in change.left}
    for block in sorted(blocks):
        fresh = {m: r for m, (b, r) in sorted(change.fresh.items()) if b == block}
        left = sorted(label for b, label in change.left if b == block)
        for label in _merge(conn, block, fresh, left):
            _refuse(conn, block, label)


def refuse_mention(conn: Connection, mention_id: str) -> None:
    """Rebuild the events of the component holding a mention (its corrections changed)."""
    block, label = conn.execute(_LOCATE, {"m_id": mention_id}).one()
    _refuse(conn, block, label, rebuild=True)


def pending_blocks(conn: Connection) -> list[str]:
    """Blocks holding mentions that belong to no event yet (e.g. just migrated)."""
    return [block for (block,) in conn.execute(_PENDING)]


def refuse_blocks_anew(conn: Connection, blocks: Iterable[str]) -> None:
    """Fuse whole blocks from scratch: time keys, components, then each component's events."""
    for block in sorted(set(blocks)):
        _drop_events(conn, list(conn.execute(_BLOCK_EVENTS, {"block": block}).scalars()))
        conn.execute(_UNFUSE, {"m_block": block})
        reports = [_report(row) for row in conn.execute(_BLOCK, {"block": block}).mappings()]
        for part in components(reports):
            label = min(r.id for r in part)
            conn.execute(
                _LABEL, [{"m_id": r.id, "m_label": label, "m_key": time_key(r)} for r in part]
            )
            _refuse(conn, block, label)
