"""The store, on SQLite and on PostgreSQL: whole-article writes, idempotence, filters,
migrations, fusion across articles, corrections and concurrent use.

Every test taking ``store``/``store_url`` runs once per backend (see conftest.py).
"""

from __future__ import annotations

import dataclasses
import glob
import json
import multiprocessing
import random
import sqlite3
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import permutations
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from parley.errors import ConfigError, StoreError
from parley.fuse import Report, fuse_reports
from parley.model import Article, Event, Extraction, Person, Rejection
from parley.store import SCHEMA_VERSION, SqlStore, Store, migrations, open_store
from parley.store import engine as store_engine
from parley.store import rows as store_rows
from parley.store import store_url as sqlalchemy_url

SEEDS = sorted(glob.glob(str(Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds" / "*.txt")))


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
def store(store_url: str) -> Iterator[SqlStore]:
    opened = open_store(store_url)
    assert isinstance(opened, SqlStore)
    yield opened
    opened.close()


def sql(url: str, statement: str, **params: Any) -> list[tuple[Any, ...]]:
    """Rows of a raw query, for checking what the store wrote on either backend."""
    engine = create_engine(sqlalchemy_url(url))
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), params)
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        engine.dispose()


def all_fields(event: Event) -> dict[str, object]:
    """Every field, including those left out of ==, so a lossy column cannot hide."""
    return {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}


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
    cameo="0311",
    score=4.5,
    explanation=("verb: invite", "date from 'on Monday'"),
)


def test_round_trip_keeps_every_field(store: SqlStore) -> None:
    people = (Person("Ayesha Khan", "Foreign Minister", "PAK"),)
    plain = make_event("e-plain")
    assert store.add(Extraction(make_article(), people, (RICH_EVENT, plain))) is True

    back = {item.event.id: item for item in store.events()}

    assert all_fields(back["e-rich"].event) == all_fields(RICH_EVENT)
    assert all_fields(back["e-plain"].event) == all_fields(plain)
    mention = back["e-rich"].mentions[0]
    assert (mention.article_id, mention.external_id, mention.published) == ("h-1", "doc-1", "2025-09-02")
    assert (mention.evidence, mention.sentence_index, mention.start, mention.end) == (
        RICH_EVENT.evidence,
        3,
        120,
        176,
    )


def test_adding_the_same_extraction_twice_changes_nothing(store: SqlStore) -> None:
    extraction = Extraction(make_article(), (Person("Li Wen"),), (RICH_EVENT,))
    assert store.add(extraction) is True
    before = (store.counts(), store.events())

    assert store.add(extraction) is False

    assert (store.counts(), store.events()) == before
    assert before[0] == {"articles": 1, "events": 1, "mentions": 1, "rejections": 0, "corrections": 0}


def test_same_text_under_two_names_is_stored_once_with_both(store: SqlStore, store_url: str) -> None:
    first = Extraction(make_article(name="feed-a/17"), events=(make_event("e-1"),))
    second = Extraction(make_article(name="copy.txt"), events=(make_event("e-1"),))

    assert store.add(first) is True
    assert store.add(second) is False
    assert store.add(second) is False

    assert store.counts()["articles"] == 1
    names = sql(
        store_url, "SELECT external_id FROM article_names WHERE article_id = :a ORDER BY seq", a="h-1"
    )
    assert names == [("feed-a/17",), ("copy.txt",)]
    [item] = store.events()
    assert [m.external_id for m in item.mentions] == ["feed-a/17"]


def fail_on_second_mention(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Event] = []
    original = store_rows.mention_values

    def mention_values(event: Event, block: str, **columns: Any) -> dict[str, Any]:
        calls.append(event)
        if len(calls) == 2:
            raise RuntimeError("disk pulled out mid-article")
        return original(event, block, **columns)

    monkeypatch.setattr(store_rows, "mention_values", mention_values)


