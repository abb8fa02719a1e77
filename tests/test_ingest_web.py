"""Web input: saved pages and feeds, addresses fetched from a loopback server, copies of one
wire story, and ``parley watch``.

Every network test talks to an ``http.server`` on 127.0.0.1 started here, serving the
invented pages and feeds under ``fixtures/web/site`` (``{{BASE}}`` in a feed becomes the
server's address).
"""

from __future__ import annotations

import hashlib
import http.server
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from parley.cli.watch import watch
from parley.errors import IngestError
from parley.ingest import (
    Fetcher,
    FeedPoller,
    FetchPolicy,
    NearDuplicateFilter,
    check_xml_safety,
    entry_articles,
    find_near_duplicate,
    is_near_duplicate,
    parse_feed,
    parse_html,
    read_feed_file,
    read_html_file,
    read_paths,
    read_url,
    text_signature,
)
from parley.ingest.feeds import feed_day
from parley.ingest.robots import MAX_CRAWL_DELAY_S, crawl_delay, parse_robots
from parley.model import Article, Rejection
from parley.store import open_store

SITE = Path(__file__).parent / "fixtures" / "web" / "site"
WORLD = SITE / "world"
FEEDS = SITE / "feeds"
FEED_TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml",
              ".xml": "application/xml"}


