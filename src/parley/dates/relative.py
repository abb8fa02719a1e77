"""Rules for words that only mean a date given the article's own date.

"yesterday", "on Monday", "last week", "this year": each is a fixed step from the publication
day, and each keeps only the precision the step allows.  A week is worth a month only when
all its days fall in one month.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from .patterns import MODIFIER, PART_OF_DAY, WEEKDAY, WEEKDAYS, compile_rule
from .resolve import (
    Context,
    Resolved,
    Rule,
    add_days,
    add_months,
    day_value,
    monday_of,
    month_value,
    relative,
    span_value,
    tensed,
    week_value,
    year_value,
)

_END = r"(?![A-Za-z])"
# (pattern, days from the publication day, points ahead)
_DAY_WORDS: tuple[tuple[str, int, bool], ...] = (
    (r"(?i:earlier\s+today|today|tonight|this\s+(?:morning|afternoon|evening))", 0, False),
    (r"(?i:later\s+today)", 0, True),
    (rf"(?i:yesterday|last\s+night){PART_OF_DAY}", -1, False),
    (r"(?i:the\s+day\s+before\s+yesterday)", -2, False),
    (rf"(?i:tomorrow){PART_OF_DAY}", 1, True),
    (r"(?i:the\s+day\s+after\s+tomorrow)", 2, True),
)
_WEEKDAY = compile_rule(
    r"(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming|coming))\s+)?"
    rf"{WEEKDAY}{PART_OF_DAY}"
)
_WHEN = r"(?P<when>(?i:earlier|later))\s+"
_WEEK = compile_rule(
    rf"(?:{_WHEN})?(?P<rel>(?i:last|this|next|the\s+past))\s+(?i:week){_END}"
)
_WEEKEND = compile_rule(rf"(?P<rel>(?i:last|this|next|the))\s+(?i:weekend){_END}")
_MONTH_WORD = compile_rule(
    rf"(?:{MODIFIER}|{_WHEN})?(?P<rel>(?i:last|this|next|the))\s+(?i:month){_END}"
)
_YEAR_WORD = compile_rule(
    rf"(?:{MODIFIER}|{_WHEN})?(?P<rel>(?i:last|this|next|the))\s+(?i:year){_END}"
)
_STEPS = {"last": -1, "this": 0, "the": 0, "next": 1}


def _day_word(offset: int, future: bool) -> Callable[[re.Match[str], Context], Resolved]:
    def resolve(m: re.Match[str], ctx: Context) -> Resolved:
        day = None if ctx.published is None else add_days(ctx.published, offset)
        return relative(day_value(day), ctx, future=future)

    return resolve


def _on_weekday(m: re.Match[str], ctx: Context) -> Resolved:
    """Plain "Monday" follows the tense; "last", "next" and "this" fix the week."""
    rel = " ".join((m["rel"] or "").lower().split())
    ahead = rel in ("next", "coming", "this coming")
    published = ctx.published
    if published is None:
        return tensed(None, ctx) if not rel else relative(None, ctx, future=ahead)
    gap = WEEKDAYS[m["weekday"].lower()] - published.weekday()
    if rel in ("last", "this past"):
        day = add_days(published, -((-gap - 1) % 7 + 1))
    elif ahead:
        day = add_days(published, (gap - 1) % 7 + 1)
    elif rel == "this":
        day = add_days(published, gap)
    else:
        day = add_days(published, gap % 7 if ctx.prefer_future else -(-gap % 7))
        return tensed(day_value(day), ctx)
    return relative(day_value(day), ctx, future=ahead)


def _on_week(m: re.Match[str], ctx: Context) -> Resolved:
    rel, when = m["rel"].lower().split()[-1], (m["when"] or "").lower()
    published = ctx.published
    if published is None:
        return relative(None, ctx, future=rel == "next" or when == "later")
    if rel == "past":
        return relative(span_value(add_days(published, -7), published), ctx)
    monday = monday_of(published)
    if rel == "this" and when:
        first, last = (monday, published) if when == "earlier" else (published, add_days(monday, 6))
        return relative(span_value(first, last), ctx, future=when == "later")
    start = None if monday is None else add_days(monday, 7 * _STEPS[rel])
    return relative(week_value(start), ctx, future=rel == "next")


def _on_weekend(m: re.Match[str], ctx: Context) -> Resolved:
    """"the weekend" is the latest one (or the coming one); the others fix the week."""
    rel, published = m["rel"].lower(), ctx.published
    if published is None:
        return tensed(None, ctx) if rel == "the" else relative(None, ctx, future=rel == "next")
    monday = monday_of(published)
    step = _STEPS[rel]
    if rel == "the":
        step = 0 if ctx.prefer_future or published.weekday() >= 5 else -1
    start = None if monday is None else add_days(monday, 7 * step)
    value = week_value(start, first=5, last=6)
    if rel == "the":
        return tensed(value, ctx)
    return relative(value, ctx, future=rel == "next")


def _shift(m: re.Match[str], ctx: Context, months: int) -> tuple[date | None, bool]:
    """The publication day moved by last/this/next, and whether the phrase points ahead."""
    rel, when = m["rel"].lower(), (m["when"] or "").lower()
    future = rel == "next" or when == "later"
    if ctx.published is None:
        return None, future
    return add_months(ctx.published, _STEPS[rel] * months), future


def _on_month_word(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["rel"].lower() == "the" and not m["mod"]:
        return None
    day, future = _shift(m, ctx, 1)
    return relative(None if day is None else month_value(day.year, day.month), ctx, future=future)


def _on_year_word(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["rel"].lower() == "the" and not m["mod"]:
        return None
    day, future = _shift(m, ctx, 12)
    return relative(None if day is None else year_value(day.year), ctx, future=future)


RULES: tuple[Rule, ...] = (
    *(
        Rule(f"day-word-{i}", compile_rule(pattern + _END), _day_word(offset, ahead))
        for i, (pattern, offset, ahead) in enumerate(_DAY_WORDS)
    ),
    Rule("weekday", _WEEKDAY, _on_weekday),
    Rule("week", _WEEK, _on_week),
    Rule("weekend", _WEEKEND, _on_weekend),
    Rule("month-word", _MONTH_WORD, _on_month_word),
    Rule("year-word", _YEAR_WORD, _on_year_word),
)
