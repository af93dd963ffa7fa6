"""Prisoner counts: quantities of people held, detained, sentenced, released, pardoned or exchanged.

For each quantity in a sentence (`numbers.find_quantities`) the counted noun is read off the words that
follow it; a count needs a noun of people («52 человека», «десятки заключенных») or, standing alone, the
subject or object of a trigger («трое осуждены»). Its status comes from the first of `STATUS_RULES` that
answers: a trigger in the count's own clause, the status of the count it belongs to («в том числе двое»),
a trigger up the dependency tree, a participle on the noun, and for nouns that name people in custody
(«заключенные») the nearest trigger in the sentence or the noun itself. A release that is only discussed,
demanded, possible or future is planned_release; one in a swap is exchanged.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from .. import caches
from ..dateline import MONTH
from ..models import Event, PrisonerCount, explained
from ..morph import Morph, fold
from .constants import RELATIVE_DEPS, SUBJECT_DEPS
from .numbers import Quantity, find_quantities
from .spans import SpanIndex
from .triggers import EVENT_TRIGGERS, statuses_by_lemma

# Triggers that need a word below them: «вышли на свободу», «находятся в заключении», «взяты в заложники».
PRISON_PLACES = frozenset(
    {"заключение", "тюрьма", "колония", "сизо", "изолятор", "плен", "стража", "решетка", "застенок",
     "неволя", "лагерь", "заложник", "камера", "арест"}
)
CLEMENCY = frozenset({"амнистия", "помилование"})
# People found after going missing or being kidnapped are freed: «обнаружены трое похищенных туристов».
MISSING = frozenset({"пропасть", "пропавший", "похитить", "похищенный", "заложник"})
PHRASE_TRIGGERS: dict[str, tuple[tuple[frozenset[str], str], ...]] = {
    "выйти": ((frozenset({"свобода"}), "released"),),
    "выходить": ((frozenset({"свобода"}), "released"),),
    "оказаться": ((frozenset({"свобода"}), "released"), (PRISON_PLACES, "detained")),
    "покинуть": ((frozenset({"тюрьма", "колония", "сизо", "изолятор", "плен"}), "released"),),
    "находиться": ((PRISON_PLACES, "held"),),
    "оставаться": ((PRISON_PLACES, "held"),),
    "остаться": ((PRISON_PLACES, "held"),),
    "сидеть": ((PRISON_PLACES, "held"),),
    "держать": ((PRISON_PLACES, "held"),),
    "содержать": ((PRISON_PLACES, "held"),),
    "взять": ((frozenset({"заложник", "стража", "плен"}), "detained"),),
    "брать": ((frozenset({"заложник", "стража", "плен"}), "detained"),),
    "заключить": ((frozenset({"стража"}), "detained"),),
    "поместить": ((PRISON_PLACES, "detained"),),
    "попасть": ((CLEMENCY, "pardoned"), (frozenset({"плен", "решетка", "тюрьма"}), "detained")),
    "попадать": ((CLEMENCY, "pardoned"),),
    "получить": ((CLEMENCY, "pardoned"), (frozenset({"срок"}), "sentenced")),
    "коснуться": ((CLEMENCY, "pardoned"),),
    "затронуть": ((CLEMENCY, "pardoned"),),
    "сократить": ((frozenset({"срок"}), "pardoned"),),
    "признать": ((frozenset({"виновный", "вина"}), "sentenced"),),
    "назначить": ((frozenset({"арест", "срок", "наказание"}), "sentenced"),),
    "обнаружить": ((MISSING, "released"),),
    "найти": ((MISSING, "released"),),
    "разыскать": ((MISSING, "released"),),
}
# Trigger lemma → status, from the event kinds (a lemma with a phrase rule above counts only with its word).
TRIGGERS = statuses_by_lemma(except_lemmas=set(PHRASE_TRIGGERS))
# Words above a release that make it negotiated, demanded, expected or possible.
PLANNING = frozenset(
    {"обсуждать", "обсудить", "требовать", "потребовать", "призвать", "призывать", "хотеть", "мочь",
     "планировать", "намереваться", "собираться", "ожидать", "ожидаться", "обещать", "пообещать", "предложить",
     "предлагать", "просить", "попросить", "настаивать", "рассчитывать", "надеяться", "переговоры",
     "договориться", "договариваться", "готовый", "готовиться", "возможный", "предстоящий", "будущий",
     "потенциальный", "стремление", "усилие", "сделка", "соглашение", "должный", "предполагаться", "список"}
)
# Seeking a release plans it; having achieved it («удалось добиться», «добилась») does not.
SEEKING = frozenset({"добиться", "добиваться"})
ACHIEVED_BY = frozenset({"удаться"})
FUTURE_AUX = frozenset({"буду", "будешь", "будет", "будем", "будете", "будут"})
# Words that make a number not a custody count: the dead, the injured, votes.
BLOCKERS = frozenset(
    {"погибнуть", "умереть", "скончаться", "убить", "ранить", "пострадать", "гибель", "смерть", "казнить",
     "уничтожить", "проголосовать", "голосовать"}
)
EXCHANGE_WORDS = frozenset({"обмен", "обменять", "обмениваться", "обменяться", "взамен"})
# Returning people is a swap when the article is about one («вернула из плена 157 военнослужащих»).
RETURN_WORDS = frozenset({*EVENT_TRIGGERS["return"], "вернуться"})
# Nouns that name people in custody (nominative plural, ё → е) and their status when no trigger says.
CUSTODY_NOUNS = {
    "заключенные": "held",
    "политзаключенные": "held",
    "узники": "held",
    "заложники": "held",
    "заложницы": "held",
    "пленные": "held",
    "военнопленные": "held",
    "пленники": "held",
    "арестанты": "held",
    "задержанные": "detained",
    "арестованные": "detained",
    "похищенные": "detained",
    "осужденные": "sentenced",
    "помилованные": "pardoned",
    "амнистированные": "pardoned",
    "освобожденные": "released",
    "обмененные": "exchanged",
}
# People who are never counted as prisoners, however the sentence goes; and things that are not people.
NOT_COUNTED = frozenset(
    {"собеседники", "источники", "свидетели", "эксперты", "погибшие", "убитые", "раненые", "раненные",
     "пострадавшие", "жертвы", "избиратели", "депутаты", "сенаторы", "респонденты", "опрошенные",
     "подписанты", "читатели", "зрители", "пользователи", "подписчики", "истцы", "годы", "лета",
     "рубли", "доллары", "евро", "сумы", "тенге", "гривны", "лари", "сомы", "франки", "фунты", "юани",
     "иены", "найры", "манаты", "драмы"}
)
# Nouns that govern a count of sources: «со ссылкой на трех собеседников», «по словам двух задержанных».
SOURCE_HEADS = frozenset({"ссылка", "сослаться", "слово"})
PERSON_NOUNS = frozenset({"люди", "человеки", "лица"})
# Signs before a number that make it money: «$38 млн».
CURRENCY_SIGNS = frozenset("$€£₽¥")
# Verbs whose «из» names what a group is made of, not a part of it: «коллегия, состоящая из трех женщин».
COMPOSITION = frozenset({"состоять", "состояться"})
# Words before «один» that make it a count of one person: «Еще один был осужден».
ONE_MORE = frozenset({"еще", "ещё"})
DASHES = frozenset({"—", "–", "-"})
LIST_MARKS = frozenset({".", ")"})
THINGS = frozenset({"одно"})  # «несомненно одно — …»
POSSESSIVES = frozenset({"его", "ее", "их"})
NOUN_POS = {"NOUN", "PROPN"}
MODIFIER_POS = {"ADJ", "DET", "VERB"}
HEAD_WINDOW = 4
PARTITIVE = "из"
BARE_DEPS = {*SUBJECT_DEPS, "obj", "conj"}
ARGUMENT_DEPS = {*SUBJECT_DEPS, "obj", "obl"}
# Clause breaks, and the openings of clauses that speak of a part of a count or of its members.
CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")"})
ASIDE_OPENERS = (
    ("из", "них"), ("из", "которых"), ("среди", "них"), ("среди", "которых"), ("в", "том", "числе"),
    ("включая",), ("которые",), ("которых",), ("которым",), ("которыми",), ("который",), ("которая",),
    ("которого",), ("которую",),
)
CHAIN_DEPTH = 6
ANTECEDENT_WINDOW = 6
PLANNING_DEPTH = 3


@dataclass(frozen=True)
class Trigger:
    """The word that gives a count its status; status None when it rules the count out («погибли»)."""

    token: object
    status: str | None
    rule: str = ""


class Sentence:
    """What the status rules ask of one sentence, each answer worked out once: the clause of each word
    (between CLAUSE_BREAKS), which clauses are asides, and which words are triggers, blockers and roles."""

    def __init__(self, sent, morph: Morph) -> None:
        self.sent, self.morph = sent, morph
        self.words = [t for t in sent if not t.is_space]
        self.position = {t.i: n for n, t in enumerate(self.words)}
        breaks = [n for n, t in enumerate(self.words) if t.text in CLAUSE_BREAKS]
        self.starts, self.ends = clause_bounds(len(self.words), breaks)
        self.statuses: dict[int, str | None] = {}
        self.clause_facts: dict[tuple[int, int], dict] = {}
        self.trigger_indices: list[int] | None = None
        self.exchange: bool | None = None
        self.custody_place: bool | None = None

    def clause(self, token) -> tuple[int, int]:
        """Word positions [start, end) of the clause around `token` (a break ends the clause before it)."""
        n = self.position[token.i]
        return self.starts[n], n if self.words[n].text in CLAUSE_BREAKS else self.ends[n]

    def clause_words(self, token) -> list:
        start, end = self.clause(token)
        return self.words[start:end]

    def status(self, token) -> str | None:
        if token.i not in self.statuses:
            self.statuses[token.i] = trigger_status(token, self.morph)
        return self.statuses[token.i]

    def facts(self, clause: tuple[int, int]) -> dict:
        """Of one clause: whether it is an aside, and its roles, triggers or blockers and custody nouns in order."""
        if clause not in self.clause_facts:
            words = self.words[clause[0] : clause[1]]
            self.clause_facts[clause] = {
                "aside": is_aside(words),
                "roles": [t for t in words if is_other_role(t, self.morph)],
                "candidates": [t for t in words if is_blocker(t, self.morph) or self.status(t)],
                "custody": [t for t in words if CUSTODY_NOUNS.get(noun_key(t, self.morph))],
            }
        return self.clause_facts[clause]

    def in_aside(self, token) -> bool:
        return self.facts(self.clause(token))["aside"]

    def about_custody(self) -> bool:
        """The sentence names a place of custody or people in it («в Китае — 44 заключенных»)."""
        if self.custody_place is None:
            self.custody_place = any(is_custody_place(t) for t in self.sent)
        return self.custody_place

    def reachable(self, anchor, token) -> bool:
        """A trigger in another clause counts only when that clause is not an aside about part of the count."""
        start, end = self.clause(token)
        return start <= self.position[anchor.i] < end or not self.facts((start, end))["aside"]

    def triggers(self) -> list[int]:
        """Token indices of the sentence's triggers, in order."""
        if self.trigger_indices is None:
            self.trigger_indices = [t.i for t in self.sent if self.status(t)]
        return self.trigger_indices

    def mentions_exchange(self) -> bool:
        """The sentence speaks of a swap: an exchange word, or «в обмен на» (in return for) people."""
        if self.exchange is None:
            self.exchange = any(
                self.is_exchange_word(t) for t in self.words if lemmas(t, self.morph) & EXCHANGE_WORDS
            )
        return self.exchange

    def is_exchange_word(self, token) -> bool:
        words, i = self.words, self.position[token.i]
        in_return = 0 < i < len(words) - 1 and fold(words[i - 1].text) == "в" and fold(words[i + 1].text) == "на"
        return not in_return or returns_people(words, i + 2, self.morph)


