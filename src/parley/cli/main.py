"""The ``parley`` command: thin wrappers that parse options, call the library and render.

Data goes to stdout, progress and summaries to stderr, so output can be piped.  Exit status:
0 all good, 3 some input was rejected, 1 a failure (with the error's code and message).
"""

from __future__ import annotations

import json
import sys

import click

from .. import __version__
from .errors import EXIT_REJECTED, fail_cleanly
from .scale_cmd import scale_options, scaled_ingest


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="parley")
def main() -> None:
    """parley: who met whom, when and where, and what they agreed — from news text."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text"]), default="jsonl", show_default=True)
@click.option("--explain", is_flag=True, help="Show, per event, the rule that fired and how fields were resolved.")
@fail_cleanly
def extract(paths: tuple[str, ...], fmt: str, explain: bool) -> None:
    """Extract events from PATHS (files, folders, or - for stdin) without storing them.

    Prints one JSON line per article in the annotation guideline's gold format.
    """
    from ..ingest import read_paths
    from ..model import Rejection
    from ..pipeline import extract as run_extract

    rejected: list[Rejection] = []

    def articles():
        for item in read_paths(paths):
            if isinstance(item, Rejection):
                rejected.append(item)
                click.echo(f"rejected: {item}", err=True)
            else:
                yield item

    for extraction in run_extract(articles()):
        if fmt == "jsonl" and not explain:
            click.echo(json.dumps(extraction.to_gold_dict(), ensure_ascii=False))
            continue
        click.echo(_render_extraction(extraction, explain))
    if rejected:
        sys.exit(EXIT_REJECTED)


def _render_extraction(extraction, explain: bool) -> str:
    lines = [f"== {extraction.article.external_id} (published {extraction.article.published or 'unknown'})"]
    for event in extraction.events:
        parties = f"{','.join(event.source)} -> {','.join(event.target)}"
        lines.append(f"{event.type}{'/' + event.mode if event.mode else ''}  {parties}  date={event.date} "
                     f"planned_for={event.planned_for} location={event.location} confidence={event.confidence:.2f}")
        lines.append(f"    persons: {', '.join(event.persons) or '-'}; topics: {', '.join(event.topics) or '-'}")
        lines.append(f"    evidence [{event.sentence_index}:{event.start}-{event.end}]: {event.evidence}")
        if explain:
            lines.extend(f"    why: {line}" for line in event.explanation)
    return "\n".join(lines)


@main.command()
@click.option("--db", required=True, help="Store: a SQLite file path (created if absent) or a postgresql:// URL.")
@click.argument("paths", nargs=-1, required=True)
@scale_options
@fail_cleanly
def ingest(db: str, paths: tuple[str, ...], workers: int | None, engine: str, scheduler: str | None, shard_dir: str | None) -> None:
    """Extract events from PATHS and keep them, with their sources, in the store DB.

    PATHS are files, folders, URLs or - for stdin.  --workers and --engine dask spread the
    extraction over processes or a Dask cluster; the store ends up the same.
    """
    summary = scaled_ingest(db, paths, workers=workers, engine=engine, scheduler=scheduler, shard_dir=shard_dir)
    for rejection in summary.rejections:
        click.echo(f"rejected: {rejection}", err=True)
    click.echo(
        f"{summary.read} articles read: {summary.added} new, {summary.duplicates} already stored; "
        f"{summary.events} events added; {len(summary.rejections)} inputs rejected.",
        err=True,
    )
    if summary.rejections:
        sys.exit(EXIT_REJECTED)


@main.command()
@click.option("--db", required=True)
@click.option("--between", nargs=2, metavar="A B", help="Only events whose parties include both A and B.")
@click.option("--type", "type_", help="Only events of this PLOVER type (e.g. CONSULT).")
@click.option("--since", help="Only events on or after this date (YYYY[-MM[-DD]]).")
@click.option("--until", help="Only events on or before this date.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@fail_cleanly
def events(db: str, between: tuple[str, str] | None, type_: str | None, since: str | None, until: str | None, fmt: str) -> None:
    """List stored events, filtered by dyad, type and period."""
    from ..query import event_record, list_events, render_events_table
    from ..store import open_store

    with open_store(db) as store:
        found = list_events(store, between=tuple(between) if between else None, type=type_.upper() if type_ else None, since=since, until=until)
    if fmt == "jsonl":
        for item in found:
            click.echo(json.dumps(event_record(item), ensure_ascii=False))
    else:
        click.echo(render_events_table(found))


@main.command()
@click.option("--db", required=True)
@click.argument("a")
@click.argument("b")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Events per page.")
@click.option("--after", "cursor", help="Start after this cursor (printed under the previous page).")
@click.option("--all", "everything", is_flag=True, help="Every event at once, not one page.")
@fail_cleanly
def timeline(db: str, a: str, b: str, limit: int, cursor: str | None, everything: bool) -> None:
    """The events between countries A and B in date order, each with its evidence, a page at a time."""
    from ..query import render_timeline, timeline as dyad_timeline, timeline_page
    from ..store import open_store

    if everything and cursor:
        raise click.UsageError("--all shows every event; it cannot start --after a cursor")
    with open_store(db) as store:
        if everything:
            click.echo(render_timeline(dyad_timeline(store, a.upper(), b.upper())))
            return
        page = timeline_page(store, a.upper(), b.upper(), limit=limit, cursor=cursor)
    click.echo(render_timeline(list(page.entries)))
    if page.next_cursor:
        click.echo(f"more: add --after {page.next_cursor} (or --all for every event)", err=True)


@main.command()
@click.option("--db", required=True)
@click.option("--format", "fmt", default="jsonl", show_default=True,
              help="An exporter: jsonl, csv, plover, gdelt, parquet (or one a plugin registers).")
@click.option("--out", type=click.Path(dir_okay=False), help="Write to this file (needed for binary formats such as parquet).")
@fail_cleanly
def export(db: str, fmt: str, out: str | None) -> None:
    """Write every stored event in the chosen format, to stdout or --out."""
    from ..query import write_export
    from ..registry import exporters
    from ..store import open_store

    with open_store(db) as store:
        if out:
            count = write_export(store, fmt, out)
            click.echo(f"{count} events written to {out}", err=True)
            return
        for line in exporters.get(fmt)(store):
            click.echo(line)


@main.command(name="eval")
@click.option("--gold", "gold_dir", required=True, help="Folder with articles.jsonl and gold.jsonl.")
@click.option("--pred", "pred", help="Score this prediction file instead of running parley.")
@click.option("--details", is_flag=True, help="List missed and spurious events with their sentences.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@fail_cleanly
def evaluate(gold_dir: str, pred: str | None, details: bool, as_json: bool) -> None:
    """Score parley against a gold folder with the guideline's scoring rules."""
    from ..evaluation import render_report, report_to_dict
    from ..pipeline import evaluate as run_eval

    report = run_eval(gold_dir, pred)
    if as_json:
        click.echo(json.dumps(report_to_dict(report), indent=2))
    else:
        click.echo(render_report(report, details=details))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def info(as_json: bool) -> None:
    """Versions: parley, the spaCy pipeline, the store schema."""
    from ..nlp import pipeline_info
    from ..store import SCHEMA_VERSION

    pipe = pipeline_info()
    data = {
        "parley": __version__,
        "pipeline": pipe["name"],
        "pipeline_version": pipe["version"],
        "spacy": pipe["spacy"],
        "schema_version": SCHEMA_VERSION,
    }
    if as_json:
        click.echo(json.dumps(data, indent=2))
    else:
        click.echo("\n".join(f"{key}: {value}" for key, value in data.items()))


