"""`claims extract`: articles into records, as JSON, JSON Lines, CSV or tables."""

from __future__ import annotations

import sys

import click

from .options import (
    EXIT_FAILED,
    OneLineUsage,
    OneLineUsageError,
    input_options,
    outcome_of,
    published_option,
    read_article,
    read_options,
    width_option,
)

FORMATS = ("json", "jsonl", "csv", "table")
FORMAT_HELP = (
    "json: one indented record (one article only); jsonl: one record a line; csv: one row per actor, event, "
    "prisoner count or source, with the article id and the span; table: Rich tables."
)


@click.command(cls=OneLineUsage)
@click.argument("paths", nargs=-1, metavar="[PATH|-]...")
@published_option
@input_options
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="json", show_default=True, help=FORMAT_HELP
)
@width_option
@click.option("--id", "record_id", help="Record id (default: the file's stem, or 'stdin'); one article only.")
def extract(paths: tuple[str, ...], published, output_format: str, width: int | None, record_id: str | None) -> None:
    """Extract articles (text or HTML files, or standard input with '-') into records.

    The encoding is detected (UTF-8/16/32, cp1251, KOI8-R, cp866, ...) unless --encoding gives it;
    HTML is reduced to its title and main text. A failure is one line on stderr naming the input;
    the other articles go on. For many articles at once, `claims batch` uses every core.

    \b
    Example:
      cat article.txt | claims extract - --published 2025-11-24
      claims extract articles/*.txt --format csv > claims.csv
    """
    paths = paths or ("-",)
    if len(paths) > 1 and (output_format == "json" or record_id):
        problem = "--id names one article" if record_id else "--format json is one article"
        command = click.get_current_context().command_path
        hint = f"for several, use --format jsonl, csv or table (see '{command} --help')"
        raise OneLineUsageError(f"extract: {problem}; {hint}")
    options = read_options()
    sink = Sink(output_format, width)
    failed = False
    for path in paths:
        record = extract_one(path, published, options, record_id)
        failed |= record is None
        if record is not None:
            sink.write(record)
    if failed:
        sys.exit(EXIT_FAILED)


def extract_one(path: str, published, options, record_id: str | None):
    """The record of one article, or None after a one-line message on stderr."""
    from ..errors import InputError

    item = read_article(path, options)
    if isinstance(item, InputError):
        click.echo(f"claims: {item}", err=True)
        return None
    if record_id:
        item.id = record_id
    for warning in [] if options.strict else item.warnings:
        click.echo(f"claims: {item.source}: warning: {warning}", err=True)
    outcome = outcome_of(item, published, options)
    if not outcome.ok:
        click.echo(f"claims: {outcome.source}: {outcome.error}", err=True)
    return outcome.record


class Sink:
    """Writes records to standard output in one format; CSV gets its header once."""

    def __init__(self, output_format: str, width: int | None) -> None:
        self.format, self.width = output_format, width
        self.csv = None

    def write(self, record) -> None:
        if self.format in ("json", "jsonl"):
            click.echo(record.model_dump_json(indent=2 if self.format == "json" else None))
        elif self.format == "csv":
            from ..render.spreadsheet import item_rows

            self.csv_writer().writerows(item_rows(record))
        else:
            from ..render.terminal import print_record

            print_record(record, self.width)

    def csv_writer(self):
        if self.csv is None:
            import csv

            from ..render.spreadsheet import FIELDS

            self.csv = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
            self.csv.writeheader()
        return self.csv
