"""Scoring extracted events against a gold set, as ``parley eval`` does.

Implements the "Scoring" section of the annotation guideline: events match on type and party
set, then their fields are scored over the matched pairs.
"""

from __future__ import annotations

from .loading import GoldSet, load_gold, load_predictions
from .records import Confusion, EvalReport, EventRef, FieldMismatch, FieldScore, TypeScore
from .rendering import render_report
from .scoring import report_to_dict, score

__all__ = [
    "Confusion",
    "EvalReport",
    "EventRef",
    "FieldMismatch",
    "FieldScore",
    "GoldSet",
    "TypeScore",
    "load_gold",
    "load_predictions",
    "render_report",
    "report_to_dict",
    "score",
]
