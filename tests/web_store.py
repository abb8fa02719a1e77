"""A store for the API and browser tests: invented PAK–RUS articles, a hostile one, the seeds.

The articles below were written for these tests (seed text format, `` date YYYY-MM-DD CITY:``);
the third quotes ``<script>alert(1)</script>`` so the pages can be checked for escaping.
Built once per test session (the folder lives under pytest's session temp dir) and copied
for tests that write.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from parley.ingest import parse_text_article, read_paths
from parley.model import Article
from parley.pipeline import ingest
from parley.store import open_store

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
SCRIPT = "<script>alert(1)</script>"

ARTICLES = {
    "moscow_talks": (
        " date 2024-03-12 ISLAMABAD: Pakistani Foreign Minister Ishaq Dar met Russian Foreign Minister "
        "Sergei Lavrov in Moscow on Monday to discuss trade and energy cooperation.\n\n"
        "The two ministers agreed to expand barter trade and to open a direct shipping route between "
        "Karachi and St Petersburg.\n"
    ),
    "pipeline_deal": (
        " date 2024-06-20 MOSCOW: Russia and Pakistan signed an agreement on Wednesday to build a gas "
        "pipeline from Karachi to Lahore, officials said.\n\n"
        "Russian Deputy Prime Minister Alexei Overchuk and Pakistan's Petroleum Minister attended the "
        "signing ceremony in Moscow.\n"
    ),
    "hostile_quote": (
        " date 2024-09-05 ISLAMABAD: Pakistan condemned a statement by an unnamed official that quoted "
        f"the slogan {SCRIPT} during talks with Russia on Thursday.\n\n"
        "Prime Minister Shehbaz Sharif met Russian President Vladimir Putin in Astana on Thursday and "
        "discussed regional security.\n"
    ),
}

# A fourth article, posted by the write tests rather than stored up front.
NEW_ARTICLE = (
    " date 2024-11-18 KARACHI: Pakistan and Russia signed a memorandum on Monday to launch direct "
    "flights between Karachi and Kazan next spring, the aviation ministry said.\n"
)


def seeds_present() -> bool:
    return SEEDS.is_dir() and any(SEEDS.glob("*.txt"))


def write_articles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in ARTICLES.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def build_store(db: Path, paths: list[Path]) -> Path:
    with open_store(str(db)) as store:
        summary = ingest(read_paths([str(p) for p in paths]), store)
    assert not summary.rejections, summary.rejections
    return db


def web_store(factory: pytest.TempPathFactory) -> Path:
    """The shared test store (built on first use in this session); the seeds too where present."""
    base = factory.getbasetemp() / "web-store"
    db = base / "parley.db"
    if not db.exists():
        paths = write_articles(base / "articles")
        if seeds_present():
            paths.append(SEEDS)
        build_store(db, paths)
    return db


def copy_store(db: Path, folder: Path) -> Path:
    """A private copy of a closed store, for tests that write."""
    target = folder / "parley.db"
    shutil.copyfile(db, target)
    return target


def invented_articles() -> dict[str, Article]:
    """The invented articles as the reader makes them, by article id."""
    found = (parse_text_article(text, name=name) for name, text in ARTICLES.items())
    return {article.id: article for article in found}
