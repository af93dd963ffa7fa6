"""Where a batch runs: this process, a local process pool, or a Dask cluster — behind one `map`.

Every engine's `map(job, items)` pulls `items` lazily, keeps a bounded window running and a bounded
backlog of finished results, and yields `job(item)` for each item in input order. Unreadable inputs
(InputError items) never travel to a worker: their outcome is made on the spot. Workers load the
models once each (`worker_models`) with one BLAS thread, so that N workers on N cores do not fight
over the cores.
"""

from __future__ import annotations

import atexit
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

from .errors import ClaimsError, InputError

# What an engine runs: `job(item, models)` gives an item's outcome; `job(error)` the outcome of an unreadable
# input, made on the spot (batch.Job is one). Engines know nothing else of either.
Job = Callable[..., Any]
Outcome = Any

ENGINES = ("local", "dask")
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
TASKS_PER_WORKER = 4
BACKLOG_PER_WORKER = 64
DASK_CHUNK = 8

_models_lock = threading.Lock()


class WorkerDied(ClaimsError):
    """A worker process ended abruptly (killed, out of memory); the outcomes already yielded stand."""


def one_blas_thread() -> None:
    """Ask numpy's BLAS for one thread; takes effect only if numpy is not imported yet."""
    for name, value in ONE_THREAD.items():
        os.environ.setdefault(name, value)


@contextmanager
def sigint_ignored():
    """Children started inside inherit an ignored Ctrl-C: a terminal's Ctrl-C reaches the whole process
    group, and stopping cleanly is the parent's business, not a worker's."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def worker_models():
    """The models of this process, loaded at most once even when a worker runs tasks in threads."""
    from .nlp import load_models

    with _models_lock:
        return load_models()


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Ready:
    """A finished result with a future's `result()`, to queue beside real futures."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value

    def done(self) -> bool:
        return True

    def add_done_callback(self, callback: Callable[[Any], None]) -> None:
        callback(self)


def in_order(
    submit: Callable[[Any], Any], items: Iterable[Any], window: int, backlog: int | None = None
) -> Iterator[Any]:
    """Results of `submit(item)` futures in input order, with at most `window` of them running.

    A finished result waits for those before it, up to `backlog` items submitted and not yet yielded
    in all: one slow item holds back the output, not the workers. Memory stays bounded by `backlog`.
    """
    backlog = max(backlog or window, window)
    slots = threading.Semaphore(window)
    pending: deque = deque()
    for item in items:
        while pending and (pending[0].done() or len(pending) >= backlog):
            yield pending.popleft().result()
        slots.acquire()
        future = submit(item)
        future.add_done_callback(lambda _: slots.release())
        pending.append(future)
    while pending:
        yield pending.popleft().result()


class SerialEngine:
    """Everything in this process: no start-up cost, one core."""

    def __init__(self, models=None) -> None:
        self.models = models

    def map(self, job: Job, items: Iterable[Any]) -> Iterator[Outcome]:
        for item in items:
            yield job(item, self.models)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def init_local_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    one_blas_thread()
    worker_models()
    atexit.register(exit_at_once)


def exit_at_once() -> None:
    """A spawned worker would end by freeing its models and caches object by object (0.1–0.3 s) while the
    batch waits for it. multiprocessing has flushed its outputs by then, so it leaves the way a forked
    multiprocessing child does: at once."""
    os._exit(0)


def run_job(job: Job, item: Any) -> Outcome:
    return job(item, worker_models())


