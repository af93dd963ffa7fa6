"""Source phrases: the head token of a source turned into a named phrase, an actor where one is
mentioned, or an earlier source it refers back to («ведомство», «он», «президент»)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ...models import Actor
from ...morph import Morph
from ...normalize import inflect_phrase, normal_key
from ..constants import INFLECTED_POS, NAME_DEPS, NUMMOD_DEPS, PHRASE_RIGHT_DEPS, RELATIVE_DEPS
from ..numbers import COLLECTIVES, MAX_DIGITS, cardinal_value, lookup
from ..spans import ActorIndex
from ..tree import has_any_case
from . import rules
from .kinds import PARENTHESIS_RE, actor_kind, common_kind, is_official_role, stem

if TYPE_CHECKING:
    from .cues import Attribution

MAX_PHRASE_TOKENS = 9


@dataclass
class Phrase:
    """A source phrase resolved: its token range, name, kind and actor."""

    start: int
    end: int
    name: str
    kind: str
    key: str
    actor: Actor | None = None
    affiliation: Actor | None = None
    count: int | None = None
    head_lemma: str = ""
    modifiers: frozenset[str] = frozenset()
    plural: bool = False
    gender: str = ""


class SourcePhrases:
    """Turns source head tokens into phrases; remembers earlier phrases for anaphora."""

    def __init__(self, doc, actors: list[Actor], morph: Morph, quotes: list[tuple[int, int]] = ()) -> None:
        self.doc = doc
        self.actors = actors
        self.index = ActorIndex(actors)
        self.morph = morph
        self.history: list[tuple[int, Phrase]] = []
        self.roles = person_roles(doc, actors)
        self.genders = person_genders(doc, actors)
        self.role_sources: dict[str, Phrase] = {}
        self.mentions = MentionsByStart(actors)
        self.quotes = QuotedRanges(quotes)
        self.lemma_positions: dict[str, list[int]] | None = None

    def quoted(self, start: int) -> bool:
        return self.quotes.inside(start)

    def resolve(self, attribution: Attribution) -> Phrase | None:
        head = counted_group(attribution.head)
        if attribution.unnamed:
            readers = (unnamed_sources,)
        elif attribution.bare_data:
            readers = (self.unowned_data,)
        elif is_pronoun(head):
            readers = (self.pronoun,)
        else:
            readers = (self.named_person, self.anaphor, self.phrase)
        for reader in readers:
            phrase = reader(head)
            if phrase is not None:
                attribution.rule += f" → {reader.__name__}"
                self.history.append((head.i, phrase))
                return phrase
        return None

    # anaphora

    def pronoun(self, head) -> Phrase | None:
        """«он», «она», «они», «его словам»: the nearer of the last fitting source and the last fitting person."""
        lemma = rules.POSSESSIVE_PRONOUNS.get(head.lower_, head.lemma_)
        plural = lemma == "они"
        gender = {"он": "Masc", "она": "Fem"}.get(lemma, "")
        person, start = (None, -1) if plural else self.nearest_person(head, gender, unquoted=not self.quoted(head.idx))
        # A source of unknown gender («Вашингтон») fits «он»/«она» only when no person of that gender is in view.
        genders = (gender,) if person is not None else ("", gender)
        found = self.recent_at(head, lambda p: p.plural == plural and (not gender or p.gender in genders))
        if person is not None and (found is None or start > found[0]):
            return self.person_phrase(person, head, head)
        return moved(found[1], head) if found else None

    def nearest_person(self, token, gender: str = "", *, unquoted: bool = False) -> tuple[Actor | None, int]:
        """The person mentioned last before `token` whose grammatical gender fits, and where; if `unquoted`,
        leaving out people mentioned inside quoted speech («"… с продюсером Кемпфертом …", — рассказал он»)."""
        def fits(actor: Actor, start: int) -> bool:
            return (
                actor.type == "person"
                and not (gender and self.genders.get(actor.id, gender) != gender)
                and not (unquoted and self.quoted(start))
            )

        return self.mentions.last_before(token.idx, fits)

    def first_person_after(self, token, gender: str = "") -> Actor | None:
        """A headline's «Россиянин заявил …»: the first fitting person the article names after it."""
        later = [
            (m.start, a) for a in self.actors for m in a.mentions
            if a.type == "person" and m.start > token.idx and (not gender or self.genders.get(a.id, gender) == gender)
        ]
        return min(later, key=lambda pair: pair[0])[1] if later else None

    def anaphor(self, head) -> Phrase | None:
        """Bare «материал», «ведомство», «политик», «адвокат»: an earlier source the noun refers back to."""
        holder = self.role_holder(head) if is_role_mention(head) else None
        if holder is not None:
            phrase = self.person_phrase(holder, head, head)
            self.role_sources[head.lemma_] = phrase
            return phrase
        if is_role_mention(head) and head.lemma_ in self.role_sources and is_bare(head, modifiers=False):
            return moved(self.role_sources[head.lemma_], head)
        if head.lemma_ in rules.ANAPHORIC_EXPERTS and is_bare(head, modifiers=False) and "Sing" in head.morph.get(
            "Number"
        ):
            found = self.recent(head, lambda p: p.actor is not None and p.actor.type == "person")
            if found is not None:
                return moved(found, head)
        if head.lemma_ in rules.PLURAL_DESCRIPTIONS and "Plur" in head.morph.get("Number") and is_bare(head):
            return moved(self.recent(head, lambda p: p.plural and p.kind in rules.PEOPLE_KINDS), head)
        if is_person_description(head) and is_bare(head) and not is_role(head):
            return self.described_person(head)
        if not is_bare(head):
            return None
        if is_bare(head, modifiers=False) and head.lemma_ in rules.ANAPHORIC_DOCUMENTS:
            return moved(self.recent(head, lambda p: p.kind == "media"), head)
        if is_bare(head, modifiers=False) and head.lemma_ in rules.DOCUMENT_HEADS:
            earlier = self.described_before(head)
            return moved(self.common_phrase(earlier), head) if earlier is not None else None
        family = rules.ANAPHORIC_ORGANIZATIONS.get(head.lemma_)
        if family is not None and is_bare(head, modifiers=False):
            named = head.lemma_ in rules.NAMED_ANAPHORS
            found = self.recent(head, lambda p: p.kind in family and p.actor is not None
                                and (not named or has_word(p.actor.name, head.lemma_)))
            actor = None if found else self.nearest_actor(head, "organization", named=named)
            return moved(found, head) if found else (self.actor_phrase(actor, head) if actor else None)
        return None

    def described_person(self, head) -> Phrase | None:
        """«женщина пояснила», «сам продюсер отвергает»: the nearer of the last person source and the last person
        of that gender; in the headline, the first person named after it."""
        gender = "".join(head.morph.get("Gender")[:1])
        found = self.recent_at(head, lambda p: p.actor is not None and p.kind in ("person", "official")
                               and p.gender in ("", gender))
        person, start = self.nearest_person(head, gender)
        if person is not None and (found is None or start > found[0]):
            return self.person_phrase(person, head, head)
        if found is not None:
            return moved(found[1], head)
        if self.in_headline(head):
            later = self.first_person_after(head, gender)
            return self.person_phrase(later, head, head) if later else None
        return None

    def in_headline(self, head) -> bool:
        return head.sent.start == 0 or "\n" not in self.doc.text[: head.idx]

    def described_before(self, head):
        """«говорится в указе» after «подписал указ о помиловании»: the earlier, described mention."""
        if self.lemma_positions is None:
            self.lemma_positions = {}
            for token in self.doc:
                self.lemma_positions.setdefault(token.lemma_, []).append(token.i)
        positions = self.lemma_positions.get(head.lemma_, [])
        for i in reversed(positions[: bisect_left(positions, head.i)]):
            if phrase_extent(self.doc[i])[1] > i + 1:
                return self.doc[i]
        return None

    def role_holder(self, head) -> Actor | None:
        """«Президент России подчеркнул» after «президент России Владимир Путин»: who holds the role."""
        role, complements = role_of(head)

        def holds(actor: Actor, start: int) -> bool:
            held = self.roles.get(actor.id, {}).get(role)
            return held is not None and not (complements and not complements & held)

        return self.mentions.last_before(head.idx, holds)[0]

    def recent(self, head, accept) -> Phrase | None:
        found = self.recent_at(head, accept)
        return found[1] if found else None

    def recent_at(self, head, accept) -> tuple[int, Phrase] | None:
        """The last earlier source that `accept`s, with the character offset of its mention."""
        for i, phrase in reversed(self.history):
            if i < head.i and accept(phrase):
                return self.doc[i].idx, phrase
        return None

    def nearest_actor(self, token, actor_type: str, *, named: bool = False) -> Actor | None:
        """The actor of that type mentioned last before `token`; if `named`, one whose name has the token's word."""
        def fits(actor: Actor, start: int) -> bool:
            return actor.type == actor_type and not (named and not has_word(actor.name, token.lemma_))

        return self.mentions.last_before(token.idx, fits)[0]

    # phrases

    def named_person(self, head) -> Phrase | None:
        person_token = person_in(head)
        actor = self.actor_of(person_token) if person_token is not None else None
        if actor is not None and actor.type == "person":
            return self.person_phrase(actor, head, person_token)
        return None

    def phrase(self, head) -> Phrase | None:
        named = named_organization(head)
        actor = self.actor_of(named if named is not None else head)
        if actor is not None and actor.type != "person" and (named is not None or covers(actor, head)):
            return self.actor_phrase(actor, head)
        return self.common_phrase(head)

    def actor_of(self, token) -> Actor | None:
        return self.index.at(token.idx, token.idx + len(token.text))

    def person_phrase(self, actor: Actor, head, name_token) -> Phrase:
        roles = [role_words(self.doc, head)] if head.i != name_token.i else []
        roles += [r.lower().split() for r in actor.roles if r]
        kind = "official" if any(is_official_role(r) for r in roles) else "person"
        start, end = min(head.i, name_token.i), max(head.i, name_token.i) + 1
        gender = "".join(name_token.morph.get("Gender"))
        return Phrase(start, end, actor.name, kind, f"actor:{actor.id}", actor=actor, head_lemma=actor.name,
                      gender=gender)

    def actor_phrase(self, actor: Actor, head) -> Phrase:
        start, end = phrase_extent(head)
        name = self.actor_name(actor, start, end)
        kind = actor_kind(name, actor, self.descriptors(actor, head))
        tokens = [t for t in self.doc[start:end] if t.i != head.i and not dropped(t, head)]
        return Phrase(start, end, name, kind, f"actor:{actor.id}", actor=actor, head_lemma=head.lemma_,
                      modifiers=frozenset(t.lemma_ for t in tokens), plural="Plur" in head.morph.get("Number"))

    def actor_name(self, actor: Actor, start: int, end: int) -> str:
        """The actor's name, its abbreviation spelled out, with the complements that follow the mention."""
        bare = PARENTHESIS_RE.sub(" ", actor.name).strip().strip("'").strip()
        name = self.defined_acronym(actor.name) or expand_abbreviation(bare)
        mention = next((m for m in actor.mentions if self.doc[start].idx <= m.start < self.doc[end - 1].idx + 1), None)
        if mention is None or actor.type != "organization":
            return name
        tail = [t for t in self.doc[start:end] if t.idx >= mention.end]
        if not tail or tail[0].pos_ not in ("PROPN", "NOUN", "ADP") or any(t.ent_type_ == "PER" for t in tail):
            return name
        return f"{name} {self.doc[tail[0].i : tail[-1].i + 1].text}"

    def defined_acronym(self, name: str) -> str | None:
        """«RSF» where the text defines «Репортеры без границ» (RSF): the full name."""
        if not (name.isupper() and name.isalpha() and 2 <= len(name) <= 6):
            return None
        match = re.search(r"«([^«»]{3,80})»\s*\(" + re.escape(name) + r"\)", self.doc.text)
        return match.group(1) if match else None

    def descriptors(self, actor: Actor, head) -> set[str]:
        """Lemmas written just before any mention of the actor: «правозащитный центр «Вясна»»."""
        lemmas = {head.lemma_} | {t.lemma_ for t in head.lefts}
        for mention in actor.mentions:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                lemmas |= {t.lemma_ for t in self.doc[max(span.start - 3, 0) : span.start]}
                lemmas |= {t.lemma_ for t in span}
        return lemmas

    def common_phrase(self, head) -> Phrase | None:
        if head.pos_ == "PRON" or not any(c.isalpha() for c in head.text):
            return None
        start, end = phrase_extent(head)
        tokens = [t for t in self.doc[start:end] if not dropped(t, head)]
        kind = common_kind(tokens, head)
        if kind is None:
            return None
        count = phrase_count(self.doc[start:end], head, self.morph)
        description = anonymous_description(head) if kind == "anonymous" and len(tokens) == 1 else []
        name = self.phrase_name(tokens, head, plural=bool(count and count > 1))
        if description:
            name = f"{name}, {self.description_name(description, head, count)}"
            end = description[-1].i + 1
        plural = "Plur" in head.morph.get("Number") or bool(count and count > 1)
        return Phrase(start, end, name, kind, f"name:{normal_key(name)}", affiliation=self.affiliation(tokens, head),
                      count=count, head_lemma=head.lemma_, modifiers=frozenset(t.lemma_ for t in tokens if t != head),
                      plural=plural, gender="".join(head.morph.get("Gender")))

    def phrase_name(self, tokens: list, head, *, plural: bool = False) -> str:
        """Left modifiers and head in the nominative, complements as written: «трех неназванных собеседников»."""
        span = self.doc[tokens[0].i : tokens[-1].i + 1]
        if head.pos_ in ("PROPN", "X") and len(span) == len(tokens):
            return inflect_phrase(span, self.morph.vocab, head_only=True)
        number = "Plur" if plural or "Plur" in head.morph.get("Number") else "Sing"
        words = [self.inflect(t, number) if t.i <= head.i else t.text for t in tokens]
        return lowercase_first(spaced(words, tokens), tokens[0])

    def description_name(self, tokens: list, head, count: int | None) -> str:
        number = "Plur" if count and count > 1 or "Plur" in head.morph.get("Number") else "Sing"
        return spaced([self.inflect(t, number) if t.head == head else t.text for t in tokens], tokens)

    def inflect(self, token, number: str) -> str:
        """The token in the nominative of `number`, choosing the analysis that matches its case."""
        if not token.is_alpha and "-" not in token.text:
            return token.text
        case = token.morph.get("Case")
        forms = [f for f in self.morph.vocab.parse(token.text.lower()) if f.pos in INFLECTED_POS]
        matching = [f for f in forms if not case or f.feats.get("Case") in case] or forms
        for form in matching:
            inflected = form.inflect({number, "Nom"}) if number == "Plur" or form.pos == "NOUN" else \
                form.inflect({number, "Nom", *gender_of(token)})
            if inflected is not None:
                return restore_case(inflected.word, token.text)
        return token.text

    def unowned_data(self, head) -> Phrase | None:
        """«по официальным данным», «по предварительной информации»: data without an owner, named by itself;
        bare «по данным» is the article's unnamed sources."""
        modifiers = [
            t for t in head.lefts if t.dep_ == "amod" and t.pos_ == "ADJ" and t.lemma_ not in rules.NAME_DROP_LEMMAS
        ]
        if not modifiers:
            return unnamed_sources(head)
        tokens = [*modifiers, head]
        name = " ".join(self.inflect(t, "Plur" if "Plur" in head.morph.get("Number") else "Sing") for t in tokens)
        name = lowercase_first(name, tokens[0])
        kind = next((rules.UNOWNED_DATA_KINDS[t.lemma_] for t in modifiers if t.lemma_ in rules.UNOWNED_DATA_KINDS),
                    "anonymous")
        return Phrase(modifiers[0].i, head.i + 1, name, kind, f"name:{normal_key(name)}", head_lemma=head.lemma_,
                      modifiers=frozenset(t.lemma_ for t in modifiers), plural=True)

    def affiliation(self, tokens: list, head) -> Actor | None:
        """The organization a common-noun source speaks for: «пресс-служба МВД», «спикер ведомства»."""
        for token in tokens:
            if token.i == head.i:
                continue
            actor = self.actor_of(token)
            if actor is not None and actor.type == "organization":
                return actor
            if token.lemma_ in rules.ANAPHORIC_ORGANIZATIONS and token.head.i == head.i:
                return self.nearest_actor(token, "organization")
        return None


