"""Trigger patterns: the data file that says which words signal which kind of event.

Patterns are data (``parley/data/event_patterns.json``) so an analyst can read and extend them
without touching code; each carries a name and the file's version, which every event records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from ..errors import DictionaryError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
KNOWN_KEYS = {
    "name", "type", "mode", "cameo", "lemmas", "pos", "phrases", "near", "window", "not_near",
    "near_entity", "near_entity_any", "future_as_agree", "requires_modality", "not_modal",
    "negated_only", "actor_subject", "not_object", "named_target",
}


@dataclass(frozen=True, slots=True)
class Pattern:
    """One trigger rule; see the ``about`` text of the data file for the meaning of fields."""

    name: str
    type: str
    mode: str | None
    cameo: str | None
    lemmas: frozenset[str]
    pos: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    near: frozenset[str]
    window: int
    not_near: frozenset[str]
    near_entity: str | None
    future_as_agree: bool
    requires_modality: bool
    not_modal: bool
    negated_only: bool
    actor_subject: bool
    not_object: frozenset[str]
    named_target: bool
    version: int

    @property
    def rule(self) -> str:
        return f"parley.events.{self.name}.v{self.version}"


def _pattern(entry: dict, version: int, where: str) -> Pattern:
    unknown = set(entry) - KNOWN_KEYS
    if unknown:
        raise DictionaryError(f"unknown keys {sorted(unknown)}", where=where)
    if entry.get("type") not in PLOVER_TYPES:
        raise DictionaryError(f"type {entry.get('type')!r} is not a PLOVER type", where=where)
    if not entry.get("lemmas") and not entry.get("phrases"):
        raise DictionaryError("a pattern needs `lemmas` or `phrases`", where=where)
    return Pattern(
        name=entry["name"],
        type=entry["type"],
        mode=entry.get("mode"),
        cameo=entry.get("cameo"),
        lemmas=frozenset(w.lower() for w in entry.get("lemmas", ())),
        pos=frozenset(entry.get("pos", ())),
        phrases=tuple(tuple(p.lower().split()) for p in entry.get("phrases", ())),
        near=frozenset(w.lower() for w in entry.get("near", ())),
        window=abs(int(entry.get("window", 6))),
        not_near=frozenset(w.lower() for w in entry.get("not_near", ())),
        near_entity=entry.get("near_entity"),
        future_as_agree=bool(entry.get("future_as_agree")),
        requires_modality=bool(entry.get("requires_modality")),
        not_modal=bool(entry.get("not_modal")),
        negated_only=bool(entry.get("negated_only")),
        actor_subject=bool(entry.get("actor_subject")),
        not_object=frozenset(w.lower() for w in entry.get("not_object", ())),
        named_target=bool(entry.get("named_target")),
        version=version,
    )


def read_patterns(path: Path) -> tuple[Pattern, ...]:
    """Patterns from a JSON file, with errors that name the file and the pattern."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DictionaryError(f"cannot read patterns: {exc}", where=str(path)) from exc
    version = int(data.get("version", 1))
    patterns = []
    for i, entry in enumerate(data.get("patterns", [])):
        patterns.append(_pattern(entry, version, f"{path.name} pattern {i + 1} ({entry.get('name')})"))
    return tuple(patterns)


@lru_cache(maxsize=1)
def default_patterns() -> tuple[Pattern, ...]:
    return read_patterns(Path(str(files("parley") / "data" / "event_patterns.json")))
