"""Benchmark corpora made at run time from the shared development articles.

Nothing is copied into the repository: the shared articles are read from ``../shared/corpus``
and repeated with an edition line appended ("Edition 12 of the benchmark corpus."), so every
copy has its own content hash and the store and the pipeline treat each as a new article.
The repeats make the text realistic news at any size; what they cannot model is variety of
vocabulary (spaCy's string store grows a little less than on truly new text).  For ingest,
where copies of a stored story are recognised, ``mixed_articles`` makes distinct stories.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from parley.ingest import article_id, read_jsonl
from parley.model import Article

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def base_articles(corpus: Path = DEFAULT_CORPUS) -> list[Article]:
    """The dev set's articles; exits with a message when the shared corpus is absent."""
    source = corpus / "dev" / "articles.jsonl"
    if not source.exists():
        sys.exit(f"benchmark needs the shared corpus at {source} (give --corpus DIR); it is not there")
    return [item for item in read_jsonl(source) if isinstance(item, Article)]


def editions(base: list[Article]) -> Iterator[Article]:
    """An endless stream of distinct articles: the base set again and again, each copy numbered."""
    index = 0
    while True:
        for article in base:
            text = f"{article.text}\n\nEdition {index // len(base) + 1} of the benchmark corpus."
            yield Article(
                id=article_id(text),
                external_id=f"{article.external_id}-ed{index}",
                text=text,
                title=article.title,
                source=article.source,
                published=article.published,
                dateline=article.dateline,
            )
            index += 1


PARAGRAPHS_PER_MIX = 6


def mixed_articles(base: list[Article], *, seed: int = 20260102) -> Iterator[Article]:
    """An endless stream of articles that are distinct even to near-duplicate detection.

    Edition copies share almost all their text with the original, so ``parley ingest`` now
    stores them as further sources of one story and parses none of them again; a benchmark
    of ingesting N articles needs N stories.  Each one here is six paragraphs drawn at random
    (seeded) from all the shared articles' paragraphs, dated and placed like the article its
    first paragraph comes from.  Sentences stay real news; two such articles rarely share
    more than a paragraph, far below what counts as a copy.
    """
    pool = [(article, part) for article in base for part in article.text.split("\n") if part.strip()]
    chooser = random.Random(seed)
    index = 0
    while True:
        picked = chooser.sample(pool, PARAGRAPHS_PER_MIX)
        lead = picked[0][0]
        text = "\n\n".join(part for _article, part in picked)
        yield Article(
            id=article_id(text), external_id=f"mix-{index}", text=text, title=lead.title,
            source=lead.source, published=lead.published, dateline=lead.dateline,
        )
        index += 1


def make_articles(count: int, corpus: Path = DEFAULT_CORPUS) -> list[Article]:
    return list(islice(editions(base_articles(corpus)), count))


def word_count(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)
