"""Analysts' corrections: checking them on the way in, applying them on every rebuild.

A correction names an event by id and either sets one field or rejects the event.  It is
kept in its own table and applied after fusion, each time the event is rebuilt, so no
re-ingest or re-extraction can overwrite it; the event's explanation says what was changed
and when, so every output shows it.  Values are stored as JSON (a list for list fields).
Changing the type or mode recomputes the CAMEO code and PLOVER score unless those are
corrected too.  Corrections do not steer fusion: a corrected type stays in its block.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..model import Event
from ..taxonomy import TYPE_ORDER, cameo_code, intensity, load_taxonomy
from .periods import check_partial_date

LIST_FIELDS = ("source", "target", "persons", "topics")
CORRECTABLE = (
    "type",
    "mode",
    "source",
    "target",
    "persons",
    "date",
    "planned_for",
    "location",
    "location_country",
    "topics",
    "cameo",
    "score",
)
_CODE = re.compile(r"[A-Z][A-Z0-9]{1,7}")
_CAMEO = re.compile(r"\d{2,4}")
_SCORE_RANGE = 10.0


@dataclass(frozen=True, slots=True)
class Correction:
    """One analyst's fix: ``field`` set to ``value`` (JSON), or the event rejected."""

    event_id: str
    field: str | None
    value: Any
    reject: bool
    at: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _codes(raw: str, field: str) -> list[str]:
    codes = [part.strip().upper() for part in raw.split(",") if part.strip()]
    bad = [code for code in codes if not _CODE.fullmatch(code)]
    if not codes or bad:
        raise ConfigError(
            f"expected country or organisation codes such as PAK,RUS, got {raw!r}", where=field
        )
    return codes


def _score(raw: str) -> float | None:
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"expected a number from -10 to 10, got {raw!r}", where="score") from None
    if not -_SCORE_RANGE <= value <= _SCORE_RANGE:
        raise ConfigError(f"expected a number from -10 to 10, got {raw!r}", where="score")
    return value


def check_value(field: str, raw: str) -> Any:
    """The value a ``--set field=raw`` stands for, checked; "" clears an optional field."""
    if field not in CORRECTABLE:
        raise ConfigError(
            f"cannot correct {field!r}; correctable fields: {', '.join(CORRECTABLE)}", where=field
        )
    if not isinstance(raw, str):
        raise ConfigError(f"expected text, got {raw!r}", where=field)
    raw = raw.strip()
    if field in ("date", "planned_for"):
        return check_partial_date(raw, option=field) if raw else None
    if field == "type":
        if raw.upper() not in TYPE_ORDER:
            raise ConfigError(
                f"{raw!r} is not a PLOVER type ({', '.join(TYPE_ORDER)})", where=field
            )
        return raw.upper()
    if field in ("source", "target"):
        return _codes(raw, field)
    if field in ("persons", "topics"):
        return [part.strip() for part in raw.split(",") if part.strip()]
    if field == "location_country":
        return _codes(raw, field)[0] if raw else None
    if field == "cameo" and raw and not _CAMEO.fullmatch(raw):
        raise ConfigError(f"expected a CAMEO code of 2-4 digits, got {raw!r}", where=field)
    if field == "score":
        return _score(raw)
    return raw or None


def check_changes(changes: Mapping[str, str] | None) -> list[tuple[str, Any]]:
    """Every (field, value) of a ``set`` mapping, checked, in a stable order."""
    if changes is None:
        return []
    if not isinstance(changes, Mapping):
        raise ConfigError(f"expected field=value pairs, got {changes!r}", where="set")
    return [(field, check_value(field, changes[field])) for field in sorted(changes)]


def check_mode(event: Event) -> None:
    """Refuse a corrected event whose mode is not one of its type's PLOVER modes."""
    if event.mode is None or event.type not in TYPE_ORDER:
        return
    modes = load_taxonomy().entry(event.type).modes
    if event.mode not in modes:
        known = ", ".join(modes) or "none"
        raise ConfigError(
            f"{event.mode!r} is not a mode of {event.type} (modes: {known})", where="mode"
        )


def _shown(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(value) or "-"
    return "-" if value is None else str(value)


def apply_corrections(event: Event, found: Iterable[Correction]) -> tuple[Event, bool]:
    """The event with the corrections applied in order, and whether it was rejected."""
    changes: dict[str, Any] = {}
    notes: list[str] = []
    rejected = False
    for correction in found:
        if correction.reject:
            rejected = True
            notes.append(f"rejected by an analyst ({correction.at})")
            continue
        field = correction.field or ""
        before = changes.get(field, getattr(event, field))
        changes[field] = tuple(correction.value) if field in LIST_FIELDS else correction.value
        notes.append(
            f"corrected {field}: {_shown(before)} -> {_shown(changes[field])} ({correction.at})"
        )
    if not notes:
        return event, False
    corrected = dataclasses.replace(event, **changes)
    if {"type", "mode"} & changes.keys() and corrected.type in TYPE_ORDER:
        mode = (
            corrected.mode
            if corrected.mode in load_taxonomy().entry(corrected.type).modes
            else None
        )
        if "cameo" not in changes:
            corrected = dataclasses.replace(corrected, cameo=cameo_code(corrected.type, mode))
        if "score" not in changes:
            corrected = dataclasses.replace(corrected, score=intensity(corrected.type, mode))
    return dataclasses.replace(corrected, explanation=event.explanation + tuple(notes)), rejected


def correction_from_row(row: Mapping[Any, Any]) -> Correction:
    value = None if row["value"] is None else json.loads(row["value"])
    return Correction(row["event_id"], row["field"], value, bool(row["reject"]), row["at"])
