"""The pipeline from articles to extractions: parse in batches, then code each article.

This is the one place that strings the stages together, so the CLI, the API and the cluster
driver all run exactly the same steps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .actors.knowledge import Knowledge, load_knowledge
from .evaluation import EvalReport, load_gold, load_predictions, score
from .events import Pattern, code_article, default_patterns
from .ingest import read_jsonl
from .ingest.syndication import DEFAULT_WINDOW, NearDuplicateFilter
from .model import Article, Extraction, Rejection
from .nlp import load_pipeline
from .store import Store

BATCH_SIZE = 16
"""Articles per ``nlp.pipe`` batch: the fastest size measured; memory grows with it, not the corpus."""


@dataclass(frozen=True, slots=True)
class Models:
    """What a process needs to extract: the pipeline, the knowledge base and the patterns."""

    nlp: Any
    knowledge: Knowledge
    patterns: tuple[Pattern, ...]


@lru_cache(maxsize=1)
def process_models() -> Models:
    """This process's models, loaded on first use and kept: a worker process pays the load once."""
    return Models(load_pipeline(), load_knowledge(), default_patterns())


def extract(
    articles: Iterable[Article], *, batch_size: int = BATCH_SIZE, knowledge: Knowledge | None = None
) -> Iterator[Extraction]:
    """Extractions for ``articles`` in input order, parsing ``batch_size`` articles at a time.

    ``knowledge`` replaces the shipped dictionaries, e.g. with offices learned from the store.
    Every engine (one process, worker processes, a Dask cluster) runs this function.
    """
    models = process_models()
    knowledge = knowledge or models.knowledge
    pairs = ((article.text, article) for article in articles)
    for doc, article in models.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        coded = code_article(doc, article, knowledge, models.patterns)
        yield Extraction(article=article, entities=coded.entities, events=coded.events)


def extract_one(article: Article) -> Extraction:
    return next(extract([article]))


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one ingest run did, for the end-of-run report and the exit status."""

    read: int
    added: int
    duplicates: int
    events: int
    rejections: tuple[Rejection, ...]


def ingest(
    items: Iterable[Article | Rejection],
    store: Store,
    *,
    on_article: Callable[[Article], None] | None = None,
    near_duplicates: bool = True,
    extractor: Callable[[Iterable[Article]], Iterator[Extraction]] = extract,
) -> IngestSummary:
    """Extract and store every article of ``items``; rejections are stored and counted, never raised.

    Each article is written in its own transaction, so an interruption leaves whole articles only.
    With ``near_duplicates`` a syndicated copy of an article already stored (or met earlier in
    this run) is stored as another source of that article, not as a story of its own.
    ``extractor`` runs the extraction elsewhere (worker processes, a cluster) in input order.
    """
    if near_duplicates:
        items = with_stored_copies(items, store)
    rejections: list[Rejection] = []
    read = added = duplicates = events = 0

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Rejection):
                rejections.append(item)
                store.add_rejection(item)
            else:
                yield item

    for extraction in extractor(articles()):
        read += 1
        if store.add(extraction):
            added += 1
            events += len(extraction.events)
        else:
            duplicates += 1
        if on_article is not None:
            on_article(extraction.article)
    return IngestSummary(read, added, duplicates, events, tuple(rejections))


def with_stored_copies(items: Iterable[Article | Rejection], store: Store) -> Iterator[Article | Rejection]:
    """``items`` with each syndicated copy of a stored (or earlier) article given that article's id."""
    seen = NearDuplicateFilter()
    for article in store.articles(latest=DEFAULT_WINDOW):
        seen.remember(article)
    return seen.apply(items)


def evaluate(gold_dir: str | Path, predictions: str | Path | None = None) -> EvalReport:
    """Score parley (or a prediction file) against a gold folder, as ``parley eval`` does."""
    gold = load_gold(gold_dir)
    if predictions is not None:
        predicted = load_predictions(predictions)
    else:
        articles = (a for a in read_jsonl(Path(gold_dir) / "articles.jsonl") if isinstance(a, Article))
        predicted = {x.article.external_id: x.to_gold_dict() for x in extract(articles)}
    return score(gold.documents, predicted)
