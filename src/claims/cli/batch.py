"""`claims batch`: folders, files and JSON Lines dumps into one record a line."""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field

import click

from .options import EXIT_FAILED, EXIT_USAGE, fail, input_options, published_option, read_options

EXIT_INTERRUPTED = 130
FAILURES_SHOWN = 20


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o", "--output", metavar="OUT.jsonl", help="Where to write records, one a line  [default: stdout; none with --db]."
)
@click.option("--db", "db_path", metavar="CLAIMS.db", help="Write every record, with its text, into this database.")
@published_option
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
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="An existing Dask scheduler (default: start a local one).")
@click.option("--resume", is_flag=True, help="Keep the records already in OUT.jsonl and do only the rest.")
@click.option("--errors", "errors_path", metavar="FILE.jsonl", help="Write {id, source, error} per failed input.")
@click.option("--quiet", is_flag=True, help="No progress bar or summary.")
def batch(
    inputs: tuple[str, ...],
    output: str | None,
    db_path: str | None,
    published,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    resume: bool,
    errors_path: str | None,
    quiet: bool,
) -> None:
    """Extract every article of folders (*.txt, recursively), files or JSON Lines dumps.

    JSON Lines input has one {"id", "text", "published"?} object a line. Records come out in
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

    from ..batch import count_articles, resume_state
    from ..engines import default_workers, one_blas_thread
    from ..errors import InputError

    one_blas_thread()
    output = "-" if output is None and not db_path else output
    if scheduler and engine != "dask":
        fail("--scheduler goes with --engine dask", EXIT_USAGE)
    if resume and output == "-":
        fail("--resume needs an output file (-o OUT.jsonl)", EXIT_USAGE)
    try:
        done = resume_state(output) if resume and output else Counter()
    except InputError as error:
        fail(str(error), EXIT_USAGE)
    database = with_database(db_path, output, resume)
    done = database.done(done)
    remaining = max(0, count_articles(inputs) - sum(done.values()))
    workers = min(workers or default_workers(), max(1, remaining))
    run = Run(console=Console(stderr=True), quiet=quiet, output=output or db_path)
    with open_output(output, append=resume) as sink, open_errors(errors_path) as errors, database:
        run.execute(inputs, published, done, database.sink(sink), errors, engine, workers, scheduler, remaining)
    run.finish()


@dataclass
class Run:
    """One batch run as the terminal sees it: counts, failures, progress and Ctrl-C."""

    console: object
    quiet: bool
    output: str
    skipped: int = 0
    written: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False
    crashed: str | None = None
    started: float = field(default_factory=time.monotonic)

    def execute(self, inputs, published, done, sink, errors, engine, workers, scheduler, total) -> None:
        from ..batch import run_batch, skip_done
        from ..engines import WorkerDied, make_engine
        from ..errors import ClaimsError
        from ..readers import iter_articles

        options = read_options()
        items = skip_done(iter_articles(inputs, options), done, on_skip=self.skip)
        try:
            with make_engine(engine, workers, scheduler) as pool, progress_bar(self.console, self.quiet, total) as bar:
                outcomes = run_batch(items, published=published, options=options, engine=pool, on_done=bar.done)
                with closing(outcomes), stop_on_ctrl_c() as stop:
                    for outcome in outcomes:
                        self.record(outcome, sink, errors)
                        if stop.requested:
                            self.interrupted = True
                            break
        except KeyboardInterrupt:
            self.interrupted = True
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
            sys.exit(EXIT_INTERRUPTED if self.interrupted else EXIT_FAILED)
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
    if output is None:
        return NoClose(None)
    if output == "-":
        return NoClose(sys.stdout)
    try:
        return open(output, "a" if append else "w", encoding="utf-8")
    except OSError as error:
        fail(f"{output}: {error.strerror}", EXIT_USAGE)


def open_errors(path: str | None):
    """Failures of this run; on --resume they are retried, so the file starts afresh too."""
    if path is None:
        return NoClose(None)
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as error:
        fail(f"{path}: {error.strerror}", EXIT_USAGE)


class NoClose:
    def __init__(self, stream) -> None:
        self.stream = stream

    def __enter__(self):
        return self.stream

    def __exit__(self, *exc) -> None:
        if self.stream is not None:
            self.stream.flush()


class stop_on_ctrl_c:  # noqa: N801  used as a context manager like a function
    """The first Ctrl-C asks to stop after the line being written; a second one stops at once."""

    def __init__(self) -> None:
        self.requested = False
        self.previous = None

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self.request)
        return self

    def request(self, signum, frame) -> None:
        self.requested = True
        signal.signal(signal.SIGINT, signal.default_int_handler)

    def __exit__(self, *exc) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


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
