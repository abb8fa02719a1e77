"""Analysis commands: dossier, index, topics, network, movers, profile, initiatives.

Plain click commands, registered on the ``parley`` group by ``cli/main.py``.  Each opens the
store, calls one library function and prints a table (or ``--json``); errors become one line
on stderr and exit status 1, as in the other commands.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..errors import ConfigError
from .errors import fail_cleanly

_DB_HELP = "Store: a SQLite file path or a postgresql:// URL."
_JSON_HELP = "Print JSON instead of a table."


def _show(result: Any, render: Any, as_json: bool) -> None:
    """A result as JSON (its ``to_dict``) or as the text its renderer makes."""
    if as_json:
        _print_json(result.to_dict())
    else:
        click.echo(render(result))


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.command()
@click.option("--db", required=True, help=_DB_HELP)
@click.argument("a")
@click.argument("b")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="dossier.html or dossier.md")
@click.option("--today", help="Day (YYYY-MM-DD) that proposals must lie ahead of; default: today.")
@fail_cleanly
def report(db: str, a: str, b: str, out: str, today: str | None) -> None:
    """Write a self-contained dossier on countries A and B (HTML or Markdown, by --out's suffix)."""
    from ..report import build_dossier, render_html, render_markdown
    from ..store import open_store

    suffix = Path(out).suffix.lower()
    if suffix not in (".html", ".htm", ".md", ".markdown"):
        raise ConfigError(f"cannot tell the format from {out!r}: use .html or .md", where="--out")
    with open_store(db) as store:
        dossier = build_dossier(store, a.upper(), b.upper(), today=today)
    text = render_html(dossier) if suffix in (".html", ".htm") else render_markdown(dossier)
    Path(out).write_text(text, encoding="utf-8")
    click.echo(f"{out}: {len(dossier.events)} events, {len(dossier.sources)} sources", err=True)


@click.command()
@click.option("--db", required=True, help=_DB_HELP)
@click.argument("a")
@click.argument("b")
@click.option("--json", "as_json", is_flag=True, help=_JSON_HELP)
@fail_cleanly
def index(db: str, a: str, b: str, as_json: bool) -> None:
    """The monthly cooperation–conflict index of countries A and B."""
    from ..query import monthly_index
    from ..query.render_analytics import render_index
    from ..store import open_store

    with open_store(db) as store:
        result = monthly_index(store, a.upper(), b.upper())
    _show(result, render_index, as_json)


@click.command()
@click.option("--db", required=True, help=_DB_HELP)
@click.argument("a")
@click.argument("b")
@click.option("--json", "as_json", is_flag=True, help=_JSON_HELP)
@fail_cleanly
def topics(db: str, a: str, b: str, as_json: bool) -> None:
    """What countries A and B dealt with: events per topic."""
    from ..query import dyad_topics
    from ..query.render_analytics import render_topics
    from ..store import open_store

    with open_store(db) as store:
        result = dyad_topics(store, a.upper(), b.upper())
    _show(result, render_topics, as_json)


@click.command()
@click.option("--db", required=True, help=_DB_HELP)
@click.option("--since", help="Only meetings on or after this date (YYYY[-MM[-DD]]).")
@click.option("--until", help="Only meetings on or before this date.")
@click.option("--json", "as_json", is_flag=True, help=_JSON_HELP)
@fail_cleanly
def network(db: str, since: str | None, until: str | None, as_json: bool) -> None:
    """Who met whom: CONSULT events as pairs with their number of meetings."""
    from ..query import meeting_network, parse_period
    from ..query.render_analytics import render_network
    from ..store import open_store

    for value, option in ((since, "--since"), (until, "--until")):
        if value is not None:
            parse_period(value, option=option)
    with open_store(db) as store:
        result = meeting_network(store, since=since, until=until)
    _show(result, render_network, as_json)


@click.command()
@click.option("--db", required=True, help=_DB_HELP)
@click.option("--from", "before", required=True, help="First period: YYYY[-MM] or A..B.")
@click.option("--to", "after", required=True, help="Second period, same forms.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help=_JSON_HELP)
@fail_cleanly
def movers(db: str, before: str, after: str, limit: int, as_json: bool) -> None:
    """Dyads whose index changed most between two periods."""
    from ..query import parse_period, top_movers
    from ..query.render_analytics import render_movers
    from ..store import open_store

    first, second = parse_period(before, option="--from"), parse_period(after, option="--to")
    with open_store(db) as store:
        result = top_movers(store, first, second, limit=limit)
    if as_json:
        _print_json({"from": first.to_dict(), "to": second.to_dict(), "movers": [m.to_dict() for m in result]})
    else:
        click.echo(render_movers(result, first.label, second.label))


@click.command()
@click.option("--db", required=True, help=_DB_HELP)
@click.argument("actor")
@click.option("--json", "as_json", is_flag=True, help=_JSON_HELP)
@fail_cleanly
def profile(db: str, actor: str, as_json: bool) -> None:
    """The profile of a country (code or name) or a person: offices, counterparts, event types."""
    from ..query import actor_profile
    from ..query.render_analytics import render_profile
    from ..store import open_store

    with open_store(db) as store:
        result = actor_profile(store, actor)
    _show(result, render_profile, as_json)


@click.command()
@click.option("--db", required=True, help=_DB_HELP)
@click.option("--between", nargs=2, metavar="A B", help="Only initiatives joining or discussed by A and B.")
@click.option("--json", "as_json", is_flag=True, help=_JSON_HELP)
@fail_cleanly
def initiatives(db: str, between: tuple[str, str] | None, as_json: bool) -> None:
    """Cooperation projects (corridors, pipelines, flights…) with their route and history."""
    from ..query import initiatives_between, list_initiatives
    from ..query.render_analytics import render_initiatives
    from ..store import open_store

    with open_store(db) as store:
        if between:
            result = initiatives_between(store, between[0].upper(), between[1].upper())
        else:
            result = list_initiatives(store)
    if as_json:
        _print_json([i.to_dict() for i in result])
    else:
        click.echo(render_initiatives(result))


COMMANDS = (report, index, topics, network, movers, profile, initiatives)
