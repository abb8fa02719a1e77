"""The PLOVER taxonomy as data: types, modes, intensity scores and the CAMEO crosswalk.

Users compare parley's events with GDELT, ICEWS and POLECAT, which speak CAMEO codes,
Goldstein weights and PLOVER types; keeping the correspondence in ``data/plover.json``
(checked by ``validate_taxonomy``) lets it be reviewed and versioned like the other
dictionaries instead of hiding in code.  Everything here is a lookup: no text is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import ConfigError, DictionaryError

DATA_FILE = Path(__file__).parent / "data" / "plover.json"
TYPE_ORDER = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
_CODE = re.compile(r"^(0[1-9]|1\d|20)\d{0,2}$")
_COOPERATION = (1, 2)
SCALE = 10.0


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code with its name and Goldstein weight (None where none was published).

    Roots also carry GDELT's quad class (1-4), which follows from the root alone.
    """

    code: str
    name: str
    goldstein: float | None
    quad: int | None = None


@dataclass(frozen=True, slots=True)
class ModeEntry:
    name: str
    intensity: float
    cameo: str


@dataclass(frozen=True, slots=True)
class TypeEntry:
    """A PLOVER type: its quad class, base intensity and CAMEO code, modes and rule hints."""

    name: str
    quad: int
    intensity: float
    cameo: str
    roots: frozenset[str]
    modes: Mapping[str, ModeEntry]
    hints: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Taxonomy:
    version: int
    quad_names: Mapping[int, str]
    roots: Mapping[str, CameoCode]
    codes: Mapping[str, CameoCode]
    types: Mapping[str, TypeEntry]

    def entry(self, type: str) -> TypeEntry:
        """The type's entry, or ConfigError naming the known types."""
        found = self.types.get(type)
        if found is None:
            raise ConfigError(f"{type!r} is not a PLOVER type (known: {', '.join(self.types)})")
        return found


# --- loading -------------------------------------------------------------------------------


def _code(code: str, raw: Mapping[str, Any]) -> CameoCode:
    weight, quad = raw.get("goldstein"), raw.get("quad")
    return CameoCode(
        code,
        str(raw.get("name", "")),
        None if weight is None else float(weight),
        None if quad is None else int(quad),
    )


def _type(name: str, raw: Mapping[str, Any]) -> TypeEntry:
    modes = {
        mode: ModeEntry(mode, float(spec["intensity"]), str(spec["cameo"]))
        for mode, spec in raw.get("modes", {}).items()
    }
    return TypeEntry(
        name=name,
        quad=int(raw["quad"]),
        intensity=float(raw["intensity"]),
        cameo=str(raw["cameo"]),
        roots=frozenset(raw.get("roots", ())),
        modes=MappingProxyType(modes),
        hints=MappingProxyType({key: str(value) for key, value in raw.get("hints", {}).items()}),
    )