@pytest.mark.parametrize(
    ("second_event", "patch", "error"),
    [
        (make_event("e-2", type=None), None, StoreError),  # NOT NULL fails after e-1 is in
        (make_event("e-2", aid="h-other"), None, StoreError),  # belongs to another article
        (make_event("e-2", evidence="nul \x00 inside"), None, StoreError),  # PostgreSQL cannot hold it
        (make_event("e-2", persons=("lone \ud800",)), None, StoreError),  # nor can UTF-8
        (make_event("e-2"), fail_on_second_mention, RuntimeError),
    ],
    ids=["constraint", "wrong-article", "nul-character", "surrogate", "crash"],
)
def test_a_failing_write_leaves_nothing_behind(
    store: SqlStore,
    monkeypatch: pytest.MonkeyPatch,
    second_event: Event,
    patch: Callable[[pytest.MonkeyPatch], None] | None,
    error: type[Exception],
) -> None:
    if patch is not None:
        patch(monkeypatch)
    bad = Extraction(make_article(), (Person("Li Wen"),), (make_event("e-1"), second_event))

    with pytest.raises(error):
        store.add(bad)

    assert set(store.counts().values()) == {0}
    monkeypatch.undo()
    assert store.add(Extraction(make_article(), events=(make_event("e-1"),))) is True


def test_store_error_names_the_article(store: SqlStore) -> None:
    bad = Extraction(make_article(name="broken.txt"), events=(make_event("e", type=None),))
    with pytest.raises(StoreError, match=r"\[P300\].*broken\.txt"):
        store.add(bad)


def test_an_event_id_owned_by_another_article_is_refused(store: SqlStore) -> None:
    store.add(Extraction(make_article("h-1", "one"), events=(make_event("e-1"),)))
    clash = Extraction(make_article("h-2", "two"), events=(make_event("e-1", "h-2"),))

    with pytest.raises(StoreError, match="e-1 is already stored for another article"):
        store.add(clash)

    assert store.counts()["articles"] == 1


def test_rejections_are_kept_once_in_order(store: SqlStore) -> None:
    first = Rejection("feed.jsonl:4", "ingest", "no text field", "P103")
    second = Rejection("empty.txt", "ingest", "empty file")

    store.add_rejection(first)
    store.add_rejection(second)
    store.add_rejection(first)

    assert store.rejections() == [first, second]
    assert store.counts()["rejections"] == 2


