"""Shard files: one partition's extractions as JSON lines, written by a worker, read by the writer.

A shard is the only thing a cluster worker hands back, so it must carry an Extraction whole
(article, people, events with their explanations) and come back equal to what was written.
``model.py`` gives Article and Event ``from_dict`` but not Person or Extraction; the two missing
converters live here.  A shard is written under a temporary name and renamed when complete, so
a task that Dask retries after a lost worker never leaves half a file behind.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import IngestError
from ..model import Article, Event, Extraction, Person

SHARD_FORMAT = 1
"""Bumped when the line layout changes; a reader refuses lines of another format."""


def person_from_dict(data: dict[str, Any]) -> Person:
    return Person(name=data["name"], role=data.get("role"), country=data.get("country"))


def extraction_to_dict(extraction: Extraction) -> dict[str, Any]:
    return {
        "format": SHARD_FORMAT,
        "article": extraction.article.to_dict(),
        "entities": [p.to_dict() for p in extraction.entities],
        "events": [e.to_dict() for e in extraction.events],
    }


def extraction_from_dict(data: dict[str, Any]) -> Extraction:
    if data.get("format") != SHARD_FORMAT:
        raise ValueError(f"shard format {data.get('format')!r}, expected {SHARD_FORMAT}")
    return Extraction(
        article=Article.from_dict(data["article"]),
        entities=tuple(person_from_dict(p) for p in data["entities"]),
        events=tuple(Event.from_dict(e) for e in data["events"]),
    )


def shard_path(folder: str | Path, index: int) -> Path:
    """The file of partition ``index``: names sort in input order."""
    return Path(folder) / f"part-{index:06d}.jsonl"


def write_shard(path: str | Path, extractions: Iterable[Extraction]) -> int:
    """Write ``extractions`` to ``path`` (atomically) and return how many there were."""
    target = Path(path)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    count = 0
    with partial.open("w", encoding="utf-8") as out:
        for extraction in extractions:
            out.write(json.dumps(extraction_to_dict(extraction), ensure_ascii=False))
            out.write("\n")
            count += 1
    partial.replace(target)
    return count


def read_shard(path: str | Path) -> Iterator[Extraction]:
    """The extractions of a shard, in the order they were written, one line at a time."""
    try:
        with Path(path).open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                try:
                    yield extraction_from_dict(json.loads(line))
                except (ValueError, KeyError, TypeError) as exc:
                    raise IngestError(f"line {number} is not a parley shard record ({exc})", where=str(path)) from exc
    except FileNotFoundError as exc:
        raise IngestError(
            "shard file not found: the workers and this process must share the shard folder "
            "(give a --shard-dir on a file system every machine mounts at the same path)",
            where=str(path),
        ) from exc
