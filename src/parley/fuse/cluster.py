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

from .compare import Comparison, compare
from .evidence import precision_rank
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


def _best(groups: list[list[Report]], report: Report) -> tuple[int, Comparison] | None:
    """The group ``report`` should join, with its comparison to the lead; None for a new one."""
    fits: list[tuple[float, int, Comparison]] = []
    for index, members in enumerate(groups):
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
    groups: list[list[Report]] = []
    links: list[list[Link]] = []
    for report in sorted(reports, key=canonical_key):
        found = _best(groups, report)
        if found is None:
            groups.append([report])
            links.append([])
            continue
        index, verdict = found
        lead = groups[index][0]
        groups[index].append(report)
        links[index].append(Link(report.id, lead.id, verdict.score, verdict.reasons))
    return [
        Cluster(
            id=min(members, key=lambda r: (r.order, canonical_key(r))).id,
            block=block,
            reports=tuple(members),
            links=tuple(joined),
        )
        for members, joined in zip(groups, links)
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
