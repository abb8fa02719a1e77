"""Sectors an event is about, from the words of its sentence and the topic table."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def topic_table() -> tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]:
    data = json.loads((files("parley") / "data" / "topics.json").read_text(encoding="utf-8"))
    return tuple(
        (topic, tuple(tuple(w.split()) for w in words)) for topic, words in data["topics"].items()
    )


def find_topics(words: Sequence[str], lemmas: Sequence[str]) -> tuple[str, ...]:
    """Topics whose words occur among a sentence's ``words`` or ``lemmas`` (lower case), in the table's order."""
    single = set(words) | set(lemmas)
    # Phrases are matched on whole words: the joined text is padded so no word matches inside another.
    joined = (f" {' '.join(words)} ", f" {' '.join(lemmas)} ")
    found = []
    for topic, entries in topic_table():
        for entry in entries:
            if _contains(entry, single, joined):
                found.append(topic)
                break
    return tuple(found)


def _contains(entry: tuple[str, ...], single: set[str], joined: tuple[str, str]) -> bool:
    if len(entry) == 1:
        return entry[0] in single
    phrase = f" {' '.join(entry)} "
    return phrase in joined[0] or phrase in joined[1]
