"""Scale: every engine (this process, N processes, a Dask cluster) stores exactly what the
single-process pipeline stores, and the pieces they are built from keep order and content.

The Dask tier runs a real local cluster on 127.0.0.1 and skips with a message where
``distributed`` is not installed (CI installs it, so nothing skips there).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from parley.cli.scale_cmd import scale_options, scaled_ingest
from parley.errors import ConfigError, IngestError
from parley.ingest import read_paths
from parley.model import Article, Event, Extraction, Person
from parley.pipeline import extract, ingest
from parley.scale import (
    Progress,
    ScaleOptions,
    check_options,
    count_articles,
    extract_parallel,
    ingest_items,
    run_ingest,
)
from parley.scale.batches import batched, in_order
from parley.scale.extracting import Job, extract_jobs
from parley.scale.ingesting import RecentIds
from parley.scale.progress import Snapshot, render_bar, render_line
from parley.scale.shards import read_shard, shard_path, write_shard
from parley.store import open_store

# Invented reports; the first two tell of one meeting (so fusion joins them across partitions),
# one is a byte-for-byte copy under another name, one holds no event, one file is empty.
ARTICLES = {
    "01_ankara_talks.txt": " date 2024-03-05 ANKARA: Turkish President Recep Tayyip Erdogan met Azerbaijani "
    "President Ilham Aliyev in Ankara on Monday. The two leaders signed an agreement on gas transit and "
    "railway links.\n\nErdogan said Turkey would keep supporting Azerbaijan.",
    "02_ankara_followup.txt": " date 2024-03-06 BAKU: Azerbaijani President Ilham Aliyev held talks with "
    "Turkish President Recep Tayyip Erdogan in Ankara on Monday, his office said on Wednesday.\n\n"
    "Aliyev invited Erdogan to visit Baku next year.",
    "03_tokyo_defence.txt": " date 2024-04-10 TOKYO: Japanese Prime Minister Fumio Kishida met Indian Prime "
    "Minister Narendra Modi in Tokyo on Tuesday. Japan and India agreed to expand defence cooperation "
    "and joint naval exercises.",
    "04_brussels_sanctions.txt": " date 2024-05-02 BRUSSELS: The European Union imposed new sanctions on "
    "Belarus on Thursday over its support for the war in Ukraine.\n\nBelarus condemned the decision.",
    "05_islamabad_accuses.txt": " date 2024-06-18 ISLAMABAD: Pakistan accused India on Tuesday of violating "
    "the ceasefire along the Line of Control.\n\nThe foreign ministry in Islamabad summoned an Indian diplomat.",
    "06_brasilia_visit.txt": " date 2024-07-03 BRASILIA: Chinese Foreign Minister Wang Yi visited Brazil on "
    "Wednesday and met President Luiz Inacio Lula da Silva to discuss trade and climate.",
    "07_weather.txt": " date 2024-07-04 LONDON: Heavy rain flooded roads across southern England on Thursday, "
    "and forecasters expected more storms at the weekend.",
    "08_cairo_aid.txt": " date 2024-08-12 CAIRO: Egypt and Jordan called on Monday for an immediate ceasefire "
    "in Gaza. Saudi Arabia pledged humanitarian aid to Sudan on the same day.",
}
# Two clusters at once (the module's and one a test starts) both ask for the same HTTP port.
pytestmark = pytest.mark.filterwarnings("ignore:Port 8787 is already in use")

COPY_NAME = "09_copy_of_ankara.txt"
EMPTY_NAME = "10_empty.txt"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scale-corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    (folder / COPY_NAME).write_text(ARTICLES["01_ankara_talks.txt"] + "\n", encoding="utf-8")
    (folder / EMPTY_NAME).write_text("", encoding="utf-8")
    return folder


def stored(url: str) -> dict[str, Any]:
    """Everything a user can read back: events with every field and mention, and the counts."""
    with open_store(url) as store:
        events = {
            item.event.id: (item.event.to_dict(), [m.to_dict() for m in item.mentions])
            for item in store.events(include_rejected=True)
        }
        counts = store.counts()
        rejections = store.rejections()
    return {"events": events, "counts": counts, "rejections": rejections}


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Any]:
    """The single-process run (``parley.pipeline.ingest``) that every engine must reproduce."""
    url = str(tmp_path_factory.mktemp("scale-reference") / "reference.db")
    with open_store(url) as store:
        summary = ingest(read_paths([corpus]), store)
    return stored(url), summary


def test_reference_run_covers_fusion_copies_and_rejections(reference: tuple[dict[str, Any], Any]) -> None:
    """Guards the fixture: a comparison over a store without these cases would prove little."""
    found, summary = reference
    assert summary.duplicates == 1 and len(summary.rejections) == 1
    assert any(len(mentions) > 1 for _event, mentions in found["events"].values())
    assert found["counts"]["events"] >= 8


@pytest.mark.parametrize("workers", [1, 2])
def test_local_workers_store_what_the_single_process_run_stores(
    workers: int, corpus: Path, reference: tuple[dict[str, Any], Any], tmp_path: Path
) -> None:
    url = str(tmp_path / "scaled.db")
    summary = run_ingest([corpus], url, workers=workers)
    assert stored(url) == reference[0]
    assert summary == reference[1]


# --- the Dask tier ---------------------------------------------------------------------------

try:
    import distributed as _distributed
except ImportError:  # pragma: no cover - CI installs it
    _distributed = None
needs_dask = pytest.mark.skipif(
    _distributed is None, reason="dask tier skipped: `distributed` is not installed (pip install 'dask[distributed]')"
)


@pytest.fixture(scope="module")
def scheduler() -> Any:
    """A running local cluster (2 workers, 1 thread each, 127.0.0.1), reached by its address."""
    cluster = _distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    yield cluster.scheduler_address
    cluster.close()


@needs_dask
def test_dask_cluster_store_matches_single_process_on_each_backend(
    scheduler: str, corpus: Path, reference: tuple[dict[str, Any], Any], fresh_url: Any, tmp_path: Path
) -> None:
    """Partitions of 3 articles: the meeting's two reports and the copy land in different shards."""
    url = fresh_url()
    options = ScaleOptions(engine="dask", scheduler=scheduler, shard_dir=tmp_path / "shards", partition_size=3)
    with open_store(url) as store:
        summary = ingest_items(read_paths([corpus]), store, options)
    assert stored(url) == reference[0]
    assert summary == reference[1]
    assert list((tmp_path / "shards").iterdir()) == []  # shards are removed once merged


