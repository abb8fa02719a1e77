"""Progress of a long run: a live bar on a terminal, a plain line now and then otherwise.

A person at a terminal wants to see the rate and the time left; a log file (cron, CI, a
cluster job) wants a line every so often it can read later, not a thousand carriage
returns.  The total is known only when the input can be counted cheaply beforehand (see
``count_articles``); without it the bar shows the count and the rate, and no estimate.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TextIO

from ..ingest import SUFFIX_READERS, walk_folder

BAR_WIDTH = 24
REDRAW_S = 0.2
LINE_EVERY_S = 10.0
JSONL_SUFFIX = ".jsonl"
ONE_ARTICLE_READERS = ("parley.reader.text.", "parley.reader.html.")
ONE_ARTICLE_SUFFIXES = frozenset(s for s, reader in SUFFIX_READERS.items() if reader.startswith(ONE_ARTICLE_READERS))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Where a run stands: done, out of total (if known), the rate and the time left."""

    done: int
    total: int | None
    elapsed: float

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def left(self) -> float | None:
        if self.total is None or self.rate <= 0:
            return None
        return max(0, self.total - self.done) / self.rate


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def render_bar(snap: Snapshot, unit: str = "articles") -> str:
    """``[#####-----] 120/500 articles  23.4 articles/s  ETA 0:16`` (no bar without a total)."""
    rate = f"{snap.rate:.1f} {unit}/s"
    if snap.total is None:
        return f"{snap.done} {unit}  {rate}  elapsed {_clock(snap.elapsed)}"
    filled = int(BAR_WIDTH * min(snap.done, snap.total) / snap.total) if snap.total else BAR_WIDTH
    bar = "#" * filled + "-" * (BAR_WIDTH - filled)
    return f"[{bar}] {snap.done}/{snap.total} {unit}  {rate}  ETA {_clock(snap.left)}"


def render_line(snap: Snapshot, unit: str = "articles") -> str:
    """A log line: ``progress: 120/500 articles, 23.4 articles/s, about 0:16 left``."""
    done = f"{snap.done}/{snap.total}" if snap.total is not None else str(snap.done)
    left = f", about {_clock(snap.left)} left" if snap.left is not None else ""
    return f"progress: {done} {unit}, {snap.rate:.1f} {unit}/s, {_clock(snap.elapsed)} elapsed{left}"


class Progress:
    """Call ``advance()`` per article; draws on ``stream`` as a bar (terminal) or in lines.

    Used as a context manager so the last state is always shown, even when the run fails.
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        total: int | None = None,
        unit: str = "articles",
        live: bool | None = None,
        every_s: float = LINE_EVERY_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.total = total
        self.unit = unit
        self.live = stream.isatty() if live is None else live
        self.every_s = REDRAW_S if self.live else every_s
        self.clock = clock
        self.done = 0
        self._start = clock()
        self._shown = self._start
        self._shown_done = -1

    def snapshot(self) -> Snapshot:
        return Snapshot(self.done, self.total, self.clock() - self._start)

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = self.clock()
        if now - self._shown >= self.every_s:
            self._shown = now
            self._show()

    def _show(self, final: bool = False) -> None:
        snap = self.snapshot()
        self._shown_done = snap.done
        if self.live:
            end = "\n" if final else ""
            self.stream.write(f"\r{render_bar(snap, self.unit)}\x1b[K{end}")
        else:
            self.stream.write(render_line(snap, self.unit) + "\n")
        self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.done and self.done != self._shown_done:  # a state not shown yet
            self._show(final=True)
        elif self.live and self._shown_done >= 0:  # end the bar's line
            self.stream.write("\n")
            self.stream.flush()


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """How many articles ``paths`` hold, counted without parsing; None when it cannot be known.

    A non-empty text or web page file is one article and a JSONL file one per non-blank line; standard
    input, addresses and feeds (any number of entries) make the total unknown.
    """
    total = 0
    for item in paths:
        path = Path(item)
        if str(item) == "-" or "://" in str(item):
            return None
        if not path.exists():
            continue  # read as a rejection, not an article
        files = walk_folder(path, SUFFIX_READERS) if path.is_dir() else iter([path])
        for file in files:
            suffix = file.suffix.lower()
            if suffix == JSONL_SUFFIX:
                total += _count_lines(file)
            elif suffix in ONE_ARTICLE_SUFFIXES:
                total += _non_empty(file)
            else:
                return None
    return total


def _non_empty(path: Path) -> int:
    """1 for a file with content; an empty file is read as a rejection, not an article."""
    try:
        return 1 if path.stat().st_size else 0
    except OSError:
        return 0


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as data:
            return sum(1 for line in data if line.strip())
    except OSError:
        return 0