class MentionsByStart:
    """The actors' mentions in the order of their starts, to find the last one before an offset that fits
    without going through every mention of the article (a long article has tens of thousands)."""

    def __init__(self, actors: list[Actor]) -> None:
        # Of mentions starting together, the earlier actor comes last: it is met first going back, as it won
        # when every actor was gone through in order.
        ordered = sorted(
            ((mention.start, -number, actor) for number, actor in enumerate(actors) for mention in actor.mentions),
            key=lambda entry: entry[:2],
        )
        self.starts = [start for start, _, _ in ordered]
        self.actors = [actor for _, _, actor in ordered]

    def last_before(self, offset: int, fits) -> tuple[Actor | None, int]:
        """The actor of the last mention starting before `offset` for which `fits(actor, start)`, and its start."""
        for i in reversed(range(bisect_left(self.starts, offset))):
            if fits(self.actors[i], self.starts[i]):
                return self.actors[i], self.starts[i]
        return None, -1


class QuotedRanges:
    """Quoted stretches of the text, merged where they overlap, to say whether an offset falls inside one."""

    def __init__(self, quotes) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(quotes):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def inside(self, offset: int) -> bool:
        i = bisect_left(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


def counted_group(head):
    """«Ряд экспертов подтвердил», «часть депутатов заявила»: the group counted, not the quantity."""
    if head.lemma_ not in rules.QUANTITY_HEADS:
        return head
    group = next((c for c in head.children if c.dep_ == "nmod" and c.i > head.i and not has_any_case(c)
                  and c.pos_ in ("NOUN", "PROPN")), None)
    return group if group is not None else head


def spaced(words: list[str], tokens: list) -> str:
    """The words of `tokens` spaced as the text spaces them: «партии «Грузинская мечта»», not «партии « Грузинская
    мечта »»."""
    gaps = [" " if t.whitespace_ or t.i + 1 != after.i else "" for t, after in zip(tokens, tokens[1:])]
    return "".join(word + gap for word, gap in zip(words, [*gaps, ""]))


def unnamed_sources(head) -> Phrase:
    name, kind = rules.UNNAMED_SOURCES
    return Phrase(head.i, head.i + 1, name, kind, f"name:{normal_key(name)}", head_lemma=name.split()[-1],
                  modifiers=frozenset(name.split()[:-1]), plural=True)


def person_roles(doc, actors: list[Actor]) -> dict[str, dict[str, set[str]]]:
    """Each person's roles: role-noun lemma → stems of its complements («президент» → {«росси»})."""
    roles: dict[str, dict[str, set[str]]] = {}
    for actor in actors:
        if actor.type != "person":
            continue
        held = roles.setdefault(actor.id, {})
        for role in actor.roles:
            first, *rest = role.lower().split() or [""]
            held.setdefault(first, set()).update(stem(word) for word in rest)
        for mention in actor.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in NAME_DEPS and span.root.head.pos_ in ("NOUN", "PROPN"):
                noun = span.root.head
                words = [t for t in noun.subtree if t.i != noun.i and t.is_alpha and t.ent_type_ != "PER"]
                held.setdefault(noun.lemma_.lower(), set()).update(stem(t.text) for t in words)
                for role, words in later_roles(doc, noun, span.start):
                    held.setdefault(role.lemma_.lower(), set()).update(stem(t.text) for t in words)
    return roles


def later_roles(doc, noun, name_start: int) -> list:
    """«замглавы аппарата палаты - начальник управления Юрий Шувалов»: the other roles written between the first
    and the name, each with the words up to the next."""
    nouns = [t for t in doc[noun.i + 1 : name_start] if is_role(t) and t.morph.get("Case") == ["Nom"]]
    ends = [t.i for t in nouns[1:]] + [name_start] if nouns else []
    return [(role, [t for t in doc[role.i + 1 : end] if t.is_alpha]) for role, end in zip(nouns, ends, strict=True)]


def has_word(name: str, lemma: str) -> bool:
    """«Верховный суд» and «Мосгорсуд» both name a «суд»."""
    words = name.lower().replace("ё", "е").split()
    return stem(lemma) in {stem(word) for word in words} or any(lemma in word for word in words)


def person_genders(doc, actors: list[Actor]) -> dict[str, str]:
    """Each person's grammatical gender, from the first mention whose name carries one."""
    genders: dict[str, str] = {}
    for actor in actors:
        if actor.type != "person":
            continue
        for mention in actor.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            gender = [t.morph.get("Gender")[:1] for t in span or [] if t.ent_type_ == "PER" and t.morph.get("Gender")]
            if gender:
                genders[actor.id] = gender[0][0]
                break
    return genders


def is_role_mention(head) -> bool:
    """A singular person noun that may name a role someone in the article holds: «адвокат», «президент России»."""
    if head.pos_ != "NOUN" or "Anim" not in head.morph.get("Animacy") or "Sing" not in head.morph.get("Number"):
        return False
    return not any(c.dep_ == "amod" and c.lemma_ in rules.ANONYMOUS_MARKERS for c in head.children)


def is_role(head) -> bool:
    return head.lemma_ in rules.OFFICIAL_HEADS or head.lemma_ in rules.CONDITIONAL_OFFICIAL_HEADS


def role_of(head) -> tuple[str, set[str]]:
    """The role lemma and the stems of its complements; «глава государства» is read as «президент»."""
    words = [t for t in head.subtree if t.i != head.i and t.is_alpha and t.pos_ != "ADP"]
    synonym = rules.ROLE_SYNONYMS.get((head.lemma_.lower(), " ".join(t.lemma_ for t in words)))
    if synonym:
        return synonym, set()
    return head.lemma_.lower(), {stem(t.text) for t in words}


def moved(phrase: Phrase | None, head) -> Phrase | None:
    """The same source, mentioned at `head`."""
    return replace(phrase, start=head.i, end=head.i + 1) if phrase else None


def is_pronoun(token) -> bool:
    return token.lemma_ in rules.PERSONAL_PRONOUNS or token.lower_ in rules.POSSESSIVE_PRONOUNS


def is_bare(head, *, modifiers: bool = True) -> bool:
    """A noun without complements («политик», «российский президент»); without `modifiers`, determiners only."""
    rels = ("nmod", *NAME_DEPS, *NUMMOD_DEPS)
    if not modifiers:
        rels += ("amod", "acl")
    return head.pos_ == "NOUN" and not any(
        c.dep_ in rels and c.lemma_ not in rules.NAME_DROP_LEMMAS for c in head.children
    )


def is_person_description(head) -> bool:
    """«политик», «феминистка», «режиссер»: a singular person noun that names no one new."""
    return (
        "Anim" in head.morph.get("Animacy") and "Sing" in head.morph.get("Number")
        and head.lemma_ not in rules.ANONYMOUS_HEADS and head.lemma_ not in rules.NEW_PERSON_HEADS
        and not any(c.dep_ == "amod" and c.lemma_ in rules.ANONYMOUS_MARKERS for c in head.children)
    )


def person_in(head):
    """The PER token heading the phrase: the head itself or a name in apposition to its role."""
    if head.ent_type_ == "PER":
        return head
    if "Inan" in head.morph.get("Animacy"):
        return None
    for token in head.subtree:
        if token.i > head.i and token.ent_type_ == "PER" and linked_by(token, head, NAME_DEPS):
            return token
    after = head.doc[phrase_extent(head)[1]] if phrase_extent(head)[1] < len(head.doc) else None
    if after is not None and after.ent_type_ == "PER" and head.pos_ == "NOUN" and "Anim" in head.morph.get("Animacy"):
        return None if is_owner_name(after, head) or not same_case(after, head) else after
    return None


def same_case(one, other) -> bool:
    """«мать рядового Ивана Сомова»: a name in another case than the role belongs to someone else."""
    cases = one.morph.get("Case"), other.morph.get("Case")
    return not all(cases) or cases[0] == cases[1]


def is_owner_name(token, head) -> bool:
    """«отец Сингха», «адвокаты Кристенсена»: a person named in the genitive after a person noun is whose they are,
    not who speaks; the source is the whole phrase."""
    return (
        token.dep_ == "nmod" and token.head.i == head.i and token.ent_type_ == "PER" and head.ent_type_ != "PER"
        and head.pos_ == "NOUN" and "Anim" in head.morph.get("Animacy") and token.morph.get("Case") == ["Gen"]
        and not has_any_case(token)
    )


def linked_by(token, ancestor, rels: tuple[str, ...]) -> bool:
    while token.i != ancestor.i:
        if token.dep_ not in rels or has_any_case(token) or token.head.i == token.i:
            return False
        token = token.head
    return True


def named_organization(head):
    """«агентство Reuters», «газеты «Ведомости»»: the name in apposition to a head noun."""
    if head.ent_type_ == "ORG":
        return head
    for child in head.children:
        named = child.dep_ in NAME_DEPS or head.lemma_ in rules.MEDIA_HEADS
        if child.i > head.i and child.ent_type_ == "ORG" and named:
            return child
    return None


def covers(actor: Actor, head) -> bool:
    return any(m.start <= head.idx < m.end for m in actor.mentions)


def phrase_extent(head) -> tuple[int, int]:
    start = head.i
    for child in sorted(head.lefts, key=lambda t: -t.i):
        if child.i == start - 1 and child.dep_ in ("amod", "det", *NUMMOD_DEPS) and not child.is_punct:
            start = child.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ not in PHRASE_RIGHT_DEPS or child.ent_type_ == "PER" and head.ent_type_ != "PER" and not (
            is_owner_name(child, head)
        ):
            break
        sub = right_complement(child, head)
        if not sub or sub[0].i != end or sub[-1].i + 1 - start > MAX_PHRASE_TOKENS:
            break
        end = sub[-1].i + 1
    return start, end


def right_complement(child, head) -> list:
    tokens = list(child.subtree)
    cases = [t for t in tokens if t.dep_ == "case" and t.head.i == child.i]
    allowed = rules.PHRASE_PREPOSITIONS
    if head.lemma_ in rules.DOCUMENT_HEADS:
        allowed = allowed | rules.DOCUMENT_PREPOSITIONS
    if cases and cases[0].lower_ not in allowed:
        return []
    if cases and cases[0].lower_ in rules.PLACE_PREPOSITIONS and not is_place(child):
        return []
    for n, token in enumerate(tokens):
        if token.is_punct and token.text not in "«»\"()" or token.is_space or token.dep_ in RELATIVE_DEPS:
            return trim_tail(tokens[:n])
        if token.ent_type_ == "PER" and head.ent_type_ != "PER" and token.morph.get("Case") != ["Gen"]:
            return trim_tail(tokens[:n])
    return trim_tail(tokens)


def is_place(token) -> bool:
    """«в Вашингтоне», «в администрации президента» continue a source; «в совместном заявлении» does not."""
    return token.ent_type_ in ("LOC", "ORG") or token.lemma_ in rules.GOVERNMENT_HEADS


def trim_tail(tokens: list) -> list:
    while tokens and (tokens[-1].pos_ in ("ADP", "CCONJ") or tokens[-1].is_punct and tokens[-1].text not in "»\")"):
        tokens = tokens[:-1]
    opening = next((n for n, t in enumerate(tokens) if t.text == "("), None)
    if opening is not None and sum(t.text == "(" for t in tokens) != sum(t.text == ")" for t in tokens):
        tokens = tokens[:opening]
    return tokens


def anonymous_description(head) -> list:
    """«источник, знакомый с ходом переговоров»: the participle that identifies a bare anonymous source."""
    for child in head.rights:
        if child.dep_ in ("amod", "acl") and child.pos_ in ("ADJ", "VERB") and child.i > head.i:
            tokens = [t for t in child.subtree if not t.is_space]
            words = [t for t in tokens if not (t.is_punct and t.i in (tokens[0].i, tokens[-1].i))]
            if words and not any(t.is_punct for t in words) and len(words) <= 6:
                return words
    return []


def dropped(token, head) -> bool:
    if token.i == head.i:
        return False
    if token.lemma_ in rules.NAME_DROP_LEMMAS or token.pos_ == "NUM" or token.like_num:
        return token.i < head.i
    return token.dep_ in NUMMOD_DEPS and token.head.i == head.i


def phrase_count(tokens, head, morph: Morph) -> int | None:
    for token in tokens:
        if token.i < head.i and (token.dep_.startswith("nummod") or token.pos_ == "NUM"):
            value = number_value(token, morph)
            if value is not None:
                return value
    return None


def number_value(token, morph: Morph) -> int | None:
    """«3», «трех», «пятерых» → the number; None for anything else."""
    if token.text.isdecimal() and len(token.text) <= MAX_DIGITS:
        return int(token.text)
    return cardinal_value(token.text, morph) or lookup(token.text, COLLECTIVES, morph)


def gender_of(token) -> set[str]:
    head = token.head if token.dep_ in ("amod", "det") else token
    return set(head.morph.get("Gender")[:1])


def restore_case(word: str, original: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def lowercase_first(name: str, first) -> str:
    if first.pos_ in ("PROPN", "X") or first.ent_type_ or name[:2].isupper():
        return name
    return name[:1].lower() + name[1:]


def expand_abbreviation(name: str) -> str:
    first, _, rest = name.partition(" ")
    full = rules.ABBREVIATIONS.get(first.lower())
    return f"{full} {rest}".strip() if full else name


def role_words(doc, head) -> list[str]:
    start, end = phrase_extent(head)
    return [t.lemma_ for t in doc[start:end] if t.ent_type_ != "PER"]
