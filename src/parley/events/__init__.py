"""Event coding: triggers, participants, time and place, folded to one event per happening."""

from .coder import Coded, code_article, event_id
from .patterns import PLOVER_TYPES, Pattern, default_patterns, read_patterns

__all__ = ["Coded", "PLOVER_TYPES", "Pattern", "code_article", "default_patterns", "event_id", "read_patterns"]
