"""`claims batch`: folders, files and JSON Lines dumps into one record a line."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from collections import Counter
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import click

from .ending import EXIT_INTERRUPTED, EXIT_TERMINATED, exit_code_of
from .options import EXIT_FAILED, EXIT_USAGE, OneLineUsageError, fail, input_options, published_option, read_options

FAILURES_SHOWN = 20


def check_scheduler(ctx, param, value):
    from ..engines import check_scheduler_address
    from ..errors import ClaimsError

    try:
        return value and check_scheduler_address(value)
    except ClaimsError as error:
        raise OneLineUsageError(f"--scheduler: {error}", ctx) from None


def load_publication_map(ctx, param, value):
    from ..errors import InputError
    from ..readers import read_publication_map

    try:
        return value and read_publication_map(Path(value))
    except InputError as error:
        raise OneLineUsageError(f"--published-from: {error}", ctx) from None


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o", "--output", metavar="OUT.jsonl", help="Where to write records, one a line  [default: stdout; none with --db]."
)
@click.option("--db", "db_path", metavar="CLAIMS.db", help="Write every record, with its text, into this database.")
@published_option
@click.option(
    "--published-from",
    "published_map",
    metavar="DATES.json|DATES.csv",
    callback=load_publication_map,
    help="Publication dates by file name or id: a JSON object or `name,date` lines (over the input's own).",
)
@input_options
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    metavar="N",
    help="Worker processes, each loading the models once  [default: the number of cores].",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="A local process pool, or a Dask cluster (needs the dask extra).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    callback=check_scheduler,
    help="An existing Dask scheduler (default: start a local one).",
)
@click.option(
    "--dask-timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=60,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for the Dask scheduler, and then for its first worker.",
)
@click.option(
    "--article-timeout",
    type=click.FloatRange(min=0),
    default=600,
    show_default=True,
    metavar="SECONDS",
    help="Stop an article that takes longer and report it as failed (0: no limit; local engine only).",
)
@click.option("--resume", is_flag=True, help="Keep the records already in OUT.jsonl and do only the rest.")
@click.option("--errors", "errors_path", metavar="FILE.jsonl", help="Write {id, source, error} per failed input.")
@click.option("--quiet", is_flag=True, help="No progress bar or summary.")
def batch(
    inputs: tuple[str, ...],
    output: str | None,
    db_path: str | None,
    published,
    published_map,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    dask_timeout: float,
    article_timeout: float,
    resume: bool,
    errors_path: str | None,
    quiet: bool,
) -> None:
    """Extract every article of folders (*.txt, *.html, *.htm, recursively), files or JSON Lines dumps.

    JSON Lines input has one {"id", "text", "published"?} object a line; a file NAME.txt takes its
    date from a sidecar NAME.meta.json ({"published": "2025-11-24"}) beside it. Records come out in
    input order, each written whole as soon as it and those before it are done, so an interrupted
    run can go on with --resume. An article that fails is reported (and written to --errors) and
    the others go on; the exit code is then 1.

    \b
    Example:
      claims batch articles/ dump.jsonl -o claims.jsonl --workers 4
      claims batch dump.jsonl -o claims.jsonl --resume --errors failed.jsonl
      claims batch articles/ --db claims.db --resume
      claims batch dump.jsonl -o claims.jsonl --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from rich.console import Console

    from ..batch import count_articles
    from ..engines import default_workers, one_blas_thread
    from ..errors import ClaimsError

    one_blas_thread()
    output = "-" if output is None and not db_path else output
    if scheduler and engine != "dask":
        fail("--scheduler goes with --engine dask", EXIT_USAGE)
    if resume and output == "-":
        fail("--resume needs an output file (-o OUT.jsonl)", EXIT_USAGE)
    done = checked_outputs(inputs, output, errors_path, resume, db_path)
    database = with_database(db_path, output, resume)
    done = database.done(done)
    remaining = max(0, count_articles(inputs) - sum(done.values()))
    workers = min(workers or default_workers(), max(1, remaining))
    run = Run(console=Console(stderr=True), quiet=quiet, output=output or db_path)
    run.engine_options = {"article_timeout": article_timeout, "dask_timeout": dask_timeout}
    run.published_map = published_map or {}
    try:
        with open_output(output, append=resume) as sink, open_errors(errors_path) as errors, database:
            run.execute(inputs, published, done, database.sink(sink), errors, engine, workers, scheduler, remaining)
    except ClaimsError as error:
        fail(str(error))
    run.finish()


