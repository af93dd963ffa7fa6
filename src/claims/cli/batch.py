"""`claims batch`: folders, files and JSON Lines dumps into one record a line."""

from __future__ import annotations

import sys
import time

import click

from .options import EXIT_FAILED, EXIT_USAGE, fail, input_options, published_option, read_options


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", default="-", metavar="OUT.jsonl", help="Where to write records, one a line.")
@published_option
@input_options
@click.option("--quiet", is_flag=True, help="No progress bar or summary.")
def batch(inputs: tuple[str, ...], output: str, published, quiet: bool) -> None:
    """Extract every article of folders (*.txt, recursively), files or JSON Lines dumps.

    JSON Lines input has one {"id", "text", "published"?} object a line. Records come out in
    input order; an article that fails is listed at the end and the others go on (exit code 1).

    \b
    Example:
      claims batch articles/ dump.jsonl -o claims.jsonl
    """
    from rich.console import Console

    from ..batch import run_batch
    from ..readers import iter_articles
    from ..render.terminal import failures_table, summary_table

    console = Console(stderr=True)
    started = time.monotonic()
    done, failed = 0, []
    with open_output(output) as sink, progress_bar(console, quiet) as advance:
        options = read_options()
        for outcome in run_batch(iter_articles(inputs, options), published=published, options=options):
            if outcome.ok:
                sink.write(outcome.record.model_dump_json() + "\n")
                sink.flush()
                done += 1
            else:
                failed.append((outcome.source, outcome.error))
            advance()
    if not quiet:
        console.print(summary_table(done, failed, time.monotonic() - started))
    if failed:
        if not quiet:
            console.print(failures_table(failed))
        for source, problem in failed:
            click.echo(f"claims: {source}: {problem}", err=True)
        sys.exit(EXIT_FAILED)


def open_output(output: str):
    if output == "-":
        return NoClose(sys.stdout)
    try:
        return open(output, "w", encoding="utf-8")
    except OSError as error:
        fail(f"{output}: {error.strerror}", EXIT_USAGE)


class NoClose:
    def __init__(self, stream) -> None:
        self.stream = stream

    def __enter__(self):
        return self.stream

    def __exit__(self, *exc) -> None:
        self.stream.flush()


class progress_bar:  # noqa: N801  used as a context manager like a function
    """A Rich progress bar on stderr; yields a function that advances it by one."""

    def __init__(self, console, quiet: bool) -> None:
        self.console, self.quiet, self.progress = console, quiet, None

    def __enter__(self):
        if self.quiet:
            return lambda: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("articles"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=self.console
        )
        self.progress.start()
        task = self.progress.add_task("extract", total=None)
        return lambda: self.progress.advance(task)

    def __exit__(self, *exc) -> None:
        if self.progress:
            self.progress.stop()
