"""Polling feeds for new entries, for ``parley watch``.

A watch runs for days, so each poll must be cheap for the publisher and for parley: a feed
fetched before is asked for with its ETag and Last-Modified (an unchanged feed costs one
empty 304 answer), entries already read are skipped before their pages are fetched, and
what is remembered per feed is only what the feed still lists, so memory does not grow
with time.  An entry that failed (its page was down) is tried again at the next poll.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import IngestError
from ..model import Article, Rejection
from .feeds import MAX_FEED_BYTES, FeedEntry, entry_article, entry_place, parse_feed
from .fetch import Fetcher, is_url
from .syndication import NearDuplicateFilter
from .text import read_file_bytes, rejection


class FeedPoller:
    """Yields, at each ``poll()``, the articles of entries not read at an earlier poll.

    ``sources`` are feed addresses or paths of feed files (read again at every poll).
    """

    def __init__(self, sources: Iterable[str], *, fetcher: Fetcher | None = None) -> None:
        self.sources = tuple(sources)
        self.fetcher = fetcher if fetcher is not None else Fetcher()
        self._done: dict[str, set[str]] = {}
        self._validators: dict[str, tuple[str | None, str | None]] = {}
        self._copies = NearDuplicateFilter()

    def poll(self) -> Iterator[Article | Rejection]:
        """One round over every source: new articles, and rejections for what failed."""
        for source in self.sources:
            yield from self._copies.apply(self._poll_source(source))

    def _poll_source(self, source: str) -> Iterator[Article | Rejection]:
        try:
            entries = self._entries(source)
        except IngestError as err:
            yield rejection(err, where=source)
            return
        if entries is None:  # unchanged since the last poll
            return
        done = self._done.get(source, set())
        still_listed = {entry.key for entry in entries}
        self._done[source] = done & still_listed
        for entry in entries:
            if entry.key in done:
                continue
            place = entry_place(source, entry)
            try:
                article = entry_article(entry, where=place, fetcher=self.fetcher)
            except IngestError as err:
                yield rejection(err, where=place)
                continue
            self._done[source].add(entry.key)
            yield article

    def _entries(self, source: str) -> list[FeedEntry] | None:
        """The feed's entries now, or None when the server says it has not changed."""
        if not is_url(source):
            data = read_file_bytes(Path(source), max_bytes=MAX_FEED_BYTES, what="one feed")
            return parse_feed(data, where=source)
        etag, modified = self._validators.get(source, (None, None))
        fetched = self.fetcher.fetch(source, etag=etag, modified=modified)
        if fetched.not_modified:
            return None
        entries = parse_feed(fetched.data, where=source, base_url=fetched.final_url)
        self._validators[source] = (fetched.etag, fetched.last_modified)
        return entries
