"""The model's own attribute rules and lemmatizer, applied without per-token Python objects.

The stock ``attribute_ruler`` runs a Matcher of 179 patterns over every token and the stock
``lemmatizer`` builds a ``Token`` per word; together they cost as much as the parser.  The
components here read the very same patterns and lemma tables out of the loaded model and give
the same annotations (a test compares them token by token), but decide each token from a few
dictionary lookups keyed on the attributes the rules test, and write the results back as
arrays.  Nothing about the rules is parley's own: swapping the model swaps the rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..memo import Memo

TESTED_ATTRIBUTES = ("TAG", "LOWER", "DEP", "IS_SPACE")


@dataclass(frozen=True, slots=True)
class ValueTest:
    """One attribute's condition; ``allowed`` lists the accepted values when the rule names them."""

    check: Callable[[Any], bool]
    allowed: frozenset | None = None

    def __call__(self, value: Any) -> bool:
        return self.check(value)


def _test(expected: Any) -> ValueTest:
    """The condition of a Matcher pattern value: a plain value or an IN, NOT_IN or REGEX dict."""
    if not isinstance(expected, dict):
        return ValueTest(lambda value: value == expected, frozenset([expected]))
    (operator, argument), = expected.items()
    if operator == "IN":
        allowed = frozenset(argument)
        return ValueTest(allowed.__contains__, allowed)
    if operator == "NOT_IN":
        banned = frozenset(argument)
        return ValueTest(lambda value: value not in banned)
    if operator == "REGEX":
        pattern = re.compile(argument)
        return ValueTest(lambda value: bool(pattern.search(value)))
    raise ValueError(f"attribute rule operator {operator!r} is not supported")


@dataclass(frozen=True, slots=True)
class TokenSpec:
    """One token of a rule: every tested attribute must pass."""

    tests: tuple[tuple[int, ValueTest], ...]  # (position in the token key, test)

    def matches(self, key: tuple) -> bool:
        return all(test(key[position]) for position, test in self.tests)


@dataclass(frozen=True, slots=True)
class Rule:
    """One attribute-ruler pattern: the tokens it spans, which one it changes, and how."""

    order: int  # later rules win, as in spaCy
    specs: tuple[TokenSpec, ...]
    index: int
    attrs: dict[int, int]


def _spec(token_pattern: dict[str, Any]) -> TokenSpec:
    unknown = set(token_pattern) - set(TESTED_ATTRIBUTES)
    if unknown:
        raise ValueError(f"attribute rule tests {sorted(unknown)}, which the fast rules do not read")
    return TokenSpec(tuple((TESTED_ATTRIBUTES.index(name), _test(value)) for name, value in token_pattern.items()))


def _rules(ruler: Any) -> list[Rule]:
    rules = []
    for order, entry in enumerate(ruler.patterns):
        for pattern in entry["patterns"]:
            rules.append(Rule(order, tuple(_spec(t) for t in pattern), entry.get("index", 0), ruler.attrs[order]))
    return rules


class RuleIndex:
    """Rules filed under the lower form or tag their first token requires, so a token checks only a few."""

    def __init__(self, rules: list[Rule]) -> None:
        self.by_lower: dict[str, list[Rule]] = {}
        self.by_tag: dict[str, list[Rule]] = {}
        self.always: list[Rule] = []
        for rule in rules:
            self._file(rule)
        self._cache: Memo[tuple, tuple[Rule, ...]] = Memo()

    def _file(self, rule: Rule) -> None:
        for name, shelf in (("LOWER", self.by_lower), ("TAG", self.by_tag)):
            values = _required_values(rule.specs[0], TESTED_ATTRIBUTES.index(name))
            if values is not None:
                for value in values:
                    shelf.setdefault(value, []).append(rule)
                return
        self.always.append(rule)

    def matching(self, key: tuple) -> tuple[Rule, ...]:
        """Rules whose first token accepts ``key``, in rule order."""
        return self._cache(key, self._find)

    def _find(self, key: tuple) -> tuple[Rule, ...]:
        tag, lower = key[0], key[1]
        candidates = self.by_lower.get(lower, []) + self.by_tag.get(tag, []) + self.always
        return tuple(sorted((r for r in candidates if r.specs[0].matches(key)), key=lambda r: r.order))


