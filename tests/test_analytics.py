"""Analytics over a small invented store: index, topics, movers, network, profiles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from analysis_store import EVENTS as EVENTS_BY_ARTICLE
from analysis_store import PUBLISHED, ListStore, build_store, event, mentioned

from parley.errors import ConfigError
from parley.query import (
    Period,
    actor_profile,
    dyad_topics,
    meeting_network,
    monthly_index,
    parse_period,
    top_movers,
)
from parley.model import Article, Extraction
from parley.query.analytics import index_series
from parley.query.periods import months_between
from parley.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = build_store(tmp_path / "t.db")
    yield opened
    opened.close()


# --- monthly index -------------------------------------------------------------------------


def test_monthly_index_sums_intensities_per_month_and_fills_gaps(store: Store) -> None:
    result = monthly_index(store, "PAK", "RUS")

    assert [m.month for m in result.months] == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    assert [m.index for m in result.months] == [5.9, 0.0, -2.0, 0.0, 0.0, 7.4]
    assert [m.events for m in result.months] == [2, 0, 1, 0, 0, 2]
    january, march = result.months[0], result.months[2]
    assert (january.cooperation, january.conflict, march.cooperation, march.conflict) == (2, 0, 0, 1)
    assert january.by_report == 1  # the undated AGREE placed by its article's date
    assert (result.events, result.index, result.unplaced) == (6, 11.3, 1)  # the year-only SUPPORT


def test_index_is_the_same_whichever_way_the_pair_is_asked(store: Store) -> None:
    assert monthly_index(store, "RUS", "PAK").months == monthly_index(store, "PAK", "RUS").months


def test_a_fused_event_counts_once_and_its_mentions_are_shown_beside() -> None:
    talks = event("t", "art-0", "CONSULT", ("PAK",), ("RUS",), date="2025-02-01")
    pledge = event("p", "art-0", "AGREE", ("RUS",), ("PAK",), date="2025-02-03")
    fused = mentioned(talks, "2025-02-01", "2025-02-02", "2025-02-02")
    fake = ListStore([fused, fused, mentioned(pledge, "2025-02-03")])

    (month,) = monthly_index(fake, "PAK", "RUS").months

    assert (month.events, month.index, month.mentions) == (2, 5.0, 4)


def test_joint_action_of_two_sides_is_not_an_interaction_between_them() -> None:
    joint = event("j", "art-0", "ACCUSE", ("PAK", "RUS"), ("USA",), date="2025-02-01")
    result = monthly_index(ListStore([mentioned(joint, "2025-02-01")]), "PAK", "RUS")
    assert (result.events, result.months) == (0, ())


MORE = {  # beside the analysis store: reports that fuse, joint acts, odd dates, corrections
    "a4": (
        event("e9", "a4", "CONSULT", ("RUS",), ("PAK",), mode="visit", date="2025-01-08",
              persons=("Shehbaz Sharif", "Vladimir Putin"), topics=("energy",)),
        event("e10", "a4", "ACCUSE", ("PAK", "RUS"), ("USA",), date="2025-02-01"),
        event("e11", "a4", "CONSULT", ("PAK", "RUS"), ("CHN",), date="2025-02-02", score=1.25),
        event("e12", "a4", "REJECT", ("USA",), ("PAK",), date="2025-02"),
    ),
    "a5": (
        event("e13", "a5", "AGREE", ("RUS",), ("PAK",), date=None),
        event("e14", "a5", "SUPPORT", ("PAK",), ("RUS",), date="2024-12-30", score=-0.35),
    ),
}


def test_the_stores_tallies_give_the_index_of_reading_every_event(store_url: str) -> None:
    with open_store(store_url) as store:
        for aid, found in {**EVENTS_BY_ARTICLE, **MORE}.items():
            published = {"a4": "2025-01-09", "a5": None}.get(aid, PUBLISHED.get(aid))
            store.add(Extraction(Article(aid, f"feed/{aid}", f"Text {aid}.", published=published), events=found))
        store.correct("e6", set={"score": "-3.5"})
        store.correct("e3", reject=True)
        store.correct("e7", set={"type": "THREATEN"})
        for a, b in (("PAK", "RUS"), ("RUS", "PAK"), ("CHN", "PAK"), ("PAK", "USA"), ("CHN", "RUS"), ("PAK", "PAK")):
            read = index_series(a, b, store.events(between=(a, b)))
            assert monthly_index(store, a, b) == read, (a, b)
            for rejected in (False, True):  # the pair index finds what a scan of every event finds
                every = store.events(include_rejected=rejected)
                both = [i for i in every if {a, b} <= {*i.event.source, *i.event.target}]
                assert store.events(between=(a, b), include_rejected=rejected) == both, (a, b)
        assert monthly_index(store, "PAK", "RUS").events >= 5


# --- topics --------------------------------------------------------------------------------


def test_topic_breakdown_counts_events_per_topic(store: Store) -> None:
    result = dyad_topics(store, "PAK", "RUS")

    assert [(t.topic, t.events) for t in result.topics] == [("energy", 2), ("transport", 1)]
    energy = result.topics[0]
    assert (energy.first, energy.last) == ("2025-01-08", "2025-06-15")
    assert dict(energy.types) == {"CONSULT": 1, "COOPERATE": 1}
    assert (result.events, result.untagged) == (6, 3)


# --- movers --------------------------------------------------------------------------------


def test_top_movers_rank_dyads_by_change_between_periods(store: Store) -> None:
    movers = top_movers(store, parse_period("2025-01..2025-03"), parse_period("2025-06"))

    assert [(m.a, m.b, m.before, m.after, m.change) for m in movers] == [
        ("PAK", "RUS", 3.9, 7.4, 3.5),
        ("CHN", "PAK", 1.0, 2.0, 1.0),
        ("CHN", "RUS", 0.0, 1.0, 1.0),
    ]
    assert (movers[0].events_before, movers[0].events_after) == (3, 2)


def test_an_event_dated_only_to_a_year_counts_only_in_a_period_holding_that_year(store: Store) -> None:
    pak_rus = {(m.a, m.b): m for m in top_movers(store, parse_period("2024"), parse_period("2025"))}[("PAK", "RUS")]
    assert (pak_rus.events_after, pak_rus.after) == (6, 14.8)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025", Period("2025", "2025")),
        ("2025-03", Period("2025-03", "2025-03")),
        ("2024-07..2025-06", Period("2024-07", "2025-06")),
        ("2024..", Period("2024", None)),
        ("..2025-06-30", Period(None, "2025-06-30")),
    ],
)
def test_parse_period(text: str, expected: Period) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["", "..", "2025-13", "march", "2025..2024", "2024 2025"])
def test_bad_periods_are_config_errors(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_period(text, option="--from")


@pytest.mark.parametrize(
    ("period", "when", "inside"),
    [
        (Period("2025-03", "2025-03"), "2025-03-31", True),
        (Period("2025-03", "2025-03"), "2025-03", True),
        (Period("2025-03", "2025-03"), "2025", False),
        (Period("2025", "2025"), "2025-12-31", True),
        (Period("2025-01", None), "2024-12-31", False),
        (Period(None, "2025-01"), None, False),
    ],
)
def test_period_contains_whole_dates_only(period: Period, when: str | None, inside: bool) -> None:
    assert period.contains(when) is inside


def test_months_between_crosses_years() -> None:
    assert months_between("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]


# --- network -------------------------------------------------------------------------------


def test_network_joins_everyone_at_a_meeting(store: Store) -> None:
    result = meeting_network(store)

    assert [(e.a, e.b, e.meetings) for e in result.edges] == [("CHN", "PAK", 3), ("PAK", "RUS", 2), ("CHN", "RUS", 1)]
    assert [(n.code, n.meetings, n.partners) for n in result.nodes] == [("PAK", 4, 2), ("CHN", 3, 2), ("RUS", 2, 2)]


@pytest.mark.parametrize(
    ("since", "until", "edges"),
    [
        ("2025-06", None, [("CHN", "PAK", 2), ("CHN", "RUS", 1), ("PAK", "RUS", 1)]),
        ("2025-03", "2025-03", [("CHN", "PAK", 1)]),
        ("2026", None, []),
    ],
)
def test_network_for_a_period(store: Store, since: str, until: str | None, edges: list) -> None:
    result = meeting_network(store, since=since, until=until)
    assert [(e.a, e.b, e.meetings) for e in result.edges] == edges
    json.dumps(result.to_dict())  # JSON-ready


# --- profiles ------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["PAK", "pak", "Pakistan"])
def test_country_profile(store: Store, actor: str) -> None:
    result = actor_profile(store, actor)

    assert (result.actor, result.kind, result.events) == ("PAK", "country", 8)
    assert [(c.code, c.meetings, c.events, c.index) for c in result.counterparts] == [
        ("CHN", 3, 3, 3.0),
        ("RUS", 2, 6, 14.8),
    ]
    assert dict(result.by_type) == {"CONSULT": 4, "AGREE": 1, "ACCUSE": 1, "SUPPORT": 1, "COOPERATE": 1}
    assert [(o.name, o.role, o.country, o.events) for o in result.offices] == [
        ("Shehbaz Sharif", "Prime Minister", "PAK", 2)
    ]
    assert dict(result.met) == {"Vladimir Putin": 1}


@pytest.mark.parametrize("actor", ["Vladimir Putin", "Putin"])
def test_person_profile_shows_the_office_held_and_who_they_met(store: Store, actor: str) -> None:
    result = actor_profile(store, actor)

    assert (result.kind, result.name, result.events) == ("person", "Vladimir Putin", 1)
    assert [(o.role, o.country, o.first) for o in result.offices] == [("President", "RUS", "2025-01-08")]
    assert [(c.code, c.meetings) for c in result.counterparts] == [("PAK", 1)]
    assert dict(result.met) == {"Shehbaz Sharif": 1}
    assert json.loads(json.dumps(result.to_dict()))["by_type"] == {"CONSULT": 1}


def test_unknown_person_has_an_empty_profile(store: Store) -> None:
    result = actor_profile(store, "Nobody Atall")
    assert (result.kind, result.events, result.offices, result.counterparts) == ("person", 0, (), ())
