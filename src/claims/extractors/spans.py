"""Spans found by their position: which of many spans overlap a range, without scanning them all."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Generic, TypeVar

from ..models import Actor

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Values with character ranges [start, end); `overlapping` answers in the order they were given."""

    def __init__(self, spans: Iterable[tuple[int, int, T]]) -> None:
        entries = [(start, end, order, value) for order, (start, end, value) in enumerate(spans)]
        self.entries = sorted(entries, key=lambda entry: (entry[0], entry[2]))
        self.starts = [entry[0] for entry in self.entries]
        self.longest = max((end - start for start, end, _, _ in self.entries), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """(start, end, value) of every span that overlaps [start, end), in the order given."""
        first = bisect_left(self.starts, start - self.longest)
        last = bisect_left(self.starts, end)
        found = [entry for entry in self.entries[first:last] if start < entry[1]]
        return [(s, e, value) for s, e, _, value in sorted(found, key=lambda entry: entry[2])]


class ActorIndex:
    """The actors of an article by the positions of their mentions."""

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = actors
        self.mentions = SpanIndex((m.start, m.end, actor) for actor in actors for m in actor.mentions)

    def at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end), preferring the tightest mention (then the first)."""
        found = self.mentions.overlapping(start, end)
        if not found:
            return None
        return min(found, key=lambda entry: entry[1] - entry[0])[2]