def clause_bounds(size: int, breaks: list[int]) -> tuple[list[int], list[int]]:
    """For each position, the first position after the break before it and the first break at or after it."""
    at_break = set(breaks)
    starts, ends = [0] * size, [size] * size
    start = 0
    for n in range(size):
        starts[n] = start
        if n in at_break:
            start = n + 1
    end = size
    for n in range(size - 1, -1, -1):
        if n in at_break:
            end = n
        ends[n] = end
    return starts, ends


@dataclass
class Found:
    """What the status rules may look at for one count."""

    anchor: object
    head: object | None
    kind: str
    quantity: Quantity
    sentence: Sentence
    earlier: dict = field(default_factory=dict)


def extract_counts(doc, *, events: list[Event], morph: Morph) -> list[PrisonerCount]:
    """Counts of people deprived of liberty or freed from it, in text order."""
    sents = list(doc.sents)
    sentence_at = cache(lambda index: Sentence(sents[index], morph))  # only for a sentence that is asked about
    exchange_article = cache(lambda: any(sentence_at(index).mentions_exchange() for index in range(len(sents))))
    events_at = SpanIndex((event.trigger.start, event.trigger.end, event.id) for event in events)
    counts = []
    for index, sent in enumerate(sents):
        quantities = find_quantities(sent, morph)
        if not quantities:
            continue
        sentence, earlier = sentence_at(index), {}
        for quantity in quantities:
            count = read_count(doc, quantity, sentence, events_at, earlier, exchange_article)
            if count is not None:
                counts.append(count)
    return counts


