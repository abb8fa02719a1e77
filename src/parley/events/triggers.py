"""Finding the words in a sentence that signal an event, with the pattern that matched each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..nlp.words import Words
from .clauses import is_modal, is_negated
from .patterns import Pattern

NOT_NEAR_WINDOW = 6


@dataclass(frozen=True, slots=True)
class Trigger:
    """A pattern that fired on a sentence, and the token it fired on."""

    pattern: Pattern
    token: object  # spacy.tokens.Token: kept untyped so this module does not import spaCy
    negated: bool
    modal: bool


def _words(token) -> set[str]:
    return {token.lemma_.lower(), token.lower_}


def _window(sent, token, size: int) -> list:
    lo = max(sent.start, token.i - size)
    hi = min(sent.end, token.i + size + 1)
    return [t for t in sent.doc[lo:hi] if t.i != token.i]


def _near(sent, token, lemmas: frozenset[str], size: int) -> bool:
    candidates = set(_window(sent, token, size)) | set(token.subtree) | {token.head}
    return any(_words(t) & lemmas for t in candidates if t.i != token.i)


def _phrase_heads(sentence: SentenceWords, phrase: tuple[str, ...], starts: list[int]) -> list:
    """Head tokens of the occurrences of ``phrase`` (matched on words or lemmas) starting at ``starts``."""
    heads = []
    size = len(phrase)
    words = sentence.words
    for i in starts:
        if i + size > len(words) or not all(word in words[i + k] for k, word in enumerate(phrase)):
            continue
        window = [sentence.token(k) for k in range(i, i + size)]
        inside = {t.i for t in window}
        head = next((t for t in window if t.head.i not in inside or t.head is t), window[0])
        if head.dep_ == "compound":
            continue  # "a good neighbour policy" names a policy, not a neighbour
        heads.append(head)
    return heads


@dataclass(frozen=True, slots=True)
class SentenceWords:
    """A sentence's words and lemmas and where each occurs: built once, read by every pattern.

    Positions count from the sentence's first token; a spaCy token is made only for a candidate.
    """

    sent: Any
    words: list[set[str]]  # lower-cased word and lemma of each token
    pos: list[str]
    positions: dict[str, list[int]]

    @classmethod
    def of(cls, sent, words: Words | None = None) -> SentenceWords:
        """The index of ``sent``; ``words`` are its document's token lists when already read."""
        if words is None:
            forms = [_words(t) for t in sent]
            pos = [t.pos_ for t in sent]
        else:
            span = slice(sent.start, sent.end)
            forms = [{lower, lemma} for lower, lemma in zip(words.lower[span], words.lemma[span])]
            pos = words.pos[span]
        positions: dict[str, list[int]] = {}
        for i, pair in enumerate(forms):
            for form in pair:
                positions.setdefault(form, []).append(i)
        return cls(sent, forms, pos, positions)

    def token(self, i: int):
        return self.sent.doc[self.sent.start + i]


def _candidates(sentence: SentenceWords, pattern: Pattern) -> list:
    found = []
    if pattern.lemmas:
        hits = sorted({i for word in pattern.lemmas for i in sentence.positions.get(word, ())})
        found = [sentence.token(i) for i in hits if not pattern.pos or sentence.pos[i] in pattern.pos]
    for phrase in pattern.phrases:
        starts = sentence.positions.get(phrase[0])
        if starts:
            found.extend(_phrase_heads(sentence, phrase, starts))
    return found


_INDEXES: dict[int, tuple[tuple[Pattern, ...], dict[str, tuple[int, ...]]]] = {}
_MAX_INDEXES = 8


def _by_word(patterns: tuple[Pattern, ...]) -> dict[str, tuple[int, ...]]:
    """The word index of ``patterns``, kept per pattern set.

    Kept by the set's identity, not its value: hashing a tuple of patterns hashes every field of
    every pattern, which cost more per sentence than the index saves.
    """
    kept = _INDEXES.get(id(patterns))
    if kept is None or kept[0] is not patterns:
        if len(_INDEXES) >= _MAX_INDEXES:
            _INDEXES.clear()
        kept = _INDEXES[id(patterns)] = (patterns, _word_index(patterns))
    return kept[1]


def _word_index(patterns: tuple[Pattern, ...]) -> dict[str, tuple[int, ...]]:
    """Word → positions in ``patterns`` of the patterns that word can set off (a phrase by its first word)."""
    index: dict[str, list[int]] = {}
    for position, pattern in enumerate(patterns):
        for word in pattern.lemmas | {phrase[0] for phrase in pattern.phrases}:
            index.setdefault(word, []).append(position)
    return {word: tuple(positions) for word, positions in index.items()}


def _relevant(sentence: SentenceWords, patterns: tuple[Pattern, ...]) -> list[Pattern]:
    """The patterns with a word in the sentence, in their order: the others cannot fire."""
    by_word = _by_word(patterns)
    positions = {p for word in sentence.positions for p in by_word.get(word, ())}
    return [patterns[p] for p in sorted(positions)]


def _accepts(sent, token, pattern: Pattern) -> Trigger | None:
    if pattern.near and not _near(sent, token, pattern.near, pattern.window):
        return None
    if pattern.not_near and _near(sent, token, pattern.not_near, NOT_NEAR_WINDOW):
        return None
    if pattern.not_object and any(c.dep_ == "dobj" and _words(c) & pattern.not_object for c in token.children):
        return None
    if pattern.near_entity and not any(
        c.dep_ in {"dobj", "nsubjpass"} and (c.ent_type_ in {"PERSON", "GPE", "NORP"} or c.pos_ == "PROPN") for c in token.children
    ):
        return None
    negated = is_negated(token)
    if negated != pattern.negated_only:
        return None
    modal = is_modal(token)
    if pattern.requires_modality and not modal:
        return None
    if pattern.not_modal and modal:
        return None
    return Trigger(pattern, token, negated, modal)


def find_triggers(sent, patterns: tuple[Pattern, ...], words: Words | None = None) -> list[Trigger]:
    """Every pattern occurrence in ``sent`` that passes its conditions, in text order.

    ``words`` are the token lists of the sentence's document, when the caller has read them.
    """
    triggers = []
    seen: set[tuple[str, int]] = set()
    sentence = SentenceWords.of(sent, words)
    for pattern in _relevant(sentence, patterns):
        for token in _candidates(sentence, pattern):
            key = (pattern.name, token.i)
            if key in seen:
                continue
            seen.add(key)
            trigger = _accepts(sent, token, pattern)
            if trigger is not None:
                triggers.append(trigger)
    triggers.sort(key=lambda t: t.token.i)
    return triggers
