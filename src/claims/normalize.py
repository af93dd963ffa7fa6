"""Noun phrases into the nominative with Natasha's normalizer, on spaCy tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class NatashaToken:
    """The attributes natasha.norm reads from a token."""

    id: str
    head_id: str
    text: str
    pos: str
    feats: dict
    start: int
    stop: int


def natasha_tokens(span) -> list[NatashaToken]:
    return [
        NatashaToken(
            id=str(t.i),
            head_id=str(t.head.i) if t.head.i != t.i else "root",
            text=t.text,
            pos=t.pos_,
            feats=t.morph.to_dict(),
            start=t.idx,
            stop=t.idx + len(t.text),
        )
        for t in span
        if not t.is_space
    ]


def inflect_phrase(span, morph_vocab: Any, *, head_only: bool = False) -> str:
    """«Дональда Трампа» → «Дональд Трамп»; with head_only, only the head and its adjectives change."""
    from natasha.norm import normalize, syntax_normalize

    tokens = natasha_tokens(span)
    if not tokens or morph_vocab is None:
        return span.text
    method = syntax_normalize if head_only else normalize
    return method(morph_vocab, tokens)


def normal_key(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())
