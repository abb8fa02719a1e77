"""Templates for the pages: Jinja2 with autoescaping always on.

Article text, names and every other value reach the page only through ``{{ … }}``, which
escapes; the one piece of markup passed in whole is the index chart, which ``render_chart``
builds from numbers and escaped labels.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..api.errors import ErrorBody
from ..query.analytics import DyadIndex
from ..report import render_chart


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("parley.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render_page(name: str, **context: Any) -> str:
    """The page ``name`` with ``context``; every page gets ``writable``, ``q`` and ``json_url``."""
    context.setdefault("writable", False)
    context.setdefault("q", "")
    context.setdefault("json_url", None)
    return environment().get_template(name).render(**context)


def chart_markup(index: DyadIndex) -> Markup:
    """The index chart as markup (its labels are escaped where it is drawn)."""
    return Markup(render_chart(index))


def error_page(error: ErrorBody, *, writable: bool = False) -> str:
    return render_page("error.html", error=error, writable=writable)
