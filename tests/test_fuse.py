"""Fusion of reports into happenings: the rules, order independence, merging, and scores on
the fusion gold (ours, and the dev corpus when it is beside the checkout)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.errors import EvalError
from parley.fuse import (
    Report,
    compare,
    components,
    fuse_reports,
    merge_cluster,
    neighbour_keys,
    pairwise_score,
    time_key,
)
from parley.fuse.evaluate import evaluate_corpus, evaluate_gold_file, load_fusion_gold
from parley.fuse.evidence import same_person, same_place, span
from parley.model import Event

FUSION = Path(__file__).parent / "fixtures" / "fusion"
GOLD = FUSION / "gold.jsonl"
DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def report(rid: str, article: str, published: str | None = "2025-09-02", **fields: object) -> Report:
    values: dict[str, object] = {
        "type": "CONSULT",
        "mode": None,
        "source": ("PAK",),
        "target": ("RUS",),
        "date": "2025-09-01",
        "evidence": f"Report {rid}.",
    }
    values.update(fields)
    return Report(Event(id=rid, article_id=article, **values), published=published)  # type: ignore[arg-type]


# --- the pairwise rules ------------------------------------------------------------------

RULES = [
    ({}, {}, True, "same day"),
    ({}, {"date": "2025-09-02"}, True, "adjacent days"),
    ({}, {"date": "2025-09-03"}, False, "dates differ"),
    ({}, {"date": "2025-09"}, True, "same month"),
    ({"date": "2025-09"}, {"date": "2025-10-01"}, False, "dates differ"),
    ({}, {"date": "2025-10-01"}, False, "dates differ"),
    ({}, {"source": ("RUS",), "target": ("PAK",)}, True, "same parties PAK+RUS"),
    ({}, {"target": ("RUS", "CHN")}, False, "different parties"),
    ({}, {"type": "AGREE"}, False, "different types"),
    ({"location": "Beijing"}, {"location": "Tianjin"}, False, "different places"),
    ({"location": "Washington, D.C."}, {"location": "Washington"}, True, "same place"),
    ({"location_country": "CHN"}, {"location_country": "RUS"}, False, "different countries"),
    (
        {"persons": ("Shehbaz Sharif", "Vladimir Putin")},
        {"persons": ("Shahbaz Sharif",)},
        True,
        "shared persons",
    ),
    (
        {"persons": ("Ishaq Dar", "Sergey Lavrov")},
        {"persons": ("Shehbaz Sharif", "Vladimir Putin")},
        False,
        "different people",
    ),
    ({"persons": ("Vladimir Putin",)}, {"persons": ("Shehbaz Sharif",)}, True, "same day"),
    ({"planned_for": "2025-11"}, {"planned_for": "2026"}, False, "planned for different times"),
    (
        {"date": "2023", "evidence": "Crude imports began."},
        {"date": "2023", "evidence": "Joint drills were held."},
        False,
        "only the year agrees",
    ),
    (
        {"date": "2023", "topics": ("energy",)},
        {"date": "2023-06", "topics": ("energy", "trade")},
        True,
        "shared topics",
    ),
    ({"date": None}, {"date": None}, False, "no date, and no shared place or people"),
    ({"date": None, "location": "Ankara"}, {"date": None, "location": "Ankara"}, True, "same place"),
    ({"date": None}, {"location": "Ankara", "persons": ("Sisi",)}, False, "no shared place or people"),
]


@pytest.mark.parametrize(("left", "right", "compatible", "reason"), RULES)
def test_comparison_rules(left: dict, right: dict, compatible: bool, reason: str) -> None:
    a, b = report("a", "art-a", **left), report("b", "art-b", **right)

    verdict, mirrored = compare(a, b), compare(b, a)

    assert verdict.compatible is compatible
    assert any(reason in line for line in verdict.reasons), verdict.reasons
    assert (mirrored.compatible, mirrored.score) == (verdict.compatible, verdict.score)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_dates_at_the_ends_of_the_calendar_are_compared_without_overflow(day: str) -> None:
    reports = [
        report("a", "art-a", date=day),
        report("b", "art-b", date=day),
        report("c", "art-c", date=day[:4]),
    ]
    assert [len(c.reports) for c in fuse_reports(reports)] == [3]


def test_two_reports_in_one_article_are_never_one_happening() -> None:
    verdict = compare(report("a", "art-a"), report("b", "art-a"))
    assert (verdict.compatible, verdict.reasons) == (False, ("reported by the same article",))


@pytest.mark.parametrize(
    ("undated_published", "dated_published", "reason"),
    [
        ("2025-09-05", "2025-09-02", None),
        ("2025-08-20", "2025-09-02", "dated after the other report was published"),
        ("2025-12-01", "2025-09-02", "dated long before the undated report appeared"),
        (None, "2025-09-02", "no date and no publication date"),  # has no time at all
    ],
)
def test_an_undated_report_fuses_only_with_a_recent_event(
    undated_published: str | None, dated_published: str, reason: str | None
) -> None:
    dated = report("a", "art-a", dated_published, location="Ankara", persons=("Abdel Fattah el-Sisi",))
    undated = report(
        "b", "art-b", published=undated_published, date=None, location="Ankara", persons=("Sisi",)
    )
    verdict = compare(dated, undated)
    assert verdict.compatible is (reason is None)
    assert reason is None or verdict.reasons == (reason,)


@pytest.mark.parametrize(
    ("published", "reason"),
    [
        (("2025-09-02", "2025-09-04"), None),
        (("2025-09-02", "2025-10-04"), "far apart"),
        ((None, "2025-09-02"), "no publication date"),
    ],
)
def test_two_undated_reports_fuse_only_when_they_appeared_close_together(
    published: tuple[str | None, str | None], reason: str | None
) -> None:
    a = report("a", "art-a", published[0], date=None, location="Islamabad", persons=("Shehbaz Sharif",))
    b = report("b", "art-b", published[1], date=None, location="Islamabad", persons=("Sharif",))
    verdict = compare(a, b)
    assert verdict.compatible is (reason is None)
    assert reason is None or reason in verdict.reasons[0]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Erdoğan", "Recep Tayyip Erdogan", True),
        ("Shahbaz Sharif", "Shehbaz Sharif", True),
        ("Mohamed bin Zayed", "Mohamed bin Zayed Al Nahyan", True),
        ("Xi Jinping", "Li Qiang", False),
        ("", "Li Qiang", False),
    ],
)
def test_person_names_meet_across_spellings(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("New Delhi", "Delhi", True), ("Washington, D.C.", "Washington", True), ("Beijing", "Tianjin", False)],
)
def test_place_names_meet_across_forms(a: str, b: str, same: bool) -> None:
    assert same_place(a, b) is same


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2023", "2023-01-01", "2023-12-31"),
        ("2025-09-01", "2025-09-01", "2025-09-01"),
    ],
)
def test_date_spans(value: str, first: str, last: str) -> None:
    found = span(value)
    assert found is not None and (found[0].isoformat(), found[1].isoformat()) == (first, last)


@pytest.mark.parametrize("value", [None, "", "2025-13", "soon", "2025-02-30"])
def test_what_is_not_a_date_has_no_span(value: str | None) -> None:
    assert span(value) is None


# --- clustering --------------------------------------------------------------------------


def test_a_vague_report_does_not_chain_two_happenings() -> None:
    march = report("m", "a1", date="2024-03-05", topics=("energy",))
    late_march = report("l", "a2", date="2024-03-21", topics=("energy",))
    vague = report("v", "a3", date="2024-03", topics=("energy",))

    clusters = fuse_reports([vague, late_march, march])

    assert sorted(sorted(r.id for r in c.reports) for c in clusters) == [["l"], ["m"], ["v"]]


def test_a_report_joins_the_happening_it_fits_best() -> None:
    oil = report(
        "oil", "a1", type="SANCTION", date="2024-03-05", topics=("energy",), evidence="Tankers blacklisted."
    )
    drones = report(
        "drones", "a2", type="SANCTION", date="2024-03-21", topics=("defense",), evidence="Drone makers hit."
    )
    vague = report(
        "vague",
        "a3",
        type="SANCTION",
        date="2024-03",
        topics=("energy",),
        evidence="Tankers blacklisted in March.",
    )

    clusters = fuse_reports([vague, drones, oil])

    assert {frozenset(r.id for r in c.reports) for c in clusters} == {
        frozenset({"oil", "vague"}),
        frozenset({"drones"}),
    }


def test_merged_event_takes_the_most_precise_facts_and_unions_the_rest() -> None:
    reports = [
        report("r1", "a1", date="2025-09", persons=("Sharif",), topics=("trade",), mode="visit"),
        report(
            "r2", "a2", persons=("Shehbaz Sharif", "Vladimir Putin"), location="Beijing", topics=("energy",)
        ),
        report(
            "r3",
            "a3",
            date="2025-09-02",
            location="Beijing",
            location_country="CHN",
            mode="visit",
            cameo="042",
            score=1.5,
        ),
    ]

    stored = [dataclasses.replace(r, order=n) for n, r in enumerate(reports)]  # r1 stored first
    [cluster] = fuse_reports(stored)
    event = merge_cluster(cluster)

    assert cluster.corroboration == 3 and cluster.lead.id == "r2"
    assert (event.id, event.date, event.location, event.location_country) == (
        "r1",
        "2025-09-01",
        "Beijing",
        "CHN",
    )
    assert event.persons == ("Shehbaz Sharif", "Vladimir Putin")
    assert event.topics == ("energy", "trade")
    assert (event.mode, event.cameo, event.score) == ("visit", "042", 1.5)
    assert event.explanation[0] == "fused 3 reports from 3 articles"
    assert len(event.explanation) == 3


def test_a_lone_report_is_its_own_event_unchanged() -> None:
    lone = report("solo", "a1", explanation=("rule fired",))
    [cluster] = fuse_reports([lone])
    assert dataclasses.astuple(merge_cluster(cluster)) == dataclasses.astuple(lone.event)


POOL_TYPES = st.sampled_from(["CONSULT", "AGREE"])
POOL_DATES = st.sampled_from([None, "2025-09", "2025-09-01", "2025-09-02", "2025-10-01", "2025"])
POOL_PLACES = st.sampled_from([None, "Beijing", "Tianjin"])
POOL_PEOPLE = st.sampled_from([(), ("Sharif",), ("Putin",), ("Sharif", "Putin"), ("Dar", "Lavrov")])
POOL_TOPICS = st.sampled_from([(), ("energy",), ("trade", "energy"), ("defense",)])


@st.composite
def report_sets(draw: st.DrawFn) -> list[Report]:
    count = draw(st.integers(1, 12))
    found = []
    for n in range(count):
        found.append(
            report(
                f"r{n}",
                f"a{draw(st.integers(0, 5))}",
                published=draw(st.sampled_from([None, "2025-09-03", "2025-10-02"])),
                type=draw(POOL_TYPES),
                date=draw(POOL_DATES),
                location=draw(POOL_PLACES),
                persons=draw(POOL_PEOPLE),
                topics=draw(POOL_TOPICS),
            )
        )
    return found


def _groups(reports: list[Report]) -> set[frozenset[str]]:
    return {frozenset(r.id for r in c.reports) for c in fuse_reports(reports)}


@settings(max_examples=200, deadline=None)
@given(report_sets(), st.randoms(use_true_random=False))
def test_any_permutation_of_the_input_gives_the_same_clusters(reports: list[Report], rng: object) -> None:
    shuffled = list(reports)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _groups(shuffled) == _groups(reports)


@settings(max_examples=200, deadline=None)
@given(report_sets())
def test_clusters_partition_the_reports_into_compatible_groups(reports: list[Report]) -> None:
    clusters = fuse_reports(reports)
    ids = [r.id for c in clusters for r in c.reports]
    assert sorted(ids) == sorted(r.id for r in reports)
    for cluster in clusters:
        assert len({r.article_id for r in cluster.reports}) == len(cluster.reports)
        members = cluster.reports
        assert all(compare(a, b).compatible for i, a in enumerate(members) for b in members[i + 1 :])


# --- locality: which reports a store must re-fuse together ---------------------------------

EDGE_DATES = [
    None, "2025", "2026", "2025-09", "2025-12", "2025-08-31", "2025-09-01", "2025-09-30",
    "2025-10-01", "2025-12-20", "2025-12-31", "2026-01-01", "2025-09-15", "0001-01-01", "9999-12",
]
EDGE_PUBLISHED = [
    None, "2025", "2026", "2025-09", "2025-09-01", "2025-09-08", "2025-09-14", "2025-09-26",
    "2025-09-30", "2025-10-03", "2025-10-15", "2026-01-01", "2026-01-12", "9999-12-31",
]


@st.composite
def timed_reports(draw: st.DrawFn) -> list[Report]:
    """Reports of one block whose dates and publication days sit around month and year ends."""
    count = draw(st.integers(1, 10))
    return [
        report(
            f"t{n}",
            f"a{n}",
            published=draw(st.sampled_from(EDGE_PUBLISHED)),
            date=draw(st.sampled_from(EDGE_DATES)),
            location=draw(st.sampled_from([None, "Tianjin"])),
            persons=draw(st.sampled_from([(), ("Sharif",)])),
            topics=draw(st.sampled_from([(), ("energy",)])),
        )
        for n in range(count)
    ]


def test_a_compatible_report_is_always_filed_under_a_neighbour_key() -> None:
    """Every pair of edge dates and publication days: what can fuse, a lookup finds."""
    timed = [
        report(f"{date}/{published}", f"a-{date}/{published}", published=published, date=date, location="Tianjin")
        for date in EDGE_DATES
        for published in EDGE_PUBLISHED
    ]
    keys = {r.id: (time_key(r), set(neighbour_keys(r))) for r in timed}
    compatible = 0
    for a in timed:
        for b in timed:
            if a is not b and compare(a, b).compatible:
                compatible += 1
                assert keys[b.id][0] in keys[a.id][1], (a.id, b.id)
    assert compatible > 1000  # the table holds many compatible pairs, near every boundary


@settings(max_examples=200, deadline=None)
@given(timed_reports())
def test_fusing_each_component_alone_gives_the_clusters_of_the_whole_block(reports: list[Report]) -> None:
    parts = components(reports)
    assert sorted(r.id for part in parts for r in part) == sorted(r.id for r in reports)
    for i, part in enumerate(parts):
        for other in parts[i + 1 :]:
            assert not any(compare(a, b).compatible for a in part for b in other)
    assert {g for part in parts for g in _groups(part)} == _groups(reports)


@pytest.mark.parametrize(
    ("date", "published", "key"),
    [
        ("2025-09-01", "2025-09-02", "M2025-09"),
        ("2025-09", None, "M2025-09"),
        ("2025", "2025-09-02", "Y2025"),
        (None, "2025-09-02", "U2025-09"),
        (None, "2025", "V2025"),
        (None, None, None),
        ("not a date", None, None),
    ],
)
def test_time_keys(date: str | None, published: str | None, key: str | None) -> None:
    assert time_key(report("r", "a", published=published, date=date)) == key


def test_a_report_without_any_time_has_no_neighbours() -> None:
    assert neighbour_keys(report("r", "a", published=None, date=None)) == []


# --- scores on the fusion gold -----------------------------------------------------------


def test_pairwise_score_counts_false_and_missed_merges() -> None:
    a, b, c = report("a", "1"), report("b", "2"), report("c", "3", date="2025-10-01")
    score = pairwise_score(fuse_reports([a, b, c]), {"a": "x", "b": "y", "c": "y"})
    assert (score.gold_pairs, score.predicted_pairs, score.correct_pairs) == (1, 1, 0)
    assert (score.false_merges, score.missed_merges) == ((("a", "b"),), (("b", "c"),))
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_fusion_gold_scores_at_least_090() -> None:
    score = evaluate_gold_file(GOLD)
    assert score.f1 >= 0.90, score.to_dict()
    assert score.false_merges == ()


def test_fusion_gold_is_well_formed() -> None:
    reports, labels = load_fusion_gold(GOLD)
    assert 40 <= len(reports) <= 80
    clusters: dict[str, list[Report]] = {}
    for item in reports:
        clusters.setdefault(labels[item.id], []).append(item)
    for members in clusters.values():  # one report per article and happening
        assert len({m.article_id for m in members}) == len(members)
    assert sum(len(m) > 1 for m in clusters.values()) >= 10


@pytest.mark.shared
def test_dev_corpus_gold_events_fuse_as_labelled() -> None:
    if not (DEV / "gold.jsonl").exists():
        pytest.skip("the dev corpus (../shared/corpus/dev) is not beside the checkout")
    score = evaluate_corpus(DEV, FUSION / "dev_clusters.json")
    assert score.f1 >= 0.90, score.to_dict()
    assert score.false_merges == ()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"id": "g1", "article": "a", "cluster": "c", "type": "CONSULT", "source": [], "target": []}\nnot json\n',
            "line 2: invalid JSON",
        ),
        (
            '{"id": "g1", "article": "a", "type": "CONSULT", "source": [], "target": []}\n',
            "line 1: missing or empty 'cluster'",
        ),
        (
            '{"id": "g1", "article": "a", "cluster": "c", "source": [], "target": []}\n',
            "line 1: missing field",
        ),
    ],
)
def test_malformed_fusion_gold_names_the_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(content)
    with pytest.raises(EvalError, match=message):
        load_fusion_gold(path)


# --- commands ----------------------------------------------------------------------------


def test_fuse_eval_command_prints_the_scores() -> None:
    from parley.cli.kb import fuse_eval

    result = CliRunner().invoke(fuse_eval, [str(GOLD), "--json"])

    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["f1"] >= 0.9 and data["gold_pairs"] > 0


def test_correct_command_fixes_and_rejects(tmp_path: Path) -> None:
    from parley.cli.kb import correct
    from parley.model import Article, Extraction
    from parley.store import open_store

    db = str(tmp_path / "kb.db")
    with open_store(db) as store:
        store.add(
            Extraction(
                Article("h", "doc", "Text.", published="2025-09-02"), events=(report("e-1", "h").event,)
            )
        )
    runner = CliRunner()

    fixed = runner.invoke(correct, ["e-1", "--db", db, "--set", "date=2024-12", "--set", "location=Moscow"])
    refused = runner.invoke(correct, ["e-1", "--db", db, "--set", "date=December"])
    rejected = runner.invoke(correct, ["e-1", "--db", db, "--reject"])

    assert fixed.exit_code == 0, fixed.output
    assert json.loads(fixed.stdout)["date"] == "2024-12"
    assert refused.exit_code == 1 and "YYYY" in refused.output
    assert rejected.exit_code == 0
    with open_store(db) as store:
        assert store.events() == []
        assert store.event("e-1").event.location == "Moscow"
