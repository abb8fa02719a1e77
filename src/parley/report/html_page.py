"""The dossier as one self-contained HTML page: inline CSS and SVG, no scripts, no links out.

Article text is untrusted input, so every piece of it (and every other value) goes through
``escape``; a Content-Security-Policy forbids scripts and remote loads as a second fence.
Every event has an anchor (``#ev-ID``) that the agreement, proposal and initiative sections
link to, and every evidence sentence cites its article in the source list (``#src-N``).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from .chart import render_chart
from .dossier import Dossier, DossierEvent

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:960px;margin:2em auto;padding:0 1em;
color:#1d2329;line-height:1.45}
h1{margin-bottom:.2em}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2em;margin-top:1.8em}
.meta{color:#57606a}.event{margin:.8em 0;padding:.5em .8em;border-left:4px solid #8c959f;background:#f6f8fa}
.event.coop{border-color:#2da44e}.event.conf{border-color:#cf222e}.type{font-weight:600}
blockquote{margin:.3em 0 .3em 1em;padding-left:.6em;border-left:2px solid #d0d7de;color:#3b434b}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #d0d7de;padding:.25em .6em;text-align:left}
.chart{width:100%;height:auto;background:#fff;border:1px solid #d0d7de}.chart .axis{stroke:#8c959f}
.chart .line{stroke:#0969da;stroke-width:2}.chart .point{fill:#0969da}.chart text{font-size:11px;fill:#57606a}
.report-date{color:#9a6700}
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _when(event: DossierEvent) -> str:
    if event.when is None:
        return "undated"
    if event.dated_by == "report":
        return f'<span class="report-date" title="no date of its own: date of the report">~{_e(event.when)}</span>'
    return _e(event.when)


def _evidence(event: DossierEvent) -> str:
    quotes = []
    for ev in event.evidence:
        cite = f' <a href="#src-{ev.ref}">[{ev.ref}]</a>' if ev.ref else ""
        quotes.append(f"<blockquote>{_e(ev.text)}{cite}</blockquote>")
    return "".join(quotes)


def _event(event: DossierEvent) -> str:
    kind = f"{event.type}/{event.mode}" if event.mode else event.type
    tone = "coop" if event.score >= 0 else "conf"
    facts = [f"{_e(','.join(event.source))} → {_e(','.join(event.target))}"]
    if event.persons:
        facts.append("persons: " + _e(", ".join(event.persons)))
    if event.location:
        facts.append("at " + _e(event.location))
    if event.planned_for:
        facts.append("planned for " + _e(event.planned_for))
    if event.topics:
        facts.append("topics: " + _e(", ".join(event.topics)))
    facts.append(f"CAMEO {_e(event.cameo)}, intensity {event.score:+.1f}, {len(event.evidence)} mention(s)")
    return (
        f'<div class="event {tone}" id="ev-{_e(event.id)}"><div>{_when(event)} '
        f'<span class="type">{_e(kind)}</span> — {"; ".join(facts)}</div>{_evidence(event)}</div>'
    )


def _table(head: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    top = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{top}</tr></thead><tbody>{body}</tbody></table>"


def _linked(dossier: Dossier, ids: Iterable[str], empty: str) -> str:
    items = []
    for event_id in ids:
        event = dossier.event(event_id)
        first = event.evidence[0].text if event.evidence else ""
        items.append(
            f'<li><a href="#ev-{_e(event_id)}">{_e(event.when or "undated")} {_e(event.type)}</a>'
            f"{' (planned for ' + _e(event.planned_for) + ')' if event.planned_for else ''}: {_e(first)}</li>"
        )
    return f"<ul>{''.join(items)}</ul>" if items else f"<p>{_e(empty)}</p>"


def _initiatives(dossier: Dossier) -> str:
    if not dossier.initiatives:
        return "<p>No initiatives mentioned.</p>"
    blocks = []
    for item in dossier.initiatives:
        steps = "".join(
            f'<li>{_e(s.when or "undated")} <span class="type">{_e(s.stage)}</span> '
            f'<a href="#ev-{_e(s.event_id)}">{_e(s.type)}</a>: {_e(s.evidence)}</li>'
            for s in item.history
        )
        route = " → ".join(item.countries)
        blocks.append(
            f"<h3>{_e(item.name)}</h3><p class=\"meta\">{_e(item.kind)}, {_e(item.sector)}; "
            f"joins {_e(route)}; stage: {_e(item.stage or 'none')}</p><ol>{steps}</ol>"
        )
    return "".join(blocks)


def _sections(dossier: Dossier) -> list[str]:
    idx, topics = dossier.index, dossier.topics
    months = [(m.month, f"{m.index:+.1f}", m.events, m.mentions, m.by_report) for m in idx.months]
    return [
        "<h2>Cooperation–conflict index</h2>",
        f"<figure>{render_chart(idx)}<figcaption class=\"meta\">Sum of the PLOVER intensities of the month's events, "
        f"each counted once; mentions shown beside, not multiplied in. {idx.unplaced} event(s) "
        "without a month.</figcaption></figure>",
        _table(("month", "index", "events", "mentions", "placed by report date"), months),
        "<h2>Timeline</h2>",
        "".join(_event(e) for e in dossier.events) or "<p>No events.</p>",
        "<h2>Topics</h2>",
        _table(("topic", "events", "mentions", "first", "last"),
               [(t.topic, t.events, t.mentions, t.first, t.last) for t in topics.topics]),
        "<h2>Key people</h2>",
        _table(("name", "office", "country", "events", "first", "last"),
               [(p.name, p.role, p.country, p.events, p.first, p.last) for p in dossier.people]),
        "<h2>Agreements</h2>",
        _linked(dossier, dossier.agreements, "No agreement signed or reached."),
        "<h2>Open proposals</h2>",
        f'<p class="meta">AGREE events whose planned date is not before {_e(dossier.as_of)}.</p>',
        _linked(dossier, dossier.open_proposals, "No open proposal."),
        "<h2>Initiatives</h2>",
        _initiatives(dossier),
        "<h2>Sources</h2>",
        "<ol>" + "".join(
            f'<li id="src-{s.ref}">{_e(s.article)} <span class="meta">({_e(s.published or "undated")})</span></li>'
            for s in dossier.sources
        ) + "</ol>",
    ]


def render_html(dossier: Dossier) -> str:
    """The whole page as a string."""
    title = f"{dossier.a_name}–{dossier.b_name}: dossier"
    summary = (
        f"{len(dossier.events)} events from {len(dossier.sources)} articles; "
        f"index {dossier.index.index:+.1f}; as of {dossier.as_of}"
    )
    head = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
    )
    intro = f"<h1>{_e(title)}</h1><p class=\"meta\">{_e(dossier.a)}–{_e(dossier.b)}: {_e(summary)}</p>"
    return head + intro + "\n".join(_sections(dossier)) + "</body></html>\n"