@main.command()
@click.option("--db", required=True)
@fail_cleanly
def reresolve(db: str) -> None:
    """Re-code every stored article with the offices articles have stated (e.g. "Deputy PM X")."""
    from ..learning import reresolve as run_reresolve
    from ..store import open_store

    with open_store(db) as store:
        summary = run_reresolve(store)
    for office in summary.learned:
        click.echo(f"learned: {office.name}, {office.role} ({office.country}) since {office.start or 'unknown'}", err=True)
    click.echo(
        f"{summary.articles} articles re-resolved with {len(summary.learned)} learned offices; "
        f"events {summary.events_before} -> {summary.events_after}.",
        err=True,
    )


@main.group(name="dict")
def dictionary() -> None:
    """The knowledge files: actor dictionaries, taxonomy, event patterns."""


@dictionary.command()
@click.option("--data-dir", type=click.Path(file_okay=False, exists=True), help="Check this folder instead of the shipped data.")
def validate(data_dir: str | None) -> None:
    """Check every knowledge file; print each problem with its file and line."""
    from pathlib import Path

    from ..dictionary import validate_all

    problems = validate_all(Path(data_dir) if data_dir else None)
    for problem in problems:
        click.echo(problem)
    click.echo(f"{len(problems)} problems found." if problems else "All knowledge files are valid.", err=True)
    sys.exit(1 if problems else 0)


def _register_commands() -> None:
    """Commands that live in their own modules, one module per area."""
    from . import analysis
    from .kb import correct, fuse_eval
    from .serve import serve
    from .watch import watch

    for command in (*analysis.COMMANDS, watch, correct, fuse_eval, serve):
        main.add_command(command)


_register_commands()
