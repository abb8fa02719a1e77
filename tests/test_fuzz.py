"""Property tests: whatever bytes arrive, the readers and the date finder answer with a result
or one of parley's own errors, never a crash that would stop a batch.

Each property runs a bounded number of examples so the whole file takes seconds; a longer
campaign sets ``PARLEY_FUZZ_EXAMPLES`` (e.g. 5000) in the environment.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from parley.dates import find_dates
from parley.errors import ParleyError
from parley.ingest import (
    check_xml_safety,
    decode_text,
    entry_articles,
    is_near_duplicate,
    parse_feed,
    parse_html,
    parse_jsonl_line,
    parse_text_article,
    text_signature,
)
from parley.ingest.feeds import feed_day
from parley.model import Article, DateRef, Rejection

_SURROGATE = re.compile("[\ud800-\udfff]")
_EXAMPLES = int(os.environ.get("PARLEY_FUZZ_EXAMPLES", "120"))
FEW = settings(max_examples=_EXAMPLES, deadline=None)
FEWER = settings(max_examples=max(1, _EXAMPLES // 2), deadline=None)  # slower parsers

_MARKUP = st.sampled_from([
    "<html>", "</html>", "<head>", "<title>", "</title>", "<body>", "<article>", "<p>", "</p>",
    "<script>", "</script>", "<noscript>", "<meta charset='utf-8'>", "<meta charset='bogus'>",
    '<meta property="article:published_time" content="2025-13-45">', "<!--", "-->", "&amp;",
    "&#0;", "&#xD800;", "<![CDATA[", "]]>", "<div", ">", "\x00", "\ufeff", "\\ud800",
])
_WORDS = st.sampled_from([
    " Peru and Chile met in Lima on Tuesday.", " date 2025-09-02 LIMA:", " date 2025-13-45 LIMA:",
    " on 31 February 2025", " next Monday", " in December last year", " 2025-13-45", "\n\n",
])
_PIECES = st.lists(st.one_of(_MARKUP, _WORDS, st.text(max_size=12)), max_size=30).map("".join)
_BYTES = st.one_of(st.binary(max_size=400), _PIECES.map(lambda s: s.encode("utf-8", "replace")),
                   _PIECES.map(lambda s: s.encode("utf-16")))

_FEED_PARTS = st.sampled_from([
    '<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-7"?>', '<rss version="2.0">',
    "</rss>", "<channel>", "</channel>", "<item>", "</item>", "<title>", "</title>", "<link>",
    "http://127.0.0.1:9/x", "</link>", "<pubDate>", "2025-13-45", "Tue, 45 Sep 2025", "</pubDate>",
    '<feed xmlns="http://www.w3.org/2005/Atom">', "</feed>", "<entry>", "</entry>", "<summary>",
    "</summary>", "<content type='html'>", "</content>", "<guid>", "</guid>", "&lt;p&gt;",
    '<!DOCTYPE rss [<!ENTITY a "b">]>', "&a;", "<![CDATA[<p>Peru met Chile.</p>]]>",
])
_FEEDS = st.one_of(
    st.binary(max_size=300),
    st.lists(st.one_of(_FEED_PARTS, st.text(max_size=10)), max_size=40).map(
        lambda parts: "".join(parts).encode("utf-8", "replace")),
)
_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              st.text(max_size=20),
              st.text(st.characters(categories=["Cs", "Cc", "Lu"]), max_size=4),
              st.sampled_from(["2025-13-45", "2025-02-29", " date 2025-01-01 X:"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(["id", "text", "title", "published",
                                                             "dateline", "source"]), inner,
                                            max_size=6)),
    max_leaves=10,
)


def storable(article: Article) -> bool:
    """An article every store backend can keep: no NUL characters, no lone surrogates."""
    fields = (article.id, article.external_id, article.text, article.title, article.source,
              article.published, article.dateline)
    return isinstance(article, Article) and not any(
        isinstance(value, str) and ("\x00" in value or _SURROGATE.search(value))
        for value in fields)


@FEW
@given(data=_BYTES)
def test_text_reader_answers_with_an_article_or_its_own_error(data: bytes) -> None:
    try:
        article = parse_text_article(decode_text(data, where="x.txt"), name="x")
    except ParleyError:
        return
    assert storable(article) and article.text == article.text.strip()


@FEW
@given(line=st.one_of(st.text(max_size=200), _JSON.map(json.dumps)))
def test_jsonl_line_reader_answers_with_an_article_or_its_own_error(line: str) -> None:
    try:
        article = parse_jsonl_line(line, where="x.jsonl:1", default_id="x:1")
    except ParleyError:
        return
    assert storable(article) and article.text


@FEWER
@given(data=_BYTES, charset=st.one_of(st.none(), st.sampled_from(["utf-8", "latin-1", "nope"])))
def test_page_reader_answers_with_a_page_or_its_own_error(data: bytes, charset: str | None) -> None:
    try:
        page = parse_html(data, where="x.html", charset=charset)
    except ParleyError:
        return
    assert page.text and not re.search(r"<script[^>]*>", page.text, re.IGNORECASE)  # no script element survives
    assert not re.search("[\x00\ud800-\udfff]", f"{page.text}{page.title}{page.author}")


@FEWER
@given(data=_FEEDS)
def test_feed_reader_answers_with_entries_or_its_own_error(data: bytes) -> None:
    try:
        entries = parse_feed(data, where="x.rss")
    except ParleyError:
        return
    # Without a fetcher nothing goes to the network; every entry is an article or a rejection.
    for item in entry_articles(entries, where="x.rss", fetcher=None):
        assert isinstance(item, Rejection) or storable(item)


@FEW
@given(data=_FEEDS)
def test_xml_guard_refuses_every_entity_declaration(data: bytes) -> None:
    try:
        check_xml_safety(data, where="x.xml")
    except ParleyError:
        return
    assert b"<!ENTITY" not in data.replace(b"\x00", b"").upper()


@FEW
@given(given_date=st.one_of(st.text(max_size=40), _FEED_PARTS))
def test_feed_dates_are_real_days_or_none(given_date: str) -> None:
    day = feed_day(given_date)
    assert day is None or date.fromisoformat(day).isoformat() == day


@FEW
@given(
    text=st.one_of(st.text(max_size=200), _PIECES),
    published=st.one_of(st.none(), st.dates().map(date.isoformat)),
    prefer_future=st.booleans(),
)
def test_date_finder_answers_with_dates_or_its_own_error(
    text: str, published: str | None, prefer_future: bool
) -> None:
    try:
        found = find_dates(text, published=published, prefer_future=prefer_future)
    except ParleyError:
        return
    for ref in found:
        assert isinstance(ref, DateRef) and text[ref.start:ref.end] == ref.text


@FEW
@given(text=st.text(max_size=300))
def test_a_text_is_a_near_duplicate_of_itself(text: str) -> None:
    signature = text_signature(text)
    assert signature == text_signature(text)  # the same in every run
    assert is_near_duplicate(signature, signature)
