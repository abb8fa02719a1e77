"""End to end on the two seed articles and the dev set (skipped where ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.ingest import read_paths
from parley.pipeline import evaluate, extract

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SEEDS = SHARED / "seeds"
DEV = SHARED / "dev"

# Floors for the quality gate: they only go up (see `parley eval --gold ../shared/corpus/dev`).
FLOORS = {"events": 0.80, "date": 0.85, "persons": 0.88, "location": 0.66}

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"shared corpus not found at {SHARED}")


def _events(name: str):
    (extraction,) = list(extract(a for a in read_paths([SEEDS / name])))
    return extraction.events


def _one(events, type_: str, parties: set[str]):
    hits = [e for e in events if e.type == type_ and set(e.source) | set(e.target) == parties]
    assert hits, f"no {type_} {parties}: {[(e.type, e.source, e.target, e.evidence[:40]) for e in events]}"
    return hits


def test_seed_004_meeting_oil_invitation_and_protocols():
    events = _events("004_7129e41cf7a61032.txt")
    meetings = _one(events, "CONSULT", {"PAK", "RUS"})
    assert any(e.date == "2025-09-01" and e.location == "Beijing" for e in meetings)
    oil = _one(events, "COOPERATE", {"PAK", "RUS"})
    assert any(e.date == "2023" for e in oil)
    invitations = _one(events, "AGREE", {"PAK", "RUS"})
    assert any(e.source == ("RUS",) and e.date == "2025-09-01" and e.planned_for == "2025-11" for e in invitations)
    _one(events, "SUPPORT", {"PAK", "RUS"})


def test_seed_000_wednesday_meeting_without_publication_date_is_undated():
    events = _events("000_0a2ef75df305ed39.txt")
    meetings = _one(events, "CONSULT", {"PAK", "RUS"})
    mishustin = [e for e in meetings if any("Mishustin" in p for p in e.persons)]
    assert mishustin and all(e.date is None for e in mishustin)


@pytest.mark.skipif(not DEV.is_dir(), reason=f"dev set not found at {DEV}")
def test_dev_set_quality_gate():
    report = evaluate(DEV)
    assert report.overall.f1 >= FLOORS["events"]
    for field in ("date", "persons", "location"):
        assert report.field(field).accuracy >= FLOORS[field], field
