"""The scorer behind ``parley eval``: matching, field rules, loading, report shape."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from parley.errors import EvalError
from parley.evaluation import (
    load_gold,
    load_predictions,
    render_report,
    report_to_dict,
    score,
)

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"


def ev(kind: str, source: list[str], target: list[str], **fields: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": kind, "mode": None, "source": source, "target": target, "persons": [],
        "date": None, "planned_for": None, "location": None, "location_country": None,
        "topics": [], "evidence": f"{kind} {source} {target}",
    }
    event.update(fields)
    return event


def docs(**articles: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Documents keyed by article id; underscores in keyword names become dashes."""
    return {key.replace("_", "-"): {"id": key.replace("_", "-"), "entities": [],
                                    "events": events}
            for key, events in articles.items()}


def one_pair(gold_event: dict[str, Any], pred_event: dict[str, Any]):
    return score(docs(a1=[gold_event]), docs(a1=[pred_event]))


# --- event matching -------------------------------------------------------------------

def test_exact_match_scores_perfectly() -> None:
    gold = docs(a1=[ev("CONSULT", ["PAK"], ["RUS"], mode="visit", date="2025-09-02",
                       location="Moscow", persons=["Shehbaz Sharif", "Vladimir Putin"]),
                    ev("AGREE", ["RUS"], ["PAK"], planned_for="2025-11")])
    report = score(gold, gold)
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (2, 0, 0)
    assert report.overall.f1 == 1.0
    assert report.macro_f1 == 1.0
    assert all(f.accuracy == 1.0 for f in report.fields)


def test_wrong_type_is_a_miss_and_a_false_alarm_and_a_confusion() -> None:
    report = one_pair(ev("AGREE", ["PAK"], ["RUS"]), ev("SUPPORT", ["PAK"], ["RUS"]))
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (0, 1, 1)
    assert [(c.gold_type, c.predicted_type, c.count) for c in report.confusion] == [
        ("AGREE", "SUPPORT", 1)]
    assert [e.type for e in report.missed] == ["AGREE"]
    assert [e.type for e in report.spurious] == ["SUPPORT"]


def test_confusion_needs_the_same_parties_and_uses_each_prediction_once() -> None:
    gold = docs(a1=[ev("AGREE", ["PAK"], ["RUS"]), ev("SUPPORT", ["PAK"], ["RUS"]),
                    ev("ACCUSE", ["CHN"], ["PHL"])])
    pred = docs(a1=[ev("CONSULT", ["PAK"], ["RUS"]), ev("ACCUSE", ["CHN"], ["VNM"])])
    report = score(gold, pred)
    assert [(c.gold_type, c.predicted_type, c.count) for c in report.confusion] == [
        ("AGREE", "CONSULT", 1)]


def test_swapped_direction_still_matches_but_direction_accuracy_drops() -> None:
    report = one_pair(ev("CONSULT", ["PAK"], ["RUS"]), ev("CONSULT", ["RUS"], ["PAK"]))
    assert report.overall.tp == 1
    assert report.field("direction").accuracy == 0.0


@pytest.mark.parametrize(
    ("gold_parties", "pred_parties", "matches"),
    [
        ((["CHN"], ["IRN", "SAU"]), (["IRN"], ["CHN", "SAU"]), True),
        ((["CHN"], ["IRN", "SAU"]), (["CHN"], ["IRN"]), False),
        ((["PAK"], ["RUS"]), (["pak"], ["rus"]), True),
    ],
)
def test_parties_match_as_a_set(gold_parties, pred_parties, matches) -> None:
    report = one_pair(ev("CONSULT", *gold_parties), ev("CONSULT", *pred_parties))
    assert (report.overall.tp == 1) is matches


def test_each_prediction_matches_at_most_once() -> None:
    gold = docs(a1=[ev("AGREE", ["PAK"], ["RUS"]), ev("AGREE", ["PAK"], ["RUS"])])
    pred = docs(a1=[ev("AGREE", ["PAK"], ["RUS"])])
    report = score(gold, pred)
    assert (report.overall.tp, report.overall.fn) == (1, 1)


def test_same_type_and_parties_pick_the_best_agreeing_prediction() -> None:
    gold = docs(a1=[ev("CONSULT", ["KOR"], ["JPN"], date="2023-03-16", location="Tokyo"),
                    ev("CONSULT", ["KOR"], ["JPN"], date="2024-05-26", location="Seoul")])
    # Listed in the opposite order: pairing by position would get every field wrong.
    pred = docs(a1=[ev("CONSULT", ["KOR"], ["JPN"], date="2024-05-26", location="Seoul"),
                    ev("CONSULT", ["KOR"], ["JPN"], date="2023-03-16", location="Tokyo")])
    report = score(gold, pred)
    assert report.overall.tp == 2
    assert report.field("date").accuracy == 1.0
    assert report.field("location").accuracy == 1.0


