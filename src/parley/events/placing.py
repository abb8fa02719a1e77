"""When and where: the date, planned date and location of one event.

The date of an act is a time expression of its own sentence, the one nearest the trigger that
does not point ahead; a promise's ``planned_for`` is one that does.  A statement made during an
occasion the article has just dated ("during the meeting", "he told Putin") takes the occasion's
date and place; background in the perfect tense ("have signed protocols") does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import DateRef


@dataclass(frozen=True, slots=True)
class Occasion:
    """The most recent dated meeting or statement, which later statements may belong to."""

    date: str | None
    location: str | None
    location_country: str | None
    parties: frozenset[str]
    sentence_index: int


def pick_dates(refs: list[DateRef], future_refs: list[DateRef], trigger_char: int, *, modal: bool) -> tuple[str | None, str | None]:
    """(date, planned_for) from a sentence's time expressions, relative to the trigger."""
    past = [r for r in refs if r.value and not r.future]
    date = _nearest(past, trigger_char)
    planned = None
    if modal:
        ahead = [r for r in future_refs if r.value and (r.future or r.start > trigger_char)]
        planned = _nearest(ahead, trigger_char)
        if planned is not None and date is not None and planned.start == date.start:
            date = None
        if date is not None and date.start > trigger_char and planned is None:
            planned, date = _nearest([r for r in future_refs if r.start == date.start], trigger_char), None
    return (date.value if date else None), (planned.value if planned else None)


def _nearest(refs: list[DateRef], char: int) -> DateRef | None:
    if not refs:
        return None
    return min(refs, key=lambda r: min(abs(r.start - char), abs(r.end - char)))


def pick_location(places, knowledge, doc) -> tuple[str | None, str | None]:
    """(city as written, its country) from the place mentions of the event's sentence."""
    cities = [m for m in places if m.kind in {"place", "seat"}]
    if cities:
        chosen = cities[0]
        return chosen.text, chosen.code
    countries = [m for m in places if m.kind == "country"]
    if countries:
        return None, countries[0].code
    return None, None
