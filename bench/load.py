"""Load on the JSON API over loopback: N concurrent clients for T seconds on /api/events.

Not part of the test suite (its figures depend on the machine).  By default it builds a
small store from the bundled example articles, starts ``parley``'s server in a child process
on 127.0.0.1 and a free port, runs the clients, prints requests per second, latency and the
error count, and stops the server.  ``--db FILE`` serves an existing store instead;
``--url`` loads a server already running, which must be on loopback.

    .venv/bin/python bench/load.py                      # 20 clients, 30 s
    .venv/bin/python bench/load.py --db parley.db --clients 50 --duration 10
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

MAX_CLIENTS = 100
MAX_DURATION_S = 120.0
START_TIMEOUT_S = 60.0
REQUEST_TIMEOUT_S = 10.0
LOOPBACK = ("127.0.0.1", "localhost", "::1")
EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "parley" / "examples"
SERVE = (
    "import sys\n"
    "from parley.api import Settings\n"
    "from parley.api.server import make_server\n"
    "make_server(Settings(db=sys.argv[1], port=int(sys.argv[2])), access_log=False).run()\n"
)


@dataclass
class Tally:
    ok: int = 0
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def example_store(folder: Path) -> Path:
    from parley.ingest import read_paths
    from parley.pipeline import ingest
    from parley.store import open_store

    db = folder / "load.db"
    with open_store(str(db)) as store:
        ingest(read_paths([str(EXAMPLES)]), store)
    return db


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            if httpx.get(base + "/api/overview", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer within a minute")


async def client(http: httpx.AsyncClient, url: str, deadline: float, tally: Tally) -> None:
    while time.monotonic() < deadline:
        start = time.perf_counter()
        try:
            reply = await http.get(url)
            status = reply.status_code
        except httpx.HTTPError:
            status = 0
        tally.latencies_ms.append((time.perf_counter() - start) * 1000)
        tally.statuses[status] = tally.statuses.get(status, 0) + 1
        if status == 200:
            tally.ok += 1
        else:
            tally.errors += 1


async def run_load(url: str, clients: int, duration: float) -> tuple[Tally, float]:
    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=REQUEST_TIMEOUT_S) as http:
        start = time.monotonic()
        deadline = start + duration
        await asyncio.gather(*(client(http, url, deadline, tally) for _ in range(clients)))
        return tally, time.monotonic() - start


def report(url: str, clients: int, tally: Tally, elapsed: float) -> str:
    total = tally.ok + tally.errors
    ordered = sorted(tally.latencies_ms) or [0.0]
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"{url}: {clients} clients for {elapsed:.1f} s\n"
        f"requests: {total}  ({total / elapsed:.1f} requests/s)\n"
        f"errors: {tally.errors}  statuses: {dict(sorted(tally.statuses.items()))}\n"
        f"latency: median {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--db", help="Serve this store (default: one built from the bundled examples).")
    source.add_argument("--url", help="Load a server already running on loopback, e.g. http://127.0.0.1:8000")
    parser.add_argument("--path", default="/api/events?a=PAK&b=RUS", help="What every request asks for.")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=30.0, help="Seconds.")
    args = parser.parse_args()
    if not 1 <= args.clients <= MAX_CLIENTS or not 0 < args.duration <= MAX_DURATION_S:
        raise SystemExit(f"use 1–{MAX_CLIENTS} clients and at most {MAX_DURATION_S:.0f} s")
    if args.url:
        if urlsplit(args.url).hostname not in LOOPBACK:
            raise SystemExit("load only a server on loopback (127.0.0.1, localhost, ::1)")
        base, server = args.url.rstrip("/"), None
    else:
        folder = tempfile.TemporaryDirectory()
        db = args.db or str(example_store(Path(folder.name)))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([sys.executable, "-c", SERVE, db, str(port)], stderr=subprocess.DEVNULL)
    try:
        wait_until_up(base, server) if server else None
        tally, elapsed = asyncio.run(run_load(base + args.path, args.clients, args.duration))
        print(report(base + args.path, args.clients, tally, elapsed))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
