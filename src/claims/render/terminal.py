"""Rich tables for one record and for a batch summary."""

from __future__ import annotations

from rich.console import Console, Group
from rich.measure import Measurement
from rich.table import Table

from ..models import Record
from .views import NUMBER, TEXT, TableView, claims_view, record_views, sources_view

UNLIMITED = 100_000


def record_tables(record: Record, width: int | None = None) -> Group:
    """The record's tables; where the Sources table would be wider than `width`, the sources' claims move from
    its last column to a Claims table of their own, where they get most of the width."""
    tables = [rich_table(view) for view in record_views(record)]
    if width and content_width(tables[-1], Console(width=width)) > width:
        tables[-1:] = [rich_table(sources_view(record, with_claims=False)), rich_table(claims_view(record))]
    return Group(*tables)


def fitted_tables(record: Record, console: Console, width: int | None) -> Group:
    """The record's tables for `console`: within `width`, else within the terminal; to a pipe or a file, as wide
    as they need (the console widens to them), so that no cell is wrapped or cut."""
    if width is None and not console.is_terminal:
        tables = record_tables(record)
        console.width = content_width(tables, console)
        return tables
    return record_tables(record, console.width)


def rich_table(view: TableView) -> Table:
    table = Table(title=view.title, title_justify="left")
    for column in view.columns:
        table.add_column(
            column.name,
            justify="right" if column.wrap == NUMBER else "left",
            no_wrap=column.wrap != TEXT,
            overflow="fold",
        )
    for row in view.rows:
        table.add_row(*(cell if isinstance(cell, str) else "\n".join(cell) for cell in row))
    return table


def content_width(renderable, console: Console) -> int:
    """The width `renderable` needs to be drawn without wrapping or cutting any cell."""
    return Measurement.get(console, console.options.update_width(UNLIMITED), renderable).maximum


def failures_table(failed: list[tuple[str, str]]) -> Table:
    table = Table(title="Failed inputs", title_justify="left")
    table.add_column("input")
    table.add_column("problem")
    for source, problem in failed:
        table.add_row(source, problem)
    return table


def print_record(record: Record, width: int | None = None) -> None:
    console = Console(width=width)
    console.print(fitted_tables(record, console, width))
