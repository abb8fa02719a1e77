"""The dossier as Markdown, for notes, wikis and diffs.

Markdown renderers pass raw HTML through, so article text is HTML-escaped here too, and
characters that would break a table cell or start Markdown markup are neutralised.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from .dossier import Dossier, DossierEvent


def _e(value: object) -> str:
    text = escape("" if value is None else str(value), quote=False)
    return " ".join(text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").split())


def _anchor(event_id: str) -> str:
    """An anchor name that needs no escaping in HTML or in a Markdown link."""
    return "ev-" + re.sub(r"[^A-Za-z0-9-]", "-", event_id)


def _table(head: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    head = list(head)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_e(c) for c in row) + " |" for row in rows]
    return lines


def _event(event: DossierEvent) -> list[str]:
    when = event.when or "undated"
    when = f"~{when}" if event.dated_by == "report" else when
    kind = f"{event.type}/{event.mode}" if event.mode else event.type
    parties = f"{','.join(event.source)} → {','.join(event.target)}"
    extra = f"; planned for {event.planned_for}" if event.planned_for else ""
    lines = [f"- <a id=\"{_anchor(event.id)}\"></a>**{_e(when)} {_e(kind)}** {_e(parties)}{_e(extra)} "
             f"(CAMEO {_e(event.cameo)}, {event.score:+.1f})"]
    lines += [f"  > {_e(ev.text)} [{ev.ref}](#src-{ev.ref})" if ev.ref else f"  > {_e(ev.text)}"
              for ev in event.evidence]
    return lines


def _linked(dossier: Dossier, ids: Iterable[str], empty: str) -> list[str]:
    lines = []
    for event_id in ids:
        event = dossier.event(event_id)
        first = event.evidence[0].text if event.evidence else ""
        lines.append(f"- [{_e(event.when or 'undated')} {_e(event.type)}](#{_anchor(event_id)}): {_e(first)}")
    return lines or [empty]


def render_markdown(dossier: Dossier) -> str:
    """The whole dossier as one Markdown document."""
    idx = dossier.index
    lines = [f"# {_e(dossier.a_name)}–{_e(dossier.b_name)}: dossier", "",
             f"{len(dossier.events)} events from {len(dossier.sources)} articles; index {idx.index:+.1f}; "
             f"as of {dossier.as_of}.", "", "## Cooperation–conflict index", ""]
    lines += _table(("month", "index", "events", "mentions"),
                    [(m.month, f"{m.index:+.1f}", m.events, m.mentions) for m in idx.months])
    lines += ["", "## Timeline", ""]
    for event in dossier.events:
        lines += _event(event)
    lines += ["", "## Topics", ""]
    lines += _table(("topic", "events", "mentions"), [(t.topic, t.events, t.mentions) for t in dossier.topics.topics])
    lines += ["", "## Key people", ""]
    people = [(p.name, p.role, p.country, p.events) for p in dossier.people]
    lines += _table(("name", "office", "country", "events"), people)
    lines += ["", "## Agreements", "", *_linked(dossier, dossier.agreements, "No agreement signed or reached.")]
    lines += ["", "## Open proposals", "", *_linked(dossier, dossier.open_proposals, "No open proposal.")]
    lines += ["", "## Initiatives", ""]
    for item in dossier.initiatives:
        lines.append(f"### {_e(item.name)} ({_e(item.kind)}; {' → '.join(item.countries)}; stage: {_e(item.stage)})")
        lines += [f"1. {_e(s.when or 'undated')} {_e(s.stage)} [{_e(s.type)}](#{_anchor(s.event_id)}): {_e(s.evidence)}"
                  for s in item.history]
    lines += ["", "## Sources", ""]
    lines += [
        f"{s.ref}. <a id=\"src-{s.ref}\"></a>{_e(s.article)} ({_e(s.published or 'undated')})" for s in dossier.sources
    ]
    return "\n".join(lines) + "\n"
