"""Articles sent to the server: one plain-text article or JSONL lines, into the pipeline.

The same readers as ``parley ingest`` parse the bytes (seed-format date prefix, JSONL fields,
encodings), so an article posted to the server and the same file ingested from the command
line become the same stored article.  Writes go one at a time through the app's lock.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Literal

from ..errors import IngestError
from ..ingest import decode_text, parse_text_article
from ..ingest.jsonl import read_jsonl_lines
from ..ingest.text import rejection
from ..model import Article, Rejection
from ..pipeline import IngestSummary, ingest
from ..store import Store

Format = Literal["text", "jsonl"]
TEXT_TYPES = frozenset({"text/plain"})
JSONL_TYPES = frozenset(
    {"application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines"}
)
MEDIA_TYPES = {**{t: "text" for t in TEXT_TYPES}, **{t: "jsonl" for t in JSONL_TYPES}}


def safe_name(name: str) -> str:
    """A name to store an upload under: letters, digits, ``_.-`` only, at most 100 characters."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]", "_", name.strip())[:100]
    return cleaned or "upload"


def format_of(content_type: str | None) -> Format | None:
    """``text`` or ``jsonl`` for a request's Content-Type, None for one the API does not read."""
    media = (content_type or "").split(";")[0].strip().lower()
    found = MEDIA_TYPES.get(media)
    return "text" if found == "text" else "jsonl" if found == "jsonl" else None


def format_of_file(filename: str | None, chosen: str) -> Format:
    """The format a form upload is in: as chosen, or by the file's suffix for ``auto``."""
    if chosen in ("text", "jsonl"):
        return "jsonl" if chosen == "jsonl" else "text"
    name = (filename or "").lower()
    return "jsonl" if name.endswith((".jsonl", ".ndjson")) else "text"


def read_upload(data: bytes, *, fmt: Format, name: str) -> Iterator[Article | Rejection]:
    """The articles (and rejections) in uploaded bytes, as the command-line readers make them."""
    if fmt == "jsonl":
        yield from read_jsonl_lines(data.splitlines(keepends=True), name=name, stem=name)
        return
    try:
        yield parse_text_article(decode_text(data, where=name), name=name)
    except IngestError as err:
        yield rejection(err, where=name)


def ingest_upload(store: Store, lock: threading.Lock, data: bytes, *, fmt: Format, name: str) -> IngestSummary:
    """Extract and store the uploaded articles, one writer at a time."""
    with lock:
        return ingest(read_upload(data, fmt=fmt, name=name), store)
