"""A table from written names to codes that knows which names are case-sensitive.

Codes and very short names are matched as written, so that the pronoun "us" is not the
United States and "who" is not the World Health Organization, while ordinary names match
in any case ("PAKISTAN" in a headline, "russian federation" in a user's query).
Acronyms of four letters or more also match in the house style that capitalises them
("Nato", "Asean"), and short names in capitals ("IRAN", "QUAD").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..memo import Memo
from .textkeys import compact, fold, is_acronym, trim

_SHORT = 4


@dataclass(frozen=True, slots=True)
class Clash:
    """Two codes claimed by one key: what the validator reports and the lookup refuses."""

    key: str
    code: str
    other: str
    other_line: int | None


def keys_of(alias: str) -> tuple[list[str], list[str]]:
    """The exact-case keys and the case-free keys under which an alias is found."""
    written = trim(alias)
    short = compact(written)
    if not written:
        return [], []
    if is_acronym(short):
        exact = [short]
        letters = sum(ch.isalpha() for ch in short)
        if letters >= _SHORT and short.isalpha():
            exact.append(short[0] + short[1:].lower())
        return exact, []
    if " " not in written and len(written) <= _SHORT:
        return [written, written.upper()], []
    return [], [fold(written)]


class AliasTable:
    """Names → codes; a key claimed for two codes answers nothing."""

    def __init__(self) -> None:
        self._exact: dict[str, tuple[str, int | None]] = {}
        self._folded: dict[str, tuple[str, int | None]] = {}
        self._blocked: set[tuple[bool, str]] = set()
        self._answers: Memo[str, str | None] = Memo()  # lookups repeat; forgotten on every add

    def add(self, alias: str, code: str, line: int | None = None) -> list[Clash]:
        """Register ``alias`` for ``code``; the clashes found say which keys became ambiguous."""
        exact, folded = keys_of(alias)
        self._answers.clear()
        clashes = [self._put(self._exact, True, key, code, line) for key in exact]
        clashes += [self._put(self._folded, False, key, code, line) for key in folded]
        return [c for c in clashes if c is not None]

    def _put(
        self, table: dict[str, tuple[str, int | None]], exact: bool, key: str, code: str,
        line: int | None,
    ) -> Clash | None:
        if (exact, key) in self._blocked:
            return None
        known = table.get(key)
        if known is None:
            table[key] = (code, line)
            return None
        if known[0] == code:
            return None
        del table[key]
        self._blocked.add((exact, key))
        return Clash(key, code, known[0], known[1])

    def get(self, text: str) -> str | None:
        """The code for a name as written, or ``None`` when unknown or ambiguous."""
        return self._answers(text, self._lookup)

    def _lookup(self, text: str) -> str | None:
        written = trim(text)
        if not written:
            return None
        hit = self._exact.get(compact(written)) or self._exact.get(written)
        if hit is None:
            hit = self._folded.get(fold(written))
        return hit[0] if hit else None

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.get(text) is not None