@needs_dask
def test_dask_engine_alone_starts_a_local_cluster(
    corpus: Path, reference: tuple[dict[str, Any], Any], tmp_path: Path
) -> None:
    url = str(tmp_path / "dask.db")
    summary = run_ingest([corpus], url, engine="dask")
    assert stored(url) == reference[0]
    assert summary == reference[1]


@needs_dask
def test_unreachable_scheduler_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("parley.scale.dask_driver.CONNECT_TIMEOUT", "1s")
    with pytest.raises(ConfigError, match="scheduler"):
        list(extract_parallel([], ScaleOptions(engine="dask", scheduler="tcp://127.0.0.1:9")))


@needs_dask
def test_scheduler_without_workers_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("parley.scale.dask_driver.CONNECT_TIMEOUT", "1s")
    empty = _distributed.LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address=None)
    try:
        with pytest.raises(ConfigError, match="no workers"):
            list(extract_parallel([], ScaleOptions(engine="dask", scheduler=empty.scheduler_address)))
    finally:
        empty.close()


# --- the pieces ------------------------------------------------------------------------------


def _article(key: str, text: str = "Pakistan and Russia signed a trade agreement on Monday.") -> Article:
    return Article(id=key, external_id=key, text=text, published="2024-01-01")


def test_fast_extraction_equals_the_pipeline_and_copies_come_out_bare() -> None:
    first = _article("a1")
    other = _article("a2", "Egypt accused Israel of blocking aid convoys on Sunday.")
    jobs = [Job(first), Job(first, extract=False), Job(other), Job(first, extract=False)]
    found = list(extract_jobs(jobs, batch_size=2))
    expected = list(extract([first, other]))
    assert [x.article.id for x in found] == ["a1", "a1", "a2", "a1"]
    assert (found[0], found[2]) == (expected[0], expected[1])
    assert found[1] == found[3] == Extraction(article=first)


