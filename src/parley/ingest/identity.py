"""Content-derived article ids.

The id hashes what the article says, not what it is called, so the same story fetched twice
or saved under two file names is stored once, and re-ingesting a folder changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

ID_LENGTH = 16

_WHITESPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form of the text that identity is judged on.

    NFC and collapsed whitespace make copies that differ only in encoding of accents,
    line wrapping or indentation count as the same article.
    """
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str, url: str | None = None) -> str:
    """A 16-hex-digit sha256 prefix of the normalised text (and the URL, when one is known).

    The normalised text holds no newline, so joining it to the URL with one cannot make two
    different (text, URL) pairs hash the same input.
    """
    payload = normalise_text(text)
    if url is not None and url.strip():
        payload = f"{payload}\n{url.strip()}"
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:ID_LENGTH]
