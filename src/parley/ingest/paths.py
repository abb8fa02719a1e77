"""From what the user names on the command line to a stream of articles and rejections.

Files are handed to the reader registered for their suffix, folders are walked in a fixed
order so runs are reproducible, ``-`` reads standard input, and http(s) addresses are
fetched (a page or a feed).  Every problem with an input becomes a Rejection: a batch of
thousands must not stop at its first bad file.  Syndicated copies within the batch are
pointed at their first-seen original (see ``syndication``).
"""

from __future__ import annotations

import dataclasses
import inspect
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from ..errors import ParleyError
from ..model import Article, Rejection
from ..registry import readers
from . import feeds as _feeds  # noqa: F401  (registers the feed reader)
from . import pages as _pages  # noqa: F401  (registers the page reader)
from .fetch import Fetcher, is_url
from .jsonl import read_jsonl_lines
from .syndication import collapse_near_duplicates
from .text import MAX_TEXT_BYTES, STAGE, parse_text_article
from .web import read_url

TEXT_READER = "parley.reader.text.v1"
JSONL_READER = "parley.reader.jsonl.v1"
HTML_READER = "parley.reader.html.v1"
FEED_READER = "parley.reader.feed.v1"

SUFFIX_READERS: Mapping[str, str] = {
    ".jsonl": JSONL_READER,
    ".txt": TEXT_READER,
    ".text": TEXT_READER,
    ".md": TEXT_READER,
    "": TEXT_READER,
    ".html": HTML_READER,
    ".htm": HTML_READER,
    ".xml": FEED_READER,
    ".rss": FEED_READER,
    ".atom": FEED_READER,
}
"""Which registered reader handles a file, by its lower-cased suffix ("" for none)."""

STDIN = "-"
STDIN_NAME = "<stdin>"


def _reject(where: str, reason: str, code: str = "P100") -> Rejection:
    return Rejection(where=where, stage=STAGE, reason=reason, code=code)


def read_paths(
    paths: Iterable[str | Path],
    *,
    suffixes: Mapping[str, str] | None = None,
    fetcher: Fetcher | None = None,
    near_duplicates: bool = True,
) -> Iterator[Article | Rejection]:
    """Yield every article in ``paths`` (files, folders, addresses or ``-``) and a Rejection
    per failure.

    ``suffixes`` maps file suffixes to reader names, for callers that add their own readers.
    ``fetcher`` fetches addresses and the pages of summary-only feed entries; one is made
    when needed, and shared by the whole batch so that each host is asked politely.  With
    ``near_duplicates`` a syndicated copy comes out with its original's id, so the store
    keeps the story once and records the copy as another source.
    """
    items = _read_all(paths, SUFFIX_READERS if suffixes is None else suffixes,
                      _lazy(fetcher))
    return collapse_near_duplicates(items) if near_duplicates else items


def _lazy(fetcher: Fetcher | None) -> Callable[[], Fetcher]:
    """A getter that makes the batch's fetcher on first use (most batches fetch nothing)."""
    made: list[Fetcher] = [] if fetcher is None else [fetcher]

    def get() -> Fetcher:
        if not made:
            made.append(Fetcher())
        return made[0]

    return get


def _read_all(
    paths: Iterable[str | Path], table: Mapping[str, str], fetcher: Callable[[], Fetcher]
) -> Iterator[Article | Rejection]:
    for item in paths:
        if str(item) == STDIN:
            yield from read_stdin()
            continue
        if isinstance(item, str) and is_url(item):
            yield from read_url(item, fetcher=fetcher())
            continue
        path = Path(item)
        if path.is_dir():
            for file in walk_folder(path, table):
                yield from _read_file(file, table, fetcher)
        elif path.exists():
            yield from _read_file(path, table, fetcher)
        else:
            yield _reject(str(path), "no such file or folder")


def walk_folder(folder: Path, suffixes: Mapping[str, str]) -> Iterator[Path]:
    """The readable files under ``folder``, depth first in sorted name order.

    Hidden entries (a leading dot) and files no reader claims are skipped: folders of
    articles often hold notes, editor backups and version-control data.  A folder reached
    twice through symbolic links is walked once.
    """
    seen: set[tuple[int, int]] = set()
    yield from _walk(folder, suffixes, seen)


def _walk(folder: Path, suffixes: Mapping[str, str], seen: set[tuple[int, int]]) -> Iterator[Path]:
    try:
        info = folder.stat()
        key = (info.st_dev, info.st_ino)
        if key in seen:
            return
        seen.add(key)
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if path.is_dir():
            yield from _walk(path, suffixes, seen)
        elif path.is_file() and path.suffix.lower() in suffixes:
            yield path


def _read_file(
    path: Path, suffixes: Mapping[str, str], fetcher: Callable[[], Fetcher]
) -> Iterator[Article | Rejection]:
    """Hand ``path`` to its reader, turning any error the reader raises into a Rejection.

    A reader that takes a ``fetcher`` keyword (the feed reader) gets the batch's fetcher.
    """
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        known = ", ".join(sorted(s or "(none)" for s in suffixes))
        yield _reject(str(path), f"unknown file type {suffix!r} (readable: {known})")
        return
    try:
        reader = readers.get(suffixes[suffix])
        if _takes_fetcher(reader):
            yield from reader(path, fetcher=fetcher())
        else:
            yield from reader(path)
    except ParleyError as err:
        yield _reject(str(path), err.message, err.code)
    except OSError as err:
        yield _reject(str(path), f"cannot read file: {err.strerror or err}")


def _takes_fetcher(reader: Callable[..., object]) -> bool:
    try:
        return "fetcher" in inspect.signature(reader).parameters
    except (TypeError, ValueError):
        return False


def read_stdin(max_chars: int = MAX_TEXT_BYTES) -> Iterator[Article | Rejection]:
    """Read standard input as JSONL when it opens with ``{``, else as one text article.

    A lone text article has no name, so its external id is its content id.
    """
    try:
        data = sys.stdin.read(max_chars + 1)
    except UnicodeDecodeError:
        yield _reject(STDIN_NAME, "not UTF-8 text; convert the input to UTF-8")
        return
    except (OSError, ValueError) as err:
        yield _reject(STDIN_NAME, f"cannot read standard input: {err}")
        return
    if len(data) > max_chars:
        yield _reject(STDIN_NAME, f"input is over the {max_chars}-character limit for one read")
        return
    data = data.removeprefix("\ufeff")
    if not data.strip():
        yield _reject(STDIN_NAME, "empty input")
    elif data.lstrip().startswith("{"):
        yield from read_jsonl_lines(io.StringIO(data), name=STDIN_NAME, stem="stdin")
    else:
        yield from _read_stdin_text(data)


def _read_stdin_text(data: str) -> Iterator[Article | Rejection]:
    if "\x00" in data:
        yield _reject(STDIN_NAME, "binary input (contains NUL characters), not a text article")
        return
    try:
        article = parse_text_article(data, name=STDIN_NAME)
    except ParleyError as err:
        yield _reject(STDIN_NAME, err.message, err.code)
        return
    yield dataclasses.replace(article, external_id=article.id)
