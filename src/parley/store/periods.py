"""Date bounds for the store's ``since``/``until`` filters.

Dates in parley keep their precision (``2025``, ``2025-09``, ``2025-09-15``), so a filter
cannot compare them as points: ``2025-09`` is a whole month, and an event dated that way may
have happened on any of its days.  A filter therefore keeps an event whose period *overlaps*
the requested one, which means comparing the event's last possible day with ``since`` and its
first possible day with ``until``.  Day strings compare correctly as text, so ``-31`` stands
for "the end of any month" without knowing the calendar.
"""

from __future__ import annotations

import re

from ..errors import ConfigError

_PARTIAL_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def check_partial_date(value: str, *, option: str) -> str:
    """Return ``value`` if it is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, else raise.

    Filter bounds come from users (CLI options, API query strings); a typo should say so
    instead of silently matching nothing.
    """
    if not isinstance(value, str) or not _PARTIAL_DATE.fullmatch(value):
        raise ConfigError(
            f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
            where=option,
        )
    return value


def first_day(value: str) -> str:
    """The earliest day a partial date can stand for, as ``YYYY-MM-DD``."""
    return value + "-01-01"[: 10 - len(value)]


def last_day(value: str) -> str:
    """The latest day a partial date can stand for (``-31`` closes any month as text)."""
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        return value + "-31"
    return value