def read_count(doc, quantity: Quantity, sentence: Sentence, events_at: SpanIndex, earlier: dict,
               exchange_article: Callable[[], bool]):
    """The count a quantity states, or None when it counts no one in custody."""
    morph = sentence.morph
    phrase = counted_phrase(doc, quantity, morph)
    if is_excluded(phrase, morph) or is_zero(doc, quantity) or is_not_people(doc, quantity):
        return None
    head = counted_noun(phrase, morph)
    if head is None:
        head = partitive_noun(doc, quantity) or bracketed_group(doc, quantity)
        if head is not None and (people_kind(head, morph) is None or is_possessor(doc, quantity)):
            return None  # «по 10 из 11 пунктов обвинения»
    if is_source(head, morph):
        return None
    kind = people_kind(head, morph) if head is not None else bare_kind(doc, quantity, sentence, bool(earlier))
    if kind is None:
        return None
    anchor = head if head is not None else doc[quantity.number_end - 1]
    trigger = find_trigger(Found(anchor, head, kind, quantity, sentence, earlier), morph)
    read = status_of(trigger, head, kind, exchange_article, morph)
    status = held_now(read, trigger, anchor)
    if status is None:
        return None
    earlier[anchor.i] = (status, trigger)
    event = event_id(trigger.token if trigger else None, anchor, events_at)
    count = make_count(doc, quantity, head, status, event, morph)
    rule = f"{trigger.rule} «{trigger.token.text}»" if trigger else "custody noun"
    return explained(count, rule if status == read else f"{rule}, held_now")