def test_ties_go_to_the_first_prediction() -> None:
    gold = docs(a1=[ev("AID", ["CHN"], ["SYR"])])
    pred = docs(a1=[ev("AID", ["CHN"], ["SYR"], evidence="first"),
                    ev("AID", ["CHN"], ["SYR"], evidence="second")])
    report = score(gold, pred)
    assert [e.evidence for e in report.spurious] == ["second"]


def test_missing_article_misses_all_its_gold_and_unknown_articles_are_ignored() -> None:
    gold = docs(a1=[ev("AGREE", ["PAK"], ["RUS"])],
                a2=[ev("CONSULT", ["IND"], ["DEU"]), ev("SUPPORT", ["IND"], ["DEU"])])
    pred = docs(a1=[ev("AGREE", ["PAK"], ["RUS"])], zz=[ev("AID", ["USA"], ["UKR"])])
    report = score(gold, pred)
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (1, 0, 2)
    assert {(e.article_id, e.type) for e in report.missed} == {
        ("a2", "CONSULT"), ("a2", "SUPPORT")}
    assert report.predicted_events == 1
    assert report.ignored_articles == ("zz",)


def test_per_type_scores_and_macro_f1_over_gold_types_only() -> None:
    gold = docs(a1=[ev("AGREE", ["PAK"], ["RUS"]), ev("CONSULT", ["PAK"], ["RUS"])])
    pred = docs(a1=[ev("CONSULT", ["PAK"], ["RUS"]), ev("SUPPORT", ["USA"], ["NPL"])])
    report = score(gold, pred)
    rows = {t.type: (t.gold, t.predicted, t.tp) for t in report.per_type}
    assert rows == {"AGREE": (1, 0, 0), "CONSULT": (1, 1, 1), "SUPPORT": (0, 1, 0)}
    assert report.macro_f1 == pytest.approx(0.5)  # AGREE 0, CONSULT 1; SUPPORT not in gold
    assert report.overall.precision == pytest.approx(0.5)
    assert report.overall.recall == pytest.approx(0.5)


# --- field rules ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("gold_date", "pred_date", "right"),
    [
        ("2025-09", "2025-09-14", True),   # finer prediction agreeing with the gold
        ("2025-09", "2025-09", True),
        ("2025-09-14", "2025-09-14", True),
        ("2025", "2025-03-01", True),
        ("2025-09", "2025", False),        # less precise than the gold
        ("2025-09", "2025-10-01", False),
        ("2025-09-14", "2025-09-15", False),
        (None, "2025-09-14", False),       # a date where the gold has none
        ("2025-09", None, False),
        (None, None, True),
    ],
)
def test_date_accuracy_follows_the_gold_precision(gold_date, pred_date, right) -> None:
    report = one_pair(ev("AGREE", ["PAK"], ["RUS"], date=gold_date),
                      ev("AGREE", ["PAK"], ["RUS"], date=pred_date))
    assert report.field("date").accuracy == (1.0 if right else 0.0)


def test_planned_for_is_scored_only_where_the_gold_has_one() -> None:
    gold = docs(a1=[ev("AGREE", ["PAK"], ["RUS"], planned_for="2025-11"),
                    ev("AGREE", ["RUS"], ["IND"], planned_for=None),
                    ev("AGREE", ["CHN"], ["IND"], planned_for="2024")])
    pred = docs(a1=[ev("AGREE", ["PAK"], ["RUS"], planned_for="2025-11-03"),
                    ev("AGREE", ["RUS"], ["IND"], planned_for="2026"),
                    ev("AGREE", ["CHN"], ["IND"], planned_for=None)])
    planned = score(gold, pred).field("planned_for")
    assert (planned.right, planned.total) == (1.0, 2)


def test_planned_for_without_any_gold_value_is_not_applicable() -> None:
    report = one_pair(ev("AGREE", ["PAK"], ["RUS"]), ev("AGREE", ["PAK"], ["RUS"]))
    assert report.field("planned_for").accuracy is None
    assert "planned_for=n/a" in render_report(report).splitlines()[-2]


