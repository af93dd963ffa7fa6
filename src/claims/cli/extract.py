"""`claims extract`: one article into one record."""

from __future__ import annotations

import click

from .options import OneLineUsage, input_options, published_option, read_one, read_options, record_of


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
    options = read_options()
    item = read_one(path, options)
    if record_id:
        item.id = record_id
    for warning in [] if options.strict else item.warnings:
        click.echo(f"claims: {item.source}: warning: {warning}", err=True)
    emit_record(record_of(item, published, options), output_format)


def emit_record(record, output_format: str) -> None:
    if output_format == "json":
        click.echo(record.model_dump_json(indent=2))
        return
    from rich.console import Console

    from ..render.terminal import print_record

    print_record(record, Console())
