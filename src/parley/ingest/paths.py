"""From what the user names on the command line to a stream of articles and rejections.

Files are handed to the reader registered for their suffix, folders are walked in a fixed
order so runs are reproducible, and ``-`` reads standard input.  Every problem with an input
becomes a Rejection: a batch of thousands must not stop at its first bad file.
"""

from __future__ import annotations

import dataclasses
import io
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from ..errors import ParleyError
from ..model import Article, Rejection
from ..registry import readers
from .jsonl import read_jsonl_lines
from .text import MAX_TEXT_BYTES, STAGE, parse_text_article

TEXT_READER = "parley.reader.text.v1"
JSONL_READER = "parley.reader.jsonl.v1"

SUFFIX_READERS: Mapping[str, str] = {
    ".jsonl": JSONL_READER,
    ".txt": TEXT_READER,
    ".text": TEXT_READER,
    ".md": TEXT_READER,
    "": TEXT_READER,
}
"""Which registered reader handles a file, by its lower-cased suffix ("" for none)."""

STDIN = "-"
STDIN_NAME = "<stdin>"


def _reject(where: str, reason: str, code: str = "P100") -> Rejection:
    return Rejection(where=where, stage=STAGE, reason=reason, code=code)


def read_paths(
    paths: Iterable[str | Path], *, suffixes: Mapping[str, str] | None = None
) -> Iterator[Article | Rejection]:
    """Yield every article in ``paths`` (files, folders, or ``-``) and a Rejection per failure.

    ``suffixes`` maps file suffixes to reader names, for callers that add their own readers.
    """
    table = SUFFIX_READERS if suffixes is None else suffixes
    for item in paths:
        if str(item) == STDIN:
            yield from read_stdin()
            continue
        path = Path(item)
        if path.is_dir():
            for file in walk_folder(path, table):
                yield from _read_file(file, table)
        elif path.exists():
            yield from _read_file(path, table)
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


def _read_file(path: Path, suffixes: Mapping[str, str]) -> Iterator[Article | Rejection]:
    """Hand ``path`` to its reader, turning any error the reader raises into a Rejection."""
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        known = ", ".join(sorted(s or "(none)" for s in suffixes))
        yield _reject(str(path), f"unknown file type {suffix!r} (readable: {known})")
        return
    try:
        yield from readers.get(suffixes[suffix])(path)
    except ParleyError as err:
        yield _reject(str(path), err.message, err.code)
    except OSError as err:
        yield _reject(str(path), f"cannot read file: {err.strerror or err}")


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
