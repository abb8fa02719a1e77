"""``parley watch``: poll feeds and ingest their new articles, for as long as it runs.

A thin loop over ``FeedPoller`` and ``pipeline.ingest``: each poll's summary goes to stderr,
and the exit status follows the other commands (0 all good, 3 something was rejected during
the run, 1 a failure).  Ctrl-C ends the watch between articles; what was stored stays.
"""

from __future__ import annotations

import sys
import time

import click

from .errors import EXIT_REJECTED, fail_cleanly


@click.command()
@click.option("--db", required=True, help="Store: a SQLite file path (created if absent) or a postgresql:// URL.")
@click.option("--interval", type=click.FloatRange(min=0), default=900.0, show_default=True,
              help="Seconds between two polls.")
@click.option("--polls", type=click.IntRange(min=0), default=0, show_default=True,
              help="Stop after this many polls; 0 runs until interrupted.")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Least seconds between two requests to one host.")
@click.argument("feeds", nargs=-1, required=True)
@fail_cleanly
def watch(db: str, interval: float, polls: int, delay: float, feeds: tuple[str, ...]) -> None:
    """Poll FEEDS (RSS/Atom addresses or files) and ingest new articles into DB."""
    from ..ingest.fetch import Fetcher, FetchPolicy
    from ..ingest.polling import FeedPoller
    from ..pipeline import ingest as run_ingest
    from ..store import open_store

    poller = FeedPoller(feeds, fetcher=Fetcher(FetchPolicy(delay_s=delay)))
    rejected = 0
    try:
        with open_store(db) as store:
            done = 0
            while True:
                summary = run_ingest(poller.poll(), store)
                done += 1
                rejected += len(summary.rejections)
                for item in summary.rejections:
                    click.echo(f"rejected: {item}", err=True)
                click.echo(f"poll {done}: {summary.added} new articles, {summary.duplicates} "
                           f"already stored, {summary.events} events added, "
                           f"{len(summary.rejections)} rejected.", err=True)
                if polls and done >= polls:
                    break
                time.sleep(interval)
    except KeyboardInterrupt:
        click.echo("watch stopped.", err=True)
    if rejected:
        sys.exit(EXIT_REJECTED)