def articles(items: list[Article | Rejection]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def rejections(items: list[Article | Rejection]) -> list[Rejection]:
    return [item for item in items if isinstance(item, Rejection)]


# --- the loopback server -------------------------------------------------------------------


@dataclass
class Server:
    base: str
    requests: list[tuple[str, str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def paths(self) -> list[str]:
        return [path for path, _agent in self.requests]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the fixture site, feeds with ``{{BASE}}`` filled in and an ETag, and a few
    misbehaving addresses: slow, huge, failing and redirecting ones."""

    log: list[tuple[str, str]]
    base: str

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, directory=str(SITE), **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:
        self.log.append((self.path, self.headers.get("User-Agent", "")))
        special = {
            "/slow": self._slow,
            "/huge-declared": self._huge_declared,
            "/huge-streamed": self._huge_streamed,
            "/status/503": lambda: self.send_error(503),
            "/redirect-to-file": lambda: self._redirect("file:///etc/hostname"),
            "/redirect-to-private": lambda: self._redirect("/private/hidden.html"),
        }
        if self.path in special:
            special[self.path]()
        elif self.path.startswith("/feeds/"):
            self._feed()
        else:
            super().do_GET()

    def _feed(self) -> None:
        file = SITE / self.path.lstrip("/")
        if not file.is_file():
            self.send_error(404)
            return
        body = file.read_bytes().replace(b"{{BASE}}", self.base.encode())
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", FEED_TYPES.get(file.suffix, "text/xml"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)

    def _slow(self) -> None:
        time.sleep(2.0)
        self.send_response(200)
        self.end_headers()

    def _huge_declared(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(50_000_000))
        self.end_headers()
        self.wfile.write(b"<html>")

    def _huge_streamed(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(40):
            self.wfile.write(b"<p>" + b"x" * 1000 + b"</p>")
        self.close_connection = True

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.end_headers()


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout test) is expected


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    log: list[tuple[str, str]] = []
    handler = type("Handler", (_Handler,), {"log": log, "base": ""})
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    handler.base = base
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(base=base, requests=log)
    finally:
        httpd.shutdown()
        httpd.server_close()


def fast_fetcher(**policy: object) -> Fetcher:
    """A fetcher that keeps to the rules but does not make the tests wait between requests."""
    return Fetcher(FetchPolicy(delay_s=0.0, **policy))  # type: ignore[arg-type]


# --- saved pages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "published", "first_words", "absent"),
    [
        ("rail-corridor.html", "Kazakhstan and Pakistan sign rail corridor deal", "2025-09-02",
         "The foreign ministers of Kazakhstan",
         ["Russia declares war", "Sponsored", "Most read", "cookies", "All rights reserved",
          "Subscribe", "By Amina"]),
        # "© 2024" in the footer must not become a publication date.
        ("no-date.html", "Mongolia and Japan discuss mining investment", None,
         "Mongolia's prime minister", ["Log in", "Copyright"]),
        # An impossible date in the metadata is no date at all.
        ("bad-date.html", "Chile and Peru settle fishing dispute", None,
         "Chile and Peru agreed", []),
    ],
)
def test_saved_page_gives_title_date_and_story_only(
    name: str, title: str, published: str | None, first_words: str, absent: list[str]
) -> None:
    [article] = list(read_html_file(WORLD / name))
    assert isinstance(article, Article)
    assert (article.title, article.published) == (title, published)
    assert article.text.startswith(first_words)  # the headline is not repeated as text
    for text in absent:
        assert text not in article.text
    assert article.external_id == Path(name).stem


def test_page_author_is_read() -> None:
    page = parse_html((WORLD / "rail-corridor.html").read_bytes(), where="rail-corridor.html")
    assert page.author == "Amina Rahimova"
    assert page.text.count("\n\n") == 2  # three paragraphs


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ((WORLD / "scripts-only.html").read_bytes(), "no article text"),
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (b"just a line of words", "not an HTML page"),
    ],
)
def test_page_without_a_story_is_rejected_by_name(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(data)
    [item] = list(read_html_file(path))
    assert isinstance(item, Rejection)
    assert item.where == str(path) and reason in item.reason


def test_page_in_latin1_with_declared_charset_reads_accents() -> None:
    html = ('<html><head><meta charset="iso-8859-1"><title>T</title></head><body><article>'
            '<p>Talks in Bogot\u00e1 between Peru and Chile ended with a joint statement on '
            'fishing rights.</p></article></body></html>').encode("latin-1")
    assert "Bogot\u00e1" in parse_html(html, where="page").text


# --- feeds ---------------------------------------------------------------------------------


def test_full_text_feed_gives_one_article_per_entry(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        items = list(read_feed_file(FEEDS / "full.rss", fetcher=fast_fetcher()))
    assert rejections(items) == []
    first, second = articles(items)
    assert (first.title, first.published) == ("Bolivia and Paraguay open border crossing",
                                              "2025-08-18")
    assert first.external_id == "andes-bulletin-0001"
    assert first.source == "https://bulletin.example/2025/08/border-crossing"
    assert first.text.startswith("The presidents of Bolivia and Paraguay")
    assert "tracking pixel" not in first.text
    # "2025-13-45" is no date: the entry is kept without one, and the log says so.
    assert second.published is None
    assert "2025-13-45" in caplog.text and "full.rss entry 2" in caplog.text


@pytest.mark.parametrize(("words", "fetched"), [(20, True), (200, False)])
def test_only_a_short_description_sends_for_the_page(words: int, fetched: bool) -> None:
    body = " ".join(["Peru and Chile met in Lima."] * (words // 6))
    rss = (f'<rss version="2.0"><channel><item><title>T</title><guid isPermaLink="false">g'
           f"</guid><description>{body}</description></item></channel></rss>").encode()
    [entry] = parse_feed(rss, where="feed.rss")
    [item] = list(entry_articles([entry], where="feed.rss", fetcher=None))
    if fetched:  # a teaser: its page is wanted, and there is no fetcher here
        assert isinstance(item, Rejection) and "only a summary" in item.reason
    else:
        assert isinstance(item, Article) and item.text == body


@pytest.mark.parametrize(
    ("given", "day"),
    [
        ("Mon, 18 Aug 2025 09:15:00 -0400", "2025-08-18"),
        ("Mon, 18 Aug 2025 23:15:00 -0400", "2025-08-18"),  # the day as the publisher wrote it
        ("2025-11-03T10:00:00+07:00", "2025-11-03"),
        ("2025-13-45", None),
        ("Tue, 45 Sep 2025 10:00:00 GMT", None),
        ("2024-02-30", None),
    ],
)
def test_feed_dates_are_real_days_or_none(given: str, day: str | None) -> None:
    assert feed_day(given) == day


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ((FEEDS / "bomb.xml").read_bytes(), "declares XML entities"),
        ((FEEDS / "external-entity.rss").read_bytes(), "declares XML entities"),
        ((FEEDS / "bomb.xml").read_bytes().decode().replace('encoding="utf-8"', 'encoding="utf-16"')
         .encode("utf-16"), "declares XML entities"),
        (b'<?xml version="1.0" encoding="utf-7"?>+ADw-!ENTITY a "b"+AD4-<rss/>',
         "declares XML entities"),
        (b'<?xml version="1.0"?><!DOCTYPE rss [<!ATTLIST rss a CDATA "x">]><rss/>', "DTD"),
    ],
    ids=["billion-laughs", "external-entity", "utf-16", "utf-7", "internal-subset"],
)
def test_xml_with_entity_declarations_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        check_xml_safety(data, where="feed.xml")


@pytest.mark.parametrize(
    ("name", "reason"),
    [("bomb.xml", "refused"), ("external-entity.rss", "refused"),
     ("not-a-feed.xml", "not an RSS or Atom feed")],
)
def test_bad_feed_file_is_one_rejection_naming_it(name: str, reason: str) -> None:
    [item] = list(read_feed_file(FEEDS / name, fetcher=fast_fetcher()))
    assert isinstance(item, Rejection)
    assert item.where == str(FEEDS / name) and reason in item.reason


def test_feed_parser_never_opens_a_path_given_as_bytes() -> None:
    with pytest.raises(IngestError, match="not an RSS or Atom feed"):
        parse_feed(str(FEEDS / "full.rss").encode(), where="odd")


# --- fetching from the loopback server -----------------------------------------------------


def test_page_address_gives_article_named_by_address(server: Server) -> None:
    url = server.url("/world/rail-corridor.html")
    [article] = list(read_url(url, fetcher=fast_fetcher()))
    assert isinstance(article, Article)
    assert (article.external_id, article.source) == (url, url)
    assert (article.title, article.published) == (
        "Kazakhstan and Pakistan sign rail corridor deal", "2025-09-02")
    assert "Sponsored" not in article.text


def test_summary_only_entries_are_read_from_their_pages(server: Server) -> None:
    url = server.url("/feeds/teasers.atom")
    items = list(read_url(url, fetcher=fast_fetcher()))
    hotline, accord = articles(items)
    # The feed's own title and date win; the text is the linked page's story.
    assert (hotline.title, hotline.published) == ("Hotline agreed for incidents at sea",
                                                  "2025-11-03")
    assert hotline.text.startswith("Coast guard chiefs from Vietnam")
    assert hotline.external_id == "urn:archipelago-daily:story-1"
    assert hotline.source == server.url("/world/story-1.html")
    assert accord.published is None  # neither the entry nor its page has a date
    [refused] = rejections(items)
    assert refused.where == f"{url} entry 3 ({server.url('/private/hidden.html')})"
    assert "robots.txt" in refused.reason and "disallows" in refused.reason


def test_robots_is_read_once_per_host_and_user_agent_is_sent(server: Server) -> None:
    fetcher = fast_fetcher()
    before = len(server.requests)
    for path in ("/world/story-1.html", "/world/story-2.html", "/world/no-date.html"):
        fetcher.fetch(server.url(path))
    made = server.requests[before:]
    assert [path for path, _ in made].count("/robots.txt") == 1
    assert all(agent.startswith("parley/") for _, agent in made)


@pytest.mark.parametrize(
    ("path", "policy", "reason"),
    [
        ("/private/hidden.html", {}, "robots.txt of"),
        ("/status/503", {}, "HTTP 503"),
        ("/world/missing.html", {}, "HTTP 404"),
        ("/huge-declared", {"max_bytes": 10_000}, "over the 10000-byte limit"),
        ("/huge-streamed", {"max_bytes": 10_000}, "over the 10000-byte limit"),
        ("/slow", {"timeout_s": 0.3}, "0.3 s"),
        ("/redirect-to-file", {}, "not to an http or https address"),
        ("/redirect-to-private", {}, "robots.txt of"),
    ],
)
def test_fetch_failures_are_errors_naming_the_address(
    server: Server, path: str, policy: dict[str, object], reason: str
) -> None:
    url = server.url(path)
    with pytest.raises(IngestError) as caught:
        fast_fetcher(**policy).fetch(url)
    assert caught.value.where == url
    assert reason in caught.value.message


@pytest.mark.parametrize("url", ["file:///etc/hostname", "ftp://127.0.0.1/x", "not a url"])
def test_only_http_addresses_are_fetched(url: str) -> None:
    with pytest.raises(IngestError, match="only http and https"):
        fast_fetcher().fetch(url)


def test_unreachable_host_is_rejected_not_raised() -> None:
    # Port 9 on loopback (discard) is closed on test machines: the connection is refused.
    [item] = list(read_url("http://127.0.0.1:9/story.html", fetcher=fast_fetcher(timeout_s=2)))
    assert isinstance(item, Rejection)
    assert item.where == "http://127.0.0.1:9/story.html" and "not fetched" in item.reason


def test_requests_to_one_host_wait_their_turn(server: Server) -> None:
    waits: list[float] = []
    fetcher = Fetcher(FetchPolicy(delay_s=1.5), clock=lambda: 100.0, sleep=waits.append)
    fetcher.fetch(server.url("/world/story-1.html"))  # robots.txt first, then the page
    fetcher.fetch(server.url("/world/story-2.html"))
    assert waits == [1.5, 1.5]


@pytest.mark.parametrize(
    ("status", "body", "allowed", "delay"),
    [
        (200, b"User-agent: parley\nDisallow: /\nCrawl-delay: 4\n", False, 4.0),
        (200, b"User-agent: *\nDisallow: /private/\n", True, 0.0),
        (200, b"User-agent: *\nCrawl-delay: 99999\n", True, MAX_CRAWL_DELAY_S),
        (404, b"", True, 0.0),
        (503, b"", False, 0.0),
        (None, b"", False, 0.0),
    ],
)
def test_robots_answers_are_read_as_rfc_9309_says(
    status: int | None, body: bytes, allowed: bool, delay: float
) -> None:
    rules = parse_robots(status, body)
    assert rules.can_fetch("parley/0.1", "http://host/world/a.html") is allowed
    assert crawl_delay(rules, "parley/0.1") == delay


def test_read_paths_mixes_addresses_files_and_folders(server: Server) -> None:
    items = list(read_paths([server.url("/world/story-1.html"), WORLD / "no-date.html"],
                            fetcher=fast_fetcher()))
    assert [a.title for a in articles(items)] == [
        "Vietnam and the Philippines hold coast guard talks",
        "Mongolia and Japan discuss mining investment",
    ]


# --- syndicated copies ---------------------------------------------------------------------

WIRE = ("Ghana and Nigeria signed an agreement in Accra on Monday to link their electricity "
        "grids with a 700-kilometre line by 2029, officials said. The line would let the two "
        "countries trade surplus power in the dry season, Energy Minister Kofi Mensah said. "
        "Nigeria's Adaeze Okafor said the West African Power Pool would help raise about 1.4 "
        "billion dollars. Engineers will survey the route through Togo and Benin next year.")


@pytest.mark.parametrize(
    ("other", "copy"),
    [
        (WIRE, True),
        # Wire copy: a dateline added, two words changed, the last sentence cut.
        ("ACCRA (Coastline Wire) - " + WIRE.replace("signed an agreement", "signed a deal")
         .replace("would let", "will let").rsplit(" Engineers", 1)[0], True),
        # The same template about another pair of countries: much shared wording, other names.
        (WIRE.replace("Ghana", "Kenya").replace("Nigeria", "Tanzania").replace("Accra", "Nairobi")
         .replace("700", "450").replace("2029", "2031").replace("Kofi Mensah", "Ruth Wanjiru")
         .replace("Adaeze Okafor", "Juma Mwinyi").replace("West African", "East African")
         .replace("Togo and Benin", "Uganda").replace("1.4", "0.9"), False),
        # Another outlet's own report of the same signing: same names, other words.
        ("Accra hosted the signing on Monday of a Ghana-Nigeria power deal. Kofi Mensah and "
         "Adaeze Okafor expect the link, backed by the West African Power Pool, by 2029.", False),
    ],
    ids=["identical", "edited-copy", "same-template", "own-report"],
)
def test_near_duplicates_are_copies_of_one_story(other: str, copy: bool) -> None:
    assert is_near_duplicate(text_signature(WIRE), text_signature(other)) is copy


def test_find_near_duplicate_names_the_stored_original() -> None:
    original = Article(id="orig", external_id="a", text=WIRE)
    unrelated = Article(id="other", external_id="b",
                        text="Norway and Iceland renewed their fisheries accord in Reykjavik.")
    seen = {a.id: text_signature(a.text) for a in (unrelated, original)}
    edited = WIRE.replace("signed an agreement", "signed a deal")
    copy = Article(id="new", external_id="c", text=edited)
    assert find_near_duplicate(copy, seen) == "orig"
    fresh = Article(id="fresh", external_id="d", text="Chile and Peru met in Lima on fishing.")
    assert find_near_duplicate(fresh, seen) is None


def test_copies_in_one_batch_take_the_original_id() -> None:
    items = list(read_paths([WORLD / "wire-original.html", WORLD / "wire-copy.html",
                             WORLD / "story-1.html"]))
    original, copy, other = articles(items)
    assert copy.id == original.id != other.id
    assert (copy.external_id, copy.source) == ("wire-copy", "wire-copy.html")
    apart = articles(list(read_paths([WORLD / "wire-original.html", WORLD / "wire-copy.html"],
                                     near_duplicates=False)))
    assert apart[0].id != apart[1].id


def test_filter_window_forgets_old_articles() -> None:
    texts = [f"{WIRE} Note {n}." for n in range(3)]
    keep_one = NearDuplicateFilter(window=1)
    first = Article(id="1", external_id="1", text=texts[0])
    other = Article(id="x", external_id="x", text="Peru and Chile met in Lima about fishing.")
    assert keep_one.original_of(first) is None
    assert keep_one.original_of(other) is None  # pushes the first out of the window
    assert keep_one.original_of(Article(id="2", external_id="2", text=texts[1])) is None


def test_copy_is_stored_once(tmp_path: Path) -> None:
    from parley.cli.main import main

    db = tmp_path / "store.db"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), str(WORLD / "wire-original.html"),
                                       str(WORLD / "wire-copy.html")])
    assert result.exit_code == 0, result.output
    assert "1 new, 1 already stored" in result.output
    with open_store(str(db)) as store:
        assert store.counts()["articles"] == 1


# --- parley ingest and parley watch on addresses -------------------------------------------


def test_ingest_of_addresses_reports_the_refused_entry(server: Server, tmp_path: Path) -> None:
    from parley.cli.main import main

    db = tmp_path / "store.db"
    args = ["ingest", "--db", str(db), server.url("/world/rail-corridor.html"),
            server.url("/feeds/teasers.atom")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 3, result.output
    assert "/private/hidden.html" in result.output and "robots.txt" in result.output
    with open_store(str(db)) as store:
        assert store.counts()["articles"] == 3


def test_watch_ingests_new_entries_and_skips_an_unchanged_feed(
    server: Server, tmp_path: Path
) -> None:
    db = tmp_path / "store.db"
    feed = server.url("/feeds/full.rss")
    before = len(server.requests)
    result = CliRunner().invoke(watch, ["--db", str(db), "--interval", "0", "--polls", "2",
                                        "--delay", "0", feed])
    assert result.exit_code == 0, result.output
    assert "poll 1: 2 new articles" in result.output
    assert "poll 2: 0 new articles" in result.output
    assert server.paths()[before:].count("/feeds/full.rss") == 2
    with open_store(str(db)) as store:
        assert store.counts()["articles"] == 2


def test_watch_reads_feed_files_and_exits_3_on_rejections(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    result = CliRunner().invoke(watch, ["--db", str(db), "--interval", "0", "--polls", "1",
                                        str(FEEDS / "full.rss"), str(FEEDS / "bomb.xml")])
    assert result.exit_code == 3, result.output
    assert "bomb.xml" in result.output and "refused" in result.output
    assert "poll 1: 2 new articles" in result.output


def test_poller_reads_each_entry_once_and_retries_failures(tmp_path: Path) -> None:
    feed = tmp_path / "feed.rss"
    full = (FEEDS / "full.rss").read_text(encoding="utf-8")
    feed.write_text(full, encoding="utf-8")
    poller = FeedPoller([str(feed)], fetcher=fast_fetcher())
    assert len(articles(list(poller.poll()))) == 2
    assert list(poller.poll()) == []  # nothing new
    # A new summary-only entry whose page cannot be had is rejected, and tried again later.
    teaser = ('<item><title>Teaser</title><guid isPermaLink="false">t-1</guid>'
              "<description>Short.</description></item>")
    feed.write_text(full.replace("</channel>", teaser + "</channel>"), encoding="utf-8")
    for _ in range(2):
        [refused] = list(poller.poll())
        assert isinstance(refused, Rejection)
        assert refused.where == f"{feed} entry 3" and "no link" in refused.reason
