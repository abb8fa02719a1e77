"""Find every time expression in a sentence and resolve it.

All rules run over the whole sentence; where their matches overlap, the longest wins, so
"12 September 2023" is one date and not a day-month plus a year, and "December last year"
is not read as "last year".  A rule may veto its own match (a verb "may", an impossible
"February 30"): the vetoed span still blocks shorter readings of the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import DateRef
from . import explicit, offsets, relative
from .resolve import make_context

_RULES = (*explicit.RULES, *relative.RULES, *offsets.RULES)

Candidate = tuple[int, int, int, "re.Match[str]"]


@dataclass(frozen=True, slots=True)
class DateScan:
    """The time expressions of a text, found once and resolvable against any context.

    Which readings win does not depend on the article's date (a vetoed reading still blocks
    shorter ones), so a sentence read both as plain report and as plan is scanned only once.
    """

    text: str
    found: tuple[Candidate, ...]

    def resolve(self, *, published: str | None, anchor: str | None = None, prefer_future: bool = False) -> list[DateRef]:
        ctx = make_context(published, anchor, prefer_future)
        refs = []
        for start, end, order, match in self.found:
            result = _RULES[order].resolve(match, ctx)
            if result is not None:
                refs.append(DateRef(self.text[start:end], start, end, *result))
        return refs


# Every rule needs a digit, a month or weekday name, or a word of time ("today", "week",
# "morning"...); a sentence with none of them is not scanned rule by rule.  Prefixes, so
# "Sept", "days" and "weekend" count; a false alarm ("market") only costs the full scan.
_ANY_CUE = re.compile(
    r"[0-9]|(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun"
    r"|today|tonight|yesterday|tomorrow|day|week|month|year|morning|afternoon|evening|night))"
)


def scan_dates(text: str) -> DateScan:
    """Every time expression in ``text``, the longest of overlapping readings, in text order."""
    if _ANY_CUE.search(text) is None:
        return DateScan(text, ())
    return scan_every_rule(text)


def scan_every_rule(text: str) -> DateScan:
    """``scan_dates`` without the quick test for time words: what the test is checked against."""
    candidates: list[Candidate] = []
    for order, rule in enumerate(_RULES):
        named = "x" in rule.pattern.groupindex
        for match in rule.pattern.finditer(text):
            start, end = match.span("x") if named and match["x"] is not None else match.span()
            if end > start:
                candidates.append((start, end, order, match))
    return DateScan(text, tuple(_longest_first(candidates)))


def find_dates(
    text: str, *, published: str | None, anchor: str | None = None, prefer_future: bool = False
) -> list[DateRef]:
    """Every time expression in ``text``, sorted by position and never overlapping.

    ``published`` (``YYYY-MM-DD``) is the article date that relative words count from; without
    it they resolve to ``None``.  ``anchor`` (``YYYY[-MM[-DD]]``) is the date of the event
    told just before, for "a month earlier".  ``prefer_future`` reads a bare "Monday" or
    "in November" as the coming one, for sentences about plans.
    """
    return scan_dates(text).resolve(published=published, anchor=anchor, prefer_future=prefer_future)


def _longest_first(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping matches (the earlier rule on a tie), in text order."""
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[0], c[2])):
        if all(cand[1] <= k[0] or cand[0] >= k[1] for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c[0])
