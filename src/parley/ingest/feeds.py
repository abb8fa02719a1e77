"""RSS and Atom feeds: each entry becomes an article.

feedparser reads both formats, tolerates the malformed feeds common in the wild and
sanitises the HTML in entries.  It is always handed a stream of bytes already read: given a
string (or bytes that name a path) it would fetch or open it itself, outside every limit set
here.  Entities are refused before it sees anything (see ``xmlguard``).

An entry that carries the story (``content:encoded``, Atom ``content``) is read as it is; one
that carries only a summary is a teaser, so its link is fetched and the page read instead.
"""

from __future__ import annotations

import email.utils
import io
import logging
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import IngestError
from ..model import Article, Rejection
from ..registry import readers
from .fetch import Fetcher
from .identity import article_id, normalise_text
from .pages import MAX_PAGE_BYTES, WebPage, fragment_text, parse_html
from .text import read_file_bytes, rejection
from .xmlguard import check_xml_safety

MAX_FEED_BYTES = MAX_PAGE_BYTES
FULL_SUMMARY_WORDS = 150
"""A summary at least this long is the story itself: many RSS feeds put it in <description>."""
LOG = logging.getLogger(__name__)
_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed.  ``text`` is the entry's full content, empty when it has none."""

    number: int
    key: str
    title: str | None = None
    link: str | None = None
    published: str | None = None
    author: str | None = None
    text: str = ""
    summary: str = ""

    @property
    def story(self) -> str:
        """The story as the feed gives it: the content, or a summary long enough to be one."""
        if self.text:
            return self.text
        return self.summary if len(self.summary.split()) >= FULL_SUMMARY_WORDS else ""

    @property
    def summary_only(self) -> bool:
        return not self.story


def parse_feed(data: bytes, *, where: str, base_url: str | None = None) -> list[FeedEntry]:
    """The entries of an RSS or Atom document, in feed order.

    ``base_url`` (where the feed was fetched from) resolves relative links.  Raises
    IngestError naming ``where`` for a document that declares entities or is no feed.
    """
    if not data.strip():
        raise IngestError("empty feed", where=where)
    check_xml_safety(data, where=where)
    import feedparser  # imported on use, like trafilatura: most runs read no feed

    headers = {"content-location": base_url} if base_url else {}
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers,
                                  sanitize_html=True, resolve_relative_uris=True)
    except Exception as err:  # a third-party parser: any failure means "not a usable feed"
        raise IngestError(f"cannot parse the feed ({type(err).__name__})", where=where) from None
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise IngestError(f"not an RSS or Atom feed{detail}", where=where)
    return [_entry(raw, number, where=where) for number, raw in
            enumerate(parsed.get("entries", []), start=1)]


def entry_article(entry: FeedEntry, *, where: str, fetcher: Fetcher | None) -> Article:
    """The Article an entry reports, fetching its page when the entry holds only a summary.

    The feed's title and date win over the page's, being the publisher's own statement for
    this entry.  Raises IngestError when there is no text to be had.
    """
    title, published, text = entry.title, entry.published, entry.story
    if entry.summary_only:
        page = _linked_page(entry, where=where, fetcher=fetcher)
        title, published, text = title or page.title, published or page.published, page.text
    if not text:
        raise IngestError("entry has no text", where=where)
    return Article(
        id=article_id(text),
        external_id=entry.key,
        text=text,
        title=title,
        source=entry.link or where,
        published=published,
    )


def entry_place(where: str, entry: FeedEntry) -> str:
    """How a rejection names an entry: the feed, the entry's position and its link."""
    link = f" ({entry.link})" if entry.link else ""
    return f"{where} entry {entry.number}{link}"


def entry_articles(
    entries: Iterable[FeedEntry], *, where: str, fetcher: Fetcher | None
) -> Iterator[Article | Rejection]:
    """An Article per entry, or a Rejection placed at the feed and entry saying why not."""
    for entry in entries:
        place = entry_place(where, entry)
        try:
            yield entry_article(entry, where=place, fetcher=fetcher)
        except IngestError as err:
            yield rejection(err, where=place)


