"""Ties what the extractors found together: each claim gets the events and counts inside it, and whether it is
quoted. Claims are built by `extractors.sources`; this fills them in."""

from __future__ import annotations

from .extractors.spans import SpanIndex
from .models import Claim, Event, PrisonerCount, Source

QUOTES = "«»\"„“”"


def within(index: SpanIndex, start: int, end: int) -> list:
    """The values of the spans within [start, end), in the order they were given."""
    return [value for s, e, value in index.overlapping(start, end) if start <= s and e <= end]


def link_claims(text: str, sources: list[Source], events: list[Event], counts: list[PrisonerCount]) -> None:
    event_index = SpanIndex((e.trigger.start, e.trigger.end, e.id) for e in events)
    count_index = SpanIndex((c.start, c.end, n) for n, c in enumerate(counts))
    for source in sources:
        for claim in source.claims:
            link_claim(text, claim, event_index, count_index)


def link_claim(text: str, claim: Claim, event_index: SpanIndex, count_index: SpanIndex) -> None:
    claim.direct = is_quoted(text, claim.start, claim.end)
    claim.events = within(event_index, claim.start, claim.end)
    claim.counts = within(count_index, claim.start, claim.end)


def is_quoted(text: str, start: int, end: int) -> bool:
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    inside = text[start:end]
    return (before in QUOTES and before != "" and after in QUOTES and after != "") or (
        len(inside) > 1 and inside[0] in QUOTES and inside[-1] in QUOTES
    )
