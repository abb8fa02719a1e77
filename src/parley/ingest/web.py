"""Addresses on the command line: a page or a feed, told apart by what the server sends.

A user pastes whatever address they have; whether it is a story or a feed of stories is
known only from the answer (its media type, else the document's root element), so one
function fetches and then hands the bytes to the page or the feed reader.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import IngestError
from ..model import Article, Rejection
from .feeds import entry_articles, parse_feed
from .fetch import Fetched, Fetcher
from .pages import page_article, parse_html
from .text import rejection

FEED_TYPES = frozenset({
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/x-rss+xml",
    "application/xml",
    "text/xml",
})
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")
_SNIFF_BYTES = 2048


def looks_like_feed(fetched: Fetched) -> bool:
    """Whether an answer is a feed: a feed media type or root element, and no ``<html``."""
    head = fetched.data[:_SNIFF_BYTES].replace(b"\x00", b"").lower()
    if b"<html" in head:
        return False
    return fetched.content_type in FEED_TYPES or any(root in head for root in _FEED_ROOTS)


def read_url(url: str, *, fetcher: Fetcher) -> Iterator[Article | Rejection]:
    """Yield the article at ``url``, or every article of the feed there, with rejections."""
    try:
        fetched = fetcher.fetch(url)
        if looks_like_feed(fetched):
            entries = parse_feed(fetched.data, where=url, base_url=fetched.final_url)
        else:
            page = parse_html(fetched.data, where=url, url=fetched.final_url,
                              charset=fetched.charset)
            yield page_article(page, external_id=url, source=fetched.final_url)
            return
    except IngestError as err:
        yield rejection(err, where=url)
        return
    yield from entry_articles(entries, where=url, fetcher=fetcher)