@readers.register("parley.reader.feed.v1")
def read_feed_file(
    path: str | Path, *, fetcher: Fetcher | None = None, max_bytes: int = MAX_FEED_BYTES
) -> Iterator[Article | Rejection]:
    """Yield the articles of a saved feed, fetching the pages of summary-only entries.

    Pass the batch's ``fetcher`` so that politeness is kept across files; without one a
    fresh one is made.
    """
    path = Path(path)
    where = str(path)
    try:
        entries = parse_feed(read_file_bytes(path, max_bytes=max_bytes, what="one feed"),
                             where=where)
    except IngestError as err:
        yield rejection(err, where=where)
        return
    yield from entry_articles(entries, where=where,
                              fetcher=fetcher if fetcher is not None else Fetcher())


def _linked_page(entry: FeedEntry, *, where: str, fetcher: Fetcher | None) -> WebPage:
    if not entry.link:
        raise IngestError("entry holds only a summary and no link to the article", where=where)
    if fetcher is None:
        raise IngestError("entry holds only a summary; its page was not fetched", where=where)
    try:
        fetched = fetcher.fetch(entry.link)
    except IngestError as err:
        raise IngestError(f"entry holds only a summary and its page could not be fetched: "
                          f"{err.message}", where=where) from None
    return parse_html(fetched.data, where=entry.link, url=fetched.final_url,
                      charset=fetched.charset)


def _entry(raw: Any, number: int, *, where: str) -> FeedEntry:
    link = _text(raw.get("link"))
    return FeedEntry(
        number=number,
        key=_text(raw.get("id")) or link or f"{where}#{number}",
        title=_text(raw.get("title")),
        link=link,
        published=_entry_day(raw, where=f"{where} entry {number}"),
        author=_text(raw.get("author")),
        text=_content_text(raw),
        summary=fragment_text(_text(raw.get("summary")) or ""),
    )


def _content_text(raw: Any) -> str:
    """The longest full-content block of the entry, as plain text."""
    contents = raw.get("content") or []
    texts = [fragment_text(_text(part.get("value")) or "") for part in contents
             if isinstance(part, dict)]
    return max(texts, key=len, default="")


def _entry_day(raw: Any, *, where: str) -> str | None:
    """The entry's publication day, or None with a warning when its date is not a real day."""
    for key in ("published", "updated"):
        given = _text(raw.get(key))
        if not given:
            continue
        day = feed_day(given, raw.get(f"{key}_parsed"))
        if day is None:
            LOG.warning("%s: %s date %r is not a real date; kept without one", where, key, given)
        return day
    return None


def feed_day(given: str, parsed: Any = None) -> str | None:
    """``YYYY-MM-DD`` for a feed date as the publisher wrote it, or None if it is no real day.

    feedparser rolls impossible dates over ("2025-13-45" becomes 2026-01-01), so the two
    common forms, ISO 8601 and RFC 822, are checked here and read as the day written, in the
    publisher's own time zone; only other forms fall back to feedparser's reading (UTC).
    """
    iso = _ISO_DAY.match(given)
    if iso:
        return _real_day(*(int(part) for part in iso.groups()))
    rfc = email.utils.parsedate_tz(given)
    if rfc is not None:
        return _real_day(*rfc[:3])
    try:
        return time.strftime("%Y-%m-%d", parsed) if parsed else None
    except (TypeError, ValueError, OverflowError):
        return None


def _real_day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except (ValueError, OverflowError):
        return None


def _text(value: object) -> str | None:
    """A feed field as one clean line; NULs and lone surrogates (which the loose parser lets
    through) dropped."""
    if not isinstance(value, str):
        return None
    value = value.replace("\x00", "").encode("utf-8", "ignore").decode("utf-8")
    return normalise_text(value) or None
