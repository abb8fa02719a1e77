"""Reading the store: listings, timelines, analytics, initiatives, exporters and text views.

Pure functions over a ``Store``; importing this package registers the built-in exporters.
"""

from __future__ import annotations

from .analytics import DyadIndex, DyadTopics, MonthIndex, Mover, dyad_topics, monthly_index, top_movers
from .coding import event_cameo, event_score
from .export import event_record, export_jsonl
from .exporters import export_csv, export_parquet, export_plover, file_exporters, write_export
from .gdelt import export_gdelt
from .initiatives import Initiative, InitiativeStep, initiatives_between, list_initiatives
from .listing import effective_date, list_events
from .network import Network, meeting_network
from .periods import Period, parse_period
from .profile import ActorProfile, actor_profile
from .render import render_events_table, render_timeline
from .timeline import TimelineEntry, TimelinePage, timeline, timeline_page

__all__ = [
    "ActorProfile",
    "DyadIndex",
    "DyadTopics",
    "Initiative",
    "InitiativeStep",
    "MonthIndex",
    "Mover",
    "Network",
    "Period",
    "TimelineEntry",
    "TimelinePage",
    "actor_profile",
    "dyad_topics",
    "effective_date",
    "event_cameo",
    "event_record",
    "event_score",
    "export_csv",
    "export_gdelt",
    "export_jsonl",
    "export_parquet",
    "export_plover",
    "file_exporters",
    "initiatives_between",
    "list_events",
    "list_initiatives",
    "meeting_network",
    "monthly_index",
    "parse_period",
    "render_events_table",
    "render_timeline",
    "timeline",
    "timeline_page",
    "top_movers",
    "write_export",
]
