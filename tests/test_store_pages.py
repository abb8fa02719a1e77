"""Paged reads: a timeline a page at a time, from the store up to the CLI, the API and the page.

Pages must put back together into exactly the unpaged read (same events, same order, none
twice, none lost), including where many events share a date and where events have no date.
Store tests run on SQLite and PostgreSQL (``store_url``, see conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from parley.cli.main import main
from parley.errors import ConfigError
from parley.model import Article, Event, Extraction, StoredEvent
from parley.query import timeline, timeline_page
from parley.store import SCHEMA_VERSION, SqlStore, open_store, position
from parley.store import store_url as sqlalchemy_url

HOSTS = ("testserver",)

# (article id, published, [(event id, type, source, target, own date)]).  Ids run against the
# order of storing, so ties on a date are broken by id, not by arrival; several events fall on
# 2025-09-05 (own date or their report's day), some have only a month and some no date at all.
ARTICLES: tuple[tuple[str, str | None, tuple[tuple[str, str, str, str, str | None], ...]], ...] = (
    ("h-1", "2025-09-02", (
        ("m-zulu", "CONSULT", "PAK", "CHN", "2025-09-05"),
        ("m-alpha", "AGREE", "CHN", "PAK", "2025-09-05"),
        ("m-kilo", "AID", "PAK", "CHN", "2025-09-05"),
        ("m-bravo", "SUPPORT", "PAK", "CHN", None),
        ("m-yankee", "REQUEST", "CHN", "PAK", "2025-09"),
    )),
    ("h-2", None, (
        ("m-xray", "CONSULT", "PAK", "CHN", None),
        ("m-charlie", "ACCUSE", "CHN", "PAK", None),
        ("m-whiskey", "REJECT", "PAK", "CHN", "2025-09-05"),
    )),
    ("h-3", "2025-09-05", (
        ("m-delta", "THREATEN", "PAK", "CHN", None),
        ("m-victor", "PROTEST", "PAK", "IND", "2025-09-05"),
        ("m-echo", "COOPERATE", "CHN", "PAK", "2024-01-01"),
    )),
)  # fmt: skip
PAIR_EVENTS = 10  # all but the PAK-IND one


def fill(store: SqlStore) -> None:
    for aid, published, found in ARTICLES:
        events = tuple(
            Event(eid, aid, kind, None, (src,), (tgt,), date=date, evidence=f"Said {eid}.")
            for eid, kind, src, tgt, date in found
        )
        store.add(Extraction(Article(aid, f"feed/{aid}", f"Text {aid}.", published=published), events=events))


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    opened = open_store(store_url)
    assert isinstance(opened, SqlStore)
    fill(opened)
    yield opened
    opened.close()


def ids(items: list[StoredEvent]) -> list[str]:
    return [i.event.id for i in items]


def walk(store: SqlStore, size: int, **filters: Any) -> list[list[str]]:
    """Every page of a read, each page's ids, following the last position shown."""
    pages, after = [], None
    for _ in range(100):
        page = store.events(limit=size, after=after, **filters)
        if not page:
            return pages
        pages.append(ids(page))
        after = position(page[-1])
    raise AssertionError("paging never ended")


@pytest.mark.parametrize("between", [("PAK", "CHN"), ("CHN", "PAK"), None])
@pytest.mark.parametrize("size", [1, 2, 3, 4, 100])
def test_pages_put_together_are_the_whole_read(
    store: SqlStore, between: tuple[str, str] | None, size: int
) -> None:
    whole = store.events(between=between)
    assert len(whole) == (PAIR_EVENTS if between else PAIR_EVENTS + 1)
    pages = walk(store, size, between=between)
    assert all(len(page) <= size for page in pages)
    assert [eid for page in pages for eid in page] == ids(whole)


def test_the_order_is_by_date_then_id_with_undated_last(store: SqlStore) -> None:
    assert ids(store.events(between=("PAK", "CHN"))) == [
        "m-echo",  # 2024-01-01
        "m-yankee",  # 2025-09: a month sorts before the days in it
        "m-bravo",  # placed by its report, 2025-09-02
        "m-alpha", "m-delta", "m-kilo", "m-whiskey", "m-zulu",  # 2025-09-05, by id
        "m-charlie", "m-xray",  # no date at all, by id
    ]  # fmt: skip


@pytest.mark.parametrize(
    "filters",
    [
        {"type": "CONSULT"},
        {"since": "2025-09-03"},
        {"until": "2025-09"},
        {"since": "2025-09-05", "type": "THREATEN"},
    ],
)
def test_pages_keep_the_filters(store: SqlStore, filters: dict[str, str]) -> None:
    whole = ids(store.events(between=("PAK", "CHN"), **filters))
    assert whole
    assert [eid for page in walk(store, 1, between=("PAK", "CHN"), **filters) for eid in page] == whole


@pytest.mark.parametrize("include_rejected", [True, False])
def test_pages_include_a_rejected_event_only_when_asked(store: SqlStore, include_rejected: bool) -> None:
    store.correct("m-kilo", reject=True)
    whole = ids(store.events(between=("PAK", "CHN"), include_rejected=include_rejected))
    assert ("m-kilo" in whole) is include_rejected
    pages = walk(store, 2, between=("PAK", "CHN"), include_rejected=include_rejected)
    assert [eid for page in pages for eid in page] == whole


def test_a_corrected_date_moves_the_event_in_the_pages(store: SqlStore) -> None:
    store.correct("m-charlie", set={"date": "2020-05-01"})
    first = store.events(between=("PAK", "CHN"), limit=1)
    assert ids(first) == ["m-charlie"]
    assert "m-charlie" not in ids(store.events(between=("PAK", "CHN"), after=position(first[0])))


