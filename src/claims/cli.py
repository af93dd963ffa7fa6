"""The `claims` command: parse options, call the library, render. Models load only inside commands."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from .errors import InputError, PublishedDateError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def published_option(function):
    return click.option(
        "--published",
        metavar="YYYY-MM-DD",
        callback=check_published,
        help="Publication date for resolving relative dates (overrides the input's own and any dateline).",
    )(function)


def check_published(ctx, param, value):
    from .readers import parse_published

    try:
        return parse_published(value)
    except PublishedDateError as error:
        raise click.BadParameter(str(error)) from None


def fail(message: str, code: int = EXIT_FAILED) -> None:
    click.echo(f"claims: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claims")
def main() -> None:
    """Extract actors, dated events, prisoner counts and sources from Russian news articles.

    \b
    Example:
      claims extract article.txt --published 2025-11-24 --format table
    """


@main.command()
@click.argument("path", default="-", metavar="[PATH|-]")
@published_option
@click.option("--format", "output_format", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("--id", "record_id", help="Record id (default: the file's stem, or 'stdin').")
def extract(path: str, published, output_format: str, record_id: str | None) -> None:
    """Extract one article (a file, or standard input with '-') into one record.

    \b
    Example:
      cat article.txt | claims extract - --published 2025-11-24
    """
    from .batch import process
    from .readers import guarded, read_file, read_stdin

    item = guarded(read_stdin) if path == "-" else guarded(read_file, Path(path))
    if isinstance(item, InputError):
        fail(str(item))
    if record_id:
        item.id = record_id
    outcome = process(item, published=published)
    if not outcome.ok:
        fail(f"{outcome.source}: {outcome.error}")
    emit_record(outcome.record, output_format)


def emit_record(record, output_format: str) -> None:
    if output_format == "json":
        click.echo(record.model_dump_json(indent=2))
        return
    from rich.console import Console

    from .render.terminal import print_record

    print_record(record, Console())


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", default="-", metavar="OUT.jsonl", help="Where to write records, one a line.")
@published_option
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

    from .batch import run_batch
    from .readers import iter_articles
    from .render.terminal import failures_table, summary_table

    console = Console(stderr=True)
    started = time.monotonic()
    done, failed = 0, []
    with open_output(output) as sink, progress_bar(console, quiet) as advance:
        for outcome in run_batch(iter_articles(inputs), published=published):
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


@main.command()
def schema() -> None:
    """Print the JSON Schema of the record.

    \b
    Example:
      claims schema > record.schema.json
    """
    from .models import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))

