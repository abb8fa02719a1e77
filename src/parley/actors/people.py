"""People named in an article: their full name, the office the text gives them, their country.

News introduces a person once with a title ("Russian Deputy Prime Minister Alexei Overchuk",
"the Prime Minister of Canada, Justin Trudeau", "Pakistan's President Asif Ali Zardari") and
then uses the surname alone.  The title is read from the words around the name; what the text
states wins over the dictionary, and the dictionary (offices with dates) fills the gaps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Person
from .knowledge import Knowledge
from .textkeys import plain

HONORIFICS = {"mr", "mrs", "ms", "dr", "h.e.", "he", "sir", "shri", "sheikh", "his", "her", "excellency"}
_BARE_HONORIFICS = {h.rstrip(".") for h in HONORIFICS}
# Particles inside names ("Mohamed bin Zayed Al Nahyan", "Alberto van Klaveren").
NAME_PARTICLES = {"al", "el", "bin", "bint", "ibn", "abu", "van", "von", "der", "den", "de", "da", "do", "dos", "di", "du", "la", "le"}
# Words that may stand between a title and a name without breaking the link.
TITLE_GLUE = {"of", "for", "the", "and", "'s", "’s", "-", ","}
# After a title noun, these name the place where an envoy serves, not whom he serves.
PLACE_PREPOSITIONS = {"to", "in", "at"}


@dataclass(frozen=True, slots=True)
class PersonMention:
    """One occurrence of a person in the text, resolved to the article's canonical name."""

    person: Person
    start: int  # token index in the Doc
    end: int
    how: str  # "title", "dictionary", "surname", "name-only"


def is_honorific(word: str) -> bool:
    return word.lower().rstrip(".") in _BARE_HONORIFICS


def clean_name(text: str) -> str:
    """The name without honorifics and trailing possessives ("Dr. Maria Lopez Garcia" → …)."""
    words = text.replace("’s", "").replace("'s", "").split()
    while words and is_honorific(words[0]):
        words = words[1:]
    return " ".join(words).strip(" ,.")


def read_title(doc, start: int, end: int, knowledge: Knowledge) -> tuple[str | None, str | None]:
    """Role and country written next to the name at ``doc[start:end]``.

    Looks left within the same noun phrase (``Russian Prime Minister X``, ``Pakistan's President
    X``) and right into an apposition (``X, vice-department director of …``) or a left
    apposition (``the Prime Minister of Canada, X``).
    """
    left = _left_context(doc, start)
    role, country = _role_and_country(left, knowledge)
    if role is None or country is None:
        apposed_role, apposed_country = _role_and_country(_left_apposition(doc, start, end), knowledge)
        role, country = role or apposed_role, country or apposed_country
    if role is None and end < len(doc) and doc[end].text == ",":
        right = doc[end + 1 : min(len(doc), end + 9)]
        role, right_country = _role_and_country(_until_punct(right), knowledge)
        if role is not None:  # only a title in apposition speaks for the person ("X, during his visit to Kenya" does not)
            country = country or right_country
    return role, country or _side_country(doc, end, knowledge)


def _left_apposition(doc, start: int, end: int) -> list:
    """The noun phrase a name is set in apposition to ("his Angolan counterpart, X")."""
    if start == 0 or doc[start - 1].text != ",":
        return []
    for tok in doc[start:end]:
        head = tok.head
        if tok.dep_ == "appos" and head.i < start - 1:
            # "Ruto's Angolan counterpart": the owner's words describe the owner, not the person
            owners = {t.i for c in head.children if c.dep_ == "poss" and _names_person(c) for t in c.subtree}
            return [t for t in doc[head.left_edge.i : start - 1] if t.i not in owners]
    return []


def _names_person(token) -> bool:
    return any(t.ent_type_ == "PERSON" for t in token.subtree)


def _side_country(doc, end: int, knowledge: Knowledge) -> str | None:
    """"X from the Nepali side", "Y on the US side": the side a signatory or delegate stands for."""
    if end >= len(doc) or doc[end].lower_ not in {"from", "on", "for"}:
        return None
    words: list[str] = []
    for tok in doc[end + 1 : min(len(doc), end + 6)]:
        if tok.lower_ == "side":
            phrase = " ".join(words)
            return (knowledge.demonym(phrase) or knowledge.country(phrase)) if phrase else None
        if tok.lower_ not in {"the", "'s", "’s"}:
            words.append(tok.text)
    return None


