"""Invisible characters kept out of the analysis, with offsets still into the original text.

Zero-width spaces and joiners, soft hyphens, bidi marks and combining accents change how a word is
tokenised and read («1‏00», «заключе́нных») without changing what a reader sees. The analysis runs on
`Visible.text`, the text without them; a combining mark that composes with the letter before it (и + ◌̆)
becomes the composed letter (й) instead. `Visible.restore` moves a record's spans back onto the original.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

INVISIBLE_RE = re.compile(
    "["
    "\u00ad"  # soft hyphen
    "\u0300-\u036f\u0483-\u0489"  # combining accents, Cyrillic combining marks
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings and isolates
    "\u180e\u200b-\u200d\u2060-\u2064\ufeff"  # zero-width spaces, joiners, word joiner, invisible operators
    "\ufe00-\ufe0f"  # variation selectors
    "]+"
)


@dataclass(frozen=True)
class Drop:
    """`length` original characters left out at boundary `at` of the visible text; `glued` ones belong to
    the character before (they composed with it), so a span ending there takes them in."""

    at: int
    length: int
    glued: bool = False


@dataclass
class Visible:
    original: str
    text: str
    drops: list[Drop] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.at = [drop.at for drop in self.drops]
        self.before = [0, *accumulate(drop.length for drop in self.drops)]

    @property
    def changed(self) -> bool:
        return bool(self.drops)

    def start(self, position: int) -> int:
        """The original offset of a span starting at `position`: past any characters left out there."""
        return position + self.before[bisect_right(self.at, position)]

    def end(self, position: int) -> int:
        """The original offset of a span ending at `position`: before the characters left out there,
        unless they composed with the span's last letter."""
        index = bisect_left(self.at, position)
        glued = index < len(self.drops) and self.drops[index].at == position and self.drops[index].glued
        return position + self.before[index + glued]

    def span(self, start: int, end: int) -> tuple[int, int]:
        if start >= end:
            return self.start(start), self.start(start)
        return self.start(start), self.end(end)

    def restore(self, record) -> None:
        """Every span of `record` (a Pydantic model), moved onto the original text."""
        if self.changed:
            for span in spans_in(record):
                span.start, span.end = self.span(span.start, span.end)
                span.text = self.original[span.start : span.end]


def visible(text: str) -> Visible:
    """`text` without its invisible characters, and how to map offsets back."""
    if not INVISIBLE_RE.search(text):
        return Visible(text, text)
    pieces, drops, cursor, dropped = [], [], 0, 0
    for match in INVISIBLE_RE.finditer(text):
        kept = text[cursor : match.start()]
        composed = composed_letter(kept[-1:], match.group())
        pieces.append(kept[:-1] + composed if composed else kept)
        drops.append(Drop(match.start() - dropped, len(match.group()), glued=bool(composed)))
        dropped += len(match.group())
        cursor = match.end()
    pieces.append(text[cursor:])
    return Visible(text, "".join(pieces), drops)


def composed_letter(letter: str, marks: str) -> str:
    """The one letter that `letter` and the combining marks right after it compose into, or ''."""
    leading = re.match("[\u0300-\u036f\u0483-\u0489]+", marks)
    if not letter.isalpha() or not leading:
        return ""
    composed = unicodedata.normalize("NFC", letter + leading.group())
    return composed if len(composed) == 1 else ""


def spans_in(model):
    from pydantic import BaseModel

    from .models import Span

    if isinstance(model, Span):
        yield model
    for name in type(model).model_fields:
        value = getattr(model, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                yield from spans_in(item)
