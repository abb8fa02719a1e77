"""The SQLite store: whole-article writes, idempotence, filters, migrations."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.errors import ConfigError, StoreError
from parley.model import Article, Event, Extraction, Person, Rejection
from parley.store import SCHEMA_VERSION, SqliteStore, Store, open_store
from parley.store import rows as store_rows


def make_article(aid: str = "h-1", name: str = "doc-1", **fields: object) -> Article:
    values: dict[str, object] = {"text": f"Invented text of {aid}.", "published": "2025-09-02"}
    values.update(fields)
    return Article(id=aid, external_id=name, **values)  # type: ignore[arg-type]


def make_event(
    eid: str,
    aid: str = "h-1",
    type: str = "CONSULT",
    source: tuple[str, ...] = ("PAK",),
    target: tuple[str, ...] = ("CHN",),
    **fields: object,
) -> Event:
    values: dict[str, object] = {"mode": None, "evidence": f"Sentence for {eid}."}
    values.update(fields)
    return Event(eid, aid, type, source=source, target=target, **values)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(str(tmp_path / "parley.db"))
    assert isinstance(opened, SqliteStore)
    yield opened
    opened.close()


def all_fields(event: Event) -> dict[str, object]:
    """Every field, including those left out of ==, so a lossy column cannot hide."""
    return {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}


def names_of(path: Path, article_id: str) -> list[str]:
    with sqlite3.connect(path) as conn:
        found = conn.execute(
            "SELECT external_id FROM article_names WHERE article_id = ? ORDER BY seq",
            (article_id,),
        ).fetchall()
    return [name for (name,) in found]


# --- writing -----------------------------------------------------------------------------

RICH_EVENT = make_event(
    "e-rich",
    type="AGREE",
    mode="visit",
    source=("PAK", "SCO"),
    target=("CHN",),
    persons=("Ayesha Khan", "Li Wen"),
    date="2025-09-01",
    planned_for="2025-11",
    location="Tianjin",
    location_country="CHN",
    topics=("trade", "transport"),
    evidence="Khan invited Li to visit in November, the ministry said.",
    sentence_index=3,
    start=120,
    end=176,
    rule="parley.events.agree.v1",
    confidence=0.875,
    explanation=("verb: invite", "date from 'on Monday'"),
)


def test_round_trip_keeps_every_field(store: SqliteStore) -> None:
    people = (Person("Ayesha Khan", "Foreign Minister", "PAK"),)
    plain = make_event("e-plain")
    assert store.add(Extraction(make_article(), people, (RICH_EVENT, plain))) is True

    back = {item.event.id: item for item in store.events()}

    assert all_fields(back["e-rich"].event) == all_fields(RICH_EVENT)
    assert all_fields(back["e-plain"].event) == all_fields(plain)
    mention = back["e-rich"].mentions[0]
    assert (mention.article_id, mention.external_id, mention.published) == (
        "h-1",
        "doc-1",
        "2025-09-02",
    )
    assert (mention.evidence, mention.sentence_index, mention.start, mention.end) == (
        RICH_EVENT.evidence,
        3,
        120,
        176,
    )


def test_adding_the_same_extraction_twice_changes_nothing(store: SqliteStore) -> None:
    extraction = Extraction(make_article(), (Person("Li Wen"),), (RICH_EVENT,))
    assert store.add(extraction) is True
    before = (store.counts(), store.events())

    assert store.add(extraction) is False

    assert (store.counts(), store.events()) == before
    assert before[0] == {"articles": 1, "events": 1, "rejections": 0}


def test_same_text_under_two_names_is_stored_once_with_both(
    store: SqliteStore, tmp_path: Path
) -> None:
    first = Extraction(make_article(name="feed-a/17"), events=(make_event("e-1"),))
    second = Extraction(make_article(name="copy.txt"), events=(make_event("e-1"),))

    assert store.add(first) is True
    assert store.add(second) is False
    assert store.add(second) is False

    assert store.counts()["articles"] == 1
    assert names_of(tmp_path / "parley.db", "h-1") == ["feed-a/17", "copy.txt"]
    [item] = store.events()
    assert [m.external_id for m in item.mentions] == ["feed-a/17"]


def test_an_event_reported_by_two_articles_has_two_mentions(store: SqliteStore) -> None:
    later = make_article("h-late", "late", published="2025-09-05")
    earlier = make_article("h-early", "early", published="2025-09-03")
    store.add(Extraction(later, events=(make_event("e-same", "h-late", evidence="Late."),)))
    store.add(Extraction(earlier, events=(make_event("e-same", "h-early", evidence="Early."),)))

    [item] = store.events()

    assert [(m.external_id, m.evidence) for m in item.mentions] == [
        ("early", "Early."),
        ("late", "Late."),
    ]
    assert item.reported == "2025-09-03"
    assert [i.event.id for i in store.events(until="2025-09-03")] == ["e-same"]


def fail_on_second_party_write(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Event] = []

    def party_params(event: Event) -> list[tuple[str, str, str]]:
        calls.append(event)
        if len(calls) == 2:
            raise RuntimeError("disk pulled out mid-article")
        return [(event.id, code, "source") for code in event.source]

    monkeypatch.setattr(store_rows, "party_params", party_params)


@pytest.mark.parametrize(
    ("second_event", "patch", "error"),
    [
        (make_event("e-2", type=None), None, StoreError),  # NOT NULL fails after e-1 is in
        (make_event("e-2", aid="h-other"), None, StoreError),  # belongs to another article
        (make_event("e-2"), fail_on_second_party_write, RuntimeError),
    ],
    ids=["constraint", "wrong-article", "crash"],
)
def test_a_failing_write_leaves_nothing_behind(
    store: SqliteStore,
    monkeypatch: pytest.MonkeyPatch,
    second_event: Event,
    patch: object,
    error: type[Exception],
) -> None:
    if patch is not None:
        patch(monkeypatch)  # type: ignore[operator]
    bad = Extraction(make_article(), (Person("Li Wen"),), (make_event("e-1"), second_event))

    with pytest.raises(error):
        store.add(bad)

    assert store.counts() == {"articles": 0, "events": 0, "rejections": 0}
    monkeypatch.undo()
    assert store.add(Extraction(make_article(), events=(make_event("e-1"),))) is True


def test_store_error_names_the_article(store: SqliteStore) -> None:
    bad = Extraction(make_article(name="broken.txt"), events=(make_event("e", type=None),))
    with pytest.raises(StoreError, match=r"\[P300\].*broken\.txt"):
        store.add(bad)


def test_rejections_are_kept_once_in_order(store: SqliteStore) -> None:
    first = Rejection("feed.jsonl:4", "ingest", "no text field", "P103")
    second = Rejection("empty.txt", "ingest", "empty file")

    store.add_rejection(first)
    store.add_rejection(second)
    store.add_rejection(first)

    assert store.rejections() == [first, second]
    assert store.counts()["rejections"] == 2


# --- filters -----------------------------------------------------------------------------


@pytest.fixture
def filled(store: SqliteStore) -> SqliteStore:
    """Six events: day, month, year, report-dated, and one with no date at all."""
    store.add(
        Extraction(
            make_article(published="2025-09-02"),
            events=(
                make_event("visit", date="2025-09-01"),
                make_event("month", "h-1", "AGREE", ("CHN",), ("PAK",), date="2025-09"),
                make_event("undated", type="SUPPORT"),
                make_event("india", "h-1", "ACCUSE", ("IND",), ("PAK",), date="2025-08-30"),
                make_event("multi", source=("RUS",), target=("CHN", "IND"), date="2024"),
            ),
        )
    )
    store.add(
        Extraction(
            make_article("h-2", "doc-2", published=None),
            events=(make_event("nowhen", "h-2", type="REQUEST"),),
        )
    )
    return store


FILTER_CASES = [
    ({}, ["multi", "india", "month", "visit", "undated", "nowhen"]),
    ({"between": ("PAK", "CHN")}, ["month", "visit", "undated", "nowhen"]),
    ({"between": ("CHN", "PAK")}, ["month", "visit", "undated", "nowhen"]),
    ({"between": ("CHN", "IND")}, ["multi"]),
    ({"between": ("IND", "PAK")}, ["india"]),
    ({"between": ("PAK", "RUS")}, []),
    ({"type": "CONSULT"}, ["multi", "visit"]),
    ({"type": "consult"}, []),
    ({"since": "2025-09-15"}, ["month"]),
    ({"since": "2025-09-02", "until": "2025-09-02"}, ["month", "undated"]),
    ({"until": "2025-09-01"}, ["multi", "india", "month", "visit"]),
    ({"since": "2025"}, ["india", "month", "visit", "undated"]),
    ({"until": "2024-06"}, ["multi"]),
    ({"since": "2025-08", "until": "2025-08"}, ["india"]),
    ({"between": ("PAK", "CHN"), "since": "2000"}, ["month", "visit", "undated"]),
    ({"between": ("PAK", "CHN"), "type": "AGREE", "until": "2025-09-30"}, ["month"]),
    ({"limit": 2}, ["multi", "india"]),
    ({"limit": 0}, []),
]


@pytest.mark.parametrize(("filters", "expected"), FILTER_CASES)
def test_event_filters(filled: SqliteStore, filters: dict, expected: list[str]) -> None:
    assert [item.event.id for item in filled.events(**filters)] == expected


@pytest.mark.parametrize(
    "filters",
    [
        {"between": ("PAK' OR 1=1 --", "CHN")},
        {"between": ("PAK", "CHN') OR ('1'='1")},
        {"type": "CONSULT' OR '1'='1"},
        {"type": "x'; DROP TABLE events; --"},
    ],
)
def test_injection_looking_values_match_nothing(filled: SqliteStore, filters: dict) -> None:
    before = filled.counts()
    assert filled.events(**filters) == []
    assert filled.counts() == before
    assert len(filled.events()) == 6


@pytest.mark.parametrize(
    "filters",
    [
        {"since": "PAK' OR 1=1 --"},
        {"since": "2025-13"},
        {"until": "2025-9-1"},
        {"until": "yesterday"},
        {"between": ("PAK",)},
        {"limit": -1},
    ],
)
def test_malformed_filters_are_refused(filled: SqliteStore, filters: dict) -> None:
    with pytest.raises(ConfigError):
        filled.events(**filters)


# --- opening and migrations --------------------------------------------------------------


def test_a_new_file_gets_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "parley.db"
    with open_store(f"sqlite:///{path}") as store:
        assert isinstance(store, Store)
        assert store.schema_version == SCHEMA_VERSION >= 1
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    expected = {"articles", "article_names", "events", "event_parties", "entities", "rejections"}
    assert expected <= tables
    assert mode == "wal"
    assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_reopening_keeps_data_and_version(tmp_path: Path) -> None:
    path = str(tmp_path / "parley.db")
    with open_store(path) as store:
        store.add(Extraction(make_article(), events=(RICH_EVENT,)))
        store.add_rejection(Rejection("bad.txt", "ingest", "empty file"))

    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.counts() == {"articles": 1, "events": 1, "rejections": 1}
        assert [item.event for item in store.events()] == [RICH_EVENT]


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "parley.db"
    open_store(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (SCHEMA_VERSION + 1, "x"))
    with pytest.raises(StoreError, match="newer"):
        open_store(str(path))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://user:secret@db.example/parley", "not available yet"),
        ("postgres://db.example/parley", "not available yet"),
        ("mysql://db.example/parley", "unknown store URL scheme"),
        ("sqlite:///", "no database path"),
    ],
)
def test_other_backends_are_refused(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as caught:
        open_store(url)
    assert "secret" not in str(caught.value)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the pages of a database " * 50)
    with pytest.raises(StoreError, match="notes.db"):
        open_store(str(path))


def test_a_closed_store_raises_store_error(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "parley.db")) as store:
        pass
    with pytest.raises(StoreError):
        store.counts()


# --- property ----------------------------------------------------------------------------

codes = st.lists(st.sampled_from(["PAK", "CHN", "IND", "RUS", "SCO", "EU"]), max_size=3)
words = st.text(max_size=30)
partial_dates = st.none() | st.builds(
    lambda day, length: day.isoformat()[:length], st.dates(), st.sampled_from([4, 7, 10])
)

events = st.builds(
    Event,
    id=st.just(""),
    article_id=st.just("h-prop"),
    type=st.sampled_from(["AGREE", "CONSULT", "SUPPORT", "ACCUSE"]),
    mode=st.none() | st.sampled_from(["visit", "phone"]),
    source=codes.map(tuple),
    target=codes.map(tuple),
    persons=st.lists(words, max_size=3).map(tuple),
    date=partial_dates,
    planned_for=partial_dates,
    location=st.none() | words,
    location_country=st.none() | st.sampled_from(["PAK", "CHN"]),
    topics=st.lists(st.sampled_from(["trade", "energy", "other"]), max_size=3).map(tuple),
    evidence=words,
    sentence_index=st.integers(0, 10_000),
    start=st.integers(0, 2**40),
    end=st.integers(0, 2**40),
    rule=words,
    confidence=st.floats(0, 1, allow_nan=False),
    explanation=st.lists(words, max_size=2).map(tuple),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(events, max_size=8), st.none() | st.just("2025-09-02"))
def test_any_events_survive_a_round_trip(generated: list[Event], published: str | None) -> None:
    numbered = [dataclasses.replace(e, id=f"e{i}") for i, e in enumerate(generated)]
    with open_store(":memory:") as store:
        store.add(Extraction(make_article("h-prop", published=published), events=tuple(numbered)))
        back = [item.event for item in store.events()]
    assert sorted(map(all_fields, back), key=lambda f: f["id"]) == [
        all_fields(e) for e in sorted(numbered, key=lambda e: e.id)
    ]
