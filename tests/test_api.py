"""The JSON API and the pages through FastAPI's TestClient; schemathesis against the schema.

The store is made from invented PAK–RUS articles (tests/web_store.py), one of which quotes
``<script>alert(1)</script>``, plus the seed articles where ../shared is present.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
import schemathesis
from hypothesis import HealthCheck, given, settings

from parley.api import Settings, create_app, settings_from_env
from parley.api.server import make_server
from parley.cli.serve import serve
from parley.errors import ConfigError, StoreError
from parley.model import Article, Mention, StoredEvent
from parley.store import Store, open_store
from parley.web.highlight import evidence_span, highlight

from web_store import NEW_ARTICLE, SCRIPT, copy_store, invented_articles, seeds_present, web_store

TOKEN = "test-token-0123456789"
HOSTS = ("testserver", "localhost", "127.0.0.1")
PAK_RUS = {"PAK", "RUS"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return web_store(tmp_path_factory)


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db), allowed_hosts=HOSTS))) as test_client:
        yield test_client


@pytest.fixture()
def writer(db: Path, tmp_path: Path) -> Iterator[TestClient]:
    """A client of an app that allows writes, over a private copy of the store."""
    settings = Settings(db=str(copy_store(db, tmp_path)), token=TOKEN, allowed_hosts=HOSTS)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def parties(event: dict[str, Any]) -> set[str]:
    return set(event["source"]) | set(event["target"])


def all_pages(client: TestClient, url: str) -> list[dict[str, Any]]:
    events, cursor = [], None
    for _ in range(100):
        reply = client.get(url + (f"&cursor={cursor}" if cursor else ""))
        assert reply.status_code == 200
        events += reply.json()["events"]
        cursor = reply.json()["next_cursor"]
        if cursor is None:
            return events
    raise AssertionError("pagination never ended")


def assert_error(reply: Any, status: int) -> dict[str, Any]:
    """The one error shape: {"error": {"status", "code", "message"}}, and nothing else."""
    assert reply.status_code == status, reply.text
    body = reply.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["message"]
    assert "Traceback" not in reply.text
    return body["error"]


# --- reading ---------------------------------------------------------------------------------


def test_events_between_pak_and_rus_are_those_of_the_invented_articles(client: TestClient) -> None:
    events = all_pages(client, "/api/events?a=PAK&b=RUS&limit=100")
    assert events and all(PAK_RUS <= parties(e) for e in events)
    mine = {m["article"] for e in events for m in e["mentions"]}
    assert {"moscow_talks", "pipeline_deal", "hostile_quote"} <= mine
    assert any(e["type"] == "CONSULT" and e["date"] == "2024-03-11" for e in events)


def test_cursor_pages_cover_the_listing_once_in_order(client: TestClient) -> None:
    whole = client.get("/api/events?limit=1000").json()
    assert whole["next_cursor"] is None
    paged = all_pages(client, "/api/events?limit=2")
    assert [e["id"] for e in paged] == [e["id"] for e in whole["events"]]
    assert len({e["id"] for e in paged}) == len(paged) > 2


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("type=CONSULT", lambda e: e["type"] == "CONSULT"),
        ("type=consult&a=PAK&b=RUS", lambda e: e["type"] == "CONSULT" and PAK_RUS <= parties(e)),
        ("a=RUS", lambda e: "RUS" in parties(e)),
        ("since=2024-06&until=2024-06", lambda e: (e["when"] or "")[:7] == "2024-06"),
        ("q=pipeline%20Karachi", lambda e: "pipeline" in e["evidence"].lower()),
        ("a=&b=&type=&since=&until=&q=", lambda e: True),
    ],
)
def test_filters_keep_only_matching_events(client: TestClient, query: str, check: Any) -> None:
    events = all_pages(client, f"/api/events?{query}&limit=50")
    assert events and all(check(e) for e in events)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/events?cursor=not-a-cursor", 400),
        ("/api/events?since=2024-13", 422),
        ("/api/events?cursor=WzEsMl0", 400),
        ("/api/events?a=P%20K", 422),
        ("/api/events?limit=0", 422),
        ("/api/events/no-such-event", 404),
        ("/api/actors/Nobody%20Atall", 404),
        ("/api/dyads/PAK/R%21S", 422),
        ("/api/nowhere", 404),
    ],
)
def test_bad_requests_get_the_one_error_shape(client: TestClient, url: str, status: int) -> None:
    assert_error(client.get(url), status)


def test_an_event_comes_with_its_mentions_and_evidence(client: TestClient) -> None:
    listed = client.get("/api/events?a=PAK&b=RUS&q=pipeline").json()["events"][0]
    detail = client.get(f"/api/events/{listed['id']}").json()
    assert detail["id"] == listed["id"] and detail["type"] == listed["type"]
    [mention] = detail["mentions"]
    assert mention["article"] == "pipeline_deal"
    assert "gas pipeline from Karachi to Lahore" in mention["evidence"]
    assert detail["corroboration"] == 1 and detail["explanation"]


def test_dyad_has_timeline_index_and_topics_from_the_same_events(client: TestClient) -> None:
    dyad = client.get("/api/dyads/pak/rus").json()
    assert (dyad["a"], dyad["b"]) == ("PAK", "RUS")
    listed = {e["id"] for e in all_pages(client, "/api/events?a=PAK&b=RUS&limit=100")}
    assert {e["id"] for e in dyad["timeline"]} == listed
    months = {m["month"] for m in dyad["index"]["months"]}
    assert {"2024-03", "2024-06", "2024-09"} <= months
    assert any(t["topic"] == "energy" for t in dyad["topics"]["topics"])


def test_dyad_filters_narrow_the_chart_too(client: TestClient) -> None:
    dyad = client.get("/api/dyads/PAK/RUS?type=CONSULT&since=2024&until=2024").json()
    assert dyad["filters"] == {"type": "CONSULT", "since": "2024", "until": "2024"}
    assert dyad["timeline"] and all(e["type"] == "CONSULT" for e in dyad["timeline"])
    assert sum(m["events"] for m in dyad["index"]["months"]) <= len(dyad["timeline"])


def test_actor_profile_of_a_country_and_of_a_person(client: TestClient) -> None:
    country = client.get("/api/actors/PAK").json()
    assert country["kind"] == "country" and country["events"] > 0
    assert "RUS" in {c["code"] for c in country["counterparts"]}
    person = client.get("/api/actors/Sergei%20Lavrov").json()
    assert person["kind"] == "person" and person["events"] >= 1


def test_search_finds_words_of_the_evidence(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "alert"}).json()
    assert found["count"] == 1 and SCRIPT in found["events"][0]["evidence"]
    assert client.get("/api/search", params={"q": "zzzz-no-such-word"}).json()["count"] == 0


def test_overview_lists_pak_rus_among_the_busiest_pairs(client: TestClient) -> None:
    overview = client.get("/api/overview").json()
    assert {"a": "PAK", "b": "RUS"}.items() <= overview["dyads"][0].items()
    assert overview["recent"] and overview["writable"] is False


# --- writing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "header", "status"),
    [
        (None, None, 403),
        (None, f"Bearer {TOKEN}", 403),
        (TOKEN, None, 401),
        (TOKEN, "Bearer wrong-token-0000", 401),
        (TOKEN, f"Basic {TOKEN}", 401),
    ],
)
def test_writes_are_refused_without_the_token(db: Path, tmp_path: Path, token: str | None,
                                              header: str | None, status: int) -> None:
    settings = Settings(db=str(copy_store(db, tmp_path)), token=token, allowed_hosts=HOSTS)
    headers = {"Authorization": header} if header else {}
    with TestClient(create_app(settings)) as app_client:
        before = app_client.get("/api/overview").json()["counts"]
        posted = app_client.post("/api/articles", content=NEW_ARTICLE,
                                 headers={**headers, "Content-Type": "text/plain"})
        corrected = app_client.post("/api/events/anything/corrections", json={"reject": True}, headers=headers)
        assert_error(posted, status)
        assert_error(corrected, status)
        assert app_client.get("/api/overview").json()["counts"] == before


def test_posting_an_article_with_the_token_stores_its_events(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    reply = writer.post("/api/articles?name=flights", content=NEW_ARTICLE,
                        headers={**auth, "Content-Type": "text/plain; charset=utf-8"})
    assert reply.status_code == 200, reply.text
    assert reply.json()["added"] == 1 and reply.json()["events"] >= 1
    found = writer.get("/api/search", params={"q": "Kazan"}).json()["events"]
    assert found and found[0]["mentions"][0]["article"] == "flights"
    again = writer.post("/api/articles?name=flights", content=NEW_ARTICLE,
                        headers={**auth, "Content-Type": "text/plain"})
    assert again.json()["added"] == 0 and again.json()["duplicates"] == 1


def test_posting_jsonl_reports_each_bad_line(writer: TestClient) -> None:
    line = '{"id": "j1", "text": " date 2024-12-02 MOSCOW: Russia and Pakistan held talks in Moscow on Monday."}'
    body = line + "\nnot json\n"
    reply = writer.post("/api/articles", content=body,
                        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"})
    assert reply.status_code == 200, reply.text
    assert reply.json()["read"] == 1
    [rejected] = reply.json()["rejections"]
    assert rejected["where"].endswith(":2") and "JSON" in rejected["reason"]


def test_other_media_types_and_large_bodies_are_refused(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert_error(writer.post("/api/articles", content=b"<html/>", headers={**auth, "Content-Type": "text/html"}), 415)
    big = b"x" * (Settings(db="").max_body_bytes + 1)
    assert_error(writer.post("/api/articles", content=big, headers={**auth, "Content-Type": "text/plain"}), 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(5):
            yield b"y" * (Settings(db="").max_body_bytes // 4)

    streamed = writer.post("/api/articles", content=chunks(), headers={**auth, "Content-Type": "text/plain"})
    assert_error(streamed, 413)


def test_a_correction_changes_the_event_everywhere(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    target = writer.get("/api/events?a=PAK&b=RUS&q=pipeline").json()["events"][0]
    reply = writer.post(f"/api/events/{target['id']}/corrections", json={"set": {"date": "2024-07"}}, headers=auth)
    assert reply.status_code == 200, reply.text
    assert reply.json()["date"] == "2024-07" and reply.json()["corrections"][0]["field"] == "date"
    assert writer.get(f"/api/events/{target['id']}").json()["date"] == "2024-07"
    rejected = writer.post(f"/api/events/{target['id']}/corrections", json={"reject": True}, headers=auth)
    assert rejected.status_code == 200
    assert target["id"] not in {e["id"] for e in all_pages(writer, "/api/events?a=PAK&b=RUS&limit=100")}


@pytest.mark.parametrize(
    ("event_id", "body", "status"),
    [
        ("no-such-event", {"set": {"date": "2024-07"}}, 404),
        (None, {"set": {"colour": "red"}}, 400),
        (None, {"set": {"date": "July"}}, 400),
        (None, {}, 400),
        (None, {"set": {"date": "2024"}, "extra": 1}, 422),
    ],
)
def test_bad_corrections_are_refused(
    writer: TestClient, event_id: str | None, body: dict[str, Any], status: int
) -> None:
    event_id = event_id or writer.get("/api/events?limit=1").json()["events"][0]["id"]
    reply = writer.post(f"/api/events/{event_id}/corrections", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert_error(reply, status)


class WithoutCorrections:
    """A store offering everything but ``correct`` (as an older backend would)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name == "correct":
            raise AttributeError(name)
        return getattr(self._store, name)


