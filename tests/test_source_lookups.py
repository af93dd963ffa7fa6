"""The indexed lookups the source phrases use: the last fitting mention before an offset, and quoted stretches."""

from __future__ import annotations

import pytest

from claims.extractors.sources.phrases import MentionsByStart, QuotedRanges
from claims.models import Actor, ActorMention


def actor(number: int, kind: str, *starts: int) -> Actor:
    mentions = [ActorMention(start=s, end=s + 3, text="abc") for s in starts]
    return Actor(id=f"A{number}", name=f"Имя{number}", type=kind, mentions=mentions)


ACTORS = [actor(1, "person", 0, 40), actor(2, "organization", 10, 40), actor(3, "person", 25)]


def anything(actor: Actor, start: int) -> bool:
    return True


def people(actor: Actor, start: int) -> bool:
    return actor.type == "person"


LAST_BEFORE = [
    # offset, filter, expected actor, expected start
    (5, anything, "A1", 0),
    (0, anything, None, -1),  # a mention starting at the offset is not before it
    (11, anything, "A2", 10),
    (30, people, "A3", 25),
    (30, lambda a, s: a.type == "organization", "A2", 10),
    (41, anything, "A1", 40),  # two mentions start together: the earlier actor, as in text-order scanning
    (41, lambda a, s: a.id != "A1", "A2", 40),
    (41, lambda a, s: s < 30, "A3", 25),
    (100, lambda a, s: a.type == "location", None, -1),
]


@pytest.mark.parametrize(("offset", "fits", "actor_id", "start"), LAST_BEFORE)
def test_last_mention_before(offset, fits, actor_id, start):
    found, found_start = MentionsByStart(ACTORS).last_before(offset, fits)
    assert (found.id if found else None, found_start) == (actor_id, start)


def brute_force_last_before(actors, offset, fits):
    best, best_start = None, -1
    for a in actors:
        for mention in a.mentions:
            if best_start < mention.start < offset and fits(a, mention.start):
                best, best_start = a, mention.start
    return best, best_start


@pytest.mark.parametrize("offset", range(0, 60, 3))
@pytest.mark.parametrize("fits", [anything, people])
def test_last_mention_before_agrees_with_going_through_every_actor(offset, fits):
    assert MentionsByStart(ACTORS).last_before(offset, fits) == brute_force_last_before(ACTORS, offset, fits)


QUOTES = [
    # quoted stretches, offset, inside
    ([(10, 20)], 15, True),
    ([(10, 20)], 10, False),  # the opening quote mark itself is not inside
    ([(10, 20)], 20, False),
    ([(10, 20)], 5, False),
    ([(10, 20), (20, 30)], 20, False),  # touching stretches stay apart: the mark between them is in neither
    ([(10, 20), (20, 30)], 25, True),
    ([(10, 20), (15, 30)], 20, True),  # overlapping stretches merge
    ([(10, 40), (15, 20)], 30, True),  # a nested stretch does not cut the outer one short
    ([(30, 40), (10, 20)], 35, True),  # in any order
    ([], 0, False),
]


@pytest.mark.parametrize(("quotes", "offset", "inside"), QUOTES)
def test_quoted_ranges(quotes, offset, inside):
    assert QuotedRanges(quotes).inside(offset) is inside
    assert any(s < offset < e for s, e in quotes) is inside
