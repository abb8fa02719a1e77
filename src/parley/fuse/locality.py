"""Which reports of a block can ever meet, so a store re-fuses only the part a report touches.

``fuse_reports`` takes a block's reports in one canonical order and lets each join a group it
is compatible with (``compare``) in every member.  A report's choice therefore depends only
on groups made of reports it is compatible with; so if the block splits into *components*
(sets with no compatible pair across them), fusing each component alone gives exactly the
clusters of fusing the whole block.  A store can keep a component label per report and, when
a report arrives, re-fuse only the components of the reports it is compatible with: the
result is the same as re-fusing the block, in any order, at a cost that does not grow with
the block.

Compatible reports must overlap in time (``compare``'s date rules), so each report is filed
under a *time key* (``M2025-09``: dated to that month or a day in it; ``Y2025``: dated to
that year; ``U2025-09``/``V2025``: undated, published in that month/year) and
``neighbour_keys`` lists every key a compatible report can have.  Lookups by key find every
candidate; ``compare`` decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from .compare import DAY_SLACK, RECENT_WINDOW, REPORT_WINDOW, compare
from .evidence import precision_rank, shifted, span
from .reports import Report

_DATED_MONTH, _DATED_YEAR, _PUBLISHED_MONTH, _PUBLISHED_YEAR = "M", "Y", "U", "V"
_YEAR_ONLY = 2


def _months(prefix: str, first: date, last: date) -> Iterator[str]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield f"{prefix}{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _years(prefix: str, first: date, last: date) -> Iterator[str]:
    return (f"{prefix}{year:04d}" for year in range(first.year, last.year + 1))


def _published(report: Report) -> tuple[date, date] | None:
    return span(report.published)


def time_key(report: Report) -> str | None:
    """The key a report is filed under; None when it has no time and can fuse with nothing."""
    dated = span(report.event.date)
    if dated is not None:
        if precision_rank(report.event.date) == _YEAR_ONLY:
            return f"{_DATED_YEAR}{dated[0].year:04d}"
        return f"{_DATED_MONTH}{dated[0].year:04d}-{dated[0].month:02d}"
    published = _published(report)
    if published is None:
        return None
    if precision_rank(report.published) == _YEAR_ONLY:
        return f"{_PUBLISHED_YEAR}{published[0].year:04d}"
    return f"{_PUBLISHED_MONTH}{published[0].year:04d}-{published[0].month:02d}"


def neighbour_keys(report: Report) -> list[str]:
    """Every time key a report compatible with ``report`` can be filed under.

    The bounds follow ``compare``: dated reports overlap give or take the day of slack; an
    undated report tells of something at most ``RECENT_WINDOW`` before it appeared and not
    after; two undated reports appeared within ``REPORT_WINDOW`` of each other.
    """
    dated = span(report.event.date)
    if dated is not None:
        near = (shifted(dated[0], -DAY_SLACK), shifted(dated[1], DAY_SLACK))
        reported = (near[0], shifted(dated[1], RECENT_WINDOW.days))
        return [
            *_months(_DATED_MONTH, *near),
            *_years(_DATED_YEAR, *near),
            *_months(_PUBLISHED_MONTH, *reported),
            *_years(_PUBLISHED_YEAR, *reported),
        ]
    published = _published(report)
    if published is None:
        return []
    told = (shifted(published[0], -RECENT_WINDOW.days), shifted(published[1], DAY_SLACK))
    alongside = (
        shifted(published[0], -REPORT_WINDOW.days),
        shifted(published[0], REPORT_WINDOW.days),
    )
    return [
        *_months(_DATED_MONTH, *told),
        *_years(_DATED_YEAR, *told),
        *_months(_PUBLISHED_MONTH, *alongside),
        *_years(_PUBLISHED_YEAR, *alongside),
    ]


class _Roots:
    """Union–find over report indexes."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def components(reports: Iterable[Report]) -> list[list[Report]]:
    """The reports split so that no compatible pair lies across two parts (connected parts).

    Each report is compared only with the earlier ones filed under its neighbour keys, and
    not at all with those already known to be in its part.
    """
    found: Sequence[Report] = list(reports)
    roots = _Roots(len(found))
    filed: dict[str, list[int]] = {}
    for index, report in enumerate(found):
        for key in neighbour_keys(report):
            for other in filed.get(key, ()):
                if roots.find(other) != roots.find(index) and compare(found[other], report).compatible:
                    roots.join(other, index)
        key = time_key(report)
        if key is not None:
            filed.setdefault(key, []).append(index)
    parts: dict[int, list[Report]] = {}
    for index, report in enumerate(found):
        parts.setdefault(roots.find(index), []).append(report)
    return list(parts.values())
