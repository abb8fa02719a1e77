"""Failure: bad input never stops a batch, a killed ingest leaves a sound store that a re-run
completes, and two ingests can share one store.

The crash tests run ``python -m parley ingest`` as a real process; they wait for what the
store shows (polled through a read-only connection), never for a fixed time.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from parley.cli.main import main
from parley.ingest import MAX_TEXT_BYTES, read_paths
from parley.ingest.jsonl import MAX_LINE_BYTES
from parley.ingest.pages import MAX_PAGE_BYTES
from parley.model import Article, Rejection
from parley.store import open_store

WEB = Path(__file__).parent / "fixtures" / "web" / "site"
PROCESS_LIMIT_S = 240.0
"""A guard against a hung child process, not a timing assertion."""

# --- a generator of short, distinct articles ----------------------------------------------

COUNTRIES = [
    ("Kazakhstan", "Astana"), ("Pakistan", "Islamabad"), ("Mongolia", "Ulaanbaatar"),
    ("Japan", "Tokyo"), ("Chile", "Santiago"), ("Peru", "Lima"), ("Ghana", "Accra"),
    ("Kenya", "Nairobi"), ("Norway", "Oslo"), ("Iceland", "Reykjavik"), ("Vietnam", "Hanoi"),
    ("Indonesia", "Jakarta"), ("Brazil", "Brasilia"), ("Egypt", "Cairo"), ("Turkey", "Ankara"),
    ("Poland", "Warsaw"), ("Canada", "Ottawa"), ("Mexico", "Mexico City"), ("Morocco", "Rabat"),
    ("Qatar", "Doha"), ("Finland", "Helsinki"), ("Argentina", "Buenos Aires"),
    ("Senegal", "Dakar"), ("Thailand", "Bangkok"),
]
TOPICS = ["trade", "energy", "water sharing", "fisheries", "rail transport", "tourism",
          "education", "public health", "customs", "mining", "climate", "shipping"]
WHO = ["foreign ministers", "trade ministers", "energy ministers", "prime ministers", "presidents"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
OPENINGS = [
    "The {who} of {a} and {b} met in {city} on {day} to discuss {topic}.",
    "{a} hosted a delegation from {b} in {city} on {day} for talks on {topic}.",
    "Officials from {a} and {b} held talks in {city} on {day} about {topic}.",
    "{b} and {a} opened a round of negotiations on {topic} in {city} on {day}.",
]
FOLLOW_UPS = [
    "They signed {n} agreements and promised to meet again within {m} months.",
    "The two sides agreed to set up a working group that will report in {m} months.",
    "Both governments said cooperation on {other} would grow next year.",
    "A joint statement said {n} projects worth {m} million dollars were approved.",
]


def meeting_articles(count: int, *, first: int = 0) -> list[tuple[str, str]]:
    """``count`` (name, seed-format text) pairs, each a different meeting of two countries.

    Pairs, days, topics and sentences cycle with different periods, so no two articles are
    copies of one another (the batch's near-duplicate check must keep all of them).
    """
    pairs = list(itertools.combinations(COUNTRIES, 2))
    made = []
    for i in range(first, first + count):
        (a, city), (b, _) = pairs[(i * 37) % len(pairs)]
        values = {"a": a, "b": b, "city": city, "day": DAYS[i % 5], "who": WHO[(i // 5) % 5],
                  "topic": TOPICS[i % 12], "other": TOPICS[(i * 5 + 3) % 12], "n": 2 + i % 7,
                  "m": 3 + (i * 11) % 40}
        text = f"{OPENINGS[i % 4].format(**values)} {FOLLOW_UPS[(i // 4) % 4].format(**values)}"
        published = date(2025, 1, 6) + timedelta(days=i)
        made.append((f"meeting-{i:03d}", f" date {published.isoformat()} {city.upper()}: {text}\n"))
    return made


def write_meetings(folder: Path, count: int, *, first: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in meeting_articles(count, first=first):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_generated_articles_are_distinct_and_none_is_a_copy(tmp_path: Path) -> None:
    items = list(read_paths([write_meetings(tmp_path / "gen", 200)]))
    assert all(isinstance(item, Article) for item in items)
    assert len({item.id for item in items if isinstance(item, Article)}) == 200


# --- bad input, one file at a time ----------------------------------------------------------

GOOD = " date 2025-03-04 LIMA: The foreign ministers of Peru and Chile met in Lima on Tuesday.\n"
NOISE = random.Random(7).randbytes(2048)


@pytest.mark.parametrize(
    ("name", "data", "place", "reason"),
    [
        ("empty.txt", b"", "", "empty file"),
        ("blank.txt", b"  \n\n", "", "empty article"),
        ("noise.txt", NOISE, "", "binary file"),
        ("noise", NOISE.replace(b"\x00", b"\x01"), "", "binary file"),
        ("huge.txt", b"a" * (MAX_TEXT_BYTES + 1), "", f"{MAX_TEXT_BYTES}-byte limit"),
        ("bad-date.txt", b" date 2025-13-45 LIMA: Peru met Chile.", "", "not a real calendar day"),
        ("broken.jsonl", b'{"text": "Peru met Chile."}\n{"text": "Peru\n', ":2", "not valid JSON"),
        ("bad-date.jsonl", b'{"text": "Peru met Chile.", "published": "2025-13-45"}\n', ":1",
         "not a real calendar day"),
        ("nul.jsonl", b'{"text": "Peru\\u0000 met Chile."}\n', ":1", "NUL character"),
        ("surrogate.jsonl", b'{"text": "Peru \\ud800 met Chile."}\n', ":1", "lone surrogate"),
        ("utf16.txt", "Peru met Chile.\x00".encode("utf-16"), "", "NUL characters"),
        ("long-line.jsonl", b'{"text": "' + b"a" * MAX_LINE_BYTES + b'"}\n', ":1",
         f"{MAX_LINE_BYTES}-byte limit"),
        ("scripts.html", (WEB / "world" / "scripts-only.html").read_bytes(), "",
         "no article text"),
        ("huge.html", b"<p>" * (MAX_PAGE_BYTES // 3 + 1), "", f"{MAX_PAGE_BYTES}-byte limit"),
        ("nul.htm", b"<html><body>\x00\x00</body></html>", "", "binary file"),
        ("bomb.rss", (WEB / "feeds" / "bomb.xml").read_bytes(), "", "declares XML entities"),
        ("empty.atom", b"", "", "empty"),
        ("table.xml", b"<?xml version='1.0'?><table><row/></table>", "", "not an RSS or Atom"),
    ],
)
def test_bad_input_is_named_with_its_reason_and_the_batch_goes_on(
    tmp_path: Path, name: str, data: bytes, place: str, reason: str
) -> None:
    (tmp_path / name).write_bytes(data)
    (tmp_path / "zz-good.txt").write_text(GOOD, encoding="utf-8")  # read after the bad file
    items = list(read_paths([tmp_path]))
    refused = [item for item in items if isinstance(item, Rejection)]
    assert [r.where for r in refused] == [f"{tmp_path / name}{place}"]
    assert reason in refused[0].reason
    assert [a.external_id for a in items if isinstance(a, Article)][-1] == "zz-good"


def test_latin1_file_is_read_and_the_encoding_is_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "bogota.txt"
    text = " date 2025-03-05 BOGOTÁ: Colombia and Ecuador met in Bogotá."
    path.write_bytes(text.encode("latin-1"))
    with caplog.at_level(logging.WARNING):
        [article] = list(read_paths([path]))
    assert isinstance(article, Article)
    assert article.text == "Colombia and Ecuador met in Bogotá."
    assert f"{path}: not UTF-8 text; read as Windows-1252" in caplog.text


# --- the acceptance folder, through the command line ---------------------------------------


def rejected_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("rejected: ")]


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """A good article, an empty file, random bytes, a Latin-1 file, a JSONL file broken at 2."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "noise.txt").write_bytes(NOISE)
    latin = " date 2025-03-05 BOGOTÁ: Colombia and Ecuador met in Bogotá on Wednesday."
    (folder / "latin.txt").write_bytes(latin.encode("latin-1"))
    lines = [json.dumps({"id": "jl-1", "text": "Kenya and Ghana signed a trade deal in Accra."}),
             '{"id": "jl-2", "text": "this line stops in the middle',
             json.dumps({"id": "jl-3", "text": "Norway and Iceland met in Oslo on fisheries."})]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_acceptance_bad_inputs_named_good_ones_stored_and_rerun_adds_nothing(
    mixed_folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = str(tmp_path / "store.db")
    runner = CliRunner()
    with caplog.at_level(logging.WARNING):
        first = runner.invoke(main, ["ingest", "--db", db, str(mixed_folder)])
    assert first.exit_code == 3, first.output
    expected = {f"{mixed_folder / 'empty.txt'}": "empty file",
                f"{mixed_folder / 'noise.txt'}": "binary file",
                f"{mixed_folder / 'batch.jsonl'}:2": "not valid JSON"}
    lines = rejected_lines(first.output)
    assert len(lines) == len(expected)
    for where, reason in expected.items():
        assert any(f"{where}: " in line and reason in line for line in lines), (where, lines)
    assert "latin.txt: not UTF-8 text; read as Windows-1252" in caplog.text
    with open_store(db) as store:
        assert store.counts()["articles"] == 4  # good, latin and two JSONL lines
        assert sorted(r.where for r in store.rejections()) == sorted(expected)
        before = store.counts()

    second = runner.invoke(main, ["ingest", "--db", db, str(mixed_folder)])
    assert second.exit_code == 3  # the same inputs are still rejected, and said so
    assert "0 new, 4 already stored; 0 events added" in second.output
    with open_store(db) as store:
        assert store.counts() == before


@pytest.mark.parametrize(
    ("inputs", "db_kind", "status"),
    [(["good.txt"], "fresh", 0), (["good.txt", "empty.txt"], "fresh", 3),
     (["good.txt"], "not-a-database", 1)],
)
def test_exit_status_says_what_happened(
    mixed_folder: Path, tmp_path: Path, inputs: list[str], db_kind: str, status: int
) -> None:
    db = tmp_path / "store.db"
    if db_kind == "not-a-database":
        db.write_bytes(b"this is not SQLite " * 100)
    result = CliRunner().invoke(main, ["ingest", "--db", str(db),
                                       *(str(mixed_folder / name) for name in inputs)])
    assert result.exit_code == status, result.output


# --- crash safety ---------------------------------------------------------------------------


def parley_ingest(db: Path, folder: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "parley", "ingest", "--db", str(db), str(folder)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stored_articles(db: Path) -> int:
    """Articles committed so far, read without taking part in the writer's transaction."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created or not migrated yet
        return 0


def integrity(db: Path) -> str:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def stored_events(db: Path) -> tuple[int, set[str], list[int]]:
    with open_store(str(db)) as store:
        found = store.events()
        return (store.counts()["articles"], {e.event.id for e in found},
                sorted(len(e.mentions) for e in found))


def test_kill_9_mid_ingest_leaves_a_sound_store_that_a_rerun_completes(tmp_path: Path) -> None:
    folder = write_meetings(tmp_path / "meetings", 200)
    killed = tmp_path / "killed.db"
    process = parley_ingest(killed, folder)
    deadline = time.monotonic() + PROCESS_LIMIT_S
    try:
        while stored_articles(killed) == 0 and process.poll() is None:
            if time.monotonic() > deadline:
                pytest.fail("ingest stored nothing before the test's time limit")
            time.sleep(0.005)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL, "ingest ended before it could be killed"
    assert integrity(killed) == "ok"
    assert 0 < stored_articles(killed) < 200

    runner = CliRunner()
    rerun = runner.invoke(main, ["ingest", "--db", str(killed), str(folder)])
    assert rerun.exit_code == 0, rerun.output
    whole = tmp_path / "whole.db"  # the uninterrupted run
    reference = runner.invoke(main, ["ingest", "--db", str(whole), str(folder)])
    assert reference.exit_code == 0, reference.output
    articles, events, mentions = stored_events(whole)
    assert articles == 200 and events
    assert stored_events(killed) == (articles, events, mentions)
    assert integrity(killed) == "ok"


def test_two_ingests_at_once_on_one_store_both_succeed(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    first = write_meetings(tmp_path / "first", 24, first=0)
    second = write_meetings(tmp_path / "second", 24, first=12)  # 12 articles in both
    processes = [parley_ingest(db, first), parley_ingest(db, second)]
    errors = [p.communicate(timeout=PROCESS_LIMIT_S)[1].decode() for p in processes]
    assert [p.returncode for p in processes] == [0, 0], errors
    assert stored_articles(db) == 36
    assert integrity(db) == "ok"


def test_syndicated_copy_in_a_later_run_is_stored_as_another_source(tmp_path: Path) -> None:
    from parley.ingest import read_paths
    from parley.pipeline import ingest
    from parley.store import open_store

    story = (" date 2025-03-04 DOHA: Qatari Emir Tamim bin Hamad Al Thani met Turkish President Recep Tayyip Erdogan "
             "in Doha on Monday and the two leaders agreed to expand trade, energy and defence cooperation, "
             "officials said after the talks at the Amiri Diwan, which lasted more than two hours.")
    copy = story.replace("officials said after the talks", "officials told reporters after the talks")
    (tmp_path / "first.txt").write_text(story, encoding="utf-8")
    (tmp_path / "second.txt").write_text(copy, encoding="utf-8")
    with open_store(str(tmp_path / "kb.db")) as store:
        ingest(read_paths([tmp_path / "first.txt"]), store)
        ingest(read_paths([tmp_path / "second.txt"]), store)
        assert store.counts()["articles"] == 1
        events = store.events()
    assert events and {m.external_id for e in events for m in e.mentions} <= {"first", "second"}
