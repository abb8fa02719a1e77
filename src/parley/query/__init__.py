"""Reading the store: listings, timelines, exporters and their text rendering.

Pure functions over a ``Store``; importing this package registers the built-in exporters.
"""

from __future__ import annotations

from .export import event_record, export_jsonl
from .listing import effective_date, list_events
from .render import render_events_table, render_timeline
from .timeline import TimelineEntry, timeline

__all__ = [
    "TimelineEntry",
    "effective_date",
    "event_record",
    "export_jsonl",
    "list_events",
    "render_events_table",
    "render_timeline",
    "timeline",
]
