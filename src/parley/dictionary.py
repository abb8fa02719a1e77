"""Checking every knowledge file parley ships (or a user supplies) in one pass.

Dictionaries, the taxonomy and the trigger patterns are data, edited by hand; a broken line
should be reported with its file and line before it silently changes what parley extracts.
"""

from __future__ import annotations

from pathlib import Path

from .actors.knowledge import validate_dictionaries
from .errors import DictionaryError
from .events.patterns import read_patterns
from .taxonomy import validate_taxonomy


def validate_all(data_dir: Path | None = None) -> list[str]:
    """Problems in the actor dictionaries, the PLOVER/CAMEO taxonomy and the event patterns."""
    problems = list(validate_dictionaries(data_dir))
    problems += validate_taxonomy(data_dir / "plover.json" if data_dir else None)
    patterns = (data_dir or Path(__file__).parent / "data") / "event_patterns.json"
    try:
        read_patterns(patterns)
    except DictionaryError as exc:
        problems.append(str(exc))
    return problems
