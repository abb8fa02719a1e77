"""Every actor an article mentions: countries, their people, capitals used for governments, IGOs.

The named-entity recogniser proposes spans; the knowledge files decide what they are.  Spans the
recogniser misses or mislabels ("Turkiye", "US" tagged as an organisation, a minister's title
swallowed into an ORG) are caught by a second sweep over proper nouns.  People are resolved in
reading order so that a bare surname takes the full name and office introduced earlier.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import Person
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


def find_actor_mentions(doc, knowledge: Knowledge, *, on: str | None) -> list[ActorMention]:
    """All actor mentions of ``doc`` in text order, people resolved to full names and offices."""
    index = PeopleIndex()
    mentions: list[ActorMention] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        found = _from_entity(doc, ent, knowledge, index, on)
        for mention in found:
            mentions.append(mention)
            covered.update(range(mention.start, mention.end))
    mentions.extend(_sweep_proper_nouns(doc, knowledge, covered))
    mentions.extend(_sweep_dictionary_names(doc, knowledge, covered, index, on))
    mentions.extend(_sweep_titled_names(doc, knowledge, covered, index, on))
    mentions.extend(_sweep_bare_titles(doc, knowledge, covered, index))
    mentions.extend(_sweep_known_surnames(doc, covered, index))
    mentions = [_as_counterpart(doc, m, index, knowledge, on) for m in mentions if not _is_descriptor(doc, m)]
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


def _sweep_dictionary_names(doc, knowledge: Knowledge, covered: set[int], index: "PeopleIndex", on: str | None) -> list[ActorMention]:
    """Office-holders the recogniser missed ("Kassym-Jomart Tokayev", or a known surname alone)."""
    found: list[ActorMention] = []
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and end not in covered and (doc[end].pos_ == "PROPN" and doc[end].is_title or doc[end].text == "-" and end > i):
            end += 1
        while end > i and doc[end - 1].text == "-":
            end -= 1
        start = i
        while start < end and knowledge.role(doc[start].text):
            start += 1  # "President Kassym-Jomart Tokayev": the title is not part of the name
        if end - start >= 1:
            office = knowledge.person(doc[start:end].text, on)
            if office is not None and surname(office.name).lower() == doc[end - 1].lower_:
                mention = _person(doc, start, end, knowledge, index, on)
                if mention is not None:
                    found.append(mention)
                    covered.update(range(start, end))
        i = max(end, i + 1)
    return found


def _sweep_known_surnames(doc, covered: set[int], index: "PeopleIndex") -> list[ActorMention]:
    """A surname the recogniser missed, of a person the article has already introduced."""
    found: list[ActorMention] = []
    for tok in doc:
        if tok.i in covered or tok.pos_ != "PROPN" or not tok.is_title:
            continue
        person = index.by_surname.get(tok.lower_) or (index.by_part(tok.text) if _stands_alone(doc, tok) else None)
        if person is not None and index.first_seen.get(person.name, len(doc)) < tok.i:
            found.append(ActorMention(person.country, tok.i, tok.i + 1, "person", tok.text, person))
            covered.add(tok.i)
    return found


def _stands_alone(doc, tok) -> bool:
    """A capitalised word that is no part of a longer name ("Al" in "Al Jazeera" is)."""
    neighbours = [doc[i] for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
    return not any(n.pos_ == "PROPN" and n.is_title and not n.is_sent_start for n in neighbours)


def _sweep_bare_titles(doc, knowledge: Knowledge, covered: set[int], index: "PeopleIndex") -> list[ActorMention]:
    """A title standing alone ("the Prime Minister said") for the last person introduced with it."""
    found: list[ActorMention] = []
    for tok in doc:
        if tok.i in covered or not tok.is_title or tok.pos_ not in {"PROPN", "NOUN"}:
            continue
        for size in (3, 2, 1):
            span = doc[tok.i : tok.i + size]
            if span.end > len(doc) or any(i in covered for i in range(span.start, span.end)):
                continue
            role = knowledge.role(span.text)
            following = doc[span.end] if span.end < len(doc) else None
            if not role or (following is not None and following.pos_ == "PROPN" and following.is_title):
                continue
            # "the President of Uzbekistan": that state's president, not the last president named
            person = index.earlier(tok.i, role=role, country=_office_country(doc, span.end, knowledge))
            if person is not None:
                found.append(ActorMention(person.country, span.start, span.end, "person", span.text, person))
                covered.update(range(span.start, span.end))
            break
    return found


def _office_country(doc, end: int, knowledge: Knowledge) -> str | None:
    """The state in "<title> of <state>" after a title ending at ``end``."""
    if end >= len(doc) or doc[end].lower_ != "of":
        return None
    for size in (4, 3, 2, 1):
        if end + 1 + size <= len(doc):
            phrase = doc[end + 1 : end + 1 + size].text
            code = knowledge.country(phrase) or knowledge.country(phrase.removeprefix("the ").strip())
            if code:
                return code
    return None


def _is_descriptor(doc, mention: ActorMention) -> bool:
    if mention.kind != "demonym":
        return False
    head = doc[mention.end - 1]
    return head.dep_ in {"amod", "compound"} and head.head.lower_ in DESCRIPTOR_NOUNS


def _sweep_titled_names(doc, knowledge: Knowledge, covered: set[int], index: "PeopleIndex", on: str | None) -> list[ActorMention]:
    """People the recogniser missed but the text titles ("Chancellor Scholz", "President Xi")."""
    found: list[ActorMention] = []
    for tok in doc:
        if tok.i in covered or tok.pos_ != "PROPN" or not tok.is_title or tok.i == 0:
            continue
        if not knowledge.role(doc[tok.i - 1].text):
            continue
        end = tok.i + 1
        while end < len(doc) and end not in covered and (
            doc[end].pos_ == "PROPN" and doc[end].is_title
            or doc[end].text == "-" and end + 1 < len(doc) and doc[end + 1].is_title
        ):
            end += 1
        if knowledge.role(doc[tok.i:end].text) or classify_name(doc[tok.i:end].text, knowledge):
            continue
        mention = _person(doc, tok.i, end, knowledge, index, on)
        if mention is not None:
            found.append(mention)
            covered.update(range(tok.i, end))
    return found


def _from_entity(doc, ent, knowledge: Knowledge, index: PeopleIndex, on: str | None) -> list[ActorMention]:
    if ent.label_ == "PERSON":
        person_mention = _person(doc, ent.start, _name_end(doc, ent.start, ent.end, knowledge, on), knowledge, index, on)
        return [person_mention] if person_mention else []
    whole = classify_name(ent.text, knowledge)
    if whole and not (whole[0] == "place" and ent.label_ in {"ORG", "EVENT"}):
        start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
        return [ActorMention(whole[1], start, ent.end, whole[0], doc[start : ent.end].text)]
    titled = _titled_person_inside(doc, ent, knowledge, index, on)
    if titled:
        return [titled]
    return _sub_spans(doc, ent.start, ent.end, knowledge)


def _name_end(doc, start: int, end: int, knowledge: Knowledge, on: str | None) -> int:
    """Where a person's name really ends: the recogniser may stop a word short ("Yoon Suk| Yeol").

    The longer name counts only when the offices table knows it, so a capitalised word after a
    name in a subheading ("Sharif Visit") is not taken into it.
    """
    stop = end
    while stop < len(doc) and doc[stop].pos_ == "PROPN" and doc[stop].is_title and not doc[stop].ent_type_:
        stop += 1
    for longer in range(stop, end, -1):
        if knowledge.person(clean_name(doc[start:longer].text), on) is not None:
            return longer
    return end


def _in_feature_name(doc, start: int, end: int) -> bool:
    return any(t.lower_ in FEATURE_WORDS for t in doc[max(0, start - 2) : end])


def _sub_spans(doc, start: int, end: int, knowledge: Knowledge) -> list[ActorMention]:
    """Countries and IGOs inside a longer span ("the Ministry of Foreign Affairs of Nepal")."""
    found: list[ActorMention] = []
    if _in_feature_name(doc, start, end):
        return found
    i = start
    while i < end:
        for j in range(min(end, i + 5), i, -1):
            span = doc[i:j]
            if not span[0].is_title and not span[0].is_upper:
                continue
            hit = classify_name(span.text, knowledge)
            if hit and hit[0] in {"igo", "country", "demonym"}:
                found.append(ActorMention(hit[1], i, j, hit[0], span.text))
                i = j - 1
                break
        i += 1
    return found


def _sweep_proper_nouns(doc, knowledge: Knowledge, covered: set[int]) -> list[ActorMention]:
    found: list[ActorMention] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in covered or not (tok.is_title or tok.is_upper) or tok.is_punct or tok.is_sent_start and tok.is_stop:
            i += 1
            continue
        for j in range(min(len(doc), i + 4), i, -1):
            if any(k in covered for k in range(i, j)):
                continue
            span = doc[i:j]
            if not (span[-1].is_title or span[-1].is_upper):
                continue
            hit = classify_name(span.text, knowledge)
            inside_longer_name = i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title and not doc[i - 1].is_sent_start
            if hit and hit[0] != "place" and not _in_feature_name(doc, i, j) and not inside_longer_name:
                found.append(ActorMention(hit[1], i, j, hit[0], span.text))
                covered.update(range(i, j))
                i = j - 1
                break
        i += 1
    return found


def _titled_person_inside(doc, ent, knowledge, index, on) -> ActorMention | None:
    """A person whose title the recogniser swallowed into an ORG span."""
    words = list(ent)
    for k in range(len(words) - 1, 0, -1):
        head = doc[ent.start : ent.start + k].text
        if knowledge.role(head.removeprefix("the ").strip()):
            if any(is_honorific(t.text) for t in words[1:k]):
                continue  # "Minister … Dr. Maria Lopez": an honorific opens the name, it is no part of the title
            tail = [t for t in words[k:] if t.is_title or t.text.endswith(".")]
            if len(tail) >= 2 and all(t.is_title or t.text.endswith(".") for t in words[k:]):
                return _person(doc, ent.start + k, ent.end, knowledge, index, on)
            return None
    return None


def _person(doc, start: int, end: int, knowledge: Knowledge, index: PeopleIndex, on: str | None) -> ActorMention | None:
    name = clean_name(doc[start:end].text)
    if not name or knowledge.country(name) or knowledge.igo(name):
        return None
    if start > 0 and doc[start - 1].lemma_.lower() in ORGANISATION_NOUNS:
        return None  # "the militant group X", "the firm X": the name is an organisation's
    seat = knowledge.seat(name)
    if seat:  # the recogniser took a seat of government for a person ("the Akorda residence")
        return ActorMention(seat, start, end, "seat", doc[start:end].text)
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
    written = clean_name(doc[start:end].text).split()
    if written and person.country:
        index.by_surname.setdefault(written[-1].lower(), person)  # "Jokowi" for Joko Widodo
    return ActorMention(person.country, start, end, "person", doc[start:end].text, person)
