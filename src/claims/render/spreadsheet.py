"""A record as flat rows for CSV: one row per actor, event, prisoner count or source, with the article and span.

Every row has every column; a column that does not apply to an item is empty. The span is the item's own
(a count, an event's trigger) or its first mention (an actor, a source).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..models import Record, Span
from .highlight import claim_line
from .views import source_names, via_names

FIELDS = (
    "article", "item", "id", "start", "end", "text", "name", "kind", "mentions", "roles", "date", "date_value",
    "agents", "low", "high", "qualifier", "status", "group", "event", "cue", "stance", "via", "claims",
)  # fmt: skip
LIST_SEPARATOR = " | "
WHOLE = 10**9  # claims are written whole, never shortened


def item_rows(record: Record) -> Iterator[dict[str, str | int]]:
    names = {actor.id: actor.name for actor in record.actors}
    for actor in record.actors:
        yield row(record, "actor", actor.id, first(actor.mentions), name=actor.name, kind=actor.type,
                  mentions=len(actor.mentions), roles=LIST_SEPARATOR.join(actor.roles))  # fmt: skip
    for event in record.events:
        date = event.date
        yield row(record, "event", event.id, event.trigger, name=event.lemma, kind=event.kind,
                  date=date.text if date else "", date_value=date.value if date else "",
                  agents=LIST_SEPARATOR.join(names.get(agent, agent) for agent in event.agents))  # fmt: skip
    for number, count in enumerate(record.prisoner_counts, 1):
        yield row(record, "count", f"C{number}", count, low=optional(count.low), high=optional(count.high),
                  qualifier=count.qualifier, status=count.status, group=count.group or "",
                  event=count.event or "")  # fmt: skip
    sources = source_names(record)
    for source in record.sources:
        yield row(record, "source", source.id, first(source.mentions), name=source.name, kind=source.kind,
                  mentions=len(source.mentions), cue=source.cue, stance=source.stance, via=via_names(source, sources),
                  claims=LIST_SEPARATOR.join(claim_line(claim, WHOLE) for claim in source.claims))  # fmt: skip


def row(record: Record, item: str, item_id: str, span: Span | None, **values) -> dict[str, str | int]:
    located = {"start": span.start, "end": span.end, "text": span.text} if span else {}
    return {name: "" for name in FIELDS} | {"article": record.id, "item": item, "id": item_id} | located | values


def first(spans: list) -> Span | None:
    return spans[0] if spans else None


def optional(value: int | None) -> int | str:
    return "" if value is None else value