def checked_outputs(inputs, output: str | None, errors_path: str | None, resume: bool, db_path: str | None) -> Counter:
    """Refuse unsafe outputs before any file is opened; on --resume, the ids already written to OUT."""
    from ..batch import resume_state
    from ..errors import ClaimsError
    from ..outputs import check_outputs, take_up_partial
    from ..readers import ARTICLE_SUFFIXES

    try:
        check_outputs(inputs, {"-o": output, "--errors": errors_path, "--db": db_path}, ARTICLE_SUFFIXES)
        if not resume or not output:
            return Counter()
        take_up_partial(output)
        return resume_state(output)
    except ClaimsError as error:
        fail(str(error), EXIT_USAGE)


@dataclass
class Run:
    """One batch run as the terminal sees it: counts, failures, progress and Ctrl-C."""

    console: object
    quiet: bool
    output: str
    engine_options: dict = field(default_factory=dict)
    published_map: dict = field(default_factory=dict)
    skipped: int = 0
    written: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    interrupted: int = 0  # the exit code of the signal that stopped the run
    crashed: str | None = None
    started: float = field(default_factory=time.monotonic)

    def execute(self, inputs, published, done, sink, errors, engine, workers, scheduler, total) -> None:
        from ..batch import run_batch, skip_done
        from ..engines import WorkerDied, make_engine
        from ..errors import ClaimsError
        from ..readers import dated_by, iter_articles

        options = read_options()
        articles = dated_by(iter_articles(inputs, options, defer_html=True), self.published_map)
        items = skip_done(articles, done, on_skip=self.skip)
        pool = make_engine(engine, workers, scheduler, **self.engine_options)
        try:
            with pool, progress_bar(self.console, self.quiet, total) as bar:
                outcomes = run_batch(items, published=published, options=options, engine=pool, on_done=bar.done)
                with closing(outcomes), stop_on_ctrl_c() as stop:
                    for outcome in outcomes:
                        self.record(outcome, sink, errors)
                        if stop.requested:
                            self.interrupted = stop.requested
                            break
        except KeyboardInterrupt as stop:
            self.interrupted = exit_code_of(stop)
        except WorkerDied as error:
            self.crashed = str(error)
        except ClaimsError as error:
            fail(str(error))

    def skip(self, _id: str) -> None:
        self.skipped += 1

    def record(self, outcome, sink, errors) -> None:
        if outcome.ok:
            write_line(sink, outcome.line)
            self.written += 1
            return
        self.failed += 1
        if len(self.failures) < FAILURES_SHOWN:
            self.failures.append((outcome.source, outcome.error))
        if errors is not None:
            line = {"id": outcome.id, "source": outcome.source, "error": outcome.error}
            write_line(errors, json.dumps(line, ensure_ascii=False))
        self.say(f"claims: {outcome.source}: {outcome.error}")

    def say(self, message: str) -> None:
        if self.quiet:
            click.echo(message, err=True)
        else:
            self.console.print(message, markup=False, highlight=False, soft_wrap=True)

    def finish(self) -> None:
        if not self.quiet:
            self.console.print(summary_table(self, time.monotonic() - self.started))
            if self.failures:
                self.console.print(failures_table(self))
        if self.interrupted or self.crashed:
            self.say(f"claims: {self.crashed or 'interrupted'}; {self.stopped_note()}")
            sys.exit(self.interrupted or EXIT_FAILED)
        if self.failed:
            sys.exit(EXIT_FAILED)

    def stopped_note(self) -> str:
        if self.output == "-":
            return f"{self.written} whole records written"
        return f"{self.output} holds {self.written} more whole records; run the same command with --resume for the rest"


def write_line(sink, line: str) -> None:
    sink.write(line + "\n")
    sink.flush()


def summary_table(run: Run, seconds: float):
    from rich.table import Table

    table = Table(title="Batch summary", title_justify="left")
    processed = run.written + run.failed
    columns = {
        "articles": str(processed + run.skipped),
        "extracted": str(run.written),
        "failed": str(run.failed),
        "already done": str(run.skipped),
        "seconds": f"{seconds:.1f}",
        "articles/s": f"{processed / seconds:.2f}" if seconds > 0 else "—",
    }
    for name in columns:
        table.add_column(name)
    table.add_row(*columns.values())
    return table


