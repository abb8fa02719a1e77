"""Plain-text articles: one file, one article, in the seed format.

Text is read as UTF-8.  Old archives are often Windows-1252 or Latin-1, so a file that is not
UTF-8 is read in that encoding instead and a warning names the file and the encoding used;
anything that still looks like binary data (NUL bytes, control characters) is refused, since
garbled bytes would quietly become wrong actors downstream.
"""

from __future__ import annotations

import codecs
import logging
import re
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

FALLBACK_ENCODINGS = (("cp1252", "Windows-1252"), ("latin-1", "Latin-1"))
"""Tried in order when a file is not UTF-8; Latin-1 decodes any bytes, so it comes last."""

MAX_CONTROL_SHARE = 0.01
"""Above this share of control characters, text is taken for binary data, not prose."""

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

LOG = logging.getLogger(__name__)


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
    """Bytes to text with a BOM dropped and newlines made ``\\n``.

    UTF-8 first (UTF-16 when the bytes open with its BOM), else Windows-1252, else Latin-1,
    with a warning naming ``where`` and the encoding used.  Raises IngestError for bytes that
    look binary: NUL bytes, or more than 1% control characters once decoded.
    """
    text, label = decode_bytes(data, where=where)
    if label != "UTF-8":
        LOG.warning("%s: not UTF-8 text; read as %s", where, label)
    return text.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, *, where: str) -> tuple[str, str]:
    """The text of ``data`` and the name of the encoding that read it; see ``decode_text``."""
    if data.startswith(_UTF16_BOMS):
        try:
            return _checked(data.decode("utf-16"), where=where), "UTF-16"
        except UnicodeDecodeError:
            raise IngestError("starts with a UTF-16 mark but is not UTF-16 text",
                              where=where) from None
    if b"\x00" in data:
        raise IngestError("binary file (contains NUL bytes), not a text article", where=where)
    try:
        return _checked(data.decode("utf-8"), where=where), "UTF-8"
    except UnicodeDecodeError:
        pass
    for codec, label in FALLBACK_ENCODINGS:
        try:
            return _checked(data.decode(codec), where=where), label
        except UnicodeDecodeError:
            continue
    raise AssertionError("Latin-1 decodes every byte")  # pragma: no cover


def _checked(text: str, *, where: str) -> str:
    """``text`` unchanged, unless control characters show it is binary data read as text."""
    if "\x00" in text:
        raise IngestError("binary file (contains NUL characters), not a text article",
                          where=where)
    controls = len(_CONTROL.findall(text))
    if controls and controls > MAX_CONTROL_SHARE * len(text):
        raise IngestError(
            f"binary file ({controls} control characters in {len(text)}), not a text article",
            where=where,
        )
    return text


def rejection(err: IngestError, *, where: str) -> Rejection:
    """The Rejection record for an ingest error, placed at the caller's ``where``.

    The caller knows the full place (path, or path and line), which the error may not.
    """
    return Rejection(where=where, stage=STAGE, reason=err.message, code=err.code)


def read_file_bytes(path: Path, *, max_bytes: int, what: str = "one article") -> bytes:
    """The file's bytes, refusing sizes no article has before reading them into memory.

    Raises IngestError naming the file for an unreadable file or one over ``max_bytes``;
    ``what`` says in the message what the limit is for.
    """
    where = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                f"file is {size} bytes, over the {max_bytes}-byte limit for {what}",
                where=where,
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise IngestError(f"cannot read file: {err.strerror or err}", where=where) from None
    if len(data) > max_bytes:
        raise IngestError(f"file is over the {max_bytes}-byte limit for {what}", where=where)
    return data


@readers.register("parley.reader.text.v1")
def read_text_file(
    path: str | Path, *, max_bytes: int = MAX_TEXT_BYTES
) -> Iterator[Article | Rejection]:
    """Yield the one article in a text file, or one Rejection saying why there is none."""
    path = Path(path)
    where = str(path)
    try:
        text = decode_text(read_file_bytes(path, max_bytes=max_bytes), where=where)
        if not text:
            raise IngestError("empty file", where=where)
        yield parse_text_article(text, name=path.stem, source=path.name)
    except IngestError as err:
        yield rejection(err, where=where)
