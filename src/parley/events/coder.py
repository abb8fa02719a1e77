"""The event coder: from a parsed article to events in the guideline's fields.

Sentences are read in order because later ones lean on earlier ones: a pronoun names the last
person spoken of, "a month earlier" counts from the last dated event, and a statement "during
the meeting" takes the meeting's date and place.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from ..actors.knowledge import Knowledge
from ..actors.mentions import ActorMention, find_actor_mentions
from ..dates import scan_dates
from ..model import Article, Event, Person
from ..nlp.words import read_words
from ..taxonomy import cameo_code, intensity
from .clauses import (
    SPEECH_VERBS, clause_verb, in_quote, is_background_clause, is_perfect, quotations, remarks_at_meeting,
    subject_tokens,
)
from .merge import merge_events
from .participants import Discourse, Sides, assign_sides, build_discourse, credit_announcer, quote_speaker, reports
from .patterns import Pattern
from .placing import DATELINE_NOTE, Occasion, pick_dates, pick_location, place_at_meeting, planning_scope
from .topics import find_topics
from .triggers import Trigger, find_triggers

# Acts whose persons are the principals of every side (guideline); other acts list the actor only.
TWO_SIDED_RULES = {
    "consult", "support.sign", "support.signing", "agree.agree", "agree.invite", "agree.accept_invite",
    "agree.expected_sign", "agree.agreement_reached", "agree.resume",
}
MULTILATERAL_WORDS = {"sidelines", "summit", "forum", "conference", "assembly"}
ANAPHORIC_DETERMINERS = {"the", "this", "that", "these", "those"}
SUBJECT_PRONOUNS = {"he", "she", "they", "we", "i", "both", "leaders", "sides", "countries", "government", "ministry", "office"}
EMBEDDABLE = {"CONSULT", "AGREE", "PROTEST"}
NO_SPLIT_WORDS = {"trilateral", "joint", "between", "among", "multilateral", "regular"}


@dataclass(frozen=True, slots=True)
class Coded:
    """Events and the people an article names, as one article's result."""

    entities: tuple[Person, ...]
    events: tuple[Event, ...]


def _days_before(day: str, days: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) - timedelta(days=days)).isoformat()


def event_id(article_id: str, sentence_index: int, type_: str, parties: set[str]) -> str:
    """Stable across runs: same article, sentence, type and parties give the same id."""
    key = "|".join([article_id, str(sentence_index), type_, ",".join(sorted(parties))])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _cameo(trigger: Trigger, type_: str, mode: str | None) -> str:
    """The CAMEO code: the rule's own code, or "intent to meet" (036) for a meeting only planned."""
    if type_ != trigger.pattern.type:
        return cameo_code(type_, mode, "036" if trigger.pattern.type == "CONSULT" else None)
    return cameo_code(type_, mode, trigger.pattern.cameo)


def _final_type(trigger: Trigger) -> tuple[str, str | None]:
    pattern = trigger.pattern
    if trigger.modal and pattern.future_as_agree:
        return "AGREE", None
    return pattern.type, pattern.mode


def _holds_content(trigger: Trigger) -> bool:
    """Promises, requests and allegations report other acts as their content."""
    type_, _mode = _final_type(trigger)
    return type_ in {"AGREE", "REQUEST"} or trigger.pattern.mode == "allege"


def _inside_promise(trigger: Trigger, triggers: list[Trigger]) -> bool:
    """A meeting or act named inside an invitation, plan or request is its content, not an event."""
    for other in triggers:
        if other is trigger or not _holds_content(other):
            continue
        if _final_type(trigger)[0] == _final_type(other)[0]:
            continue
        if trigger.token.i != other.token.i and trigger.token in set(other.token.subtree):
            return True
    return False


def _choose(triggers: list[Trigger]) -> dict[str, tuple[Trigger, str | None]]:
    """One trigger per event type in a sentence, preferring patterns that fix a mode."""
    chosen: dict[str, tuple[Trigger, str | None]] = {}
    for trigger in triggers:
        if _inside_promise(trigger, triggers):
            continue
        type_, mode = _final_type(trigger)
        if type_ not in chosen or (mode and not chosen[type_][1]):
            chosen[type_] = (trigger, mode)
    return chosen


def _consult_mode(words: set[str], mode: str | None, sides: Sides, location_country: str | None, mentions) -> str | None:
    if mode:
        return mode
    if words & MULTILATERAL_WORDS or any(m.kind == "igo" for m in mentions):
        return "multilateral"
    if location_country and location_country not in set(sides.source) | set(sides.target):
        return "third-party"
    if location_country and location_country in sides.source + sides.target:
        return "visit"
    return None


