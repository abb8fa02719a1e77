"""Exporters for the ecosystems analysts already use: CSV, Parquet, PLOVER-JSON, GDELT TSV.

Line exporters take a store and yield lines (no trailing newline), like ``jsonl``; Parquet is
binary, so ``export_parquet(store, path)`` writes a file and is registered as a *file
exporter*.  ``write_export(store, name, path)`` writes either kind to a file.  Every exporter
gives each stored event once, in date order, with its CAMEO code and PLOVER intensity.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import ConfigError
from ..model import StoredEvent
from ..registry import Registry, exporters
from ..store import Store
from ..taxonomy import quad_class
from .coding import event_cameo, event_score
from .listing import list_events
from .timeline import place

file_exporters: Registry[Callable[[Store, Path], int]] = Registry("file_exporters")

LIST_SEPARATOR = ";"
CSV_COLUMNS = (
    "id", "date", "dated_by", "type", "mode", "quad", "cameo", "score", "source", "target",
    "persons", "planned_for", "location", "location_country", "topics", "mentions", "articles",
    "evidence",
)
_LIST_COLUMNS = frozenset({"source", "target", "persons", "topics", "articles"})


def flat_record(item: StoredEvent) -> dict[str, Any]:
    """One event as a flat row; list fields stay lists (joined only where a format needs it)."""
    event = item.event
    entry = place(item)
    return {
        "id": event.id,
        "date": entry.when,
        "dated_by": entry.dated_by,
        "type": event.type,
        "mode": event.mode,
        "quad": quad_class(event.type),
        "cameo": event_cameo(event),
        "score": event_score(event),
        "source": list(event.source),
        "target": list(event.target),
        "persons": list(event.persons),
        "planned_for": event.planned_for,
        "location": event.location,
        "location_country": event.location_country,
        "topics": list(event.topics),
        "mentions": len(item.mentions),
        "articles": sorted({m.external_id for m in item.mentions}),
        "evidence": event.evidence,
    }


def _csv_line(values: list[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(values)
    return buffer.getvalue()


@exporters.register("csv")
def export_csv(store: Store) -> Iterator[str]:
    """A header, then one row per event; lists joined by ``;``, ``date`` the placed date.

    ``dated_by`` says whether that date is the event's own (``event``) or its earliest
    report's (``report``).  A value with a newline stays one quoted CSV field.
    """
    yield _csv_line(list(CSV_COLUMNS))
    for item in list_events(store):
        row = flat_record(item)
        yield _csv_line(
            [LIST_SEPARATOR.join(row[c]) if c in _LIST_COLUMNS else row[c] for c in CSV_COLUMNS]
        )


@file_exporters.register("parquet")
def export_parquet(store: Store, path: Path | str) -> int:
    """Write every event to a Parquet file at ``path`` (list fields as lists); rows written.

    Needs pyarrow (``pip install 'parley[parquet]'``); ConfigError says so when it is missing.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ConfigError(
            "the parquet export needs pyarrow: pip install 'parley[parquet]' (or pyarrow)",
            where="export parquet",
        ) from exc
    numeric = {"quad": pa.int8(), "score": pa.float64(), "mentions": pa.int32()}
    schema = pa.schema(
        [(c, pa.list_(pa.string()) if c in _LIST_COLUMNS else numeric.get(c, pa.string())) for c in CSV_COLUMNS]
    )
    rows = [flat_record(item) for item in list_events(store)]
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, str(path))
    return len(rows)


def write_export(store: Store, name: str, path: Path | str) -> int:
    """Write export ``name`` to ``path``: a file exporter directly, a line exporter line by line.

    Returns how many records (lines, or rows for Parquet) were written.
    """
    if name in file_exporters.names():
        return file_exporters.get(name)(store, Path(path))
    exporter = exporters.get(name)
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        for line in exporter(store):
            out.write(line + "\n")
            count += 1
    return count


@exporters.register("parquet")
def _parquet_as_lines(store: Store) -> Iterator[str]:
    """Parquet is binary: tell a line-oriented caller how to get a file instead."""
    raise ConfigError(
        "parquet is a binary format and cannot be written as lines; write it to a file "
        "with write_export(store, 'parquet', PATH) (CLI: an --out FILE option)",
        where="export parquet",
    )
    yield ""  # pragma: no cover  (makes this a generator like the other exporters)


def plover_record(item: StoredEvent) -> dict[str, Any]:
    """An event in the PLOVER manual's JSON interchange fields (v2.0 draft, chapter "JSON Data Fields").

    Standard fields: ``id``, ``date``, ``source``/``recipient`` (lists of actor objects with
    ``code``), ``event``, ``mode``, ``context``, ``event_loc`` (location object: ``name``,
    ``cc3``), ``event_text``, ``quad_code``, ``event_scale`` (the intensity), ``text_info``,
    ``cite_info``, ``coder``.  ``context`` carries the guideline's topics; parley adds
    ``date_reported``, ``planned_for``, ``persons``, ``cameo`` and ``mentions``, as the
    manual allows named extra fields.
    """
    event = item.event
    return {
        "id": event.id,
        "date": event.date,
        "date_reported": item.reported,
        "source": [{"code": code} for code in event.source],
        "recipient": [{"code": code} for code in event.target],
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "context": list(event.topics),
        "event_loc": {"name": event.location, "cc3": event.location_country}
        if event.location or event.location_country else None,
        "event_text": [m.evidence for m in item.mentions] or [event.evidence],
        "quad_code": quad_class(event.type),
        "event_scale": event_score(event),
        "cameo": event_cameo(event),
        "planned_for": event.planned_for,
        "persons": list(event.persons),
        "mentions": len(item.mentions),
        "text_info": {"sequence": event.sentence_index, "start": event.start, "end": event.end},
        "cite_info": [
            {"citation": m.external_id, "publication_date": m.published, "codebook": "plover-2.0"}
            for m in item.mentions
        ],
        "coder": f"parley {__version__} {event.rule}".strip(),
    }


@exporters.register("plover")
def export_plover(store: Store) -> Iterator[str]:
    """One PLOVER-JSON record per event (newline-delimited, as the manual suggests)."""
    for item in list_events(store):
        yield json.dumps(plover_record(item), ensure_ascii=False)
