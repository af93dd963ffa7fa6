"""Ties what the extractors found together: each claim gets the events and counts inside it, and whether it is
quoted. Claims are built by `extractors.sources`; this fills them in."""

from __future__ import annotations

from .models import Claim, Event, PrisonerCount, Source

QUOTES = "«»\"„“”"


def link_claims(text: str, sources: list[Source], events: list[Event], counts: list[PrisonerCount]) -> None:
    for source in sources:
        for claim in source.claims:
            link_claim(text, claim, events, counts)


def link_claim(text: str, claim: Claim, events: list[Event], counts: list[PrisonerCount]) -> None:
    claim.direct = is_quoted(text, claim.start, claim.end)
    claim.events = [e.id for e in events if claim.start <= e.trigger.start and e.trigger.end <= claim.end]
    claim.counts = [n for n, c in enumerate(counts) if claim.start <= c.start and c.end <= claim.end]


def is_quoted(text: str, start: int, end: int) -> bool:
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    inside = text[start:end]
    return (before in QUOTES and before != "" and after in QUOTES and after != "") or (
        len(inside) > 1 and inside[0] in QUOTES and inside[-1] in QUOTES
    )
