"""Is this Russian? Cyrillic share for the language warning, Russian plausibility for choosing an encoding."""

from __future__ import annotations

import re

MIN_CYRILLIC_SHARE = 0.5

# The most frequent letter pairs of Russian prose (general frequency tables, not our samples).
COMMON_BIGRAMS = frozenset(
    """
    ст но то на ен ов ни ра во ко ос ро ал пр по ре го ер ли ан ка ол ор ва ит не ть ет ло ом ль ин ти ел ла
    ак ие ле ри де ем ес та ат ог ве ой он от ся ск ны ил ий ый ая ам ма ав ей ме ди ед ис об да ез ад ру ту
    ки од ря им сл ич ок ых их ьн тв ут ую уд ые ше же зн ир ыл ми вы ви чи ча сь ук оз из вн ял нн лю ющ дн
    тр ив аз ци пе ее ег ож мо ию
    """.split()
)
RUSSIAN_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")
RUSSIAN_PUNCTUATION = frozenset("«»—–…№“”„‘’\u00a0\u202f°")
KIN_LETTERS = frozenset("іїєґўІЇЄҐЎ")  # Ukrainian and Belarusian: not Russian, but no sign of a wrong decoding
LETTER_RE = re.compile(r"[^\W\d_]")


def cyrillic_share(text: str) -> float | None:
    """The share of Cyrillic letters among all letters; None when there are no letters."""
    letters = LETTER_RE.findall(text)
    if not letters:
        return None
    return sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters)


def language_warnings(text: str, minimum: float = MIN_CYRILLIC_SHARE) -> list[str]:
    """A warning when the text has too little Cyrillic to be a Russian article."""
    share = cyrillic_share(text)
    if share is None:
        return ["no letters: not a Russian article"]
    if share < minimum:
        return [f"only {share:.0%} of the letters are Cyrillic: probably not a Russian article"]
    return []


def russian_plausibility(text: str) -> float:
    """How much the non-ASCII characters of `text` read like Russian, per non-ASCII character.

    Decodings of the same bytes differ only above ASCII, so only those characters count: frequent
    Russian letter pairs score, a capital inside a lower-case word and a non-Russian symbol cost.
    """
    high = [c for c in text if ord(c) > 127]
    if not high:
        return 0.0
    pairs = zip(text, text[1:])
    hits = flips = 0
    for a, b in pairs:
        if a in RUSSIAN_LETTERS and b in RUSSIAN_LETTERS:
            hits += (a + b).lower() in COMMON_BIGRAMS
            flips += a.islower() and b.isupper()
    odd = sum(1 for c in high if c not in RUSSIAN_LETTERS and c not in KIN_LETTERS and c not in RUSSIAN_PUNCTUATION)
    return (hits - 2 * flips - odd) / len(high)