@pytest.mark.parametrize(
    ("gold_location", "pred_location", "right"),
    [
        ("Islamabad", "islamabad", True),
        ("National Palace", "NATIONAL PALACE", True),
        ("Islamabad", "Lahore", False),
        ("Islamabad", None, False),
        (None, "Islamabad", False),
        (None, None, True),
    ],
)
def test_location_is_case_insensitive_equality(gold_location, pred_location, right) -> None:
    report = one_pair(ev("CONSULT", ["PAK"], ["RUS"], location=gold_location),
                      ev("CONSULT", ["PAK"], ["RUS"], location=pred_location))
    assert report.field("location").accuracy == (1.0 if right else 0.0)


@pytest.mark.parametrize(
    ("gold_persons", "pred_persons", "f1"),
    [
        (["Shehbaz Sharif"], ["Sharif"], 1.0),
        (["Shehbaz Sharif"], ["Shahbaz Sharif"], 1.0),
        (["Xi Jinping", "Lula"], ["xi JINPING", "Luiz Inácio Lula"], 1.0),
        ([], [], 1.0),
        (["Shehbaz Sharif", "Vladimir Putin"], ["Putin"], 2 / 3),
        (["Shehbaz Sharif"], [], 0.0),
        ([], ["Vladimir Putin"], 0.0),
        (["Shehbaz Sharif"], ["Nawaz Sharif", "Vladimir Putin"], 2 / 3),
    ],
)
def test_persons_are_scored_by_f1_of_last_words(gold_persons, pred_persons, f1) -> None:
    report = one_pair(ev("CONSULT", ["PAK"], ["RUS"], persons=gold_persons),
                      ev("CONSULT", ["PAK"], ["RUS"], persons=pred_persons))
    assert report.field("persons").accuracy == pytest.approx(f1)


def test_mode_accuracy_and_mismatch_list() -> None:
    report = one_pair(ev("CONSULT", ["PAK"], ["RUS"], mode="visit", evidence="they met"),
                      ev("CONSULT", ["PAK"], ["RUS"], mode="multilateral"))
    assert report.field("mode").accuracy == 0.0
    assert [(m.field, m.gold, m.predicted, m.evidence) for m in report.mismatches] == [
        ("mode", "visit", "multilateral", "they met")]


# --- report shapes ----------------------------------------------------------------------

SUMMARY = [
    r"events: P=\d\.\d{3} R=\d\.\d{3} F1=\d\.\d{3} \(tp=\d+ fp=\d+ fn=\d+\)",
    r"macro-F1 over types: \d\.\d{3}",
    r"fields: date=\S+ planned_for=\S+ location=\S+ persons=\S+",
    r"articles: \d+, gold events: \d+, predicted: \d+",
]


@pytest.mark.parametrize("details", [False, True])
def test_rendered_report_ends_with_four_summary_lines(details: bool) -> None:
    gold = docs(a1=[ev("AGREE", ["PAK"], ["RUS"], date="2025-09", evidence="gold says"),
                    ev("CONSULT", ["PAK"], ["RUS"])])
    pred = docs(a1=[ev("AGREE", ["PAK"], ["RUS"], date="2025-09-14"),
                    ev("SANCTION", ["IRN"], ["PAK"], evidence="pred says")])
    text = render_report(score(gold, pred), details=details)
    last = text.splitlines()[-4:]
    for pattern, line in zip(SUMMARY, last, strict=True):
        assert re.fullmatch(pattern, line), line
    assert last[0] == "events: P=0.500 R=0.500 F1=0.500 (tp=1 fp=1 fn=1)"
    assert last[3] == "articles: 1, gold events: 2, predicted: 2"
    assert ("pred says" in text) is details


def test_report_to_dict_is_json_and_carries_the_numbers() -> None:
    gold = docs(a1=[ev("AGREE", ["PAK"], ["RUS"]), ev("CONSULT", ["PAK"], ["RUS"])])
    pred = docs(a1=[ev("SUPPORT", ["PAK"], ["RUS"]), ev("CONSULT", ["PAK"], ["RUS"])])
    data = json.loads(json.dumps(report_to_dict(score(gold, pred))))
    assert data["overall"]["tp"] == 1 and data["overall"]["f1"] == pytest.approx(0.5)
    assert data["confusion"] == [{"gold": "AGREE", "predicted": "SUPPORT", "count": 1}]
    assert data["fields"]["date"]["accuracy"] == 1.0
    assert [e["type"] for e in data["missed"]] == ["AGREE"]


# --- loading --------------------------------------------------------------------------

