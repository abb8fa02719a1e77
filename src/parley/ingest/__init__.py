"""Reading articles: plain text and JSONL files, folders of them, and standard input.

The one stage that touches raw input.  It yields Article records, and a Rejection for
anything it cannot read, so later stages only ever see well-formed articles.
"""

from .identity import article_id, normalise_text
from .jsonl import parse_jsonl_line, read_jsonl
from .paths import SUFFIX_READERS, read_paths, read_stdin, walk_folder
from .text import MAX_TEXT_BYTES, decode_text, parse_text_article, read_text_file

__all__ = [
    "MAX_TEXT_BYTES",
    "SUFFIX_READERS",
    "article_id",
    "decode_text",
    "normalise_text",
    "parse_jsonl_line",
    "parse_text_article",
    "read_jsonl",
    "read_paths",
    "read_stdin",
    "read_text_file",
    "walk_folder",
]
