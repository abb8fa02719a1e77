"""Office titles as written → canonical roles.

Articles write the same office a dozen ways ("PM", "premier", "Prime Minister of Pakistan",
"Pakistan's caretaker prime minister"); the canonical role is what events and the people
table agree on.  The variants live in ``roles.json``; this module knows only the grammar
around them: qualifiers before the title, the country around it, a ministry's portfolio.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .textkeys import fold, trim

# Words that say how or when an office is held, not which office it is.
_QUALIFIERS = (
    "acting", "interim", "caretaker", "former", "ousted", "deposed", "then", "outgoing",
    "incoming", "new", "newly appointed", "de facto", "late", "current", "sitting",
    "pro tempore", "first", "designated", "self declared",
)  # fmt: skip
_CUTS = re.compile(r" (?:of|for|to|at|in|on) ")
_MINISTER = re.compile(r"(?:(?P<before>.+?) )?minister(?: (?:of|for) (?:the )?(?P<after>.+))?")
_DEPUTY = ("deputy", "vice", "junior", "assistant")
_POSSESSIVE_HEAD = re.compile(r"^[^']+?'s ")


@dataclass(frozen=True, slots=True)
class RoleEntry:
    """One canonical role from ``roles.json``."""

    role: str
    variants: tuple[str, ...]
    rank: int
    portfolios: tuple[str, ...] = ()
    head: bool = False


def role_key(text: str) -> str:
    """The key of a title: folded, apostrophes dropped, first clause only."""
    text = re.split(r"[;,(]", text, maxsplit=1)[0]
    return fold(text).replace("'", "").replace("&", "and").strip()


def _without_qualifiers(key: str) -> str:
    changed = True
    while changed:
        changed = False
        for word in _QUALIFIERS:
            if key.startswith(word + " "):
                key, changed = key[len(word) + 1 :], True
    return key.removesuffix(" designate").removesuffix(" elect")


class RoleMatcher:
    """Canonical roles by variant, portfolio and head word."""

    def __init__(self, entries: Iterable[RoleEntry]) -> None:
        self._variants: dict[str, str] = {}
        self._portfolios: dict[str, str] = {}
        self._heads: dict[str, str] = {}
        self.ranks: dict[str, int] = {}
        for entry in entries:
            self.ranks[entry.role] = entry.rank
            for variant in (entry.role, *entry.variants):
                self._variants.setdefault(role_key(variant), entry.role)
                if entry.head and " " not in role_key(variant):
                    self._heads.setdefault(role_key(variant), entry.role)
            for portfolio in entry.portfolios:
                self._portfolios.setdefault(role_key(portfolio), entry.role)

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(self.ranks)

    def canonical(self, text: str, is_place: Callable[[str], bool] = lambda _: False) -> str | None:
        """The canonical role a title names, or ``None`` when it names none we know.

        Tried in order, each over the title with and without its country words: the whole
        title, a minister named by portfolio, the title cut before "of", "to", "for"..., and
        last a generic minister or a head word ("Foreign Ministry spokesperson").
        """
        keys = [_without_qualifiers(role_key(c)) for c in _contexts(text, is_place)]
        stages = (self._variants.get, self._portfolio, self._prefix, self._generic)
        for stage in stages:
            for key in keys:
                found = stage(key)
                if found:
                    return found
        return None

    def _prefix(self, key: str) -> str | None:
        """The longest part of the key before "of", "to", "for"... that is a variant."""
        for cut in reversed([m.start() for m in _CUTS.finditer(key)]):
            prefix = _without_qualifiers(key[:cut])
            if prefix in self._variants:
                return self._variants[prefix]
        return None

    def _portfolio(self, key: str) -> str | None:
        """A minister of a known portfolio: "Minister of Commerce", "Trade and Industry Minister"."""
        match = _MINISTER.fullmatch(key)
        if match is None or _is_deputy(match.group("before")):
            return None
        for portfolio in (match.group("after") or "", match.group("before") or ""):
            for part in re.split(r" and |, ", portfolio):
                found = self._portfolios.get(part) or self._portfolios.get(part.removesuffix(" affairs"))
                if found:
                    return found
        return None

    def _generic(self, key: str) -> str | None:
        match = _MINISTER.fullmatch(key)
        if match is not None:
            deputy = _is_deputy(match.group("before"))
            return self._variants.get("deputy minister" if deputy else "minister")
        return self._head(key)

    def _head(self, key: str) -> str | None:
        words = key.split()
        return self._heads.get(words[-1]) if words else None


def _is_deputy(before: str | None) -> bool:
    """Whether the words before "minister" make it a deputy's post ("Deputy Energy Minister")."""
    words = (before or "").split()
    return bool(words) and words[0] in _DEPUTY


def _contexts(text: str, is_place: Callable[[str], bool]) -> list[str]:
    """The title, then the title without a leading country or its possessive."""
    written = trim(text)
    found = [written]
    match = _POSSESSIVE_HEAD.match(written.replace("’", "'"))
    if match:
        found.append(written[match.end() :])
    words = written.split()
    for size in (3, 2, 1):
        if len(words) > size and is_place(" ".join(words[:size])):
            found.append(" ".join(words[size:]))
            break
    return found
