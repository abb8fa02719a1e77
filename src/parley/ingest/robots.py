"""What a site's robots.txt allows, read the way RFC 9309 says.

The rules are parsed with the standard library's ``urllib.robotparser``; what this module adds
is the reading of a failed download, which the parser's own ``read()`` gets subtly different
and cannot bound in time or size: a missing file (4xx) allows everything, while a server
error or no answer at all (5xx, timeout) forbids everything until the next run.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

MAX_CRAWL_DELAY_S = 60.0
"""The longest Crawl-delay honoured: a larger one would stall a batch for hours."""


def robots_url(url: str) -> str:
    """The address of the robots.txt that governs ``url``."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def host_key(url: str) -> str:
    """The scheme and host (with port) that politeness and robots rules are kept per."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def parse_robots(status: int | None, body: bytes) -> RobotFileParser:
    """The rules for one host from its robots.txt answer.

    ``status`` is the HTTP status, or None when the server could not be reached; the body is
    read as UTF-8 with bad bytes replaced, since a garbled line should cost only that line.
    """
    rules = RobotFileParser()
    if status is None or status >= 500:
        rules.disallow_all = True
    elif 400 <= status < 500:
        rules.allow_all = True
    else:
        rules.parse(body.decode("utf-8", "replace").splitlines())
    return rules


def crawl_delay(rules: RobotFileParser, agent: str) -> float:
    """The Crawl-delay the rules ask of ``agent`` (0 when none), capped at a minute."""
    try:
        delay = rules.crawl_delay(agent)
    except (TypeError, ValueError):
        return 0.0
    if delay is None:
        return 0.0
    return min(max(float(delay), 0.0), MAX_CRAWL_DELAY_S)
