"""Dossiers: content, evidence and sources, escaping of article text, and the SVG chart."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from analysis_store import build_store, event

from parley.model import Event
from parley.query.analytics import DyadIndex
from parley.report import Dossier, build_dossier, render_chart, render_html, render_markdown
from parley.store import Store

HOSTILE = "<script>alert(1)</script> Officials traded barbs & accusations."
EXTRA: dict[str, tuple[Event, ...]] = {
    "a6": (
        event("x1", "a6", "ACCUSE", ("PAK",), ("RUS",), mode="disapprove", date="2025-06-30", evidence=HOSTILE),
        event("x2", "a6", "AGREE", ("RUS",), ("PAK",), date="2025-01-20", planned_for="2025-02",
              evidence="Russia and Pakistan agreed to hold talks in February."),
    )
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = build_store(tmp_path / "t.db", EXTRA)
    yield opened
    opened.close()


@pytest.fixture
def dossier(store: Store) -> Dossier:
    return build_dossier(store, "PAK", "RUS", today="2025-09-01")


def test_dossier_gathers_the_pairs_record(dossier: Dossier) -> None:
    assert (dossier.a_name, dossier.b_name) == ("Pakistan", "Russian Federation")
    assert [e.id for e in dossier.events] == ["e5", "e1", "e2", "x2", "e3", "e8", "e6", "x1"]
    assert dossier.as_of == "2025-07-01"  # the newest article, earlier than today
    assert dossier.open_proposals == ("e2",)  # planned for November, still ahead
    assert set(dossier.agreements) == {"e5", "x2"}  # a signing, and an agreement whose date has passed
    assert [i.id for i in dossier.initiatives] == ["flights:PAK-RUS"]
    assert [(p.name, p.role) for p in dossier.people] == [
        ("Shehbaz Sharif", "Prime Minister"),
        ("Vladimir Putin", "President"),
    ]
    assert [s.article for s in dossier.sources] == ["feed/a1", "feed/a2", "feed/a3", "feed/a6"]
    json.dumps(dossier.to_dict())


def test_html_escapes_article_text(dossier: Dossier) -> None:
    page = render_html(dossier)

    assert "&lt;script&gt;alert(1)&lt;/script&gt; Officials traded barbs &amp; accusations." in page
    assert "<script" not in page.lower()


def test_html_is_self_contained(dossier: Dossier) -> None:
    page = render_html(dossier)

    assert "<link" not in page and "src=" not in page and "@import" not in page
    assert not re.search(r'href="(?!#)', page)  # every link stays inside the page
    assert "Content-Security-Policy" in page and "<style>" in page


def test_html_links_each_event_to_its_evidence_and_sources(dossier: Dossier) -> None:
    page = render_html(dossier)

    for item in dossier.events:
        assert f'id="ev-{item.id}"' in page
    block = page[page.index('id="ev-e1"'):]
    block = block[: block.index("</div></div>") if "</div></div>" in block else len(block)]
    assert "Prime Minister Shehbaz Sharif visited Moscow" in block and 'href="#src-1"' in block
    assert 'id="src-1"' in page and "feed/a1" in page
    proposals = page[page.index("<h2>Open proposals</h2>"): page.index("<h2>Initiatives</h2>")]
    assert 'href="#ev-e2"' in proposals and "planned for 2025-11" in proposals
    agreements = page[page.index("<h2>Agreements</h2>"): page.index("<h2>Open proposals</h2>")]
    assert 'href="#ev-e5"' in agreements and 'href="#ev-x2"' in agreements
    initiatives = page[page.index("<h2>Initiatives</h2>"): page.index("<h2>Sources</h2>")]
    assert "PAK–RUS flights" in initiatives and "operating" in initiatives


def test_chart_has_a_point_per_month(dossier: Dossier) -> None:
    page = render_html(dossier)
    svg = page[page.index("<svg"): page.index("</svg>")]

    months = re.findall(r'<circle class="point" data-month="([\d-]+)" data-index="([-\d.]+)"', svg)
    assert [m for m, _ in months] == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    assert [float(v) for _, v in months] == [m.index for m in dossier.index.months]
    assert months[0][1] == "9.9" and months[-1][1] == "5.4"  # 1.9 + 4.0 + 4.0; 6.4 + 1.0 - 2.0
    assert "<polyline" in svg


def test_chart_without_months_says_so() -> None:
    svg = render_chart(DyadIndex("PAK", "RUS", (), 0, 0.0, 0))
    assert "no month-dated events" in svg and "<circle" not in svg


def test_markdown_has_every_section_and_escapes_text(dossier: Dossier) -> None:
    text = render_markdown(dossier)

    for heading in ("## Cooperation–conflict index", "## Timeline", "## Topics", "## Key people",
                    "## Agreements", "## Open proposals", "## Initiatives", "## Sources"):
        assert heading in text
    assert "&lt;script&gt;" in text and "<script" not in text
    assert "[1](#src-1)" in text and '<a id="src-1"></a>feed/a1' in text
    assert "](#ev-e2)" in text
