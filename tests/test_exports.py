"""Exporters: CSV, Parquet, PLOVER-JSON, GDELT TSV and the coded JSONL."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from analysis_store import build_store, event

from parley.errors import ConfigError
from parley.model import Event
from parley.query import write_export
from parley.query.gdelt import COLUMNS
from parley.registry import exporters
from parley.store import Store

AWKWARD = 'She said, "we agree"\nand left; Q&A <b>.'


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    extra: dict[str, tuple[Event, ...]] = {
        "a4": (event("e9", "a4", "SANCTION", ("USA",), ("RUS", "IRN"), mode="discontinue", date="2025-07",
                     location="Geneva", location_country="CHE", evidence=AWKWARD),)
    }
    opened = build_store(tmp_path / "t.db", extra)
    yield opened
    opened.close()


def lines(store: Store, name: str) -> list[str]:
    return list(exporters.get(name)(store))


def test_every_format_is_registered() -> None:
    assert {"jsonl", "csv", "parquet", "plover", "gdelt"} <= set(exporters.names())


@pytest.mark.parametrize("name", ["jsonl", "csv", "plover", "gdelt"])
def test_line_exporters_yield_single_lines(store: Store, name: str) -> None:
    produced = lines(store, name)
    assert produced and all("\n" not in line for line in produced if name != "csv")


def test_coded_jsonl_adds_cameo_and_score_to_the_guideline_record(store: Store) -> None:
    records = {r["id"]: r for r in map(json.loads, lines(store, "jsonl"))}

    assert set(records["e1"]) == set(event("x", "a", "AGREE", ("A",), ("B",)).to_gold_dict()) | {
        "id", "mentions", "cameo", "score"
    }
    assert (records["e1"]["cameo"], records["e1"]["score"]) == ("042", 1.9)  # from the taxonomy
    assert (records["e6"]["cameo"], records["e6"]["score"]) == ("061", 6.4)  # the coder's own
    assert records["e1"]["mentions"][0]["article"] == "feed/a1"


def test_csv_has_a_header_and_one_row_per_event_that_round_trips(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO("\n".join(lines(store, "csv")))))

    assert len(rows) == 9
    by_id = {r["id"]: r for r in rows}
    assert by_id["e9"]["evidence"] == AWKWARD
    assert by_id["e9"]["target"] == "RUS;IRN"
    assert (by_id["e2"]["date"], by_id["e2"]["dated_by"]) == ("2025-01-10", "report")
    assert (by_id["e3"]["cameo"], by_id["e3"]["score"], by_id["e3"]["quad"]) == ("111", "-2.0", "3")


def test_plover_records_use_the_manuals_field_names(store: Store) -> None:
    records = {r["id"]: r for r in map(json.loads, lines(store, "plover"))}
    sanction = records["e9"]

    assert sanction["source"] == [{"code": "USA"}]
    assert sanction["recipient"] == [{"code": "RUS"}, {"code": "IRN"}]
    assert (sanction["event"], sanction["mode"], sanction["quad_code"]) == (["SANCTION"], ["discontinue"], 4)
    assert (sanction["event_scale"], sanction["cameo"]) == (-4.0, "160")
    assert sanction["event_loc"] == {"name": "Geneva", "cc3": "CHE"}
    assert sanction["event_text"] == [AWKWARD]
    assert records["e2"]["date"] is None and records["e2"]["date_reported"] == "2025-01-10"
    assert records["e1"]["context"] == ["energy"]


def _gdelt_rows(store: Store) -> list[dict[str, str]]:
    header, *body = lines(store, "gdelt")
    names = header.split("\t")
    return [dict(zip(names, line.split("\t"), strict=True)) for line in body]


def test_gdelt_rows_have_every_column_and_one_row_per_pair(store: Store) -> None:
    header = lines(store, "gdelt")[0].split("\t")
    rows = _gdelt_rows(store)

    assert len(header) == 61 == len(COLUMNS)
    assert all(len(line.split("\t")) == 61 for line in lines(store, "gdelt"))
    sanction = [r for r in rows if r["Actor1Code"] == "USA"]
    assert [r["Actor2CountryCode"] for r in sanction] == ["RUS", "IRN"]
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows) == 11  # nine events, two with two targets
    assert "\n" not in sanction[0]["SOURCEURL"]


@pytest.mark.parametrize(
    ("actor1", "column", "expected"),
    [
        ("USA", "SQLDATE", "20250700"),  # month precision kept, not invented
        ("USA", "EventCode", "160"),
        ("USA", "EventRootCode", "16"),
        ("USA", "QuadClass", "4"),
        ("USA", "GoldsteinScale", "-4.0"),
        ("USA", "ActionGeo_FullName", "Geneva, Switzerland"),
        ("USA", "ActionGeo_CountryCode", "CHE"),
        ("RUS", "SQLDATE", "20250301"),
        ("RUS", "FractionDate", "2025.1616"),
        ("RUS", "EventCode", "111"),
        ("RUS", "NumMentions", "1"),
    ],
)
def test_gdelt_cells(store: Store, actor1: str, column: str, expected: str) -> None:
    row = next(r for r in _gdelt_rows(store) if r["Actor1Code"] == actor1)
    assert row[column] == expected


def test_gdelt_ids_are_stable_across_runs(store: Store) -> None:
    assert lines(store, "gdelt") == lines(store, "gdelt")


def test_parquet_round_trips(store: Store, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"

    assert write_export(store, "parquet", out) == 9
    table = pq.read_table(out).to_pylist()
    sanction = next(r for r in table if r["id"] == "e9")
    assert (sanction["target"], sanction["score"], sanction["evidence"]) == (["RUS", "IRN"], -4.0, AWKWARD)


def test_parquet_without_pyarrow_says_how_to_install(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ConfigError, match="pip install"):
        write_export(store, "parquet", tmp_path / "x.parquet")


def test_parquet_as_lines_is_refused_with_a_pointer(store: Store) -> None:
    with pytest.raises(ConfigError, match="binary"):
        lines(store, "parquet")


def test_write_export_writes_line_formats_to_a_file(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert write_export(store, "csv", out) == 10  # header and nine rows
    assert len(list(csv.reader(out.open(newline="")))) == 10