# --- filters -----------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def filled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlStore]:
    """Six events: day, month, year, report-dated, and one with no date at all (read-only)."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("filled") / "parley.db")
    else:
        url = request.getfixturevalue("pg_database")("parley_filled")
    with open_store(url) as store:
        assert isinstance(store, SqlStore)
        _fill(store)
        yield store


def _fill(store: SqlStore) -> None:
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
def test_event_filters(filled: SqlStore, filters: dict, expected: list[str]) -> None:
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
def test_injection_looking_values_match_nothing(filled: SqlStore, filters: dict) -> None:
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
def test_malformed_filters_are_refused(filled: SqlStore, filters: dict) -> None:
    with pytest.raises(ConfigError):
        filled.events(**filters)


# --- opening and migrations --------------------------------------------------------------


def test_a_new_database_gets_the_schema(store: SqlStore, store_url: str) -> None:
    assert isinstance(store, Store)
    assert store.schema_version == SCHEMA_VERSION >= 2
    versions = sql(store_url, "SELECT version FROM schema_migrations ORDER BY version")
    assert [v for (v,) in versions] == list(range(1, SCHEMA_VERSION + 1))
    for table in ("articles", "article_names", "mentions", "events", "event_parties", "corrections"):
        assert sql(store_url, f"SELECT COUNT(*) FROM {table}") == [(0,)]


def test_a_new_sqlite_file_is_created_with_its_folder_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "parley.db"
    with open_store(f"sqlite:///{path}") as store:
        assert store.schema_version == SCHEMA_VERSION
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_keeps_data_and_version(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add(Extraction(make_article(), events=(RICH_EVENT,)))
        store.add_rejection(Rejection("bad.txt", "ingest", "empty file"))

    with open_store(store_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.counts() == {
            "articles": 1,
            "events": 1,
            "mentions": 1,
            "rejections": 1,
            "corrections": 0,
        }
        assert [item.event for item in store.events()] == [RICH_EVENT]


def test_a_newer_schema_is_refused(store_url: str) -> None:
    open_store(store_url).close()
    sql(store_url, "INSERT INTO schema_migrations VALUES (:v, 'x')", v=SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="newer"):
        open_store(store_url)


def test_a_version_1_store_is_migrated_and_fused(store_url: str) -> None:
    engine = create_engine(sqlalchemy_url(store_url))
    with engine.begin() as conn:
        migrations.schema.schema_migrations.create(conn)
        migrations.apply_migration(conn, 1, "2025-01-01")
        for aid, published in (("h-1", "2025-09-02"), ("h-2", "2025-09-03")):
            conn.execute(
                text("INSERT INTO articles VALUES (:a, NULL, NULL, :p, NULL, 'text', 'x')"),
                {"a": aid, "p": published},
            )
            conn.execute(
                text("INSERT INTO article_names (article_id, external_id) VALUES (:a, :a)"), {"a": aid}
            )
        for eid, aid in (("old-1", "h-1"), ("old-2", "h-2")):
            conn.execute(
                text(
                    "INSERT INTO events VALUES (:e, :a, 'CONSULT', NULL, '[\"PAK\"]', '[\"RUS\"]', '[]', '[]', "
                    "'2025-09-01', NULL, 'Beijing', 'CHN', 'Said.', 1, 2, 3, 'r', 0.5, '[]')"
                ),
                {"e": eid, "a": aid},
            )
            conn.execute(
                text(
                    "INSERT INTO event_mentions (event_id, article_id, evidence, sentence_index, "
                    "span_start, span_end) VALUES (:e, :a, 'Said.', 1, 2, 3)"
                ),
                {"e": eid, "a": aid},
            )
    engine.dispose()

    with open_store(store_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        [item] = store.events()
    assert item.event.id == "old-1"
    assert [m.article_id for m in item.mentions] == ["h-1", "h-2"]
    assert item.event.cameo is None


def _v2_store_with_a_corrected_event(url: str) -> None:
    """A store as schema version 2 left it: two reports fused into ``old-1``, one correction."""
    engine = create_engine(sqlalchemy_url(url))
    with engine.begin() as conn:
        migrations.schema.schema_migrations.create(conn)
        for number in (1, 2):
            migrations.apply_migration(conn, number, "2025-01-01")
        for aid, published in (("h-1", "2025-09-02"), ("h-2", "2025-09-03")):
            conn.execute(
                text("INSERT INTO articles VALUES (:a, NULL, NULL, :p, NULL, 'text', 'x')"),
                {"a": aid, "p": published},
            )
            conn.execute(
                text("INSERT INTO article_names (article_id, external_id) VALUES (:a, :n)"),
                {"a": aid, "n": f"feed/{aid}"},
            )
        columns = (
            "type, mode, source, target, persons, topics, date, planned_for, location, "
            "location_country, evidence, sentence_index, span_start, span_end, rule, confidence, "
            "cameo, score, explanation"
        )
        values = (
            "'CONSULT', NULL, '[\"PAK\"]', '[\"RUS\"]', '[]', '[]', '2025-09-01', NULL, 'Moscow', "
            "NULL, 'Said.', 1, 2, 3, 'r', 0.5, NULL, NULL, '[]'"
        )
        for eid, aid in (("old-1", "h-1"), ("old-2", "h-2")):
            conn.execute(
                text(
                    f"INSERT INTO mentions (id, article_id, block, event_id, link, {columns}) "
                    f"VALUES (:e, :a, 'CONSULT|PAK+RUS', 'old-1', NULL, {values})"
                ),
                {"e": eid, "a": aid},
            )
        conn.execute(
            text(
                f"INSERT INTO events (id, block, article_id, {columns}, corroboration, rejected, "
                "effective, effective_first, effective_last) VALUES ('old-1', 'CONSULT|PAK+RUS', "
                f"'h-1', {values}, 2, false, '2025-09-01', '2025-09-01', '2025-09-01')"
            )
        )
        conn.execute(
            text("INSERT INTO corrections (event_id, field, value, reject, at) VALUES "
                 "('old-2', 'location', '\"Sochi\"', false, '2025-10-01')")
        )
    engine.dispose()


def test_a_version_2_store_is_upgraded_in_place_and_keeps_its_events(store_url: str) -> None:
    _v2_store_with_a_corrected_event(store_url)

    with open_store(store_url) as store:
        assert store.schema_version == SCHEMA_VERSION == 4
        [item] = store.events(between=("RUS", "PAK"))
        [tally] = store.pair_tallies("PAK", "RUS")
        assert store.counts()["corrections"] == 1

    assert item.event.id == "old-1" and item.event.location == "Sochi"
    assert [m.external_id for m in item.mentions] == ["feed/h-1", "feed/h-2"]
    assert (tally.month, tally.mentions, tally.events) == ("2025-09", 2, 1)
    labels = sql(store_url, "SELECT DISTINCT component FROM mentions")
    assert labels == [("old-1",)]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://db.example/parley", "unknown store URL scheme"),
        ("sqlite:///", "no database path"),
        ("postgresql://user:secret@127.0.0.1:1/parley", "could not"),
    ],
)
def test_unusable_urls_are_store_errors_without_secrets(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as caught:
        open_store(url)
    assert "secret" not in str(caught.value)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the pages of a database " * 50)
    with pytest.raises(StoreError, match="notes.db"):
        open_store(str(path))


def test_a_closed_store_raises_store_error(store_url: str) -> None:
    with open_store(store_url) as store:
        pass
    with pytest.raises(StoreError, match="closed"):
        store.counts()


# --- fusion across articles --------------------------------------------------------------


def meeting(eid: str, aid: str, **fields: object) -> Event:
    """A report of the (invented) Khan-Li meeting in Tianjin."""
    values: dict[str, object] = {
        "type": "CONSULT",
        "source": ("PAK",),
        "target": ("CHN",),
        "date": "2025-09-01",
        "location": "Tianjin",
        "persons": ("Ayesha Khan", "Li Wen"),
        "topics": ("trade",),
    }
    values.update(fields)
    return make_event(eid, aid, **values)  # type: ignore[arg-type]


THREE_REPORTS = (
    Extraction(make_article("h-a", "a", published="2025-09-01"), events=(meeting("m-a", "h-a"),)),
    Extraction(
        make_article("h-b", "b", published="2025-09-02"),
        events=(
            meeting(
                "m-b",
                "h-b",
                source=("CHN",),
                target=("PAK",),
                date="2025-09",
                location=None,
                persons=("Khan",),
                topics=("energy",),
            ),
        ),
    ),
    Extraction(
        make_article("h-c", "c", published="2025-09-03"),
        events=(meeting("m-c", "h-c", location_country="CHN", persons=("Li Wen", "Wang Fang")),),
    ),
)


def clusters_of(store: SqlStore) -> set[frozenset[str]]:
    return {frozenset(m.article_id for m in item.mentions) for item in store.events()}


def test_reports_of_one_meeting_become_one_event_with_merged_fields(store: SqlStore) -> None:
    for extraction in THREE_REPORTS:
        store.add(extraction)

    [item] = store.events()

    event = item.event
    assert event.id == "m-a"  # named by its first-stored report
    assert [m.external_id for m in item.mentions] == ["a", "b", "c"]
    assert (event.date, event.location, event.location_country) == ("2025-09-01", "Tianjin", "CHN")
    assert event.persons == ("Ayesha Khan", "Li Wen", "Wang Fang")
    assert set(event.topics) == {"trade", "energy"}
    assert event.explanation[0] == "fused 3 reports from 3 articles"
    assert any("m-b joined m-a" in line and "shared persons" in line for line in event.explanation)
    assert store.counts()["events"] == 1 and store.counts()["mentions"] == 3


def test_why_a_report_was_fused_is_stored_with_it(store: SqlStore, store_url: str) -> None:
    for extraction in THREE_REPORTS[:2]:
        store.add(extraction)
    [(link,)] = sql(store_url, "SELECT link FROM mentions WHERE id = 'm-b'")
    assert '"joined": "m-a"' in link and "dates agree: same month" in link


@pytest.mark.parametrize("order", list(permutations(range(3))), ids=str)
def test_any_ingest_order_gives_the_same_clusters(
    fresh_url: Callable[[], str], order: tuple[int, ...]
) -> None:
    extra = Extraction(
        make_article("h-d", "d", published="2025-10-02"),
        events=(meeting("m-d", "h-d", date="2025-10-01"),),  # a month later: another meeting
    )
    with open_store(fresh_url()) as store:
        for index in order:
            store.add(THREE_REPORTS[index])
        store.add(extra)
        assert clusters_of(store) == {frozenset({"h-a", "h-b", "h-c"}), frozenset({"h-d"})}  # type: ignore[arg-type]


def test_the_same_pair_meeting_a_month_apart_stays_two_events(store: SqlStore) -> None:
    store.add(THREE_REPORTS[0])
    store.add(
        Extraction(
            make_article("h-x", "x", published="2025-10-02"),
            events=(meeting("m-x", "h-x", date="2025-10-01"),),
        )
    )
    assert sorted(item.event.date or "" for item in store.events()) == ["2025-09-01", "2025-10-01"]


def test_re_extraction_replaces_an_articles_events_and_re_fuses(store: SqlStore) -> None:
    store.add(THREE_REPORTS[0])
    store.add(THREE_REPORTS[2])
    moved = Extraction(THREE_REPORTS[2].article, events=(meeting("m-c", "h-c", date="2025-10-01"),))

    assert store.add(moved, replace=True) is True

    assert clusters_of(store) == {frozenset({"h-a"}), frozenset({"h-c"})}
    assert store.add(moved, replace=True) is True
    assert store.counts()["mentions"] == 2


# --- local fusion: what one article touches is re-fused, and only that ----------------------

FUSE_DATES = st.sampled_from([None, "2025", "2025-08-31", "2025-09", "2025-09-01", "2025-09-02", "2025-10-01"])


@st.composite
def article_batches(draw: st.DrawFn) -> list[Extraction]:
    """A few articles about one pair, each reporting one or two events around one month."""
    found = []
    for i in range(draw(st.integers(2, 7))):
        events = tuple(
            make_event(
                f"f{i}-{k}",
                f"fa-{i}",
                type=draw(st.sampled_from(["CONSULT", "AGREE"])),
                date=draw(FUSE_DATES),
                location=draw(st.sampled_from([None, "Tianjin", "Beijing"])),
                persons=draw(st.sampled_from([(), ("Li Wen",), ("Khan", "Li Wen"), ("Dar", "Wang")])),
            )
            for k in range(draw(st.integers(1, 2)))
        )
        published = draw(st.sampled_from([None, "2025-09-02", "2025-09-20", "2025-10-02"]))
        found.append(Extraction(make_article(f"fa-{i}", f"feed/{i}", published=published), events=events))
    return found


def _stored_clusters(path: str) -> tuple[set[frozenset[str]], set[str]]:
    """Each event's mention ids, and the events whose mentions carry two component labels."""
    members: dict[str, set[str]] = {}
    labels: dict[str, set[str]] = {}
    for mention_id, event_id, label in sql(path, "SELECT id, event_id, component FROM mentions"):
        members.setdefault(event_id, set()).add(mention_id)
        labels.setdefault(event_id, set()).add(label)
    assert sorted(members) == sorted(e for (e,) in sql(path, "SELECT id FROM events"))
    return {frozenset(m) for m in members.values()}, {e for e, found in labels.items() if len(found) > 1}


