"""`claims show`: one article with its record's spans highlighted, in the terminal or as an HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from .options import (
    EXIT_USAGE,
    OneLineUsage,
    fail,
    published_option,
    read_one,
    read_options,
    record_of,
    viewing_options,
    width_option,
)


@click.command(cls=OneLineUsage)
@click.argument("path", default="-", metavar="[PATH|-]")
@published_option
@viewing_options
@click.option("--html", "html_path", metavar="OUT.html", help="Write a self-contained HTML page instead.")
@width_option
@click.option("--explain", is_flag=True, help="Also list which extraction rule found each item.")
def show(path: str, published, html_path: str | None, width: int | None, explain: bool) -> None:
    """Show an article with its actors, dates, counts and source cues highlighted, and the record's tables.

    The HTML page works offline: hover over or tap a highlight to see its normalized value.

    \b
    Example:
      claims show article.txt --published 2025-11-24
      claims show article.txt --html article.html
      claims show article.txt --explain
    """
    record, text = extract_one(path, published)
    if html_path:
        from ..render.html import show_page

        write_page(html_path, show_page(record, text))
        click.echo(f"claims: wrote {html_path}", err=True)
        return
    from ..render.show import print_article

    print_article(record, text, width)
    if explain:
        from rich.console import Console

        from ..render.explain import explain_table

        Console(width=width).print(explain_table(record))


def extract_one(path: str, published):
    """The record of one article and the text its offsets point into."""
    options = read_options()
    item = read_one(path, options)
    return record_of(item, published, options), item.text


def write_page(path: str, page: str) -> None:
    try:
        Path(path).write_text(page, encoding="utf-8")
    except OSError as error:
        fail(f"{path}: {error.strerror}", EXIT_USAGE)
