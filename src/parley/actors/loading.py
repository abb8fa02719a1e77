"""Turning the knowledge files into lookup tables, and saying what is wrong with them.

Loading and validating are one pass: each record is checked as it is indexed, and every
problem is kept with its file and line.  ``parley dict validate`` prints the list; the
run-time loader refuses to start on a non-empty one, so a lookup never silently depends on
a record that was skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DictionaryError
from . import datafiles as files
from .aliases import AliasTable, Clash
from .datafiles import Record, read_records
from .offices import ISO_DATE, Office, OfficeTable, earliest, latest
from .roles import RoleEntry, RoleMatcher, role_key
from .textkeys import fold, name_key

NOT_A_PLACE = "-"


@dataclass
class Tables:
    """Everything the knowledge files say, indexed for lookup."""

    codes: frozenset[str]
    countries: AliasTable = field(default_factory=AliasTable)
    demonyms: AliasTable = field(default_factory=AliasTable)
    seats: AliasTable = field(default_factory=AliasTable)
    igos: AliasTable = field(default_factory=AliasTable)
    places: AliasTable = field(default_factory=AliasTable)
    igo_codes: set[str] = field(default_factory=set)
    capitals: dict[str, str] = field(default_factory=dict)
    common_words: set[str] = field(default_factory=set)
    roles: RoleMatcher = field(default_factory=lambda: RoleMatcher(()))
    offices: OfficeTable = field(default_factory=lambda: OfficeTable({}))


class _Checker:
    """Problems of one file, each as ``FILE line N: what is wrong``."""

    def __init__(self, name: str, problems: list[str]) -> None:
        self.name = name
        self.problems = problems

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"{self.name} line {line}: {message}")

    def text(self, record: Record, key: str, *, required: bool = True) -> str | None:
        value = record.data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(record.line, f"missing {key}" if value is None else f"{key} must be a non-empty string")
            return None
        return value

    def texts(self, record: Record, key: str) -> list[str]:
        value = record.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(record.line, f"{key} must be a list of non-empty strings")
            return []
        return value

    def alias(self, table: AliasTable, alias: str, code: str, line: int) -> None:
        for clash in table.add(alias, code, line):
            self.problem(line, _clash_message(alias, clash))

    def records(self, directory: Path) -> list[Record]:
        try:
            found = read_records(directory / self.name)
        except DictionaryError as err:
            self.problems.append(f"{err.where}: {err.message}")
            return []
        good = [r for r in found if isinstance(r.data, dict)]
        for bad in (r for r in found if not isinstance(r.data, dict)):
            self.problem(bad.line, "expected a JSON object")
        return good


def _clash_message(alias: str, clash: Clash) -> str:
    where = f" on line {clash.other_line}" if clash.other_line else ""
    return f"duplicate alias {alias!r}: maps to {clash.code} here and to {clash.other}{where}"


def _iso3_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


def _load_common_words(directory: Path, tables: Tables, problems: list[str]) -> None:
    check = _Checker(files.COMMON_WORDS, problems)
    try:
        found = read_records(directory / files.COMMON_WORDS)
    except DictionaryError as err:
        problems.append(f"{err.where}: {err.message}")
        return
    for record in found:
        if isinstance(record.data, str) and record.data.strip():
            tables.common_words.add(fold(record.data))
        else:
            check.problem(record.line, "expected a word (a JSON string)")


def _load_roles(directory: Path, tables: Tables, problems: list[str]) -> None:
    check = _Checker(files.ROLES, problems)
    entries: list[RoleEntry] = []
    seen: dict[str, tuple[str, int]] = {}
    for record in check.records(directory):
        role = check.text(record, "role")
        rank = record.data.get("rank")
        if not isinstance(rank, int):
            check.problem(record.line, "rank must be an integer")
            continue
        variants, portfolios = check.texts(record, "variants"), check.texts(record, "portfolios")
        if role is None:
            continue
        for variant in (role, *variants, *(f"minister of {p}" for p in portfolios)):
            key = role_key(variant)
            other = seen.setdefault(key, (role, record.line))
            if other[0] != role:
                check.problem(record.line, f"variant {variant!r} also names {other[0]!r} on line {other[1]}")
        entries.append(RoleEntry(role, tuple(variants), rank, tuple(portfolios), bool(record.data.get("head"))))
    tables.roles = RoleMatcher(entries)


def _load_countries(directory: Path, tables: Tables, problems: list[str]) -> None:
    check = _Checker(files.COUNTRIES, problems)
    for record in check.records(directory):
        code = check.text(record, "alpha3")
        name = check.text(record, "name")
        if code is None or name is None:
            continue
        if code not in tables.codes:
            check.problem(record.line, f"unknown ISO 3166-1 alpha-3 code {code!r}")
            continue
        for alias in (name, *check.texts(record, "aliases")):
            check.alias(tables.countries, alias, code, record.line)
        for demonym in check.texts(record, "demonyms"):
            check.alias(tables.demonyms, demonym, code, record.line)
        capital = check.text(record, "capital", required=False)
        if capital:
            check.alias(tables.seats, capital, code, record.line)
            tables.capitals[code] = capital


def _load_igos(directory: Path, tables: Tables, problems: list[str]) -> None:
    check = _Checker(files.IGOS, problems)
    for record in check.records(directory):
        code, name = check.text(record, "code"), check.text(record, "name")
        if code is None or name is None:
            continue
        if code in tables.codes or not code.isupper():
            check.problem(record.line, f"IGO code {code!r} must be upper-case and not an ISO3 code")
            continue
        tables.igo_codes.add(code)
        for alias in (name, *check.texts(record, "aliases")):
            check.alias(tables.igos, alias, code, record.line)


def _load_named(name: str, table: Callable[[Tables], AliasTable], *, nullable: bool) -> Callable[
    [Path, Tables, list[str]], None
]:
    """Loader for seats and places: a name, its aliases and the code they stand for."""

    def load(directory: Path, tables: Tables, problems: list[str]) -> None:
        check = _Checker(name, problems)
        for record in check.records(directory):
            written = check.text(record, "name")
            code = record.data.get("country")
            if code is None and nullable:
                code = NOT_A_PLACE
            elif code not in tables.codes and code not in tables.igo_codes:
                check.problem(record.line, f"unknown country code {code!r}")
                continue
            for alias in ([written] if written else []) + check.texts(record, "aliases"):
                check.alias(table(tables), alias, code, record.line)

    return load


def _valid_date(value: Any) -> bool:
    if not isinstance(value, str) or not ISO_DATE.match(value):
        return False
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
    return True


def _office(check: _Checker, record: Record, tables: Tables) -> Office | None:
    name, role, country = (check.text(record, k) for k in ("name", "role", "country"))
    start, end = record.data.get("start"), record.data.get("end")
    ok = name is not None and role is not None and country is not None
    if role is not None and role not in tables.roles.roles:
        check.problem(record.line, f"unknown role {role!r} (not in roles.json)")
        ok = False
    if country is not None and country not in tables.codes and country not in tables.igo_codes:
        check.problem(record.line, f"unknown country code {country!r}")
        ok = False
    for key, value in (("start", start), ("end", end)):
        if value is not None and not _valid_date(value):
            check.problem(record.line, f"{key} {value!r} is not a date YYYY[-MM[-DD]]")
            ok = False
    if ok and start and end and latest(end) < earliest(start):
        check.problem(record.line, f"end {end} is before start {start}")
        ok = False
    return Office(name, role, country, start, end) if ok else None  # type: ignore[arg-type]


def _load_leaders(directory: Path, tables: Tables, problems: list[str]) -> None:
    check = _Checker(files.LEADERS, problems)
    tables.offices = OfficeTable(tables.roles.ranks, tables.common_words)
    owners: dict[str, tuple[str, int]] = {}
    for record in check.records(directory):
        office = _office(check, record, tables)
        aliases = check.texts(record, "aliases")
        if office is None:
            continue
        for written in (office.name, *aliases):
            key = name_key(written)
            if " " not in key:
                continue
            other = owners.setdefault(key, (office.name, record.line))
            if other[0] != office.name:
                check.problem(record.line, f"name {written!r} also names {other[0]!r} on line {other[1]}")
        tables.offices.add(office, aliases)


_LOADERS = (
    _load_common_words,
    _load_roles,
    _load_countries,
    _load_igos,
    _load_named(files.SEATS, lambda t: t.seats, nullable=False),
    _load_named(files.PLACES, lambda t: t.places, nullable=True),
    _load_leaders,
)


def load_tables(directory: Path | None = None) -> tuple[Tables, list[str]]:
    """The tables built from a data folder, and the problems found on the way."""
    directory = directory or files.DATA_DIR
    tables = Tables(codes=_iso3_codes())
    problems: list[str] = []
    for loader in _LOADERS:
        loader(directory, tables, problems)
    return tables, problems
