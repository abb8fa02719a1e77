"""parley's benchmarks: ``python bench/run.py [--quick]`` prints every figure with its ratio.

Each ratio is against a baseline measured in the same run on the same articles, so figures
from a busy or a quiet machine still compare.  Sections: extraction throughput against raw
spaCy, ``--workers 2`` and a local Dask cluster against one process, peak memory at two
corpus sizes, and query latency and ingest rate on a large synthetic store.

The default run is the full one (1,000/5,000 articles for memory, 1,000,000 events): about 15
minutes on 2 cores, half of it the 5,000-article ingest, plus some 100 s to build the synthetic
store.  ``--quick`` runs smaller sizes in a few minutes.  ``--store-file PATH`` keeps the
synthetic store (about 1.2 GB at 1,000,000 events) and reuses it in later runs.  Needs the shared corpus
(``../shared/corpus`` beside the checkout, or ``--corpus DIR``) and, for the Dask section,
``dask[distributed]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import corpus as bench_corpus
import memory
import queries
import synthetic_store
import throughput

from parley.nlp import load_pipeline
from parley.nlp.pipeline import load_stock_pipeline

SECTIONS = ("throughput", "parallel", "memory", "store")


@dataclass(frozen=True)
class Sizes:
    articles: int
    parallel_articles: int
    memory_sizes: tuple[int, int]
    events: int


QUICK = Sizes(articles=54, parallel_articles=162, memory_sizes=(100, 500), events=200_000)
FULL = Sizes(articles=270, parallel_articles=540, memory_sizes=(1_000, 5_000), events=1_000_000)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a few minutes in all")
    parser.add_argument("--articles", type=int, help="articles for the single-process throughput section")
    parser.add_argument("--parallel-articles", type=int, help="articles for the workers and Dask section")
    parser.add_argument("--sizes", type=int, nargs=2, metavar=("SMALL", "LARGE"), help="article counts for peak memory")
    parser.add_argument("--events", type=int, help="synthetic events in the query-latency store")
    parser.add_argument("--store-file", type=Path, help="keep the synthetic store in this file and reuse it "
                        "in later runs (built when missing or of another size or schema)")
    parser.add_argument("--only", choices=SECTIONS, nargs="+", help="run only these sections")
    parser.add_argument("--corpus", type=Path, default=bench_corpus.DEFAULT_CORPUS, help="the shared corpus folder")
    return parser.parse_args()


def _sizes(args: argparse.Namespace) -> Sizes:
    base = QUICK if args.quick else FULL
    return Sizes(
        articles=args.articles or base.articles,
        parallel_articles=args.parallel_articles or base.parallel_articles,
        memory_sizes=tuple(args.sizes) if args.sizes else base.memory_sizes,
        events=args.events or base.events,
    )


def _header(args: argparse.Namespace, sizes: Sizes) -> None:
    import spacy

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"parley benchmarks ({'quick' if args.quick else 'full'} run)")
    print(f"machine: {os.cpu_count()} cores ({usable} usable), {platform.machine()}, "
          f"Python {platform.python_version()}, spaCy {spacy.__version__}")
    print(f"sizes: {sizes}")


def section_throughput(articles: list) -> None:
    print(f"\n1. Extraction throughput, one process: {len(articles)} articles, "
          f"{bench_corpus.word_count(articles):,} words")
    print(f"   baseline: raw spaCy nlp.pipe, stock pipeline, batch 16; each figure the median of {throughput.TURNS} turns, the runs alternating every {throughput.SLICE} articles")
    raw, parse, whole = throughput.single_process(articles)
    for rate in (raw, parse, whole):
        print(rate.line(raw))
    coding = throughput.coding_alone(articles)
    print(f"  the coder alone over the parsed articles: {coding:.2f} s ({whole.events} events), "
          f"{coding / whole.seconds:.0%} of the extract time")
    verdict = "met" if raw.seconds / whole.seconds >= 1.0 else "NOT met"
    print(f"  target parley >= 1.0x raw spaCy: {raw.seconds / whole.seconds:.2f}x, {verdict}")
    print("  seconds per step (each component over every article in turn):")
    for label, nlp in (("raw spaCy", load_stock_pipeline()), ("parley", load_pipeline())):
        steps = throughput.step_seconds(nlp, articles)
        print(f"    {label:<10} " + ", ".join(f"{name} {s:.2f}" for name, s in steps.items())
              + f" = {sum(steps.values()):.2f}")


def section_parallel(articles: list) -> None:
    print(f"\n2. Parallel extraction: {len(articles)} articles (baseline: --workers 1, this process)")
    throughput.warm_up(articles)
    spacy_one = throughput.spacy_processes(articles, 1)
    spacy_two = throughput.spacy_processes(articles, 2)
    print(spacy_one.line(spacy_one))
    print(f"{spacy_two.line(spacy_one)}   <- the headroom the machine offers now")
    one, _ = throughput.local_workers(articles, 1)
    print(one.line(one))
    two, startup = throughput.local_workers(articles, 2)
    print(two.line(one))
    print(f"     start-up alone (spawn a helper, load models, 2 articles): {startup:.2f} s; "
          "this process extracts meanwhile")
    try:
        total, steady, dask_startup = throughput.dask_local(articles)
    except Exception as exc:  # noqa: BLE001 - a missing optional engine is reported, not fatal
        print(f"  dask local cluster: not run ({exc})")
        return
    print(total.line(one))
    print(steady.line(one))
    print(f"     cluster start and model load on workers: {dask_startup:.2f} s")


def section_memory(sizes: tuple[int, int], corpus_dir: Path) -> None:
    print("\n3. Peak memory of a whole ingest into SQLite (fresh process per size, --workers 1, distinct stories)")
    results = [memory.measure(size, corpus_dir) for size in sizes]
    small = results[0]
    for result in results:
        rate = result["size"] / result["seconds"]
        end = f"{result['end_mb']:.1f} MB" if result.get("end_mb") else "n/a"
        print(f"  {int(result['size']):>6} articles: peak RSS {result['peak_mb']:7.1f} MB  = "
              f"{result['peak_mb'] / small['peak_mb']:.3f}x the {int(small['size'])}-article peak; "
              f"RSS at the end {end}")
        print(f"{'':17}{result['seconds']:.1f} s, {rate:.2f} articles/s end to end (read, extract, store), "
              f"{int(result['events'])} events stored")
    print("  target: within 10% (ratio <= 1.10)")


def _store_file(path: Path, events: int) -> None:
    """Build the synthetic store at ``path`` unless one of this size and schema is there."""
    found = synthetic_store.reusable(path, events)
    if found is not None:
        print(f"  reusing {path}: {found:,} events (bench/synthetic_store.py, built before)")
        return
    built = synthetic_store.build_store(path, events)
    print(f"  bulk load (bench/synthetic_store.py): {built.events:,} events in {built.articles:,} articles, "
          f"{built.seconds:.1f} s, {built.size_mb:.0f} MB")


def section_store(events: int, extractions_from: list, store_file: Path | None = None) -> None:
    print(f"\n4. Store: {events:,} synthetic events (SQLite)")
    with tempfile.TemporaryDirectory(prefix="parley-bench-store-") as folder:
        path = store_file or Path(folder) / "big.db"
        _store_file(path, events)
        from parley.store import open_store

        with open_store(str(path)) as store:
            _latencies(store, path)
            big_rate = queries.add_rate(store, 20, store.counts()["mentions"] + 1_000)
    _ingest_rates(extractions_from, big_rate, events)


def _latencies(store: object, path: Path) -> None:
    pages = {dyad: rest for dyad, *rest in queries.page_latencies(store)}
    print("  query latency, median ms.  Target < 50 ms for what a user is served: a timeline page")
    print(f"  ({queries.PAGE} events, first or reached by cursor) and the monthly index.  The whole timeline")
    print("  (every event of the pair, for reports and exports) is shown for scale; it has no target.")
    print(f"  {'dyad':<9} {'events':>7} {'first page':>11} {'later page':>15} {'monthly index':>14} "
          f"{'whole timeline':>15} {'whole, SQL only':>15}")
    for dyad, count, line_ms, index_ms in queries.dyad_latencies(store):
        a, b = dyad.split("-")
        first_ms, number, later_ms = pages[dyad]
        alone = queries.sql_ms(path, a, b)
        alone_text = f"{alone:15.1f}" if alone is not None else f"{'n/a':>15}"
        later_text = f"{later_ms:.1f} (p.{number})"
        print(f"  {dyad:<9} {count:>7} {first_ms:11.1f} {later_text:>15} {index_ms:14.1f} {line_ms:15.1f} {alone_text}")
    newest_ms, busiest_ms = queries.home_latencies(store)
    print(f"  home page (web and /api/overview): newest 20 events {newest_ms:.1f} ms, "
          f"10 busiest pairs {busiest_ms:.1f} ms (no target)")


def _ingest_rates(articles: list, big_rate: float, events: int) -> None:
    from parley.scale import extract_parallel
    from parley.store import open_store

    extractions = list(extract_parallel(articles))
    count = sum(len(x.events) for x in extractions)
    with tempfile.TemporaryDirectory(prefix="parley-bench-add-") as folder, \
            open_store(str(Path(folder) / "s.db")) as store:
        start = time.perf_counter()
        for extraction in extractions:
            store.add(extraction)
        seconds = time.perf_counter() - start
    print("  ingest rate, Store.add with fusion (extraction not counted):")
    print(f"    into a new store: {len(extractions) / seconds:8.1f} articles/s, {count / seconds:8.1f} events/s "
          f"({len(extractions)} real extractions)")
    print(f"    into the {events:,}-event store: {big_rate:8.1f} articles/s (5 events each) "
          f"= {big_rate / (len(extractions) / seconds):.2f}x the new store")


def main() -> None:
    args = _arguments()
    sizes = _sizes(args)
    chosen = set(args.only or SECTIONS)
    _header(args, sizes)
    started = time.perf_counter()
    base = bench_corpus.base_articles(args.corpus)
    articles = bench_corpus.make_articles(sizes.articles, args.corpus)
    if "throughput" in chosen:
        section_throughput(articles)
    if "parallel" in chosen:
        section_parallel(bench_corpus.make_articles(sizes.parallel_articles, args.corpus))
    if "memory" in chosen:
        section_memory(sizes.memory_sizes, args.corpus)
    if "store" in chosen:
        section_store(sizes.events, articles[: len(base)], args.store_file)
    print(f"\ntotal benchmark time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":  # spawned workers re-import this file: nothing may run on import
    sys.exit(main())
