"""A GDELT-style events table (tab-separated, GDELT 2.0 event columns) for GDELT users.

GDELT rows are dyadic, so an event with several sources or targets becomes one row per
source–target pair, each with its own ``GLOBALEVENTID`` (a number derived from the event id
and the pair, stable across runs).  Deviations from GDELT, because parley does not invent
what it does not know:

* ``SQLDATE`` keeps the date's precision: a month-precise event is ``YYYYMM00``, a year
  ``YYYY0000``; ``FractionDate`` is filled for day-precise dates only.  The date is the
  event's own, else its earliest report's.
* Country codes are ISO 3166-1 alpha-3 everywhere, also in the ``*Geo_CountryCode`` columns
  where GDELT uses FIPS 10-4.
* ``NumSources`` and ``NumArticles`` both count distinct articles; ``AvgTone``, actor
  ethnic/religion/type codes, coordinates and ``DATEADDED`` are left empty.
* The first line is a header with the column names (GDELT's files have none).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date

import pycountry

from ..model import Event, StoredEvent
from ..registry import exporters
from ..store import Store
from ..taxonomy import cameo_quad, cameo_root, goldstein
from .coding import event_cameo
from .listing import list_events
from .timeline import place

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR)
    + tuple(f"Actor2{c}" for c in _ACTOR)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{c}" for c in _GEO)
    + tuple(f"Actor2Geo_{c}" for c in _GEO)
    + tuple(f"ActionGeo_{c}" for c in _GEO)
    + ("DATEADDED", "SOURCEURL")
)
GEO_COUNTRY, GEO_WORLD_CITY = 1, 4


def global_event_id(event_id: str, source: str, target: str) -> int:
    """A positive 48-bit number for one row, the same on every run."""
    digest = hashlib.sha256(f"{event_id}|{source}|{target}".encode()).hexdigest()
    return int(digest[:12], 16)


def _country_name(code: str) -> str:
    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    return found.name if found is not None else code


def _actor(code: str) -> dict[str, str]:
    is_country = len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None
    return {
        "Code": code,
        "Name": _country_name(code).upper(),
        "CountryCode": code if is_country else "",
        "KnownGroupCode": "" if is_country else code,
    }


def _dates(when: str | None) -> dict[str, str]:
    if when is None:
        return {}
    digits = when.replace("-", "")
    row = {"SQLDATE": digits.ljust(8, "0"), "MonthYear": digits[:6].ljust(6, "0"), "Year": when[:4]}
    if len(when) == 10:
        day = date.fromisoformat(when)
        row["FractionDate"] = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"
    return row


def _action_geo(event: Event) -> dict[str, str]:
    if event.location:
        country = _country_name(event.location_country) if event.location_country else ""
        name = f"{event.location}, {country}" if country else event.location
        return {"Type": str(GEO_WORLD_CITY), "FullName": name, "CountryCode": event.location_country or ""}
    if event.location_country:
        name = _country_name(event.location_country)
        return {"Type": str(GEO_COUNTRY), "FullName": name, "CountryCode": event.location_country}
    return {}


def _clean(value: str) -> str:
    """A cell without the tabs and newlines that would break the table."""
    return " ".join(value.split())


def gdelt_rows(item: StoredEvent) -> list[dict[str, str]]:
    """The event's rows, one per source–target pair, as column → cell text."""
    event = item.event
    code = event_cameo(event)
    weight = goldstein(code)
    articles = len({m.article_id for m in item.mentions})
    shared = {
        **_dates(place(item).when),
        "IsRootEvent": "1",
        "EventCode": code,
        "EventBaseCode": code[:3],
        "EventRootCode": cameo_root(code),
        "QuadClass": str(cameo_quad(code) or ""),
        "GoldsteinScale": "" if weight is None else f"{weight:.1f}",
        "NumMentions": str(len(item.mentions)),
        "NumSources": str(articles),
        "NumArticles": str(articles),
        **{f"ActionGeo_{k}": v for k, v in _action_geo(event).items()},
        "SOURCEURL": item.mentions[0].external_id if item.mentions else "",
    }
    rows = []
    for source in event.source:
        for target in event.target:
            row = dict(shared, GLOBALEVENTID=str(global_event_id(event.id, source, target)))
            row.update({f"Actor1{k}": v for k, v in _actor(source).items()})
            row.update({f"Actor2{k}": v for k, v in _actor(target).items()})
            rows.append(row)
    return rows


@exporters.register("gdelt")
def export_gdelt(store: Store) -> Iterator[str]:
    """A header line, then one tab-separated GDELT 2.0 event row per source–target pair."""
    yield "\t".join(COLUMNS)
    for item in list_events(store):
        for row in gdelt_rows(item):
            yield "\t".join(_clean(row.get(column, "")) for column in COLUMNS)
