"""A parsed document's token attributes as plain lists, read once per document.

The actor sweeps test the same few attributes of every token several times over.  Each
``doc[i]`` makes a new spaCy ``Token`` and each attribute read crosses into Cython, so those
tests cost more than the parse of some components; reading Python lists costs almost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import ENT_TYPE, IS_PUNCT, IS_STOP, IS_TITLE, IS_UPPER, POS, SENT_START


@dataclass(frozen=True, slots=True)
class Words:
    """Attributes of each token of one Doc, indexed by token position."""

    text: list[str]
    lower: list[str]
    pos: list[str]
    ent_type: list[str]  # "" outside entities
    title: list[bool]  # Token.is_title
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

    def proper(self, i: int) -> bool:
        """A capitalised proper noun: the kind of word names are made of."""
        return self.pos[i] == "PROPN" and self.title[i]


def read_words(doc) -> Words:
    """The attribute lists of ``doc``: one pass over its tokens and one array read."""
    strings = doc.vocab.strings
    text, lower, spaced = [], [], []
    for token in doc:
        text.append(token.text)
        lower.append(token.lower_)
        spaced.append(bool(token.whitespace_))
    columns = doc.to_array([POS, ENT_TYPE, IS_TITLE, IS_UPPER, IS_PUNCT, IS_STOP, SENT_START]).T.tolist() if len(doc) else [[]] * 7
    pos_ids, ent_ids, title, upper, punct, stop, starts = columns
    names = {key: strings[key] if key else "" for key in set(pos_ids) | set(ent_ids)}
    return Words(
        text=text,
        lower=lower,
        pos=[names[key] for key in pos_ids],
        ent_type=[names[key] for key in ent_ids],
        title=[bool(v) for v in title],
        upper=[bool(v) for v in upper],
        punct=[bool(v) for v in punct],
        stop=[bool(v) for v in stop],
        sent_start=[v == 1 for v in starts],
        spaced=spaced,
    )
