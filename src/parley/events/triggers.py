"""Finding the words in a sentence that signal an event, with the pattern that matched each."""

from __future__ import annotations

from dataclasses import dataclass

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


def _phrase_heads(sent, phrase: tuple[str, ...]) -> list:
    """Head tokens of the occurrences of ``phrase`` (matched on words or lemmas) in ``sent``."""
    heads = []
    tokens = list(sent)
    for i in range(len(tokens) - len(phrase) + 1):
        window = tokens[i : i + len(phrase)]
        if all(word in _words(t) for word, t in zip(phrase, window)):
            inside = {t.i for t in window}
            head = next((t for t in window if t.head.i not in inside or t.head is t), window[0])
            if head.dep_ == "compound":
                continue  # "a good neighbour policy" names a policy, not a neighbour
            heads.append(head)
    return heads


def _candidates(sent, pattern: Pattern) -> list:
    found = []
    if pattern.lemmas:
        for token in sent:
            if _words(token) & pattern.lemmas and (not pattern.pos or token.pos_ in pattern.pos):
                found.append(token)
    for phrase in pattern.phrases:
        found.extend(_phrase_heads(sent, phrase))
    return found


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


def find_triggers(sent, patterns: tuple[Pattern, ...]) -> list[Trigger]:
    """Every pattern occurrence in ``sent`` that passes its conditions, in text order."""
    triggers = []
    seen: set[tuple[str, int]] = set()
    for pattern in patterns:
        for token in _candidates(sent, pattern):
            key = (pattern.name, token.i)
            if key in seen:
                continue
            seen.add(key)
            trigger = _accepts(sent, token, pattern)
            if trigger is not None:
                triggers.append(trigger)
    triggers.sort(key=lambda t: t.token.i)
    return triggers
