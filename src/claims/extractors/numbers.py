"""Quantities in Russian text: digits, number words, collectives, vague amounts, and their qualifiers.

`find_quantities(tokens)` reads a run of spaCy tokens (one sentence) and returns each `Quantity` with its
token range, the tokens that carry the number, and its bounds and qualifier as ANNOTATION.md defines them:
«более 100» → 101..None more_than, «по меньшей мере 100» → 100..None at_least, «десятки» → 20..99 vague.
Cardinal words go through number-parser, with pymorphy2's normal form as a fallback for the inflections it
misses («девяностами»); collectives, units and vague words live in the tables below.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import caches
from ..morph import Morph, fold

# Words before a number that bound it; the longest match wins.
QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("по", "меньшей", "мере"), "at_least"),
    (("по", "крайней", "мере"), "at_least"),
    (("как", "минимум"), "at_least"),
    (("не", "менее", "чем"), "at_least"),
    (("не", "меньше", "чем"), "at_least"),
    (("не", "менее"), "at_least"),
    (("не", "меньше"), "at_least"),
    (("минимум",), "at_least"),
    (("не", "более", "чем"), "up_to"),
    (("не", "больше", "чем"), "up_to"),
    (("не", "более"), "up_to"),
    (("не", "больше"), "up_to"),
    (("не", "свыше"), "up_to"),
    (("вплоть", "до"), "up_to"),
    (("максимум",), "up_to"),
    (("до",), "up_to"),
    (("более", "чем"), "more_than"),
    (("больше", "чем"), "more_than"),
    (("более",), "more_than"),
    (("больше",), "more_than"),
    (("свыше",), "more_than"),
    (("менее", "чем"), "less_than"),
    (("меньше", "чем"), "less_than"),
    (("менее",), "less_than"),
    (("меньше",), "less_than"),
    (("около",), "approx"),
    (("порядка",), "approx"),
    (("примерно",), "approx"),
    (("приблизительно",), "approx"),
    (("почти",), "approx"),
    (("ориентировочно",), "approx"),
)
# Words after a number that bound it: «100 с лишним человек».
TRAILING_QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = ((("с", "лишним"), "more_than"),)
RANGE_OPEN, RANGE_CLOSE = "от", "до"

# Nouns that multiply the number before them («18 тысяч», «12 тыс.», «две сотни»), by normal form.
UNITS = {
    "десяток": 10,
    "дюжина": 12,
    "сотня": 100,
    "тысяча": 1_000,
    "тыс": 1_000,
    "миллион": 1_000_000,
    "млн": 1_000_000,
}
ABBREVIATED_UNITS = {"тыс", "млн"}
# A bare singular unit is a round figure: «десяток задержанных» is about ten.
ROUND_UNITS = {"десяток", "дюжина", "сотня"}
# Vague amounts, by normal form: (low, high) before any unit multiplies them.
VAGUE = {"несколько": (2, 9)}
# Vague amounts with no bounds at all: «многие задержанные».
UNBOUNDED = {"многий"}
# Collective numerals, by normal form.
COLLECTIVES = {
    "двое": 2,
    "трое": 3,
    "четверо": 4,
    "пятеро": 5,
    "шестеро": 6,
    "семеро": 7,
    "восьмеро": 8,
    "девятеро": 9,
    "десятеро": 10,
    "оба": 2,
    "обе": 2,
}
FRACTIONS = {"полтора": 1.5, "полторы": 1.5}
HALF_UNITS = {"полсотни": 50, "полсотня": 50, "полтысячи": 500}
# Words number-parser reads as numbers that never count people here.
NOT_CARDINAL = {"ноль", "нуль"}
AMOUNT_WORDS = frozenset({*UNITS, *UNBOUNDED, *COLLECTIVES, *VAGUE, *FRACTIONS})  # normal forms that open an amount

DIGITS_RE = re.compile(r"^\d+(?:[.,]\d+)?$")
MAX_DIGITS = 30  # longer digit runs are no count; pipeline.number_warnings reports them
DIGIT_GROUP_RE = re.compile(r"^\d{3}$")
DIGIT_RANGE_RE = re.compile(r"^(\d+)[–—-](\d+)$")


@dataclass(frozen=True)
class Quantity:
    """A number phrase: tokens [start, end) with the qualifier; [number_start, number_end) carry the number."""

    start: int
    end: int
    number_start: int
    number_end: int
    low: int | None
    high: int | None
    qualifier: str


@dataclass(frozen=True)
class Amount:
    """What the number tokens [start, end) say, before any qualifier."""

    start: int
    end: int
    low: float
    high: float
    vague: bool = False
    round: bool = False
    unbounded: bool = False


def lookup(word: str, table: dict, morph: Morph) -> Any:
    for form in morph.normal_forms(word):
        if form in table:
            return table[form]
    return None


@lru_cache(maxsize=caches.WORDS)
def cardinal_value(word: str, morph: Morph) -> int | None:
    """The value of one cardinal number word in any case or gender: «трех» → 3, «двумстам» → 200."""
    word = fold(word)
    if not word.isalpha() or word in NOT_CARDINAL or not may_be_cardinal(word, morph) or lookup(word, UNITS, morph):
        return None
    value = parse_number(word)
    if value is None:
        numerals = [f for f in morph.normal_forms(word) if is_numeral(word, f, morph)]
        value = next((parse_number(f) for f in numerals), None)
    return value if isinstance(value, int) else None


# Cardinal words pymorphy2 does not tag NUMR.
CARDINAL_LEMMAS = {"один", "ноль", "нуль", "тысяча", "миллион", "миллиард"}


def may_be_cardinal(word: str, morph: Morph) -> bool:
    """A cheap test before number-parser, which costs milliseconds a call."""
    return any(p.tag.POS == "NUMR" or fold(p.normal_form) in CARDINAL_LEMMAS for p in morph.parse(word))


def is_numeral(word: str, form: str, morph: Morph) -> bool:
    return any(p.tag.POS == "NUMR" and fold(p.normal_form) == form for p in morph.parse(word))


def parse_cardinal(words: Sequence[str], morph: Morph) -> int | None:
    """The value of a run of cardinal words: «тридцать одного» → 31, «пятидесяти двух» → 52."""
    if not words or any(cardinal_value(w, morph) is None for w in words):
        return None
    value = parse_number(" ".join(fold(w) for w in words))
    if isinstance(value, int):
        return value
    return sum(cardinal_value(w, morph) for w in words)


@lru_cache(maxsize=10_000)
def parse_number(words: str) -> Any:
    """number-parser's reading of Russian number words; it costs milliseconds a call, so it is cached."""
    from number_parser import parse_number as parse

    return parse(words, language="ru")


