"""When and where: the date, planned date and location of one event.

The date of an act is a time expression of its own sentence, the one nearest the trigger that
does not point ahead; a promise's ``planned_for`` is one that does.  A statement made during an
occasion the article has just dated ("during the meeting", "he told Putin") takes the occasion's
date and place; background in the perfect tense ("have signed protocols") does not.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import DateRef, Event
from .clauses import clause_verb


@dataclass(frozen=True, slots=True)
class Occasion:
    """The most recent dated meeting or statement, which later statements may belong to."""

    date: str | None
    location: str | None
    location_country: str | None
    parties: frozenset[str]
    sentence_index: int


# Dependants of a promise verb that say when the promise was made, not when it is due.
STATEMENT_DEPS = {"npadvmod", "advmod", "tmod", "nsubj", "aux"}
STATEMENT_PREPS = {"on", "during", "at"}
SUBORDINATE_DEPS = {"advcl", "relcl", "acl", "pcomp"}


def planning_scope(trigger, *, promise: bool) -> set[int]:
    """Tokens that describe the planned action rather than the statement about it.

    For a promise verb ("invited him to Moscow in November") that is the verb's own phrase; for
    an act that is only planned ("will hold talks on Saturday", "are to meet in a few days") it
    is the whole clause of the act, up through "be to" / "expected to" chains.
    """
    if promise:
        statement = {
            t.i for c in trigger.children
            if c.dep_ in STATEMENT_DEPS or c.dep_ == "prep" and c.lower_ in STATEMENT_PREPS
            for t in c.subtree
        }
        return {t.i for t in trigger.subtree} - {trigger.i} - statement
    top = clause_verb(trigger)
    while top.dep_ == "xcomp" and top.head.pos_ in {"VERB", "AUX"} and top.head is not top:
        top = top.head
    return {t.i for t in top.subtree}


def pick_dates(sent, trigger, refs: list[DateRef], future_refs: list[DateRef], *, modal: bool, scope: set[int]) -> tuple[str | None, str | None]:
    """(date, planned_for) from a sentence's time expressions.

    For a promise or plan, an expression inside the trigger's own phrase ("invited him to Moscow
    in November") dates the planned action, read forwards; one outside it ("…, he said on
    Monday") dates the statement, read backwards.  For an act, the nearest past expression.
    """
    trigger_char = trigger.idx - sent.start_char
    if not modal:
        past = [r for r in refs if r.value and not r.future]
        other_acts = _subordinate_acts(trigger)
        own = [r for r in past if _token_at(sent, r) not in other_acts]
        date = _nearest(own or past, trigger_char)
        return (date.value if date else None), None
    inside = scope
    ahead = [r for r in future_refs if r.value and _token_at(sent, r) in inside]
    ahead += [r for r in refs if r.value and r.future and r not in ahead and _token_at(sent, r) not in inside]
    past = [r for r in refs if r.value and not r.future and _token_at(sent, r) not in inside]
    date, planned = _nearest(past, trigger_char), _nearest(ahead, trigger_char)
    return (date.value if date else None), (planned.value if planned else None)


def _subordinate_acts(trigger) -> set[int]:
    """Tokens of clauses that tell of another act ("…, even after failing to attend on Friday")."""
    verb = clause_verb(trigger)
    found: set[int] = set()
    for token in verb.subtree:
        if token.dep_ in SUBORDINATE_DEPS and token.i != trigger.i and trigger not in set(token.subtree):
            found |= {t.i for t in token.subtree}
    return found


def _token_at(sent, ref: DateRef) -> int:
    span = sent.doc.char_span(sent.start_char + ref.start, sent.start_char + ref.end, alignment_mode="expand")
    return span.root.i if span is not None else -1


def _nearest(refs: list[DateRef], char: int) -> DateRef | None:
    if not refs:
        return None
    return min(refs, key=lambda r: min(abs(r.start - char), abs(r.end - char)))


# Nouns whose place is the place of the act ("a meeting in Athens", "talks in Beijing").
VENUE_NOUNS = {"meeting", "talk", "summit", "visit", "conference", "ceremony", "session", "discussion", "negotiation", "sideline", "event"}
VENUE_WORDS = {"palace", "house", "hall", "residence", "centre", "center", "building", "ministry", "embassy", "airport", "shoal"}


def _describes_a_noun(doc, mention, trigger) -> bool:
    """"its ambassador in Tehran", "a project in Cirata": the place of a thing, not of the act."""
    tok = doc[mention.end - 1]
    while tok.dep_ in {"compound", "flat", "appos", "conj"} and tok.head is not tok:
        tok = tok.head
    if tok.dep_ != "pobj":
        return False
    attached = tok.head.head
    while attached.dep_ == "prep" or attached.pos_ == "ADP":
        attached = attached.head
    if attached.pos_ in {"VERB", "AUX"} or attached.i == trigger.i:
        return False
    return attached.pos_ in {"NOUN", "PROPN"} and attached.lemma_.lower() not in VENUE_NOUNS


def pick_location(
    sent, places, knowledge, trigger, *, exclude: set[int] = frozenset(), entities: list | None = None,
) -> tuple[str | None, str | None]:
    """(place as written, its country) for an act: a city, else a named venue, else only the country.

    A seat of government named as the venue ("at the Elysee Palace") gives its capital city.
    Places inside ``exclude`` (the planned part of a promise) are where something will happen,
    not where the promise was made.  ``entities`` are the sentence's entity spans when the caller
    has them (``sent.ents`` reads every entity of the document).
    """
    places = [m for m in places if m.start not in exclude and not _describes_a_noun(sent.doc, m, trigger)]
    for m in places:
        if m.kind not in {"place", "seat"}:
            continue
        capital = knowledge.capital(m.code) if m.kind == "seat" else None
        if capital and m.text.lower().removeprefix("the ") not in capital.lower():
            return capital, m.code
        return m.text, m.code
    venue = _venue(sent.ents if entities is None else entities, exclude)
    if venue is not None:
        return venue, next((m.code for m in places), None)
    countries = [m for m in places if m.kind == "country"]
    return (None, countries[0].code) if countries else (None, None)


def _venue(entities, exclude: set[int]) -> str | None:
    """A named building or site after "at"/"in" ("at the National Palace")."""
    for ent in entities:
        if ent.start in exclude or ent.label_ not in {"FAC", "ORG", "LOC"}:
            continue
        if not ({t.lower_ for t in ent} & VENUE_WORDS or ent.label_ == "FAC"):
            continue
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in {"at", "in"}:
            return " ".join(t.text for t in ent if t.lower_ != "the")
    return None


DATELINE_NOTE = "location: the dateline city"


def place_at_meeting(statement: Event, meeting: Event) -> Event:
    """A statement made at a meeting takes its place, and its date where it has none.

    The guideline places a statement "during a dated meeting, call or press conference" there:
    "X said …, as he met Y in Beijing" was said in Beijing, whatever the dateline says.  Only a
    statement by the meeting's parties moves; a place its own sentence names stays.
    """
    own_place = statement.location is not None and DATELINE_NOTE not in statement.explanation
    if meeting.location is None or DATELINE_NOTE in meeting.explanation or statement.type == "CONSULT" or own_place:
        return statement
    if not set(statement.source) <= set(meeting.source) | set(meeting.target):
        return statement
    return replace(
        statement,
        location=meeting.location,
        location_country=meeting.location_country,
        date=statement.date or meeting.date,
        explanation=statement.explanation + (f"place of the meeting in sentence {meeting.sentence_index}",),
    )
