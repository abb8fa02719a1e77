"""Web pages: the story in a saved or fetched HTML page, without the page around it.

trafilatura finds the main text and drops navigation, scripts, comments and footers; it also
reads the title, author and publication date from the page's metadata.  Its broad date search
is turned off: without a date in the metadata it would take a year from a copyright line, and
a wrong publication date silently shifts every relative date resolved against it.  A page
with no date gets none.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import IngestError
from ..model import Article, Rejection
from ..registry import readers
from .identity import article_id, normalise_text
from .text import read_file_bytes, rejection

MAX_PAGE_BYTES = 10 * 1024 * 1024
"""Largest page read: pages carry markup and inline data, so more room than a text article."""

_DATE_SEARCH = {"extensive_search": False, "original_date": True}
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")
_BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass(frozen=True, slots=True)
class WebPage:
    """What a page says about its story.  ``author`` is kept here: Article has no place for it."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None


def parse_html(
    data: bytes | str, *, where: str, url: str | None = None, charset: str | None = None
) -> WebPage:
    """The story in one HTML page.

    ``charset`` is the encoding the server declared; without it the page's own declaration
    (or a guess) is used.  Raises IngestError naming ``where`` for binary data, a page that
    cannot be parsed, or one with no article text (only markup, scripts or navigation).
    """
    from trafilatura import bare_extraction, load_html  # on use: 0.1 s at start-up

    markup = _markup(data, where=where, charset=charset)
    try:
        tree = load_html(markup)
        if tree is None:
            raise IngestError("not an HTML page", where=where)
        _drop_unread(tree)
        found = bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_SEARCH,
        )
    except IngestError:
        raise
    except Exception as err:  # a third-party parser: any failure means "not a usable page"
        raise IngestError(f"cannot parse the page ({type(err).__name__})", where=where) from None
    title = _clean(getattr(found, "title", None))
    text = _body(getattr(found, "text", None) or "", title)
    if not text:
        raise IngestError("no article text in the page (only markup, scripts or navigation)",
                          where=where)
    return WebPage(
        text=text,
        title=title,
        author=_clean(getattr(found, "author", None)),
        published=_real_day(getattr(found, "date", None)),
        url=url,
    )


def page_article(page: WebPage, *, external_id: str, source: str | None) -> Article:
    """The Article for a page; its id hashes the text only, so a story moved to a new
    address, or saved twice, is still one article."""
    return Article(
        id=article_id(page.text),
        external_id=external_id,
        text=page.text,
        title=page.title,
        source=source,
        published=page.published,
    )


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one paragraph per block."""
    from lxml import etree
    from lxml import html as lxml_html

    if not markup.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (ValueError, etree.ParserError):
        return normalise_text(markup)
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for block in root.iter(*_BLOCKS):
        block.tail = "\n\n" + (block.tail or "")
    paragraphs = (normalise_text(part) for part in _BLANK_LINES.split(root.text_content()))
    return "\n\n".join(part for part in paragraphs if part)


@readers.register("parley.reader.html.v1")
def read_html_file(
    path: str | Path, *, max_bytes: int = MAX_PAGE_BYTES
) -> Iterator[Article | Rejection]:
    """Yield the article in a saved page, or one Rejection saying why there is none."""
    path = Path(path)
    where = str(path)
    try:
        data = read_file_bytes(path, max_bytes=max_bytes, what="one page")
        if not data.strip():
            raise IngestError("empty file", where=where)
        page = parse_html(data, where=where)
        yield page_article(page, external_id=path.stem, source=path.name)
    except IngestError as err:
        yield rejection(err, where=where)


def _markup(data: bytes | str, *, where: str, charset: str | None) -> bytes | str:
    """The page as text where its encoding is known, else as bytes for trafilatura to decode."""
    if isinstance(data, str):
        return data
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", "replace")
    if charset:
        try:
            return data.decode(charset, "replace")
        except LookupError:
            pass  # an unknown name in a header: let the page's own declaration decide
    if b"\x00" in data:
        raise IngestError("binary file (contains NUL bytes), not a web page", where=where)
    return data


def _drop_unread(tree: Any) -> None:
    """Remove what a browser runs or shows only to readers without scripts: never the story."""
    for element in tree.xpath("//script|//noscript|//template|//style"):
        element.drop_tree()


def _body(text: str, title: str | None) -> str:
    """Paragraphs separated by blank lines, without a first line that only repeats the title."""
    lines = [normalise_text(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and lines[0].casefold() == normalise_text(title).casefold():
        lines = lines[1:]
    return "\n\n".join(lines)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return normalise_text(value) or None


def _real_day(value: object) -> str | None:
    """``YYYY-MM-DD`` when ``value`` is a real calendar day, else None (never a guess)."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return None
    return value