class LocalEngine:
    """A pool of `workers` fresh (spawned) processes, each loading the models once."""

    def __init__(self, workers: int | None = None, window: int | None = None) -> None:
        self.workers = workers or default_workers()
        self.window = window or self.workers * TASKS_PER_WORKER
        self.backlog = self.workers * BACKLOG_PER_WORKER
        self.pool, self.submitted = None, 0

    def start(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=init_local_worker
            )
        return self.pool

    def submit(self, job: Job, item: Any):
        self.submitted += 1
        if self.submitted > self.workers:
            return self.pool.submit(run_job, job, item)
        with sigint_ignored():  # the pool spawns a process at each of the first submits
            return self.start().submit(run_job, job, item)

    def map(self, job: Job, items: Iterable[Any]) -> Iterator[Outcome]:
        from concurrent.futures.process import BrokenProcessPool

        def submit(item):
            if isinstance(item, InputError):
                return Ready(job(item))
            return self.submit(job, item)

        try:
            yield from in_order(submit, items, self.window, self.backlog)
        except BrokenProcessPool:
            raise WorkerDied("a worker process died (killed, or out of memory?)") from None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool, self.submitted = None, 0

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def warm_up() -> None:
    one_blas_thread()
    worker_models()


def run_chunk(job: Job, items: list[Any]) -> list[Outcome]:
    models = worker_models()
    return [job(item, models) for item in items]


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


def local_cluster(workers: int | None = None):
    """A Dask LocalCluster of `workers` single-threaded worker processes with one BLAS thread each.

    Two Dask defaults cost CPU-bound Python work dearly and are turned off for our workers: the
    statistical profiler (it samples every thread's stack every 10 ms) and MALLOC_TRIM_THRESHOLD_
    (setting it disables glibc's adaptive mmap threshold, so every large numpy buffer is mmapped,
    page-faulted and unmapped again).
    """
    import logging

    import dask
    from distributed import LocalCluster

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    settings = {"distributed.worker.profile.enabled": False, "distributed.comm.timeouts.connect": "120s"}
    settings["distributed.nanny.pre-spawn-environ"] = environ | ONE_THREAD
    with dask.config.set(settings):
        return LocalCluster(
            n_workers=workers or default_workers(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )


class DaskEngine:
    """Chunks of articles as tasks on a Dask cluster: an existing one at `scheduler`, else a local one."""

    def __init__(
        self, workers: int | None = None, scheduler: str | None = None, chunk: int = DASK_CHUNK, window=None
    ) -> None:
        self.workers = workers or default_workers()
        self.scheduler, self.chunk = scheduler, chunk
        self.window = window
        self.cluster = self.client = None

    def start(self):
        if self.client is None:
            try:
                from distributed import Client
            except ImportError:
                raise ClaimsError("the Dask engine needs the dask extra: pip install 'claims[dask]'") from None
            if self.scheduler is None:
                with sigint_ignored():
                    self.cluster = local_cluster(self.workers)
            try:
                self.client = Client(self.scheduler or self.cluster, set_as_default=False)
            except OSError as error:
                raise ClaimsError(f"cannot reach the Dask scheduler at {self.scheduler}: {error}") from None
            self.client.run(warm_up)
        return self.client

    def map(self, job: Job, items: Iterable[Any]) -> Iterator[Outcome]:
        client = self.start()
        from distributed.scheduler import KilledWorker

        workers = max(1, len(client.scheduler_info()["workers"]))
        window = self.window or TASKS_PER_WORKER * workers
        backlog = workers * BACKLOG_PER_WORKER // self.chunk

        def submit(chunk: list[Any]):
            if all(isinstance(item, InputError) for item in chunk):
                return Ready([job(item) for item in chunk])
            return client.submit(run_chunk, job, chunk, pure=False)

        try:
            for outcomes in in_order(submit, chunked(items, self.chunk), window, backlog):
                yield from outcomes
        except KilledWorker as error:
            raise WorkerDied(f"a Dask worker died: {error}") from None

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def make_engine(name: str = "local", workers: int | None = None, scheduler: str | None = None, models=None):
    """The engine called `name`; one local worker means this very process."""
    if name not in ENGINES:
        raise ClaimsError(f"unknown engine {name!r}: expected one of {', '.join(ENGINES)}")
    if name == "dask":
        return DaskEngine(workers=workers, scheduler=scheduler)
    workers = workers or default_workers()
    return SerialEngine(models=models) if workers == 1 else LocalEngine(workers)
