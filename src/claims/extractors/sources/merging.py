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
    """Each attribution joins the first group with a mention of the same source, else a new group."""
    groups = SourceGroups()
    for attribution in attributions:
        groups.add(attribution)
    return groups.groups


class SourceGroups:
    """Groups of attributions, with their phrases indexed by what `same_source` compares, so that a new
    phrase is compared only with the groups that may hold its source."""

    def __init__(self) -> None:
        self.groups: list[list[Attribution]] = []
        self.index: dict[tuple[str, str], list[int]] = {}
        self.last_anonymous: int | None = None

    def add(self, attribution: Attribution) -> None:
        phrase = attribution.phrase
        number = self.find(phrase)
        if number is None and joins_last_anonymous(phrase):
            number = self.last_anonymous
        if number is None:
            number = len(self.groups)
            self.groups.append([])
            if phrase.kind == "anonymous":
                self.last_anonymous = number
        self.groups[number].append(attribution)
        for signature in signatures(phrase, as_member=True):
            numbers = self.index.setdefault(signature, [])
            if not numbers or numbers[-1] != number:
                numbers.append(number)

    def find(self, phrase: Phrase) -> int | None:
        candidates = sorted({n for s in signatures(phrase, as_member=False) for n in self.index.get(s, ())})
        for number in candidates:
            if any(same_source(a.phrase, phrase) for a in self.groups[number]):
                return number
        return None


def signatures(phrase: Phrase, *, as_member: bool) -> set[tuple[str, str]]:
    """What two phrases share whenever `same_source` may hold for them: a key, a name, a surname, a head
    noun, or an acronym and the full name it abbreviates (a member registers what a newcomer looks up)."""
    found = {("key", phrase.key), ("name", name_key(phrase.name)), ("head", phrase.head_lemma)}
    if is_person_phrase(phrase):
        found.add(("person", surname_stem(phrase.name)))
        found.add(("first", fold(phrase.name.split()[0])))
    if is_acronym(phrase.name):
        found.add(("short" if as_member else "full", phrase.name))
    for short in abbreviations(phrase.name):
        found.add(("full" if as_member else "short", short))
    return found


def is_person_phrase(phrase: Phrase) -> bool:
    """A person source: a person actor, or a surname the actors missed («Магуайр заявила»)."""
    if phrase.kind not in ("person", "official"):
        return False
    if phrase.actor is None:
        return len(phrase.name.split()) == 1 and phrase.name[:1].isupper() and phrase.name[1:].islower()
    return phrase.actor.type == "person"


def surname_stem(name: str) -> str:
    last = name.split()[-1]
    return stem(last) + last[4:5]


def is_acronym(name: str) -> bool:
    return name.isupper() and 2 <= len(name) <= 6 and name.isalpha()


def abbreviations(full: str) -> set[str]:
    """The acronyms `is_acronym_of` would take for `full`: one in brackets, or a prefix of its initials."""
    found = set(re.findall(r"\(([^()]*)\)", full))
    words = [w for w in re.findall(r"\w+", full) if w.lower() not in rules.ACRONYM_SKIP_WORDS]
    if len(words) > 1:
        initials = "".join(w[0] for w in words).upper()
        found |= {initials[:size] for size in range(2, min(6, len(initials)) + 1)}
    return found


def same_source(one: Phrase, other: Phrase) -> bool:
    if one.key == other.key or name_key(one.name) == name_key(other.name) or same_person(one, other):
        return True
    if is_acronym_of(one.name, other.name) or is_acronym_of(other.name, one.name):
        return True
    if one.head_lemma != other.head_lemma:
        return False
    if one.actor is None and other.actor is None and one.plural != other.plural:
        return False  # «агент» is one of the «агенты ФБР», not the group
    smaller, larger = sorted((one, other), key=lambda p: len(p.modifiers))
    if not smaller.modifiers:
        return True
    return smaller.actor is None and larger.actor is None and smaller.modifiers <= larger.modifiers


def same_person(one: Phrase, other: Phrase) -> bool:
    """«Вертинскому» and «Александр Вертинский», «Алексея» and «Алексей Русаков»: person sources sharing a surname
    stem and, when both give one, the first name (or one name is part of the other: «Корриган Магуайр»); a name of one
    word may be the other's first name."""
    if not is_person_phrase(one) or not is_person_phrase(other):
        return False
    one_words, other_words = one.name.split(), other.name.split()
    if min(len(one_words), len(other_words)) == 1:
        shorter, longer = sorted((one_words, other_words), key=len)
        return surname_stem(shorter[0]) == surname_stem(longer[-1]) or fold(shorter[0]) == fold(longer[0])
    if surname_stem(one.name) != surname_stem(other.name):
        return False
    shorter, longer = sorted(({fold(w) for w in one_words}, {fold(w) for w in other_words}), key=len)
    return fold(one_words[0]) == fold(other_words[0]) or shorter <= longer


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def is_acronym_of(short: str, full: str) -> bool:
    """«МВД» and «Министерство внутренних дел», «АМЮГ» and «Ассоциация молодых юристов Грузии (АМЮГ)»."""
    if not is_acronym(short):
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
