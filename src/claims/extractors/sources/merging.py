"""Mentions of one source merged: one name or actor, an acronym and its full name, a later bare «источники»."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import rules
from .kinds import name_key, stem

if TYPE_CHECKING:
    from .cues import Attribution
    from .phrases import Phrase


def group_attributions(attributions: list[Attribution]) -> list[list[Attribution]]:
    groups: list[list[Attribution]] = []
    for attribution in attributions:
        group = next((g for g in groups if any(same_source(a.phrase, attribution.phrase) for a in g)), None)
        if group is None and joins_last_anonymous(attribution.phrase):
            group = next((g for g in reversed(groups) if g[0].phrase.kind == "anonymous"), None)
        if group is None:
            groups.append([attribution])
        else:
            group.append(attribution)
    return groups


def same_source(one: Phrase, other: Phrase) -> bool:
    if one.key == other.key or name_key(one.name) == name_key(other.name) or same_person(one, other):
        return True
    if is_acronym_of(one.name, other.name) or is_acronym_of(other.name, one.name):
        return True
    if one.head_lemma != other.head_lemma:
        return False
    smaller, larger = sorted((one, other), key=lambda p: len(p.modifiers))
    if not smaller.modifiers:
        return True
    return smaller.actor is None and larger.actor is None and smaller.modifiers <= larger.modifiers


def same_person(one: Phrase, other: Phrase) -> bool:
    """«Вертинскому» and «Александр Вертинский»: person sources sharing a surname stem."""
    if one.kind not in ("person", "official") or other.kind not in ("person", "official"):
        return False
    if one.actor is None or other.actor is None or one.actor.type != "person" or other.actor.type != "person":
        return False
    return stem(one.name.split()[-1]) + one.name.split()[-1][4:5] == stem(other.name.split()[-1]) + \
        other.name.split()[-1][4:5]


def is_acronym_of(short: str, full: str) -> bool:
    """«МВД» and «Министерство внутренних дел», «АМЮГ» and «Ассоциация молодых юристов Грузии (АМЮГ)»."""
    if not (short.isupper() and 2 <= len(short) <= 6 and short.isalpha()):
        return False
    if f"({short})" in full:
        return True
    words = [w for w in re.findall(r"\w+", full) if w.lower() not in rules.ACRONYM_SKIP_WORDS]
    initials = "".join(w[0] for w in words).upper()
    return len(words) > 1 and initials.startswith(short)


def joins_last_anonymous(phrase: Phrase) -> bool:
    """A later bare «собеседники» / «источники» is the anonymous source already cited."""
    return phrase.kind == "anonymous" and phrase.head_lemma in rules.SPEAKER_HEADS and not (
        phrase.modifiers - rules.SPEAKER_NEUTRAL_MODIFIERS
    )