RE_EXTRACTIONS = st.lists(
    st.tuples(st.integers(0, 6), st.sampled_from(["2025-09-01", "2025-10-01", None, "drop", "AGREE"])),
    max_size=3,
)


def _re_extracted(extraction: Extraction, change: str | None) -> Extraction:
    """The article extracted again: its first event dropped, retyped or redated."""
    first, rest = extraction.events[0], extraction.events[1:]
    if change == "drop":
        return Extraction(extraction.article, events=rest)
    moved = dataclasses.replace(first, type="AGREE") if change == "AGREE" else dataclasses.replace(first, date=change)
    return Extraction(extraction.article, events=(moved, *rest))


@settings(max_examples=80, deadline=None)
@given(article_batches(), st.randoms(use_true_random=False), RE_EXTRACTIONS)
def test_fusing_as_articles_arrive_gives_the_clusters_of_fusing_them_all_at_once(
    batch: list[Extraction], rng: random.Random, changes: list[tuple[int, str | None]]
) -> None:
    order = list(batch)
    rng.shuffle(order)
    final = {x.article.id: x for x in batch}
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "s.db")
        with open_store(path) as store:
            for extraction in order:
                store.add(extraction)
            for index, change in changes:  # re-extractions move, retype or drop reports
                article_id = order[index % len(order)].article.id
                if final[article_id].events:
                    final[article_id] = _re_extracted(final[article_id], change)
                    store.add(final[article_id], replace=True)
        clusters, split = _stored_clusters(path)
    expected = fuse_reports(
        Report(e, published=x.article.published) for x in final.values() for e in x.events
    )
    assert clusters == {frozenset(r.id for r in c.reports) for c in expected}
    assert split == set()


