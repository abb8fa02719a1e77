"""Every actor an article mentions: countries, their people, capitals used for governments, IGOs.

The named-entity recogniser proposes spans; the knowledge files decide what they are.  Spans the
recogniser misses or mislabels ("Turkiye", "US" tagged as an organisation, a minister's title
swallowed into an ORG) are caught by a second sweep over proper nouns.  People are resolved in
reading order so that a bare surname takes the full name and office introduced earlier.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..model import Person
from ..nlp.words import Words, read_words
from .knowledge import Knowledge
from .people import PeopleIndex, as_written, clean_name, is_honorific, read_title, surname

ENTITY_LABELS = {"GPE", "NORP", "ORG", "LOC", "FAC", "PERSON", "EVENT"}
# Names of natural features contain country names that are not the country ("Gulf of Guinea").
FEATURE_WORDS = {"gulf", "sea", "ocean", "bay", "strait", "lake", "river", "mount", "cape", "channel", "basin", "peninsula", "desert", "island", "islands"}
# A demonym on these nouns describes a country already named ("the Central African country").
DESCRIPTOR_NOUNS = {"country", "nation", "state", "republic", "kingdom", "neighbour", "neighbor"}
KIND_ORDER = ("igo", "country", "demonym", "seat", "place")
# Nouns that introduce an organisation's name; the recogniser often tags such names as people.
ORGANISATION_NOUNS = {
    "group", "organisation", "organization", "movement", "militia", "party", "company", "firm", "network",
    "outfit", "faction", "agency", "newspaper", "daily", "channel", "broadcaster", "outlet",
}


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A span of the Doc that stands for a state, an IGO, a person or a place."""

    code: str | None
    start: int  # token indices in the Doc
    end: int
    kind: str  # igo | country | demonym | seat | place | person
    text: str
    person: Person | None = None


def classify_name(text: str, knowledge: Knowledge) -> tuple[str, str] | None:
    """(kind, code) for a name that is an IGO, country, demonym, seat or place; else None."""
    text = text.strip().strip("“”\"'").replace("’s", "").replace("'s", "").strip()
    if not text:
        return None
    lookups = (
        ("igo", knowledge.igo),
        ("country", knowledge.country),
        ("demonym", knowledge.demonym),
        ("seat", knowledge.seat),
        ("place", knowledge.place),
    )
    for kind, lookup in lookups:
        code = lookup(text)
        if code:
            return kind, code
    return None


@dataclass(frozen=True, slots=True)
class _Reading:
    """What every sweep reads: the article, its token lists, the dictionaries, the people met so far."""

    doc: Any
    words: Words
    knowledge: Knowledge
    index: PeopleIndex
    on: str | None  # the article's date: offices are looked up as held on it


def find_actor_mentions(doc, knowledge: Knowledge, *, on: str | None, words: Words | None = None) -> list[ActorMention]:
    """All actor mentions of ``doc`` in text order, people resolved to full names and offices.

    ``words`` are the token lists of ``doc`` when the caller has read them already.
    """
    r = _Reading(doc, read_words(doc) if words is None else words, knowledge, PeopleIndex(), on)
    mentions: list[ActorMention] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        found = _from_entity(r, ent.start, ent.end, ent.label_)
        for mention in found:
            mentions.append(mention)
            covered.update(range(mention.start, mention.end))
    mentions.extend(_sweep_proper_nouns(r, covered))
    mentions.extend(_sweep_dictionary_names(r, covered))
    mentions.extend(_sweep_titled_names(r, covered))
    mentions.extend(_sweep_bare_titles(r, covered))
    mentions.extend(_sweep_known_surnames(r, covered))
    mentions = [_as_counterpart(doc, m, r.index, knowledge, on) for m in mentions if not _is_descriptor(doc, m)]
    mentions.sort(key=lambda m: (m.start, m.end))
    return _leaders_named_later(doc, _countries_from_lists(doc, mentions))


# Offices that make their holder a state's leader.
LEADER_ROLES = {"President", "Prime Minister", "Chancellor", "King", "Queen", "Emir", "Sultan", "Supreme Leader", "Emperor"}
LEADER_NOUNS = {"leader", "counterpart", "president", "premier", "chancellor", "minister", "head", "prime"}


