"""Marking evidence inside an article: the text cut into plain and highlighted pieces.

Pieces stay plain text; the template escapes each and wraps the marked ones in ``<mark>``,
so no article text is ever treated as markup.  A stored span is trusted only when it really
covers the evidence sentence (texts stored by an older parley may have shifted); otherwise
the sentence is looked up in the text, and if it is not there nothing is marked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Mention

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    marked: bool


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def evidence_span(text: str, mention: Mention) -> Span | None:
    """Where the mention's evidence sentence lies in ``text``, or None if it is not there."""
    evidence = mention.evidence.strip()
    if not evidence:
        return None
    start, end = mention.start, mention.end
    if 0 <= start < end <= len(text) and _squeezed(text[start:end]) == _squeezed(evidence):
        return (start, end)
    found = text.find(evidence)
    if found >= 0:
        return (found, found + len(evidence))
    return None


def merged(spans: Iterable[Span]) -> list[Span]:
    """Spans sorted, with overlapping or touching ones joined."""
    result: list[Span] = []
    for start, end in sorted(spans):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def highlight(text: str, spans: Iterable[Span]) -> tuple[Piece, ...]:
    """``text`` as pieces, the parts inside ``spans`` marked; together they are the whole text."""
    pieces: list[Piece] = []
    at = 0
    for start, end in merged(s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        if start > at:
            pieces.append(Piece(text[at:start], False))
        pieces.append(Piece(text[start:end], True))
        at = end
    if at < len(text):
        pieces.append(Piece(text[at:], False))
    return tuple(pieces)
