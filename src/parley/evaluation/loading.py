"""Reading an evaluation folder and a prediction file (GUIDELINE.md, "Files").

Every problem is reported as an ``EvalError`` naming ``file:line``: a gold set is edited by
hand, and a score computed over a silently skipped line would be wrong without anyone
noticing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..model import Article
from .records import document_events

ARTICLES_FILE = "articles.jsonl"
GOLD_FILE = "gold.jsonl"
_ARTICLE_OPTIONAL = ("title", "source", "published", "dateline")


@dataclass(frozen=True, slots=True)
class GoldSet:
    """The articles of an evaluation folder (file order) and their gold documents by id."""

    articles: tuple[Article, ...]
    documents: dict[str, dict[str, Any]]


def _read_jsonl(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (``file:line``, object) for each non-blank line."""
    try:
        handle = path.open(encoding="utf-8")
    except FileNotFoundError:
        raise EvalError("file not found", where=str(path)) from None
    except OSError as error:
        raise EvalError(f"cannot read: {error.strerror}", where=str(path)) from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise EvalError(f"not valid JSON ({error.msg})", where=where) from None
            if not isinstance(data, dict):
                raise EvalError("a line must be a JSON object", where=where)
            yield where, data


def _document_id(data: dict[str, Any], where: str, seen: set[str]) -> str:
    ident = data.get("id")
    if not isinstance(ident, str) or not ident.strip():
        raise EvalError("missing or empty 'id'", where=where)
    if ident in seen:
        raise EvalError(f"id {ident!r} appears twice", where=where)
    seen.add(ident)
    return ident


def _article(data: dict[str, Any], where: str, ident: str) -> Article:
    text = data.get("text")
    if not isinstance(text, str):
        raise EvalError("article has no 'text' string", where=where)
    values: dict[str, str | None] = {}
    for key in _ARTICLE_OPTIONAL:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise EvalError(f"{key!r} must be a string or null", where=where)
        values[key] = value
    # The content hash is not needed to score, so the external id stands in for it.
    return Article(id=ident, external_id=ident, text=text, **values)


def _read_documents(path: Path) -> dict[str, dict[str, Any]]:
    """Documents by id, each checked so that scoring cannot fail on them later."""
    documents: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    for where, data in _read_jsonl(path):
        ident = _document_id(data, where, seen)
        if "events" not in data:
            raise EvalError("document has no 'events' list", where=where)
        document_events(ident, data, where)
        documents[ident] = data
    return documents


def load_gold(directory: str | Path) -> GoldSet:
    """Read ``DIR/articles.jsonl`` and ``DIR/gold.jsonl``; each article needs one gold line."""
    folder = Path(directory)
    if not folder.is_dir():
        raise EvalError("gold directory not found", where=str(folder))
    articles: list[Article] = []
    seen: set[str] = set()
    for where, data in _read_jsonl(folder / ARTICLES_FILE):
        ident = _document_id(data, where, seen)
        articles.append(_article(data, where, ident))
    gold_path = folder / GOLD_FILE
    documents = _read_documents(gold_path)
    unknown = [ident for ident in documents if ident not in seen]
    if unknown:
        raise EvalError(f"gold for articles not in {ARTICLES_FILE}: {', '.join(unknown)}",
                        where=str(gold_path))
    lacking = [a.external_id for a in articles if a.external_id not in documents]
    if lacking:
        raise EvalError(f"no gold line for articles: {', '.join(lacking)}",
                        where=str(gold_path))
    return GoldSet(articles=tuple(articles), documents=documents)


def load_predictions(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read a system's output, one ``{"id", "entities", "events"}`` line per article."""
    return _read_documents(Path(path))
