"""Named registries for the parts users extend: readers, exporters, rules.

Built-ins register themselves with the same decorator users call, and third-party packages
can add entries through the ``parley.<registry>`` entry-point group, as spaCy does with
``catalogue``.  Names carry a version (``parley.reader.jsonl.v1``) so that stored output can
say which implementation produced it.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Generic, TypeVar

from .errors import ConfigError

T = TypeVar("T")


class Registry(Generic[T]):
    """A mapping from names to callables, filled by decorators and entry points."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, T] = {}
        self._loaded_entry_points = False

    def register(self, name: str) -> Callable[[T], T]:
        def decorate(item: T) -> T:
            self._items[name] = item
            return item

        return decorate

    def get(self, name: str) -> T:
        self._load_entry_points()
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise ConfigError(f"no {self.name} named {name!r} (known: {known})") from None

    def names(self) -> list[str]:
        self._load_entry_points()
        return sorted(self._items)

    def _load_entry_points(self) -> None:
        if self._loaded_entry_points:
            return
        self._loaded_entry_points = True
        for ep in entry_points(group=f"parley.{self.name}"):
            self._items.setdefault(ep.name, ep.load())


readers: Registry[Callable] = Registry("readers")
exporters: Registry[Callable] = Registry("exporters")
