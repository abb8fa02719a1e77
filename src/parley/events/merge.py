"""One happening, one event: folding the mentions of an event within an article.

An article often reports a meeting in its lead, again in a later paragraph and once more in a
quote.  Mentions with the same type and parties fold into one event unless something tells them
apart: a different date, a different place, or different people.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Event

VISIT_DAYS = 7
# Explanation notes (written by the coder) that mark a date taken from context, not the sentence.
INFERRED_DATE_NOTES = ("date from the occasion", "date: reported as current news")
# Each promise or request is its own act: one per distinct future action (guideline).
SEPARATE_ACTS = {"AGREE", "REQUEST"}
# ... except restatements of a general intent by the same side ("keen to strengthen ties").
GENERAL_OBJECTS = re.compile(r"\b(ties|relations|relationship|cooperation|partnership|work together)\b", re.IGNORECASE)
GENERAL_INTENT_RULES = ("agree.keen", "agree.strengthen", "agree.work_together", "agree.pledge", "agree.pledge_noun")


def _compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    short, long = sorted((a.lower(), b.lower()), key=len)
    return long.startswith(short)


def _support_kind(event: Event) -> str:
    return "sign" if ".support.sign" in event.rule else event.rule


def _general_intent(event: Event) -> bool:
    """A general will to cooperate, as opposed to a promise of one concrete future act."""
    if event.planned_for is not None or not any(f".{name}." in event.rule for name in GENERAL_INTENT_RULES):
        return False
    return GENERAL_OBJECTS.search(event.evidence) is not None


def _one_occasion(a: Event, b: Event) -> bool:
    """Two reports of a meeting on the same day, or one dated by its sentence and one only by context."""
    if a.type != "CONSULT" or a.date is None or b.date is None:
        return False
    if a.date == b.date and len(a.date) == 10:
        return True
    return (_hard_date(a) is None) != (_hard_date(b) is None)


def _within_visit(a: Event, b: Event) -> bool:
    """Talks held during a visit belong to the visit, though dated days after the arrival."""
    if "visit" not in {a.mode, b.mode} or not (a.date and b.date and len(a.date) == len(b.date) == 10):
        return False
    from datetime import date

    gap = abs((date.fromisoformat(a.date) - date.fromisoformat(b.date)).days)
    return gap <= VISIT_DAYS


def _hard_date(event: Event) -> str | None:
    """The event's date if its own sentence states it; dates inferred from context are soft."""
    if any(note.startswith(INFERRED_DATE_NOTES) for note in event.explanation):
        return None
    return event.date


def _same_happening(a: Event, b: Event) -> bool:
    if a.type != b.type or set(a.source) | set(a.target) != set(b.source) | set(b.target):
        return False
    if a.type in SEPARATE_ACTS and not (_general_intent(a) and _general_intent(b) and a.source == b.source):
        return False
    if a.type == "SUPPORT" and _support_kind(a) != _support_kind(b):
        return False  # praise, a welcome and a signature are separate acts
    if a.type != "CONSULT" and a.mode and b.mode and a.mode != b.mode:
        return False  # a summons and an allegation, a recall and an expulsion: different acts
    if a.type == "CONSULT" and _within_visit(a, b):
        return True
    if not (_compatible(_hard_date(a), _hard_date(b)) and _compatible(a.planned_for, b.planned_for)):
        return False
    if a.location and b.location and a.location.lower() != b.location.lower():
        return False
    if a.persons and b.persons and not set(a.persons) & set(b.persons) and not _one_occasion(a, b):
        return False
    if a.type == "CONSULT" and a.mode and b.mode and a.mode != b.mode and "visit" in {a.mode, b.mode} and a.location != b.location:
        return False
    return True


def _finer(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a or b
    return a if len(a) >= len(b) else b


def _fold(keep: Event, other: Event) -> Event:
    date = _finer(_hard_date(keep), _hard_date(other)) or _finer(keep.date, other.date)
    if _within_visit(keep, other):
        date = max(keep.date or "", other.date or "")  # the day of the talks, not of arrival
    return replace(
        keep,
        mode=keep.mode or other.mode,
        persons=tuple(dict.fromkeys(keep.persons + other.persons)),
        date=date,
        planned_for=_finer(keep.planned_for, other.planned_for),
        location=keep.location or other.location,
        location_country=keep.location_country or other.location_country,
        topics=tuple(dict.fromkeys(keep.topics + other.topics)),
        confidence=min(1.0, max(keep.confidence, other.confidence) + 0.05),
        explanation=keep.explanation + (f"merged with the mention in sentence {other.sentence_index}",),
    )


def merge_events(events: list[Event]) -> list[Event]:
    """Events with repeated mentions folded into their first mention, in text order."""
    merged: list[Event] = []
    for event in events:
        for i, kept in enumerate(merged):
            if _same_happening(kept, event):
                merged[i] = _fold(kept, event)
                break
        else:
            merged.append(event)
    return merged
