"""One error tree for the whole project.

Every error carries a stable code (``P1xx`` ingest, ``P2xx`` dictionaries, ``P3xx`` store,
``P4xx`` evaluation, ``P5xx`` configuration) so that users and scripts can tell failures apart
without parsing messages, and a message that says where the problem is and what to do.
"""

from __future__ import annotations


class ParleyError(Exception):
    """Base of all errors parley raises on purpose."""

    code = "P000"

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return f"[{self.code}] {place}{self.message}"


class IngestError(ParleyError):
    """An input could not be read as an article (bad file, bad line, bad field)."""

    code = "P100"


class DictionaryError(ParleyError):
    """A knowledge file under ``parley/data`` (or a user's) is malformed."""

    code = "P200"


class StoreError(ParleyError):
    """The store could not be opened, migrated, read or written."""

    code = "P300"


class EvalError(ParleyError):
    """Gold or prediction files for ``parley eval`` are missing or malformed."""

    code = "P400"


class ConfigError(ParleyError):
    """A setting or an option has a value parley cannot use."""

    code = "P500"
