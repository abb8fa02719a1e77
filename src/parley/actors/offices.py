"""Who held which office when: the table behind person and holder lookups.

News names people by full name, by a variant spelling or by surname alone, and the same
surname can belong to two people of one country (Nawaz and Shehbaz Sharif) or to one
person in two offices over time.  The article's date is what tells them apart, so every
lookup here takes one; dates keep their precision ("2023", "2023-08", "2023-08-14").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .textkeys import name_key

ISO_DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_HONORIFICS = ("mr ", "mrs ", "ms ", "dr ", "sheikh ", "prince ", "king ", "emir ", "sultan ")
_DEFAULT_RANK = 50


@dataclass(frozen=True, slots=True)
class Office:
    """One person in one office for one stretch of time (``end`` None: still in office)."""

    name: str
    role: str
    country: str
    start: str | None
    end: str | None


def earliest(value: str) -> str:
    """The first day a partial date can mean, as a sortable string."""
    return value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value


def latest(value: str) -> str:
    """A string sorting after every day a partial date can mean and before the next one."""
    return value + "-99-99"[len(value) - 4 :] if len(value) < 10 else value


def _covers(office: Office, lo: str, hi: str) -> bool:
    """Whether the office overlaps the days ``lo``..``hi``; a day-precise end is exclusive."""
    if office.start is not None and earliest(office.start) > hi:
        return False
    if office.end is None:
        return True
    if len(office.end) == 10:
        return office.end > lo
    return latest(office.end) >= lo


def _ended_before(office: Office, lo: str, hi: str) -> bool:
    starts_before = earliest(office.start or "0000") <= lo
    return office.end is not None and starts_before and not _covers(office, lo, hi)


def surname_keys(name: str, aliases: Iterable[str]) -> set[str]:
    """The one-word keys a person may be called by: last words, and one-word aliases.

    A last word of two letters ("Moon Jae In") or a hyphenated one ("Moon Jae-in") is a
    given name, not a surname; a one-word alias ("Xi", "MBZ") is taken as written.
    """
    keys = set()
    for written in (name, *aliases):
        words = [w for w in written.split() if name_key(w) not in _SUFFIXES]
        if len(words) == 1:
            keys.add(name_key(words[0]))
        elif words and "-" not in words[-1] and len(name_key(words[-1])) > 2:
            keys.add(name_key(words[-1]))
    return {k for k in keys if len(k) > 1 and " " not in k}


def hyphenated_surname(written: str) -> str | None:
    """The key of a hyphenated surname ("Okonjo-Iweala"), not of a given name ("Jae-in")."""
    words = written.split()
    if len(words) < 2 or "-" not in words[-1]:
        return None
    key = name_key(words[-1])
    return key if all(len(part) > 2 for part in key.split()) else None


class OfficeTable:
    """Offices indexed by full name, alias and surname."""

    def __init__(self, ranks: Mapping[str, int], common_words: Iterable[str] = ()) -> None:
        self._ranks = dict(ranks)
        self._common = {name_key(w) for w in common_words}
        self._offices: dict[str, list[Office]] = defaultdict(list)
        self._by_name: dict[str, str] = {}
        self._by_surname: dict[str, set[str]] = defaultdict(set)

    def add(self, office: Office, aliases: Iterable[str] = ()) -> None:
        aliases = tuple(aliases)
        self._offices[office.name].append(office)
        for written in (office.name, *aliases):
            for key in (name_key(written), hyphenated_surname(written)):
                if key and " " in key:
                    self._by_name.setdefault(key, office.name)
        for key in surname_keys(office.name, aliases):
            if key not in self._common:
                self._by_surname[key].add(office.name)

    def all(self) -> list[Office]:
        return [o for offices in self._offices.values() for o in offices]

    def extended(self, offices: Iterable[Office]) -> "OfficeTable":
        """A copy with ``offices`` added; the original stays as it was."""
        copy = OfficeTable(self._ranks)
        copy._common = set(self._common)
        copy._offices = defaultdict(list, {k: list(v) for k, v in self._offices.items()})
        copy._by_name = dict(self._by_name)
        copy._by_surname = defaultdict(set, {k: set(v) for k, v in self._by_surname.items()})
        for office in offices:
            copy.add(office)
        return copy

    def person(self, name: str, on: str | None = None) -> Office | None:
        """The office of the person a name or surname stands for, on a date (None: latest)."""
        key = name_key(name)
        for prefix in ("", *_HONORIFICS):
            if prefix and not key.startswith(prefix):
                continue
            stripped = key[len(prefix) :]
            if stripped in self._by_name:
                return self._pick(self._offices[self._by_name[stripped]], on)
            if " " not in stripped and stripped in self._by_surname:
                return self._by_surname_on(self._by_surname[stripped], on)
        return None

    def holders(self, country: str, role: str, on: str | None = None) -> list[Office]:
        """Everyone in ``role`` for ``country`` on the date (None: still in office)."""
        found = [o for o in self.all() if o.country == country and o.role == role]
        if on is None:
            found = [o for o in found if o.end is None]
        else:
            found = [o for o in found if _covers(o, earliest(on), latest(on))]
        return sorted(found, key=lambda o: (earliest(o.start or "0000"), o.name))

    def _by_surname_on(self, names: set[str], on: str | None) -> Office | None:
        if len(names) == 1:
            return self._pick(self._offices[next(iter(names))], on)
        if on is None:
            serving = [n for n in names if any(o.end is None for o in self._offices[n])]
        else:
            lo, hi = earliest(on), latest(on)
            serving = [n for n in names if any(_covers(o, lo, hi) for o in self._offices[n])]
        if len(serving) == 1:
            return self._pick(self._offices[serving[0]], on)
        return None

    def _pick(self, offices: list[Office], on: str | None) -> Office | None:
        """The office covering the date, the most senior first; else the last one before it."""
        if on is None:
            current = [o for o in offices if o.end is None]
            if current:
                return self._senior(current)
            return max(offices, key=lambda o: latest(o.end or "9999"))
        lo, hi = earliest(on), latest(on)
        covering = [o for o in offices if _covers(o, lo, hi)]
        if covering:
            return self._senior(covering)
        before = [o for o in offices if _ended_before(o, lo, hi)]
        if before:
            return max(before, key=lambda o: (latest(o.end or ""), -self._rank(o)))
        return None

    def _rank(self, office: Office) -> int:
        return self._ranks.get(office.role, _DEFAULT_RANK)

    def _senior(self, offices: list[Office]) -> Office:
        """Among offices held at once, the senior one; between equals, the latest begun."""
        newest_first = sorted(offices, key=lambda o: earliest(o.start or "0000"), reverse=True)
        return min(newest_first, key=self._rank)
