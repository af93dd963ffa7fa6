"""Brackets and quotes: which pairs exist, and whether a phrase or a run of tokens closes what it opens.

One owner for the pairs: actor spans are cut and extended with these, and `audit` checks records with them.
"""

from __future__ import annotations

from collections.abc import Sequence

# An opener and its partner; «“» closes «„» and opens an English-style «“…”».
OPENERS = {"(": ")", "[": "]", "{": "}", "«": "»", "„": "“", "“": "”"}
CLOSERS = frozenset({")", "]", "}", "»", "”"})
STRAIGHT_QUOTE = '"'


def unmatched(marks: Sequence[str]) -> list[int]:
    """Positions of the brackets and quotes in `marks` (tokens or characters) that have no partner among them.

    Straight quotes pair up left to right; an odd one out is the last.
    """
    stack: list[int] = []
    lonely: list[int] = []
    for index, mark in enumerate(marks):
        if stack and mark == OPENERS[marks[stack[-1]]]:
            stack.pop()
        elif mark in OPENERS:
            stack.append(index)
        elif mark in CLOSERS:
            lonely.append(index)
    straight = [index for index, mark in enumerate(marks) if mark == STRAIGHT_QUOTE]
    if len(straight) % 2:
        lonely.append(straight[-1])
    return sorted(lonely + stack)


def is_balanced(phrase: str) -> bool:
    return not unmatched(phrase)


def closes(marks: Sequence[str], following: str) -> bool:
    """Whether `following` is the partner of the last mark left open in `marks`."""
    lonely = unmatched(marks)
    if not lonely:
        return False
    last = marks[lonely[-1]]
    return following == (STRAIGHT_QUOTE if last == STRAIGHT_QUOTE else OPENERS.get(last))



def opens(preceding: str, marks: Sequence[str]) -> bool:
    """Whether `preceding` is the partner of the first mark in `marks` that closes nothing opened before it."""
    lonely = unmatched(marks)
    if not lonely:
        return False
    first = marks[lonely[0]]
    if first == STRAIGHT_QUOTE:
        return preceding == STRAIGHT_QUOTE
    return first in CLOSERS and OPENERS.get(preceding) == first
