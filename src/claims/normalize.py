"""Noun phrases into the nominative with Natasha's normalizer, on spaCy tokens.

A phrase is given to the normalizer with token ids and offsets counted from its own start, so that the same
words with the same tags give the same key wherever they stand: results are cached across articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import caches


@dataclass(frozen=True)
class NatashaToken:
    """The attributes natasha.norm reads from a token (a value: hashed with its features)."""

    id: str
    head_id: str
    text: str
    pos: str
    feats: dict
    start: int
    stop: int

    def __hash__(self) -> int:
        feats = tuple(sorted(self.feats.items()))
        return hash((self.id, self.head_id, self.text, self.pos, feats, self.start, self.stop))


def natasha_tokens(span) -> tuple[NatashaToken, ...]:
    first, offset = span.start, span.start_char
    return tuple(
        NatashaToken(
            id=str(t.i - first),
            head_id=str(t.head.i - first) if t.head.i != t.i else "root",
            text=t.text,
            pos=t.pos_,
            feats=t.morph.to_dict(),
            start=t.idx - offset,
            stop=t.idx - offset + len(t.text),
        )
        for t in span
        if not t.is_space
    )


def inflect_phrase(span, morph_vocab: Any, *, head_only: bool = False) -> str:
    """«Дональда Трампа» → «Дональд Трамп»; with head_only, only the head and its adjectives change."""
    tokens = natasha_tokens(span)
    if not tokens or morph_vocab is None:
        return span.text
    return normalized(tokens, morph_vocab, head_only)


@lru_cache(maxsize=caches.PHRASES)
def normalized(tokens: tuple[NatashaToken, ...], morph_vocab: Any, head_only: bool) -> str:
    from natasha.norm import normalize, syntax_normalize

    return (syntax_normalize if head_only else normalize)(morph_vocab, list(tokens))


def normal_key(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())
