"""Offices learned from articles, and the re-resolve pass that applies them.

An article that writes "Russian Deputy Prime Minister Alexei Overchuk" teaches parley an office
its dictionaries may lack; another article that only writes "Overchuk said" can then be coded.
Learned offices are gathered from the whole store and applied in one explicit pass, so what is
stored never depends on the order in which articles were ingested.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .actors.knowledge import Knowledge, Office, load_knowledge
from .model import Person
from .pipeline import extract
from .store import Store


@dataclass(frozen=True, slots=True)
class Sighting:
    """A person as one article states them, dated by the article."""

    person: Person
    published: str | None


@dataclass(frozen=True, slots=True)
class ReresolveSummary:
    articles: int
    learned: tuple[Office, ...]
    events_before: int
    events_after: int


def learned_offices(sightings: Iterable[Sighting], knowledge: Knowledge) -> list[Office]:
    """Offices stated in articles for people the dictionaries do not know, first seen when stated.

    The earliest and latest publication dates bound the office: a fact learned from articles of
    2025 says nothing about who held the post in 2019.
    """
    spans: dict[tuple[str, str, str], list[str]] = {}
    for sighting in sightings:
        person = sighting.person
        if not (person.role and person.country) or knowledge.person(person.name, sighting.published):
            continue
        dates = spans.setdefault((person.name, person.role, person.country), [])
        if sighting.published:
            dates.append(sighting.published)
    return [
        Office(name, role, country, min(dates) if dates else None, None)
        for (name, role, country), dates in sorted(spans.items())
    ]


def reresolve(store: Store, *, knowledge: Knowledge | None = None) -> ReresolveSummary:
    """Re-extract every stored article with the offices learned from all of them."""
    base = knowledge or load_knowledge()
    learned = learned_offices(_sightings(store), base)
    extended = base.with_offices(learned)
    before = store.counts()["events"]
    articles = list(store.articles())
    for extraction in extract(iter(articles), knowledge=extended):
        store.add(extraction, replace=True)
    return ReresolveSummary(len(articles), tuple(learned), before, store.counts()["events"])


def _sightings(store: Store) -> Iterator[Sighting]:
    for article_id, person, published in store.entities():
        yield Sighting(person, published)

