"""Extraction speed: raw spaCy, the pipeline as ``parley.pipeline`` runs it, and each engine.

Every figure is a wall-clock time over the same articles in the same run, after the models
are loaded in this process, so ratios compare like with like on whatever else the machine
is doing.  Engine runs that start processes (workers, Dask) include that start-up, because
a user pays it; it is also timed on its own so the steady rate can be read off.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from corpus import word_count

from parley.events import code_article
from parley.model import Article
from parley.nlp import load_pipeline
from parley.nlp.pipeline import load_stock_pipeline
from parley.pipeline import extract as pipeline_extract
from parley.scale import ScaleOptions, extract_parallel
from parley.scale.dask_driver import dask_client, extract_on_dask
from parley.scale.extracting import BATCH_SIZE, Job, process_models


@dataclass(frozen=True)
class Rate:
    label: str
    seconds: float
    articles: int
    words: int
    events: int | None = None

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds

    def line(self, baseline: Rate | None = None) -> str:
        ratio = f"  = {baseline.seconds / self.seconds:.2f}x {baseline.label}" if baseline else ""
        return (f"  {self.label:<48} {self.seconds:7.2f} s  {self.articles_per_s:7.2f} articles/s  "
                f"{self.words_per_s:8.0f} words/s{ratio}")


def timed(label: str, articles: list[Article], run: Callable[[list[Article]], Iterable[object]]) -> Rate:
    start = time.perf_counter()
    results = list(run(articles))
    seconds = time.perf_counter() - start
    events = sum(len(getattr(r, "events", ())) for r in results)
    return Rate(label, seconds, len(articles), word_count(articles), events)


def warm_up(articles: list[Article]) -> None:
    """Load every model in this process and run each path once, so no timing pays a first load."""
    sample = articles[:2]
    list(load_stock_pipeline().pipe([a.text for a in sample]))
    list(load_pipeline().pipe([a.text for a in sample]))
    process_models()
    list(pipeline_extract(sample))
    list(extract_parallel(sample))


def raw_spacy(articles: list[Article]) -> Iterable[object]:
    """The model as packaged, every component on every token: the baseline of the target."""
    return load_stock_pipeline().pipe((a.text for a in articles), batch_size=BATCH_SIZE)


def parley_parse(articles: list[Article]) -> Iterable[object]:
    """parley's pipeline without the coder: the parse step alone."""
    return load_pipeline().pipe((a.text for a in articles), batch_size=BATCH_SIZE)


SINGLE_PROCESS_RUNS = {
    "raw spaCy nlp.pipe (stock pipeline)": raw_spacy,
    "parley parse step only (nlp.pipe)": parley_parse,
    "parley.pipeline.extract (parse + code)": pipeline_extract,
}


TURNS = 5
SLICE = 32  # articles each run takes in turn within a turn: two batches of BATCH_SIZE


def single_process(articles: list[Article], repeats: int = TURNS) -> list[Rate]:
    """Raw ``nlp.pipe`` with the stock model against parley's parse step and whole extraction.

    Within a turn the runs take the articles ``SLICE`` at a time, one run after the other on
    each slice, so a burst of load from elsewhere lands on all of them alike rather than on
    whichever ran during it; each run keeps the median of ``repeats`` turns.
    """
    warm_up(articles)
    runs = SINGLE_PROCESS_RUNS
    found: dict[str, list[Rate]] = {label: [] for label in runs}
    slices = [articles[i : i + SLICE] for i in range(0, len(articles), SLICE)]
    for _ in range(repeats):
        parts: dict[str, list[Rate]] = {label: [] for label in runs}
        for part in slices:
            for label, run in runs.items():
                parts[label].append(timed(label, part, run))
        for label, rates in parts.items():
            found[label].append(Rate(label, sum(r.seconds for r in rates), len(articles), word_count(articles),
                                     sum(r.events or 0 for r in rates)))
    return [sorted(rates, key=lambda r: r.seconds)[len(rates) // 2] for rates in found.values()]


def spacy_processes(articles: list[Article], processes: int) -> Rate:
    """``nlp.pipe`` of parley's pipeline with ``n_process``: the parallel speed-up the machine offers now."""
    nlp = load_pipeline()
    return timed(f"spaCy nlp.pipe (parley pipeline), n_process={processes}", articles,
                 lambda a: nlp.pipe((x.text for x in a), batch_size=BATCH_SIZE, n_process=processes))


def local_workers(articles: list[Article], workers: int) -> tuple[Rate, float]:
    """The run with ``workers`` processes, and the start-up alone (a run over two articles)."""
    options = ScaleOptions(workers=workers)
    start = time.perf_counter()
    list(extract_parallel(articles[:2], options))
    startup = time.perf_counter() - start
    rate = timed(f"--workers {workers}", articles, lambda a: extract_parallel(a, options))
    return rate, startup


def dask_local(articles: list[Article], workers: int = 2) -> tuple[Rate, Rate, float]:
    """A local Dask cluster: end to end (start included), then steady on the warmed cluster."""
    start = time.perf_counter()
    with dask_client(workers=workers) as client:
        client.run(process_models)  # every worker loads its models once
        startup = time.perf_counter() - start
        steady = timed(f"dask local cluster, {workers} workers (steady)", articles,
                       lambda a: extract_on_dask((Job(x) for x in a), client))
    total = Rate(f"dask local cluster, {workers} workers (with start)", steady.seconds + startup,
                 steady.articles, steady.words, steady.events)
    return total, steady, startup


def coding_alone(articles: list[Article], repeats: int = TURNS) -> float:
    """Seconds the coder takes over parsed articles (median of turns), the parse not counted.

    The extract time minus the parse time would give it too, but as the difference of two
    noisy figures; timing the coder on its own shows what it really costs.
    """
    models = process_models()
    docs = list(parley_parse(articles))
    turns = []
    for _ in range(repeats):
        start = time.perf_counter()
        for doc, article in zip(docs, articles):
            code_article(doc, article, models.knowledge, models.patterns)
        turns.append(time.perf_counter() - start)
    return sorted(turns)[len(turns) // 2]


def step_seconds(nlp, articles: list[Article]) -> dict[str, float]:
    """Seconds per step of ``nlp`` over the articles: the tokenizer, then each component in turn.

    Each component runs over all documents before the next starts, as ``nlp.pipe`` would run it
    batch by batch, so the figures add up to about the whole parse and show where its time goes.
    """
    start = time.perf_counter()
    docs = [nlp.make_doc(a.text) for a in articles]
    seconds = {"tokenizer": time.perf_counter() - start}
    for name, component in nlp.pipeline:
        start = time.perf_counter()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=BATCH_SIZE))
        else:
            docs = [component(doc) for doc in docs]
        seconds[name] = time.perf_counter() - start
    return seconds
