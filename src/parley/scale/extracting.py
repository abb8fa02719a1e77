"""Extraction as every engine runs it: one process's share of the work, model loaded once.

The steps are those of ``parley.pipeline.extract`` (parse in ``nlp.pipe`` batches, then code
each article), with one saving that cannot change the output: each article is coded with only
the trigger patterns whose words occur in it.  A pattern fires only on a token whose word or
lemma is one of its words, or on a run of tokens spelling one of its phrases, so a pattern
with none of its words in the article has nothing to fire on; dropping it saves the
pattern-by-token scan of every sentence, which costs more than the parse itself.
Patterns keep their order, so triggers come out as before.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..actors.knowledge import Knowledge, load_knowledge
from ..events import Pattern, code_article, default_patterns
from ..model import Article, Extraction
from ..nlp import load_pipeline

BATCH_SIZE = 16
"""Articles per ``nlp.pipe`` batch, as in ``parley.pipeline``; memory grows with it, not the corpus."""


@dataclass(frozen=True, slots=True)
class Job:
    """One article in the stream; ``extract`` is False for a copy already extracted in this run.

    A copy still travels in order so the single writer can record its name in the store at
    the same point the single-process run would, without parsing it again.
    """

    article: Article
    extract: bool = True


@dataclass(frozen=True, slots=True)
class Models:
    """What a process needs to extract: the pipeline, the knowledge base and the patterns."""

    nlp: Any
    knowledge: Knowledge
    patterns: tuple[Pattern, ...]


@lru_cache(maxsize=1)
def process_models() -> Models:
    """This process's models, loaded on first use and kept: a worker pays the load once."""
    return Models(load_pipeline(), load_knowledge(), default_patterns())


def article_words(doc: Any) -> frozenset[str]:
    """Every lower-cased word and lemma of the parsed article: what any pattern can match."""
    words: set[str] = set()
    for token in doc:
        words.add(token.lower_)
        words.add(token.lemma_.lower())
    return frozenset(words)


def relevant_patterns(words: frozenset[str], patterns: Sequence[Pattern]) -> tuple[Pattern, ...]:
    """The patterns that could fire on a text made of ``words``, in their original order."""
    return tuple(
        pattern
        for pattern in patterns
        if pattern.lemmas & words or any(all(w in words for w in phrase) for phrase in pattern.phrases)
    )


def extract_articles(articles: Iterable[Article], *, batch_size: int = BATCH_SIZE) -> Iterator[Extraction]:
    """Extractions for ``articles`` in input order, the same as ``parley.pipeline.extract`` gives."""
    models = process_models()
    pairs = ((article.text, article) for article in articles)
    for doc, article in models.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        patterns = relevant_patterns(article_words(doc), models.patterns)
        coded = code_article(doc, article, models.knowledge, patterns)
        yield Extraction(article=article, entities=coded.entities, events=coded.events)


def extract_jobs(jobs: Iterable[Job], *, batch_size: int = BATCH_SIZE) -> Iterator[Extraction]:
    """One Extraction per job in order; a copy comes out bare (the store keeps only its name)."""
    pending: deque[Job] = deque()

    def wanted() -> Iterator[Article]:
        for job in jobs:
            pending.append(job)
            if job.extract:
                yield job.article

    for extraction in extract_articles(wanted(), batch_size=batch_size):
        while not pending[0].extract:
            yield Extraction(article=pending.popleft().article)
        pending.popleft()
        yield extraction
    for job in pending:  # copies after the last extracted article
        yield Extraction(article=job.article)


def extract_batch(jobs: Sequence[Job], batch_size: int = BATCH_SIZE) -> list[Extraction]:
    """A whole batch at once: the unit a worker process receives and returns."""
    return list(extract_jobs(jobs, batch_size=batch_size))
