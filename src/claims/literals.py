"""What every match of a regular expression must contain: sets of literal strings, one of each set in any match.

`needed_literals(pattern)` reads the pattern's parsed form (Python's own `re` parser) and returns, for the parts
every match goes through, the literal strings they can be: «(?:в|во)\\s+(?P<m>январ[еья]|феврал[еья])» needs one of
{«в», «во»} and one of {«январе», «январь», «января», «феврале», …}. A text that lacks one of a set cannot hold a
match, so the pattern need not be run over it (`extractors.dates`). Only plain literals, small classes of letters,
alternations and groups are read; anything else (a class range, a repeat that may be absent, a lookaround) ends a
literal and asks for nothing, so the answer is always safe, at worst empty. Case-sensitive patterns only.
"""

from __future__ import annotations

import re
from itertools import product

try:  # Python's parser of regular expressions: internal, so its absence only costs the shortcut
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    sre = sre_parse = None

MAX_ALTERNATIVES = 16  # literals in one set: more make the look for them cost what the pattern does
MAX_SETS = 3  # the most telling sets kept
SMALL_CLASS = 4


def needed_literals(pattern: re.Pattern) -> tuple[frozenset[str], ...]:
    """Sets of literals, one of each in every match of `pattern`; none known when empty."""
    if sre_parse is None or pattern.flags & re.IGNORECASE:
        return ()
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a parser that changed shape: no shortcut
        return ()
    needs = {need for need in sequence_needs(list(parsed)) if "" not in need}
    return tuple(sorted(needs, key=telling)[:MAX_SETS])


def may_match(needs: tuple[frozenset[str], ...], text: str) -> bool:
    return all(any(literal in text for literal in need) for need in needs)


def telling(need: frozenset[str]) -> tuple[int, int, tuple[str, ...]]:
    """Long literals first, then few of them (and a fixed order)."""
    return (-min(map(len, need)), len(need), tuple(sorted(need)))


def sequence_needs(items: list) -> list[frozenset[str]]:
    needs: list[frozenset[str]] = []
    run: set[str] = {""}
    for op, value in items:
        strings = exact_strings(op, value)
        if strings is not None and len(run) * len(strings) <= MAX_ALTERNATIVES:
            run = {a + b for a, b in product(run, strings)}
            continue
        needs.append(frozenset(run))
        run = set(strings) if strings is not None else {""}
        if strings is None:
            needs.extend(item_needs(op, value))
    needs.append(frozenset(run))
    return [need for need in needs if "" not in need]


def exact_strings(op, value) -> set[str] | None:
    """All the strings this one item can match, when they are few literals."""
    if op is sre.LITERAL:
        return {chr(value)}
    if op is sre.IN:
        if len(value) <= SMALL_CLASS and all(kind is sre.LITERAL for kind, _ in value):
            return {chr(code) for _, code in value}
        return None
    if op is sre.SUBPATTERN:
        return sequence_strings(list(value[-1]))
    if op is sre.BRANCH:
        branches = [sequence_strings(list(branch)) for branch in value[1]]
        if any(branch is None for branch in branches):
            return None
        union = set().union(*branches)
        return union if len(union) <= MAX_ALTERNATIVES else None
    return None


def sequence_strings(items: list) -> set[str] | None:
    strings = {""}
    for op, value in items:
        more = exact_strings(op, value)
        if more is None or len(strings) * len(more) > MAX_ALTERNATIVES:
            return None
        strings = {a + b for a, b in product(strings, more)}
    return strings


def item_needs(op, value) -> list[frozenset[str]]:
    if op is sre.SUBPATTERN:
        return sequence_needs(list(value[-1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _, inner = value
        return sequence_needs(list(inner)) if low >= 1 else []
    if op is sre.BRANCH:
        chosen = []
        for branch in value[1]:
            needs = sequence_needs(list(branch))
            if not needs:
                return []
            chosen.append(min(needs, key=telling))
        union = frozenset().union(*chosen)
        return [union] if len(union) <= MAX_ALTERNATIVES else []
    return []
