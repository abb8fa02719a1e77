"""People named in an article: their full name, the office the text gives them, their country.

News introduces a person once with a title ("Russian Deputy Prime Minister Alexei Overchuk",
"the Prime Minister of Canada, Justin Trudeau", "Pakistan's President Asif Ali Zardari") and
then uses the surname alone.  The title is read from the words around the name; what the text
states wins over the dictionary, and the dictionary (offices with dates) fills the gaps.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Person
from .knowledge import Knowledge

HONORIFICS = {"mr", "mrs", "ms", "dr", "h.e.", "he", "sir", "shri", "sheikh", "his", "her", "excellency"}
# Words that may stand between a title and a name without breaking the link.
TITLE_GLUE = {"of", "for", "the", "and", "'s", "’s", "-", ","}


@dataclass(frozen=True, slots=True)
class PersonMention:
    """One occurrence of a person in the text, resolved to the article's canonical name."""

    person: Person
    start: int  # token index in the Doc
    end: int
    how: str  # "title", "dictionary", "surname", "name-only"


def clean_name(text: str) -> str:
    """The name without honorifics and trailing possessives ("Dr. Arzu Rana Deuba" → …)."""
    words = text.replace("’s", "").replace("'s", "").split()
    while words and words[0].lower().rstrip(".") in {h.rstrip(".") for h in HONORIFICS}:
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
    if role is None and end < len(doc) and doc[end].text == ",":
        right = doc[end + 1 : min(len(doc), end + 9)]
        role, right_country = _role_and_country(_until_punct(right), knowledge)
        country = country or right_country
    return role, country


def _left_context(doc, start: int):
    i = start
    while i > 0 and start - i < 10:
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
        for j in range(min(len(words), i + 4), i, -1):
            phrase = " ".join(words[i:j]).replace(" ’s", "").replace(" 's", "")
            code = knowledge.demonym(phrase) or knowledge.country(phrase)
            if code:
                country = country or code
                break
        if country:
            break
    return role, country


def surname(name: str) -> str:
    return name.split()[-1] if name.split() else name