def _orient_visit(sides: Sides, host: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Visitor as source, host as target (PLOVER's convention for visits)."""
    parties = sides.source + tuple(c for c in sides.target if c not in sides.source)
    if host and host in parties:
        return tuple(c for c in parties if c != host), (host,)
    return sides.source, sides.target


def _place_statements(events: list[Event], index: int, sent, found: list[Event]) -> None:
    """Statements of this sentence made at the meeting it reports ("said …, as he met Y in Z"),
    and those of the sentence before when this one says so ("His remarks came during a meeting")."""
    meetings = [e for e in found if e.type == "CONSULT" and e.location]
    if len(meetings) != 1:
        return
    sentences = {index, index - 1} if remarks_at_meeting(sent) else {index}
    for i, event in enumerate(events):
        if event.sentence_index in sentences:
            events[i] = place_at_meeting(event, meetings[0])


def _parsed_from(doc, text: str) -> bool:
    """Whether ``doc`` is the parse of ``text`` (as the pipeline makes it), checked by their lengths."""
    return len(doc) == 0 or doc[-1].idx + len(doc[-1].text_with_ws) == len(text)


class ArticleCoder:
    """Codes one article; holds the per-article state the sentences share."""

    def __init__(self, doc, article: Article, knowledge: Knowledge, patterns: tuple[Pattern, ...]) -> None:
        self.doc = doc
        self.article = article
        self.text = article.text if _parsed_from(doc, article.text) else doc.text
        self.entities = doc.ents
        self.knowledge = knowledge
        self.patterns = patterns
        self.words = read_words(doc)
        self.mentions = find_actor_mentions(doc, knowledge, on=article.published, words=self.words)
        self.discourse: Discourse = build_discourse(self.mentions)
        self.quotations = quotations(self.words.text)
        self.anchor: str | None = None
        self.seen_types: set[str] = set()
        self.occasion: Occasion | None = None
        self.dateline = self._dateline()

    def _text(self, sent) -> str:
        """``sent.text``, cut from the document's text rather than joined token by token."""
        return self.text[sent.start_char : sent.end_char]

    def _lower(self, sent) -> set[str]:
        """The sentence's words in lower case."""
        return set(self.words.lower[sent.start : sent.end])

    def _dateline(self) -> tuple[str, str] | None:
        if not self.article.dateline:
            return None
        city = self.article.dateline.split("/")[0].strip()
        code = self.knowledge.seat(city) or self.knowledge.place(city)
        return (city, code) if code else None

    def code(self) -> Coded:
        events: list[Event] = []
        for index, sent in enumerate(self.doc.sents):
            mentions = [m for m in self.mentions if sent.start <= m.start < sent.end]
            credit_announcer(events, index - 1, sent, mentions)
            found = self._code_sentence(index, sent, mentions)
            events.extend(found)
            _place_statements(events, index, sent, found)
            self._remember_people(sent, mentions)
        people = {m.person.name: m.person for m in self.mentions if m.person and m.person.country}
        return Coded(tuple(people.values()), tuple(merge_events(events)))

    def _remember_people(self, sent, mentions: list[ActorMention]) -> None:
        people = [m for m in mentions if m.person is not None and m.person.country]
        subjects = [m for m in people if self.doc[m.end - 1].dep_ in {"nsubj", "nsubjpass"}]
        if subjects or people:
            self.discourse.last_person = (subjects or people)[0].person
        speakers = [m for m in people if self.doc[m.end - 1].head.lemma_.lower() in SPEECH_VERBS and self.doc[m.end - 1].dep_ == "nsubj"]
        if speakers:
            self.discourse.last_speaker = speakers[0].person

    def _code_sentence(self, index: int, sent, mentions: list[ActorMention]) -> list[Event]:
        triggers = find_triggers(sent, self.patterns, self.words)
        if not triggers:
            return []
        triggers = [
            t for t in triggers
            if not (self._anaphoric(t, mentions) or self._embedded(t))
            and (not t.pattern.actor_subject or self._actor_subject(t, mentions))
        ]
        chosen = _choose(triggers)
        if not chosen:
            return []
        scan = scan_dates(self._text(sent))  # read twice: as a report and as a plan
        refs = scan.resolve(published=self.article.published, anchor=self.anchor)
        future_refs = scan.resolve(published=self.article.published, anchor=self.anchor, prefer_future=True)
        events = []
        for type_, (trigger, mode) in chosen.items():
            event = self._event(index, sent, mentions, trigger, type_, mode, refs, future_refs)
            if event is not None:
                events.extend(self._split(sent, event, trigger))
        return events

    def _unnamed_partner(self, token) -> bool:
        """A meeting whose partners the sentence leaves unnamed ("with several leaders", "15 meetings")."""
        if token.lemma_.lower() not in {"meeting", "talk", "meet", "consultation"}:
            return False
        return any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children) or token.tag_ == "NNS"

    def _actor_subject(self, trigger: Trigger, mentions: list[ActorMention]) -> bool:
        """For intent words ("aims to", "offers"): the one who intends must be an actor, not a thing."""
        subject = subject_tokens(clause_verb(trigger.token))
        if not subject:
            return False
        positions = {t.i for t in subject}
        if any(m.start in positions for m in mentions):
            return True
        return any(t.lower_ in SUBJECT_PRONOUNS or t.ent_type_ in {"ORG", "NORP", "PERSON", "GPE"} for t in subject)

    def _embedded(self, trigger: Trigger) -> bool:
        """A meeting noun buried in another noun phrase ("role as negotiator in truce talks")."""
        token = trigger.token
        if token.pos_ != "NOUN" or trigger.pattern.type not in EMBEDDABLE:
            return False
        head = token.head
        if head.pos_ == "ADP":
            head = head.head
        return head.pos_ in {"NOUN", "PROPN"} and head is not token and head.dep_ not in {"ROOT"}

    def _anaphoric(self, trigger: Trigger, mentions: list[ActorMention]) -> bool:
        """"the meeting", "the talks": a happening already reported, unless its parties are named here."""
        token = trigger.token
        if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in token.children):
            return False
        if _final_type(trigger)[0] not in self.seen_types:
            return False  # nothing earlier for "the …" to point back to
        inside = {t.i for t in token.subtree}
        return not any(m.start in inside for m in mentions)

    def _split(self, sent, event: Event, trigger: Trigger) -> list[Event]:
        """Separate bilateral meetings listed together: one event per partner."""
        words = self._lower(sent)
        meeting = trigger.pattern.type == "CONSULT"
        explicit = "+" not in event.explanation[1]
        if len(event.source) != 1 or len(event.target) < 2 or not meeting or not explicit or (words & NO_SPLIT_WORDS and "bilateral" not in words):
            return [event]
        countries = {p.name: p.country for p in self._people_named(event.persons)}
        return [
            replace(
                event,
                id=event_id(self.article.id, event.sentence_index, event.type, {event.source[0], code}),
                target=(code,),
                persons=tuple(n for n in event.persons if countries.get(n) in {event.source[0], code}),
            )
            for code in event.target
        ]

    def _event(self, index, sent, mentions, trigger: Trigger, type_, mode, refs, future_refs) -> Event | None:
        token = trigger.token
        visit = trigger.pattern.mode == "visit"
        self.discourse.quote_speaker = quote_speaker(self.doc, token, self.quotations, self.mentions, self.discourse)
        sides = assign_sides(sent, token, mentions, self.discourse, visit=visit, meeting=trigger.pattern.type == "CONSULT")
        if not sides.source or not sides.target:
            return None
        if trigger.pattern.named_target and "counterpart" in sides.how:
            return None  # an appeal to, or praise of, no named state ("urged the public") is not an event
        if "counterpart" in sides.how and self._unnamed_partner(token):
            return None  # "bilateral meetings with several leaders": the partners are not named
        promise = trigger.pattern.type == "AGREE" and not trigger.pattern.requires_modality
        scope = planning_scope(token, promise=promise)
        date, planned = pick_dates(sent, token, refs, future_refs, modal=trigger.modal or type_ == "AGREE", scope=scope)
        location, location_country = pick_location(
            sent, sides.places, self.knowledge, token, exclude=scope if type_ == "AGREE" else set(),
            entities=[e for e in self.entities if sent.start <= e.start and e.end <= sent.end],
        )
        source, target = sides.source, sides.target
        explain = [f"rule {trigger.pattern.rule} fired on '{token.text}'", f"parties from {sides.how}"]
        date, location, location_country = self._from_occasion(
            index, token, source + target, date, planned, location, location_country, explain,
            converted=type_ != trigger.pattern.type,
        )
        if date is None:
            date = self._news_day(sent, token, type_)
            if date:
                explain.append("date: reported as current news, dated by the article")
        if type_ == "CONSULT":
            mode = _consult_mode(self._lower(sent), mode, sides, location_country, mentions)
            if mode == "visit":
                host = self._visit_host(sides, location_country, mentions, token)
                source, target = _orient_visit(sides, host)
                if location is None and host:
                    location_country = host
        if location is None and self._at_dateline(type_, mode, date, source, target):
            location, location_country = self.dateline
            explain.append(DATELINE_NOTE)
        persons = self._persons(trigger, sides, source, target, mentions)
        event = Event(
            id=event_id(self.article.id, index, type_, set(source) | set(target)),
            article_id=self.article.id,
            type=type_,
            mode=mode,
            source=source,
            target=target,
            persons=persons,
            date=date,
            planned_for=planned,
            location=location,
            location_country=location_country,
            topics=find_topics(self.words.lower[sent.start : sent.end], self.words.lemma[sent.start : sent.end]),
            evidence=self._text(sent).strip(),
            sentence_index=index,
            start=sent.start_char,
            end=sent.start_char + len(self._text(sent).rstrip()),
            rule=trigger.pattern.rule,
            cameo=_cameo(trigger, type_, mode),
            score=intensity(type_, mode),
            confidence=0.4 if "counterpart" in sides.how else 0.7,
            explanation=tuple(explain + [f"date {date!r}, planned_for {planned!r}, location {location!r}"]),
        )
        self._after_event(index, event, refs)
        return event

    def _visit_host(self, sides: Sides, location_country, mentions, token) -> str | None:
        if location_country:
            return location_country
        after = [m for m in mentions if m.start > token.i and m.code in sides.target and m.kind != "person"]
        return after[0].code if after else (sides.target[0] if sides.target else None)

    def _persons(self, trigger: Trigger, sides: Sides, source, target, mentions: list[ActorMention]) -> tuple[str, ...]:
        name = trigger.pattern.name
        if name in TWO_SIDED_RULES or name.split(".")[0] in TWO_SIDED_RULES or sides.how.startswith("pair"):
            # the principals of a meeting or joint act may be named outside the trigger's clause
            # ("A thanked B for the invitation, saying he would be glad to come")
            parties = set(source) | set(target)
            named = [m.person for m in mentions if m.person is not None and m.person.country in parties and not reports(self.doc, m)]
            chosen = sides.persons if sides.how.startswith("pair-states") else sides.persons + tuple(named)
        else:
            chosen = sides.actors + tuple(p for p in sides.persons if p.country in source)
        return tuple(dict.fromkeys(p.name for p in chosen))

    def _people_named(self, names: tuple[str, ...]) -> list[Person]:
        known = {m.person.name: m.person for m in self.mentions if m.person is not None}
        return [known[n] for n in names if n in known]

    def _at_dateline(self, type_: str, mode: str | None, date: str | None, source, target) -> bool:
        """Current acts of the dateline's country (or meetings it hosts) happened at the dateline."""
        if self.dateline is None or date is None or not self.article.published:
            return False
        if len(date) < 10 or not (self.article.published >= date >= _days_before(self.article.published, 3)):
            return False
        if type_ == "CONSULT":  # a meeting the dateline's country hosted, not a summit abroad
            return mode not in {"multilateral", "third-party"} and self.dateline[1] in set(source) | set(target)
        return set(source) == {self.dateline[1]}

    def _news_day(self, sent, token, type_: str) -> str | None:
        """The day a current act was reported: statements and acts told as news, not background."""
        if not self.article.published or type_ == "AGREE" or is_background_clause(token):
            return None
        if is_perfect(token) and in_quote(sent, token):
            return None
        return self.occasion.date if self.occasion and self.occasion.date else self.article.published

    def _from_occasion(self, index, token, parties, date, planned, location, location_country, explain, *, converted: bool):
        occasion = self.occasion
        if occasion is None or is_perfect(token) or is_background_clause(token):
            return date, location, location_country
        if not set(parties) & occasion.parties:
            return date, location, location_country
        if date is None and occasion.date and not (planned and converted):
            date = occasion.date
            explain.append(f"date from the occasion in sentence {occasion.sentence_index}")
        if location is None and occasion.location and (date is None or date == occasion.date):
            location, location_country = occasion.location, occasion.location_country
        return date, location, location_country

    def _after_event(self, index: int, event: Event, refs) -> None:
        parties = frozenset(event.source + event.target)
        self.seen_types.add(event.type)
        self.discourse.last_source = event.source
        self.anchor = event.date
        if event.type == "SUPPORT" and ".support.sign." in event.rule and event.date and len(event.date) == 10 and self.occasion is None:
            # a dated signing ceremony is an occasion too: what follows "after the signing" happened there
            self.occasion = Occasion(event.date, event.location, event.location_country, parties, index)
        if event.type == "CONSULT":
            self.discourse.last_pair = (event.source, event.target)
            self.discourse.last_pair_persons = tuple(p for p in self._people_named(event.persons))
            if event.date and len(event.date) == 10 or self.occasion is None and event.location:
                self.occasion = Occasion(event.date, event.location, event.location_country, parties, index)


def code_article(doc, article: Article, knowledge: Knowledge, patterns: tuple[Pattern, ...]) -> Coded:
    """Events and entities of one parsed article."""
    return ArticleCoder(doc, article, knowledge, patterns).code()