def test_corrections_answer_501_where_the_store_cannot_keep_them(db: Path) -> None:
    with open_store(str(db)) as store:
        app = create_app(Settings(db=str(db), token=TOKEN, allowed_hosts=HOSTS), store=WithoutCorrections(store))  # type: ignore[arg-type]
        reply = TestClient(app).post("/api/events/x/corrections", json={"reject": True},
                                     headers={"Authorization": f"Bearer {TOKEN}"})
    assert_error(reply, 501)


# --- pages, escaping and fences ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/dyad/PAK/RUS", "/search?q=alert", "/api/search?q=alert", "/dyad/PAK/RUS/dossier"]
)
def test_script_text_is_escaped_and_scripts_are_forbidden(client: TestClient, url: str) -> None:
    reply = client.get(url)
    assert reply.status_code == 200
    assert "default-src 'none'" in reply.headers["content-security-policy"]
    assert reply.headers["x-content-type-options"] == "nosniff"
    if reply.headers["content-type"].startswith("text/html"):
        assert SCRIPT not in reply.text and "<script" not in reply.text.lower()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in reply.text


@pytest.mark.parametrize("url", ["/", "/dyad/PAK/RUS", "/search?q=energy", "/actors/PAK", "/actors/Sergei%20Lavrov"])
def test_each_page_renders_and_links_its_json_twin(client: TestClient, url: str) -> None:
    reply = client.get(url)
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/html")
    twin = reply.text.split('class="json" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert twin.startswith("/api/") and client.get(twin).status_code == 200


class OneArticleReader:
    """The store with a single-article reader ``article(id)`` and no ``articles()``."""

    def __init__(self, store: Store, articles: dict[str, Article]) -> None:
        self._store, self._articles = store, articles

    def article(self, article_id: str) -> Article:
        if article_id not in self._articles:
            raise StoreError("no such article", where=article_id)
        return self._articles[article_id]

    def __getattr__(self, name: str) -> Any:
        if name == "articles":
            raise AttributeError(name)
        return getattr(self._store, name)


class NoArticleReader:
    """The store as a backend that cannot give article texts back."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name in ("article", "articles"):
            raise AttributeError(name)
        return getattr(self._store, name)


def _event_page(db: Path, wrap: Any, query: str) -> tuple[dict[str, Any], str, dict[str, Any]]:
    with open_store(str(db)) as store:
        app = create_app(Settings(db=str(db), allowed_hosts=HOSTS), store=wrap(store))
        app_client = TestClient(app)
        event = app_client.get("/api/search", params={"q": query}).json()["events"][0]
        page = app_client.get(f"/events/{event['id']}").text
        detail = app_client.get(f"/api/events/{event['id']}").json()
    return event, page, detail


@pytest.mark.parametrize(
    "wrap", [lambda store: store, lambda store: OneArticleReader(store, invented_articles())],
    ids=["articles", "article"],
)
def test_event_page_marks_the_evidence_inside_the_escaped_article(db: Path, wrap: Any) -> None:
    event, page, detail = _event_page(db, wrap, "Astana Putin")
    text = page.split('<div class="article-text">', 1)[1].split("</div>", 1)[0]
    before, marked = text.split('<mark class="evidence">', 1)
    assert marked.split("</mark>", 1)[0] == event["evidence"]
    assert event["evidence"].startswith("Prime Minister Shehbaz Sharif met Russian President Vladimir Putin")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in before and SCRIPT not in page  # the article before it
    [article] = detail["articles"]
    assert article["text"] == invented_articles()[event["mentions"][0]["article_id"]].text


def test_event_page_without_article_text_shows_the_sentence_marked(db: Path) -> None:
    event, page, detail = _event_page(db, NoArticleReader, "Astana Putin")
    assert detail["articles"] == []
    assert f'<mark class="evidence">{event["evidence"]}</mark>' in page
    assert "full text is not available" in page


def test_unknown_host_names_are_refused(client: TestClient) -> None:
    assert_error(client.get("/api/overview", headers={"Host": "attacker.example"}), 400)


class Broken:
    """A store whose reads fail: unexpectedly, or as the store reports its own failures."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def events(self, **_: Any) -> list[StoredEvent]:
        raise self.error

    def counts(self) -> dict[str, int]:
        raise self.error


@pytest.mark.parametrize(
    "error", [RuntimeError("secret internals at /srv/db"), StoreError("disk I/O error", where="/srv/secret.db")]
)
@pytest.mark.parametrize("url", ["/api/events", "/api/overview", "/"])
def test_failures_reach_clients_without_details(error: Exception, url: str) -> None:
    app = create_app(Settings(db="unused", allowed_hosts=HOSTS), store=Broken(error))  # type: ignore[arg-type]
    reply = TestClient(app, raise_server_exceptions=False).get(url)
    assert reply.status_code == 500
    assert "/srv" not in reply.text and "Traceback" not in reply.text and "RuntimeError" not in reply.text
    if url.startswith("/api/"):
        assert assert_error(reply, 500)["code"] == "internal_error"


def test_the_server_listens_on_loopback_unless_told_otherwise(db: Path) -> None:
    host_option = next(p for p in serve.params if p.name == "host")
    assert host_option.default == "127.0.0.1"
    settings = settings_from_env(str(db), environ={})
    assert settings.host == "127.0.0.1" and not settings.writable
    server = make_server(settings, app=create_app(settings))
    assert server.config.host == "127.0.0.1"


@pytest.mark.parametrize(("value", "token"), [("", None), ("  ", None), (TOKEN, TOKEN)])
def test_the_token_comes_from_the_environment(value: str, token: str | None) -> None:
    assert settings_from_env("x.db", environ={"PARLEY_TOKEN": value}).token == token


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--db", "mysql://somewhere/x"], {}, "unknown store URL scheme"),
        (["--db", "{tmp}/x.db"], {"PARLEY_TOKEN": "short"}, "at least"),
        (["--db", "{tmp}/x.db", "--port", "70000"], {}, "70000"),
    ],
)
def test_serve_reports_bad_settings_before_starting(tmp_path: Path, args: list[str], env: dict[str, str],
                                                    message: str) -> None:
    result = CliRunner().invoke(serve, [a.format(tmp=tmp_path) for a in args], env=env)
    assert result.exit_code != 0 and message in result.output


