"""Event coding on sentences written for these tests, run through the real pipeline."""

from __future__ import annotations

import pytest

from parley.ingest import parse_text_article
from parley.pipeline import extract_one


def code(text: str, published: str | None = "2025-09-02", dateline: str = "ISLAMABAD"):
    prefix = f" date {published} {dateline}: " if published else ""
    article = parse_text_article(prefix + text, name="case")
    return extract_one(article).events


def find(events, type_: str, parties: set[str]):
    hits = [e for e in events if e.type == type_ and set(e.source) | set(e.target) == parties]
    assert hits, f"no {type_} {sorted(parties)} among {[(e.type, e.source, e.target) for e in events]}"
    return hits[0]


CASES = [
    # sentence, type, parties, mode
    ("Pakistani Prime Minister Shehbaz Sharif met Russian President Vladimir Putin in Beijing on Monday.",
     "CONSULT", {"PAK", "RUS"}, "third-party"),
    ("Japan and South Korea agreed to resume regular visits between their leaders.", "AGREE", {"JPN", "KOR"}, None),
    ("Kazakhstan and Uzbekistan signed a treaty on border demarcation.", "SUPPORT", {"KAZ", "UZB"}, None),
    ("The Turkish president praised Egypt for its mediation efforts.", "SUPPORT", {"TUR", "EGY"}, None),
    ("In 2023, Pakistan began importing Russian crude oil at a discount.", "COOPERATE", {"PAK", "RUS"}, None),
    ("Turkey sent thousands of tonnes of humanitarian aid to Syria.", "AID", {"TUR", "SYR"}, None),
    ("Japan urged China to release the detained fishermen.", "REQUEST", {"JPN", "CHN"}, None),
    ("China condemned the latest missile test by North Korea.", "ACCUSE", {"CHN", "PRK"}, "disapprove"),
    ("Venezuela rejected the proposal made by Guyana.", "REJECT", {"VEN", "GUY"}, None),
    ("North Korea warned the United States of serious consequences.", "THREATEN", {"PRK", "USA"}, None),
    ("Iran recalled its ambassador from Pakistan on Wednesday.", "SANCTION", {"IRN", "PAK"}, "withdraw"),
    ("Kenya waived visa requirements for citizens of Angola.", "CONCEDE", {"KEN", "AGO"}, None),
    ("The European Union lifted its ban on imports of Ukrainian grain.", "RETREAT", {"EU", "UKR"}, None),
    ("Chinese coastguard vessels used water cannon to block Philippine boats.", "COERCE", {"CHN", "PHL"}, "restrict"),
]


@pytest.mark.parametrize("sentence,type_,parties,mode", CASES)
def test_types_and_parties(sentence, type_, parties, mode):
    event = find(code(sentence), type_, parties)
    if mode is not None:
        assert event.mode == mode
    assert event.evidence == sentence


def test_meeting_date_place_and_persons():
    event = find(code(CASES[0][0]), "CONSULT", {"PAK", "RUS"})
    assert event.date == "2025-09-01"
    assert event.location == "Beijing"
    assert {p.split()[-1] for p in event.persons} == {"Sharif", "Putin"}


def test_invitation_is_agree_with_planned_date():
    events = code("Putin invited Sharif to visit Moscow in November.")
    event = find(events, "AGREE", {"RUS", "PAK"})
    assert event.planned_for == "2025-11"
    assert event.source == ("RUS",)


def test_planned_meeting_is_agree_not_consult():
    events = code("The foreign ministers of India and Japan will meet in Tokyo next month.")
    assert not [e for e in events if e.type == "CONSULT"]
    event = find(events, "AGREE", {"IND", "JPN"})
    assert event.planned_for == "2025-10"


def test_negated_meeting_is_not_an_event():
    assert not [e for e in code("Pakistan's prime minister did not meet Russian officials.") if e.type == "CONSULT"]


def test_relative_date_without_publication_date_stays_null():
    events = code("On Wednesday, Pakistan's prime minister met Russia's prime minister in Islamabad.", published=None)
    event = find(events, "CONSULT", {"PAK", "RUS"})
    assert event.date is None


def test_visit_orients_visitor_to_host():
    event = find(code("Russian Deputy Prime Minister Alexei Overchuk visited Islamabad last week."), "CONSULT", {"RUS", "PAK"})
    assert event.mode == "visit"
    assert event.source == ("RUS",) and event.target == ("PAK",)
    assert event.date == "2025-08"


def test_surname_resolves_to_the_full_name_met_earlier():
    text = ("Russian President Vladimir Putin met Pakistani Prime Minister Shehbaz Sharif in Tianjin on Monday.\n\n"
            "Putin praised Pakistan as a traditional partner.")
    support = find(code(text), "SUPPORT", {"RUS", "PAK"})
    assert support.persons == ("Vladimir Putin",)


def test_one_meeting_told_twice_is_one_event():
    text = ("Pakistani Prime Minister Shehbaz Sharif met Russian President Vladimir Putin in Beijing on Monday.\n\n"
            "The meeting between Sharif and Putin lasted an hour.")
    consults = [e for e in code(text) if e.type == "CONSULT"]
    assert len(consults) == 1


def test_event_ids_are_stable_across_runs():
    text = CASES[0][0]
    assert [e.id for e in code(text)] == [e.id for e in code(text)]
