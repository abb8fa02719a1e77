"""Plain-text views of stored events for the terminal.

A date that comes from the article's publication rather than from the event itself is
printed with a leading ``~`` and explained in a footnote, so a report date is never read as
the day something happened.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Event, StoredEvent
from .timeline import TimelineEntry, place

REPORT_MARK = "~"
REPORT_NOTE = f"{REPORT_MARK} = no date of its own; placed by the date its article was published"
EVIDENCE_WIDTH = 80
_NONE = "-"
_SPACES = re.compile(r"\s+")


def _date_cell(entry: TimelineEntry) -> str:
    if entry.when is None:
        return "undated"
    return REPORT_MARK + entry.when if entry.dated_by == "report" else entry.when


def _parties(event: Event) -> str:
    return f"{','.join(event.source) or '?'}→{','.join(event.target) or '?'}"


def _location(event: Event) -> str:
    if event.location and event.location_country:
        return f"{event.location} ({event.location_country})"
    return event.location or event.location_country or _NONE


def _clip(text: str, width: int) -> str:
    """One line of at most ``width`` characters, with an ellipsis where it was cut."""
    flat = _SPACES.sub(" ", text).strip()
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _align(rows: Sequence[Sequence[str]]) -> list[str]:
    """Pad every column but the last to its widest cell, two spaces apart."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)] + [row[-1]]
        lines.append("  ".join(cells).rstrip())
    return lines


def _with_note(lines: list[str], entries: Sequence[TimelineEntry]) -> str:
    if any(e.dated_by == "report" for e in entries):
        lines += ["", REPORT_NOTE]
    return "\n".join(lines)


def render_events_table(events: list[StoredEvent]) -> str:
    """An aligned table: date, type, mode, source→target, location, start of the evidence."""
    entries = [place(item) for item in events]
    rows = [("DATE", "TYPE", "MODE", "PARTIES", "LOCATION", "EVIDENCE")]
    for entry in entries:
        event = entry.item.event
        rows.append(
            (
                _date_cell(entry),
                event.type,
                event.mode or _NONE,
                _parties(event),
                _location(event),
                _clip(event.evidence, EVIDENCE_WIDTH),
            )
        )
    return _with_note(_align(rows), entries)


def render_timeline(entries: list[TimelineEntry]) -> str:
    """Each event on one line (date, type, parties, persons), its evidence indented below."""
    if not entries:
        return "no events"
    heads = []
    for entry in entries:
        event = entry.item.event
        kind = f"{event.type}/{event.mode}" if event.mode else event.type
        persons = ", ".join(event.persons) or _NONE
        heads.append((_date_cell(entry), kind, _parties(event), persons))
    lines = []
    for head, entry in zip(_align(heads), entries):
        lines += [head, "    " + _SPACES.sub(" ", entry.item.event.evidence).strip()]
    return _with_note(lines, entries)
