"""Events: a trigger word with a kind, the actors who did it and the date that dates it.

Triggers are verbs, participles and deverbal nouns whose lemma is in triggers.EVENT_TRIGGERS (a few need a
dependent to count: «вступить» only «в должность»). Agents come from the trigger's subject (the
instrumental agent of a passive, the genitive of some nouns), mapped to the actors mentioned there.

Each date is attached through the dependency tree: up from the date to the first
trigger above it, stopping at the first verb; a light verb («прошла встреча») hands the date to the
trigger it governs. A date whose verb is no trigger dates an event of kind `other` on that verb, so
no date that dates something is lost. A trigger dated twice is reported once per date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..models import Actor, DateSpan, Event, Span, explained
from .constants import SUBJECT_DEPS
from .spans import ActorIndex
from .triggers import EVENT_TRIGGERS


def by_lemma(table: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """lemma -> its kinds in table order («вступить»: inauguration «в должность», law «в силу»)."""
    kinds: dict[str, tuple[str, ...]] = {}
    for kind, lemmas in table.items():
        for lemma in lemmas:
            kinds[lemma] = kinds.get(lemma, ()) + (kind,)
    return kinds


KINDS = by_lemma(EVENT_TRIGGERS)


def has_child(*lemmas: str) -> Callable:
    return lambda token: any(child.lemma_ in lemmas for child in token.children)


def sentenced_to(token) -> bool:
    """«осужден», «осудили к пяти годам»: a conviction, not a condemnation («ЕС осудил»)."""
    return "Pass" in token.morph.get("Voice") or any(
        grand.lemma_ == "к" for child in token.children for grand in child.children
    )


def plural(token) -> bool:
    """«выборы» (elections), not «выбор» (a choice)."""
    return "Plur" in token.morph.get("Number")


# A lemma that needs more than itself to be a trigger: (lemma, kind) -> predicate on the token.
GUARDS: dict[tuple[str, str], Callable] = {
    ("вступить", "inauguration"): has_child("должность", "пост"),
    ("вступление", "inauguration"): has_child("должность", "пост"),
    ("вступить", "law"): has_child("сила"),
    ("выйти", "release"): has_child("свобода", "колония", "тюрьма", "сизо", "заключение"),
    ("выпустить", "release"): has_child("свобода", "колония", "тюрьма", "сизо", "заключение", "залог"),
    ("выпускать", "release"): has_child("свобода", "колония", "тюрьма", "сизо", "заключение", "залог"),
    ("признать", "conviction"): has_child("виновный"),
    ("принять", "law"): has_child("закон", "законопроект", "поправка", "указ", "резолюция"),
    ("ввести", "law"): has_child("санкция", "запрет", "закон", "положение", "ограничение"),
    ("выбор", "election"): plural,
    ("осудить", "sentence"): sentenced_to,
    ("осуждать", "sentence"): sentenced_to,
}
# Nouns whose genitive names the doer («вступление Трампа»), not the one it happened to.
GENITIVE_AGENT_KINDS = {"inauguration", "statement", "meeting", "visit", "death", "birth", "talks", "protest"}
# Verbs that only say that an event took place: the event is their subject or object.
LIGHT_VERBS = {
    "пройти", "проходить", "состояться", "произойти", "происходить", "начаться", "начинаться", "завершиться",
    "закончиться", "провести", "проводить", "продолжиться", "устроить", "огласить", "оглашать", "вынести",
    "выносить",
}
# Verbs whose infinitive names the event («удалось добиться», «был вынужден покинуть»).
MODAL_VERBS = {
    "удаться", "удаваться", "смочь", "мочь", "суметь", "успеть", "начать", "начинать", "продолжить", "продолжать",
    "стать", "решить", "пытаться", "попытаться", "хотеть", "вынудить", "намереваться", "собираться", "планировать",
}
COMPLEMENTS = ("xcomp", "csubj")
PARTICIPLE_REACH = 3  # tokens before a participle where the noun it qualifies may stand («акции, прошедшей»)
CLAUSE_LINKS = ("conj", "advcl", "xcomp", "parataxis")
TRIGGER_POS = ("VERB", "NOUN", "PROPN", "ADJ")


@dataclass
class Draft:
    """An event before ids are given: its trigger token, kind and (later) date."""

    token: object
    kind: str
    date: DateSpan | None = None
    agents: list[str] = field(default_factory=list)
    rule: str = "trigger table"


def extract_events(doc, *, dates: list[DateSpan], actors: list[Actor]) -> list[Event]:
    """Events in text order (E1, E2, …) with trigger, lemma, kind, agents and date."""
    drafts = {token.i: Draft(token, kind) for token in doc if (kind := kind_of(token))}
    dated = []
    for date in dates:
        draft = attach(doc, date, drafts)
        if draft is None:
            continue
        if draft.date is None:
            draft.date = date
        else:
            dated.append(Draft(draft.token, draft.kind, date, rule=draft.rule))
    everything = list(drafts.values()) + dated
    index, seen = ActorIndex(actors), {}
    for draft in everything:
        draft.agents = agents_of(draft.token, draft.kind, index, seen)
    everything.sort(key=lambda d: (d.token.idx, d.date.start if d.date else -1))
    return [to_event(number, draft) for number, draft in enumerate(everything, 1)]


def kind_of(token) -> str | None:
    """The event kind of a trigger token, or None when the token is no trigger."""
    if token.pos_ not in TRIGGER_POS:
        return None
    lemma = token.lemma_.lower().replace("ё", "е")
    for kind in KINDS.get(lemma, ()):
        guard = GUARDS.get((lemma, kind))
        if guard is None or guard(token):
            return kind
    return None


def to_event(number: int, draft: Draft) -> Event:
    token = draft.token
    return explained(Event(
        id=f"E{number}",
        trigger=Span(start=token.idx, end=token.idx + len(token.text), text=token.text),
        lemma=token.lemma_,
        kind=draft.kind,
        agents=draft.agents,
        date=draft.date,
    ), draft.rule)


# -- dates ----------------------------------------------------------------------------------------


def attach(doc, date: DateSpan, drafts: dict[int, Draft]) -> Draft | None:
    """The event a date dates: a trigger above it, a light verb's event, or its verb as `other`."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    inside = {token.i for token in span}
    above = ancestors_outside(span, inside)
    for token in above:
        if token.i in drafts:
            return drafts[token.i]
        if token.pos_ in ("VERB", "AUX"):
            verb_event = Draft(token, "other", rule="verb of a date")
            return governed_event(token, drafts) or drafts.setdefault(token.i, verb_event)
    nearest = nearest_in_sentence(span, drafts)
    if nearest is None and above:  # a clause with no verb: «Караджич — президент в 1992—1996 годах»
        return drafts.setdefault(above[-1].i, Draft(above[-1], "other", rule="head of a verbless date"))
    return nearest


