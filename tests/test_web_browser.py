"""The web pages in a real browser: Playwright driving Debian's Chromium against uvicorn.

The server runs in a thread on 127.0.0.1 and a free port, over a copy of the test store
(tests/web_store.py).  The tests load each page, use the filters and the search form, open
an event and check its highlighted evidence, check that quoted ``<script>`` text shows as
text and never runs, and save screenshots (into ``$PARLEY_SCREENSHOTS`` if set).

Skipped with a reason where /usr/bin/chromium or the playwright package is missing; under CI
(``CI`` set) that fails instead, because CI installs both (.ci/install-browser).
"""

from __future__ import annotations

import importlib.util
import os
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from parley.api import Settings
from parley.api.server import make_server
from parley.report import build_dossier, render_html
from parley.store import open_store

from web_store import NEW_ARTICLE, SCRIPT, SEEDS, build_store, copy_store, seeds_present, web_store

CHROMIUM = "/usr/bin/chromium"
LAUNCH_FLAGS = [
    "--no-sandbox", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-quic", "--no-first-run",
]
TOKEN = "browser-token-0123456789"
START_TIMEOUT_S = 20.0


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"browser tier skipped: {CHROMIUM} not found (apt-get install chromium; see .ci/install-browser)"
    if importlib.util.find_spec("playwright") is None:
        return "browser tier skipped: the playwright package is not installed"
    return None