def test_shard_round_trip_keeps_every_field(tmp_path: Path) -> None:
    event = Event(
        id="e1", article_id="a1", type="CONSULT", mode="visit", source=("PAK",), target=("RUS", "CHN"),
        persons=("Shehbaz Sharif",), date="2025-09", planned_for=None, location="Tianjin",
        location_country="CHN", topics=("trade",), evidence="They met — «again».", sentence_index=3,
        start=10, end=42, rule="parley.events.consult.v2", confidence=0.7, cameo="040", score=1.0,
        explanation=("rule fired", "date from text"),
    )
    person = Person("Shehbaz Sharif", "prime minister", "PAK")
    extraction = Extraction(article=_article("a1"), entities=(person,), events=(event,))
    path = shard_path(tmp_path, 7)
    assert write_shard(path, [extraction, Extraction(article=_article("a2"))]) == 2
    back = list(read_shard(path))
    assert back == [extraction, Extraction(article=_article("a2"))]
    assert back[0].events[0].explanation == event.explanation  # not covered by Event equality


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json\n", "line 1"), ('{"format": 99}\n', "line 1")],
)
def test_bad_or_missing_shard_is_an_ingest_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "part-000000.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError, match=message):
        list(read_shard(path))
    with pytest.raises(IngestError, match="shard-dir"):
        list(read_shard(tmp_path / "absent.jsonl"))


class _Done:
    def __init__(self, value: Any, log: list[str]) -> None:
        self.value, self.log = value, log

    def result(self) -> Any:
        self.log.append(f"collect {self.value}")
        return self.value


def test_in_order_keeps_input_order_with_a_bounded_window() -> None:
    log: list[str] = []

    def submit(index: int, batch: list[int]) -> _Done:
        log.append(f"submit {index}")
        return _Done(sum(batch), log)

    assert list(in_order(batched(range(7), 3), submit, window=2)) == [3, 12, 6]
    assert log == ["submit 0", "submit 1", "collect 3", "submit 2", "collect 12", "collect 6"]


@pytest.mark.parametrize("size", [0, -1])
def test_batched_refuses_empty_batches(size: int) -> None:
    with pytest.raises(ValueError):
        list(batched([1], size))


def test_recent_ids_forget_the_oldest_beyond_their_size() -> None:
    recent = RecentIds(size=2)
    assert [recent.first_time(k) for k in ["a", "b", "a", "c", "b", "a"]] == [True, True, False, True, True, True]


@pytest.mark.parametrize(
    ("options", "where"),
    [
        (ScaleOptions(engine="spark"), "--engine"),
        (ScaleOptions(workers=0), "--workers"),
        (ScaleOptions(scheduler="tcp://h:8786"), "--engine"),
        (ScaleOptions(shard_dir="/tmp/x"), "--engine"),
        (ScaleOptions(engine="dask", scheduler="tcp://h:8786", workers=3), "--workers"),
    ],
)
def test_contradictory_options_are_config_errors(options: ScaleOptions, where: str) -> None:
    with pytest.raises(ConfigError) as caught:
        check_options(options)
    assert caught.value.where == where


@pytest.mark.parametrize(
    ("snap", "bar", "line"),
    [
        (Snapshot(50, 200, 10.0), "[######------------------] 50/200 articles  5.0 articles/s  ETA 0:30",
         "progress: 50/200 articles, 5.0 articles/s, 0:10 elapsed, about 0:30 left"),
        (Snapshot(30, None, 3.0), "30 articles  10.0 articles/s  elapsed 0:03",
         "progress: 30 articles, 10.0 articles/s, 0:03 elapsed"),
        (Snapshot(0, 10, 0.0), "[------------------------] 0/10 articles  0.0 articles/s  ETA --:--",
         "progress: 0/10 articles, 0.0 articles/s, 0:00 elapsed"),
    ],
)
def test_progress_renders_rate_and_time_left(snap: Snapshot, bar: str, line: str) -> None:
    assert render_bar(snap) == bar
    assert render_line(snap) == line


def test_progress_writes_periodic_lines_when_not_a_terminal() -> None:
    now = [0.0]
    out = io.StringIO()
    with Progress(out, total=4, live=False, every_s=10.0, clock=lambda: now[0]) as progress:
        for step in (1.0, 11.0, 12.0, 25.0):
            now[0] = step
            progress.advance()
    lines = out.getvalue().splitlines()
    assert lines == [
        "progress: 2/4 articles, 0.2 articles/s, 0:11 elapsed, about 0:11 left",
        "progress: 4/4 articles, 0.2 articles/s, 0:25 elapsed, about 0:00 left",
    ]  # the closing line is not repeated when nothing changed since the last one


