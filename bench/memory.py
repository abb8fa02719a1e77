"""Peak memory of a whole ingest (read, extract, store) at two corpus sizes.

Each size runs in a fresh interpreter, so its peak resident set (``VmHWM``) is that run's
alone.  Articles are distinct stories (``corpus.mixed_articles``), generated as a stream and
never held in a list, as a real corpus on disk is read; the whole ingest runs, copy detection
included.  Flat memory means the peak does not grow with the number of articles.
Run as a script, this file is the child: ``python bench/memory.py SIZE DB``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent


def measure(size: int, corpus: Path) -> dict[str, float]:
    """Run the child for ``size`` articles and return its figures."""
    with tempfile.TemporaryDirectory(prefix="parley-bench-mem-") as folder:
        db = Path(folder) / "store.db"
        done = subprocess.run(
            [sys.executable, str(HERE / "memory.py"), str(size), str(db), str(corpus)],
            check=True, capture_output=True, text=True,
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _status_mb(field: str) -> float | None:
    """A memory figure of this process from ``/proc/self/status`` (Linux), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _peak_mb() -> float:
    """This process's peak resident set.

    ``VmHWM`` belongs to the process's own memory map, so it starts afresh at exec; Linux
    carries ``ru_maxrss`` over from the parent at fork, which would report the benchmark
    driver's size (models loaded, a Dask cluster run) instead of this run's.
    """
    return _status_mb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(size: int, db: str, corpus: str) -> None:
    sys.path.insert(0, str(HERE))
    from corpus import base_articles, mixed_articles

    from parley.scale import ingest_items
    from parley.store import open_store

    articles = islice(mixed_articles(base_articles(Path(corpus))), size)
    start = time.perf_counter()
    with open_store(db) as store:
        summary = ingest_items(articles, store)
    seconds = time.perf_counter() - start
    peak_mb = _peak_mb()
    print(json.dumps({"size": size, "seconds": seconds, "peak_mb": peak_mb, "end_mb": _status_mb("VmRSS"),
                      "added": summary.added, "events": summary.events}))


if __name__ == "__main__":
    _child(int(sys.argv[1]), sys.argv[2], sys.argv[3])
