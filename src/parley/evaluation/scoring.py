"""Scoring predictions against gold: event matching, field accuracies, error lists.

``score`` takes plain documents keyed by article id so that the CLI can pass either a loaded
prediction file or fresh ``Extraction.to_gold_dict()`` output without a round trip to disk.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .fields import date_right, direction_right, location_right, mode_right, persons_f1
from .matching import ArticleMatch, match_article
from .records import (
    Confusion,
    EvalReport,
    EventRef,
    FieldMismatch,
    FieldScore,
    TypeScore,
    document_events,
)

FIELDS = ("date", "planned_for", "location", "persons", "mode", "direction")


def _show(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, tuple):
        return ", ".join(value) if value else "[]"
    return str(value)


def _judge(gold: EventRef, predicted: EventRef) -> dict[str, tuple[float, object, object]]:
    """Per applicable field: (credit, gold value, predicted value) for one matched pair."""
    verdicts: dict[str, tuple[float, object, object]] = {
        "date": (date_right(gold.date, predicted.date), gold.date, predicted.date),
    }
    if gold.planned_for is not None:
        verdicts["planned_for"] = (
            date_right(gold.planned_for, predicted.planned_for),
            gold.planned_for, predicted.planned_for,
        )
    verdicts["location"] = (
        location_right(gold.location, predicted.location), gold.location, predicted.location
    )
    verdicts["persons"] = (
        persons_f1(gold.persons, predicted.persons), gold.persons, predicted.persons
    )
    verdicts["mode"] = (mode_right(gold.mode, predicted.mode), gold.mode, predicted.mode)
    verdicts["direction"] = (
        direction_right(gold, predicted),
        f"{_show(gold.source)} -> {_show(gold.target)}",
        f"{_show(predicted.source)} -> {_show(predicted.target)}",
    )
    return verdicts


def _field_scores(
    matches: list[ArticleMatch],
) -> tuple[tuple[FieldScore, ...], tuple[FieldMismatch, ...]]:
    right: dict[str, float] = dict.fromkeys(FIELDS, 0.0)
    total: Counter[str] = Counter()
    mismatches: list[FieldMismatch] = []
    for match in matches:
        for gold, predicted in match.pairs:
            for name, (credit, want, got) in _judge(gold, predicted).items():
                right[name] += float(credit)
                total[name] += 1
                if credit < 1.0:
                    mismatches.append(FieldMismatch(
                        gold.article_id, gold.type, name, _show(want), _show(got),
                        gold.evidence,
                    ))
    scores = tuple(FieldScore(name, right[name], total[name]) for name in FIELDS)
    return scores, tuple(mismatches)


def _type_scores(matches: list[ArticleMatch]) -> tuple[TypeScore, ...]:
    gold: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    tp: Counter[str] = Counter()
    for match in matches:
        for event, _ in match.pairs:
            tp[event.type] += 1
        gold.update(event.type for event, _ in match.pairs)
        gold.update(event.type for event in match.missed)
        predicted.update(event.type for _, event in match.pairs)
        predicted.update(event.type for event in match.spurious)
    kinds = sorted(set(gold) | set(predicted))
    return tuple(TypeScore(kind, gold[kind], predicted[kind], tp[kind]) for kind in kinds)


def _confusion(matches: list[ArticleMatch]) -> tuple[Confusion, ...]:
    counts = Counter(pair for match in matches for pair in match.confusions)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(Confusion(g, p, n) for (g, p), n in ordered)


def score(gold: dict[str, dict[str, Any]], predicted: dict[str, dict[str, Any]]) -> EvalReport:
    """Score predictions against gold, both keyed by article id.

    An article without predictions predicts nothing (all its gold events are missed);
    predictions for articles outside the gold are ignored and listed in the report.
    """
    matches: list[ArticleMatch] = []
    for article_id, document in gold.items():
        want = document_events(article_id, document, f"gold article {article_id}")
        got: tuple[EventRef, ...] = ()
        if article_id in predicted:
            got = document_events(
                article_id, predicted[article_id], f"predictions for article {article_id}"
            )
        matches.append(match_article(want, got))
    per_type = _type_scores(matches)
    overall = TypeScore(
        "all",
        sum(t.gold for t in per_type),
        sum(t.predicted for t in per_type),
        sum(t.tp for t in per_type),
    )
    in_gold = [t.f1 for t in per_type if t.gold]
    fields, mismatches = _field_scores(matches)
    return EvalReport(
        articles=len(gold),
        overall=overall,
        per_type=per_type,
        macro_f1=sum(in_gold) / len(in_gold) if in_gold else 0.0,
        fields=fields,
        confusion=_confusion(matches),
        missed=tuple(e for m in matches for e in m.missed),
        spurious=tuple(e for m in matches for e in m.spurious),
        mismatches=mismatches,
        ignored_articles=tuple(sorted(set(predicted) - set(gold))),
    )


def report_to_dict(report: EvalReport) -> dict[str, Any]:
    """The report as plain JSON-ready data, with derived rates spelled out."""
    return {
        "articles": report.articles,
        "gold_events": report.gold_events,
        "predicted_events": report.predicted_events,
        "overall": report.overall.to_dict(),
        "macro_f1": report.macro_f1,
        "per_type": [t.to_dict() for t in report.per_type],
        "fields": {f.name: f.to_dict() for f in report.fields},
        "confusion": [c.to_dict() for c in report.confusion],
        "missed": [e.to_dict() for e in report.missed],
        "spurious": [e.to_dict() for e in report.spurious],
        "mismatches": [m.to_dict() for m in report.mismatches],
        "ignored_articles": list(report.ignored_articles),
    }
