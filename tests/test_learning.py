"""Offices learned from articles and the re-resolve pass that applies them."""

from __future__ import annotations

from parley.actors.knowledge import load_knowledge
from parley.ingest import parse_text_article
from parley.learning import Sighting, learned_offices, reresolve
from parley.model import Person
from parley.store import open_store


def test_only_offices_the_dictionary_lacks_are_learned_and_dated_by_first_sighting():
    knowledge = load_knowledge()
    sightings = [
        Sighting(Person("Ivana Novak", "Deputy Prime Minister", "HRV"), "2025-03-02"),
        Sighting(Person("Ivana Novak", "Deputy Prime Minister", "HRV"), "2025-01-15"),
        Sighting(Person("Vladimir Putin", "President", "RUS"), "2025-01-15"),  # known already
        Sighting(Person("Someone Untitled", None, None), "2025-01-15"),  # nothing stated
    ]
    [office] = learned_offices(sightings, knowledge)
    assert (office.name, office.role, office.country, office.start) == ("Ivana Novak", "Deputy Prime Minister", "HRV", "2025-01-15")


def test_learning_is_independent_of_order():
    knowledge = load_knowledge()
    sightings = [
        Sighting(Person("Ivana Novak", "Deputy Prime Minister", "HRV"), "2025-03-02"),
        Sighting(Person("Tomas Berg", "Foreign Minister", "NOR"), "2025-02-01"),
        Sighting(Person("Ivana Novak", "Deputy Prime Minister", "HRV"), "2025-01-15"),
    ]
    assert learned_offices(sightings, knowledge) == learned_offices(list(reversed(sightings)), knowledge)


TITLED = " date 2025-05-06 ZAGREB: Croatian Deputy Prime Minister Ivana Novak met Slovenian Prime Minister Robert Golob in Zagreb on Monday."
UNTITLED = " date 2025-05-20 ZAGREB: Novak praised Slovenia as a reliable partner on Tuesday."


def test_reresolve_applies_a_title_learned_in_another_article(tmp_path):
    from parley.pipeline import extract

    with open_store(str(tmp_path / "kb.db")) as store:
        # the untitled article first: on its own, "Novak" names nobody parley knows
        for text, name in ((UNTITLED, "later"), (TITLED, "earlier")):
            for extraction in extract([parse_text_article(text, name=name)]):
                store.add(extraction)
        before = {e.event.type for e in store.events(between=("HRV", "SVN"))}
        summary = reresolve(store)
        after = store.events(between=("HRV", "SVN"))
    assert "SUPPORT" not in before
    assert [o.name for o in summary.learned] == ["Ivana Novak"]
    support = [e for e in after if e.event.type == "SUPPORT"]
    assert support and support[0].event.persons == ("Ivana Novak",)