def ancestors_outside(span, inside: set[int]) -> list:
    """The tokens above the date, from the first word of it whose head lies outside it (a broken parse
    can make a preposition of the date the root of the sentence)."""
    exits = [token for token in span if token.head.i not in inside]
    start = span.root if span.root in exits or not exits else exits[0]
    return [token for token in start.ancestors if token.i not in inside]


def governed_event(verb, drafts: dict[int, Draft]) -> Draft | None:
    """«прошла встреча», «решил освободить», «удалось добиться»: the event the date's verb governs, or
    the event a light participle qualifies («акция, прошедшая в воскресенье»)."""
    if verb.lemma_ in LIGHT_VERBS and verb.dep_ == "acl":
        before = verb.doc[max(verb.sent.start, verb.i - PARTICIPLE_REACH) : verb.i]
        nouns = (verb.head, *reversed(before))
        qualified = (t for t in nouns if t.i in drafts and (t.i == verb.head.i or agrees(t, verb)))
        if (noun := next(qualified, None)) is not None:
            return drafts[noun.i]
    for child in verb.children:
        light = verb.lemma_ in LIGHT_VERBS and child.dep_ in (*SUBJECT_DEPS, "obj")
        if child.i in drafts and (light or child.dep_ in COMPLEMENTS):
            return drafts[child.i]
    if verb.lemma_ in MODAL_VERBS:
        complement = next((c for c in verb.children if c.dep_ in COMPLEMENTS and c.pos_ == "VERB"), None)
        if complement is not None:
            return drafts.setdefault(complement.i, Draft(complement, "other", rule="complement of a modal verb"))
    return None


