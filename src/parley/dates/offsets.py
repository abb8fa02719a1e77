"""Rules for distances in time: "a month earlier", "two days ago", "within two months".

Offsets such as "a week later" count from the event mentioned just before (the anchor), not
from the article date; "ago" counts from the article date; "in the coming days" opens a
window after it.  A result is never finer than its base: a day counted from an anchor known
only to the month is still only that month.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from .patterns import NUMBER, UNIT, compile_rule, number_value
from .resolve import (
    Context,
    Resolved,
    Rule,
    add_days,
    add_months,
    is_after,
    monday_of,
    relative,
    span_value,
    week_value,
)

_LENGTHS = {"day": 10, "week": 10, "month": 7, "year": 4}
# "a day after" counts from the anchor only when no noun follows ("a day after the vote").
_CLAUSE_END = r"(?=\s*(?:[,.;:!?)\]\"'\u2019\u201d]|$))"
_AGO = compile_rule(rf"{NUMBER}\s+{UNIT}\s+(?i:ago)(?![A-Za-z])")
_LATER = compile_rule(
    rf"(?:(?i:just|only|barely)\s+)?{NUMBER}\s+{UNIT}\s+"
    rf"(?P<dir>(?i:earlier|later|afterwards?|previously|(?:before|after){_CLAUSE_END}))(?![A-Za-z])"
)
# (pattern, steps, unit): fixed phrases counted from the anchor.
_PHRASES: tuple[tuple[str, int, str], ...] = (
    (r"(?i:the\s+(?:next|following)\s+(?:day|morning))", 1, "day"),
    (rf"(?i:the\s+day\s+after){_CLAUSE_END}", 1, "day"),
    (r"(?i:the\s+(?:previous|preceding)\s+day)", -1, "day"),
    (rf"(?i:the\s+day\s+before){_CLAUSE_END}", -1, "day"),
    (r"(?i:(?:that\s+|the\s+)same\s+day|(?:later|earlier)\s+that\s+day)", 0, "day"),
    (r"(?i:the\s+(?:following|next)\s+week)", 1, "span"),
    (r"(?i:the\s+(?:previous|preceding)\s+week)", -1, "span"),
    (r"(?i:the\s+following\s+month)", 1, "month"),
    (r"(?i:the\s+(?:previous|preceding)\s+month)", -1, "month"),
    (r"(?i:the\s+following\s+year)", 1, "year"),
    (rf"(?i:the\s+(?:previous|preceding)\s+year|the\s+year\s+before{_CLAUSE_END})", -1, "year"),
)
_VAGUE_COUNT = r"(?i:a\s+few|few|several)"
_FEW = rf"(?P<few>{_VAGUE_COUNT})"
_COMING = compile_rule(
    rf"(?i:in|within|over|during)\s+(?i:the)\s+(?i:coming|next|following)\s+"
    rf"(?:(?:{_FEW}|{NUMBER})\s+)?{UNIT}(?![A-Za-z])"
)
_WITHIN = compile_rule(
    r"(?:(?i:within)\s+(?:(?i:a\s+period\s+(?:of\s+)?))?"
    r"(?:(?i:not\s+exceeding|no\s+more\s+than|not\s+more\s+than|less\s+than|up\s+to)\s+)?"
    rf"|(?i:in)\s+(?={_VAGUE_COUNT}))(?:{_FEW}|{NUMBER})\s+{UNIT}(?:['\u2019]?s?\s+(?i:time))?"
    r"(?![A-Za-z])(?!\s+(?i:of)\b)"
)
# "in two years" alone may look back ("the first visit in two years"): only "time" makes it ahead.
_IN_TIME = compile_rule(
    rf"(?i:in)\s+(?:{_FEW}|{NUMBER})\s+{UNIT}['\u2019]?s?\s+(?i:time)(?![A-Za-z])"
)
_RECENT = compile_rule(
    rf"(?:(?i:in|over|during)\s+the\s+(?i:past|last)\s+(?:{_FEW}|{NUMBER})|(?i:in\s+recent))"
    rf"\s+{UNIT}(?![A-Za-z])"
)
# A vague count ("a few", "the coming") of each unit, as (days, months).
_VAGUE = {"day": (14, 0), "week": (56, 0), "month": (0, 6), "year": (0, 60)}


def _step(base: date, amount: int, unit: str) -> date | None:
    if unit in ("day", "week"):
        return add_days(base, amount * (7 if unit == "week" else 1))
    return add_months(base, amount * (12 if unit == "year" else 1))


def offset_value(base: date, length: int, amount: int, unit: str) -> str | None:
    """``base`` (known to ``length`` characters) moved by ``amount`` units, as precise as
    both the unit and the base allow; ``unit="span"`` moves by weeks and keeps the week."""
    if unit == "span":
        if length < 10:
            return base.isoformat()[:length]
        monday = monday_of(base)
        return week_value(None if monday is None else add_days(monday, 7 * amount))
    if _LENGTHS[unit] > length:
        return base.isoformat()[:length]
    moved = _step(base, amount, unit)
    return None if moved is None else moved.isoformat()[: _LENGTHS[unit]]


def _anchored(amount: int, unit: str, ctx: Context) -> Resolved:
    value = None if ctx.anchor is None else offset_value(*ctx.anchor, amount, unit)
    return Resolved(value, True, is_after(value, ctx.published))


def _on_later(m: re.Match[str], ctx: Context) -> Resolved:
    back = m["dir"].lower() in ("earlier", "previously", "before")
    amount = number_value(m["num"])
    return _anchored(-amount if back else amount, m["unit"].lower(), ctx)


def _phrase(steps: int, unit: str) -> Callable[[re.Match[str], Context], Resolved]:
    def resolve(m: re.Match[str], ctx: Context) -> Resolved:
        return _anchored(steps, unit, ctx)

    return resolve


def _on_ago(m: re.Match[str], ctx: Context) -> Resolved:
    published = ctx.published
    value = None
    if published is not None:
        value = offset_value(published, 10, -number_value(m["num"]), m["unit"].lower())
    return relative(value, ctx)


def _window_end(m: re.Match[str], start: date, sign: int) -> date | None:
    unit = m["unit"].lower()
    plural = m.string[m.end("unit") : m.end("unit") + 1].lower() == "s"
    if m["num"] is None and not plural:
        return _step(start, sign, unit)
    if m["num"] is None:
        days, months = _VAGUE[unit]
        moved = add_days(start, sign * days)
        return None if moved is None else add_months(moved, sign * months)
    return _step(start, sign * number_value(m["num"]), unit)


def _on_window(m: re.Match[str], ctx: Context) -> Resolved:
    """The coming window stays in one month, one year, or is worth nothing."""
    published = ctx.published
    if published is None:
        return relative(None, ctx, future=True)
    return relative(span_value(published, _window_end(m, published, 1)), ctx, future=True)


def _on_recent(m: re.Match[str], ctx: Context) -> Resolved:
    published = ctx.published
    if published is None:
        return relative(None, ctx)
    return relative(span_value(_window_end(m, published, -1), published), ctx)


RULES: tuple[Rule, ...] = (
    Rule("ago", _AGO, _on_ago),
    Rule("anchored-offset", _LATER, _on_later),
    *(
        Rule(f"anchored-phrase-{i}", compile_rule(pattern + r"(?![A-Za-z])"), _phrase(steps, unit))
        for i, (pattern, steps, unit) in enumerate(_PHRASES)
    ),
    Rule("coming-window", _COMING, _on_window),
    Rule("within-window", _WITHIN, _on_window),
    Rule("in-time-window", _IN_TIME, _on_window),
    Rule("recent-window", _RECENT, _on_recent),
)
