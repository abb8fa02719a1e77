"""Rules for dates written with calendar names and numbers: days, months and years.

A day or month without a year is still read against the article date, choosing the
occurrence the tense points to; a bare number is a year only when nothing around it says it
counts troops or dollars.
"""

from __future__ import annotations

import re
from datetime import date

from .patterns import (
    compile_rule,
    CUE,
    DAY,
    DAY_RANGE,
    MODIFIER,
    MONTH,
    WEEKDAY,
    YEAR,
    is_weak_month,
    month_number,
)
from .resolve import (
    Context,
    Resolved,
    Rule,
    absolute,
    add_days,
    make_date,
    month_value,
    relative,
    tensed,
    year_value,
)

_WEEKDAY_PREFIX = rf"(?:{WEEKDAY},?\s+)?"
_DAY_MONTH = compile_rule(
    rf"{_WEEKDAY_PREFIX}(?:the\s+)?{DAY}{DAY_RANGE}(?:\s+of)?\s+{MONTH}(?:,?\s+{YEAR})?"
)
_MONTH_DAY = compile_rule(rf"{_WEEKDAY_PREFIX}{MONTH}\s+{DAY}{DAY_RANGE}(?:,?\s+{YEAR})?")
_ISO_DAY = compile_rule(
    r"(?<![0-9-])(?P<year>[0-9]{4})-(?P<mm>[0-9]{2})-(?P<dd>[0-9]{2})(?![0-9])"
)
_MONTH_YEAR = compile_rule(rf"(?:{MODIFIER})?{MONTH}(?:,?\s+|\s+of\s+){YEAR}")
_MONTH_OF_YEAR = compile_rule(
    rf"(?:{MODIFIER})?{MONTH}(?:\s+of)?\s+(?P<rel>(?i:last|this|next))\s+(?i:year)(?![A-Za-z])"
)
_NAMED_MONTH = compile_rule(
    rf"(?:{MODIFIER})?(?P<rel>(?i:last|next|this|this\s+past|this\s+coming|coming))\s+{MONTH}"
)
_MONTH = compile_rule(rf"(?:{CUE}\s+)?(?P<x>(?:{MODIFIER})?{MONTH})")
_YEAR = compile_rule(rf"(?:{CUE}\s+)?(?P<x>(?:{MODIFIER})?(?<![\w$€£¥#.,/:]){YEAR})")

# Slack for "September 16" read in the past tense: reports of the coming weeks' plans
# still name their day without "next".
_PAST_SLACK_DAYS = 62
_POSSESSIVE = re.compile(r"\s*['\u2019]s\b")
_UNIT_AFTER = re.compile(
    r"\s*(?:%|(?i:per\s*cent|percent|million|billion|thousand|hours|hrs|gmt|utc|km|kilomet|"
    r"miles|tonnes|tons|metres|meters|feet|dollars|euros|yuan|rupees|barrels)\b)"
)
_PLURAL_AFTER = re.compile(
    r"\s+(?:people|men|women|children|police|personnel|staff|[a-z]+s)\b(?!['\u2019])"
)
_NOT_PLURAL = {"was", "has", "is", "as", "this", "its", "his", "us", "thus", "always", "across"}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "whose"}
_NOT_YEAR_BEFORE = {
    "resolution", "no", "no.", "number", "article", "section", "page", "pages", "flight", "route",
    "chapter", "paragraph", "item", "model", "vol", "vol.", "volume", "about", "around",
    "some", "nearly", "almost", "over", "than", "roughly", "approximately", "least", "only",
    "just", "estimated", "sent", "deployed", "killed", "code", "room", "line", "highway",
}  # fmt: skip


def _on_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    month, day = month_number(m["month"]), int(m["day"])
    if m["year"]:
        found = make_date(int(m["year"]), month, day)
        return None if found is None else absolute(found.isoformat(), ctx)
    return _day_without_year(month, day, ctx)


def _on_iso_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    found = make_date(int(m["year"]), int(m["mm"]), int(m["dd"]))
    return None if found is None else absolute(found.isoformat(), ctx)


def _day_without_year(month: int, day: int, ctx: Context) -> Resolved | None:
    """The occurrence of a month-day nearest the article date on the side the tense allows."""
    if make_date(2000, month, day) is None:
        return None
    published = ctx.published
    if published is None:
        return tensed(None, ctx)
    years = (published.year - 1, published.year, published.year + 1)
    found = [d for d in (make_date(y, month, day) for y in years) if d is not None]
    if ctx.prefer_future:
        ahead = [d for d in found if d >= published]
        pick = min(ahead) if ahead else None
    else:
        limit = add_days(published, _PAST_SLACK_DAYS) or date.max
        behind = [d for d in found if d <= limit]
        pick = max(behind) if behind else None
    return tensed(None if pick is None else pick.isoformat(), ctx)


def _on_month_year(m: re.Match[str], ctx: Context) -> Resolved:
    return absolute(month_value(int(m["year"]), month_number(m["month"])), ctx)


def _on_month_of_year(m: re.Match[str], ctx: Context) -> Resolved:
    step = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    published = ctx.published
    month = month_number(m["month"])
    value = None if published is None else month_value(published.year + step, month)
    return relative(value, ctx, future=step > 0)


def _on_named_month(m: re.Match[str], ctx: Context) -> Resolved:
    """"last May" is the latest May before this month; "next May" the first one after it."""
    rel = " ".join(m["rel"].lower().split())
    month, published = month_number(m["month"]), ctx.published
    if published is None:
        return relative(None, ctx, future=rel in ("next", "coming", "this coming"))
    year = published.year
    if rel in ("last", "this past"):
        year -= month >= published.month
    elif rel in ("next", "coming", "this coming"):
        year += month <= published.month
    return relative(month_value(year, month), ctx, future=rel in ("next", "coming", "this coming"))


def _on_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    token = m["month"]
    if is_weak_month(token):
        if not (m["cue"] or m["mod"]) or _POSSESSIVE.match(m.string, m.end()):
            return None
    month, published = month_number(token), ctx.published
    if published is None:
        return tensed(None, ctx)
    if ctx.prefer_future:
        year = published.year + (month < published.month)
    else:
        year = published.year - (month > published.month)
    return tensed(month_value(year, month), ctx)


def _on_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    text, end = m.string, m.end()
    if _UNIT_AFTER.match(text, end):
        return None
    cue = (m["cue"] or "").lower()
    if not m["mod"] and cue in ("", "of"):
        before = text[: m.start("x")].split()
        word = before[-1].lower() if before else ""
        if word in _NOT_YEAR_BEFORE:
            return None
        plural = _PLURAL_AFTER.match(text, end)
        counted = plural is not None and plural.group().strip() not in _NOT_PLURAL
        named = word in _DETERMINERS or word.endswith(("'s", "\u2019s"))
        if counted and (cue == "of" or not named):
            return None
    return absolute(year_value(int(m["year"])), ctx)


RULES: tuple[Rule, ...] = (
    Rule("day-month", _DAY_MONTH, _on_day),
    Rule("month-day", _MONTH_DAY, _on_day),
    Rule("iso-day", _ISO_DAY, _on_iso_day),
    Rule("month-year", _MONTH_YEAR, _on_month_year),
    Rule("month-of-year", _MONTH_OF_YEAR, _on_month_of_year),
    Rule("named-month", _NAMED_MONTH, _on_named_month),
    Rule("month", _MONTH, _on_month),
    Rule("year", _YEAR, _on_year),
)
