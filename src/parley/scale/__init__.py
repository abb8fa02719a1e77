"""Scale: streaming, parallel and cluster runs of the pipeline, with progress reporting.

An outer driver like ``cli``: nothing in parley imports it.  Every engine gives the same
extractions in the same order as ``parley.pipeline``, so where a run happens never changes
what the store holds.  Names are loaded on first use, so that the command line can offer
these options without importing the pipeline for ``--help``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .engines import ENGINES

if TYPE_CHECKING:
    from .ingesting import ScaleOptions, check_options, extract_parallel, ingest_items, run_ingest
    from .progress import Progress, count_articles

_HOMES = {
    "ScaleOptions": "ingesting",
    "check_options": "ingesting",
    "extract_parallel": "ingesting",
    "ingest_items": "ingesting",
    "run_ingest": "ingesting",
    "Progress": "progress",
    "count_articles": "progress",
}

__all__ = [
    "ENGINES",
    "Progress",
    "ScaleOptions",
    "check_options",
    "count_articles",
    "extract_parallel",
    "ingest_items",
    "run_ingest",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_HOMES[name]}", __name__), name)