def failures_table(run: Run):
    from ..render.terminal import failures_table as table_of

    table = table_of(run.failures)
    if run.failed > len(run.failures):
        table.caption = f"the first {len(run.failures)} of {run.failed} failures"
    return table


def with_database(db_path: str | None, output: str | None, resume: bool):
    """The database of --db (its text included in every record), or a stand-in that writes nothing."""
    from .db import NoDatabase, batch_database

    if not db_path:
        return NoDatabase()
    click.get_current_context().meta["claims.include_text"] = True
    return batch_database(db_path, output, resume)


def open_output(output: str | None, append: bool = False):
    """Nothing (--db alone), standard output, OUT opened to append (--resume), or a new OUT written beside it
    and renamed at the end."""
    from ..outputs import ReplacingOutput

    if output is None:
        return NoClose(None, "no output")
    if output == "-":
        return NoClose(sys.stdout, "standard output")
    if append or not regular_file_or_absent(output):
        return NoClose(open_or_fail(output, "a" if append else "w"), output)
    return ReplacingOutput(output)


def regular_file_or_absent(path: str) -> bool:
    return not os.path.exists(path) or os.path.isfile(path)


def open_errors(path: str | None):
    """Failures of this run; on --resume they are retried, so the file starts afresh too."""
    return NoClose(None) if path is None else NoClose(open_or_fail(path, "w"), path)


def open_or_fail(path: str, mode: str):
    try:
        return open(path, mode, encoding="utf-8")
    except OSError as error:
        fail(f"{path}: {error.strerror}", EXIT_USAGE)


class NoClose:
    """A stream whose write failures (a full disk) are OutputErrors naming it."""

    def __init__(self, stream, name: str = "") -> None:
        self.stream, self.name = stream, name

    def __enter__(self):
        return self if self.stream is not None else None

    def write(self, text: str) -> None:
        with failures_named(self.name):
            self.stream.write(text)

    def flush(self) -> None:
        with failures_named(self.name):
            self.stream.flush()

    def __exit__(self, kind, *exc) -> None:
        if self.stream is None:
            return
        with failures_named(self.name, quiet=kind is not None):
            try:
                self.stream.flush()
            finally:
                if self.stream is not sys.stdout:
                    close_anyway(self.stream)


def close_anyway(stream) -> None:
    """Close a file whose last flush failed: it closes all the same, then raises again."""
    try:
        stream.close()
    except OSError:
        pass


@contextmanager
def failures_named(name: str, quiet: bool = False):
    from ..outputs import OutputError

    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        if not quiet:
            raise OutputError(name, f"cannot write: {error.strerror or error}") from None


class stop_on_ctrl_c:  # noqa: N801  used as a context manager like a function
    """The first Ctrl-C or SIGTERM asks to stop after the line being written (`requested` is then the exit
    code); a second one stops at once."""

    SIGNALS = {signal.SIGINT: EXIT_INTERRUPTED, signal.SIGTERM: EXIT_TERMINATED}

    def __init__(self) -> None:
        self.requested = 0
        self.previous = {}

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            self.previous = {signum: signal.signal(signum, self.request) for signum in self.SIGNALS}
        return self

    def request(self, signum, frame) -> None:
        self.requested = self.SIGNALS[signum]
        for other in self.SIGNALS:
            signal.signal(other, self.previous[other])

    def __exit__(self, *exc) -> None:
        for signum, previous in self.previous.items():
            signal.signal(signum, previous)


class progress_bar:  # noqa: N801  used as a context manager like a function
    """A Rich progress bar with an ETA on stderr; `done(outcome)` counts one article."""

    def __init__(self, console, quiet: bool, total: int | None = None) -> None:
        self.console, self.quiet, self.total = console, quiet, total
        self.progress = self.task = None

    def __enter__(self):
        if self.quiet:
            return self
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("articles"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
        )
        self.progress.start()
        self.task = self.progress.add_task("extract", total=self.total or None, failed=0)
        return self

    def done(self, outcome) -> None:
        if self.progress is None:
            return
        failed = self.progress.tasks[0].fields["failed"] + (not outcome.ok)
        self.progress.update(self.task, advance=1, failed=failed)

    def __exit__(self, *exc) -> None:
        if self.progress:
            self.progress.stop()
