"""Lookup keys for names as news writes them.

The same actor turns up as "Türkiye" and "Turkiye", "Erdoğan" and "Erdogan", "the U.S." and
"US"; every table in ``parley.actors`` compares keys made here, so that spelling, accents,
a leading article or a possessive never decide whether a name is known.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode decomposition leaves alone but English-language news spells plainly.
_PLAIN = str.maketrans(
    {
        "đ": "d", "Đ": "D", "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O",
        "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th",
        "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'",
        "–": "-", "—": "-", "‐": "-", "‑": "-",
    }
)  # fmt: skip

_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|s')$")
# Every actor lookup goes through these keys, and news repeats its names: memoising them
# removes most of the cost of resolving actors.  Names are short, so the memory is bounded.
_memo = lru_cache(maxsize=1 << 16)


@_memo
def plain(text: str) -> str:
    """Accents and typographic marks removed, case kept: "Élysée" → "Elysee"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()


@_memo
def trim(text: str) -> str:
    """The name itself, without a leading "the" or a trailing possessive ("the Kremlin's")."""
    text = _SPACES.sub(" ", plain(text)).strip(" ,;:")
    text = _LEADING_THE.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


@_memo
def fold(text: str) -> str:
    """The case-free key of a multi-letter name: hyphens as spaces, dots and commas dropped."""
    text = trim(text).casefold().replace("-", " ").replace(".", "").replace(",", "")
    return _SPACES.sub(" ", text).strip()


@_memo
def compact(text: str) -> str:
    """A short form as written, dots and spaces removed: "U.S." → "US", "G-20" → "G20"."""
    return re.sub(r"[\s.\-]", "", trim(text))


@_memo
def name_key(text: str) -> str:
    """The key of a person's name: "Anwaar-ul-Haq Kakar" and "Anwaar ul Haq Kakar" agree."""
    text = plain(text).casefold().replace("'", "")
    text = re.sub(r"[-.,]", " ", text)
    return _SPACES.sub(" ", text).strip()


def is_acronym(text: str) -> bool:
    """Whether a written form is an all-capitals code such as "US", "DPRK" or "G20"."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(text) <= 8
