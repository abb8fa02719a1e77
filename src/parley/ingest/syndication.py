"""Syndicated copies: one wire story printed by many outlets with small edits.

Exact copies already share an article id; these are the near ones, with a new headline, a
trimmed last paragraph or a changed word.  Each text gets a signature: a MinHash sketch of
its word 3-grams (which estimates how much text two articles share) and its anchors, the
names and numbers it mentions.  Two articles are copies when most of the shorter one's text
is in the longer one *and* they name the same people, places and figures: stories written
from one template ("X and Y signed a deal on Z") share much wording but not their anchors.

``NearDuplicateFilter`` applies this inside one batch (or one ``watch``), with a locality-
sensitive index so that each article is compared with likely copies only.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from ..model import Article, Rejection
from .identity import normalise_text

SHINGLE_WORDS = 3
NUM_HASHES = 64
BANDS = 32
ROWS = NUM_HASHES // BANDS
MIN_TEXT_CONTAINMENT = 0.7
"""Share of the shorter article's 3-grams that must be in the other."""
MIN_ANCHOR_CONTAINMENT = 0.8
"""Share of the shorter article's names and numbers that must be in the other."""
SAME_TEXT_RESEMBLANCE = 0.9
"""Above this resemblance of the whole texts, anchors are not looked at."""
DEFAULT_WINDOW = 5000
"""How many recent articles a batch remembers: copies arrive close together."""

_PRIME = (1 << 61) - 1
_RANDOM = random.Random(20250902)  # fixed: signatures must be the same in every run
_PERMUTATIONS = tuple(
    (_RANDOM.randrange(1, _PRIME), _RANDOM.randrange(0, _PRIME)) for _ in range(NUM_HASHES)
)
_WORD = re.compile(r"\w+")
_ANCHOR = re.compile(r"\b(?:[^\W\d_][\w'’.-]*[^\W_]|\d[\d,.]*\d|\d)\b")
_NOT_ANCHORS = frozenset(
    "a an and as at but by for from he her his in it its of on or she that the their there "
    "they this to we with officials said".split()
)


@dataclass(frozen=True, slots=True)
class Signature:
    """What near-duplicate detection keeps of a text: a sketch of its 3-grams and its anchors."""

    minhash: tuple[int, ...]
    shingles: int
    anchors: frozenset[str]