def _as_counterpart(doc, mention: ActorMention, index: "PeopleIndex", knowledge: Knowledge, on: str | None) -> ActorMention:
    """"the Russian leader", "his Pakistani counterpart": the person of that country met earlier."""
    if mention.kind != "demonym" or mention.person is not None:
        return mention
    head = doc[mention.end - 1].head
    if head.lower_ not in LEADER_NOUNS or head.i < mention.end:
        return mention
    if any(t.ent_type_ == "PERSON" for t in doc[head.i : min(len(doc), head.i + 4)]):
        return mention
    person = index.earlier(mention.start, country=mention.code) or _office_holder(head, mention.code, knowledge, on)
    if person is None:
        return mention
    return ActorMention(mention.code, mention.start, head.i + 1, "person", doc[mention.start : head.i + 1].text, person)


def _countries_from_lists(doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """"the US Secretary of State A, Homeland Security Secretary B and …": a person listed with
    another takes that one's country when nothing else gives his own (one delegation)."""
    owner = {i: m for m in mentions if m.person is not None for i in range(m.start, m.end)}
    found: dict[str, str] = {}
    for m in mentions:
        if m.person is None or m.person.country:
            continue
        root = doc[m.end - 1]
        while root.dep_ in {"compound", "flat"} and root.head.i >= m.start and root.head is not root:
            root = root.head
        partner = owner.get(root.head.i) if root.dep_ == "conj" else None
        if partner is not None and partner.person is not None and partner.person.country:
            found[m.person.name] = partner.person.country
    if not found:
        return mentions
    return [
        replace(m, code=found[m.person.name], person=replace(m.person, country=found[m.person.name]))
        if m.person is not None and m.person.name in found else m
        for m in mentions
    ]


def _leaders_named_later(doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """"Greek and Turkish leaders met …" in a lead: the heads of state or government the article
    names afterwards.  Only a demonym on "leader(s)" with no one of its country met before."""
    resolved: list[ActorMention] = []
    for i, mention in enumerate(mentions):
        if mention.kind != "demonym" or mention.person is not None or _leader_noun(doc[mention.end - 1]) is None:
            resolved.append(mention)
            continue
        later = (m.person for m in mentions[i + 1 :] if m.person is not None and m.person.country == mention.code)
        leader = next((p for p in later if p.role in LEADER_ROLES), None)
        resolved.append(replace(mention, kind="person", person=leader) if leader else mention)
    return resolved


def _leader_noun(token):
    """The "leader(s)" noun a demonym describes, through coordination ("Greek and Turkish leaders")."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    head = token.head
    return head if token.dep_ in {"amod", "compound"} and head.lemma_.lower() == "leader" else None


def _office_holder(head, country: str, knowledge: Knowledge, on: str | None) -> Person | None:
    """"the Kazakh President": whoever held that office on the article's date."""
    role = knowledge.role(head.text) or knowledge.role(" ".join(t.text for t in head.lefts if t.is_title) + " " + head.text)
    if role is None:
        return None
    holders = knowledge.holders(country, role, on)
    if len(holders) != 1:
        return None
    office = holders[0]
    return Person(office.name, office.role, office.country)


def _sweep_dictionary_names(r: _Reading, covered: set[int]) -> list[ActorMention]:
    """Office-holders the recogniser missed ("Kassym-Jomart Tokayev", or a known surname alone)."""
    found: list[ActorMention] = []
    w = r.words
    n = len(w.text)
    i = 0
    while i < n:
        end = i
        while end < n and end not in covered and (w.proper[end] or w.text[end] == "-" and end > i):
            end += 1
        while end > i and w.text[end - 1] == "-":
            end -= 1
        start = i
        while start < end and r.knowledge.role(w.text[start]):
            start += 1  # "President Kassym-Jomart Tokayev": the title is not part of the name
        if end - start >= 1:
            office = r.knowledge.person(w.span_text(start, end), r.on)
            if office is not None and surname(office.name).lower() == w.lower[end - 1]:
                mention = _person(r, start, end)
                if mention is not None:
                    found.append(mention)
                    covered.update(range(start, end))
        i = max(end, i + 1)
    return found


def _sweep_known_surnames(r: _Reading, covered: set[int]) -> list[ActorMention]:
    """A surname the recogniser missed, of a person the article has already introduced."""
    found: list[ActorMention] = []
    w, index = r.words, r.index
    n = len(w.text)
    for i in range(n):
        if i in covered or not w.proper[i]:
            continue
        person = index.by_surname.get(w.lower[i]) or (index.by_part(w.text[i]) if _stands_alone(w, i) else None)
        if person is not None and index.first_seen.get(person.name, n) < i:
            found.append(ActorMention(person.country, i, i + 1, "person", w.text[i], person))
            covered.add(i)
    return found


def _stands_alone(w: Words, i: int) -> bool:
    """A capitalised word that is no part of a longer name ("Al" in "Al Jazeera" is)."""
    return not any(w.proper[k] and not w.sent_start[k] for k in (i - 1, i + 1) if 0 <= k < len(w.text))


def _sweep_bare_titles(r: _Reading, covered: set[int]) -> list[ActorMention]:
    """A title standing alone ("the Prime Minister said") for the last person introduced with it."""
    found: list[ActorMention] = []
    w = r.words
    n = len(w.text)
    for i in range(n):
        if i in covered or not w.title[i] or w.pos[i] not in {"PROPN", "NOUN"}:
            continue
        for size in (3, 2, 1):
            end = min(i + size, n)
            if any(k in covered for k in range(i, end)):
                continue
            text = w.span_text(i, end)
            role = r.knowledge.role(text)
            if not role or (end < n and w.proper[end]):
                continue
            # "the President of Uzbekistan": that state's president, not the last president named
            person = r.index.earlier(i, role=role, country=_office_country(w, end, r.knowledge))
            if person is not None:
                found.append(ActorMention(person.country, i, end, "person", text, person))
                covered.update(range(i, end))
            break
    return found


def _office_country(w: Words, end: int, knowledge: Knowledge) -> str | None:
    """The state in "<title> of <state>" after a title ending at ``end``."""
    n = len(w.text)
    if end >= n or w.lower[end] != "of":
        return None
    for size in (4, 3, 2, 1):
        if end + 1 + size <= n:
            phrase = w.span_text(end + 1, end + 1 + size)
            code = knowledge.country(phrase) or knowledge.country(phrase.removeprefix("the ").strip())
            if code:
                return code
    return None


def _is_descriptor(doc, mention: ActorMention) -> bool:
    if mention.kind != "demonym":
        return False
    head = doc[mention.end - 1]
    return head.dep_ in {"amod", "compound"} and head.head.lower_ in DESCRIPTOR_NOUNS


def _sweep_titled_names(r: _Reading, covered: set[int]) -> list[ActorMention]:
    """People the recogniser missed but the text titles ("Chancellor Scholz", "President Xi")."""
    found: list[ActorMention] = []
    w = r.words
    n = len(w.text)
    for i in range(1, n):
        if i in covered or not w.proper[i] or not r.knowledge.role(w.text[i - 1]):
            continue
        end = i + 1
        while end < n and end not in covered and (
            w.proper[end] or w.text[end] == "-" and end + 1 < n and w.title[end + 1]
        ):
            end += 1
        name = w.span_text(i, end)
        if r.knowledge.role(name) or classify_name(name, r.knowledge):
            continue
        mention = _person(r, i, end)
        if mention is not None:
            found.append(mention)
            covered.update(range(i, end))
    return found


def _from_entity(r: _Reading, start: int, end: int, label: str) -> list[ActorMention]:
    if label == "PERSON":
        person_mention = _person(r, start, _name_end(r, start, end))
        return [person_mention] if person_mention else []
    w = r.words
    whole = classify_name(w.span_text(start, end), r.knowledge)
    if whole and not (whole[0] == "place" and label in {"ORG", "EVENT"}):
        first = start + (1 if w.lower[start] == "the" else 0)
        return [ActorMention(whole[1], first, end, whole[0], w.span_text(first, end))]
    titled = _titled_person_inside(r, start, end)
    if titled:
        return [titled]
    return _sub_spans(w, start, end, r.knowledge)


def _name_end(r: _Reading, start: int, end: int) -> int:
    """Where a person's name really ends: the recogniser may stop a word short ("Yoon Suk| Yeol").

    The longer name counts only when the offices table knows it, so a capitalised word after a
    name in a subheading ("Sharif Visit") is not taken into it.
    """
    w = r.words
    n = len(w.text)
    stop = end
    while stop < n and w.proper[stop] and not w.ent_type[stop]:
        stop += 1
    for longer in range(stop, end, -1):
        if r.knowledge.person(clean_name(w.span_text(start, longer)), r.on) is not None:
            return longer
    return end


def _in_feature_name(w: Words, start: int, end: int) -> bool:
    return any(word in FEATURE_WORDS for word in w.lower[max(0, start - 2) : end])


def _sub_spans(w: Words, start: int, end: int, knowledge: Knowledge) -> list[ActorMention]:
    """Countries and IGOs inside a longer span ("the Ministry of Foreign Affairs of Nepal")."""
    found: list[ActorMention] = []
    if _in_feature_name(w, start, end):
        return found
    i = start
    while i < end:
        if w.title[i] or w.upper[i]:
            for j in range(min(end, i + 5), i, -1):
                text = w.span_text(i, j)
                hit = classify_name(text, knowledge)
                if hit and hit[0] in {"igo", "country", "demonym"}:
                    found.append(ActorMention(hit[1], i, j, hit[0], text))
                    i = j - 1
                    break
        i += 1
    return found


def _sweep_proper_nouns(r: _Reading, covered: set[int]) -> list[ActorMention]:
    found: list[ActorMention] = []
    w = r.words
    n = len(w.text)
    i = 0
    while i < n:
        if i in covered or not (w.title[i] or w.upper[i]) or w.punct[i] or w.sent_start[i] and w.stop[i]:
            i += 1
            continue
        inside_longer_name = i > 0 and w.proper[i - 1] and not w.sent_start[i - 1]
        for j in range(min(n, i + 4), i, -1):
            if any(k in covered for k in range(i, j)) or not (w.title[j - 1] or w.upper[j - 1]):
                continue
            text = w.span_text(i, j)
            hit = classify_name(text, r.knowledge)
            if hit and hit[0] != "place" and not _in_feature_name(w, i, j) and not inside_longer_name:
                found.append(ActorMention(hit[1], i, j, hit[0], text))
                covered.update(range(i, j))
                i = j - 1
                break
        i += 1
    return found


def _titled_person_inside(r: _Reading, start: int, end: int) -> ActorMention | None:
    """A person whose title the recogniser swallowed into an ORG span."""
    w = r.words
    for k in range(end - start - 1, 0, -1):
        if r.knowledge.role(w.span_text(start, start + k).removeprefix("the ").strip()):
            if any(is_honorific(word) for word in w.text[start + 1 : start + k]):
                continue  # "Minister … Dr. Maria Lopez": an honorific opens the name, it is no part of the title
            tail = range(start + k, end)
            if len(tail) >= 2 and all(w.title[i] or w.text[i].endswith(".") for i in tail):
                return _person(r, start + k, end)
            return None
    return None


def _person(r: _Reading, start: int, end: int) -> ActorMention | None:
    doc, knowledge, index, on = r.doc, r.knowledge, r.index, r.on
    written = r.words.span_text(start, end)
    name = clean_name(written)
    if not name or knowledge.country(name) or knowledge.igo(name):
        return None
    if start > 0 and doc[start - 1].lemma_.lower() in ORGANISATION_NOUNS:
        return None  # "the militant group X", "the firm X": the name is an organisation's
    seat = knowledge.seat(name)
    if seat:  # the recogniser took a seat of government for a person ("the Akorda residence")
        return ActorMention(seat, start, end, "seat", written)
    role, country = read_title(doc, start, end, knowledge)
    how = "title" if role or country else "name-only"
    earlier = index.by_surname.get(surname(name).lower())
    if earlier is None and len(name.split()) == 1:
        earlier = index.by_part(name)
    if earlier is not None and (len(name.split()) == 1 or earlier.name.endswith(name)):
        name, how = earlier.name, "surname"
        role, country = role or earlier.role, country or earlier.country
    if role is None or country is None:
        office = knowledge.person(name, on)
        if office is not None:
            if len(name.split()) == 1:
                name = as_written(office.name, name)
            role, country = role or office.role, country or office.country
            how = how if how != "name-only" else "dictionary"
    person = index.remember(Person(name, role, country), start)
    words = clean_name(written).split()
    if words and person.country:
        index.by_surname.setdefault(words[-1].lower(), person)  # "Jokowi" for Joko Widodo
    return ActorMention(person.country, start, end, "person", written, person)
