"""Knowledge-base commands: analysts' corrections and the fusion score.

Thin like the rest of the CLI: parse options, call one library function, render.  Register
with ``main.add_command(correct)`` and ``main.add_command(fuse_eval)``; until then they run
as ``python -m parley.cli.kb correct ...`` / ``python -m parley.cli.kb fuse-eval ...``.
"""

from __future__ import annotations

import json

import click

from .errors import fail_cleanly


def _pairs(values: tuple[str, ...]) -> dict[str, str]:
    changes: dict[str, str] = {}
    for value in values:
        field, sep, text = value.partition("=")
        if not sep or not field.strip():
            raise click.BadParameter(f"expected FIELD=VALUE, got {value!r}", param_hint="--set")
        changes[field.strip()] = text
    return changes


@click.command()
@click.argument("event_id")
@click.option("--db", required=True, help="Store: a SQLite path or a postgresql:// URL.")
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Fix a field (date, type, mode, source, target, persons, location, ...); "
    "lists are comma-separated; an empty VALUE clears it. Repeatable.",
)
@click.option(
    "--reject", is_flag=True, help="Mark the event wrong: it is hidden from every output."
)
@fail_cleanly
def correct(event_id: str, db: str, sets: tuple[str, ...], reject: bool) -> None:
    """Correct stored event EVENT_ID; prints the event as corrected (JSON).

    Corrections are kept apart from extracted data, so they survive re-ingest and
    re-extraction, and every output shows them.
    """
    from ..query import event_record
    from ..store import open_store

    changes = _pairs(sets)
    with open_store(db) as store:
        fixed = store.correct(event_id, set=changes or None, reject=reject)
    record = event_record(fixed)
    record["corrections"] = list(fixed.event.explanation[-(len(changes) + int(reject)) :])
    click.echo(json.dumps(record, ensure_ascii=False))


@click.command(name="fuse-eval")
@click.argument("gold", required=False)
@click.option("--corpus", help="A guideline corpus folder (articles.jsonl + gold.jsonl) ...")
@click.option(
    "--labels", help="... and the JSON file naming which of its events are one happening."
)
@click.option("--details", is_flag=True, help="List the false and missed merges.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@fail_cleanly
def fuse_eval(
    gold: str | None, corpus: str | None, labels: str | None, details: bool, as_json: bool
) -> None:
    """Pairwise precision, recall and F1 of fusion on a fusion gold file (or a labelled corpus)."""
    from ..fuse import evaluate_corpus, evaluate_gold_file

    if (gold is None) == (corpus is None) or (corpus is None) != (labels is None):
        raise click.UsageError(
            "give either GOLD (a fusion gold JSONL file) or --corpus DIR --labels FILE"
        )
    score = evaluate_gold_file(gold) if gold else evaluate_corpus(str(corpus), str(labels))
    if as_json:
        click.echo(json.dumps(score.to_dict(), indent=2))
        return
    click.echo(
        f"pairs: gold {score.gold_pairs}, predicted {score.predicted_pairs}, correct {score.correct_pairs}\n"
        f"precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}"
    )
    if details:
        click.echo(
            "\n".join(
                [f"false merge: {a} + {b}" for a, b in score.false_merges]
                + [f"missed merge: {a} + {b}" for a, b in score.missed_merges]
            )
        )


@click.group()
def _kb() -> None:
    """Knowledge-base commands (until they are registered on ``parley``)."""


_kb.add_command(correct)
_kb.add_command(fuse_eval)

if __name__ == "__main__":
    _kb()
