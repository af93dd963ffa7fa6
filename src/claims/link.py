"""Ties what the extractors found together: each claim gets the events and counts inside it, and whether it is
quoted. Claims are built by `extractors.sources`; this fills them in."""

from __future__ import annotations

from bisect import bisect_left

from .models import Claim, Event, PrisonerCount, Source

QUOTES = "«»\"„“”"


class SpanIndex:
    """Items by the start of their span, to find those inside a claim without looking at every one."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.order = sorted(range(len(spans)), key=lambda n: spans[n])
        self.starts = [spans[n][0] for n in self.order]
        self.spans = spans

    def inside(self, start: int, end: int) -> list[int]:
        """Indices, in the items' own order, of the spans within [start, end)."""
        first, found = bisect_left(self.starts, start), []
        for position in range(first, bisect_left(self.starts, end, lo=first)):
            n = self.order[position]
            if self.spans[n][1] <= end:
                found.append(n)
        return sorted(found)


def link_claims(text: str, sources: list[Source], events: list[Event], counts: list[PrisonerCount]) -> None:
    event_index = SpanIndex([(e.trigger.start, e.trigger.end) for e in events])
    count_index = SpanIndex([(c.start, c.end) for c in counts])
    for source in sources:
        for claim in source.claims:
            link_claim(text, claim, events, event_index, count_index)


def link_claim(text: str, claim: Claim, events: list[Event], event_index: SpanIndex, count_index: SpanIndex) -> None:
    claim.direct = is_quoted(text, claim.start, claim.end)
    claim.events = [events[n].id for n in event_index.inside(claim.start, claim.end)]
    claim.counts = count_index.inside(claim.start, claim.end)


def is_quoted(text: str, start: int, end: int) -> bool:
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    inside = text[start:end]
    return (before in QUOTES and before != "" and after in QUOTES and after != "") or (
        len(inside) > 1 and inside[0] in QUOTES and inside[-1] in QUOTES
    )
