"""Refusing XML that declares entities, before any parser sees it.

A few hundred bytes of nested entity declarations expand to gigabytes ("billion laughs"), and
an external entity can read local files.  News feeds never need their own entities, so any
``<!ENTITY`` declaration, or a DOCTYPE with an internal subset where such declarations live,
refuses the whole document.  The check runs on the raw bytes with NULs removed (so UTF-16 and
UTF-32 markup is seen too) and on the text in the encoding the document declares (so
UTF-7 tricks are seen too).
"""

from __future__ import annotations

import codecs
import re

from ..errors import IngestError

_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)
_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")


def check_xml_safety(data: bytes, *, where: str) -> None:
    """Raise IngestError naming ``where`` when ``data`` declares entities or a DTD subset."""
    for text in _readings(data):
        if _ENTITY.search(text):
            raise IngestError(
                "refused: the document declares XML entities (<!ENTITY>), which can expand "
                "without bound or read local files",
                where=where,
            )
        if _INTERNAL_SUBSET.search(text):
            raise IngestError(
                "refused: the document carries its own DTD (<!DOCTYPE … [ … ]>), where entity "
                "declarations live",
                where=where,
            )


def _readings(data: bytes) -> list[str]:
    """The ways a parser might read ``data``: byte-wise, and in the declared encoding."""
    readings = [data.replace(b"\x00", b"").decode("latin-1")]
    match = _DECLARED.match(readings[0].encode("latin-1"))
    if match:
        name = match.group(1).decode("ascii")
        try:
            codecs.lookup(name)
            readings.append(data.decode(name, "replace"))
        except (LookupError, ValueError, UnicodeError):
            pass
    return readings
