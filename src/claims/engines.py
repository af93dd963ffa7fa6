"""Where a batch runs: this process, a local process pool, or a Dask cluster — behind one `map`.

Every engine's `map(job, items)` pulls `items` lazily, keeps a bounded window running and a bounded
backlog of finished results, and yields `job(item)` for each item in input order. Unreadable inputs
(InputError items) never travel to a worker: their outcome is made on the spot. Workers load the
models once each (`worker_models`) with one BLAS thread, so that N workers on N cores do not fight
over the cores.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from .errors import ClaimsError, InputError

# What an engine runs: `job(item, models)` gives an item's outcome; `job(error)` the outcome of an unreadable
# input, made on the spot; `job.failed(item, problem)` that of an article the engine had to give up (over
# its time limit, its worker died). batch.Job is one; engines know nothing else of either.
Job = Callable[..., Any]
Outcome = Any

ENGINES = ("local", "dask")
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
TASKS_PER_WORKER = 4
BACKLOG_PER_WORKER = 64
DASK_CHUNK = 8
WORKER_EXIT_WAIT = 5  # seconds an idle worker gets to end before it is killed
DEFAULT_ARTICLE_TIMEOUT = 600  # seconds; the longest article allowed (--max-chars) takes far less
DEFAULT_DASK_TIMEOUT = 60  # seconds to reach a Dask scheduler, and then for its first worker
SCHEDULER_RE = re.compile(r"^(?:(?:tcp|tls|ws|wss|ucx)://)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(?P<port>\d{1,5})/?$")

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


class ArticleTimeout(ClaimsError):
    """An article ran over --article-timeout."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took over {seconds:g} s (--article-timeout), stopped")


