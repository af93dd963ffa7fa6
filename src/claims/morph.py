"""pymorphy2, through Natasha's MorphVocab, as the extractors ask it: parses, normal forms, inflection.

`Morph(vocab)` is a value: two made over one MorphVocab are equal, so the lookups cached on it
(`normal_forms` and inflections here, number words in `extractors.numbers`) last across articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import caches


@dataclass(frozen=True)
class Morph:
    vocab: Any

    def parse(self, word: str) -> list:
        """The analyses of `word`; none for letters pymorphy2 cannot name (Tangut, …), where it raises.
        Asked in the lowercase that lemmatizing asked (`lookup_form`), so it is found in the vocab's cache."""
        try:
            return self.vocab.parse(lookup_form(word))
        except ValueError:
            return []

    @staticmethod
    def inflect(parse: Any, grammemes: set[str]) -> Any:
        """`parse` in OpenCorpora grammemes («nomn», «plur»); Natasha's own inflect takes UD features."""
        return inflected(parse, frozenset(grammemes))

    def normal_forms(self, word: str) -> tuple[str, ...]:
        """Every normal form of `word` and the word itself, lowercased with ё → е, sorted and distinct."""
        return normal_forms(self, word)


def lookup_form(word: str) -> str:
    """The form of `word` whose analyses are the same as its own: lowercase, save where pymorphy2 reads the case
    (a single capital is an initial, a Latin capital a Roman numeral) or where «ё» would become «е»."""
    lowered = word.lower()
    if len(word) > 1 and "ё" not in lowered and not lowered.isascii():
        return lowered
    return word


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=caches.WORDS)
def normal_forms(morph: Morph, word: str) -> tuple[str, ...]:
    """(a tuple: a third of a frozenset's memory in a cache of 50,000)"""
    word = fold(word)
    return tuple(sorted({fold(p.normal_form) for p in morph.parse(word)} | {word}))


@lru_cache(maxsize=caches.PHRASES)
def inflected(parse: Any, grammemes: frozenset[str]) -> Any:
    from pymorphy2.analyzer import Parse

    return Parse.inflect(parse, grammemes)