def parse_digits(text: str) -> float | None:
    """«1 000» → 1000, «1,5» → 1.5, «12» → 12; None for anything else."""
    compact = re.sub(r"[\s\u00a0\u202f]", "", text)
    if not DIGITS_RE.match(compact) or len(compact) > MAX_DIGITS:
        return None
    return float(compact.replace(",", ".")) if re.search(r"[.,]", compact) else int(compact)


def word_at(tokens: Sequence, i: int) -> str:
    return fold(tokens[i].text) if 0 <= i < len(tokens) else ""


def glued(tokens: Sequence, i: int) -> bool:
    """Token i follows token i-1 across whitespace only (ordinary or non-breaking)."""
    gap_start = tokens[i - 1].idx + len(tokens[i - 1].text)
    gap = tokens[i].doc.text[gap_start : tokens[i].idx]
    return bool(gap) and not gap.strip()


def read_digits(tokens: Sequence, i: int, morph: Morph) -> Amount | None:
    value = parse_digits(tokens[i].text)
    if value is None:
        return None
    end = i + 1
    if isinstance(value, int) and value < 1000 and len(tokens[i].text) <= 3:
        while end < len(tokens) and DIGIT_GROUP_RE.match(tokens[end].text) and glued(tokens, end):
            value, end = value * 1000 + int(tokens[end].text), end + 1
    return Amount(i, end, value, value)


def read_digit_range(tokens: Sequence, i: int, morph: Morph) -> Amount | None:
    match = DIGIT_RANGE_RE.match(tokens[i].text)
    if not match:
        return None
    low, high = int(match.group(1)), int(match.group(2))
    return Amount(i, i + 1, low, high) if low < high else None


def read_cardinal(tokens: Sequence, i: int, morph: Morph) -> Amount | None:
    end = i
    while end < len(tokens) and cardinal_value(tokens[end].text, morph) is not None:
        end += 1
    value = parse_cardinal([t.text for t in tokens[i:end]], morph)
    return Amount(i, end, value, value) if value is not None else None


def read_collective(tokens: Sequence, i: int, morph: Morph) -> Amount | None:
    value = lookup(tokens[i].text, COLLECTIVES, morph)
    return Amount(i, i + 1, value, value) if value else None


