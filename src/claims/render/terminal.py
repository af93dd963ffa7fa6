"""Rich tables for one record and for a batch summary."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table

from ..models import Record


def record_tables(record: Record) -> Group:
    names = {actor.id: actor.name for actor in record.actors}
    return Group(
        actors_table(record),
        events_table(record, names),
        counts_table(record),
        sources_table(record, names),
    )


def actors_table(record: Record) -> Table:
    table = Table(title=f"Actors — {record.id}", title_justify="left")
    for column in ("id", "name", "type", "mentions", "roles"):
        table.add_column(column)
    for actor in record.actors:
        table.add_row(actor.id, actor.name, actor.type, str(len(actor.mentions)), "; ".join(actor.roles))
    return table


def events_table(record: Record, names: dict[str, str]) -> Table:
    table = Table(title="Dated events", title_justify="left")
    for column in ("id", "trigger", "kind", "agents", "date", "value"):
        table.add_column(column)
    for event in record.events:
        date = event.date
        table.add_row(
            event.id,
            event.trigger.text,
            event.kind,
            ", ".join(names.get(a, a) for a in event.agents),
            date.text if date else "",
            date.value if date else "",
        )
    return table


def counts_table(record: Record) -> Table:
    table = Table(title="Prisoner counts", title_justify="left")
    for column in ("text", "low", "high", "qualifier", "status", "group"):
        table.add_column(column)
    for count in record.prisoner_counts:
        table.add_row(
            count.text, bound(count.low), bound(count.high), count.qualifier, count.status, count.group or ""
        )
    return table


def sources_table(record: Record, names: dict[str, str]) -> Table:
    table = Table(title="Sources", title_justify="left")
    for column in ("id", "name", "kind", "cue", "stance", "via"):
        table.add_column(column)
    sources = {source.id: source.name for source in record.sources}
    for source in record.sources:
        via = ", ".join(sources.get(v, v) for v in source.via)
        table.add_row(source.id, source.name, source.kind, source.cue, source.stance, via)
    return table


def bound(value: int | None) -> str:
    return "—" if value is None else str(value)


def failures_table(failed: list[tuple[str, str]]) -> Table:
    table = Table(title="Failed inputs", title_justify="left")
    table.add_column("input")
    table.add_column("problem")
    for source, problem in failed:
        table.add_row(source, problem)
    return table


def print_record(record: Record, console: Console) -> None:
    console.print(record_tables(record))
