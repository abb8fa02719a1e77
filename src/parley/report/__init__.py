"""Dossiers on a pair of countries: gathered from the store, rendered as HTML or Markdown."""

from __future__ import annotations

from .chart import render_chart
from .dossier import Dossier, DossierEvent, Evidence, Source, build_dossier
from .html_page import render_html
from .markdown_page import render_markdown

__all__ = [
    "Dossier",
    "DossierEvent",
    "Evidence",
    "Source",
    "build_dossier",
    "render_chart",
    "render_html",
    "render_markdown",
]
