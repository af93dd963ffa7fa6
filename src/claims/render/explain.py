"""`claims show --explain`: which rule produced each item of a record made in this process.

The rule names are those of the extractors (a date rule of `dates.RULES`, a status rule of
`counts.STATUS_RULES`, a cue finder and phrase reader of `sources`, ...). A record read back from JSON
has none: they are not part of the record.
"""

from __future__ import annotations

from rich.table import Table

from ..models import Record, rule_of


def explain_rows(record: Record) -> list[tuple[str, str, str, str]]:
    """(kind, id, text, rule) for each actor, event, event date, count and source."""
    rows = [("actor", actor.id, actor.name, rule_of(actor)) for actor in record.actors]
    for event in record.events:
        rows.append(("event", event.id, f"{event.trigger.text} ({event.kind})", rule_of(event)))
        if event.date is not None:
            rows.append(("date", event.id, event.date.text, rule_of(event.date)))
    rows += [("count", f"C{n}", count.text, rule_of(count)) for n, count in enumerate(record.prisoner_counts, 1)]
    rows += [("source", source.id, source.name, rule_of(source)) for source in record.sources]
    return [(kind, item, text, rule or "—") for kind, item, text, rule in rows]


def explain_table(record: Record) -> Table:
    table = Table(title="Which rule found each item", title_justify="left")
    for column in ("kind", "id", "text", "rule"):
        table.add_column(column)
    for row in explain_rows(record):
        table.add_row(*row)
    return table
