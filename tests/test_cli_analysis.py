"""The analysis commands, invoked directly through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from analysis_store import build_store
from click.testing import CliRunner

from parley.cli.analysis import index, initiatives, movers, network, profile, report, topics


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "t.db"
    build_store(path).close()
    return str(path)


def run(command, *args: str):
    return CliRunner().invoke(command, list(args))


@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_report_writes_a_dossier(db: str, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"dossier{suffix}"
    result = run(report, "--db", db, "pak", "rus", "--out", str(out), "--today", "2025-09-01")

    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "Prime Minister Shehbaz Sharif visited Moscow" in text
    assert ("<svg" in text) == (suffix == ".html")


def test_report_refuses_an_unknown_output_format(db: str, tmp_path: Path) -> None:
    result = run(report, "--db", db, "PAK", "RUS", "--out", str(tmp_path / "d.pdf"))
    assert result.exit_code == 1
    assert "use .html or .md" in result.output
    assert not (tmp_path / "d.pdf").exists()


def test_index_as_json_and_as_table(db: str) -> None:
    data = json.loads(run(index, "--db", db, "PAK", "RUS", "--json").output)
    assert [m["index"] for m in data["months"]] == [5.9, 0.0, -2.0, 0.0, 0.0, 7.4]

    table = run(index, "--db", db, "pak", "rus").output
    assert "2025-06  +7.4" in table and "in no month" in table


def test_topics(db: str) -> None:
    data = json.loads(run(topics, "--db", db, "PAK", "RUS", "--json").output)
    assert [t["topic"] for t in data["topics"]] == ["energy", "transport"]


def test_network_for_a_period(db: str) -> None:
    data = json.loads(run(network, "--db", db, "--since", "2025-06", "--json").output)
    assert [(e["a"], e["b"], e["meetings"]) for e in data["edges"]][0] == ("CHN", "PAK", 2)
    assert "CHN–PAK" in run(network, "--db", db).output


def test_movers(db: str) -> None:
    result = run(movers, "--db", db, "--from", "2025-01..2025-03", "--to", "2025-06", "--json")
    data = json.loads(result.output)
    assert (data["movers"][0]["a"], data["movers"][0]["b"], data["movers"][0]["change"]) == ("PAK", "RUS", 3.5)


@pytest.mark.parametrize("command,args", [(movers, ["--from", "soon", "--to", "2025"]), (network, ["--since", "June"])])
def test_bad_periods_fail_with_a_message(db: str, command, args: list[str]) -> None:
    result = run(command, "--db", db, *args)
    assert result.exit_code == 1
    assert "error: [P500]" in result.output


def test_profile(db: str) -> None:
    data = json.loads(run(profile, "--db", db, "Putin", "--json").output)
    assert (data["kind"], data["offices"][0]["role"]) == ("person", "President")
    assert "COUNTERPARTS" in run(profile, "--db", db, "PAK").output


def test_initiatives(db: str) -> None:
    data = json.loads(run(initiatives, "--db", db, "--between", "PAK", "RUS", "--json").output)
    assert [(i["id"], i["stage"]) for i in data] == [("flights:PAK-RUS", "operating")]
    assert "China–Pakistan Economic Corridor" in run(initiatives, "--db", db).output