def _left_context(doc, start: int):
    i = start
    while i > 0 and start - i < 10 and not doc[i].is_sent_start:
        tok = doc[i - 1]
        if tok.text == "," and i - 3 >= 0 and doc[i - 2].ent_type_ == "GPE" and doc[i - 3].lower_ == "of":
            i -= 1  # "the Prime Minister of Canada, Justin Trudeau"
            continue
        if tok.is_punct and tok.text not in {"-", "’s", "'s", "."}:
            break
        if tok.ent_type_ == "PERSON" or tok.lower_ in {"and", "with", "by", "said", "told"}:
            break
        if tok.pos_ in {"VERB", "AUX", "ADP"} and tok.lower_ not in {"of", "for", "to"}:
            break
        i -= 1
    return doc[i:start]


def _until_punct(span):
    words = []
    for tok in span:
        if tok.text in {",", ";", ".", "(", ")"} or tok.ent_type_ == "PERSON":
            break
        words.append(tok)
    return words


def _role_and_country(tokens, knowledge: Knowledge) -> tuple[str | None, str | None]:
    """The longest role phrase and any country word among ``tokens``."""
    words = [t.text for t in tokens]
    role = None
    country = None
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            phrase = " ".join(words[i:j])
            if role is None:
                found = knowledge.role(phrase)
                if found:
                    role = found
                    break
    for i in range(len(words)):
        if _post_abroad(tokens[i]):
            continue  # "Ambassador to Pakistan", "envoy in Beijing": the post's place, not the person's state
        for j in range(min(len(words), i + 4), i, -1):
            phrase = " ".join(words[i:j]).replace(" ’s", "").replace(" 's", "")
            code = knowledge.demonym(phrase) or knowledge.country(phrase) or knowledge.seat(phrase)
            if code:
                country = country or code
                break
        if country:
            break
    return role, country


def _post_abroad(token) -> bool:
    """A place named after a title noun and "to"/"in"/"at" ("Ambassador to Kenya")."""
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return before.lower_ in PLACE_PREPOSITIONS and before.head.pos_ in {"NOUN", "PROPN"} and before.head.i < before.i


def surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


@dataclass
class PeopleIndex:
    """Full names met so far in the article, so later surnames resolve to them."""

    by_surname: dict[str, Person] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    first_seen: dict[str, int] = field(default_factory=dict)

    def earlier(self, position: int, *, role: str | None = None, country: str | None = None) -> Person | None:
        """The most recently introduced person before ``position`` with that role and country."""
        candidates = [
            (self.first_seen[name], p) for name, p in self.people.items()
            if self.first_seen[name] < position
            and (role is None or p.role == role) and (country is None or p.country == country)
        ]
        return max(candidates, key=lambda c: c[0])[1] if candidates else None

    def by_part(self, word: str) -> Person | None:
        """The one person met so far whose full name holds ``word`` ("Lopez" → Maria Lopez Garcia).

        Articles shorten names by more than the last word: family names written first ("Wang"
        for Wang Wenbin), compound surnames ("Lopez" for Andres Manuel Lopez Obrador).  Only an
        unambiguous word counts; two people sharing it ("Kim") resolve to neither.
        """
        key = word.lower()
        if len(key) < 3 or key in NAME_PARTICLES:
            return None  # "Al", "bin", "van" join names; alone they name no one
        found = {p.name: p for p in self.people.values() if len(p.name.split()) > 1 and key in p.name.lower().split()}
        return next(iter(found.values())) if len(found) == 1 else None

    def remember(self, person: Person, position: int = 0) -> Person:
        known = self.people.get(person.name)
        if known is not None:
            merged = Person(known.name, known.role or person.role, known.country or person.country)
        else:
            merged = person
        self.first_seen.setdefault(merged.name, position)
        self.people[merged.name] = merged
        self.by_surname[surname(merged.name).lower()] = merged
        return merged


def as_written(full: str, written: str) -> str:
    """The dictionary's full name, spelled as the article spells the surname.

    "Erdogan" in the text and "Recep Tayyip Erdoğan" in the dictionary give "Recep Tayyip
    Erdogan": readers (and the gold) follow the article's transliteration.
    """
    words = full.split()
    if words and words[-1] != written and plain(words[-1]).casefold() == plain(written).casefold():
        return " ".join([*words[:-1], written])
    return full
