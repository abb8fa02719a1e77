"""Event coding on sentences written for these tests, run through the real pipeline.

The table in ``cases/events.jsonl`` holds one case per PLOVER type (and its modes); each case
names the fields it checks, so a case states only what its sentence fixes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.ingest import parse_text_article
from parley.pipeline import extract_one

CASES = [json.loads(line) for line in (Path(__file__).parent / "cases" / "events.jsonl").read_text().splitlines() if line.strip()]
PUBLISHED = "2025-09-02"  # a Tuesday


def code(text: str, published: str | None = PUBLISHED, dateline: str = "ISLAMABAD"):
    prefix = f" date {published} {dateline}: " if published else ""
    return extract_one(parse_text_article(prefix + text, name="case")).events


def find(events, type_: str, parties: set[str]):
    hits = [e for e in events if e.type == type_ and set(e.source) | set(e.target) == parties]
    assert hits, f"no {type_} {sorted(parties)} among {[(e.type, e.source, e.target) for e in events]}"
    return hits[0]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['type']}-{i}" for i, c in enumerate(CASES)])
def test_event_table(case):
    event = find(code(case["text"]), case["type"], set(case["parties"]))
    for field in ("mode", "date", "planned_for", "location"):
        if field in case:
            assert getattr(event, field) == case[field], field
    if "source" in case:
        assert list(event.source) == case["source"]
    assert event.evidence == case["text"]
    assert event.cameo and event.score is not None


def test_every_plover_type_has_a_case():
    from parley.events import PLOVER_TYPES

    assert {c["type"] for c in CASES} == set(PLOVER_TYPES)


def test_meeting_persons_are_both_principals():
    event = find(code(CASES[0]["text"]), "CONSULT", {"PAK", "RUS"})
    assert {p.split()[-1] for p in event.persons} == {"Sharif", "Putin"}


def test_negated_meeting_is_not_an_event():
    assert not [e for e in code("Pakistan's prime minister did not meet Russian officials.") if e.type == "CONSULT"]


def test_hedged_visit_is_not_a_visit():
    events = code("The Indian prime minister may visit Moscow next year.")
    assert not [e for e in events if e.type == "CONSULT"]


def test_refusal_is_reject():
    find(code("Venezuela refused to sign the accord with Guyana."), "REJECT", {"VEN", "GUY"})


def test_relative_date_without_publication_date_stays_null():
    events = code("On Wednesday, Pakistan's prime minister met Russia's prime minister in Islamabad.", published=None)
    assert find(events, "CONSULT", {"PAK", "RUS"}).date is None


def test_one_meeting_told_twice_is_one_event():
    text = ("Pakistani Prime Minister Shehbaz Sharif met Russian President Vladimir Putin in Beijing on Monday.\n\n"
            "The meeting between Sharif and Putin lasted an hour.")
    assert len([e for e in code(text) if e.type == "CONSULT"]) == 1


def test_event_ids_are_stable_across_runs():
    text = CASES[0]["text"]
    assert [e.id for e in code(text)] == [e.id for e in code(text)]


# --- people and coreference ---------------------------------------------------------------

COREFERENCE = [
    # second sentence refers back to people of the first: (text, type, parties, persons' surnames)
    ("Russian President Vladimir Putin met Pakistani Prime Minister Shehbaz Sharif in Tianjin on Monday.\n\n"
     "Putin praised Pakistan as a traditional partner.", "SUPPORT", {"RUS", "PAK"}, {"Putin"}),
    ("Russian President Vladimir Putin met Pakistani Prime Minister Shehbaz Sharif in Tianjin on Monday.\n\n"
     "The Russian leader praised Pakistan as a reliable partner.", "SUPPORT", {"RUS", "PAK"}, {"Putin"}),
    ("Indian Prime Minister Narendra Modi met German Chancellor Olaf Scholz in New Delhi on Sunday.\n\n"
     "Modi invited his German counterpart to visit India next year.", "AGREE", {"IND", "DEU"}, {"Modi", "Scholz"}),
    ("Greek Prime Minister Kyriakos Mitsotakis met Turkish President Recep Tayyip Erdogan in Athens on Thursday.\n\n"
     "The two leaders agreed to resume talks on maritime zones.", "AGREE", {"GRC", "TUR"}, {"Mitsotakis", "Erdogan"}),
    ("Greek Prime Minister Kyriakos Mitsotakis met Turkish President Recep Tayyip Erdogan in Athens on Thursday.\n\n"
     "Both sides agreed to resume talks on maritime zones.", "AGREE", {"GRC", "TUR"}, set()),
    ("Kenyan President William Ruto met Angolan President Joao Lourenco in Nairobi on Sunday.\n\n"
     "He praised Angola for its support.", "SUPPORT", {"KEN", "AGO"}, {"Ruto"}),
]


@pytest.mark.parametrize("text,type_,parties,surnames", COREFERENCE)
def test_coreference(text, type_, parties, surnames):
    event = find(code(text), type_, parties)
    assert surnames <= {p.split()[-1] for p in event.persons}


def test_title_gives_role_and_country():
    (extraction_events, entities) = _entities("Russian Deputy Prime Minister Alexei Overchuk visited Islamabad on Monday.")
    overchuk = next(p for p in entities if p.name.endswith("Overchuk"))
    assert (overchuk.role, overchuk.country) == ("Deputy Prime Minister", "RUS")


def _entities(text: str):
    extraction = extract_one(parse_text_article(f" date {PUBLISHED} ISLAMABAD: " + text, name="case"))
    return extraction.events, extraction.entities


# --- time in context ------------------------------------------------------------------------

DATES = [
    # (text, type, parties, date, planned_for)
    ("Sharif arrived in China on Saturday on a six-day visit.", "CONSULT", {"PAK", "CHN"}, "2025-08-30", None),
    ("Earlier on Tuesday, Pakistan's prime minister met the Chinese president.", "CONSULT", {"PAK", "CHN"}, "2025-09-02", None),
    ("In December last year, Russia and Pakistan held talks in Moscow.", "CONSULT", {"RUS", "PAK"}, "2024-12", None),
    ("Since 2013, China has invested billions of dollars in Pakistan.", "COOPERATE", {"CHN", "PAK"}, "2013", None),
    ("Zardari met Putin in Ashgabat last week.\n\nJust a month earlier, Russian Deputy Prime Minister Alexei Overchuk visited Islamabad.",
     "CONSULT", {"RUS", "PAK"}, "2025-07", None),
    ("Putin invited Sharif to visit Moscow in November.", "AGREE", {"RUS", "PAK"}, None, "2025-11"),
    ("Pakistan and China agreed on Monday to hold the next round of talks early next month.", "AGREE", {"PAK", "CHN"}, "2025-09-01", "2025-10"),
]


@pytest.mark.parametrize("text,type_,parties,date,planned", DATES)
def test_dates_in_context(text, type_, parties, date, planned):
    events = [e for e in code(text) if e.type == type_ and set(e.source) | set(e.target) == parties]
    assert any(e.date == date and e.planned_for == planned for e in events), [(e.date, e.planned_for) for e in events]
