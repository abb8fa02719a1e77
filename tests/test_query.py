"""The query layer: ordering, timelines, the JSONL exporter and the terminal views."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from parley.model import Article, Event, Extraction, Mention, StoredEvent
from parley.query import (
    TimelineEntry,
    list_events,
    render_events_table,
    render_timeline,
    timeline,
)
from parley.registry import exporters
from parley.store import SqliteStore, open_store


def make_event(eid: str, aid: str = "h-1", **fields: object) -> Event:
    values: dict[str, object] = {
        "type": "CONSULT",
        "mode": None,
        "source": ("PAK",),
        "target": ("CHN",),
        "evidence": f"Sentence for {eid}.",
    }
    values.update(fields)
    return Event(id=eid, article_id=aid, **values)  # type: ignore[arg-type]


def stored(eid: str, published: str | None = None, **fields: object) -> StoredEvent:
    mention = Mention("h-1", "doc-1", published, f"Sentence for {eid}.")
    return StoredEvent(make_event(eid, **fields), (mention,))


class ListStore:
    """A stand-in store that answers in a fixed (unsorted) order, whatever the filters."""

    def __init__(self, items: list[StoredEvent]) -> None:
        self.items = items
        self.asked: dict[str, object] = {}

    def events(self, **filters: object) -> list[StoredEvent]:
        self.asked = filters
        return list(self.items)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(str(tmp_path / "parley.db"))
    opened.add(
        Extraction(
            Article("h-1", "feed/1", "Invented text one.", published="2025-09-03"),
            events=(
                make_event("day", date="2025-09-05", persons=("Ayesha Khan", "Li Wen")),
                make_event("reported", type="AGREE", source=("CHN",), target=("PAK",)),
                make_event("month", type="SUPPORT", date="2025-09"),
                make_event("other-pair", source=("IND",), target=("RUS",), date="2025-01"),
            ),
        )
    )
    opened.add(
        Extraction(
            Article("h-2", "feed/2", "Invented text two."),
            events=(make_event("nowhere", "h-2", type="REQUEST"),),
        )
    )
    yield opened
    opened.close()


# --- listing and timeline ----------------------------------------------------------------


def test_list_events_sorts_by_effective_date_and_passes_filters() -> None:
    fake = ListStore(
        [
            stored("none"),
            stored("by-report", published="2025-09-03"),
            stored("day", date="2025-09-05"),
            stored("year", date="2024"),
        ]
    )

    found = list_events(fake, between=("PAK", "CHN"), since="2024")  # type: ignore[arg-type]

    assert [i.event.id for i in found] == ["year", "by-report", "day", "none"]
    assert fake.asked == {"between": ("PAK", "CHN"), "type": None, "since": "2024", "until": None}


def test_timeline_is_chronological_and_says_what_dated_each_event(store: SqliteStore) -> None:
    entries = timeline(store, "CHN", "PAK")

    assert [(e.item.event.id, e.when, e.dated_by) for e in entries] == [
        ("month", "2025-09", "event"),
        ("reported", "2025-09-03", "report"),
        ("day", "2025-09-05", "event"),
        ("nowhere", None, None),
    ]
    assert all(isinstance(e, TimelineEntry) for e in entries)


def test_timeline_of_an_unknown_pair_is_empty(store: SqliteStore) -> None:
    assert timeline(store, "PAK", "FRA") == []


# --- export ------------------------------------------------------------------------------


def test_jsonl_export_is_registered_and_lines_carry_id_and_mentions(store: SqliteStore) -> None:
    export = exporters.get("jsonl")

    lines = list(export(store))
    records = [json.loads(line) for line in lines]

    assert all("\n" not in line for line in lines)
    assert [r["id"] for r in records] == ["other-pair", "month", "reported", "day", "nowhere"]
    day = records[3]
    assert day["type"] == "CONSULT"
    assert day["persons"] == ["Ayesha Khan", "Li Wen"]
    assert day["mentions"] == [
        {"article": "feed/1", "evidence": "Sentence for day.", "published": "2025-09-03"}
    ]
    gold_keys = set(make_event("x").to_gold_dict())
    assert all(set(r) == gold_keys | {"id", "mentions", "cameo", "score"} for r in records)


# --- rendering ---------------------------------------------------------------------------


def test_events_table_marks_report_dates_and_aligns_columns(store: SqliteStore) -> None:
    text = render_events_table(list_events(store, between=("PAK", "CHN")))
    lines = text.splitlines()

    assert lines[0].split() == ["DATE", "TYPE", "MODE", "PARTIES", "LOCATION", "EVIDENCE"]
    rows = lines[1:5]
    assert [row.split()[0] for row in rows] == ["2025-09", "~2025-09-03", "2025-09-05", "undated"]
    assert "CHN→PAK" in rows[1]
    type_column = lines[0].index("TYPE")
    types = [row[type_column:].split()[0] for row in rows]
    assert types == ["SUPPORT", "AGREE", "CONSULT", "REQUEST"]
    assert "~ = no date of its own" in text


def test_events_table_without_report_dates_has_no_footnote(store: SqliteStore) -> None:
    text = render_events_table(list_events(store, type="CONSULT"))
    assert "~" not in text


@pytest.mark.parametrize(
    ("evidence", "shown"),
    [
        ("Short sentence.", "Short sentence."),
        ("x" * 80, "x" * 80),
        ("y" * 81, "y" * 79 + "…"),
        ("Line one\n  line two.", "Line one line two."),
    ],
)
def test_events_table_shows_at_most_80_characters_of_evidence(evidence: str, shown: str) -> None:
    table = render_events_table([stored("e", evidence=evidence, date="2025")])
    assert table.splitlines()[1].endswith("  " + shown)


def test_timeline_text_puts_evidence_under_each_event(store: SqliteStore) -> None:
    lines = render_timeline(timeline(store, "PAK", "CHN")).splitlines()

    assert lines[0].startswith("2025-09 ")
    assert lines[1] == "    Sentence for month."
    assert lines[2].startswith("~2025-09-03 ")
    assert "AGREE" in lines[2] and "CHN→PAK" in lines[2]
    assert lines[4].startswith("2025-09-05 ") and "Ayesha Khan, Li Wen" in lines[4]
    assert lines[6].startswith("undated ")
    assert lines[7] == "    Sentence for nowhere."
    assert lines[-1].startswith("~ = no date of its own")


def test_empty_timeline_says_so() -> None:
    assert render_timeline([]) == "no events"
