"""JSON Lines articles: one object per line, as in the corpus's ``articles.jsonl``.

Each line stands alone: a broken line becomes a Rejection placed at ``FILE:LINE`` and the
next line is read, so one bad record never costs the rest of a batch.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import IngestError
from ..model import Article, Rejection
from ..registry import readers
from .identity import article_id
from .prefix import parse_day, split_prefix
from .text import MAX_TEXT_BYTES, rejection

_BOM = "\ufeff"
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_LINE_BYTES = MAX_TEXT_BYTES
"""Longest line read: one line is one article, so the text limit applies to it."""


def _storable(value: str, key: str, *, where: str) -> str:
    """``value`` unchanged; a NUL character (``\\u0000``) or a lone surrogate (``\\ud800``),
    which JSON escapes allow but no store can keep, is refused."""
    if "\x00" in value:
        raise IngestError(f"{key!r} contains a NUL character (\\u0000)", where=where)
    lone = _SURROGATE.search(value)
    if lone:
        raise IngestError(f"{key!r} contains a lone surrogate (\\u{ord(lone.group()):04x}), "
                          "which is not text", where=where)
    return value


def _optional_str(record: dict[str, Any], key: str, *, where: str) -> str | None:
    """A string field that may be absent; ``null`` and ``""`` both mean not given."""
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise IngestError(f"{key!r} must be a string or null, not {type(value).__name__}",
                          where=where)
    return _storable(value, key, where=where)


def _external_id(record: dict[str, Any], *, where: str, default: str) -> str:
    """The line's ``id``; numbers are accepted as their decimal text."""
    value = record.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is not None and not isinstance(value, str):
        raise IngestError(f"'id' must be a string or an integer, not {type(value).__name__}",
                          where=where)
    return _storable(value, "id", where=where) if value else default


def _body(record: dict[str, Any], *, where: str) -> str:
    if "text" not in record:
        raise IngestError("missing 'text'", where=where)
    text = record["text"]
    if not isinstance(text, str):
        raise IngestError(f"'text' must be a string, not {type(text).__name__}", where=where)
    if not text.strip():
        raise IngestError("empty article: 'text' is blank", where=where)
    return _storable(text, "text", where=where)


def parse_record(record: Any, *, where: str, default_id: str) -> Article:
    """Build an Article from one decoded JSONL value.

    A seed-style date prefix at the start of ``text`` is cut off; its date and city fill
    ``published`` and ``dateline`` only where the record leaves them null, since explicit
    fields are the more deliberate statement.  Raises IngestError for any malformed field.
    """
    if not isinstance(record, dict):
        raise IngestError(f"line is a JSON {type(record).__name__}, not an object", where=where)
    prefixed = split_prefix(_body(record, where=where), where=where)
    text = prefixed.text.strip()
    if not text:
        raise IngestError("empty article: no text after the date prefix", where=where)
    published = _optional_str(record, "published", where=where)
    if published is not None:
        published = parse_day(published, where=where, what="'published'")
    return Article(
        id=article_id(text),
        external_id=_external_id(record, where=where, default=default_id),
        text=text,
        title=_optional_str(record, "title", where=where),
        source=_optional_str(record, "source", where=where),
        published=published or prefixed.published,
        dateline=_optional_str(record, "dateline", where=where) or prefixed.dateline,
    )


def parse_jsonl_line(line: str, *, where: str, default_id: str) -> Article:
    """Decode one line of JSON and build its Article; raises IngestError when it cannot."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise IngestError(f"not valid JSON ({err.msg} at column {err.colno})",
                          where=where) from None
    except RecursionError:
        raise IngestError("not valid JSON (nested too deeply)", where=where) from None
    except ValueError as err:
        raise IngestError(f"not valid JSON ({err})", where=where) from None
    return parse_record(record, where=where, default_id=default_id)


def read_jsonl_lines(
    lines: Iterable[str | bytes | None], *, name: str, stem: str
) -> Iterator[Article | Rejection]:
    """Yield an Article or a Rejection for each non-blank line.

    ``name`` places rejections (``name:LINE``); ``stem`` prefixes the ids of lines without one.
    A None in ``lines`` stands for a line too long to read (see ``bounded_lines``).
    """
    for number, line in enumerate(lines, start=1):
        where = f"{name}:{number}"
        try:
            if line is None:
                raise IngestError(f"line is over the {MAX_LINE_BYTES}-byte limit for one "
                                  "article", where=where)
            if isinstance(line, bytes):
                line = _decode_line(line, where=where)
            if number == 1:
                line = line.removeprefix(_BOM)
            if not line.strip():
                continue
            yield parse_jsonl_line(line, where=where, default_id=f"{stem}:{number}")
        except IngestError as err:
            yield rejection(err, where=where)


def _decode_line(line: bytes, *, where: str) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError as err:
        raise IngestError(f"not UTF-8 text (byte 0x{line[err.start]:02x} at column "
                          f"{err.start + 1}); convert the file to UTF-8", where=where) from None


def bounded_lines(handle: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | None]:
    """The file's lines, with None for a line over ``limit`` bytes, which is skipped unread
    rather than held whole in memory."""
    while line := handle.readline(limit + 1):
        if len(line) <= limit:
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = handle.readline(limit + 1)
        yield None


@readers.register("parley.reader.jsonl.v1")
def read_jsonl(path: str | Path) -> Iterator[Article | Rejection]:
    """Yield the articles of a JSONL file, and a Rejection for each line that is not one."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            yield from read_jsonl_lines(bounded_lines(handle), name=str(path), stem=path.stem)
    except OSError as err:
        yield rejection(IngestError(f"cannot read file: {err.strerror or err}"), where=str(path))