def _required_values(spec: TokenSpec, position: int) -> frozenset | None:
    """The values a spec allows for one attribute, when it names them (equality or IN)."""
    for at, test in spec.tests:
        if at == position and test.allowed is not None:
            return test.allowed
    return None


class FastAttributeRules:
    """The attribute ruler's decisions, from rules indexed by what their first token requires."""

    def __init__(self, ruler: Any) -> None:
        rules = _rules(ruler)
        self.single = RuleIndex([r for r in rules if len(r.specs) == 1])
        self.multi = RuleIndex([r for r in rules if len(r.specs) > 1])

    def decisions(self, keys: list[tuple]) -> list[dict[int, int]]:
        """For each token, the attributes the rules set on it (empty when none applies)."""
        hits: list[list[Rule]] = [list(self.single.matching(key)) for key in keys]
        for start, key in enumerate(keys):
            for rule in self.multi.matching(key):
                end = start + len(rule.specs)
                if end <= len(keys) and all(s.matches(k) for s, k in zip(rule.specs[1:], keys[start + 1 : end])):
                    target = start + rule.index if rule.index >= 0 else end + rule.index
                    hits[target].append(rule)
        out = []
        for rules in hits:
            merged: dict[int, int] = {}
            for rule in sorted(rules, key=lambda r: r.order) if len(rules) > 1 else rules:
                merged.update(rule.attrs)
            out.append(merged)
        return out


def token_keys(doc: Any) -> list[tuple]:
    return [(t.tag_, t.lower_, t.dep_, t.is_space) for t in doc]


class FastLemmas:
    """The rule lemmatizer's answer per (word, part of speech, morphology), the key spaCy caches on."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self._cache: Memo[tuple[int, int, int], int] = Memo()

    def lemma_hash(self, doc: Any, i: int, orth: int, pos: int, morph: int) -> int:
        return self._cache((orth, pos, morph), lambda _key: doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0]))


def apply_rules(doc: Any, rules: FastAttributeRules, lemmas: FastLemmas) -> Any:
    """Set POS, MORPH (and the rare TAG or DEP), then LEMMA, as the stock components would."""
    from spacy.attrs import LEMMA, MORPH, ORTH, POS

    columns = [POS, MORPH, LEMMA]
    array = doc.to_array(columns)
    for i, attrs in enumerate(rules.decisions(token_keys(doc))):
        for attr, value in attrs.items():
            if attr in columns:
                array[i, columns.index(attr)] = value
            else:  # TAG or DEP of whitespace tokens: too rare to vectorise
                _set_other(doc[i], attr, value)
    doc.from_array(columns, array)  # the lemmatizer reads the final POS and MORPH
    orths = doc.to_array(ORTH)
    for i in range(len(doc)):
        if array[i, 2] == 0:
            array[i, 2] = lemmas.lemma_hash(doc, i, int(orths[i]), int(array[i, 0]), int(array[i, 1]))
    doc.from_array([LEMMA], array[:, 2:3])
    return doc


def _set_other(token: Any, attr: int, value: int) -> None:
    from spacy.attrs import DEP, TAG

    if attr == TAG:
        token.tag = value
    elif attr == DEP:
        token.dep = value
    else:
        raise ValueError(f"attribute rule sets attribute {attr}, which the fast rules do not write")


class FastRulesComponent:
    """A pipeline step standing in for the stock ``attribute_ruler`` followed by ``lemmatizer``."""

    def __init__(self, ruler: Any, lemmatizer: Any) -> None:
        self.rules = FastAttributeRules(ruler)
        self.lemmas = FastLemmas(lemmatizer)

    def __call__(self, doc: Any) -> Any:
        return apply_rules(doc, self.rules, self.lemmas)
