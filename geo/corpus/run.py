"""Run extraction over a corpus: in this process, on every local core, or on a Dask cluster.

Engines (:class:`Engine`):

* one worker: partitions are read here, one after the other;
* ``workers=N``: a local pool of N processes (``spawn``), each loading the
  gazetteer once;
* ``scheduler="tcp://host:8786"``: a running ``dask.distributed`` cluster
  (workers must see the input paths, e.g. on a shared file system);
  ``scheduler="local"`` starts a Dask ``LocalCluster`` of ``workers`` processes.

Every engine hands out :class:`~geo.corpus.partitions.Partition` descriptions
(paths, byte ranges), never articles, and gives the results back in corpus
order, so any number of workers yields the same incidents with the same ids.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geo.corpus.partitions import DEFAULT_PARTITION_BYTES, Partition, plan_partitions
from geo.corpus.work import PartitionResult, Task, extract_partition
from geo.extract.articles import ArticleError, RecordFields

if TYPE_CHECKING:
    from gazetteer import Gazetteer
    from geo.extract.record import Incident

__all__ = [
    "CorpusError",
    "CorpusRun",
    "Engine",
    "default_workers",
    "extract_corpus",
    "start_method",
]

#: How often Dask retries a partition whose worker died.
RETRIES = 2


class CorpusError(RuntimeError):
    """A corpus run could not finish (for example every worker died); nothing was lost silently."""


def default_workers() -> int:
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


class Engine:
    """Where partitions run; a context manager that starts and stops its workers.

    Parameters
    ----------
    workers : int, optional
        Local worker processes. ``1`` runs in this process; ``None`` (automatic) uses
        every core when the corpus is large enough to pay for starting them.
    scheduler : str, optional
        ``tcp://host:port`` of a Dask scheduler, or ``"local"`` for a Dask
        ``LocalCluster`` of ``workers`` processes.
    no_worker_timeout : float
        With Dask: give up (:class:`CorpusError`) when the cluster has had no worker
        for this many seconds.
    gazetteer : Gazetteer, optional
        The run's gazetteer (its focus codes reach the workers). Each worker process
        is made ready for extraction (:func:`~geo.corpus.work.prepare_worker`: the
        gazetteer, geometry packs, lazy imports) before its first partition, so the
        time of a partition is the time of its articles. A local pool on Linux forks
        its workers from this process, made ready once (see :func:`start_method`);
        a Dask worker gets ready through a worker plugin as it joins.
    """

    def __init__(
        self,
        workers: int | None = None,
        scheduler: str | None = None,
        no_worker_timeout: float = 120.0,
        gazetteer: Gazetteer | None = None,
    ):
        self.auto = workers is None
        self.workers = workers or default_workers()
        self.scheduler = scheduler
        self.no_worker_timeout = no_worker_timeout
        self.gazetteer = gazetteer
        self.focus = tuple(gazetteer.focus) if gazetteer is not None else ()
        self._pool = None
        self._client = None
        self._cluster = None

    @property
    def kind(self) -> str:
        """``"inline"``, ``"processes"`` or ``"dask"``."""
        if self.scheduler:
            return "dask"
        return "inline" if self.workers <= 1 else "processes"

    def __enter__(self) -> Engine:
        if self.kind == "dask":
            from distributed import Client, LocalCluster

            if self.scheduler == "local":
                self._cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.scheduler, timeout="30s")
            from geo.corpus.plugin import PrepareWorker

            # every worker, now and any that joins or restarts later, gets ready as it starts
            self._client.register_plugin(PrepareWorker(self.focus))
        return self

    def _start_pool(self):
        """The local process pool, started on first use (a small run may never need it)."""
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            method = start_method()
            if method == "fork":
                from geo.corpus.work import prepare_worker

                # ready once here; every worker starts as a copy, sharing these pages
                prepare_worker(self.focus, self.gazetteer)
                init, initargs = None, ()
            else:
                init, initargs = _prepare_quietly, (self.focus,)
            context = multiprocessing.get_context(method)
            if method == "forkserver":
                context.set_forkserver_preload(["geo.corpus.work", "geo.extract.incidents"])
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=init, initargs=initargs
            )
        return self._pool

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def map(self, fn: Callable, items: list, *args) -> Iterator:
        """``fn(item, *args)`` for every item, results in the order of ``items``."""
        if self.kind == "inline":
            for item in items:
                yield fn(item, *args)
        elif self.kind == "processes":
            from concurrent.futures.process import BrokenProcessPool

            pool = self._start_pool()
            futures = [pool.submit(fn, item, *args) for item in items]
            for item, fut in zip(items, futures, strict=True):
                try:
                    yield fut.result()
                except BrokenProcessPool:
                    raise CorpusError(
                        f"{_describe(item)}: a worker process died (killed, or out of memory); "
                        "the run stopped, nothing was written for it"
                    ) from None
        else:
            futures = self._client.map(
                fn, items, *[[a] * len(items) for a in args], retries=RETRIES, pure=False
            )
            try:
                for item, fut in zip(items, futures, strict=True):
                    yield self._dask_result(item, fut)
                    fut.release()
            finally:
                self._client.cancel(futures)

    def _dask_result(self, item, fut):
        """The result of one Dask future; a clear :class:`CorpusError` if it cannot come."""
        from distributed import KilledWorker
        from distributed import TimeoutError as DaskTimeout

        alone_since = None
        while True:
            try:
                return fut.result(timeout=2)
            except KilledWorker as exc:
                raise CorpusError(
                    f"{_describe(item)}: the workers running it died ({exc}); the run "
                    "stopped, nothing was written for it"
                ) from None
            except (DaskTimeout, TimeoutError):
                pass
            if self._client.scheduler_info().get("workers"):
                alone_since = None
                continue
            alone_since = alone_since or time.monotonic()
            if time.monotonic() - alone_since > self.no_worker_timeout:
                raise CorpusError(
                    f"{_describe(item)}: no Dask worker left at {self.scheduler} for "
                    f"{self.no_worker_timeout:g} s; the run stopped, nothing was written for it"
                )


def start_method() -> str:
    """How a local pool starts its workers: ``"fork"`` when it is safe, else ``"forkserver"``.

    A forked worker begins as a copy of this process after it loaded the gazetteer and
    the geometry packs: no imports, nothing loaded again, the pages shared until
    written. Forking is safe on Linux while this process runs no other Python thread (a
    thread holding a lock at the fork would leave the copy's lock held forever); with
    one (a progress bar refreshing on a terminal, a notebook), workers come from a
    fork server that imported bordermap once and each load the data themselves. macOS
    and Windows spawn.
    """
    import multiprocessing
    import sys
    import threading

    if not sys.platform.startswith("linux"):
        return "spawn"
    if threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _prepare_quietly(focus: tuple[str, ...]) -> None:
    """Pool initializer: :func:`prepare_worker`; a failure is left to the first partition.

    An initializer that raises breaks the whole pool with no word of why; the same
    problem met again in a partition is reported with the partition's name.
    """
    from geo.corpus.work import prepare_worker

    with contextlib.suppress(Exception):
        prepare_worker(focus)


def _describe(item) -> str:
    return item.describe() if isinstance(item, Partition) else str(item)


@dataclass
class CorpusRun:
    """Results of a corpus run, in corpus order."""

    incidents: list[Incident] = field(default_factory=list)
    articles: int = 0
    known: int = 0
    errors: list[ArticleError] = field(default_factory=list)
    partitions: int = 0


#: Below this much input, an automatic worker count (``workers=None``) reads in this
#: process: starting worker processes (imports, the gazetteer) would cost more than it saves.
AUTO_PARALLEL_BYTES = 4 * 1024 * 1024
#: With several workers, a corpus is cut into about this many partitions per worker, so
#: that the last partitions, when some workers are already idle, are short.
PARTITIONS_PER_WORKER = 32
#: ...but no partition smaller than this (a task costs a few milliseconds to hand out).
MIN_PARTITION_BYTES = 256 * 1024
#: From this many incidents on, merging runs as a second stage on the workers (fewer
#: cost less to merge in the client than to send).
STAGE_MERGE_INCIDENTS = 2000


def partition_results(
    inputs: Iterable[str | os.PathLike],
    *,
    task: Task,
    engine: Engine,
    gazetteer: Gazetteer | None = None,
    partition_bytes: int | None = None,
    progress: Callable[[int, str], None] | None = None,
    errors: list[ArticleError] | None = None,
) -> Iterator[tuple[Partition, PartitionResult]]:
    """Each partition of ``inputs`` with its result, in corpus order.

    Parameters
    ----------
    inputs
        Files, directories and globs.
    task
        What every worker does.
    engine
        Where partitions run (entered).
    gazetteer
        For partitions read in this process.
    partition_bytes
        Input bytes per partition (default: several partitions per worker).
    progress
        Called with the number of articles read so far (including known ones) and
        where: after each article in this process, after each partition elsewhere.
    errors
        Problems are appended here as they are met (then not in the results).
    """
    inline = engine.kind == "inline"
    total = 0 if inline else _corpus_bytes(inputs)
    if engine.auto and engine.kind == "processes" and total < AUTO_PARALLEL_BYTES:
        inline = True
    target = partition_bytes or (
        DEFAULT_PARTITION_BYTES
        if inline
        else max(
            MIN_PARTITION_BYTES,
            min(DEFAULT_PARTITION_BYTES, total // (engine.workers * PARTITIONS_PER_WORKER) + 1),
        )
    )
    parts = plan_partitions(inputs, target)
    if engine.kind == "processes" and len(parts) <= 1:
        inline = True  # one partition: worker processes would only add their start-up time
    read = 0
    if inline:
        for part in parts:
            base = read

            def on_article(k: int, where: str, base: int = base) -> None:
                progress(base + k, where)

            res = extract_partition(
                part, task, gazetteer, errors=errors, on_article=on_article if progress else None
            )
            read += len(res.articles) + res.known
            yield part, res
        return
    from geo.corpus.geometries import unpack

    shapes: dict[bytes, object] = {}
    for part, res in zip(parts, engine.map(_extract_packed, parts, task), strict=True):
        unpack(res.incidents, res.footprints or [], shapes)
        res.footprints = None
        if errors is not None:
            for err in res.errors:
                errors.append(err)  # one by one: an ErrorLog hears of each
            res.errors = []
        read += len(res.articles) + res.known
        if progress is not None:
            progress(read, part.describe())
        yield part, res


def _extract_packed(part: Partition, task: Task) -> PartitionResult:
    """:func:`extract_partition` in a worker, its footprints sent once each."""
    from geo.corpus.geometries import pack

    res = extract_partition(part, task)
    res.footprints = pack(res.incidents)
    return res


def _corpus_bytes(inputs) -> int:
    from geo.extract.articles import iter_paths

    total = 0
    for p in iter_paths(inputs):
        with contextlib.suppress(OSError):
            total += p.stat().st_size
    return total


def extract_corpus(
    inputs: Iterable[str | os.PathLike],
    *,
    published: str | None = None,
    fields: RecordFields | None = None,
    gazetteer: Gazetteer | None = None,
    workers: int | None = 1,
    scheduler: str | None = None,
    partition_bytes: int | None = None,
    progress: Callable[[int, str], None] | None = None,
    errors: list[ArticleError] | None = None,
    keep: str = "border",
    merge: bool = False,
) -> CorpusRun:
    """Extract the incidents of a corpus, and merge them across articles on request.

    Parameters
    ----------
    inputs
        Files, directories and globs.
    published
        Publication date (ISO) for articles that give none.
    fields
        Record field names for JSON Lines and CSV.
    gazetteer
        Used by the in-process engine; workers load their own with its focus.
    workers, scheduler
        See :class:`Engine`.
    partition_bytes
        Input bytes per partition (default: several partitions per worker).
    progress
        Called after each partition with the number of articles read so far.
    errors
        Where problems go (e.g. an :class:`~geo.extract.articles.ErrorLog`); a new
        list when omitted.
    keep
        Which events to keep: ``"border"``, ``"violent"`` or ``"all"``.
    merge
        Merge the same incident reported by several articles
        (:func:`~geo.corpus.merge.merge_blocked`); with worker processes or Dask, as a
        second stage on the same workers (:func:`~geo.corpus.merge.merge_stage`) once
        there are :data:`STAGE_MERGE_INCIDENTS` incidents to merge.

    Returns
    -------
    CorpusRun
    """
    from geo.extract.dates import parse_date

    fallback = parse_date(published) if published is not None else None
    if published is not None and fallback is None:
        raise ValueError(f"--published {published!r} is not a YYYY-MM-DD date")
    focus = tuple(gazetteer.focus) if gazetteer is not None else ()
    task = Task(
        published=fallback.isoformat() if fallback else None,
        fields=fields or RecordFields(),
        focus=focus,
        keep=keep,
    )
    run = CorpusRun(errors=errors if errors is not None else [])
    with Engine(workers, scheduler, gazetteer=gazetteer) as engine:
        for _, res in partition_results(
            inputs,
            task=task,
            engine=engine,
            gazetteer=gazetteer,
            partition_bytes=partition_bytes,
            progress=progress,
            errors=run.errors,
        ):
            run.incidents.extend(res.incidents)
            run.articles += len(res.articles)
            run.partitions += 1
        if merge:
            from geo.corpus.merge import merge_blocked, merge_stage

            if engine.kind == "inline" or len(run.incidents) < STAGE_MERGE_INCIDENTS:
                run.incidents = merge_blocked(run.incidents)
            else:
                run.incidents = merge_stage(run.incidents, engine)
    return run
