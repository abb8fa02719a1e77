"""A parsed document's token attributes as plain lists, read once per document.

The actor sweeps test the same few attributes of every token several times over.  Each
``doc[i]`` makes a new spaCy ``Token`` and each attribute read crosses into Cython, so those
tests cost more than the parse of some components; reading Python lists costs almost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import ENT_TYPE, IS_PUNCT, IS_STOP, IS_TITLE, IS_UPPER, LEMMA, LOWER, ORTH, POS, SENT_START, SPACY


@dataclass(frozen=True, slots=True)
class Words:
    """Attributes of each token of one Doc, indexed by token position."""

    text: list[str]
    lower: list[str]
    lemma: list[str]  # lower-cased, as the trigger patterns and topic words are written
    pos: list[str]
    ent_type: list[str]  # "" outside entities
    title: list[bool]  # Token.is_title
    proper: list[bool]  # a capitalised proper noun: the kind of word names are made of
    upper: list[bool]
    punct: list[bool]
    stop: list[bool]
    sent_start: list[bool]
    spaced: list[bool]  # a space follows the token

    def __len__(self) -> int:
        return len(self.text)

    def span_text(self, start: int, end: int) -> str:
        """What ``doc[start:end].text`` gives, without making the Span."""
        if end <= start:
            return ""
        parts = [w + " " if s else w for w, s in zip(self.text[start : end - 1], self.spaced[start : end - 1])]
        return "".join(parts) + self.text[end - 1]


def read_words(doc) -> Words:
    """The attribute lists of ``doc``, from one array read: no spaCy ``Token`` is made."""
    if not len(doc):
        return Words([], [], [], [], [], [], [], [], [], [], [], [])
    columns = doc.to_array([ORTH, LOWER, LEMMA, SPACY, POS, ENT_TYPE, IS_TITLE, IS_UPPER, IS_PUNCT, IS_STOP, SENT_START])
    orth, lower, lemma, spaced, pos, ent_type, title, upper, punct, stop, starts = columns.T.tolist()
    strings = doc.vocab.strings
    names = {key: strings[key] if key else "" for key in {*orth, *lower, *pos, *ent_type}}
    lemmas = {key: strings[key].lower() if key else "" for key in set(lemma)}
    pos_names = [names[key] for key in pos]
    titled = [v == 1 for v in title]
    return Words(
        text=[names[key] for key in orth],
        lower=[names[key] for key in lower],
        lemma=[lemmas[key] for key in lemma],
        pos=pos_names,
        ent_type=[names[key] for key in ent_type],
        title=titled,
        proper=[p == "PROPN" and t for p, t in zip(pos_names, titled)],
        upper=[v == 1 for v in upper],
        punct=[v == 1 for v in punct],
        stop=[v == 1 for v in stop],
        sent_start=[v == 1 for v in starts],
        spaced=[v == 1 for v in spaced],
    )
