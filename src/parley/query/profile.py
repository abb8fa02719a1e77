"""An actor's profile: a country's or a person's events, counterparts and offices.

Offices come from the dated offices table of the actor knowledge (the office a person held
on each event's date), because the store's protocol offers no reader for the entities it
keeps; a person the table does not know is shown without an office rather than with a guess.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from ..actors.knowledge import Knowledge, load_knowledge
from ..model import StoredEvent
from ..store import Store
from .coding import event_score, unique_events
from .timeline import place

Kind = Literal["country", "person"]


@dataclass(frozen=True, slots=True)
class Counterpart:
    code: str
    events: int
    meetings: int
    index: float


@dataclass(frozen=True, slots=True)
class OfficeSeen:
    """A person in an office, as seen on the dates of the events they acted in."""

    name: str
    role: str | None
    country: str | None
    events: int
    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True)
class ActorProfile:
    actor: str
    kind: Kind
    name: str
    events: int
    first: str | None
    last: str | None
    by_type: tuple[tuple[str, int], ...]
    counterparts: tuple[Counterpart, ...]
    offices: tuple[OfficeSeen, ...]
    met: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["by_type"] = dict(self.by_type)
        data["met"] = dict(self.met)
        return data


def _canonical(knowledge: Knowledge, name: str, on: str | None) -> tuple[str, str | None, str | None]:
    """(name, role, country) of a person on a date, by the offices table where it knows them."""
    office = knowledge.person(name, on)
    if office is None:
        return name, None, None
    return office.name, office.role, office.country


def _person_matcher(knowledge: Knowledge, actor: str) -> Callable[[str, str | None], bool]:
    """A test "is this written name, on this date, the person asked about?".

    The full name as written, the offices table's canonical name (so "Putin" finds
    "Vladimir Putin"), or a one-word query equal to the written name's last word.
    """
    wanted = actor.casefold()
    canonical = _canonical(knowledge, actor, None)[0].casefold()

    def matches(written: str, when: str | None) -> bool:
        name = written.casefold()
        if name in (wanted, canonical) or _canonical(knowledge, written, when)[0].casefold() == canonical:
            return True
        return " " not in wanted and name.split()[-1:] == [wanted]

    return matches


def offices_seen(
    knowledge: Knowledge, items: list[StoredEvent], keep: Callable[[str, str | None, str | None], bool]
) -> tuple[OfficeSeen, ...]:
    """Distinct (person, role, country) among the events' persons; ``keep(written, when, country)``."""
    seen: dict[tuple[str, str | None, str | None], list[str | None]] = defaultdict(list)
    for item in items:
        when = place(item).when
        for written in item.event.persons:
            name, role, country = _canonical(knowledge, written, when)
            if keep(written, when, country):
                seen[(name, role, country)].append(when)
    rows = []
    for (name, role, country), dates in seen.items():
        known = sorted(d for d in dates if d)
        first, last = (known[0], known[-1]) if known else (None, None)
        rows.append(OfficeSeen(name, role, country, len(dates), first, last))
    return tuple(sorted(rows, key=lambda o: (-o.events, o.name, o.first or "")))


def _met(items: list[StoredEvent], is_own: Callable[[str, str | None], bool]) -> tuple[tuple[str, int], ...]:
    """People who took part in the actor's meetings without being the actor's own."""
    met: Counter[str] = Counter()
    for item in items:
        if item.event.type != "CONSULT":
            continue
        when = place(item).when
        met.update(p for p in item.event.persons if not is_own(p, when))
    return tuple(sorted(met.items(), key=lambda kv: (-kv[1], kv[0])))


def _counterparts(items: list[StoredEvent], own: set[str]) -> tuple[Counterpart, ...]:
    events: Counter[str] = Counter()
    meetings: Counter[str] = Counter()
    index: defaultdict[str, float] = defaultdict(float)
    for item in items:
        for code in (set(item.event.source) | set(item.event.target)) - own:
            events[code] += 1
            index[code] += event_score(item.event)
            if item.event.type == "CONSULT":
                meetings[code] += 1
    rows = [Counterpart(c, events[c], meetings[c], round(index[c], 2)) for c in events]
    return tuple(sorted(rows, key=lambda r: (-r.meetings, -r.events, r.code)))


def _resolve_country(knowledge: Knowledge, actor: str) -> str | None:
    code = actor.upper()
    if code in knowledge.codes or code in knowledge.igo_codes:
        return code
    return knowledge.country(actor) or knowledge.igo(actor)


def actor_profile(store: Store, actor: str) -> ActorProfile:
    """The profile of a country or IGO (code or name) or, failing that, of a person by name."""
    knowledge = load_knowledge()
    items = unique_events(store.events())
    code = _resolve_country(knowledge, actor)
    if code is not None:
        mine = [i for i in items if code in i.event.source or code in i.event.target]

        def is_own(written: str, when: str | None) -> bool:
            return _canonical(knowledge, written, when)[2] == code

        offices = offices_seen(knowledge, mine, lambda w, when, _c: is_own(w, when))
        return _profile(code, "country", actor, mine, {code}, offices, _met(mine, is_own))
    matches = _person_matcher(knowledge, actor)
    mine = [i for i in items if any(matches(p, place(i).when) for p in i.event.persons)]
    offices = offices_seen(knowledge, mine, lambda w, when, _c: matches(w, when))
    own = {o.country for o in offices if o.country}
    name = offices[0].name if offices else actor
    return _profile(actor, "person", name, mine, own, offices, _met(mine, matches))


def _profile(
    actor: str,
    kind: Kind,
    name: str,
    items: list[StoredEvent],
    own: set[str],
    offices: tuple[OfficeSeen, ...],
    met: tuple[tuple[str, int], ...],
) -> ActorProfile:
    dates = sorted(w for w in (place(i).when for i in items) if w)
    types = Counter(i.event.type for i in items)
    return ActorProfile(
        actor=actor,
        kind=kind,
        name=name,
        events=len(items),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        by_type=tuple(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
        counterparts=_counterparts(items, own),
        offices=offices,
        met=met,
    )
