"""Source kinds (media, government, ngo, official, anonymous, ...) from names and head nouns."""

from __future__ import annotations

import re

from ...models import Actor
from ...normalize import normal_key
from . import rules

PARENTHESIS_RE = re.compile(r"\s*\(([^()]*)\)\s*")
# An outlet named by its web address: «Lenta.ru», «BNews.kz».
MEDIA_DOMAIN_RE = re.compile(r"\w\.(ru|com|kz|ua|by|net|org|info)$")


def stem(word: str) -> str:
    return word.lower().replace("ё", "е")[:4]


def is_official_role(words: list[str]) -> bool:
    """«министр», «глава МИД»: a role of state; «глава Союза кинематографистов» is not."""
    words = [w for w in words if w not in rules.ROLE_SKIP_WORDS]
    if not words:
        return False
    if any(w in rules.OFFICIAL_HEADS for w in words[:2]):
        return True
    if words[0] not in rules.CONDITIONAL_OFFICIAL_HEADS:
        return False
    government = {stem(w) for w in rules.GOVERNMENT_HEADS}
    return any(stem(w) in government or w.endswith(rules.GOVERNMENT_NAME_ENDINGS) for w in words[1:])


def actor_kind(name: str, actor: Actor, descriptors: set[str]) -> str:
    key = name_key(name)
    if actor.type == "location":
        return "government"
    known = known_kind(key) or known_kind(name_key(actor.name))
    if known:
        return known
    words = set(key.split()) | descriptors
    if is_international_court(words) or is_international_court({w.lower() for w in descriptors}):
        return "organization"
    for heads, kind in (
        (rules.MEDIA_HEADS, "media"), (rules.NGO_HEADS, "ngo"), (rules.GOVERNMENT_HEADS, "government"),
    ):
        if words & heads:
            return kind
    return "organization"


def is_international_court(words: set[str]) -> bool:
    stems = {stem(w) for w in words}
    international = stems & {stem(w) for w in rules.INTERNATIONAL_MARKERS}
    return bool(international) and bool(stems & {stem(w) for w in rules.COURT_HEADS})


def known_kind(key: str) -> str | None:
    for names, kind in (
        (rules.KNOWN_MEDIA, "media"), (rules.KNOWN_NGOS, "ngo"), (rules.SOCIAL_MEDIA_NAMES, "social_media"),
        (rules.KNOWN_GOVERNMENT, "government"),
    ):
        if key in names:
            return kind
    if set(key.split()) & rules.MEDIA_NAME_WORDS or MEDIA_DOMAIN_RE.search(key):
        return "media"
    return None


def name_key(name: str) -> str:
    return normal_key(PARENTHESIS_RE.sub(" ", name).replace("«", "").replace("»", "").replace('"', ""))


def common_kind(tokens: list, head) -> str | None:
    lemmas = {t.lemma_ for t in tokens}
    if head.lemma_ in rules.ANONYMOUS_HEADS or lemmas & rules.ANONYMOUS_MARKERS and "Anim" in head.morph.get("Animacy"):
        return "anonymous"
    official_group = "Plur" in head.morph.get("Number") and head.lemma_ in rules.OFFICIAL_PLURAL_HEADS
    if official_group or is_official_role([t.lemma_ for t in tokens if t.i >= head.i]):
        return "official"
    for heads, kind in ((rules.MEDIA_HEADS, "media"), (rules.SOCIAL_HEADS, "social_media")):
        if head.lemma_ in heads:
            return kind
    if lemmas & rules.NGO_HEADS:
        return "ngo"
    if head.lemma_ in rules.PARTY_KINDS:
        return rules.PARTY_KINDS[head.lemma_]
    for heads, kind in (
        (rules.GOVERNMENT_HEADS, "government"), (rules.DOCUMENT_HEADS, "document"),
        (rules.ORGANIZATION_HEADS, "organization"),
    ):
        if head.lemma_ in heads:
            return kind
    if "Anim" in head.morph.get("Animacy") or head.ent_type_ == "PER":
        return "person"
    if head.pos_ in ("PROPN", "X") and head.text[:1].isupper():
        return known_kind(name_key(head.text)) or "organization"
    return None
