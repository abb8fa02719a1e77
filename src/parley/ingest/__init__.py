"""Reading articles: plain text, JSONL, web pages and RSS/Atom feeds, from files, folders,
standard input or http(s) addresses.

The one stage that touches raw input.  It yields Article records, and a Rejection for
anything it cannot read, so later stages only ever see well-formed articles.
"""

from .feeds import FeedEntry, entry_article, entry_articles, parse_feed, read_feed_file
from .fetch import Fetched, Fetcher, FetchPolicy, is_url
from .identity import article_id, normalise_text
from .jsonl import parse_jsonl_line, read_jsonl
from .pages import WebPage, fragment_text, page_article, parse_html, read_html_file
from .paths import SUFFIX_READERS, read_paths, read_stdin, walk_folder
from .polling import FeedPoller
from .syndication import (
    NearDuplicateFilter,
    Signature,
    collapse_near_duplicates,
    find_near_duplicate,
    is_near_duplicate,
    text_signature,
)
from .text import MAX_TEXT_BYTES, decode_text, parse_text_article, read_text_file
from .web import read_url
from .xmlguard import check_xml_safety

__all__ = [
    "MAX_TEXT_BYTES",
    "SUFFIX_READERS",
    "FeedEntry",
    "FeedPoller",
    "FetchPolicy",
    "Fetched",
    "Fetcher",
    "NearDuplicateFilter",
    "Signature",
    "WebPage",
    "article_id",
    "check_xml_safety",
    "collapse_near_duplicates",
    "decode_text",
    "entry_article",
    "entry_articles",
    "find_near_duplicate",
    "fragment_text",
    "is_near_duplicate",
    "is_url",
    "normalise_text",
    "page_article",
    "parse_feed",
    "parse_html",
    "parse_jsonl_line",
    "parse_text_article",
    "read_feed_file",
    "read_html_file",
    "read_jsonl",
    "read_paths",
    "read_stdin",
    "read_text_file",
    "read_url",
    "text_signature",
    "walk_folder",
]
