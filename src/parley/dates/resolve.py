"""Calendar arithmetic that keeps precision honest.

Every rule ends by turning a day, a month or a span of days into an ISO string whose length is
its precision.  The helpers here make that step uniform: a span that stays inside one month is
worth a month, one that stays inside a year is worth a year, anything wider is worth nothing.
Arithmetic that would leave the calendar (year 0, year 10000) gives ``None`` instead of
raising, because an odd article date must never stop a batch.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from ..errors import ConfigError

_DAY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PARTIAL_RE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
_LENGTHS = {"year": 4, "month": 7, "day": 10}


@dataclass(frozen=True, slots=True)
class Context:
    """What a sentence's time expressions are resolved against.

    ``anchor`` is the first day of the anchor's period together with the anchor's length
    (4, 7 or 10), so offsets know how precise a result they may claim.
    """

    published: date | None
    anchor: tuple[date, int] | None = None
    prefer_future: bool = False


def make_context(published: str | None, anchor: str | None, prefer_future: bool) -> Context:
    """Check the caller's dates once, so rules can trust them."""
    day = None
    if published is not None:
        if not isinstance(published, str) or not _DAY_RE.fullmatch(published):
            raise ConfigError(f"published date {published!r} is not YYYY-MM-DD", where="dates")
        day = _parse(published, "published date")
    start = None
    if anchor is not None:
        if not isinstance(anchor, str) or not _PARTIAL_RE.fullmatch(anchor):
            raise ConfigError(
                f"anchor {anchor!r} is not YYYY, YYYY-MM or YYYY-MM-DD", where="dates"
            )
        start = (_parse(anchor + "-01-01"[: 10 - len(anchor)], "anchor"), len(anchor))
    return Context(published=day, anchor=start, prefer_future=bool(prefer_future))


def _parse(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{what} {value!r} is not a calendar date", where="dates") from None


def cut(value: str, precision: str) -> str:
    """``value`` cut to ``"year"``, ``"month"`` or ``"day"``; never made finer than it is.

    The evaluation and the store compare dates at the coarser of two precisions, and a caller
    asking for more precision than a value has must not get invented digits back.
    """
    try:
        return value[: _LENGTHS[precision]]
    except KeyError:
        known = ", ".join(_LENGTHS)
        message = f"unknown precision {precision!r} (known: {known})"
        raise ConfigError(message, where="dates") from None


def make_date(year: int, month: int, day: int) -> date | None:
    """The day, or ``None`` when it does not exist (February 30, year 0)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_days(day: date, days: int) -> date | None:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def add_months(day: date, months: int) -> date | None:
    """Shift by whole months, clamping the day (31 January + 1 month = 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        result = make_date(year, month + 1, min(day.day, last))
        if result is not None:
            return result
    return None


def monday_of(day: date) -> date | None:
    return add_days(day, -day.weekday())


def day_value(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def month_value(year: int, month: int) -> str | None:
    """``YYYY-MM``, or ``None`` when the month lies outside the calendar."""
    index = year * 12 + month - 1
    year, month = divmod(index, 12)
    return f"{year:04d}-{month + 1:02d}" if 1 <= year <= 9999 else None


def year_value(year: int) -> str | None:
    return f"{year:04d}" if 1 <= year <= 9999 else None


def span_value(first: date | None, last: date | None) -> str | None:
    """The finest period that certainly holds every day from ``first`` to ``last``."""
    if first is None or last is None:
        return None
    if (first.year, first.month) == (last.year, last.month):
        return month_value(first.year, first.month)
    if first.year == last.year:
        return year_value(first.year)
    return None


def week_value(monday: date | None, *, first: int = 0, last: int = 6) -> str | None:
    """The days ``first``..``last`` (0 = Monday) of the week starting on ``monday``."""
    if monday is None:
        return None
    return span_value(add_days(monday, first), add_days(monday, last))


def is_after(value: str | None, published: date | None) -> bool:
    """Whether the whole period ``value`` lies after the publication day."""
    if value is None or published is None:
        return False
    return value > published.isoformat()[: len(value)]


class Resolved(NamedTuple):
    """What a rule makes of one match; a rule returns ``None`` instead to veto the match."""

    value: str | None
    relative: bool
    future: bool


@dataclass(frozen=True, slots=True)
class Rule:
    """One family of expressions: where it is (``pattern``) and what it means (``resolve``).

    A pattern may match context words ("in", "since") that are not part of the expression;
    it then names the expression itself as the group ``x``.
    """

    name: str
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], Context], Resolved | None]


def absolute(value: str | None, ctx: Context) -> Resolved:
    """A value the text states in full; ``future`` only says it lies after publication."""
    return Resolved(value, False, is_after(value, ctx.published))


def relative(value: str | None, ctx: Context, *, future: bool = False) -> Resolved:
    """A value that depends on the article date (``None`` when there is none)."""
    if ctx.published is None:
        value = None
    return Resolved(value, True, future or is_after(value, ctx.published))


def tensed(value: str | None, ctx: Context) -> Resolved:
    """A value whose past/future reading came from ``prefer_future``: without an article
    date, the caller's tense is all that says whether it points ahead."""
    if ctx.published is None:
        return Resolved(None, True, ctx.prefer_future)
    return Resolved(value, True, is_after(value, ctx.published))
