"""The dates stage: time expressions in a sentence, resolved with the precision they carry.

``find_dates`` returns :class:`parley.model.DateRef` records; ``cut`` shortens an ISO date to a
coarser precision.  Rules are plain regular expressions over the vocabulary in ``patterns``;
no dateparser guesswork decides past against future or invents a day.
"""

from __future__ import annotations

from .find import DateScan, find_dates, scan_dates
from .resolve import cut

__all__ = ["DateScan", "cut", "find_dates", "scan_dates"]