def write_jsonl(path: Path, rows: list[Any]) -> None:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n"
                            for r in rows), encoding="utf-8")


ARTICLE = {"id": "a1", "title": "Leaders meet", "source": "test", "published": "2025-09-02",
           "dateline": "Beijing", "text": "The two leaders met in Beijing on Tuesday."}


def make_gold_dir(tmp_path: Path, gold_rows: list[Any]) -> Path:
    write_jsonl(tmp_path / "articles.jsonl", [ARTICLE])
    write_jsonl(tmp_path / "gold.jsonl", gold_rows)
    return tmp_path


def test_load_gold_reads_articles_and_documents(tmp_path: Path) -> None:
    gold_doc = {"id": "a1", "entities": [], "events": [ev("CONSULT", ["PAK"], ["CHN"])]}
    gold = load_gold(make_gold_dir(tmp_path, [gold_doc]))
    (article,) = gold.articles
    assert (article.id, article.external_id, article.published, article.dateline) == (
        "a1", "a1", "2025-09-02", "Beijing")
    assert gold.documents == {"a1": gold_doc}


@pytest.mark.parametrize(
    ("row", "complaint"),
    [
        ("{not json", "not valid JSON"),
        ('["a list"]', "JSON object"),
        ({"entities": [], "events": []}, "'id'"),
        ({"id": "a1", "entities": []}, "'events'"),
        ({"id": "a1", "events": "none"}, "'events' must be a list"),
        ({"id": "a1", "events": [{"source": ["PAK"], "target": ["RUS"]}]}, "'type'"),
        ({"id": "a1", "events": [ev("AGREE", ["PAK"], ["RUS"], date="Sept 2025")]}, "date"),
        ({"id": "a1", "events": [ev("AGREE", ["PAK"], [7])]}, "'target'"),
    ],
)
def test_malformed_gold_line_names_file_and_line(tmp_path: Path, row, complaint) -> None:
    folder = make_gold_dir(tmp_path, ["", row])  # the bad row is on line 2
    with pytest.raises(EvalError) as caught:
        load_gold(folder)
    message = str(caught.value)
    assert f"{tmp_path / 'gold.jsonl'}:2" in message
    assert complaint in message
    assert caught.value.code == "P400"


@pytest.mark.parametrize("missing", ["articles.jsonl", "gold.jsonl"])
def test_missing_gold_file_is_named(tmp_path: Path, missing: str) -> None:
    folder = make_gold_dir(tmp_path, [{"id": "a1", "events": []}])
    (folder / missing).unlink()
    with pytest.raises(EvalError, match=re.escape(missing)):
        load_gold(folder)


@pytest.mark.parametrize(
    ("gold_rows", "complaint"),
    [
        ([], "no gold line for articles: a1"),
        ([{"id": "a1", "events": []}, {"id": "a9", "events": []}], "not in articles.jsonl"),
        ([{"id": "a1", "events": []}, {"id": "a1", "events": []}], "appears twice"),
    ],
)
def test_gold_must_cover_each_article_once(tmp_path: Path, gold_rows, complaint) -> None:
    with pytest.raises(EvalError, match=complaint):
        load_gold(make_gold_dir(tmp_path, gold_rows))


def test_load_predictions_keys_by_id_and_rejects_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    good = {"id": "a1", "entities": [], "events": [ev("AGREE", ["PAK"], ["RUS"])]}
    write_jsonl(path, [good])
    assert load_predictions(path) == {"a1": good}
    write_jsonl(path, [good, {"id": "a2", "events": [{"type": "AGREE", "mode": 3}]}])
    with pytest.raises(EvalError, match=re.escape(f"{path}:2")):
        load_predictions(path)


def test_score_rejects_a_malformed_prediction_passed_directly() -> None:
    with pytest.raises(EvalError, match="article a1"):
        score(docs(a1=[]), {"a1": {"id": "a1", "events": [{"source": ["PAK"]}]}})


# --- the shared dev set -----------------------------------------------------------------

@pytest.mark.shared
@pytest.mark.skipif(not DEV.is_dir(), reason=f"dev gold set not found at {DEV}")
def test_dev_gold_scored_against_itself_is_perfect() -> None:
    gold = load_gold(DEV)
    report = score(gold.documents, gold.documents)
    assert report.articles == len(gold.articles) > 0
    assert report.overall.f1 == 1.0 and report.macro_f1 == 1.0
    assert all(f.accuracy == 1.0 for f in report.fields), report.fields