def agrees(noun, participle) -> bool:
    """Whether a participle can qualify the noun: the same case and number (and gender, in the singular)."""
    features = ("Case", "Number", "Gender") if participle.morph.get("Number") == ["Sing"] else ("Case", "Number")
    return all(noun.morph.get(feature) == participle.morph.get(feature) for feature in features)


def nearest_in_sentence(span, drafts: dict[int, Draft]) -> Draft | None:
    """A date outside any clause (a heading, a nominal sentence): the closest trigger in its sentence."""
    sentence = span.sent
    found = [drafts[i] for i in range(sentence.start, sentence.end) if i in drafts]
    if not found:
        return None
    return min(found, key=lambda draft: min(abs(draft.token.i - span.start), abs(draft.token.i - span.end + 1)))


# -- agents ---------------------------------------------------------------------------------------


def agents_of(token, kind: str, actors: ActorIndex, seen: dict) -> list[str]:
    ids = []
    for doer in doers(token, kind, seen):
        actor = actor_of(doer, actors)
        if actor and actor.id not in ids:
            ids.append(actor.id)
    return ids


def doers(token, kind: str, seen: dict, depth: int = 0) -> list:
    """Tokens naming who did it: subjects, passive agents, agentive genitives; shared across clauses."""
    found = own_doers(token, kind, seen)
    if not found and token.dep_ in CLAUSE_LINKS and token.head.pos_ == "VERB" and depth < 3:
        return doers(token.head, kind, seen, depth + 1)
    return found


def own_doers(token, kind: str, seen: dict) -> list:
    """The token's own subjects and agents; `seen` keeps them for the next event that asks (a verb that heads
    many clauses is asked by each)."""
    key = (token.i, kind)
    if key not in seen:
        found = [child for child in token.children if child.dep_ == "nsubj" or passive_agent(token, child)]
        if token.pos_ == "NOUN":
            found += [child for child in token.children if nominal_agent(child, kind)]
        found = [antecedent(doer) for doer in found]
        seen[key] = found + [conj for doer in found for conj in doer.children if conj.dep_ == "conj"]
    return seen[key]


def passive_agent(token, child) -> bool:
    """«был задержан полицией»: an instrumental without a preposition under a passive verb."""
    return (
        "Pass" in token.morph.get("Voice")
        and child.dep_ in ("obl", "obl:agent")
        and "Ins" in child.morph.get("Case")
        and not any(grand.dep_ == "case" for grand in child.children)
    )


def nominal_agent(child, kind: str) -> bool:
    if child.dep_ not in ("nmod", "nmod:agent") or any(grand.dep_ == "case" for grand in child.children):
        return False
    case = child.morph.get("Case")
    return "Ins" in case or ("Gen" in case and kind in GENITIVE_AGENT_KINDS)


def antecedent(token):
    """«которого Трамп назначил»: a relative pronoun stands for the noun its clause modifies."""
    if token.lemma_ in ("который", "кто") and token.head.dep_.startswith("acl"):
        return token.head.head
    return token


def actor_of(token, actors: ActorIndex):
    """The actor mentioned by the token itself, else by its name group (flat, appos, nmod)."""
    actor = actors.at(token.idx, token.idx + len(token.text))
    if actor:
        return actor
    group = [token] + [child for child in token.children if child.dep_ in ("flat", "flat:name", "appos", "nmod")]
    start = min(t.idx for t in group)
    end = max(t.idx + len(t.text) for t in group)
    return actors.at(start, end)