def test_a_new_report_re_fuses_only_the_reports_it_can_meet(store: SqlStore, store_url: str) -> None:
    far = Extraction(make_article("h-far", "far", published="2024-03-02"), events=(meeting("m-far", "h-far", date="2024-03-01"),))
    store.add(far)
    before = sql(store_url, "SELECT component, link FROM mentions WHERE id = 'm-far'")
    for extraction in THREE_REPORTS:
        store.add(extraction)

    labels = dict(sql(store_url, "SELECT id, component FROM mentions"))
    assert labels["m-a"] == labels["m-b"] == labels["m-c"] != labels["m-far"]
    assert sql(store_url, "SELECT component, link FROM mentions WHERE id = 'm-far'") == before
    assert clusters_of(store) == {frozenset({"h-a", "h-b", "h-c"}), frozenset({"h-far"})}


# --- corrections -------------------------------------------------------------------------


def test_a_correction_shows_in_every_read_and_filter(store: SqlStore) -> None:
    store.add(THREE_REPORTS[0])

    fixed = store.correct("m-a", set={"date": "2024-12", "location": ""})

    assert (fixed.event.date, fixed.event.location) == ("2024-12", None)
    assert fixed.event.explanation[-2:] == (
        f"corrected date: 2025-09-01 -> 2024-12 ({store.corrections()[0].at})",
        f"corrected location: Tianjin -> - ({store.corrections()[0].at})",
    )
    assert [i.event.id for i in store.events(since="2024-12", until="2024-12")] == ["m-a"]
    assert store.events(since="2025-09") == []
    assert [(c.field, c.value) for c in store.corrections("m-a")] == [("date", "2024-12"), ("location", None)]