def read_vague(tokens: Sequence, i: int, morph: Morph) -> Amount | None:
    bounds = lookup(tokens[i].text, VAGUE, morph)
    if bounds:
        return Amount(i, i + 1, *bounds, vague=True)
    if unbounded(tokens[i].text, morph) and is_plural(tokens[i]):
        return Amount(i, i + 1, 0, 0, vague=True, unbounded=True)
    return None


def unbounded(word: str, morph: Morph) -> bool:
    """«многие»: a vague amount with no bounds at all."""
    return any(form in UNBOUNDED for form in morph.normal_forms(word))


def is_plural(token) -> bool:
    return "Sing" not in token.morph.get("Number")


def read_fraction(tokens: Sequence, i: int, morph: Morph) -> Amount | None:
    value = lookup(tokens[i].text, FRACTIONS, morph)
    return Amount(i, i + 1, value, value) if value else None


def read_half_unit(tokens: Sequence, i: int, morph: Morph) -> Amount | None:
    value = HALF_UNITS.get(word_at(tokens, i))
    return Amount(i, i + 1, value, value) if value else None


def read_bare_unit(tokens: Sequence, i: int, morph: Morph, qualified: bool) -> Amount | None:
    """«тысяча» → 1000; plural «десятки», «сотни», «тысячи» → the vague ranges 20..99, 200..999, 2000..9999."""
    name = unit_name(tokens[i].text, morph)
    if name is None:
        return None
    if qualified or is_singular(tokens[i].text, name, morph):
        value = UNITS[name]
        return Amount(i, unit_end(tokens, i, name), value, value, round=name in ROUND_UNITS)
    return Amount(i, unit_end(tokens, i, name), 2 * UNITS[name], 10 * UNITS[name] - 1, vague=True)


def unit_name(word: str, morph: Morph) -> str | None:
    return next((f for f in morph.normal_forms(word) if f in UNITS), None)


def is_singular(word: str, name: str, morph: Morph) -> bool:
    numbers = {p.tag.number for p in morph.parse(fold(word)) if fold(p.normal_form) == name}
    return name in ABBREVIATED_UNITS or numbers == {"sing"}


def unit_end(tokens: Sequence, i: int, name: str) -> int:
    """Abbreviated units take their full stop: «12 тыс.»."""
    return i + 2 if name in ABBREVIATED_UNITS and word_at(tokens, i + 1) == "." else i + 1


def read_base(tokens: Sequence, i: int, morph: Morph, qualified: bool) -> Amount | None:
    for reader in (read_digit_range, read_digits, read_cardinal, read_collective, read_vague, read_fraction):
        amount = reader(tokens, i, morph)
        if amount is not None:
            return amount
    return read_half_unit(tokens, i, morph) or read_bare_unit(tokens, i, morph, qualified)


def apply_units(tokens: Sequence, amount: Amount, morph: Morph) -> Amount:
    """Multiply by the units that follow: «18 тысяч», «несколько тысяч», «десятки тысяч»."""
    while amount.end < len(tokens):
        name = unit_name(tokens[amount.end].text, morph)
        if name is None:
            return amount
        unit, end = UNITS[name], unit_end(tokens, amount.end, name)
        high = (amount.high + 1) * unit - 1 if amount.vague else amount.high * unit
        amount = add_remainder(tokens, Amount(amount.start, end, amount.low * unit, high, amount.vague), morph)
    return amount


def add_remainder(tokens: Sequence, amount: Amount, morph: Morph) -> Amount:
    """«две тысячи пятьсот»: cardinal words after a unit add to it."""
    rest = read_cardinal(tokens, amount.end, morph) if amount.end < len(tokens) and not amount.vague else None
    if rest is None or rest.low >= amount.low:
        return amount
    return Amount(amount.start, rest.end, amount.low + rest.low, amount.high + rest.high)


def read_amount(tokens: Sequence, i: int, morph: Morph, qualified: bool = False) -> Amount | None:
    amount = read_base(tokens, i, morph, qualified)
    if amount is None:
        return None
    amount = apply_units(tokens, amount, morph)
    if amount.low != int(amount.low) or amount.high != int(amount.high):
        return None
    return amount


