"""Whether two reports can be the same happening, how strongly, and why.

The rules are vetoes first, then evidence.  A veto keeps apart what cannot be one happening:
another type or set of parties, two reports from one article (the extractor already split
them), dates that cannot overlap, other cities or host countries, other people, other
planned dates.  What survives is scored so a report that fits several events joins the
best one; and the coarser the dates, the more the reports must share besides (a place,
people, topics or wording), since "in 2023" fits every event of that year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .evidence import (
    content_words,
    jaccard,
    precision_rank,
    same_place,
    shared_persons,
    shifted,
    span,
)
from .reports import Report, parties

# Two outlets may date one meeting a day apart (time zones, "yesterday" from another day).
DAY_SLACK = 1
# Undated reports of one happening appear within days of each other...
REPORT_WINDOW = timedelta(days=7)
# ... and an undated report tells of something recent, not of an event long before it.
RECENT_WINDOW = timedelta(days=14)
MIN_WORDING = 0.2

_TIME_SCORES = {"same day": 3.0, "adjacent days": 2.0, "same month": 1.5, "same year": 0.5}


@dataclass(frozen=True, slots=True)
class Comparison:
    """The verdict on two reports: can they be one happening, with what score, and why."""

    compatible: bool
    score: float
    reasons: tuple[str, ...]


def _refused(reason: str) -> Comparison:
    return Comparison(False, 0.0, (reason,))


def _overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    """Whether two spans can be one time; two single days may be one day apart."""
    slack = DAY_SLACK if a[0] == a[1] and b[0] == b[1] else 0
    return shifted(a[0], -slack) <= b[1] and shifted(b[0], -slack) <= a[1]


def _undated_time(a: Report, b: Report, x: tuple[date, date] | None) -> str | None:
    """The veto for a report ``b`` without a date, beside ``a`` (dated by ``x`` or not).

    With neither a date nor a publication date a report has no time at all, and nothing
    may be fused with it.  Otherwise it tells of something recent: it can be a dated event
    only if that fell within the window before it appeared, and another undated report
    only if both appeared within the window.
    """
    published = span(b.published)
    if published is None:
        return "no date and no publication date"
    if x is None:
        other = span(a.published)
        if other is None:
            return "no date and no publication date"
        if abs(other[0] - published[0]) > REPORT_WINDOW:
            return "no date, and the reports are far apart"
        return None
    if shifted(x[0], -DAY_SLACK) > published[1]:
        return "dated after the other report was published"
    if x[1] < published[0] - RECENT_WINDOW:
        return "dated long before the undated report appeared"
    return None


def _time(a: Report, b: Report) -> tuple[str | None, str]:
    """(veto or None, how well the dates agree): a ``_TIME_SCORES`` key or ``"undated"``."""
    x, y = span(a.event.date), span(b.event.date)
    if x is not None and y is not None:
        if not _overlap(x, y):
            return f"dates differ ({a.event.date} vs {b.event.date})", ""
        ranks = {precision_rank(a.event.date), precision_rank(b.event.date)}
        if ranks == {0}:
            return None, "same day" if x == y else "adjacent days"
        return None, "same month" if 2 not in ranks else "same year"
    veto = (_undated_time(a, b, x) if y is None else None) or (
        _undated_time(b, a, y) if x is None else None
    )
    return veto, "undated"


def _planned(a: Report, b: Report) -> str | None:
    x, y = span(a.event.planned_for), span(b.event.planned_for)
    if x is not None and y is not None and not _overlap(x, y):
        return f"planned for different times ({a.event.planned_for} vs {b.event.planned_for})"
    return None


def _place(a: Report, b: Report) -> tuple[str | None, bool]:
    """(veto or None, whether both name the same city)."""
    ea, eb = a.event, b.event
    if ea.location_country and eb.location_country and ea.location_country != eb.location_country:
        return f"in different countries ({ea.location_country} vs {eb.location_country})", False
    if ea.location and eb.location:
        if not same_place(ea.location, eb.location):
            return f"in different places ({ea.location} vs {eb.location})", False
        return None, True
    return None, False


def _different_people(a: tuple[str, ...], b: tuple[str, ...], shared: tuple[str, ...]) -> bool:
    """Whether the named people rule out one happening.

    A report naming one person may name only one side of a meeting ("Putin received..."
    beside "Sharif and Wang..."), so only disjoint lists that both name two or more people
    (both sides each time) count as different people.
    """
    return not shared and min(len(a), len(b)) >= 2


def _kind_veto(a: Report, b: Report) -> str | None:
    if a.article_id == b.article_id:
        return "reported by the same article"
    if a.event.type != b.event.type:
        return f"different types ({a.event.type} vs {b.event.type})"
    if parties(a.event) != parties(b.event) or not parties(a.event):
        return "different parties"
    return None


def _anchor_veto(time: str, place: bool, people: bool, content: bool) -> str | None:
    """The evidence coarse dates need before two reports may be fused."""
    if time == "same year" and not (place or people or content):
        return "only the year agrees and nothing else is shared"
    if time == "undated" and not (place or people):
        return "no date, and no shared place or people"
    return None


def compare(a: Report, b: Report) -> Comparison:
    """Can ``a`` and ``b`` be reports of one happening? Symmetric in its verdict and score."""
    ea, eb = a.event, b.event
    veto = _kind_veto(a, b) or _planned(a, b)
    if veto:
        return _refused(veto)
    veto, time = _time(a, b)
    if veto:
        return _refused(veto)
    veto, place = _place(a, b)
    if veto:
        return _refused(veto)
    people = shared_persons(ea.persons, eb.persons)
    if _different_people(ea.persons, eb.persons, people):
        return _refused("different people")
    topics = set(ea.topics) & set(eb.topics)
    wording = jaccard(content_words(ea.evidence), content_words(eb.evidence))
    content = bool(topics) or wording >= MIN_WORDING
    veto = _anchor_veto(time, place, bool(people), content)
    if veto:
        return _refused(veto)

    reasons = [f"same type {ea.type}", f"same parties {'+'.join(sorted(parties(ea)))}"]
    score = _TIME_SCORES.get(time, 0.0)
    reasons.append(f"dates agree: {time} ({ea.date or '-'} ~ {eb.date or '-'})")
    if place:
        score += 2.0
        reasons.append(f"same place ({ea.location} ~ {eb.location})")
    if people:
        score += 1.5
        reasons.append(f"shared persons ({', '.join(people)})")
    if topics:
        score += jaccard(set(ea.topics), set(eb.topics))
        reasons.append(f"shared topics ({', '.join(sorted(topics))})")
    if wording >= MIN_WORDING:
        score += 2.0 * wording
        reasons.append(f"similar wording ({wording:.2f})")
    if ea.mode and ea.mode == eb.mode:
        score += 0.5
        reasons.append(f"same mode {ea.mode}")
    if ea.planned_for and ea.planned_for == eb.planned_for:
        score += 1.0
        reasons.append(f"same planned date {ea.planned_for}")
    return Comparison(True, round(score, 6), tuple(reasons))
