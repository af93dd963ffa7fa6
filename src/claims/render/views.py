"""The record's tables as plain data: the terminal's Rich tables and the HTML page's tables are both drawn from these.

A column says how its cells may wrap: `text` between words, `word` never (ids, kinds, ISO values), `number`
never and right-aligned. A cell is one line, or several (a source's claims, one a line).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Record, Source
from .highlight import claim_line

TEXT, WORD, NUMBER = "text", "word", "number"

Cell = str | tuple[str, ...]


@dataclass(frozen=True)
class Column:
    name: str
    wrap: str = TEXT


@dataclass(frozen=True)
class TableView:
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]


def columns(*spec: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(name, wrap) for name, wrap in spec)


def record_views(record: Record) -> list[TableView]:
    names = {actor.id: actor.name for actor in record.actors}
    return [actors_view(record), events_view(record, names), counts_view(record), sources_view(record)]


def actors_view(record: Record) -> TableView:
    spec = columns(("id", WORD), ("name", TEXT), ("type", WORD), ("mentions", NUMBER), ("roles", TEXT))
    rows = [
        (actor.id, actor.name, actor.type, str(len(actor.mentions)), "; ".join(actor.roles)) for actor in record.actors
    ]
    return TableView(f"Actors — {record.id}", spec, rows)


def events_view(record: Record, names: dict[str, str]) -> TableView:
    spec = columns(("id", WORD), ("trigger", TEXT), ("kind", WORD), ("agents", TEXT), ("date", TEXT), ("value", WORD))
    rows = [
        (
            event.id,
            event.trigger.text,
            event.kind,
            ", ".join(names.get(agent, agent) for agent in event.agents),
            event.date.text if event.date else "",
            event.date.value if event.date else "",
        )
        for event in record.events
    ]
    return TableView("Dated events", spec, rows)


def counts_view(record: Record) -> TableView:
    spec = columns(
        ("text", TEXT), ("low", NUMBER), ("high", NUMBER), ("qualifier", WORD), ("status", WORD), ("group", TEXT)
    )
    rows = [
        (count.text, bound(count.low), bound(count.high), count.qualifier, count.status, count.group or "")
        for count in record.prisoner_counts
    ]
    return TableView("Prisoner counts", spec, rows)


def sources_view(record: Record, with_claims: bool = True) -> TableView:
    """Who says so, and (`with_claims`) what each source says, one claim a line."""
    spec = columns(("id", WORD), ("name", TEXT), ("kind", WORD), ("cue", TEXT), ("stance", WORD), ("via", TEXT))
    names = source_names(record)
    rows = [
        (source.id, source.name, source.kind, source.cue, source.stance, via_names(source, names))
        + ((tuple(claim_line(claim) for claim in source.claims),) if with_claims else ())
        for source in record.sources
    ]
    return TableView("Sources", spec + columns(("claims", TEXT)) if with_claims else spec, rows)


def claims_view(record: Record) -> TableView:
    """What each source says, one claim a row: the Sources table's last column as a table of its own."""
    spec = columns(("source", TEXT), ("claim", TEXT))
    rows = [
        (f"{source.id} {source.name}" if number == 0 else "", claim_line(claim))
        for source in record.sources
        for number, claim in enumerate(source.claims)
    ]
    return TableView("Claims", spec, rows)


def source_names(record: Record) -> dict[str, str]:
    return {source.id: source.name for source in record.sources}


def via_names(source: Source, names: dict[str, str]) -> str:
    return ", ".join(names.get(v, v) for v in source.via)


def bound(value: int | None) -> str:
    return "—" if value is None else str(value)
