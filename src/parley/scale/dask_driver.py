"""``--engine dask``: the same extraction on a Dask distributed cluster.

The driver (this process) reads the input and cuts it into partitions of whole articles in
input order; each partition goes to a worker, which extracts it with its process's models
(loaded on the first partition it gets, then kept) and writes a shard file; the driver reads
the shards back in partition order and hands the extractions to the one writer.  Reading in
the driver keeps the run identical to a single-process one: ids, copies collapsed across
files and the order the store sees are decided in one place.

Workers need parley installed at the same version, and the shard folder must be one path
that the driver and every worker see (a shared file system on a multi-machine cluster).
Without a scheduler address a local cluster is started: two worker processes with one thread
each, on 127.0.0.1 only.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import Extraction
from .batches import batched, in_order
from .extracting import BATCH_SIZE, Job, extract_jobs
from .shards import read_shard, shard_path, write_shard

LOCAL_WORKERS = 2
PARTITION_SIZE = 16
"""Articles per partition (one pipe batch): scheduling costs a few ms a partition, and small
partitions keep both workers busy to the end (measured: 16 beat 32 and 8 on 270 articles)."""
WINDOW_PER_THREAD = 2
CONNECT_TIMEOUT = "20s"
_INSTALL_HINT = "install it with `pip install 'dask[distributed]'`"


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError(
            f"the dask engine needs the `distributed` package; {_INSTALL_HINT}", where="--engine"
        ) from exc
    return distributed


def extract_partition(index: int, jobs: list[Job], shard_dir: str, batch_size: int = BATCH_SIZE) -> str:
    """Run on a worker: extract one partition into its shard file and return the file's path."""
    path = shard_path(shard_dir, index)
    # A worker that does not share the folder writes here unseen; the driver then says so.
    path.parent.mkdir(parents=True, exist_ok=True)
    write_shard(path, extract_jobs(jobs, batch_size=batch_size))
    return str(path)


@contextmanager
def dask_client(scheduler: str | None = None, *, workers: int = LOCAL_WORKERS) -> Iterator[Any]:
    """A client of the cluster at ``scheduler`` (``tcp://HOST:PORT``), or of a new local one."""
    distributed = _distributed()
    if scheduler is None:
        cluster = distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, silence_logs=logging.ERROR,
        )
        try:
            with distributed.Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler ({exc})", where=scheduler) from exc
    with client:
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(
                f"the scheduler has no workers (none joined within {CONNECT_TIMEOUT}); start some with "
                f"`dask worker {scheduler}`",
                where=scheduler,
            ) from exc
        yield client


@contextmanager
def shard_folder(shard_dir: str | Path | None) -> Iterator[Path]:
    """The given folder (created if absent, kept), or a temporary one removed afterwards."""
    if shard_dir is not None:
        folder = Path(shard_dir) / f"run-{uuid.uuid4().hex[:12]}"
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            raise ConfigError(f"cannot make a folder for shards: {exc.strerror or exc}", where=str(shard_dir)) from exc
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    with tempfile.TemporaryDirectory(prefix="parley-shards-") as folder:
        yield Path(folder)


def _threads(client: Any) -> int:
    return max(1, sum(client.nthreads().values()))


def extract_on_dask(
    jobs: Iterable[Job],
    client: Any,
    *,
    shard_dir: str | Path | None = None,
    partition_size: int = PARTITION_SIZE,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Extraction]:
    """Extractions of ``jobs`` in input order, computed on ``client``'s cluster via shards."""
    with shard_folder(shard_dir) as folder:
        run = folder.name

        def submit(index: int, batch: list[Job]) -> Any:
            return client.submit(
                extract_partition, index, batch, str(folder), batch_size,
                key=f"parley-partition-{run}-{index}", pure=False,
            )

        window = _threads(client) * WINDOW_PER_THREAD
        for path in in_order(batched(jobs, partition_size), submit, window=window):
            yield from read_shard(path)
            Path(path).unlink(missing_ok=True)
