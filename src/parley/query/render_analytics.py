"""Terminal views of the analytics: aligned tables that say what each number counts."""

from __future__ import annotations

from collections.abc import Sequence

from .analytics import DyadIndex, DyadTopics, Mover
from .initiatives import Initiative
from .network import Network
from .profile import ActorProfile

_NONE = "-"


def _table(rows: Sequence[Sequence[object]]) -> list[str]:
    cells = [[_NONE if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]


def render_index(index: DyadIndex) -> str:
    """One line per month: the net intensity, events, and mentions beside them."""
    head = f"{index.a}–{index.b}: {index.events} events, index {index.index:+.1f}"
    if not index.months:
        return head + "\nno month-dated events"
    rows: list[Sequence[object]] = [("MONTH", "INDEX", "EVENTS", "COOP", "CONFL", "MENTIONS", "BY REPORT")]
    for m in index.months:
        rows.append((m.month, f"{m.index:+.1f}", m.events, m.cooperation, m.conflict, m.mentions, m.by_report))
    lines = [head, *_table(rows)]
    lines.append("")
    lines.append("INDEX sums each event's PLOVER intensity once; MENTIONS counts the articles' reports beside it.")
    if index.unplaced:
        lines.append(f"{index.unplaced} event(s) dated only to a year or not at all are in no month.")
    return "\n".join(lines)


def render_topics(topics: DyadTopics) -> str:
    if not topics.topics:
        return f"{topics.a}–{topics.b}: no topics among {topics.events} events"
    rows: list[Sequence[object]] = [("TOPIC", "EVENTS", "MENTIONS", "FIRST", "LAST", "TYPES")]
    for t in topics.topics:
        kinds = ", ".join(f"{name} {count}" for name, count in t.types)
        rows.append((t.topic, t.events, t.mentions, t.first, t.last, kinds))
    tail = f"{topics.untagged} of {topics.events} events name no topic."
    return "\n".join([f"{topics.a}–{topics.b}", *_table(rows), "", tail])


def render_network(network: Network) -> str:
    if not network.edges:
        return f"no meetings in {network.period.label or 'the store'}"
    rows: list[Sequence[object]] = [("PAIR", "MEETINGS", "MENTIONS", "FIRST", "LAST")]
    for e in network.edges:
        rows.append((f"{e.a}–{e.b}", e.meetings, e.mentions, e.first, e.last))
    return "\n".join(_table(rows))


def render_movers(movers: Sequence[Mover], before: str, after: str) -> str:
    if not movers:
        return f"no dyad changed between {before} and {after}"
    rows: list[Sequence[object]] = [("PAIR", before, after, "CHANGE", "EVENTS")]
    for m in movers:
        rows.append((f"{m.a}–{m.b}", f"{m.before:+.1f}", f"{m.after:+.1f}", f"{m.change:+.1f}",
                     f"{m.events_before}→{m.events_after}"))
    return "\n".join(_table(rows))


def render_profile(profile: ActorProfile) -> str:
    span = f"{profile.first or '?'} to {profile.last or '?'}"
    lines = [f"{profile.name} ({profile.kind}): {profile.events} events, {span}"]
    if profile.offices:
        lines += ["", "OFFICES"]
        lines += _table([(o.name, o.role, o.country, o.events, o.first, o.last) for o in profile.offices])
    if profile.counterparts:
        lines += ["", "COUNTERPARTS"]
        lines += _table([("CODE", "MEETINGS", "EVENTS", "INDEX")]
                        + [(c.code, c.meetings, c.events, f"{c.index:+.1f}") for c in profile.counterparts])
    if profile.by_type:
        lines += ["", "EVENTS BY TYPE", *_table(list(profile.by_type))]
    if profile.met:
        lines += ["", "MET", *_table(list(profile.met))]
    return "\n".join(lines)


def render_initiatives(initiatives: Sequence[Initiative]) -> str:
    if not initiatives:
        return "no initiatives found"
    lines = []
    for i in initiatives:
        route = " → ".join(i.countries)
        lines.append(f"{i.name} [{i.kind}, {i.sector}] {route}; stage: {i.stage or _NONE}")
        for s in i.history:
            lines.append(f"    {s.when or 'undated'}  {s.type:<9} {s.stage:<9} {s.evidence}")
    return "\n".join(lines)
