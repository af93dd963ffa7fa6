"""What extractors know about an article besides its analysed text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .models import Actor, DateSpan, Event


@dataclass
class Context:
    published: dt.date | None = None
    morph_vocab: Any = None
    actors: list[Actor] = field(default_factory=list)
    dates: list[DateSpan] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end), preferring the tightest mention."""
        best, best_size = None, None
        for actor in self.actors:
            for mention in actor.mentions:
                if mention.start < end and start < mention.end:
                    size = mention.end - mention.start
                    if best_size is None or size < best_size:
                        best, best_size = actor, size
        return best
