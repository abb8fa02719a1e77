"""Who acts and who is acted on: the two sides of an event, from the parse and the discourse.

A sentence names its actors in many ways — a country, a demonym on a noun ("Russian crude"), a
capital standing for its government, a titled person, a pronoun.  Mentions inside the subject of
the trigger's clause are the source side; the rest are the target side.  What the sentence
leaves out (a pronoun subject, "the two leaders", an unnamed counterpart) is filled from the
article: the last person spoken of, the last pair of parties, the article's main counterpart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from ..actors.mentions import ActorMention
from ..model import Event, Person
from .clauses import SPEECH_VERBS, announces_previous, attribution, clause_verb, subject_tokens

LOCATION_PREPS = {"in", "at", "near", "inside", "outside"}
BACKGROUND_PREPS = LOCATION_PREPS | {"from", "through", "across", "via", "like"}
TRANSIT_PREPS = {"through", "via", "across"}
ROUTE_NOUNS = {"corridor", "route", "road", "railway", "pipeline", "access", "link", "highway"}
CURRENCY_NOUNS = {"dollar", "yuan", "euro", "pound", "rupee", "ruble", "rouble", "yen", "won", "real", "peso", "lira", "dirham", "riyal"}
# Nouns whose "with"/"to" phrases name the other party ("relations with Russia").
RELATION_NOUNS = {
    "relation", "tie", "cooperation", "partnership", "talk", "meeting", "visit", "trade", "agreement", "deal",
    "dialogue", "contact", "friendship", "alliance",
    # people named by where they come from: "leaders from China and Russia"
    "leader", "official", "delegation", "counterpart", "minister", "president", "representative", "envoy", "team",
}
DESTINATION_PREPS = {"to", "in", "into"}
OCCASION_NOUNS = {"summit", "meeting", "council", "framework", "sideline", "session", "forum", "conference", "assembly", "event", "platform", "format", "member", "charter"}
PAIR_WORDS = {"both", "two", "they", "their", "sides", "leaders", "countries", "nations", "we", "our"}
# Subjects that name the states themselves, not the people who speak for them.
STATE_NOUNS = {"countries", "nations", "states", "governments", "neighbours", "neighbors"}
# Bodies and officials that act for a state: "his government", "our foreign secretary".
INSTITUTION_NOUNS = {
    "government", "administration", "cabinet", "ministry", "office", "department", "party", "military", "army",
    "secretary", "minister", "spokesman", "spokeswoman", "spokesperson", "envoy", "ambassador", "official", "authority",
}
PRONOUNS = {"he", "she", "his", "her", "him", "i", "my"}
FIRST_PERSON = {"i", "my", "we", "our"}
PAIR_CUES = {"both", "two", "mutual", "together", "each"}


@dataclass
class Discourse:
    """What the article has established so far, for filling gaps in later sentences."""

    focus: Counter = field(default_factory=Counter)
    first_seen: dict[str, int] = field(default_factory=dict)
    last_person: Person | None = None
    last_speaker: Person | None = None
    quote_speaker: Person | None = None  # who speaks the quotation the current sentence stands in
    last_pair: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    last_pair_persons: tuple[Person, ...] = ()
    last_source: tuple[str, ...] = ()

    def counterpart(self, exclude: set[str]) -> str | None:
        """The actor the article talks about most, other than ``exclude``."""
        ranked = sorted(
            (code for code in self.focus if code not in exclude),
            key=lambda c: (-self.focus[c], self.first_seen.get(c, 0)),
        )
        return ranked[0] if ranked else None


@dataclass(frozen=True, slots=True)
class Sides:
    source: tuple[str, ...]
    target: tuple[str, ...]
    persons: tuple[Person, ...]
    places: tuple[ActorMention, ...]
    how: str
    actors: tuple[Person, ...] = ()  # the people on the acting side, whether or not their country is known


def build_discourse(mentions: list[ActorMention]) -> Discourse:
    discourse = Discourse()
    for m in mentions:
        if m.code and m.kind not in {"place", "igo"}:
            discourse.focus[m.code] += 1
            discourse.first_seen.setdefault(m.code, m.start)
    return discourse


def mention_root(doc, mention: ActorMention):
    """The token of the mention whose head lies outside it."""
    for tok in doc[mention.start : mention.end]:
        if tok.head.i < mention.start or tok.head.i >= mention.end or tok.head is tok:
            return tok
    return doc[mention.end - 1]


def _is_place_role(mention: ActorMention, doc, *, visit: bool, meeting: bool) -> bool:
    """True when the mention says where the act happened rather than who took part.

    A city after "in"/"at" is a venue; a country there is a venue only for meetings ("met in
    Turkmenistan") — "invested in Pakistan" names a party.
    """
    if mention.kind == "place":
        return True
    if mention.kind in {"person", "igo", "demonym"}:
        return False
    head = mention_root(doc, mention)
    while head.dep_ in {"compound", "flat", "appos"} and head.head is not head:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ in LOCATION_PREPS | {"from"}:
        if visit and head.head.lower_ in DESTINATION_PREPS:
            return False
        return mention.kind == "seat" and head.head.lower_ != "from" or meeting and head.head.lower_ != "from" or (
            mention.kind == "seat" and head.head.head.pos_ == "VERB" and head.head.head.lemma_ in {"televise", "broadcast", "speak", "report"})
    return False


def _is_background(mention: ActorMention, doc, trigger_token) -> bool:
    """A country inside a noun's own "in"-phrase ("the war in Ukraine") takes no part in the act."""
    if mention.kind == "person":
        return False
    head = mention_root(doc, mention)
    if head.dep_ in {"compound", "nmod", "amod"} and head.head.lemma_.lower() in CURRENCY_NOUNS:
        return True  # "U.S. dollars"
    if mention.kind in {"demonym", "igo"} and head.dep_ != "pobj":
        return False
    if head.dep_ in {"compound", "nmod"} and head.head.pos_ == "PROPN" and head.head.ent_type_ != "GPE":
        return True  # part of a name: "China-Pakistan Economic Corridor"
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    if head.dep_ != "pobj":
        return False
    prep, attached = head.head, head.head.head
    if prep.lower_ in TRANSIT_PREPS:
        return True  # a country passed through ("a rail link through Afghanistan") takes no part
    if attached.pos_ not in {"NOUN", "PROPN"} or attached.i == trigger_token.i:
        return False
    if prep.lower_ == "to":
        return attached.lemma_.lower() in ROUTE_NOUNS
    return prep.lower_ in BACKGROUND_PREPS and attached.lemma_.lower() not in RELATION_NOUNS
    if head.dep_ == "appos" and head.head.ent_type_ == "GPE":
        return True
    return False


def _qualifies_occasion(mention: ActorMention, doc, trigger_token) -> bool:
    """An IGO named only as the frame of something ("the SCO summit", "within the SCO")."""
    if mention.kind != "igo":
        return False
    tok = mention_root(doc, mention)
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ in {"compound", "poss", "nmod", "amod"}:
        return tok.head.i != trigger_token.i
    if tok.dep_ != "pobj":
        return False
    if tok.head.lower_ in {"within", "at", "in", "on", "under", "like"}:
        return True
    return tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in OCCASION_NOUNS


def _modifies_person(mention: ActorMention, doc) -> bool:
    """A demonym or country that only qualifies a person's title ("Russian President X")."""
    if mention.kind not in {"demonym", "country", "seat"}:
        return False
    tok = doc[mention.end - 1]
    for _ in range(4):
        if tok.dep_ not in {"amod", "compound", "poss", "nmod", "case", "pobj", "prep"} or tok.head is tok:
            return False
        tok = tok.head
        if tok.ent_type_ == "PERSON":
            return True
    return False


def _main_subject_person(sent, mentions: list[ActorMention]) -> Person | None:
    """The person who is the subject of the sentence's main verb ("Sharif thanked…, saying he…")."""
    root = sent.root
    subject = {t.i for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
    for m in mentions:
        if m.person is not None and m.person.country and m.start in subject:
            return m.person
    return None


CLAUSE_SCOPE = True


def clause_scope(verb) -> set[int]:
    """Tokens of ``verb``'s own clause: its subtree without the clauses coordinated with it."""
    own = {t.i for t in verb.subtree}
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}:
            own -= {t.i for t in child.subtree}
    return own


def _speech_subject(verb) -> set[int]:
    """Subject tokens of the speech verb that reports this clause ("She said meetings will…").

    The speech verb governs the clause, or hangs off it after a comma ("China offered aid…,
    its spokeswoman said").
    """
    for child in verb.children:
        if child.dep_ in {"parataxis", "ccomp", "advcl"} and child.lemma_.lower() in SPEECH_VERBS and child.i > verb.i:
            said_by = {t.i for c in child.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
            if said_by:
                return said_by
    current = verb
    for _ in range(3):
        if current.dep_ not in {"ccomp", "xcomp", "conj", "advcl"} or current.head is current:
            return set()
        current = current.head
        if current.lemma_.lower() in SPEECH_VERBS:
            return {t.i for c in current.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
    return set()


def _fill_source(sent, verb, subject: set[int], mentions, discourse: Discourse, target: list[str]) -> tuple[list[str], list[Person], str]:
    """Source codes for a clause whose subject names no actor: pronoun, speaker or pair."""
    doc = sent.doc
    words = {doc[i].lower_ for i in subject}
    quoted = discourse.quote_speaker
    if quoted is not None and quoted.country and words & FIRST_PERSON:
        if _institution_of(doc, subject):  # "our foreign secretary summoned …," X said: X's state, not X
            return [quoted.country], [], "quote-institution"
        if _first_person_subject(doc, subject):  # "we will continue the ban," said X: X's side, X speaks
            return [quoted.country], [quoted], "quote"
    speaker = _main_subject_person(sent, mentions) or discourse.last_person
    if words & FIRST_PERSON and discourse.last_speaker and not _main_subject_person(sent, mentions):
        speaker = discourse.last_speaker  # "I"/"we" in a quote continue the last speaker
    if words & PRONOUNS and speaker and speaker.country:
        if _institution_of(doc, subject):
            return [speaker.country], [], "pronoun-institution"  # "his government said": it acts, not he
        return [speaker.country], [speaker], "pronoun"
    if words & {"they", "we"} and target and discourse.last_source:
        return [c for c in discourse.last_source if c not in target], [], "pronoun"
    if words & PAIR_WORDS and discourse.last_pair:
        parties = list(discourse.last_pair[0]) + list(discourse.last_pair[1])
        if words & STATE_NOUNS:  # "the two countries agreed": the states act, no one is named
            return parties, [], "pair-states"
        return parties, list(discourse.last_pair_persons), "pair"
    if words & PAIR_WORDS:  # "the two nations" named earlier in the same sentence
        named = list(dict.fromkeys(m.code for m in mentions if m.code and m.kind in {"country", "demonym", "seat"}))
        if len(named) >= 2:
            return (named[:2] if "two" in words else named), [], "pair"
    said_by = _speech_subject(verb)
    reporters = [m for m in mentions if m.start in said_by and m.code]
    if reporters:
        return [m.code for m in reporters], [m.person for m in reporters if m.person], "speaker"
    if said_by and speaker and speaker.country and {doc[i].lower_ for i in said_by} & PRONOUNS:
        if _institution_of(doc, said_by):
            return [speaker.country], [], "speaker-institution"  # "his government said"
        return [speaker.country], [speaker], "speaker"
    return [], [], "sentence"


def _first_person_subject(doc, subject: set[int]) -> bool:
    """"We"/"I" as the subject itself, not as a possessive ("our minister")."""
    return any(doc[i].lower_ in {"we", "i"} and doc[i].dep_ in {"nsubj", "nsubjpass"} for i in subject)


def _institution_of(doc, subject: set[int]) -> bool:
    """A subject like "his government", "the ministry", "our foreign secretary": a body or an
    unnamed official acts, not a person the article names."""
    if not subject or any(doc[i].ent_type_ == "PERSON" for i in subject):
        return False
    heads = [doc[i] for i in subject if doc[i].head.i not in subject or doc[i].head.i == i]
    return any(tok.lemma_.lower() in INSTITUTION_NOUNS for tok in heads)


def _fill_target(sent, source: list[str], discourse: Discourse) -> tuple[list[str], str]:
    """The other side when the sentence names none: the pair just discussed, else the main counterpart."""
    cues = {t.lower_ for t in sent} & PAIR_CUES
    if cues and discourse.last_pair and set(source) <= set(sum(discourse.last_pair, ())):
        return [c for c in sum(discourse.last_pair, ()) if c not in source], "+pair"
    other = discourse.counterpart(set(source))
    return ([other] if other else []), "+counterpart"


def assign_sides(sent, trigger_token, mentions: list[ActorMention], discourse: Discourse, *, visit: bool, meeting: bool) -> Sides:
    """Source and target codes, the persons involved and the place mentions of one event."""
    doc = sent.doc
    verb = clause_verb(trigger_token)
    subject = {t.i for t in subject_tokens(verb)}
    if verb.lemma_ in {"be", "remain"} and _speech_subject(verb):
        subject = _speech_subject(verb)  # "X said Y is a reliable partner": X speaks, Y is praised
    if trigger_token.pos_ == "NOUN":
        owners = [c for c in trigger_token.children if c.dep_ == "poss"]
        if any(c.lower_ in {"their", "its"} for c in owners):
            subject = set()  # "warned A and B over their drills": A and B act, not the speaker
        subject |= {t.i for c in owners for t in c.subtree}
    source: list[str] = []
    target: list[str] = []
    persons: list[Person] = []
    places: list[ActorMention] = []
    actors: list[Person] = []
    said_by = _speech_subject(verb)
    scope = clause_scope(verb) | subject | said_by
    # "our secretary summoned the envoy," X said: X tells of another's act and takes no part in it
    reported = said_by if _institution_of(doc, subject) else set()
    for m in mentions:
        if CLAUSE_SCOPE and m.start not in scope and m.end - 1 not in scope:
            continue
        if _is_place_role(m, doc, visit=visit, meeting=meeting):
            places.append(m)
            continue
        if m.person is not None and m.start in subject:
            actors.append(m.person)
        if _modifies_person(m, doc) or _qualifies_occasion(m, doc, trigger_token) or _is_background(m, doc, trigger_token) or not m.code:
            continue
        side = source if m.start in subject else target
        if m.code not in side:
            side.append(m.code)
        if m.person is not None and m.start not in reported:
            persons.append(m.person)
    how = "sentence"
    if not source:
        source, found_persons, how = _fill_source(sent, verb, subject, mentions, discourse, target)
        persons = found_persons + persons
        actors = found_persons + actors
    source = list(dict.fromkeys(source))
    target = [c for c in dict.fromkeys(target) if c not in source]
    if not source and len(target) >= 2:
        source, target = target[:1], target[1:]
    if len(source) >= 2 and not target:
        source, target = source[:1], source[1:]
    elif source and not target:
        target, filled = _fill_target(sent, source, discourse)
        how += filled
    elif target and not source:
        other = discourse.counterpart(set(target))
        source = [other] if other else []
        how += "+counterpart"
    speakers = [m.person for m in mentions if m.person and m.start in said_by and m.person.country in {*source, None} and m.start not in reported]
    persons += speakers
    actors += speakers
    return Sides(tuple(source), tuple(target), _unique(persons), tuple(places), how, _unique(actors))


def _unique(people: list[Person]) -> tuple[Person, ...]:
    return tuple({p.name: p for p in people}.values())


def credit_announcer(events: list[Event], previous: int, sent, mentions: list[ActorMention]) -> None:
    """"Chile has recalled its ambassador. Its foreign minister X made the announcement.": X acted.

    The person named as having announced what the sentence before reported is the actor of that
    sentence's acts by his own state.
    """
    said_by = announces_previous(sent)
    people = [m.person for m in mentions if m.person is not None and m.person.country and m.start in said_by]
    if not people:
        return
    person = people[0]
    for i, event in enumerate(events):
        if event.sentence_index == previous and person.country in event.source and person.name not in event.persons:
            events[i] = replace(event, persons=event.persons + (person.name,))


def quote_speaker(doc, token, quotations: list[tuple[int, int]], mentions: list[ActorMention], discourse: Discourse) -> Person | None:
    """The person a quotation around ``token`` is attributed to ("…,” said X), if named."""
    for opening, closing in quotations:
        if opening < token.i < closing:
            said_by = attribution(doc, opening, closing)
            people = [m.person for m in mentions if m.person is not None and m.start in said_by]
            if people:
                return people[0]
            if {doc[i].lower_ for i in said_by} & {"he", "she"}:
                return discourse.last_person
            return None
    return None


def reports(doc, mention: ActorMention) -> bool:
    """The subject of "said", "told": one who tells of an act, not a party to it."""
    token = doc[mention.end - 1]
    while token.dep_ in {"appos", "compound", "flat"} and token.head is not token:
        token = token.head  # "Prime Minister Shehbaz Sharif said": the name hangs off the title
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS
