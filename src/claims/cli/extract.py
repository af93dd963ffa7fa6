"""`claims extract`: one article into one record."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError
from .options import OneLineUsage, fail, input_options, published_option, read_options


@click.command(cls=OneLineUsage)
@click.argument("path", default="-", metavar="[PATH|-]")
@published_option
@input_options
@click.option("--format", "output_format", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("--id", "record_id", help="Record id (default: the file's stem, or 'stdin').")
def extract(path: str, published, output_format: str, record_id: str | None) -> None:
    """Extract one article (a text or HTML file, or standard input with '-') into one record.

    The encoding is detected (UTF-8/16/32, cp1251, KOI8-R, cp866, ...) unless --encoding gives it;
    HTML is reduced to its title and main text. A failure is one line on stderr naming the input.

    \b
    Example:
      cat article.txt | claims extract - --published 2025-11-24
    """
    from ..batch import process
    from ..readers import guarded, read_file, read_stdin

    options = read_options()
    item = guarded(read_stdin, options) if path == "-" else guarded(read_file, Path(path), options)
    if isinstance(item, InputError):
        fail(str(item))
    if record_id:
        item.id = record_id
    for warning in [] if options.strict else item.warnings:
        click.echo(f"claims: {item.source}: warning: {warning}", err=True)
    outcome = process(item, published=published, options=options)
    if not outcome.ok:
        fail(f"{outcome.source}: {outcome.error}")
    emit_record(outcome.record, output_format)


def emit_record(record, output_format: str) -> None:
    if output_format == "json":
        click.echo(record.model_dump_json(indent=2))
        return
    from rich.console import Console

    from ..render.terminal import print_record

    print_record(record, Console())
