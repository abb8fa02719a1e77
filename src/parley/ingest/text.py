"""Plain-text articles: one file, one article, in the seed format.

Decoding is strict: a file that is not UTF-8 is refused with a message rather than read as
mojibake, because garbled names would quietly become wrong actors downstream.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import IngestError
from ..model import Article, Rejection
from ..registry import readers
from .identity import article_id
from .prefix import split_prefix

MAX_TEXT_BYTES = 5 * 1024 * 1024
"""Largest file read as one article: news stories are kilobytes, so more is a wrong input."""

STAGE = "ingest"
_BOM = "\ufeff"


def parse_text_article(raw: str, *, name: str, source: str | None = None) -> Article:
    """Build an Article from the text of one seed-format article.

    ``name`` becomes the external id (the file stem the user knows).  The text is stripped of
    its prefix and surrounding whitespace; offsets found later count from that stripped text.
    Raises IngestError for an empty article or a prefix with an impossible date.
    """
    where = source or name
    prefixed = split_prefix(raw, where=where)
    text = prefixed.text.strip()
    if not text:
        raise IngestError("empty article: no text after the date prefix"
                          if prefixed.published else "empty article", where=where)
    return Article(
        id=article_id(text),
        external_id=name,
        text=text,
        source=source,
        published=prefixed.published,
        dateline=prefixed.dateline,
    )


def decode_text(data: bytes, *, where: str) -> str:
    """UTF-8 bytes to text with a BOM dropped and newlines made ``\\n``.

    Raises IngestError for NUL bytes (a binary file) or bytes that are not UTF-8.
    """
    if b"\x00" in data:
        raise IngestError("binary file (contains NUL bytes), not a text article", where=where)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = data[err.start:err.start + 1].hex()
        raise IngestError(
            f"not UTF-8 text (byte 0x{bad} at offset {err.start}); convert the file to UTF-8",
            where=where,
        ) from None
    return text.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")


def rejection(err: IngestError, *, where: str) -> Rejection:
    """The Rejection record for an ingest error, placed at the caller's ``where``.

    The caller knows the full place (path, or path and line), which the error may not.
    """
    return Rejection(where=where, stage=STAGE, reason=err.message, code=err.code)


def _read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes, refusing sizes no article has before reading them into memory."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                f"file is {size} bytes, over the {max_bytes}-byte limit for one article",
                where=where,
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise IngestError(f"cannot read file: {err.strerror or err}", where=where) from None
    if len(data) > max_bytes:
        raise IngestError(f"file is over the {max_bytes}-byte limit for one article", where=where)
    return data


@readers.register("parley.reader.text.v1")
def read_text_file(
    path: str | Path, *, max_bytes: int = MAX_TEXT_BYTES
) -> Iterator[Article | Rejection]:
    """Yield the one article in a text file, or one Rejection saying why there is none."""
    path = Path(path)
    where = str(path)
    try:
        text = decode_text(_read_bytes(path, max_bytes=max_bytes), where=where)
        if not text:
            raise IngestError("empty file", where=where)
        yield parse_text_article(text, name=path.stem, source=path.name)
    except IngestError as err:
        yield rejection(err, where=where)