@pytest.mark.parametrize(
    "after",
    [("x",), (1, "2025", "a"), (False, None, "a"), [False, "2025", "a"], "m-alpha"],
)
def test_a_position_that_is_not_one_is_refused(store: SqlStore, after: Any) -> None:
    with pytest.raises(ConfigError, match="expected"):
        store.events(between=("PAK", "CHN"), after=after)


def test_migration_4_places_the_pairs_of_an_older_store(store_url: str) -> None:
    with open_store(store_url) as first:
        fill(first)  # type: ignore[arg-type]
        before = ids(first.events(between=("PAK", "CHN")))
    engine = create_engine(sqlalchemy_url(store_url))
    with engine.begin() as conn:  # back to schema version 3: no reading-order columns
        conn.execute(text("DROP INDEX idx_event_pairs_timeline"))
        for column in ("placed", "unplaced"):
            conn.execute(text(f"ALTER TABLE event_pairs DROP COLUMN {column}"))
        conn.execute(text("DELETE FROM schema_migrations WHERE version = 4"))
    engine.dispose()
    with open_store(store_url) as again:
        assert again.schema_version == SCHEMA_VERSION == 4
        pages = walk(again, 3, between=("PAK", "CHN"))  # type: ignore[arg-type]
        assert [eid for page in pages for eid in page] == before


# --- the query layer, the CLI, the API and the page --------------------------------------------


def test_timeline_pages_follow_their_cursor_to_the_whole_timeline(store: SqlStore) -> None:
    whole = [e.item.event.id for e in timeline(store, "CHN", "PAK")]
    shown, cursor = [], None
    for _ in range(20):
        page = timeline_page(store, "CHN", "PAK", limit=3, cursor=cursor)
        shown += [e.item.event.id for e in page.entries]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert shown == whole
    first = timeline(store, "CHN", "PAK", limit=4)
    after = timeline(store, "CHN", "PAK", after=position(first[-1].item))
    assert [e.item.event.id for e in first + after] == whole


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "pages.db")
    with open_store(path) as opened:
        fill(opened)  # type: ignore[arg-type]
    return path


def test_cli_timeline_shows_a_page_and_says_how_to_go_on(db: str) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["timeline", "--db", db, "PAK", "CHN", "--limit", "9"])
    assert first.exit_code == 0, first.output
    assert "Said m-echo." in first.stdout and "Said m-xray." not in first.stdout
    cursor = first.stderr.split("--after ")[1].split()[0]
    rest = runner.invoke(main, ["timeline", "--db", db, "PAK", "CHN", "--after", cursor])
    assert rest.exit_code == 0 and "Said m-xray." in rest.stdout and "Said m-echo." not in rest.stdout
    assert "--after" not in rest.stderr
    everything = runner.invoke(main, ["timeline", "--db", db, "PAK", "CHN", "--all", "--limit", "1"])
    assert all(f"Said {eid}." in everything.stdout for eid in ("m-echo", "m-zulu", "m-xray"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--limit", "0"], "--limit"),
        (["--all", "--after", "abc"], "--all"),
        (["--after", "not-a-cursor"], "cursor"),
    ],
)
def test_cli_timeline_refuses_bad_paging(db: str, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["timeline", "--db", db, "PAK", "CHN", *args])
    assert result.exit_code != 0 and message in result.output


@pytest.fixture
def client(db: str) -> Iterator[TestClient]:
    from parley.api import Settings, create_app

    with TestClient(create_app(Settings(db=db, allowed_hosts=HOSTS, page_size=4))) as test_client:
        yield test_client


def test_api_pages_of_a_pair_follow_next_cursor(client: TestClient, store: SqlStore) -> None:
    whole = ids(store.events(between=("PAK", "CHN")))
    shown, url = [], "/api/events?a=pak&b=chn&limit=3"
    for _ in range(20):
        body = client.get(url).json()
        assert len(body["events"]) <= 3
        shown += [e["id"] for e in body["events"]]
        if body["next_cursor"] is None:
            break
        url = f"/api/events?a=pak&b=chn&limit=3&cursor={body['next_cursor']}"
    assert shown == whole
    default = client.get("/api/events?a=PAK&b=CHN").json()
    assert [e["id"] for e in default["events"]] == whole[:4] and default["next_cursor"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("limit=0", 422),
        ("limit=abc", 422),
        ("limit=1001", 422),
        ("cursor=has%20spaces", 422),
        ("cursor=" + "a" * 601, 422),
        ("cursor=bm90LWEtY3Vyc29y", 400),  # valid characters, not a position
    ],
)
def test_api_refuses_bad_paging_parameters(client: TestClient, query: str, status: int) -> None:
    reply = client.get(f"/api/events?a=PAK&b=CHN&{query}")
    assert reply.status_code == status, reply.text
    assert reply.json()["error"]["message"]


def test_the_dyad_page_lists_one_page_and_links_the_next(client: TestClient) -> None:
    first = client.get("/dyad/PAK/CHN")
    assert first.status_code == 200
    assert "10 events" in first.text and "Said m-echo." in first.text and "Said m-xray." not in first.text
    link = first.text.split('id="next-page"')[0].rsplit('href="', 1)[1].split('"')[0]
    second = client.get(link.replace("&amp;", "&"))
    assert second.status_code == 200 and "Said m-echo." not in second.text and 'id="first-page"' in second.text