def text_signature(text: str) -> Signature:
    """The signature of an article text (stable across runs and machines)."""
    words = _WORD.findall(normalise_text(text).casefold())
    shingles = {" ".join(words[i:i + SHINGLE_WORDS])
                for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    hashes = [_hash(shingle) for shingle in shingles]
    minhash = tuple(min((a * h + b) % _PRIME for h in hashes) for a, b in _PERMUTATIONS)
    return Signature(minhash=minhash, shingles=len(shingles), anchors=_anchors(text))


def resemblance(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two texts' 3-gram sets."""
    same = sum(1 for x, y in zip(a.minhash, b.minhash) if x == y)
    return same / NUM_HASHES


def is_near_duplicate(a: Signature, b: Signature) -> bool:
    """Whether two signatures belong to copies of one story."""
    jaccard = resemblance(a, b)
    if jaccard >= SAME_TEXT_RESEMBLANCE:
        return True
    return (_text_containment(a, b, jaccard) >= MIN_TEXT_CONTAINMENT
            and _anchor_containment(a, b) >= MIN_ANCHOR_CONTAINMENT)


def find_near_duplicate(
    article: Article, seen_signatures: Mapping[str, Signature]
) -> str | None:
    """The id of a seen article that ``article`` is a copy of (the closest one), or None.

    ``seen_signatures`` maps article ids to their signatures, as a store would keep them.
    An article already seen under its own id is its own original.
    """
    if article.id in seen_signatures:
        return article.id
    mine = text_signature(article.text)
    best: tuple[float, str] | None = None
    for other_id, other in seen_signatures.items():
        if is_near_duplicate(mine, other):
            score = resemblance(mine, other)
            if best is None or score > best[0]:
                best = (score, other_id)
    return None if best is None else best[1]


class NearDuplicateFilter:
    """Remembers the last ``window`` articles and points each copy at its original.

    Candidates come from banded MinHash buckets (32 bands of 2 rows), so a copy with half
    its 3-grams in common is found with near certainty and unrelated texts are rarely
    compared at all.
    """

    def __init__(self, *, window: int = DEFAULT_WINDOW) -> None:
        self._window = window
        self._order: deque[str] = deque()
        self._signatures: dict[str, Signature] = {}
        self._buckets: dict[tuple[int, tuple[int, ...]], list[str]] = {}

    def original_of(self, article: Article) -> str | None:
        """The id of a remembered original this article copies; else remember it, None."""
        if article.id in self._signatures:
            return None  # the very same text: the store already keeps it once
        mine = text_signature(article.text)
        best: tuple[float, str] | None = None
        for other_id in self._candidates(mine):
            other = self._signatures[other_id]
            if is_near_duplicate(mine, other):
                score = resemblance(mine, other)
                if best is None or score > best[0]:
                    best = (score, other_id)
        if best is not None:
            return best[1]
        self._remember(article.id, mine)
        return None

    def remember(self, article: Article) -> None:
        """Take an article already stored as a possible original of later copies."""
        if article.id not in self._signatures:
            self._remember(article.id, text_signature(article.text))

    def apply(self, items: Iterable[Article | Rejection]) -> Iterator[Article | Rejection]:
        """The items with each copy given its original's id, so the store keeps the story
        once and records the copy's name and source beside it (see ``Store.add``)."""
        for item in items:
            if isinstance(item, Article):
                original = self.original_of(item)
                if original is not None:
                    item = replace(item, id=original)
            yield item

    def _candidates(self, signature: Signature) -> list[str]:
        found: dict[str, None] = {}
        for key in _band_keys(signature):
            for other_id in self._buckets.get(key, ()):
                found[other_id] = None
        return list(found)

    def _remember(self, article_id: str, signature: Signature) -> None:
        self._signatures[article_id] = signature
        self._order.append(article_id)
        for key in _band_keys(signature):
            self._buckets.setdefault(key, []).append(article_id)
        if len(self._order) > self._window:
            self._forget(self._order.popleft())

    def _forget(self, article_id: str) -> None:
        signature = self._signatures.pop(article_id)
        for key in _band_keys(signature):
            bucket = self._buckets.get(key, [])
            if article_id in bucket:
                bucket.remove(article_id)
            if not bucket:
                self._buckets.pop(key, None)


def collapse_near_duplicates(
    items: Iterable[Article | Rejection], *, window: int = DEFAULT_WINDOW
) -> Iterator[Article | Rejection]:
    """``items`` with syndicated copies pointed at their first-seen original (one batch)."""
    return NearDuplicateFilter(window=window).apply(items)


def _hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "big")


def _anchors(text: str) -> frozenset[str]:
    """Capitalised words and numbers: the names, places and figures a story is about."""
    found = set()
    for match in _ANCHOR.finditer(normalise_text(text)):
        token = match.group()
        if token[0].isdigit() or token[0].isupper():
            word = token.casefold().replace(",", "")
            if word not in _NOT_ANCHORS:
                found.add(word)
    return frozenset(found)


def _text_containment(a: Signature, b: Signature, jaccard: float) -> float:
    """Share of the smaller 3-gram set inside the larger, from the Jaccard estimate and sizes."""
    smaller = min(a.shingles, b.shingles)
    if smaller == 0:
        return 0.0
    common = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    return min(1.0, common / smaller)


def _anchor_containment(a: Signature, b: Signature) -> float:
    smaller = min(len(a.anchors), len(b.anchors))
    if smaller == 0:
        return 1.0 if not a.anchors and not b.anchors else 0.0
    return len(a.anchors & b.anchors) / smaller


def _band_keys(signature: Signature) -> list[tuple[int, tuple[int, ...]]]:
    return [(band, signature.minhash[band * ROWS:(band + 1) * ROWS]) for band in range(BANDS)]
