"""Normalised forms of the fields fusion compares: date spans, places, people, wording.

Outlets write the same fact differently ("Shahbaz"/"Shehbaz Sharif", "Erdoğan"/"Erdogan",
"Washington, D.C."/"Washington", "2025-09"/"2025-09-01"); these helpers reduce each field
to a form where such variants meet and different facts do not.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, timedelta
from functools import lru_cache

_WORD = re.compile(r"[a-z]+")
_NAME_PARTICLES = frozenset(
    "al el bin ibn bint de da das dos di del la le van von der den mr mrs ms dr".split()
)
_STOPWORDS = frozenset(
    """
    about after also among been before being between both came come could during each from
    have having into more most much must other over said says such than that their them
    then there these they this those through under very were what when where which while
    will with would year years week month today yesterday tuesday wednesday thursday friday
    saturday sunday monday
    """.split()
)
_MIN_WORD = 4


def shifted(day: date, days: int) -> date:
    """``day`` moved by ``days``, held at the ends of the calendar instead of overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


@lru_cache(maxsize=65536)
def span(value: str | None) -> tuple[date, date] | None:
    """The first and last day a ``YYYY[-MM[-DD]]`` date can stand for; None if not a date."""
    if not value:
        return None
    try:
        year = int(value[:4])
        if len(value) == 4:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(value[5:7])
        if len(value) == 7:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if len(value) == 10:
            day = date(year, month, int(value[8:10]))
            return day, day
    except ValueError:
        return None
    return None


def precision_rank(value: str | None) -> int:
    """0 for a day, 1 a month, 2 a year, 3 no usable date: lower is more precise."""
    if span(value) is None:
        return 3
    return {10: 0, 7: 1}.get(len(value or ""), 2)


def _folded(text: str) -> str:
    """Lower case without accents, so "Erdoğan" and "Erdogan" are one spelling."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a person's or place's name, folded, without particles like "bin"."""
    return tuple(w for w in _WORD.findall(_folded(name)) if w not in _NAME_PARTICLES)


def same_person(a: str, b: str) -> bool:
    """Whether two written names can be one person: same surname, or one name inside the other.

    The surname rule absorbs transliteration of given names ("Shahbaz"/"Shehbaz Sharif");
    the inclusion rule absorbs short forms ("Erdogan", "Mohamed bin Zayed").
    """
    x, y = name_tokens(a), name_tokens(b)
    if not x or not y:
        return False
    return x[-1] == y[-1] or set(x) <= set(y) or set(y) <= set(x)


def shared_persons(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """The names of ``a`` that also appear, in some spelling, in ``b``."""
    return tuple(name for name in a if any(same_person(name, other) for other in b))


def same_place(a: str, b: str) -> bool:
    """Whether two place names can be one city ("Washington, D.C." and "Washington")."""
    x = set(name_tokens(a.split(",")[0]))
    y = set(name_tokens(b.split(",")[0]))
    return bool(x) and bool(y) and (x <= y or y <= x)


@lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """The words that carry a sentence's subject matter (long, not function words)."""
    return frozenset(
        w for w in _WORD.findall(_folded(text)) if len(w) >= _MIN_WORD and w not in _STOPWORDS
    )


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Overlap of two sets as a share of their union (0 when both are empty)."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0