@pytest.mark.parametrize(
    ("text", "spans", "marked"),
    [
        ("One. Two. Three.", [(5, 9)], ["Two."]),
        ("One. Two. Three.", [(0, 4), (10, 16)], ["One.", "Three."]),
        ("One. Two. Three.", [(0, 4), (2, 9)], ["One. Two."]),
        ("One. Two.", [(5, 40)], []),
        ("", [], []),
    ],
)
def test_highlight_cuts_the_whole_text_into_marked_and_plain_pieces(
    text: str, spans: list[tuple[int, int]], marked: list[str]
) -> None:
    pieces = highlight(text, spans)
    assert "".join(p.text for p in pieces) == text
    assert [p.text for p in pieces if p.marked] == marked


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(5, 9, (5, 9)), (0, 3, (5, 9)), (50, 60, (5, 9))],
)
def test_evidence_is_found_even_where_the_stored_span_has_shifted(start: int, end: int,
                                                                  expected: tuple[int, int]) -> None:
    mention = Mention("a", "a", None, "Two.", 1, start, end)
    assert evidence_span("One. Two. Three.", mention) == expected
    assert evidence_span("Nothing like it.", mention) is None


def test_a_short_token_is_refused() -> None:
    with pytest.raises(ConfigError, match="at least"):
        settings_from_env("x.db", environ={"PARLEY_TOKEN": "abc"})