def test_corrections_survive_re_ingest_re_extraction_and_new_reports(store: SqlStore) -> None:
    store.add(THREE_REPORTS[0])
    store.correct("m-a", set={"source": "pak, sco", "topics": "energy"})

    store.add(THREE_REPORTS[0])  # re-ingest: nothing changes
    store.add(THREE_REPORTS[0], replace=True)  # re-extraction with the same result
    store.add(THREE_REPORTS[1])  # a new report of the same meeting joins it

    [item] = store.events()
    assert (item.event.source, item.event.topics) == (("PAK", "SCO"), ("energy",))
    assert len(item.mentions) == 2
    assert [i.event.id for i in store.events(between=("SCO", "CHN"))] == ["m-a"]


def test_a_rejected_event_is_hidden_unless_asked_for(store: SqlStore) -> None:
    store.add(THREE_REPORTS[0])
    store.add(Extraction(make_article("h-x", "x"), events=(meeting("m-x", "h-x", date="2025-10-01"),)))

    store.correct("m-x", reject=True)
    store.add(THREE_REPORTS[0])

    assert [i.event.id for i in store.events()] == ["m-a"]
    assert [i.event.id for i in store.events(include_rejected=True)] == ["m-a", "m-x"]
    assert store.event("m-x").event.explanation[-1].startswith("rejected by an analyst")


