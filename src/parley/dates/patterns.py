"""The vocabulary of time expressions and the regular-expression pieces built from it.

Names of months and weekdays are matched case-sensitively: "May" the month is capitalised,
"may" the verb is not, and "we", "sun" or "wed" never look like days.  Function words
("last", "next", "earlier") are matched in any case, since they open sentences.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2,
}  # fmt: skip

# Month names that are also ordinary English words or names ("may", "march", "august", "Jan").
_WEAK_MONTHS = {"may", "march", "august"}
_FULL_MONTHS = {name for name in MONTHS if len(name) > 4 or name in ("june", "july")}


def _month_alternatives() -> str:
    full = sorted((n.capitalize() for n in _FULL_MONTHS | {"may"}), key=len, reverse=True)
    short = sorted((n.capitalize() for n in MONTHS if n not in _FULL_MONTHS | {"may"}),
                   key=len, reverse=True)  # fmt: skip
    return "|".join(full + [rf"{s}\.?" for s in short])


MONTH = rf"(?P<month>{_month_alternatives()})(?![A-Za-z]|-[A-Za-z])"
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z])"
PART_OF_DAY = r"(?:\s+(?i:morning|afternoon|evening|night))?"
DAY = r"(?<![0-9.,:/])(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?(?![0-9])"
# "12-14 September": a multi-day visit is dated by its first day.
DAY_RANGE = r"(?:\s*(?:-|\u2013|to|and)\s*[0-3]?[0-9](?:st|nd|rd|th)?(?![0-9]))?"
YEAR = r"(?P<year>19[0-9]{2}|20[0-9]{2}|2100)(?![0-9A-Za-z])"
_NUMBER_WORDS = "|".join(sorted((n.replace(" ", r"\s+") for n in NUMBERS), key=len, reverse=True))
NUMBER = rf"(?P<num>[0-9]{{1,3}}|(?i:{_NUMBER_WORDS}))"
UNIT = r"(?P<unit>(?i:day|week|month|year))s?"
# Words before a bare month or year that make it a time ("in May", "since 2013").
CUE = (
    r"(?P<cue>(?i:in|since|of|on|by|until|till|from|during|before|after|through|throughout"
    r"|between))"
)
# Vague position inside a period: it changes nothing in the value but marks a time.
MODIFIER = (
    r"(?P<mod>(?i:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of"
    r"|(?:end|beginning|start|middle)\s+of)(?:\s+|-))"
)


def compile_rule(pattern: str) -> re.Pattern[str]:
    """Compile a rule so that it starts at a word's start ("on" is no cue inside "resolution")."""
    return re.compile(r"\b" + pattern)


def month_number(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def is_weak_month(token: str) -> bool:
    """Whether a month name alone is too likely to be a verb, an adjective or a name."""
    name = token.lower()
    return name in _WEAK_MONTHS or (name not in _FULL_MONTHS and not name.endswith("."))


def number_value(token: str) -> int:
    return NUMBERS.get(" ".join(token.lower().split()), 0) or int(token)
