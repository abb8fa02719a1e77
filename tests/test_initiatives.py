"""Cooperation projects: found in sentences, joined with their countries, tracked through stages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from analysis_store import build_store, event

from parley.errors import DictionaryError
from parley.model import Event
from parley.query import initiatives_between, list_initiatives
from parley.query.initiative_text import find_initiatives, load_initiative_data
from parley.query.initiatives import stage_of
from parley.store import Store


@pytest.mark.parametrize(
    ("sentence", "parties", "expected"),
    [
        (
            "Officials discussed a transport corridor from Belarus and then to Russia, Kazakhstan, "
            "Uzbekistan, Afghanistan and to Pakistan, the minister said.",
            (),
            [("corridor:AFG-BLR-KAZ-PAK-RUS-UZB", ("BLR", "RUS", "KAZ", "UZB", "AFG", "PAK"))],
        ),
        (
            "The planned Belarus–Russia–Kazakhstan–Uzbekistan–Afghanistan–Pakistan transport corridor was reviewed.",
            (),
            [("corridor:AFG-BLR-KAZ-PAK-RUS-UZB", ("BLR", "RUS", "KAZ", "UZB", "AFG", "PAK"))],
        ),
        ("They called for direct flights between Pakistan and Russia to boost tourism.", ("PAK", "RUS"),
         [("flights:PAK-RUS", ("PAK", "RUS"))]),
        ("Both sides agreed to launch direct flights soon.", ("RUS", "PAK"), [("flights:PAK-RUS", ("RUS", "PAK"))]),
        ("Flights were cancelled because of fog.", ("PAK", "RUS"), []),  # no project: just flights
        ("The ministers reviewed progress on CPEC.", (), [("cpec", ("CHN", "PAK"))]),
        ("The China-Pakistan Economic Corridor is a flagship project.", (), [("cpec", ("CHN", "PAK"))]),
        ("Work on the TAPI gas pipeline will resume.", (), [("tapi", ("TKM", "AFG", "PAK", "IND"))]),
        ("They discussed the Kazakhstan-Pakistan railway line.", (), [("railway:KAZ-PAK", ("KAZ", "PAK"))]),
        ("A railway linking Uzbekistan, Afghanistan and Pakistan was proposed.", (),
         [("railway:AFG-PAK-UZB", ("UZB", "AFG", "PAK"))]),
        ("The corridor will bring prosperity.", ("CHN", "PAK"), []),  # no countries named: too vague
        ("Cpec is not an acronym match.", (), []),  # all-capitals aliases match only as written
    ],
)
def test_find_initiatives(sentence: str, parties: tuple[str, ...], expected: list) -> None:
    assert [(f.key, f.countries) for f in find_initiatives(sentence, parties)] == expected


def test_a_named_project_and_an_unnamed_one_in_one_sentence() -> None:
    found = find_initiatives("Talks covered the Kazakhstan-Pakistan railway and the TAPI pipeline.")
    assert sorted(f.key for f in found) == ["railway:KAZ-PAK", "tapi"]
    tapi = next(f for f in found if f.key == "tapi")
    assert (tapi.named, tapi.kind, tapi.sector) == (True, "pipeline", "energy")


@pytest.mark.parametrize(
    ("type_", "evidence", "stage"),
    [
        ("AGREE", "They highlighted the need for direct flights.", "proposed"),
        ("AGREE", "The two sides agreed to build the railway.", "agreed"),
        ("SUPPORT", "An agreement on the corridor was signed.", "signed"),
        ("SUPPORT", "He praised the corridor.", "endorsed"),
        ("COOPERATE", "The first train ran on the new line.", "operating"),
        ("CONSULT", "They discussed the pipeline.", "discussed"),
        ("SANCTION", "Work on the pipeline was suspended.", "suspended"),
        ("ACCUSE", "He criticised delays on the corridor.", "mentioned"),
    ],
)
def test_stage_of(type_: str, evidence: str, stage: str) -> None:
    assert stage_of(type_, evidence) == stage


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    extra: dict[str, tuple[Event, ...]] = {
        "a5": (
            event("r1", "a5", "AGREE", ("KAZ",), ("PAK",), date="2024-05-02",
                  evidence="Kazakhstan proposed a railway linking Kazakhstan, Uzbekistan, Afghanistan and Pakistan."),
            event("r2", "a5", "AGREE", ("PAK",), ("KAZ",), date="2024-09-10",
                  evidence="The two governments agreed on the route of the railway linking Kazakhstan, "
                           "Uzbekistan, Afghanistan and Pakistan."),
        ),
    }
    opened = build_store(tmp_path / "t.db", extra)
    yield opened
    opened.close()


def test_history_of_direct_flights_runs_from_proposal_to_operation(store: Store) -> None:
    flights = next(i for i in list_initiatives(store) if i.id == "flights:PAK-RUS")

    # The signing is dated only "2025", which sorts before the days inside that year.
    assert [(s.event_id, s.stage, s.when) for s in flights.history] == [
        ("e5", "signed", "2025"),
        ("e2", "proposed", "2025-01-10"),
        ("e6", "operating", "2025-06-15"),
    ]
    assert (flights.stage, flights.kind, flights.sector, flights.named) == ("operating", "flights", "transport", False)
    assert flights.history[0].articles == ("feed/a2",)


def test_route_order_and_stage_of_an_unnamed_railway(store: Store) -> None:
    railway = next(i for i in list_initiatives(store) if i.kind == "railway")

    assert railway.countries == ("KAZ", "UZB", "AFG", "PAK")
    assert [s.stage for s in railway.history] == ["proposed", "agreed"]
    assert (railway.stage, railway.first, railway.last) == ("agreed", "2024-05-02", "2024-09-10")


def test_named_initiative_and_dyad_filter(store: Store) -> None:
    cpec = next(i for i in list_initiatives(store) if i.id == "cpec")
    assert (cpec.name, cpec.countries, [s.stage for s in cpec.history]) == (
        "China–Pakistan Economic Corridor", ("CHN", "PAK"), ["discussed"]
    )
    assert {i.id for i in initiatives_between(store, "PAK", "RUS")} == {"flights:PAK-RUS"}
    assert {i.id for i in initiatives_between(store, "CHN", "PAK")} == {"cpec"}
    assert cpec.to_dict()["history"][0]["event_id"] == "e4"


def test_a_malformed_initiatives_file_is_a_dictionary_error(tmp_path: Path) -> None:
    bad = tmp_path / "initiatives.json"
    bad.write_text('{"initiatives": [{"id": "x"}], "generic": [], "route_openers": []}')
    with pytest.raises(DictionaryError, match="malformed"):
        load_initiative_data(bad)