@contextmanager
def time_limit(seconds: float | None):
    """Raise ArticleTimeout in this thread after `seconds` (on the main thread of a Unix process; a
    limit elsewhere is the local engine's, which stops the whole worker)."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise ArticleTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class SerialEngine:
    """Everything in this process: no start-up cost, one core. An article over `article_timeout` is
    stopped at the next Python instruction, and reported as failed."""

    def __init__(self, models=None, article_timeout: float | None = None) -> None:
        self.models = models
        self.article_timeout = article_timeout

    def map(self, job: Job, items: Iterable[Any]) -> Iterator[Outcome]:
        for item in items:
            yield self.run(job, item)

    def run(self, job: Job, item: Any) -> Outcome:
        try:
            with time_limit(self.article_timeout):
                return job(item, self.models)
        except ArticleTimeout as error:  # the limit struck between the article's end and the timer's
            return job.failed(item, str(error))

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


READY = "ready"  # what a worker says once its models are loaded


def serve_worker(connection, parent: int) -> None:
    """A local worker: load the models, then turn each (job, item) received into an Outcome sent back,
    until the parent closes the pipe or goes away."""
    from .lifeline import die_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    die_with_parent(parent)
    one_blas_thread()
    models = worker_models()
    connection.send(READY)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            break
        if task is None:
            break
        job, item = task
        connection.send(job(item, models))
    os._exit(0)  # freeing the models object by object (0.1–0.3 s) is time nobody needs


class WorkerProcess:
    """One spawned worker and the pipe to it; `task` is the article it is working on."""

    def __init__(self, context) -> None:
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=serve_worker, args=(child_end, os.getpid()), daemon=True)
        with sigint_ignored():
            self.process.start()
        child_end.close()
        self.ready, self.task, self.deadline = False, None, None

    @property
    def idle(self) -> bool:
        return self.ready and self.task is None

    def give(self, task: Task, timeout: float | None) -> None:
        self.task = task
        self.deadline = time.monotonic() + timeout if timeout else None
        self.connection.send((task.job, task.item))

    def finish(self) -> Task:
        task, self.task, self.deadline = self.task, None, None
        return task

    def stop(self) -> None:
        """End the worker: an idle one is asked to, one at work (or that does not listen) is killed."""
        if self.process.is_alive() and self.task is None:
            with suppress(OSError):
                self.connection.send(None)
            self.process.join(WORKER_EXIT_WAIT)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


@dataclass
class Task:
    job: Job
    item: Any
    future: Future = field(default_factory=Future)

    def fail(self, problem: str) -> None:
        self.future.set_result(self.job.failed(self.item, problem))


class LocalEngine:
    """A pool of `workers` fresh (spawned) processes, each loading the models once and taking one article
    at a time from a dispatching thread.

    An article that runs over `article_timeout` seconds, or whose worker dies (killed, out of memory),
    is reported as failed and its worker replaced; the other articles go on. Workers end with this process
    however it ends (`lifeline.py`), and at once when the engine closes.
    """

    def __init__(self, workers: int | None = None, window: int | None = None, article_timeout=None) -> None:
        self.workers = workers or default_workers()
        self.window = window or self.workers * TASKS_PER_WORKER
        self.backlog = self.workers * BACKLOG_PER_WORKER
        self.article_timeout = article_timeout or None
        self.pool: list[WorkerProcess] = []
        self.waiting: deque[Task] = deque()
        self.lock = threading.Lock()
        self.thread = self.wakeup = None
        self.stopping, self.broken = False, None

    def start(self) -> None:
        if self.thread is None:
            import multiprocessing

            context = multiprocessing.get_context("spawn")
            self.context = context
            self.pool = [WorkerProcess(context) for _ in range(self.workers)]
            self.wakeup = os.pipe()
            self.thread = threading.Thread(target=self.dispatch, name="claims-dispatch", daemon=True)
            self.thread.start()

    def submit(self, job: Job, item: Any) -> Future:
        self.start()
        task = Task(job, item)
        with self.lock:
            if self.broken:
                task.future.set_exception(self.broken)
            else:
                self.waiting.append(task)
        self.wake()
        return task.future

    def wake(self) -> None:
        with suppress(OSError, TypeError):
            os.write(self.wakeup[1], b"!")

    def map(self, job: Job, items: Iterable[Any]) -> Iterator[Outcome]:
        def submit(item):
            if isinstance(item, InputError):
                return Ready(job(item))
            return self.submit(job, item)

        yield from in_order(submit, items, self.window, self.backlog)

    def dispatch(self) -> None:
        """The dispatching thread: hand waiting articles to idle workers, collect outcomes, enforce the limit."""
        from multiprocessing.connection import wait

        try:
            while not self.stopping:
                self.assign()
                listened = {worker.connection: worker for worker in self.pool}
                for ready in wait([*listened, self.wakeup[0]], self.seconds_to_next_deadline()):
                    if ready == self.wakeup[0]:
                        os.read(self.wakeup[0], 4096)
                    else:
                        self.receive(listened[ready])
                self.stop_overdue()
        except WorkerDied as error:
            self.break_down(error)
        except Exception as error:  # noqa: BLE001  a dispatcher that died silently would hang the batch
            self.break_down(WorkerDied(f"internal error: {type(error).__name__}: {error}"))

    def assign(self) -> None:
        for worker in self.pool:
            while worker.idle:
                with self.lock:
                    task = self.waiting.popleft() if self.waiting else None
                if task is None:
                    return
                if task.future.set_running_or_notify_cancel():
                    self.hand(worker, task)

    def hand(self, worker: WorkerProcess, task: Task) -> None:
        try:
            worker.give(task, self.article_timeout)
        except OSError:
            self.replace(worker, "its worker process died (killed, or out of memory?)")

    def receive(self, worker: WorkerProcess) -> None:
        try:
            message = worker.connection.recv()
        except (EOFError, OSError):
            if not worker.ready:
                raise WorkerDied("a worker process died while loading the models (out of memory?)") from None
            self.replace(worker, "its worker process died (killed, or out of memory?)")
            return
        if message == READY:
            worker.ready = True
        else:
            worker.finish().future.set_result(message)

    def seconds_to_next_deadline(self) -> float | None:
        deadlines = [worker.deadline for worker in self.pool if worker.deadline is not None]
        return max(0.0, min(deadlines) - time.monotonic()) if deadlines else None

    def stop_overdue(self) -> None:
        now = time.monotonic()
        for worker in list(self.pool):
            if worker.deadline is not None and worker.deadline <= now:
                self.replace(worker, str(ArticleTimeout(self.article_timeout)))

    def replace(self, worker: WorkerProcess, problem: str) -> None:
        """Fail the worker's article with `problem`, end the worker and start another in its place."""
        worker.stop()
        task = worker.finish()
        self.pool[self.pool.index(worker)] = WorkerProcess(self.context)
        if task is not None:
            task.fail(problem)

    def break_down(self, error: Exception) -> None:
        with self.lock:
            self.broken = error
            waiting, self.waiting = list(self.waiting), deque()
        for task in [*waiting, *(worker.task for worker in self.pool if worker.task)]:
            if not task.future.done():
                task.future.set_exception(error)

    def close(self) -> None:
        if self.thread is not None:
            self.stopping = True
            self.wake()
            self.thread.join()
            for worker in self.pool:
                worker.stop()
            for end in self.wakeup:
                os.close(end)
        self.pool, self.thread, self.wakeup, self.stopping = [], None, None, False

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
            dashboard_address=":0",  # a free port: a second cluster on the machine must not collide
            silence_logs=logging.ERROR,
        )


