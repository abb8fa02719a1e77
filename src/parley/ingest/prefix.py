"""The `` date YYYY-MM-DD CITY:`` line that opens articles in the seed format.

It carries the publication date and the dateline, which date resolution and location
extraction need, but it is not part of the story: it is cut off so that sentence offsets
count from the first real word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import IngestError

_PREFIX = re.compile(
    r"\s*date[ \t]+(?P<date>\d{4}-\d{1,2}-\d{1,2})[ \t]+(?P<city>[^:\n]{1,80}?)[ \t]*:\s*"
)
_CITY_PUNCTUATION = set(".'’-")


@dataclass(frozen=True, slots=True)
class Prefixed:
    """An article body with whatever its opening prefix said."""

    text: str
    published: str | None = None
    dateline: str | None = None


def parse_day(value: str, *, where: str, what: str) -> str:
    """Check that ``value`` is a real ``YYYY-MM-DD`` day and return it unchanged.

    Raises IngestError naming ``where`` and the bad value, because a wrong anchor date would
    silently shift every relative date resolved against it.
    """
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise IngestError(f"{what} {value!r} is not a YYYY-MM-DD date", where=where)
    try:
        date.fromisoformat(value)
    except ValueError:
        raise IngestError(f"{what} {value!r} is not a real calendar day", where=where) from None
    return value


def _is_city(candidate: str) -> bool:
    """Upper-case words of letters (and ``.'-``): ISLAMABAD, NEW DELHI, ST. PETERSBURG."""
    words = candidate.split()
    if not words:
        return False
    for word in words:
        if not word[0].isalpha() or not word.isupper():
            return False
        if any(not (ch.isalpha() or ch in _CITY_PUNCTUATION) for ch in word):
            return False
    return True


def split_prefix(text: str, *, where: str) -> Prefixed:
    """Cut a leading `` date YYYY-MM-DD CITY:`` from ``text`` and read its date and city.

    Text without the prefix comes back whole, with no date or dateline.  A prefix whose date
    is not a real day raises IngestError rather than being kept as text, since it is plainly
    meant as the date.
    """
    match = _PREFIX.match(text)
    if match is None or not _is_city(match["city"]):
        return Prefixed(text=text)
    published = parse_day(match["date"], where=where, what="date prefix")
    dateline = " ".join(match["city"].split()).title()
    return Prefixed(text=text[match.end():], published=published, dateline=dateline)