def _read(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DictionaryError(f"cannot read the taxonomy: {exc}", where=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise DictionaryError(f"line {exc.lineno}: invalid JSON ({exc.msg})", where=path.name) from exc


def _parse(path: Path) -> Taxonomy:
    raw = _read(path)
    try:
        return Taxonomy(
            version=int(raw["version"]),
            quad_names=MappingProxyType({int(k): str(v) for k, v in raw["quad_classes"].items()}),
            roots=MappingProxyType({k: _code(k, v) for k, v in raw["cameo_roots"].items()}),
            codes=MappingProxyType({k: _code(k, v) for k, v in raw["cameo_codes"].items()}),
            types=MappingProxyType({k: _type(k, v) for k, v in raw["types"].items()}),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DictionaryError(f"malformed taxonomy entry ({exc!r})", where=path.name) from exc


@lru_cache(maxsize=4)
def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """The taxonomy file (default: parley's own), parsed and validated once per process."""
    source = path or DATA_FILE
    taxonomy = _parse(source)
    problems = _problems(taxonomy)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DictionaryError(problems[0] + more, where=source.name)
    return taxonomy


def validate_taxonomy(path: Path | None = None) -> list[str]:
    """Problems in the taxonomy file, one line each; [] when it is sound."""
    source = path or DATA_FILE
    try:
        return _problems(_parse(source))
    except DictionaryError as exc:
        return [str(exc)]


def _problems(tax: Taxonomy) -> list[str]:
    problems = [f"missing PLOVER type {name}" for name in TYPE_ORDER if name not in tax.types]
    problems += [f"unknown type {name}" for name in tax.types if name not in TYPE_ORDER]
    problems += [f"CAMEO code {code!r} is malformed" for code in tax.codes if not _CODE.match(code)]
    for entry in tax.types.values():
        problems += _type_problems(tax, entry)
    return problems


def _type_problems(tax: Taxonomy, entry: TypeEntry) -> list[str]:
    where = entry.name
    found = []
    if entry.quad not in tax.quad_names:
        found.append(f"{where}: quad {entry.quad} is not 1-4")
    scored = [(where, entry.intensity)] + [(f"{where}/{m.name}", m.intensity) for m in entry.modes.values()]
    for label, value in scored:
        if not -SCALE <= value <= SCALE:
            found.append(f"{label}: intensity {value} outside -10..+10")
        elif (value < 0) if entry.quad in _COOPERATION else (value > 0):
            found.append(f"{label}: intensity {value} has the wrong sign for quad {entry.quad}")
    named = [(where, entry.cameo)] + [(f"{where}/{m.name}", m.cameo) for m in entry.modes.values()]
    named += [(f"{where} hint {k}", v) for k, v in entry.hints.items()]
    for label, code in named:
        if code not in tax.codes:
            found.append(f"{label}: CAMEO code {code!r} is not in cameo_codes")
        elif code[:2] not in entry.roots:
            found.append(f"{label}: CAMEO code {code} is outside the type's roots {sorted(entry.roots)}")
    found += [f"{where}: root {r!r} is not a CAMEO root" for r in entry.roots if r not in tax.roots]
    return found


# --- lookups -------------------------------------------------------------------------------


def intensity(type: str, mode: str | None = None) -> float:
    """The PLOVER intensity (-10..+10) of a type, refined by its mode where the mode has one."""
    entry = load_taxonomy().entry(type)
    found = entry.modes.get(mode) if mode else None
    return found.intensity if found else entry.intensity


def quad_class(type: str) -> int:
    """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    return load_taxonomy().entry(type).quad


def quad_name(type: str) -> str:
    tax = load_taxonomy()
    return tax.quad_names[tax.entry(type).quad]


def is_consistent(type: str, code: str) -> bool:
    """Whether a CAMEO code may stand for an event of this PLOVER type (its root belongs to it)."""
    return bool(_CODE.match(code)) and code[:2] in load_taxonomy().entry(type).roots


def _generic(code: str) -> bool:
    """A CAMEO "not specified below" code (``040``): it says no more than the root."""
    return len(code) == 3 and code.endswith("0")


def cameo_code(type: str, mode: str | None = None, rule_hint: str | None = None) -> str:
    """The CAMEO code of an event: the most specific one that its type, mode and rule fix.

    ``rule_hint`` is what the rule that fired knows, a CAMEO code (``"057"``) or a hint name
    of the type (``"sign"``); a hint outside the type's CAMEO roots is ignored, so a
    misconfigured rule cannot give a cooperation event a conflict code.  A specific hint
    beats the mode's code (``CONSULT/visit`` hinted ``043`` is a hosted visit), the mode's
    code beats a generic hint (``040``), and the type's code is the fallback.
    """
    entry = load_taxonomy().entry(type)
    hint = entry.hints.get(rule_hint, rule_hint) if rule_hint else None
    if hint is not None and not is_consistent(type, hint):
        hint = None
    if hint is not None and not _generic(hint):
        return hint
    if mode and mode in entry.modes:
        return entry.modes[mode].cameo
    return hint or entry.cameo


def cameo_root(code: str) -> str:
    """The two-digit CAMEO root (GDELT's ``EventRootCode``) of a code."""
    return code[:2]


def goldstein(code: str) -> float | None:
    """The Goldstein weight of a CAMEO code, else of its nearest listed parent, else its root's."""
    tax = load_taxonomy()
    for size in range(len(code), 2, -1):
        found = tax.codes.get(code[:size])
        if found is not None and found.goldstein is not None:
            return found.goldstein
    root = tax.roots.get(code[:2])
    return root.goldstein if root else None


def cameo_quad(code: str) -> int | None:
    """GDELT's ``QuadClass`` of a CAMEO code, from its root."""
    root = load_taxonomy().roots.get(code[:2])
    return root.quad if root else None


def cameo_name(code: str) -> str | None:
    tax = load_taxonomy()
    found = tax.codes.get(code) or tax.roots.get(code[:2])
    return found.name if found else None