class SchedulerLost(WorkerDied):
    """The Dask scheduler went away in the middle of a run."""


def check_scheduler_address(address: str) -> str:
    """`address` if it is a Dask scheduler address ([tcp|tls|ws|wss|ucx://]HOST:PORT), else ClaimsError."""
    match = SCHEDULER_RE.match(address.strip())
    if not match or not 0 < int(match["port"]) < 65536:
        raise ClaimsError(f"not a Dask scheduler address: {address!r} (expected tcp://HOST:PORT)")
    return address.strip()


class DaskEngine:
    """Chunks of articles as tasks on a Dask cluster: an existing one at `scheduler`, else a local one.

    Reaching the scheduler and its first worker each wait at most `timeout` seconds; a scheduler lost in
    the middle of a run is SchedulerLost, whose outcomes already yielded stand.
    """

    def __init__(
        self,
        workers: int | None = None,
        scheduler: str | None = None,
        chunk: int = DASK_CHUNK,
        window=None,
        timeout: float = DEFAULT_DASK_TIMEOUT,
    ) -> None:
        self.workers = workers or default_workers()
        self.scheduler, self.chunk = scheduler, chunk
        self.window, self.timeout = window, timeout
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
                self.client = Client(self.scheduler or self.cluster, set_as_default=False, timeout=self.timeout)
            except Exception as error:  # noqa: BLE001  OSError, TimeoutError and Dask's own, all one line
                raise ClaimsError(f"cannot reach the Dask scheduler at {self.scheduler}: {one_line(error)}") from None
            self.wait_for_a_worker()
            self.client.run(warm_up)
        return self.client

    def wait_for_a_worker(self) -> None:
        try:
            self.client.wait_for_workers(1, timeout=self.timeout)
        except Exception:  # noqa: BLE001  a TimeoutError of asyncio's or Dask's making
            where = f"at {self.scheduler}" if self.scheduler else "in the local cluster"
            raise ClaimsError(f"no Dask worker {where} within {self.timeout:g} s (--dask-timeout)") from None

    def map(self, job: Job, items: Iterable[Any]) -> Iterator[Outcome]:
        import asyncio

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
            raise WorkerDied(f"a Dask worker died: {one_line(error)}") from None
        except (Exception, asyncio.CancelledError) as error:  # noqa: BLE001  jobs never raise: this is Dask's
            where = self.scheduler or "of the local cluster"
            raise SchedulerLost(f"lost the Dask scheduler {where}: {one_line(error)}") from None

    def close(self) -> None:
        with suppress(Exception):
            if self.client is not None:
                self.client.close(timeout=self.timeout)
            if self.cluster is not None:
                self.cluster.close(timeout=self.timeout)
        self.client = self.cluster = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def make_engine(
    name: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    models=None,
    article_timeout: float | None = DEFAULT_ARTICLE_TIMEOUT,
    dask_timeout: float | None = None,
):
    """The engine called `name`; one local worker means this very process."""
    if name not in ENGINES:
        raise ClaimsError(f"unknown engine {name!r}: expected one of {', '.join(ENGINES)}")
    if name == "dask":
        return DaskEngine(workers=workers, scheduler=scheduler, timeout=dask_timeout or DEFAULT_DASK_TIMEOUT)
    workers = workers or default_workers()
    if workers == 1:
        return SerialEngine(models=models, article_timeout=article_timeout)
    return LocalEngine(workers, article_timeout=article_timeout)
