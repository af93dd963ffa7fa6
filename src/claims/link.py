"""Ties what the extractors found together: each claim gets the events and counts inside it."""

from __future__ import annotations

from .models import Claim, Event, PrisonerCount, Source

QUOTES = "«»\"„“”"


def link_claims(text: str, sources: list[Source], events: list[Event], counts: list[PrisonerCount]) -> None:
    for source in sources:
        source.claims = [linked_claim(text, claim, events, counts) for claim in source.claims]


def linked_claim(text: str, claim, events: list[Event], counts: list[PrisonerCount]) -> Claim:
    return Claim(
        start=claim.start,
        end=claim.end,
        text=claim.text,
        direct=is_quoted(text, claim.start, claim.end),
        events=[e.id for e in events if claim.start <= e.trigger.start and e.trigger.end <= claim.end],
        counts=[n for n, c in enumerate(counts) if claim.start <= c.start and c.end <= claim.end],
    )


def is_quoted(text: str, start: int, end: int) -> bool:
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    inside = text[start:end]
    return (before in QUOTES and before != "" and after in QUOTES and after != "") or (
        len(inside) > 1 and inside[0] in QUOTES and inside[-1] in QUOTES
    )