def held_now(status: str | None, trigger: Trigger | None, anchor) -> str | None:
    """«двое задержанных студентов находятся на допросе»: detained people in a present-tense clause are held."""
    if status != "detained" or trigger is None or trigger.token.head != anchor or trigger.token.i > anchor.i:
        return status
    verb = next((t for t in anchor.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return "held" if verb is not None and "Pres" in verb.morph.get("Tense") else status


def status_of(
    trigger: Trigger | None, head, kind: str, exchange_article: Callable[[], bool], morph: Morph
) -> str | None:
    """The trigger's status; for custody nouns with no trigger, the noun's own («заключенные» → held)."""
    if trigger is None:
        return CUSTODY_NOUNS.get(noun_key(head, morph)) if kind == "custody" else None
    if trigger.status == "released" and exchange_article() and lemmas(trigger.token, morph) & RETURN_WORDS:
        return "exchanged"
    return trigger.status


def make_count(doc, quantity: Quantity, head, status: str, event: str | None, morph: Morph) -> PrisonerCount:
    start = doc[quantity.start].idx
    last = head if head is not None else doc[quantity.end - 1]
    if head is not None and head.i < quantity.start:  # «арестованных блогеров (12)»
        start = min([head.idx] + [c.idx for c in head.children if c.dep_ == "amod" and c.i < head.i])
        last = doc[quantity.end]
    end = last.idx + len(last.text)
    return PrisonerCount(
        start=start,
        end=end,
        text=doc.text[start:end],
        number=doc[quantity.number_start : quantity.number_end].text,
        low=quantity.low,
        high=quantity.high,
        qualifier=quantity.qualifier,
        status=status,
        group=group_name(doc, quantity, head, morph),
        event=event,
    )


# --- the counted noun ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NounPhrase:
    """The words after a quantity: its noun (or None) and the adjectives and participles before it."""

    noun: object | None
    modifiers: tuple = ()


def counted_phrase(doc, quantity: Quantity, morph: Morph) -> NounPhrase:
    modifiers = []
    for token in words_after(doc, quantity.end, HEAD_WINDOW):
        if token.pos_ in NOUN_POS:
            return NounPhrase(extend_head(doc, token, morph), tuple(modifiers))
        if not is_modifier(token):
            break
        if token.pos_ in ("ADJ", "VERB"):
            modifiers.append(token)
    return NounPhrase(None, tuple(modifiers))


def counted_noun(phrase: NounPhrase, morph: Morph):
    """The noun the quantity counts.

    A participle with no noun of people after it is the noun itself («30 задержанных», «29 учащихся
    школы»). None when the quantity stands alone («трое осуждены», «трое из них»).
    """
    last = phrase.modifiers[-1] if phrase.modifiers else None
    if phrase.noun is not None and (people_kind(phrase.noun, morph) or not is_substantive(last, morph)):
        return phrase.noun
    return last


def is_substantive(token, morph: Morph) -> bool:
    """A participle or adjective in the plural can name people by itself: «учащихся», «задержанных»."""
    if token is None:
        return False
    return token.pos_ == "VERB" or noun_key(token, morph) in CUSTODY_NOUNS


def is_excluded(phrase: NounPhrase, morph: Morph) -> bool:
    """«757 погибших военнослужащих»: the dead, the injured, and other people never counted."""
    return any(is_blocker(m, morph) or noun_key(m, morph) in NOT_COUNTED for m in phrase.modifiers)


def is_source(head, morph: Morph) -> bool:
    """«со ссылкой на двух родственников», «по словам двух задержанных»: people cited, not counted."""
    return head is not None and bool(lemmas(head.head, morph) & SOURCE_HEADS)


def is_modifier(token) -> bool:
    """A full adjective or participle (it has a case), a possessive, or an adverb inside the noun phrase."""
    if token.pos_ == "ADV" or fold(token.text) in POSSESSIVES:
        return True
    return token.pos_ in MODIFIER_POS and bool(token.morph.get("Case"))


def extend_head(doc, token, morph: Morph):
    """«заключенных работников»: a participle read as a noun, followed by the noun it describes."""
    following = next(words_after(doc, token.i + 1, 1), None)
    if following is None or following.pos_ not in NOUN_POS or not can_be_adjective(token.text, morph):
        return token
    agree = all(token.morph.get(f) == following.morph.get(f) for f in ("Case", "Number"))
    return following if agree and people_kind(following, morph) else token


def can_be_adjective(word: str, morph: Morph) -> bool:
    return any(p.tag.POS in ("ADJF", "PRTF") for p in morph.parse(word.lower()))


def words_after(doc, start: int, limit: int) -> Iterator:
    count = 0
    for token in doc[start : start + 3 * limit]:
        if token.is_space:
            continue
        if count == limit or token.is_sent_start:
            return
        count += 1
        yield token


def bare_kind(doc, quantity: Quantity, sentence: Sentence, in_list: bool = False) -> str | None:
    """A number with no noun: «трое осуждены», «из них задержаны 40», «сотни из них остаются под стражей»;
    an item of a list after an earlier count («трое — в Казани, двое — в Уфе»); «еще один был осужден»."""
    number = doc[quantity.number_end - 1]
    if is_list_item(doc, quantity, sentence, in_list):
        return "list"
    if quantity.high == 1 and not (number.dep_ in BARE_DEPS and word_before(doc, quantity.start) in ONE_MORE):
        return None
    after = next(words_after(doc, quantity.end, 1), None)
    partitive = after is not None and fold(after.text) == PARTITIVE
    return "bare" if partitive or number.dep_ in BARE_DEPS else None


def is_list_item(doc, quantity: Quantity, sentence: Sentence, after_count: bool) -> bool:
    """«трое — в Казани, двое — в Уфе» after a count, «в Китае — 44» in a sentence about prison: a number
    beside a dash (not a year of a date, not «одно» — a thing)."""
    after = next(words_after(doc, quantity.end, 1), None)
    before = word_before(doc, quantity.start)
    beside_dash = before in DASHES or (after is not None and after.text in DASHES)
    in_date = re.fullmatch(MONTH, before) or (after is not None and re.fullmatch(MONTH, fold(after.text)))
    if not beside_dash or in_date or fold(doc[quantity.number_start].text) in THINGS:
        return False
    return after_count or sentence.about_custody()


def is_custody_place(token) -> bool:
    return fold(token.lemma_) in PRISON_PLACES or token.text.lower() in CUSTODY_NOUNS


def word_before(doc, i: int) -> str:
    before = [t for t in doc[max(0, i - 3) : i] if not t.is_space]
    return fold(before[-1].text) if before and before[-1].sent == doc[i].sent else ""


def partitive_noun(doc, quantity: Quantity):
    """«один из задержанных» → «задержанных», «10 из 11 пунктов» → «пунктов»; None for «из них»."""
    after = list(words_after(doc, quantity.end, HEAD_WINDOW))
    if not after or fold(after[0].text) != PARTITIVE:
        return None
    for token in after[1:]:
        if token.pos_ in NOUN_POS or (token.pos_ in ("ADJ", "VERB") and token.dep_ not in ("amod",)):
            return token if token.pos_ != "PRON" else None
        if token.pos_ not in ("NUM", "ADJ", "DET", "ADV"):
            return None
    return None


def bracketed_group(doc, quantity: Quantity):
    """«арестованных блогеров (12)»: a number alone in brackets after the people it counts."""
    if word_before(doc, quantity.start) != "(" or quantity.end >= len(doc) or doc[quantity.end].text != ")":
        return None
    before = [t for t in doc[max(0, quantity.start - 3) : quantity.start - 1] if not t.is_space]
    return before[-1] if before and before[-1].pos_ in NOUN_POS else None


def is_not_people(doc, quantity: Quantity) -> bool:
    """«$38 млн», a list marker «1.» opening a sentence, «коллегия, состоящая из трех женщин»."""
    before = word_before(doc, quantity.start)
    if before in CURRENCY_SIGNS:
        return True
    first = doc[quantity.start]
    if first.is_sent_start and quantity.end < len(doc) and doc[quantity.end].text in LIST_MARKS:
        return True
    if before == PARTITIVE:
        preposition = next(t for t in reversed(doc[: quantity.start]) if not t.is_space)
        return any(fold(t.lemma_) in COMPOSITION for t in preposition.head.ancestors)
    return False


def is_zero(doc, quantity: Quantity) -> bool:
    """«ни одного политзаключенного» counts nobody."""
    before = [t for t in doc[max(0, quantity.start - 3) : quantity.start] if not t.is_space]
    return bool(before) and fold(before[-1].text) == "ни"


def noun_key(token, morph: Morph) -> str:
    """The noun in the nominative plural, lowercased, ё → е: «заключенных» → «заключенные»."""
    return fold(nominative_plural(token.text, morph))


@lru_cache(maxsize=caches.WORDS)
def nominative_plural(word: str, morph: Morph) -> str:
    for parse in morph.parse(word.lower()):
        if parse.tag.POS in ("NOUN", "ADJF", "PRTF"):
            inflected = morph.inflect(parse, {"nomn", "plur"})
            if inflected is not None:
                return keep_spelling(word, inflected.word)
    return word.lower()


def keep_spelling(original: str, word: str) -> str:
    return word if "ё" in original.lower() else word.replace("ё", "е")


def people_kind(token, morph: Morph) -> str | None:
    """'custody' for «заключенные», 'person' for other people («человек», «украинец»), None otherwise."""
    key = noun_key(token, morph)
    if key in NOT_COUNTED:
        return None
    if key in CUSTODY_NOUNS:
        return "custody"
    if key in PERSON_NOUNS or is_animate(token, morph) or token.pos_ not in NOUN_POS:
        return "person"
    return None


def is_animate(token, morph: Morph) -> bool:
    if token.pos_ not in NOUN_POS:
        return False
    if token.morph.get("Animacy"):
        return "Anim" in token.morph.get("Animacy")
    return any(p.tag.animacy == "anim" and p.tag.POS == "NOUN" for p in morph.parse(token.text.lower()))


# --- status -------------------------------------------------------------------------------------------


def find_trigger(found: Found, morph: Morph) -> Trigger | None:
    """The first answer of `STATUS_RULES`; its status is None when a blocker rules the count out."""
    for rule in STATUS_RULES:
        trigger = rule(found, morph)
        if trigger is not None:
            return replace(trigger, rule=trigger.rule or rule.__name__)
    return None


def clause_trigger(found: Found, morph: Morph) -> Trigger | None:
    """A trigger in the count's own clause: one that governs the count first, else the nearest."""
    own = {found.anchor.i} | set(range(found.quantity.start, found.quantity.end))
    facts = found.sentence.facts(found.sentence.clause(found.anchor))
    role = next((t for t in facts["roles"] if t.i not in own), None)
    if role is not None:
        return Trigger(role, None)
    candidates = [t for t in facts["candidates"] if t.i not in own]
    if not candidates:
        return custody_word_in_clause(found, morph)
    above = {a.i for a in found.anchor.ancestors}
    governing = [t for t in candidates if t.i in above]
    token = governing[0] if governing else min(candidates, key=lambda t: (abs(t.i - found.anchor.i), t.i))
    return make_trigger(token, found.sentence)


def is_other_role(token, morph: Morph) -> bool:
    """«свидетелями проходят 160 человек»: the people are named in a role that is not custody."""
    return token.pos_ in NOUN_POS and "Ins" in token.morph.get("Case") and noun_key(token, morph) in NOT_COUNTED


def custody_word_in_clause(found: Found, morph: Morph) -> Trigger | None:
    """«считает политзаключенными более 1 100 человек»: a custody noun beside a count of people."""
    if found.kind != "person":
        return None
    own = {found.anchor.i} | set(range(found.quantity.start, found.quantity.end))
    for token in found.sentence.facts(found.sentence.clause(found.anchor))["custody"]:
        modifier = token.head == found.anchor and token.i < found.anchor.i
        if token.i in own or (token.pos_ not in NOUN_POS and not modifier) or (
            token.head == found.anchor and token.i > found.anchor.i
        ):
            continue
        status = CUSTODY_NOUNS.get(noun_key(token, morph))
        if status:
            return Trigger(token, status)
    return None


def member_trigger(found: Found, morph: Morph) -> Trigger | None:
    """A count in an aside («в том числе двое журналистов») or coordinated with an earlier count shares its status."""
    conj_head = found.anchor.head.i if found.anchor.dep_ == "conj" else None
    if conj_head in found.earlier:
        return Trigger(found.anchor.head, found.earlier[conj_head][0])
    if found.earlier and (found.kind == "list" or found.sentence.in_aside(found.anchor)):
        status, trigger = list(found.earlier.values())[-1]
        return Trigger(trigger.token if trigger else found.anchor, status)
    if found.kind == "list":
        return list_trigger(found, morph)
    return None


def list_trigger(found: Found, morph: Morph) -> Trigger | None:
    """The first item of a list («в Китае — 44»): the sentence's nearest trigger, else held in custody."""
    anchor, sentence = found.anchor, found.sentence
    nearest = next((i for i in nearest_first(sentence.triggers(), anchor.i) if i != anchor.i), None)
    if nearest is not None:
        return replace(make_trigger(anchor.doc[nearest], sentence), rule="list_trigger")
    return Trigger(anchor, "held", rule="list held")


def is_possessor(doc, quantity: Quantity) -> bool:
    """«адвокат одного из осужденных»: one person named through a noun, not a count."""
    number = doc[quantity.number_start]
    return quantity.high == 1 and "Gen" in number.morph.get("Case") and number.head.pos_ in NOUN_POS


def chain_trigger(found: Found, morph: Morph) -> Trigger | None:
    """A trigger up the dependency tree, or a trigger noun that is an argument of a verb up the tree."""
    if found.kind in ("bare", "list"):
        return None
    sentence = found.sentence
    verbs = 0
    for token in ancestors(found.anchor):
        if not sentence.reachable(found.anchor, token):
            continue
        if is_blocker(token, morph) or sentence.status(token):
            return make_trigger(token, sentence)
        verbs += token.pos_ in ("VERB", "AUX")
        if verbs > 1:  # «Задержание вызвало …, и глава МВД ходатайствовал об увольнении двух генералов»
            continue
        for child in token.children:
            if child.dep_ in ARGUMENT_DEPS and child.pos_ in NOUN_POS and sentence.reachable(found.anchor, child):
                if sentence.status(child):
                    return make_trigger(child, sentence)
    return None


def modifier_trigger(found: Found, morph: Morph) -> Trigger | None:
    """A participle or relative clause on the noun: «47 задержанных человек», «5 человек, которых арестовали»."""
    if found.head is None:
        return None
    for child in found.head.children:
        if child.dep_ in ("amod", *RELATIVE_DEPS):
            for token in child.subtree:
                if (token == child or token.head == child) and found.sentence.status(token):
                    return make_trigger(token, found.sentence)
    return None


def sentence_trigger(found: Found, morph: Morph) -> Trigger | None:
    """For custody nouns: the nearest trigger anywhere in the sentence outside asides."""
    if found.kind != "custody":
        return None
    anchor, sentence = found.anchor, found.sentence
    doc = anchor.doc
    for i in nearest_first(sentence.triggers(), anchor.i):
        if i != anchor.i and sentence.reachable(anchor, doc[i]):
            return make_trigger(doc[i], sentence)
    return None


def nearest_first(indices: list[int], at: int) -> Iterator[int]:
    """Sorted `indices` by distance from `at`, the smaller index first between two at the same distance."""
    right = bisect_left(indices, at)
    left = right - 1
    while left >= 0 or right < len(indices):
        if right >= len(indices) or left >= 0 and at - indices[left] <= indices[right] - at:
            yield indices[left]
            left -= 1
        else:
            yield indices[right]
            right += 1


STATUS_RULES: tuple[Callable[[Found, Morph], Trigger | None], ...] = (
    clause_trigger,
    member_trigger,
    chain_trigger,
    modifier_trigger,
    sentence_trigger,
)


def make_trigger(token, sentence: Sentence) -> Trigger:
    if is_blocker(token, sentence.morph):
        return Trigger(token, None)
    return Trigger(token, adjust(sentence.status(token), token, sentence))


def ancestors(token) -> Iterator:
    for depth, ancestor in enumerate(token.ancestors):
        if depth == CHAIN_DEPTH:
            return
        yield ancestor


def is_aside(clause: list) -> bool:
    words = tuple(fold(t.text) for t in clause)
    return any(words[: len(opener)] == opener for opener in ASIDE_OPENERS)


def lemma(token) -> str:
    return fold(token.lemma_)


def lemmas(token, morph: Morph) -> frozenset[str]:
    return word_lemmas(token.lemma_, token.text, morph)


@lru_cache(maxsize=caches.WORDS)
def word_lemmas(tagged_lemma: str, text: str, morph: Morph) -> frozenset[str]:
    """The tagger's lemma and every dictionary normal form of a word, folded; asked for many times a token."""
    return frozenset({fold(tagged_lemma), *morph.normal_forms(text)})


def is_blocker(token, morph: Morph) -> bool:
    return bool(lemmas(token, morph) & BLOCKERS)


def trigger_status(token, morph: Morph) -> str | None:
    for form in sorted(lemmas(token, morph)):
        if form in TRIGGERS:
            return TRIGGERS[form]
        for words, status in PHRASE_TRIGGERS.get(form, ()):
            if has_word_below(token, words, morph):
                return status
    return None


def has_word_below(token, words: frozenset[str], morph: Morph) -> bool:
    """A word in `words` below the trigger, or what «который» below it stands for («амнистия, под которую»)."""
    for below in token.subtree:
        if below == token:
            continue
        if lemmas(below, morph) & words:
            return True
        if lemma(below) == "который" and any(lemmas(a, morph) & words for a in antecedents(below)):
            return True
    return False


def antecedents(which) -> Iterator:
    """Nouns before «который» that agree with it in gender and number: the words it may stand for."""
    for i in range(which.i - 1, max(which.sent.start, which.i - ANTECEDENT_WINDOW) - 1, -1):
        token = which.doc[i]
        if token.pos_ in NOUN_POS and agrees(which, token):
            yield token


def agrees(which, noun) -> bool:
    number = which.morph.get("Number")
    if number != noun.morph.get("Number"):
        return False
    return number == ["Plur"] or which.morph.get("Gender") == noun.morph.get("Gender")


def adjust(status: str, trigger, sentence: Sentence) -> str:
    """A negated release stays held; a negotiated or expected one is planned_release; one in a swap, exchanged."""
    if status not in ("released", "pardoned", "exchanged"):
        return status
    if is_negated(trigger):
        return "held"
    if is_planned(trigger, sentence.morph):
        return "planned_release"
    if status == "released" and sentence.mentions_exchange():
        return "exchanged"
    return status


def is_negated(trigger) -> bool:
    return any(fold(c.text) == "не" for c in trigger.children)


def is_planned(trigger, morph: Morph) -> bool:
    if is_future(trigger) or any(fold(c.text) == "бы" for c in trigger.children):
        return True
    if any(is_planning(c, morph) for c in trigger.children if c.dep_ in ("amod", "aux")):
        return True
    if trigger.pos_ in NOUN_POS and is_future(trigger.head):
        return True
    return any(is_planning(a, morph) for a, _ in zip(trigger.ancestors, range(PLANNING_DEPTH)))


def is_future(token) -> bool:
    if "Fut" in token.morph.get("Tense"):
        return True
    return any(fold(c.text) in FUTURE_AUX for c in token.children if c.dep_.startswith("aux"))


def is_planning(token, morph: Morph) -> bool:
    forms = lemmas(token, morph)
    if forms & PLANNING:
        return True
    return bool(forms & SEEKING) and not is_achieved(token, morph)


def is_achieved(token, morph: Morph) -> bool:
    """«добилась освобождения», «удалось добиться освобождения»: the release happened."""
    finished = "Past" in token.morph.get("Tense") and "Perf" in token.morph.get("Aspect")
    return finished or bool(lemmas(token.head, morph) & ACHIEVED_BY)


def returns_people(words: list, start: int, morph: Morph) -> bool:
    """«в обмен на трех заложниц»: what is given in return is people."""
    for token in words[start : start + HEAD_WINDOW]:
        if token.pos_ in NOUN_POS:
            return people_kind(token, morph) is not None
    return False


# --- group and event ----------------------------------------------------------------------------------


def group_name(doc, quantity: Quantity, head, morph: Morph) -> str | None:
    """The counted noun phrase in the nominative plural: «политических заключенных» → «политические заключенные»."""
    if head is None:
        return None
    words = [t for t in doc[quantity.end : head.i] if t.pos_ in ("ADJ", "VERB") and t.head == head]
    return " ".join(nominative_plural(t.text, morph) for t in [*words, head])


def event_id(trigger, anchor, events_at: SpanIndex) -> str | None:
    """The event whose trigger governs the count: the status trigger first, then any ancestor."""
    candidates = [trigger] if trigger is not None else []
    candidates += list(ancestors(anchor))
    for token in candidates:
        found = events_at.overlapping(token.idx, token.idx + len(token.text))
        if found:
            return found[0][2]
    return None