def test_changing_the_type_recomputes_cameo_and_score(store: SqlStore) -> None:
    store.add(Extraction(make_article(), events=(make_event("e-1", mode="visit", cameo="042", score=1.0),)))

    fixed = store.correct("e-1", set={"type": "accuse", "mode": ""})

    assert (fixed.event.type, fixed.event.mode) == ("ACCUSE", None)
    assert fixed.event.cameo is not None and fixed.event.cameo.startswith("11")
    assert fixed.event.score is not None and fixed.event.score < 0


@pytest.mark.parametrize(
    ("event_id", "changes", "reject", "error", "message"),
    [
        ("e-1", {"when": "2024"}, False, ConfigError, "cannot correct 'when'"),
        ("e-1", {"date": "12/2024"}, False, ConfigError, "YYYY"),
        ("e-1", {"type": "CHAT"}, False, ConfigError, "not a PLOVER type"),
        ("e-1", {"mode": "dance"}, False, ConfigError, "not a mode of CONSULT"),
        ("e-1", {"source": "P4K!"}, False, ConfigError, "codes"),
        ("e-1", {"score": "11"}, False, ConfigError, "-10 to 10"),
        ("e-1", None, False, ConfigError, "nothing to correct"),
        ("no-such", {"date": "2024"}, False, StoreError, "no stored event"),
    ],
)
def test_bad_corrections_are_refused_and_nothing_is_kept(
    store: SqlStore, event_id: str, changes: dict | None, reject: bool, error: type[Exception], message: str
) -> None:
    store.add(Extraction(make_article(), events=(make_event("e-1"),)))
    with pytest.raises(error, match=message):
        store.correct(event_id, set=changes, reject=reject)
    assert store.corrections() == []
    assert store.events()[0].event == make_event("e-1")


# --- concurrent use ----------------------------------------------------------------------


def test_readers_work_while_a_write_is_in_progress(tmp_path: Path) -> None:
    path = tmp_path / "parley.db"
    with open_store(str(path)) as store:
        store.add(THREE_REPORTS[0])
        writer = sqlite3.connect(path, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "INSERT INTO rejections (origin, stage, reason, code, at) VALUES ('x', 'y', 'z', 'P1', 'now')"
        )

        assert [i.event.id for i in store.events()] == ["m-a"]  # not blocked, sees the last commit
        assert store.rejections() == []

        writer.execute("COMMIT")
        writer.close()
        assert len(store.rejections()) == 1


def _write_many(url: str, prefix: str, count: int) -> None:
    """Store ``count`` articles of two events each (a meeting and a promise made at it)."""
    with open_store(url) as store:
        for n in range(count):
            aid = f"{prefix}-{n}"
            pair = (make_event(f"c-{aid}", aid, date="2025-09-01"), make_event(f"a-{aid}", aid, type="AGREE"))
            store.add(Extraction(make_article(aid, aid), events=pair))


def test_two_writer_processes_both_succeed(store_url: str) -> None:
    open_store(store_url).close()
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_write_many, args=(store_url, name, 15)) for name in ("p", "q")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0, 0]
    with open_store(store_url) as store:
        assert store.counts()["articles"] == 30
        assert store.counts()["mentions"] == 60


def test_a_write_that_finds_the_database_locked_is_retried(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = store_engine.Database._write_once
    failures = iter([True, True])

    def flaky(self: store_engine.Database, work: Any) -> Any:
        if next(failures, False):
            raise OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))
        return real(self, work)

    monkeypatch.setattr(store_engine.Database, "_write_once", flaky)
    monkeypatch.setattr(store_engine, "RETRY_PAUSE_S", 0.0)

    assert store.add(THREE_REPORTS[0]) is True
    assert store.counts()["articles"] == 1


