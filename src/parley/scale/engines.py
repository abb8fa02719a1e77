"""The names of the engines extraction can run on, in a module light enough for ``--help``."""

from __future__ import annotations

ENGINES = ("local", "dask")
"""``local``: this process or ``--workers N`` processes here; ``dask``: a Dask cluster."""
