"""Grouping reports into happenings, the same way whatever order they arrive in.

Within a block (one type, one set of parties) reports are taken in a canonical order, most
precise date first, and each joins the existing group it fits best: it must be compatible
with *every* member (so a vague "in 2023" cannot chain two different events together), no
group may hold two reports from one article, and a report that fits two groups equally well
starts its own rather than guess.  Because the order is a function of the reports
themselves, the groups depend only on the set of reports: any permutation of the input
gives the same clusters, and a store can recompute a block from scratch whenever a new
article touches it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from .compare import DAY_SLACK, Comparison, compare
from .evidence import precision_rank, shifted, span
from .reports import Report, block_key

_TIE = 1e-9


@dataclass(frozen=True, slots=True)
class Link:
    """Why a report joined its cluster: the comparison with the cluster's lead report."""

    report_id: str
    lead_id: str
    score: float
    reasons: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.report_id} joined {self.lead_id} (score {self.score:.2f}): " + "; ".join(
            self.reasons
        )


@dataclass(frozen=True, slots=True)
class Cluster:
    """One happening: its reports (lead first) and why each later report joined."""

    id: str
    block: str
    reports: tuple[Report, ...]
    links: tuple[Link, ...] = ()

    @property
    def lead(self) -> Report:
        """The most precisely dated report, whose wording and provenance the event shows."""
        return self.reports[0]

    @property
    def corroboration(self) -> int:
        """How many different articles report this happening."""
        return len({r.article_id for r in self.reports})


def canonical_key(report: Report) -> tuple[int, str, str, str, str]:
    """Most precise date first, then earliest date, earliest report, article, event id."""
    event = report.event
    return (
        precision_rank(event.date),
        event.date or "",
        report.published or "\uffff",
        report.article_id,
        report.id,
    )


def _verdicts(members: list[Report], report: Report) -> list[Comparison]:
    """The comparisons with every member, lead first; [] as soon as one refuses."""
    found = []
    for member in members:
        verdict = compare(member, report)
        if not verdict.compatible:
            return []
        found.append(verdict)
    return found


def _time_keys(report: Report) -> list[tuple[int, ...]] | None:
    """Index keys of the leads a report's date can overlap; None (all) for an undated one.

    A lead dated to a day or month is filed under its month, a year under the year, an
    undated lead under ``()``; a compatible lead must overlap the report's span (give or
    take the one-day slack), so only those months and years need comparing.
    """
    found = span(report.event.date)
    if found is None:
        return None
    first, last = shifted(found[0], -DAY_SLACK), shifted(found[1], DAY_SLACK)
    keys: list[tuple[int, ...]] = [(), *((year,) for year in range(first.year, last.year + 1))]
    month = (first.year, first.month)
    while month <= (last.year, last.month):
        keys.append(month)
        month = (month[0] + month[1] // 12, month[1] % 12 + 1)
    return keys


def _lead_key(report: Report) -> tuple[int, ...]:
    found = span(report.event.date)
    if found is None:
        return ()
    if precision_rank(report.event.date) == 2:
        return (found[0].year,)
    return (found[0].year, found[0].month)


class _Groups:
    """Clusters being built, indexed by their lead's date so a report meets only its peers."""

    def __init__(self) -> None:
        self.members: list[list[Report]] = []
        self.links: list[list[Link]] = []
        self._by_time: dict[tuple[int, ...], list[int]] = {}

    def candidates(self, report: Report) -> list[int]:
        keys = _time_keys(report)
        if keys is None:
            return list(range(len(self.members)))
        return sorted(i for key in keys for i in self._by_time.get(key, ()))

    def start(self, report: Report) -> None:
        self._by_time.setdefault(_lead_key(report), []).append(len(self.members))
        self.members.append([report])
        self.links.append([])

    def best(self, report: Report) -> tuple[int, Comparison] | None:
        """The group ``report`` should join, with its comparison to the lead; None for a new one."""
        fits: list[tuple[float, int, Comparison]] = []
        for index in self.candidates(report):
            members = self.members[index]
            if any(m.article_id == report.article_id for m in members):
                continue
            verdicts = _verdicts(members, report)
            if verdicts:
                fits.append((max(v.score for v in verdicts), index, verdicts[0]))
        if not fits:
            return None
        fits.sort(key=lambda fit: (-fit[0], fit[1]))
        if len(fits) > 1 and fits[0][0] - fits[1][0] < _TIE:
            return None  # fits two happenings equally well: do not guess
        return fits[0][1], fits[0][2]


def _cluster_block(block: str, reports: list[Report]) -> list[Cluster]:
    groups = _Groups()
    for report in sorted(reports, key=canonical_key):
        found = groups.best(report)
        if found is None:
            groups.start(report)
            continue
        index, verdict = found
        lead = groups.members[index][0]
        groups.members[index].append(report)
        groups.links[index].append(Link(report.id, lead.id, verdict.score, verdict.reasons))
    return [
        Cluster(
            id=min(members, key=lambda r: (r.order, canonical_key(r))).id,
            block=block,
            reports=tuple(members),
            links=tuple(joined),
        )
        for members, joined in zip(groups.members, groups.links, strict=True)
    ]


def fuse_reports(reports: Iterable[Report]) -> list[Cluster]:
    """Group ``reports`` into clusters, one per happening; the result ignores input order.

    A report given twice (same event id) counts once: the canonically first copy is kept.
    Clusters come out by block, then in canonical order of their lead report.
    """
    unique: dict[str, Report] = {}
    for report in sorted(reports, key=lambda r: (canonical_key(r), r.order)):
        unique.setdefault(report.id, report)
    by_block = sorted(unique.values(), key=lambda r: (block_key(r.event), canonical_key(r)))
    clusters: list[Cluster] = []
    for block, members in groupby(by_block, key=lambda r: block_key(r.event)):
        clusters.extend(_cluster_block(block, list(members)))
    return clusters