def test_a_thread_reading_during_a_batch_sees_whole_articles_only(tmp_path: Path) -> None:
    url = str(tmp_path / "parley.db")
    snapshots: list[Counter[str]] = []
    open_store(url).close()
    done = threading.Event()

    def read() -> None:
        with open_store(url) as reader:
            while not done.is_set():
                items = reader.events(include_rejected=True)
                snapshots.append(Counter(m.article_id for item in items for m in item.mentions))

    thread = threading.Thread(target=read)
    thread.start()
    try:
        _write_many(url, "t", 20)
    finally:
        done.set()
        thread.join()
    assert snapshots and all(set(seen.values()) <= {2} for seen in snapshots)


# --- acceptance: the seed articles -------------------------------------------------------


@pytest.fixture(scope="module")
def seed_extractions() -> list[Extraction]:
    if len(SEEDS) < 2:
        pytest.skip("the seed articles (../shared/corpus/seeds/*.txt) are not beside the checkout")
    from parley.ingest import read_paths
    from parley.pipeline import extract

    return list(extract(a for a in read_paths(SEEDS) if isinstance(a, Article)))


class _Replay:
    """``ingest`` reads articles; replay the module's extractions instead of re-parsing."""

    def __init__(self, extractions: list[Extraction]) -> None:
        self.by_article = {x.article.id: x for x in extractions}

    def __call__(self, articles: Any) -> Iterator[Extraction]:
        for article in articles:
            yield self.by_article[article.id]


@pytest.mark.shared
def test_seeds_give_one_crude_oil_event_reported_by_both(
    store: SqlStore, seed_extractions: list[Extraction], monkeypatch: pytest.MonkeyPatch
) -> None:
    from parley import pipeline
    from parley.ingest import read_paths

    monkeypatch.setattr(pipeline, "extract", _Replay(seed_extractions))
    first = pipeline.ingest(read_paths(SEEDS), store)
    before = (store.counts(), store.events(include_rejected=True))
    again = pipeline.ingest(read_paths(SEEDS), store)

    assert (first.added, again.added, again.duplicates) == (2, 0, 2)
    assert (store.counts(), store.events(include_rejected=True)) == before
    crude = [
        item
        for item in store.events(between=("PAK", "RUS"), type="COOPERATE")
        if (item.event.date or "").startswith("2023")
    ]
    assert len(crude) == 1
    assert {m.article_id for m in crude[0].mentions} == {x.article.id for x in seed_extractions}
    from parley import query  # noqa: F401  (registers the exporters)
    from parley.registry import exporters

    exported = [json.loads(line) for line in exporters.get("jsonl")(store)]
    [line] = [r for r in exported if r["id"] == crude[0].event.id]
    assert {m["article"] for m in line["mentions"]} == {x.article.external_id for x in seed_extractions}


# --- property ----------------------------------------------------------------------------

codes = st.lists(st.sampled_from(["PAK", "CHN", "IND", "RUS", "SCO", "EU"]), max_size=3)
# PostgreSQL text holds neither NUL nor lone surrogates; the store refuses both (tested above).
words = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30)
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
    cameo=st.none() | st.sampled_from(["036", "0311"]),
    score=st.none() | st.floats(-10, 10, allow_nan=False),
    explanation=st.lists(words, max_size=2).map(tuple),
)


_DATA_TABLES = ("event_pairs", "event_parties", "events", "corrections", "mentions", "entities", "article_names", "articles")


@pytest.fixture
def raw(store_url: str) -> Iterator[Any]:
    engine = create_engine(sqlalchemy_url(store_url))
    yield engine
    engine.dispose()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(events, max_size=8), st.none() | st.just("2025-09-02"))
def test_any_events_of_one_article_survive_a_round_trip(
    store: SqlStore, raw: Any, generated: list[Event], published: str | None
) -> None:
    with raw.begin() as conn:  # every example starts from an empty store
        for table in _DATA_TABLES:
            conn.execute(text(f"DELETE FROM {table}"))
    numbered = [dataclasses.replace(e, id=f"e{i}") for i, e in enumerate(generated)]
    store.add(Extraction(make_article("h-prop", published=published), events=tuple(numbered)))
    back = [item.event for item in store.events()]
    assert sorted(map(all_fields, back), key=lambda f: f["id"]) == [
        all_fields(e) for e in sorted(numbered, key=lambda e: e.id)
    ]
