"""Periods for analytics: which events fall inside "2025", "2025-03" or "2024-07..2025-06".

The store's ``since``/``until`` filters keep any event whose date *overlaps* the bounds, which
is right for listing but wrong for comparing two periods: an event dated only "2025" would
count in every month of 2025.  Analytics therefore count an event in a period only when its
whole date lies inside, and keep a month-level series only for dates at least that precise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ConfigError

_PARTIAL = r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"
_PERIOD = re.compile(rf"(?P<since>{_PARTIAL})?(?P<range>\.\.)?(?P<until>{_PARTIAL})?")


def first_day(value: str) -> str:
    """The earliest day a partial date can stand for."""
    return value + "-01-01"[: 10 - len(value)]


def last_day(value: str) -> str:
    """A string sorting with the last day a partial date can stand for (``-31`` ends any month)."""
    return value + "-12-31"[: 10 - len(value)] if len(value) == 4 else value + "-31"[: 10 - len(value)]


@dataclass(frozen=True, slots=True)
class Period:
    """Inclusive bounds as partial dates; ``None`` leaves that side open."""

    since: str | None = None
    until: str | None = None

    def contains(self, when: str | None) -> bool:
        """Whether every day ``when`` may stand for lies inside the period."""
        if when is None:
            return False
        if self.since is not None and first_day(when) < first_day(self.since):
            return False
        return self.until is None or last_day(when) <= last_day(self.until)

    @property
    def label(self) -> str:
        if self.since == self.until and self.since is not None:
            return self.since
        return f"{self.since or ''}..{self.until or ''}"

    def to_dict(self) -> dict[str, str | None]:
        return {"since": self.since, "until": self.until}


def parse_period(text: str, *, option: str = "period") -> Period:
    """``2025`` or ``2025-03`` (that whole span), ``A..B``, ``A..`` or ``..B``."""
    match = _PERIOD.fullmatch(text.strip()) if isinstance(text, str) else None
    if not match or not (match["since"] or match["until"]):
        raise ConfigError(
            f"{text!r} is not a period: use YYYY[-MM[-DD]] or a range such as 2024-07..2025-06",
            where=option,
        )
    if not match["range"]:
        if match["until"]:
            raise ConfigError(f"{text!r}: two dates need '..' between them", where=option)
        return Period(match["since"], match["since"])
    if match["since"] and match["until"] and first_day(match["since"]) > last_day(match["until"]):
        raise ConfigError(f"{text!r}: the period ends before it starts", where=option)
    return Period(match["since"], match["until"])


def month_of(when: str | None) -> str | None:
    """``YYYY-MM`` for a date at least month-precise, else None (a year is no month)."""
    return when[:7] if when is not None and len(when) >= 7 else None


def months_between(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` inclusive."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