@pytest.mark.parametrize("live", [False, True])
def test_progress_stays_silent_when_a_run_fails_before_any_article(live: bool) -> None:
    out = io.StringIO()
    with pytest.raises(ConfigError), Progress(out, total=3, live=live):
        raise ConfigError("bad option")
    assert out.getvalue() == ""


def test_progress_bar_redraws_in_place_and_ends_its_line() -> None:
    now = [0.0]
    out = io.StringIO()
    with Progress(out, total=2, live=True, clock=lambda: now[0]) as progress:
        for step in (1.0, 2.0):
            now[0] = step
            progress.advance()
    assert out.getvalue().count("\r") == 2 and out.getvalue().endswith("\n")
    assert "2/2 articles" in out.getvalue().rsplit("\r", 1)[1]


def test_count_articles_counts_files_and_jsonl_lines(tmp_path: Path, corpus: Path) -> None:
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text('{"id": "a", "text": "x"}\n\n{"id": "b", "text": "y"}\n', encoding="utf-8")
    # the copy counts (it is read as an article), the empty file and the missing path do not
    assert count_articles([corpus, jsonl, tmp_path / "missing.txt"]) == len(ARTICLES) + 1 + 2
    assert count_articles(["-"]) is None


# --- the command-line options ----------------------------------------------------------------


@click.command()
@click.option("--db", required=True)
@click.argument("paths", nargs=-1, required=True)
@scale_options
def _ingest_command(db: str, paths: tuple[str, ...], **scale: Any) -> None:
    """How ``parley ingest`` wires the options: straight through to ``scaled_ingest``."""
    try:
        summary = scaled_ingest(db, paths, **scale)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"{summary.added} added")


def test_scale_options_reach_the_run_and_progress_goes_to_stderr(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(_ingest_command, ["--db", str(tmp_path / "s.db"), str(corpus), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{len(ARTICLES)} added\n"
    assert result.stderr.startswith(f"progress: {len(ARTICLES) + 1}/{len(ARTICLES) + 1} articles")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--workers", "0"], "--workers"),
        (["--engine", "ray"], "--engine"),
        (["--scheduler", "tcp://127.0.0.1:8786"], "need --engine dask"),
    ],
)
def test_bad_scale_options_are_refused_before_any_work(arguments: list[str], message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(_ingest_command, ["--db", str(tmp_path / "s.db"), str(tmp_path), *arguments])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "s.db").exists()


class _SlowFuture:
    """A worker's result that is not ready until asked for (as while a worker starts up)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def done(self) -> bool:
        return False

    def result(self) -> Any:
        return self.value


class _DoneFuture(_SlowFuture):
    def done(self) -> bool:
        return True


@pytest.mark.parametrize("future", [_SlowFuture, _DoneFuture])
@pytest.mark.parametrize(("window", "ahead"), [(1, 0), (2, 2), (4, 1)])
def test_sharing_keeps_input_order_and_runs_each_batch_once(future, window: int, ahead: int) -> None:
    sent: list[int] = []
    here: list[int] = []

    def submit(_index: int, batch: list[int]) -> Any:
        sent.append(batch[0])
        return future([x * 10 for x in batch])

    def run_here(batch: list[int]) -> list[int]:
        here.append(batch[0])
        return [x * 10 for x in batch]

    results = list(in_order(batched(range(20), 3), submit, window=window, run_here=run_here, ahead=ahead))
    assert results == [[x * 10 for x in batch] for batch in batched(range(20), 3)]
    assert sorted(sent + here) == [batch[0] for batch in batched(range(20), 3)]
    if future is _DoneFuture:
        assert here == []  # workers keep up: this process only collects
    else:
        assert len(here) >= ahead  # workers lag: this process works instead of waiting


def test_sharing_holds_at_most_window_plus_ahead_batches() -> None:
    out_now = 0
    most = 0

    def submit(_index: int, batch: list[int]) -> Any:
        nonlocal out_now, most
        out_now += 1
        most = max(most, out_now)
        return _SlowFuture(batch)

    def run_here(batch: list[int]) -> list[int]:
        nonlocal out_now, most
        out_now += 1
        most = max(most, out_now)
        return batch

    for _ in in_order(batched(range(50), 2), submit, window=2, run_here=run_here, ahead=3):
        out_now -= 1
    assert most <= 2 + 3 + 1  # plus the one in the writer's hands
