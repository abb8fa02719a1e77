"""Fetching pages and feeds over HTTP, politely and within bounds.

A batch may name thousands of addresses on a few hosts, and a watch runs for days, so every
request is bounded (a total time limit and a size limit, checked while reading, not after),
asks robots.txt first, and waits its turn: at most one request per ``delay_s`` to a host, or
the site's Crawl-delay when that is longer.  Failures are IngestErrors naming the address, so
one dead link costs one rejection, never the batch.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from .. import __version__
from ..errors import IngestError
from .robots import crawl_delay, host_key, parse_robots, robots_url

FETCHABLE_SCHEMES = ("http", "https")
MAX_FETCH_BYTES = 10 * 1024 * 1024
ROBOTS_KEEP_S = 24 * 3600.0
"""How long a host's robots.txt is trusted before it is read again (RFC 9309's upper bound)."""
ROBOTS_RETRY_S = 3600.0
"""How long a robots.txt that could not be read keeps its host closed."""
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How far a fetch may go.  ``timeout_s`` bounds a whole request, connection to last byte."""

    timeout_s: float = 20.0
    max_bytes: int = MAX_FETCH_BYTES
    delay_s: float = 1.0
    user_agent: str = f"parley/{__version__} (news event extraction)"
    obey_robots: bool = True


@dataclass(frozen=True, slots=True)
class Fetched:
    """One HTTP answer.  ``status`` 304 means the copy the caller has is still current."""

    url: str
    final_url: str
    status: int
    data: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def is_url(text: str) -> bool:
    """Whether ``text`` is an address parley can fetch (http or https, with a host)."""
    parts = urlsplit(text)
    return parts.scheme.lower() in FETCHABLE_SCHEMES and bool(parts.netloc)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows redirects only to http(s) addresses that the check lets through."""

    max_redirections = 5

    def __init__(self, check: Callable[[str, str], None]) -> None:
        super().__init__()
        self._check = check

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> Any:
        self._check(req.full_url, newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Fetcher:
    """Fetches addresses one at a time, remembering each host's robots.txt and last request.

    ``clock`` and ``sleep`` are injectable so that the waiting can be tested without waiting.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._robots: dict[str, tuple[RobotFileParser, str | None, float]] = {}
        self._opener = urllib.request.build_opener(_RedirectHandler(self._check_redirect))

    def fetch(self, url: str, *, etag: str | None = None, modified: str | None = None) -> Fetched:
        """GET ``url``; ``etag``/``modified`` make it conditional (an answer of 304, no body).

        Raises IngestError for an address robots.txt forbids, an error status, a network
        failure, or an answer over the size or time limit.
        """
        _check_scheme(url)
        self._check_robots(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        answer = self._request(url, headers)
        if answer.status >= 400:
            raise IngestError(f"the server answered HTTP {answer.status}", where=url)
        if 300 <= answer.status < 400 and not answer.not_modified:
            raise IngestError(f"redirect (HTTP {answer.status}) not followed: a loop, too many "
                              "hops, or not to an http or https address", where=url)
        return answer

    # --- robots.txt --------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        if not self.policy.obey_robots:
            return
        rules, failure = self._rules(url)
        if failure is not None:
            raise IngestError(f"not fetched: {failure}", where=url)
        if not rules.can_fetch(self.policy.user_agent, url):
            raise IngestError(f"not fetched: robots.txt of {host_key(url)} disallows it",
                              where=url)

    def _rules(self, url: str) -> tuple[RobotFileParser, str | None]:
        key = host_key(url)
        known = self._robots.get(key)
        if known is not None:
            rules, failure, expires = known
            if self._clock() < expires:
                return rules, failure
        rules, failure = self._load_robots(robots_url(url))
        keep = ROBOTS_KEEP_S if failure is None else ROBOTS_RETRY_S
        self._robots[key] = (rules, failure, self._clock() + keep)
        return rules, failure

    def _load_robots(self, address: str) -> tuple[RobotFileParser, str | None]:
        try:
            answer = self._request(address, {})
        except IngestError as err:
            return parse_robots(None, b""), f"robots.txt could not be read ({err.message})"
        failure = None
        if answer.status >= 500:
            failure = f"robots.txt answered HTTP {answer.status}; trying again on a later run"
        return parse_robots(answer.status, answer.data), failure

    def _check_redirect(self, origin: str, newurl: str) -> None:
        """Let a redirect through only to an address that could be fetched directly."""
        try:
            _check_scheme(newurl)
            if urlsplit(newurl).path != "/robots.txt":  # robots files are read, not checked
                self._check_robots(newurl)
        except IngestError as err:
            raise IngestError(f"redirected to {newurl}, {err.message}", where=origin) from None

    # --- the request itself ------------------------------------------------------------

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is None:
            return
        delay = self.policy.delay_s
        rules = self._robots.get(host)
        if rules is not None:
            delay = max(delay, crawl_delay(rules[0], self.policy.user_agent))
        wait = last + delay - self._clock()
        if wait > 0:
            self._sleep(wait)

    def _request(self, url: str, headers: dict[str, str]) -> Fetched:
        """One GET with the limits applied; any HTTP status comes back, network failures raise."""
        host = host_key(url)
        self._wait_turn(host)
        request = urllib.request.Request(
            url, headers={"User-Agent": self.policy.user_agent, **headers}
        )
        deadline = time.monotonic() + self.policy.timeout_s
        try:
            with self._opener.open(request, timeout=self.policy.timeout_s) as response:
                data = self._read_body(response, where=url, deadline=deadline)
                return _answer(url, response.geturl(), response.status, data, response.headers)
        except urllib.error.HTTPError as err:
            with err:
                return _answer(url, err.geturl() or url, err.code, b"", err.headers)
        except urllib.error.URLError as err:
            raise IngestError(f"cannot fetch: {_reason(err.reason)}", where=url) from None
        except TimeoutError:
            raise IngestError(f"no answer within {self.policy.timeout_s:g} s",
                              where=url) from None
        except (http.client.HTTPException, OSError, ValueError) as err:
            raise IngestError(f"cannot fetch: {_reason(err)}", where=url) from None
        finally:
            self._last[host] = self._clock()

    def _read_body(self, response: Any, *, where: str, deadline: float) -> bytes:
        limit = self.policy.max_bytes
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > limit:
            raise IngestError(f"the answer is {length} bytes, over the {limit}-byte limit",
                              where=where)
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read1(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise IngestError(f"the answer is over the {limit}-byte limit", where=where)
            if time.monotonic() > deadline:
                raise IngestError(f"the answer took over {self.policy.timeout_s:g} s",
                                  where=where)
            chunks.append(chunk)
        return b"".join(chunks)


def _check_scheme(url: str) -> None:
    if not is_url(url):
        raise IngestError("only http and https addresses can be fetched", where=url)


def _answer(url: str, final_url: str, status: int, data: bytes, headers: Message | None
            ) -> Fetched:
    if headers is None:
        return Fetched(url=url, final_url=final_url, status=status, data=data)
    content_type = headers.get_content_type() if headers.get("Content-Type") else ""
    return Fetched(
        url=url,
        final_url=final_url,
        status=status,
        data=data,
        content_type=content_type,
        charset=headers.get_content_charset(),
        etag=headers.get("ETag"),
        last_modified=headers.get("Last-Modified"),
    )


def _reason(reason: object) -> str:
    text = str(reason) or type(reason).__name__
    return "timed out" if isinstance(reason, TimeoutError) else text