def by_last_word(table: tuple[tuple[tuple[str, ...], str], ...]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The rows of a qualifier table that can end at a word, longest first."""
    rows: dict[str, list] = {}
    for words, qualifier in sorted(table, key=lambda row: -len(row[0])):
        rows.setdefault(words[-1], []).append((words, qualifier))
    return rows


QUALIFIERS_BY_LAST_WORD = by_last_word(QUALIFIERS)


def qualifier_before(tokens: Sequence, i: int) -> tuple[int, str] | None:
    """The qualifier ending just before token i, as (its first token, qualifier)."""
    for words, qualifier in QUALIFIERS_BY_LAST_WORD.get(word_at(tokens, i - 1), ()):
        start = i - len(words)
        if start >= 0 and tuple(word_at(tokens, j) for j in range(start, i)) == words:
            return start, qualifier
    return None


def qualifier_after(tokens: Sequence, i: int) -> tuple[int, str] | None:
    for words, qualifier in TRAILING_QUALIFIERS:
        if tuple(word_at(tokens, j) for j in range(i, i + len(words))) == words:
            return i + len(words), qualifier
    return None


def bounds(amount: Amount, qualifier: str | None) -> tuple[int | None, int | None, str]:
    if amount.unbounded:
        return None, None, "vague"
    low, high = int(amount.low), int(amount.high)
    if qualifier == "more_than":
        return (high + 1 if not amount.vague else low), None, qualifier
    if qualifier == "at_least":
        return low, None, qualifier
    if qualifier == "less_than":
        return None, low - 1, qualifier
    if qualifier == "up_to":
        return None, high, qualifier
    if qualifier == "approx" or amount.round:
        return low, high, "approx"
    if amount.vague:
        return low, high, "vague"
    return low, high, "range" if low != high else "exact"


def read_range(tokens: Sequence, i: int, morph: Morph) -> Quantity | None:
    """«от двух до 11»: token i is «от»."""
    if word_at(tokens, i) != RANGE_OPEN:
        return None
    first = read_amount(tokens, i + 1, morph)
    if first is None or word_at(tokens, first.end) != RANGE_CLOSE:
        return None
    second = read_amount(tokens, first.end + 1, morph)
    if second is None or second.low <= first.low:
        return None
    return Quantity(i, second.end, first.start, second.end, int(first.low), int(second.high), "range")


def read_quantity(tokens: Sequence, i: int, morph: Morph) -> Quantity | None:
    """The quantity whose number starts at token i, or whose «от ... до» range opens there."""
    ranged = read_range(tokens, i, morph)
    if ranged is not None:
        return ranged
    before = qualifier_before(tokens, i)
    amount = read_amount(tokens, i, morph, qualified=before is not None)
    if amount is None:
        return None
    after = qualifier_after(tokens, amount.end)
    start, qualifier = before or (i, None)
    end = amount.end
    if after is not None and qualifier is None:
        end, qualifier = after
    low, high, qualifier = bounds(amount, qualifier)
    return Quantity(start, end, amount.start, amount.end, low, high, qualifier)


@lru_cache(maxsize=caches.WORDS)
def opens_amount(word: str, morph: Morph) -> bool:
    """Whether an amount can start at `word`: a digit in it, or a word of the tables or a cardinal.

    The cheap test before `read_quantity`, which costs far more a word; cached across articles. One look at
    the word's normal forms settles most words; only a possible cardinal goes on to `cardinal_value`.
    """
    if any(c.isdigit() for c in word):
        return True
    if fold(word) in HALF_UNITS:
        return True
    forms = morph.normal_forms(word)
    if not AMOUNT_WORDS.isdisjoint(forms):
        return True
    return may_be_cardinal(fold(word), morph) and cardinal_value(word, morph) is not None


def candidates(words: Sequence, morph: Morph) -> list[bool]:
    """For each word, whether a quantity may start there: an amount, or «от» just before one."""
    opens = [opens_amount(word.text, morph) for word in words] + [False]
    return [opens[i] or (opens[i + 1] and word_at(words, i) == RANGE_OPEN) for i in range(len(words))]


def find_quantities(tokens: Sequence, morph: Morph) -> list[Quantity]:
    """Every quantity in `tokens` (spaCy tokens, usually one sentence), with Doc token indices."""
    words = [t for t in tokens if not t.is_space]
    return quantities_at(words, candidates(words, morph), morph)


def quantities_at(words: Sequence, may_start: list[bool], morph: Morph) -> list[Quantity]:
    """The quantities of `words` (no whitespace tokens) that start where `may_start` allows."""
    found, i = [], 0
    while i < len(words):
        quantity = read_quantity(words, i, morph) if may_start[i] else None
        if quantity is None:
            i += 1
            continue
        found.append(to_doc_indices(quantity, words))
        i = quantity.end
    return found


def to_doc_indices(quantity: Quantity, words: Sequence) -> Quantity:
    def at(i: int) -> int:
        return words[i - 1].i + 1

    return Quantity(
        words[quantity.start].i,
        at(quantity.end),
        words[quantity.number_start].i,
        at(quantity.number_end),
        quantity.low,
        quantity.high,
        quantity.qualifier,
    )
