"""Measuring fusion against gold clusters with pairwise precision, recall and F1.

Pairwise scoring counts, over every pair of reports, whether fusion put them together and
whether the gold does: a false merge costs precision, a missed merge costs recall, and a
cluster of n reports weighs n(n-1)/2 pairs.  Gold comes in two forms: a fusion gold file
(one invented report per line with its ``cluster`` label) and a guideline corpus folder
(``articles.jsonl`` + ``gold.jsonl``) with a labels file naming which of its events are the
same happening (``"dev-008#0"`` = the first event of dev-008; unnamed events stand alone).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..model import Event
from .cluster import Cluster, fuse_reports
from .reports import Report

_EVENT_FIELDS = ("type", "source", "target")


@dataclass(frozen=True, slots=True)
class PairScore:
    """Pairwise fusion scores, with the pairs behind them for inspection."""

    gold_pairs: int
    predicted_pairs: int
    correct_pairs: int
    false_merges: tuple[tuple[str, str], ...] = ()
    missed_merges: tuple[tuple[str, str], ...] = ()

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold_pairs": self.gold_pairs,
            "predicted_pairs": self.predicted_pairs,
            "correct_pairs": self.correct_pairs,
            "false_merges": [list(p) for p in self.false_merges],
            "missed_merges": [list(p) for p in self.missed_merges],
        }


def _pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for group in groups:
        found.update(combinations(sorted(group), 2))
    return found


def pairwise_score(clusters: Iterable[Cluster], labels: Mapping[str, str]) -> PairScore:
    """Score ``clusters`` against gold ``labels`` (report id -> happening label)."""
    predicted = _pairs([r.id for r in c.reports] for c in clusters)
    by_label: dict[str, list[str]] = {}
    for report_id, label in labels.items():
        by_label.setdefault(label, []).append(report_id)
    gold = _pairs(by_label.values())
    return PairScore(
        gold_pairs=len(gold),
        predicted_pairs=len(predicted),
        correct_pairs=len(gold & predicted),
        false_merges=tuple(sorted(predicted - gold)),
        missed_merges=tuple(sorted(gold - predicted)),
    )


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"cannot read the file: {exc}", where=str(path)) from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(
                f"invalid JSON ({exc.msg})", where=f"{path.name} line {number}"
            ) from exc
        if not isinstance(data, dict):
            raise EvalError("expected a JSON object", where=f"{path.name} line {number}")
        yield number, data


def _event(data: dict[str, Any], *, event_id: str, article_id: str, where: str) -> Event:
    missing = [name for name in _EVENT_FIELDS if name not in data]
    if missing:
        raise EvalError(f"missing field(s) {', '.join(missing)}", where=where)
    return Event.from_dict({"mode": None, **data, "id": event_id, "article_id": article_id})


def load_fusion_gold(path: str | Path) -> tuple[list[Report], dict[str, str]]:
    """Reports and their gold labels from a fusion gold JSONL file.

    Each line is an event in the guideline's fields plus ``id``, ``article``, ``published``
    and ``cluster`` (the happening it reports).
    """
    source = Path(path)
    reports: list[Report] = []
    labels: dict[str, str] = {}
    for number, data in _jsonl(source):
        where = f"{source.name} line {number}"
        for key in ("id", "article", "cluster"):
            if not isinstance(data.get(key), str) or not data[key]:
                raise EvalError(f"missing or empty {key!r}", where=where)
        if data["id"] in labels:
            raise EvalError(f"id {data['id']!r} is used twice", where=where)
        event = _event(data, event_id=data["id"], article_id=data["article"], where=where)
        reports.append(Report(event, published=data.get("published"), order=number))
        labels[data["id"]] = data["cluster"]
    return reports, labels


def load_corpus_reports(folder: str | Path) -> list[Report]:
    """Every gold event of a guideline corpus folder as a report ``<article id>#<index>``."""
    root = Path(folder)
    published = {
        data.get("id"): data.get("published") for _, data in _jsonl(root / "articles.jsonl")
    }
    reports: list[Report] = []
    for number, data in _jsonl(root / "gold.jsonl"):
        article = str(data.get("id"))
        for index, raw in enumerate(data.get("events", [])):
            where = f"gold.jsonl line {number} event {index}"
            event = _event(raw, event_id=f"{article}#{index}", article_id=article, where=where)
            reports.append(Report(event, published=published.get(article), order=len(reports)))
    return reports


def load_cluster_labels(path: str | Path, reports: Iterable[Report]) -> dict[str, str]:
    """Gold labels for ``reports`` from a JSON file ``{"clusters": [[id, ...], ...]}``."""
    source = Path(path)
    try:
        groups = json.loads(source.read_text(encoding="utf-8"))["clusters"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EvalError(f"cannot read the cluster labels: {exc}", where=str(source)) from exc
    labels = {r.id: r.id for r in reports}
    for number, group in enumerate(groups):
        for report_id in group:
            if report_id not in labels:
                raise EvalError(f"unknown report id {report_id!r}", where=source.name)
            labels[report_id] = f"cluster-{number}"
    return labels


def evaluate_gold_file(path: str | Path) -> PairScore:
    """Fuse the reports of a fusion gold file and score them against its labels."""
    reports, labels = load_fusion_gold(path)
    return pairwise_score(fuse_reports(reports), labels)


def evaluate_corpus(folder: str | Path, labels_path: str | Path) -> PairScore:
    """Fuse the gold events of a corpus folder and score them against a labels file."""
    reports = load_corpus_reports(folder)
    return pairwise_score(fuse_reports(reports), load_cluster_labels(labels_path, reports))