@dataclass
class Live:
    url: str
    host: str
    db: Path


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """uvicorn serving a private copy of the test store, writes allowed with TOKEN."""
    db = copy_store(web_store(tmp_path_factory), tmp_path_factory.mktemp("live"))
    server = make_server(Settings(db=str(db), token=TOKEN, port=0), access_log=False)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the server did not start")
        time.sleep(0.05)
    host, port = server.servers[0].sockets[0].getsockname()[:2]
    yield Live(url=f"http://127.0.0.1:{port}", host=host, db=db)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason.replace("skipped", "cannot run in CI"))
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_FLAGS, headless=True)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A page plus what it tried that it must not: dialogs opened, requests off the server."""

    page: Any
    dialogs: list[str]
    outside: list[str]


def _open_tab(browser: Any, **options: Any) -> Tab:
    context = browser.new_context(**options)
    page = context.new_page()
    tab = Tab(page=page, dialogs=[], outside=[])

    def on_dialog(dialog: Any) -> None:
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(("http://127.0.0.1:", "file://", "data:")):
            request_route.continue_()
        else:
            tab.outside.append(url)
            request_route.abort()

    page.on("dialog", on_dialog)
    context.route("**/*", route)
    return tab


@pytest.fixture()
def tab(browser: Any) -> Iterator[Tab]:
    opened = _open_tab(browser)
    yield opened
    opened.page.context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("PARLEY_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def screenshot(tab: Tab, folder: Path, name: str) -> Path:
    path = folder / name
    tab.page.screenshot(path=str(path), full_page=True)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


def api(tab: Tab, live: Live, path: str) -> Any:
    reply = tab.page.request.get(live.url + path)
    assert reply.ok, reply.text()
    return reply.json()


def types_listed(tab: Tab) -> list[str]:
    return tab.page.locator("#timeline li.event").evaluate_all("items => items.map(i => i.dataset.type)")


# --- the pages -------------------------------------------------------------------------------


def test_server_listens_on_loopback_with_a_content_security_policy(tab: Tab, live: Live) -> None:
    assert live.host == "127.0.0.1"
    response = tab.page.goto(live.url + "/")
    assert response.status == 200
    assert "script-src" not in response.headers["content-security-policy"]
    assert response.headers["content-security-policy"].startswith("default-src 'none'")


def test_home_lists_events_and_pairs_and_leads_to_the_pair(tab: Tab, live: Live) -> None:
    page = tab.page
    page.goto(live.url + "/")
    assert page.locator("#recent li.event").count() > 0
    page.locator("#dyads a", has_text="PAK–RUS").click()
    page.wait_for_url(re.compile(r"/dyad/PAK/RUS$"))
    assert "Pakistan" in page.locator("h1").inner_text()
    assert tab.outside == []


def test_dyad_page_charts_its_events_and_filters_them(tab: Tab, live: Live, shots: Path) -> None:
    page = tab.page
    page.goto(live.url + "/dyad/PAK/RUS")
    whole = api(tab, live, "/api/dyads/PAK/RUS")
    assert page.locator("svg.chart").is_visible()
    assert page.locator("svg.chart circle.point").count() == len(whole["index"]["months"]) > 0
    assert page.locator("#timeline li.event").count() == len(whole["timeline"])
    screenshot(tab, shots, "dyad-PAK-RUS.png")

    page.select_option("#filter-type", "CONSULT")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"type=CONSULT"))
    consults = api(tab, live, "/api/dyads/PAK/RUS?type=CONSULT")["timeline"]
    assert types_listed(tab) == ["CONSULT"] * len(consults) and consults

    page.select_option("#filter-type", "")
    page.fill("#filter-since", "2024-06")
    page.fill("#filter-until", "2024-12")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"since=2024-06"))
    period = api(tab, live, "/api/dyads/PAK/RUS?since=2024-06&until=2024-12")["timeline"]
    assert page.locator("#timeline li.event").count() == len(period) > 0
    assert len(period) < len(whole["timeline"])
    assert page.locator("svg.chart circle.point").count() <= 7  # June to December at most


def test_event_page_highlights_evidence_and_never_runs_quoted_script(tab: Tab, live: Live, shots: Path) -> None:
    page = tab.page
    page.goto(live.url + "/")
    page.fill("header input[name=q]", "alert")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=alert"))
    assert page.locator("#results li.event").count() == 1
    assert SCRIPT in page.locator("#results blockquote").inner_text()
    page.locator("#results a.type").click()
    page.wait_for_url(re.compile(r"/events/"))
    marked = page.locator("mark.evidence")
    assert marked.count() == 1 and marked.is_visible()
    assert marked.inner_text().startswith("Pakistan condemned a statement") and SCRIPT in marked.inner_text()
    article = page.locator(".article-text").inner_text()
    assert "Vladimir Putin in Astana" in article  # the whole article, the evidence marked inside it
    assert marked.evaluate("m => getComputedStyle(m).backgroundColor") not in ("", "rgba(0, 0, 0, 0)")
    assert page.locator("script").count() == 0
    assert tab.dialogs == [] and tab.outside == []
    screenshot(tab, shots, "event.png")


def test_actor_page_shows_counterparts_and_links_the_pair(tab: Tab, live: Live) -> None:
    page = tab.page
    page.goto(live.url + "/actors/PAK")
    assert "RUS" in page.locator("#counterparts").inner_text()
    page.locator("#counterparts tr", has_text="RUS").get_by_role("link", name="pair").click()
    page.wait_for_url(re.compile(r"/dyad/PAK/RUS$"))


@pytest.mark.parametrize("path", ["/", "/dyad/PAK/RUS", "/search?q=energy", "/actors/PAK", "/articles/new"])
def test_pages_fit_a_phone_screen(browser: Any, live: Live, path: str) -> None:
    phone = _open_tab(browser, viewport={"width": 390, "height": 844})
    try:
        phone.page.goto(live.url + path)
        widths = phone.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{path} is {widths[0]}px wide on a {widths[1]}px screen"
    finally:
        phone.page.context.close()


def test_upload_form_needs_the_token_and_ingests_the_text(tab: Tab, live: Live) -> None:
    page = tab.page
    page.goto(live.url + "/articles/new")
    page.fill("input[name=token]", "not-the-token-000")
    page.fill("textarea[name=text]", NEW_ARTICLE)
    page.get_by_role("button", name="Ingest").click()
    assert "token" in page.locator("#upload-problem").inner_text()
    page.fill("input[name=token]", TOKEN)
    page.fill("textarea[name=text]", NEW_ARTICLE)
    page.get_by_role("button", name="Ingest").click()
    assert "1 new" in page.locator("#ingest-result").inner_text()
    page.goto(live.url + "/search?q=Kazan")
    assert page.locator("#results li.event").count() >= 1


# --- dossiers --------------------------------------------------------------------------------


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def _check_dossier(tab: Tab) -> list[str]:
    """Chart with points, events each with evidence; returns the evidence sentences shown."""
    page = tab.page
    assert page.locator("svg.chart").is_visible()
    assert page.locator("svg.chart circle.point").count() > 0
    events = page.locator("div.event")
    assert events.count() > 0
    quotes = events.locator("blockquote").evaluate_all(
        "qs => qs.map(q => Array.from(q.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join(''))"
    )
    assert len(quotes) >= events.count()
    assert page.locator("script").count() == 0 and tab.dialogs == [] and tab.outside == []
    return [_squeezed(q) for q in quotes]


def test_served_dossier_shows_chart_events_and_evidence(tab: Tab, live: Live, shots: Path) -> None:
    tab.page.goto(live.url + "/dyad/PAK/RUS")
    tab.page.get_by_role("link", name="Dossier").click()
    tab.page.wait_for_url(re.compile(r"/dossier$"))
    quotes = _check_dossier(tab)
    assert any(SCRIPT in q for q in quotes)
    screenshot(tab, shots, "dossier-served.png")


def test_seed_dossier_opens_in_chromium(tab: Tab, tmp_path: Path, shots: Path) -> None:
    """The PAK–RUS dossier of the two seed articles: chart, events, evidence from the seeds."""
    if not seeds_present():
        pytest.skip(f"seed articles absent: {SEEDS} not beside the checkout")
    db = build_store(tmp_path / "seeds.db", [SEEDS])
    with open_store(str(db)) as store:
        page_html = render_html(build_dossier(store, "PAK", "RUS"))
    path = tmp_path / "dossier.html"
    path.write_text(page_html, encoding="utf-8")
    tab.page.goto(path.as_uri())
    assert tab.page.locator("h1").inner_text().startswith("Pakistan–Russia")
    seeds = _squeezed(" ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))))
    quotes = _check_dossier(tab)
    assert all(q and q in seeds for q in quotes), [q for q in quotes if q not in seeds][:3]
    screenshot(tab, shots, "dossier-seeds.png")
