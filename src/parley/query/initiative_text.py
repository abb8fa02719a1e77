"""Finding cooperation projects in one sentence: named ones by alias, unnamed ones by kind.

A named project ("CPEC") joins the countries its data entry lists.  An unnamed one ("the
Kazakhstan–Pakistan railway", "a corridor from Belarus and then to Russia, … and to
Pakistan") joins the countries the sentence names with it: a dash-joined chain right before
the head phrase, and an unbroken list of countries after a route word ("from", "between",
"linking"…), in the order written, which is the route order where the text gives one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..actors.knowledge import load_knowledge
from ..errors import DictionaryError

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "initiatives.json"
_TOKEN = re.compile(r"\w[\w'’]*(?:\.\w+)*\.?|[^\w\s]")
_DASHES = frozenset("-–—/")
_CHAIN_GLUE = frozenset({",", "and", "then", "to", "from", "via", "through", "into", "on", "onward", "onwards",
                         "finally", "further", "the", "&", "-", "–", "—", "/", "with"})
_MAX_NAME_WORDS = 4
_MAX_SKIPPED_WORDS = 2


@dataclass(frozen=True, slots=True)
class NamedInitiative:
    id: str
    name: str
    kind: str
    sector: str
    countries: tuple[str, ...]
    aliases: tuple[str, ...]
    part_of: str | None = None


@dataclass(frozen=True, slots=True)
class GenericKind:
    kind: str
    sector: str
    heads: tuple[str, ...]
    party_heads: frozenset[str]


@dataclass(frozen=True, slots=True)
class InitiativeData:
    named: tuple[NamedInitiative, ...]
    generic: tuple[GenericKind, ...]
    route_openers: frozenset[str]


@dataclass(frozen=True, slots=True)
class Found:
    """A project mentioned in a sentence: its key, what it is, and the countries it joins."""

    key: str
    name: str
    kind: str
    sector: str
    countries: tuple[str, ...]
    named: bool


@lru_cache(maxsize=4)
def load_initiative_data(path: Path | None = None) -> InitiativeData:
    """The initiatives file (default: parley's own), read once per process."""
    source = path or DATA_FILE
    try:
        raw = json.loads(source.read_text(encoding="utf-8"))
        return _parse(raw)
    except OSError as exc:
        raise DictionaryError(f"cannot read the initiatives file: {exc}", where=str(source)) from exc
    except json.JSONDecodeError as exc:
        raise DictionaryError(f"line {exc.lineno}: invalid JSON ({exc.msg})", where=source.name) from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DictionaryError(f"malformed initiatives entry ({exc!r})", where=source.name) from exc


def _parse(raw: dict[str, Any]) -> InitiativeData:
    named = tuple(
        NamedInitiative(
            id=e["id"], name=e["name"], kind=e["kind"], sector=e["sector"],
            countries=tuple(e["countries"]), aliases=tuple(e["aliases"]), part_of=e.get("part_of"),
        )
        for e in raw["initiatives"]
    )
    generic = tuple(
        GenericKind(g["kind"], g["sector"], tuple(g["heads"]), frozenset(g.get("party_heads", ())))
        for g in raw["generic"]
    )
    return InitiativeData(named, generic, frozenset(raw["route_openers"]))


@lru_cache(maxsize=4)
def _alias_patterns(data: InitiativeData) -> tuple[tuple[re.Pattern[str], NamedInitiative], ...]:
    """One pattern per alias, longest first; an all-capitals alias matches only as written."""
    pairs = [(alias, entry) for entry in data.named for alias in entry.aliases]
    pairs.sort(key=lambda pair: -len(pair[0]))
    compiled = []
    for alias, entry in pairs:
        flags = 0 if alias.upper() == alias else re.IGNORECASE
        compiled.append((re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)", flags), entry))
    return tuple(compiled)


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _country_at(words: Sequence[str], index: int) -> tuple[str | None, int]:
    """The country named by the longest run of capitalised words from ``index``, and its length."""
    knowledge = load_knowledge()
    for size in range(min(_MAX_NAME_WORDS, len(words) - index), 0, -1):
        run = words[index : index + size]
        if not run[0][:1].isupper():
            continue
        code = knowledge.country(" ".join(w.rstrip(".") for w in run))
        if code:
            return code, size
    return None, 0


def _route_after(tokens: list[str], openers: frozenset[str]) -> list[str]:
    """Countries in an unbroken route list that starts with a route word right after the head."""
    if not tokens or tokens[0].lower() not in openers:
        return []
    found: list[str] = []
    index = 1
    while index < len(tokens):
        code, size = _country_at(tokens, index)
        if code:
            found.append(code)
            index += size
        elif tokens[index].lower() in _CHAIN_GLUE:
            index += 1
        else:
            break
    return found


def _country_ending(tokens: list[str], end: int) -> tuple[str | None, int]:
    """The country named by the longest run of words ending at ``end``, and where it starts."""
    for start in range(max(0, end - _MAX_NAME_WORDS), end):
        code, size = _country_at(tokens[start:end], 0)
        if code and size == end - start:
            return code, start
    return None, end


def _chain_before(tokens: list[str]) -> list[str]:
    """Countries in a dash-joined chain ending right before the head ("Kazakhstan–Pakistan")."""
    end = len(tokens)
    skipped = 0
    while end and tokens[end - 1][:1].islower() and skipped < _MAX_SKIPPED_WORDS:
        end, skipped = end - 1, skipped + 1
    found: list[str] = []
    while end:
        code, start = _country_ending(tokens, end)
        if code is None:
            break
        found.insert(0, code)
        if start == 0 or tokens[start - 1] not in _DASHES:
            break
        end = start - 1
    return found if len(found) >= 2 else []


def _unique(codes: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code for code in codes if code))


def _named(text: str, data: InitiativeData) -> tuple[list[Found], str]:
    found: dict[str, Found] = {}
    for pattern, entry in _alias_patterns(data):
        for match in pattern.finditer(text):
            found.setdefault(entry.id, Found(entry.id, entry.name, entry.kind, entry.sector, entry.countries, True))
            text = _mask(text, match.start(), match.end())
    return list(found.values()), text


def _generic(text: str, data: InitiativeData, parties: Sequence[str]) -> list[Found]:
    found: list[Found] = []
    for kind in data.generic:
        for head in sorted(kind.heads, key=len, reverse=True):
            for match in re.finditer(rf"(?<!\w){re.escape(head)}(?!\w)", text, re.IGNORECASE):
                before = _TOKEN.findall(text[: match.start()])
                after = _TOKEN.findall(text[match.end() :])
                codes = _unique(_chain_before(before) + _route_after(after, data.route_openers))
                if len(codes) < 2 and head.lower() in kind.party_heads:
                    codes = _unique(parties)
                text = _mask(text, match.start(), match.end())
                if len(codes) >= 2:
                    key = f"{kind.kind}:{'-'.join(sorted(codes))}"
                    found.append(Found(key, f"{'–'.join(codes)} {kind.kind}", kind.kind, kind.sector, codes, False))
    return found


def find_initiatives(
    text: str, parties: Sequence[str] = (), *, data: InitiativeData | None = None
) -> list[Found]:
    """The projects one sentence mentions; ``parties`` are the event's, for "direct flights"."""
    data = data or load_initiative_data()
    named, rest = _named(text, data)
    return named + _generic(rest, data, parties)