def test_seed_events_between_pak_and_rus_are_listed(client: TestClient) -> None:
    if not seeds_present():
        pytest.skip("seed articles absent: ../shared/corpus/seeds not beside the checkout")
    events = all_pages(client, "/api/events?a=PAK&b=RUS&limit=100")
    seeded = [e for e in events if any(m["article"].startswith(("000_", "004_")) for m in e["mentions"])]
    assert seeded and all(PAK_RUS <= parties(e) for e in seeded)


# --- schemathesis ----------------------------------------------------------------------------

OPERATIONS = [
    ("GET", "/api/overview"),
    ("GET", "/api/events"),
    ("GET", "/api/events/{event_id}"),
    ("GET", "/api/dyads/{a}/{b}"),
    ("GET", "/api/actors/{actor}"),
    ("GET", "/api/search"),
    ("POST", "/api/articles"),
    ("POST", "/api/events/{event_id}/corrections"),
]


@pytest.fixture(scope="module")
def api_schema(db: Path) -> Any:
    """The schema of a read-only app, so generated writes are refused rather than stored."""
    app = create_app(Settings(db=str(db), allowed_hosts=HOSTS))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_the_schema_lists_every_operation(api_schema: Any) -> None:
    found = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_every_operation_honours_its_schema(api_schema: Any, method: str, path: str) -> None:
    """Generated requests get documented statuses, content types and bodies, and never a 5xx.

    Schema-valid but meaningless values (a cursor no page made, 2024-02-31) rightly answer
    400, so the "valid data is accepted" check is left out.
    """
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=12, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])

    run()
