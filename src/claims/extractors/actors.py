"""Actors: persons, organizations and locations, merged across mentions, with roles.

Mentions come from Natasha's NER (doc.ents) and from descriptor organizations that NER misses
(«Министерство юстиции», «посольство Беларуси в Вашингтоне», «суд»). Names are put in the
nominative with Natasha's normalizer, falling back to lemmas; a surname joins the full name.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import dataclass, field

from ..brackets import closes, opens, unmatched
from ..models import Actor, ActorMention, ActorType, explained
from ..morph import Morph
from ..normalize import inflect_phrase, normal_key
from .constants import ABOUT_PREPOSITIONS
from .mention_model import MentionModel, kept_mentions

ENTITY_TYPES: dict[str, ActorType] = {"PER": "person", "ORG": "organization", "LOC": "location"}
ACTOR_TYPES: tuple[ActorType, ...] = tuple(ENTITY_TYPES.values())

# Institutions named like places: a LOC entity with this lemma key is an organization.
INSTITUTIONS = {
    "белый дом", "кремль", "пентагон", "смольный", "елисейский дворец", "даунинг-стрит",
    "уайтхолл", "капитолий", "лубянка", "старый площадь", "серый дом", "дом правительство",
    "ес", "евросоюз", "европейский союз", "снг", "асеан", "меркосур", "большой восьмерка", "большой двадцатка",
}  # unions of states are organizations: «санкции Евросоюза», «члены ЕС»

# Head nouns of state institutions: with a complement, or bare where True, they name an organization.
INSTITUTION_HEADS = {
    "министерство": False, "минюст": True, "мид": True, "посольство": False, "консульство": False,
    "департамент": False, "госдепартамент": True, "госдеп": True, "администрация": False,
    "правительство": False, "парламент": False, "сенат": True, "конгресс": True, "суд": False,
    "трибунал": True, "прокуратура": True, "генпрокуратура": True, "полиция": False, "милиция": False,
    "пресс-служба": True, "следок": True, "колония": False, "мэрия": True, "армия": False, "генштаб": True,
    "минобороны": True, "сборная": False, "кабинет": False, "власть": False, "орган": False, "ведомство": False,
    "войско": False,
}  # «следок»: Natasha's lemma of «Следком»
# Heads named alone where they act: «правительство приняло», «парламент одобрил», «полиция задержала».
ACTING_HEADS = {"правительство", "парламент", "прокуратура", "мэрия", "полиция"}
# Heads too vague alone or with adjectives; an organization only with a name: «органы ФСБ», «власти Москвы».
NAME_BOUND_HEADS = {"орган", "власть"}
# Units of an organization, an organization themselves only with its name: «юридический факультет МГУ», «правление
# «Газпрома»», «фракция КПРФ»; not «факультет» or «отдел» alone (mined from the ORG spans of NEREL train).
SUBUNIT_HEADS = {
    "факультет", "правление", "аппарат", "отдел", "академия", "школа", "школа-студия", "бюро", "дирекция",
    "спецслужба", "филиал", "подразделение", "политсовет", "президиум", "секретариат",
}
# A leader's posts: the organization after one is part of the post, not an actor («глава правительства»).
LEADING_POSTS = {"глава", "председатель", "руководитель", "премьер"}
# Sides of a place, a place of their own with its name: «юг Франции», «центр Москвы».
PLACE_SIDES = {
    "север", "юг", "восток", "запад", "центр", "северо-восток", "северо-запад", "юго-восток", "юго-запад",
}
# Boards of a company, a unit of it with its name: «совет директоров «Газпрома»».
BOARD_HEADS = {"совет", "правление", "президиум", "политсовет"}
# Heads that are a mention of their own inside a longer name: «палестинское правительство», «парламент Италии».
SELF_NAMING_HEADS = {"правительство", "парламент", "полиция"}
# Heads that name an organization in the plural as well: «российские власти», «правоохранительные органы».
PLURAL_HEADS = {"власть", "орган", "войско", "министерство", "правительство", "сила", "спецслужба"}
# Heads that need one of these adjectives: «вооружённые силы», «правоохранительные органы».
QUALIFIED_HEADS = {
    "сила": {"вооруженный", "сухопутный", "военно-морской", "военно-воздушный"},
    "орган": {"правоохранительный", "силовой", "следственный"},
}
# Nouns that point back at a place already named; they end an organization's name: «парламент страны».
REFERRING_NOUNS = {"страна", "республика", "государство", "город", "регион", "край", "область"}
# Heads of a government that its leader's name continues: «администрация Обамы», «кабинет Руснока».
LEADER_NAMED_HEADS = {"правительство", "администрация", "кабинет"}
# Person nouns that are part of an institution's name: «администрация президента».
NAMING_PERSON_NOUNS = {"президент", "губернатор", "мэр", "патриарх", "король", "глава"}
# Class nouns that a name in Latin script follows: «газеты ''The Washington Post''», «группа Pink Floyd».
LATIN_NAME_CLASSES = {
    "газета", "журнал", "издание", "агентство", "компания", "группа", "банк", "телеканал", "радиостанция",
    "фирма", "корпорация", "концерн", "холдинг", "клуб", "команда", "труппа", "партия", "организация", "фонд",
    "университет", "таблоид", "еженедельник", "ежедневник", "производитель", "оператор",
}
LATIN_LINKS = {"&", "of", "de", "the", "and", "du", "la", "le", "der", "des", "für", "-", "."}
MAX_LATIN_NAME_TOKENS = 6
MAX_ALIAS_TOKENS = 4
# Adjectives that describe an organization without naming it: «новое правительство», «престижный университет».
DESCRIBING_ADJECTIVES = {
    "новый", "бывший", "нынешний", "действующий", "прежний", "престижный", "известный", "знаменитый",
    "легендарный", "крупный", "весь", "сам", "свой", "собственный", "левоцентристский",
    "правоцентристский", "оппозиционный", "правящий", "временный", "временной", "многий", "некоторый",
    "другой", "этот", "тот", "каждый", "любой", "предыдущий", "рабочий", "личный",
}
# Class nouns before a quoted or Latin name, not part of it: «агентство Reuters», «газета «Ведомости»».
CLASS_NOUNS = {
    "агентство", "газета", "компания", "журнал", "телеканал", "радиостанция", "издание", "банк", "партия",
    "организация", "движение", "центр", "фонд", "объединение", "ассоциация",
}
# Generic heads («фонд», «центр», «совет») make an organization only when the phrase is capitalized.
GENERIC_HEADS = {
    "служба", "комитет", "комиссия", "совет", "управление", "партия", "фонд", "центр", "движение",
    "организация", "союз", "палата", "дума", "агентство", "штаб",
}
# Every lemma that may head an organization's phrase.
ORGANIZATION_HEADS = set(INSTITUTION_HEADS) | GENERIC_HEADS | SUBUNIT_HEADS
LOWERED_LEMMAS = "claims.lowered_lemmas"  # the Doc's user_data key of `lowered_lemmas`
# Words for a holiday: a name after one is the holiday's, no actor («праздника Рамазан хайит»).
HOLIDAY_NOUNS = {"праздник"}
# Characters of tales and holidays NER takes for persons.
FICTIONAL_PERSONS = {"дед мороз", "снегурочка", "санта-клаус", "санта клаус", "баба яга", "кощей бессмертный"}
# Titles NER takes into a person's name or for a person: «Сэр Алекс Фергюсон», «Папа Римский».
PERSON_TITLES = {
    "папа", "римский", "сэр", "мистер", "миссис", "мисс", "господин", "госпожа", "доктор", "президент", "лорд",
    "леди", "ваш", "его", "её", "королевский", "высочество", "величество", "император", "императрица", "кронпринц",
    "принц", "принцесса", "король", "королева", "герцог", "герцогиня", "шейх", "мадам", "месье",
}
# Words before the name of a person whom an institution honours: «театр имени Вахтангова», «НИИ им. Пирогова».
HONOURING_RE = re.compile(r"(?<!\w)(?:имени|им)(?!\w)", re.IGNORECASE)
MAX_HONOURED_TOKENS = 6
# pymorphy2's grammemes of names: first names, surnames, patronymics, places, organizations, other proper names.
NAME_GRAMMEMES = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Init"}
# Tokens trimmed from the edges of a person's span: «Нравился Сталину Вертинский» → «Сталину Вертинский».
# Marks that never open or close a name: «Мишель —».
EDGE_MARKS = {"—", "–", "-", ",", ":", ";"}
EDGE_POS = {"VERB", "AUX", "ADV", "PART", "SCONJ"}
MAX_PROPAGATED_TOKENS = 3
# Words NER takes for organizations that name no actor: media as a class; the Web («в Сети»), web services, a space
# station, awards, a treaty and a poison, which the news names as things used or given, not as actors.
NOT_ACTORS = {
    "сми", "смі", "интернет", "сеть", "твиттер", "twitter", "youtube", "ютуб", "instagram", "инстаграм", "википедия",
    "wikipedia", "telegram", "телеграм", "вконтакте", "одноклассники", "whatsapp", "skype", "itunes", "мкс",
    "эмми", "оскар", "грэмми", "grammy", "снв", "новичок", "weibo", "вэйбо", "wechat", "tiktok", "тикток",
    "covid-19", "коронавирус",
}
# Places that hold names: «на стадионе «Динамо»», «станция Carlos Gardel», «Новое кладбище».
VENUE_NOUNS = {
    "стадион", "станция", "аэропорт", "улица", "площадь", "проспект", "кладбище", "арена", "вокзал",
    "парк", "переулок", "бульвар", "набережная", "шоссе", "метро", "зал", "клиника", "больница", "дворец",
    "сад", "поле", "монастырь", "храм", "собор", "колледж", "мост", "ворота", "майдан", "тюрьма",
}
LEGAL_FORMS = {
    "ОАО", "ЗАО", "ООО", "ПАО", "АО", "НАО", "ОДО", "ФГУП", "ГУП", "МУП", "АНО", "НКО", "ИП", "LLC", "INC", "ФК", "ХК",
}
# pymorphy2's grammemes of names, and the type of actor each suggests.
DICTIONARY_TYPES: dict[str, ActorType] = {
    "Geox": "location", "Name": "person", "Surn": "person", "Orgn": "organization",
}
QUOTES = set("«»\"„“”'")
OPENING_QUOTES = {"«", '"', "„", "“"}
CLOSING_QUOTES = {"»", "“", "”"}
MAX_TITLE_TOKENS = 8
# Parts of speech that show a bracket holds a remark, not another name.
ALIAS_BREAKERS = {"VERB", "AUX", "PRON", "SCONJ"}

# Complements that may continue a descriptor organization to the right.
COMPLEMENT_RELS = {"nmod", "amod", "flat", "flat:name", "flat:foreign", "appos", "case", "det", "nummod"}
# Abbreviations inside a name whose dot does not end it: «МГУ им. Ломоносова», «ГУ МВД по г. Москве».
NAME_ABBREVIATIONS = {"им", "г", "св", "ул"}
# Words a name never ends with: «комитет по» without its noun.
TRAILING_POS = ("ADP", "CCONJ", "DET")
PLACE_ADJECTIVE_ENDINGS = ("ский", "цкий")
# Words of time end an organization's name: «Совет Безопасности ООН в пятницу».
TIME_NOUNS = {
    "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье", "день", "неделя", "месяц",
    "год", "утро", "вечер", "ночь", "время", "период", "январь", "февраль", "март", "апрель", "май", "июнь", "июль",
    "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
}
APPOINTING_LEMMAS = {"назначить", "назначать", "избрать", "избирать", "утвердить", "утверждать", "сделать"}
PRONOUN_RELATIVES = {"который", "кто"}
ROLE_PREPOSITIONS = {"по", "при"}
# A complement they open says whom someone stands for, not the organization's name: «судья ЕСПЧ от Украины».
REPRESENTING_PREPOSITIONS = {"от"}


@dataclass
class Mention:
    start: int
    end: int
    type: ActorType
    name: str
    keys: set[str] = field(default_factory=set)
    kind: str = "name"
    rule: str = "named entity"

    def span(self, doc) -> ActorMention:
        first, last = doc[self.start], doc[self.end - 1]
        begin, stop = first.idx, last.idx + len(last.text)
        return ActorMention(start=begin, end=stop, text=doc.text[begin:stop], kind=self.kind)


def extract_actors(doc, *, morph: Morph) -> list[Actor]:
    mentions = judged_mentions(doc, candidate_mentions(doc, morph), morph)
    groups = merge_mentions(mentions)
    actors = [build_actor(f"A{n}", doc, group) for n, group in enumerate(groups, 1)]
    attach_roles(doc, actors, morph)
    return actors


def judged_mentions(doc, candidates: list[Mention], morph: Morph, model: MentionModel | None = None) -> list[Mention]:
    """The candidates the learned judge keeps, and those of the clear cases it may not overrule; one type a span."""
    sure = [m for m in candidates if is_clear_case(doc, m)]
    sure_spans = {(m.start, m.end): m.type for m in sure}
    kept = {id(m) for m in kept_mentions(doc, candidates, morph, model)} | {id(m) for m in sure}
    judged = [
        m for m in candidates
        if id(m) in kept and sure_spans.get((m.start, m.end), m.type) == m.type and not names_a_holiday(doc, m)
    ]
    dropped: dict[tuple[str, str], list[Mention]] = {}
    for m in candidates:
        if id(m) not in kept:
            dropped.setdefault((m.name, m.type), []).append(m)
    return one_of_each_span([named_alone(doc, m, dropped, morph) for m in judged])


def names_a_holiday(doc, mention: Mention) -> bool:
    """«праздника Рамазан хайит», «праздник Пурим»: a name after the word for a holiday is the holiday's."""
    return mention.start > 0 and doc[mention.start - 1].lemma_.lower() in HOLIDAY_NOUNS


def one_of_each_span(mentions: list[Mention]) -> list[Mention]:
    """A span and type that several rules found is one mention, with the keys of all."""
    first: dict[tuple[int, int, str], Mention] = {}
    for mention in mentions:
        key = (mention.start, mention.end, mention.type)
        if key in first:
            first[key].keys |= mention.keys
        else:
            first[key] = mention
    return list(first.values())


def named_alone(doc, mention: Mention, dropped: dict[tuple[str, str], list[Mention]], morph: Morph) -> Mention:
    """«полиции» of «полиции штата»: a head that took its name from a longer phrase the judge dropped takes its own."""
    if mention.kind != "descriptor":
        return mention
    if not any(is_whole_of(other, mention) for other in dropped.get((mention.name, mention.type), ())):
        return mention
    span = doc[mention.start : mention.end]
    name = canonical_name(span, morph, is_org=True)
    return Mention(mention.start, mention.end, mention.type, name, mention_keys(span, name), mention.kind, mention.rule)


def is_whole_of(whole: Mention, head: Mention) -> bool:
    inside = whole.start <= head.start and head.end <= whole.end and whole.end - whole.start > head.end - head.start
    return inside and whole.name == head.name and whole.type == head.type


def is_clear_case(doc, mention: Mention) -> bool:
    """«телеканал «Заря»», «совет директоров «Ростелекома»», «Чжан Вэй (张伟)»: an outlet or company in quotes after
    its class noun, the board of a company named in quotes, a name's spelling in a script without capitals."""
    if mention.rule == "named entity" and mention.type == "organization":
        return follows_class_noun_in_quotes(doc, mention.start, mention.end)
    if mention.rule == "descriptor":
        return is_unit_of_quoted_name(doc[mention.start : mention.end])
    return mention.rule == "alias in brackets"


def follows_class_noun_in_quotes(doc, start: int, end: int) -> bool:
    if start < 2 or end >= len(doc) or doc[start - 1].text not in OPENING_QUOTES or doc[end].text not in QUOTES:
        return False
    return doc[start - 2].lemma_.lower() in CLASS_NOUNS | LATIN_NAME_CLASSES


def is_unit_of_quoted_name(span) -> bool:
    """«правления «Роснефти»», «совет директоров «Газпрома»»: a unit's noun (and its complement) right before
    a quoted name that ends the span."""
    quote = next((t.i for t in span if t.text in OPENING_QUOTES), None)
    if quote is None or quote - span.start > 2 or span[-1].text not in QUOTES:
        return False
    return span[0].lemma_.lower() in SUBUNIT_HEADS | BOARD_HEADS and any(t.ent_type_ == "ORG" for t in span)


def candidate_mentions(doc, morph: Morph) -> list[Mention]:
    """Every mention the rules find, before the learned judge (`mention_model`) keeps the likely ones."""
    mentions = entity_mentions(doc, morph) + descriptor_organizations(doc, morph)
    mentions += latin_names(doc, mentions)
    retype_bracketed_aliases(doc, mentions)
    mentions += honoured_persons(doc, mentions)
    mentions += repeated_mentions(doc, mentions)
    mentions += person_without_first_word(doc, mentions)
    mentions += organization_variants(doc, mentions, morph)
    taken, capitals = covered_tokens(mentions), capitalized_tokens(doc)
    mentions += dictionary_names(doc, capitals, taken, morph) + latin_words(doc, capitals, taken)
    mentions += sides_of_places(doc, mentions, morph) + caseless_aliases(doc, mentions)
    mentions += retyped_alternatives(mentions)
    return mentions


def entity_mentions(doc, morph: Morph) -> list[Mention]:
    mentions = []
    for ent in doc.ents:
        kind = ENTITY_TYPES.get(ent.label_)
        if kind is None:
            continue
        spans = name_spans(ent)
        names = [canonical_name(span, morph, is_org=kind == "organization") for span in spans]
        shared = set().union(*(mention_keys(span, name) for span, name in zip(spans, names)))
        if shared & NOT_ACTORS:
            continue
        rule = "named entity by a venue" if names_a_venue(ent) else "named entity"
        if kind == "person" and (shared & FICTIONAL_PERSONS or is_common_word(ent, morph)):
            continue
        for span, name in zip(spans, names):
            span_kind = "organization" if kind == "location" and shared & INSTITUTIONS else kind
            kind_of_span, keys = "name", set(shared)
            if span_kind == "organization":
                whole, whole_name = organization_phrase(span, name, morph)
                if whole != span:
                    # «МВД» names many ministries («МВД России», «МВД Казахстана»); «Координационный штаб» one
                    keys = mention_keys(whole, whole_name) | (set() if len(span) == 1 else shared)
                    if not is_unit_of_next_name(span):
                        mentions.append(Mention(span.start, span.end, span_kind, name, keys))
                    span, name, kind_of_span = whole, whole_name, "full_name"
            mentions.append(Mention(span.start, span.end, span_kind, name, keys, kind_of_span, rule))
            mentions += head_mentions(mentions[-1], ent.doc)
    return mentions


def caseless_aliases(doc, mentions: list[Mention]) -> list[Mention]:
    """«Чжан Вэй (张伟)»: a name in a script without capitals, in brackets right after a name, is its own spelling."""
    names = {m.end: m for m in mentions if m.kind == "name" and m.rule == "named entity"}
    found = []
    for opening in sorted(end for end in names if end < len(doc) and doc[end].text == "("):
        close = next((t.i for t in doc[opening + 1 : opening + 1 + MAX_ALIAS_TOKENS] if t.text == ")"), None)
        if close is None or close == opening + 1:
            continue
        if not all(is_caseless(t.text) for t in doc[opening + 1 : close]):
            continue
        owner = names[opening]
        found.append(Mention(opening + 1, close, owner.type, owner.name, set(owner.keys), rule="alias in brackets"))
    return found


def is_caseless(word: str) -> bool:
    return all(c.isalpha() and not c.isupper() and not c.islower() for c in word)


def sides_of_places(doc, mentions: list[Mention], morph: Morph) -> list[Mention]:
    """«на юге Франции», «в центре Москвы»: a side or the centre of a named place is a place of its own."""
    places = {m.start: m for m in mentions if m.type == "location" and m.kind == "name" and m.start > 0}
    found = []
    for place in sorted(places.values(), key=lambda m: m.start):
        side = doc[place.start - 1]
        if side.lemma_.lower() not in PLACE_SIDES or "Gen" not in doc[place.start].morph.get("Case"):
            continue
        span = doc[side.i : place.end]
        name = canonical_name(span, morph, is_org=True)
        found.append(Mention(span.start, span.end, "location", name, mention_keys(span, name), rule="side of a place"))
    return found


def retyped_alternatives(mentions: list[Mention]) -> list[Mention]:
    """Each name NER found, under the other two types too («Ливерпуль» the city or the club): the learned judge
    keeps at most one type for a span."""
    return [
        Mention(m.start, m.end, other, m.name, set(m.keys), m.kind, f"retyped {m.rule}")
        for m in mentions
        if m.kind == "name" and m.rule in ("named entity", "repeated name")
        for other in ACTOR_TYPES
        if other != m.type
    ]


def covered_tokens(mentions: list[Mention]) -> set[int]:
    return {i for m in mentions for i in range(m.start, m.end)}


def capitalized_tokens(doc) -> list[int]:
    """The indices of the tokens that open with a capital letter."""
    text = doc.text
    return [index for index, start in enumerate(doc.to_array("IDX").tolist()) if text[start].isupper()]


def dictionary_names(doc, capitals: list[int], taken: set[int], morph: Morph) -> list[Mention]:
    """A capitalized word no rule took that pymorphy2 knows as a place, a person's name or an organization («Грузия»,
    «Сталиным»): a candidate of that type."""
    found = []
    for index in capitals:
        token = doc[index]
        if index in taken or token.pos_ not in ("PROPN", "NOUN"):
            continue
        kinds = {DICTIONARY_TYPES[g] for g in morph.name_grammemes(token.text) if g in DICTIONARY_TYPES}
        if kinds:
            name = restore_shape(token.lemma_, token.text)
            keys = mention_keys(doc[index : index + 1], name)
            found += [Mention(index, index + 1, kind, name, set(keys), rule="dictionary name") for kind in kinds]
    return found


def latin_words(doc, capitals: list[int], taken: set[int]) -> list[Mention]:
    """A run of capitalized words in Latin script no rule took («Melbourne», «The Beatles»): a candidate of each
    type."""
    found, index = [], 0
    for start in capitals:
        if start < index:
            continue
        end = latin_run_end(doc, start, taken)
        if end > start:
            span = doc[start:end]
            keys = mention_keys(span, span.text)
            found += [Mention(start, end, kind, span.text, set(keys), rule="latin words") for kind in ACTOR_TYPES]
        index = max(end, start + 1)
    return found


def latin_run_end(doc, start: int, taken: set[int]) -> int:
    """Where a name in Latin script that opens at `start` ends (`start` when none does), links at its end left out."""
    end = start
    while end < len(doc) and end - start < MAX_LATIN_NAME_TOKENS and end not in taken and is_latin_name_token(
        doc[end], end == start
    ):
        end += 1
    while end > start and doc[end - 1].lower_ in LATIN_LINKS:
        end -= 1
    return end


def organization_variants(doc, mentions: list[Mention], morph: Morph) -> list[Mention]:
    """An organization's span with the name that follows it («МВД» + «по Башкирии», «спецслужб» + «КНДР»), and
    without the name that ends it («министерство юстиции» of «министерство юстиции США»)."""
    starts: dict[int, list[Mention]] = {}
    ends: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.type != "person":
            starts.setdefault(m.start, []).append(m)
            ends.setdefault(m.end, []).append(m)
    found: dict[tuple[int, int], str] = {}
    for m in mentions:
        if m.type != "organization":
            continue
        gap = 1 if m.end < len(doc) and doc[m.end].lower_ in ROLE_PREPOSITIONS else 0
        for after in starts.get(m.end + gap, []):
            if gap or "Gen" in doc[after.start].morph.get("Case"):
                found[(m.start, after.end)] = "organization with the next name"
        for inner in ends.get(m.end, []):
            end = inner.start - (doc[inner.start - 1].pos_ == "ADP") if m.start < inner.start else m.start
            if end > m.start:
                found[(m.start, end)] = "organization without its last name"
    seen = {(m.start, m.end) for m in mentions}
    return [variant(doc[start:end], morph, rule) for (start, end), rule in found.items() if (start, end) not in seen]


def variant(span, morph: Morph, rule: str) -> Mention:
    name = canonical_name(span, morph, is_org=True)
    return Mention(span.start, span.end, "organization", name, mention_keys(span, name), "full_name", rule)


def person_without_first_word(doc, mentions: list[Mention]) -> list[Mention]:
    """«Восьмидесятилетний Маккейн», «Экс-советник Трампа»: a person's span that opens with a capitalized common
    word, without it."""
    found = []
    for m in mentions:
        if m.type != "person" or m.end - m.start < 2 or doc[m.start].pos_ not in ("NOUN", "ADJ"):
            continue
        span = doc[m.start + 1 : m.end]
        found.append(Mention(span.start, span.end, "person", span.text, mention_keys(span, span.text), m.kind,
                             "person without its first word"))
    return found


def retype_bracketed_aliases(doc, mentions: list[Mention]) -> None:
    """«Федеральной таможенной службы (ФТС РФ)»: an abbreviation in brackets right after an organization's name is
    its alias, whatever type NER gave it here or elsewhere in the text."""
    organizations = {m.end: m for m in mentions if m.type == "organization"}
    aliases = [
        (m, organizations[m.start - 1]) for m in mentions
        if m.type != "organization" and m.start - 1 in organizations and is_bracketed_abbreviation(doc, m)
    ]
    if not aliases:
        return
    others = [m for m in mentions if m.type != "organization"]
    own_keys = [mention_keys(doc[m.start : m.end], m.name) for m in others]
    for alias, owner in aliases:
        alias_keys = mention_keys(doc[alias.start : alias.end], alias.name)
        for other, keys in zip(others, own_keys):
            if keys & alias_keys:
                other.type, other.keys = "organization", alias_keys | owner.keys
            elif other.type != "organization":
                other.keys -= alias_keys  # «Молдавии (КС)» read by NER as one place


def is_bracketed_abbreviation(doc, mention: Mention) -> bool:
    if mention.start < 1 or mention.end >= len(doc):
        return False
    if doc[mention.start - 1].text != "(" or doc[mention.end].text != ")":
        return False
    words = [t.text for t in doc[mention.start : mention.end] if any(c.isalpha() for c in t.text)]
    return bool(words) and all(word.isupper() or word.isascii() for word in words)


def is_common_word(ent, morph: Morph) -> bool:
    """«Свадьба состоялась», «Зять президента»: one capitalized word that pymorphy2 knows only as a common word,
    never as a name, surname or place, taken by NER for a person."""
    if len(ent) != 1 or not ent[0].is_sent_start:
        return False
    parses = morph.parse(ent[0].text)
    return bool(parses) and all(p.is_known and not NAME_GRAMMEMES & set(p.tag.grammemes) for p in parses)


def is_unit_of_next_name(span) -> bool:
    """«ГУ МВД»: an abbreviation right before another organization's name is a unit of it, no name alone."""
    doc = span.doc
    return len(span) == 1 and span[0].is_upper and span.end < len(doc) and doc[span.end].ent_type_ == "ORG"


def names_a_venue(ent) -> bool:
    """«стадион «Маракана»», «станции Carlos Gardel», «Новое кладбище»: a place named, not an actor."""
    before = [t for t in ent.doc[max(ent.start - 2, 0) : ent.start] if t.text not in QUOTES]
    return any(t.lemma_.lower() in VENUE_NOUNS for t in (*before[-1:], *ent))


def head_mentions(whole: Mention, doc) -> list[Mention]:
    """«правительство» inside «палестинское правительство»: a head that is a mention of its own, of the same
    actor."""
    if whole.type != "organization" or whole.end - whole.start < 2:
        return []
    heads = [t for t in doc[whole.start : whole.end] if t.lemma_.lower() in SELF_NAMING_HEADS and t.pos_ == "NOUN"]
    if not heads:
        return []
    return [Mention(heads[0].i, heads[0].i + 1, "organization", whole.name, set(whole.keys), "descriptor")]


def organization_phrase(span, name: str, morph: Morph) -> tuple:
    """A named organization with the rest of its noun phrase: «Верховного суда» + «США», «исполнительного» +
    «Совета»; the name as it was when nothing is added."""
    root = next((t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i), span[-1])
    start, end = phrase_extent(span.doc, root, span.start, span.end)
    if root.pos_ == "PROPN" and not is_place_adjective(span.doc[start]):
        start = span.start
    whole = balanced(span.doc[start:end]) if (start, end) != (span.start, span.end) else None
    if whole is None or not (whole.start <= span.start and span.end <= whole.end) or whole == span:
        return span, name
    return whole, canonical_name(whole, morph, is_org=True)


def is_place_adjective(token) -> bool:
    """«российские», «японский»: an adjective made from a place's name."""
    return token.pos_ == "ADJ" and token.lemma_.lower().endswith(PLACE_ADJECTIVE_ENDINGS)


def name_spans(ent) -> list:
    """The names inside an NER span: «ОАО «Банк ВТБ»» → «Банк ВТБ»; «служба (ФАС)» → both, one actor."""
    span = trimmed(ent)
    if span is not None:
        span = balanced(span)
    if span is None:
        return []
    if ent.label_ == "ORG":
        span = without_class_words(without_legal_form(span))
    parts = split_abbreviation(span) if span is not None else []
    return [part for part in (unquoted(p) for p in parts) if part is not None]


def balanced(span):
    """The span closing every bracket and quote it opens: taken on to a partner right beside it
    («Радио «Говорит Москва» + «»»), else cut before its first unpaired mark («Центр (Центр возглавлял» →
    «Центр»); None when no letter is left."""
    doc, start, end = span.doc, span.start, span.end
    marks = [t.text for t in span]
    if not unmatched(marks):
        return span
    if end < len(doc) and closes(marks, doc[end].text):
        end += 1
        marks.append(doc[end - 1].text)
    if start > 0 and opens(doc[start - 1].text, marks):
        start -= 1
        marks.insert(0, doc[start].text)
    if not unmatched(marks):
        return doc[start:end]
    for piece_start, piece_end in pieces(start, [start + i for i in unmatched(marks)], end):
        piece = stripped(doc[piece_start:piece_end])
        if piece is not None:
            return balanced(piece)
    return None


def pieces(start: int, cuts: list[int], end: int) -> list[tuple[int, int]]:
    bounds = [start - 1, *cuts, end]
    return [(left + 1, right) for left, right in zip(bounds, bounds[1:]) if right > left + 1]


def stripped(span):
    """The span without whitespace tokens at its edges; None when it has no letter."""
    tokens = [t for t in span if not t.is_space]
    if not any(c.isalpha() for t in tokens for c in t.text):
        return None
    return span.doc[tokens[0].i : tokens[-1].i + 1]


def without_legal_form(span):
    start = span.start
    while start < span.end - 1 and span.doc[start].text.upper() in LEGAL_FORMS:
        start += 1
    return span.doc[start : span.end]


def without_class_words(span):
    """«Футбольный клуб «Тамбов»» → «Тамбов»: common words before a quoted name only say what it is."""
    doc = span.doc
    if len(span) < 4 or not is_quote(doc[span.end - 1].text):
        return span
    opening = next((t.i for t in span if is_quote(t.text)), span.end - 1)
    before = doc[span.start : opening]
    if opening == span.end - 1 or not before or any(t.pos_ not in ("NOUN", "ADJ") or t.is_upper for t in before):
        return span
    return doc[opening : span.end]


def split_abbreviation(span) -> list:
    """«Федеральная антимонопольная служба (ФАС)» → the name and its abbreviation; «Хамид Карзай (Hamid
    Karzai)» → the name and its spelling; each of several brackets likewise. A bracket that says something
    else is left out: «Центр (его возглавлял Иванов)» → «Центр»."""
    groups = trailing_brackets(span)
    if not groups or groups[0][0] == span.start:
        return [span]
    doc = span.doc
    inside = [doc[start + 1 : end - 1] for start, end in groups]
    return [doc[span.start : groups[0][0]], *(part for part in inside if is_alias(part))]


def trailing_brackets(span) -> list[tuple[int, int]]:
    """The (start, end) token ranges of the round brackets that close the span, one after another."""
    groups: list[tuple[int, int]] = []
    end = span.end
    while end - span.start >= 3 and span.doc[end - 1].text == ")":
        depth, start = 0, end - 1
        while start >= span.start:
            depth += {")": 1, "(": -1}.get(span.doc[start].text, 0)
            if depth == 0:
                break
            start -= 1
        if start < span.start or end - start < 3:
            break
        groups.insert(0, (start, end))
        end = start
        while end > span.start and span.doc[end - 1].is_space:
            end -= 1
    return groups


def is_alias(span) -> bool:
    """A bracketed other name: capitalized or in a script without capitals («(马凌)»), with no verb or pronoun in it."""
    words = [t for t in span if any(c.isalpha() for c in t.text)]
    return bool(words) and starts_a_name(words[0].text) and not any(t.pos_ in ALIAS_BREAKERS for t in words)


def starts_a_name(word: str) -> bool:
    first = word[0]
    return first.isupper() or first.isalpha() and not first.islower()


def unquoted(span):
    """The span without quotes that enclose it whole or stand unpaired at its edges."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and is_quote(doc[start].text) and not paired(doc[start:end], doc[start].text):
        start += 1
    while end > start and is_quote(doc[end - 1].text) and not paired(doc[start:end], doc[end - 1].text):
        end -= 1
    while end - start >= 3 and doc[start].text in QUOTES and doc[end - 1].text in QUOTES:
        start, end = start + 1, end - 1  # «''Reddit''»: wiki markup's quote is two marks
    if end - start >= 3 and doc[start].text == "(" and doc[end - 1].text == ")" and not unmatched(
        [t.text for t in doc[start + 1 : end - 1]]
    ):
        start, end = start + 1, end - 1  # «(Тим Томас)» after its Russian spelling
    if start >= end or not any(c.isalpha() or c.isdigit() for c in doc[start:end].text):
        return None
    return doc[start:end]


def is_quote(text: str) -> bool:
    """«, » or a run of them, as wiki markup writes a quote: ''."""
    return bool(text) and all(c in QUOTES for c in text)


def paired(span, quote: str) -> bool:
    texts = [t.text for t in span]
    if quote in "«»":
        return texts.count("«") == texts.count("»")
    if quote in "„“”":
        return sum(texts.count(q) for q in "„“”") % 2 == 0
    return texts.count(quote) % 2 == 0


def trimmed(ent):
    """The entity without verbs or adverbs at a person's or organization's edges; None when nothing name-like
    is left."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if ent.label_ in ("PER", "ORG"):
        while start < end and (at_edge(doc[start], ent.label_) or is_title_word(doc[start], ent.label_)):
            start += 1
        while end > start and at_edge(doc[end - 1], ent.label_):
            end -= 1
    if ent.label_ == "PER":
        while start < end and doc[start].text[:1].isdigit():
            start += 1  # «34-летний ТиДжей»: an age is no part of a name
    while start < end and is_edge_mark(doc[start]):
        start += 1
    while end > start and is_edge_mark(doc[end - 1]):
        end -= 1  # «Мишель —»
    span = doc[start:end]
    if not any(c.isalpha() for c in span.text):
        return None
    return span


def is_edge_mark(token) -> bool:
    return token.is_space or token.text in EDGE_MARKS


def is_title_word(token, label: str) -> bool:
    """«Сэр Алекс Фергюсон», «Папа»: a title before a person's name, or standing for it, is no part of it."""
    return label == "PER" and token.lemma_.lower() in PERSON_TITLES


def honoured_persons(doc, mentions: list[Mention]) -> list[Mention]:
    """«театр имени Марии Ермоловой», «НИИ им. Склифосовского»: the person a name honours is a mention of its own."""
    persons = {(m.start, m.end) for m in mentions if m.type == "person"}
    found = []
    for match in HONOURING_RE.finditer(doc.text):
        token = doc.char_span(match.start(), match.end())
        if token is None:
            continue
        token = token[0]
        start = token.i + 1 + (token.i + 1 < len(doc) and doc[token.i + 1].text == ".")
        end, first_word = start, None
        while end < len(doc) and end - start < MAX_HONOURED_TOKENS and is_name_word(doc, end, first_word):
            if len(doc[end].text) > 1 and first_word is None:
                first_word = doc[end]
            end += 1
        if end > start and doc[end - 1].pos_ == "PROPN" and (start, end) not in persons:
            span = doc[start:end]
            found.append(Mention(start, end, "person", span.text, mention_keys(span, span.text), rule="honoured name"))
    return found


def is_name_word(doc, index: int, first) -> bool:
    """A capitalized word of a person's name, in the case of its first word, or an initial with its dot: «М.», «В.»,
    «Ломоносова»; not an abbreviation («МГСПС»)."""
    token = doc[index]
    if token.text == ".":
        return index > 0 and len(doc[index - 1].text) == 1 and doc[index - 1].text.isupper()
    if not token.text[:1].isupper() or token.pos_ not in ("PROPN", "NOUN", "ADJ", "X"):
        return False
    if token.is_upper and len(token.text) > 1:
        return False
    return first is None or len(token.text) == 1 or token.morph.get("Case") == first.morph.get("Case")


def latin_names(doc, mentions: list[Mention]) -> list[Mention]:
    """Names in Latin script that NER misses, after a class noun: «газеты ''The Washington Post''»."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    for token in tokens_with_lemmas(doc, LATIN_NAME_CLASSES):
        if token.pos_ != "NOUN":
            continue
        start = token.i + 1
        while start < len(doc) and is_quote(doc[start].text):
            start += 1
        end = start
        while end < len(doc) and end - start < MAX_LATIN_NAME_TOKENS and is_latin_name_token(doc[end], end == start):
            end += 1
        while end > start and doc[end - 1].lower_ in LATIN_LINKS:
            end -= 1
        if end == start or taken & set(range(start, end)):
            continue
        span = doc[start:end]
        found.append(Mention(start, end, "organization", span.text, mention_keys(span, span.text)))
        taken.update(range(start, end))
    return found


def is_latin_name_token(token, first: bool) -> bool:
    text = token.text
    if not first and text.lower() in LATIN_LINKS:
        return True
    return text[:1].isascii() and text[:1].isupper() and any(c.isalpha() for c in text)


def at_edge(token, label: str) -> bool:
    """A verb or adverb at a name's edge; a participle stays in an organization's: «Вооружённые силы»; a capitalized
    particle inside a sentence stays in a person's: «Ван Цзюнь», «Ли Пэн»."""
    if label == "ORG" and "Part" in token.morph.get("VerbForm"):
        return False
    if label == "PER" and token.pos_ == "PART" and token.is_title and not token.is_sent_start:
        return False
    return token.pos_ in EDGE_POS


def repeated_mentions(doc, mentions: list[Mention]) -> list[Mention]:
    """Unlabelled repeats of a name NER found elsewhere in the article («Меркель» after «Ангела Меркель»); a
    place inside an organization's name is a mention of its own («Почта России» after «Россия»)."""
    known = name_lemmas(doc, mentions)
    taken = {i for m in mentions for i in range(m.start, m.end)}
    named = {i for m in mentions if m.type != "organization" for i in range(m.start, m.end)}
    lemmas = [t.lemma_ for t in doc]
    first_lemmas = {key[0] for key in known if key}
    found = []
    for start in (i for i, lemma in enumerate(lemmas) if lemma in first_lemmas):
        if start in named or not doc[start].is_title and not doc[start].is_upper:
            continue
        for size in range(MAX_PROPAGATED_TOKENS, 0, -1):
            key = tuple(lemmas[start : start + size])
            if key not in known or named & set(range(start, start + size)):
                continue
            if known[key][0] == "location" or not taken & set(range(start, start + size)):
                kind, name, keys = known[key]
                found.append(Mention(start, start + size, kind, name, keys, rule="repeated name"))
                taken.update(range(start, start + size))
                named.update(range(start, start + size))
                break
    return found


def name_lemmas(doc, mentions: list[Mention]) -> dict[tuple, tuple]:
    known = {}
    for m in mentions:
        if m.kind != "name":
            continue
        lemmas = tuple(t.lemma_ for t in doc[m.start : m.end])
        known.setdefault(lemmas, (m.type, m.name, m.keys))
        if m.type == "person" and len(lemmas) > 1 and doc[m.end - 1].pos_ == "PROPN":
            surname = doc[m.end - 1 : m.end]
            known.setdefault(lemmas[-1:], (m.type, surname.text, mention_keys(surname, m.name.split()[-1])))
    return known


def canonical_name(tokens, morph: Morph, *, is_org: bool = False) -> str:
    name = inflect_phrase(tokens, morph.vocab, head_only=is_org)
    if name == tokens.text and len(tokens) == 1 and tokens[0].morph.get("Case") not in ([], ["Nom"]):
        name = restore_shape(tokens[0].lemma_, tokens[0].text)
    return name


def restore_shape(lemma: str, original: str) -> str:
    if original.isupper() and len(original) > 1:
        return lemma.upper()
    if original[:1].isupper():
        return lemma[:1].upper() + lemma[1:]
    return lemma


def mention_keys(tokens, name: str) -> set[str]:
    lemmas = " ".join(t.lemma_ for t in tokens if not t.is_punct)
    return {normal_key(name), normal_key(lemmas)}


def descriptor_organizations(doc, morph: Morph) -> list[Mention]:
    """Organizations named by a head noun and its phrase; a name inside one is a mention of its own."""
    named = {t.i for ent in doc.ents if ent.label_ == "ORG" for t in ent}
    covered: set[int] = set()
    mentions = []
    for token in tokens_with_lemmas(doc, ORGANIZATION_HEADS):
        if token.pos_ not in ("NOUN", "PROPN") or token.i in named or not is_organization_head(token):
            continue
        if in_law_title(token):
            continue
        lemma = token.lemma_.lower()
        span = balanced(doc[slice(*phrase_extent(doc, token, token.i, token.i + 1))])
        if span is None or token not in span or len(span) == 1 and token.i in covered:
            continue  # a bare head inside a longer phrase («пресс-служба суда») is no mention of its own
        if swallows_named_organization(span, token):
            continue
        rule = "descriptor" if names_an_organization(span, token) else "unnamed descriptor"
        if rule == "unnamed descriptor" and len(span) == 1 and is_post_of(token):
            continue  # «глава правительства»: a person's post, not the organization acting
        name = canonical_name(span, morph, is_org=True)
        kind = "name" if is_proper_phrase(span, lemma) else "descriptor"
        keys = mention_keys(span, name)
        mentions.append(Mention(span.start, span.end, "organization", name, keys, kind, rule))
        mentions += head_mentions(mentions[-1], doc)
        covered.update(range(span.start, span.end))
    return mentions


def in_law_title(token) -> bool:
    """«закон «О полиции»», «ФЗ «О правительстве РФ»»: the words of a title in quotes, not an organization."""
    for previous in reversed(token.doc[max(token.sent.start, token.i - MAX_TITLE_TOKENS) : token.i]):
        if previous.text in CLOSING_QUOTES:
            return False
        if is_quote(previous.text):
            return previous.i + 1 < token.i and previous.nbor(1).lower_ in ABOUT_PREPOSITIONS
    return False


def tokens_with_lemmas(doc, lemmas: set[str]) -> list:
    """The tokens whose lowercased lemma is one of `lemmas`, in order."""
    return [doc[i] for i, lemma in enumerate(lowered_lemmas(doc)) if lemma in lemmas]


def lowered_lemmas(doc) -> list[str]:
    """Every token's lemma in lower case, read once a Doc."""
    found = doc.user_data.get(LOWERED_LEMMAS)
    if found is None:
        found = doc.user_data[LOWERED_LEMMAS] = [t.lemma_.lower() for t in doc]
    return found


def is_organization_head(token) -> bool:
    lemma = token.lemma_.lower()
    if lemma not in INSTITUTION_HEADS and lemma not in GENERIC_HEADS and lemma not in SUBUNIT_HEADS:
        return False
    if "Plur" in token.morph.get("Number") and lemma not in PLURAL_HEADS:
        return False
    qualifiers = QUALIFIED_HEADS.get(lemma)
    return qualifiers is None or any(c.dep_ == "amod" and c.lemma_.lower() in qualifiers for c in token.lefts)


def is_proper_phrase(span, lemma: str) -> bool:
    """Capitalized like a name: «Министерство юстиции», not «суд» or a sentence-initial «Суд»."""
    if not span[0].is_title:
        return False
    return not span[0].is_sent_start or (len(span) > 1 and lemma in INSTITUTION_HEADS)


def names_an_organization(span, head) -> bool:
    lemma = head.lemma_.lower()
    if lemma in SUBUNIT_HEADS:
        return holds_a_name(span, head, ("ORG",))
    if lemma in NAME_BOUND_HEADS:
        return holds_a_name(span, head, ("ORG", "LOC")) or names_by_place_adjective(span, head)
    if lemma in GENERIC_HEADS:
        return len(span) > 1 and (span[0].is_title or holds_a_name(span, head, ("ORG",)))
    return len(span) > 1 or INSTITUTION_HEADS[lemma] or is_capitalized_name(span[0]) or acts_alone(head)


def is_capitalized_name(token) -> bool:
    """«Суд» in the middle of a sentence, not a capital that only starts it."""
    return token.is_title and not token.is_sent_start


def names_by_place_adjective(span, head) -> bool:
    """«российские власти», «израильским властям»: in the plural, with an adjective made from a place's name."""
    return "Plur" in head.morph.get("Number") and any(is_place_adjective(t) for t in span if t.i < head.i)


def holds_a_name(span, head, types: tuple[str, ...]) -> bool:
    """«комитет ВАДА», «власти Перу»: a named organization (or place) in the phrase after its head."""
    return any(t.ent_type_ in types for t in span if t.i > head.i)


def acts_alone(head) -> bool:
    """«правительство решило», «в правительстве»; not a person's part in it: «глава правительства»."""
    return head.lemma_.lower() in ACTING_HEADS and not is_part_of_person(head)


def is_part_of_person(head) -> bool:
    """«глава правительства», «сотрудник полиции»: the complement of a person's noun."""
    return head.dep_ == "nmod" and head.head.pos_ == "NOUN" and "Anim" in head.head.morph.get("Animacy")


def is_post_of(head) -> bool:
    """«глава правительства», «председателем парламента»: the complement of a leader's post."""
    return is_part_of_person(head) and head.head.lemma_.lower() in LEADING_POSTS


def swallows_named_organization(span, head) -> bool:
    """«агентство Reuters», «газета «Ведомости»»: the named ORG right after a class noun is the actor."""
    if head.lemma_.lower() not in CLASS_NOUNS:
        return False
    after = [t for t in span.doc[head.i + 1 : span.end] if t.text not in QUOTES]
    return bool(after) and after[0].ent_type_ == "ORG"


def phrase_extent(doc, head, start: int, end: int) -> tuple[int, int]:
    """[start, end) taken on to the head's adjectives on the left and its complements on the right."""
    for child in sorted(head.lefts, key=lambda t: -t.i):
        if child.dep_ == "amod" and child.i == start - 1 and child.pos_ == "ADJ":
            if child.lemma_.lower() in DESCRIBING_ADJECTIVES:
                break
            start = child.i
    dependents = right_dependents(doc[start:end])
    while dependents:
        child = doc[heapq.heappop(dependents)]
        if child.i < end:
            continue
        leader = names_the_leader(child)
        if child.dep_ not in COMPLEMENT_RELS or ends_name(doc, child) and not leader:
            break
        sub = complement_prefix([t for t in child.subtree if t.i >= end], persons=leader)
        if not sub or sub[0].i != end or sub[0].lower_ in REPRESENTING_PREPOSITIONS:
            break
        end = sub[-1].i + 1
        if sub[-1].i != child.right_edge.i:
            break
        for index in right_dependents(sub):
            heapq.heappush(dependents, index)
    return start, end


def right_dependents(tokens) -> list[int]:
    """A heap of the positions of the right dependents of any of the tokens: «Совета Безопасности» + «ООН» (a
    dependent of «Безопасности»)."""
    dependents = [c.i for t in tokens for c in t.rights]
    heapq.heapify(dependents)
    return dependents


def ends_name(doc, child) -> bool:
    """A person, a number or a word pointing back at a place is not part of an organization's name."""
    if child.ent_type_ == "PER" or is_person_noun(child) or is_one_person(child):
        return True
    if child.dep_ == "nummod":
        return doc[child.i - 1].text not in ("№", "N")
    return child.lemma_.lower() in REFERRING_NOUNS and child.ent_type_ == ""


def names_the_leader(child) -> bool:
    """«администрации Обамы», «кабинета Руснока»: a government named by its leader, a person in the genitive."""
    head = child.head.lemma_.lower()
    return child.ent_type_ == "PER" and head in LEADER_NAMED_HEADS and "Gen" in child.morph.get("Case")


def complement_prefix(tokens: list, persons: bool = False) -> list:
    for n, token in enumerate(tokens):
        if not (complement_token(token) or persons and token.ent_type_ == "PER") or joins_another_name(tokens, n):
            tokens = tokens[:n]
            break
    while tokens and (tokens[-1].pos_ in TRAILING_POS or tokens[-1].text == "." or is_abbreviated(tokens[-1])):
        tokens = tokens[:-1]
    return tokens


def is_one_person(token) -> bool:
    """«правительство гражданского демократа»: one person is the organization's leader, not its name."""
    return (
        token.pos_ == "NOUN" and "Anim" in token.morph.get("Animacy") and "Sing" in token.morph.get("Number")
        and token.lemma_.lower() not in NAMING_PERSON_NOUNS
    )


def is_person_noun(token) -> bool:
    return token.pos_ == "PROPN" and "Anim" in token.morph.get("Animacy")


def joins_another_name(tokens: list, n: int) -> bool:
    """«правительствам США и Канады»: a conjunction before another place or organization ends the name."""
    return tokens[n].pos_ == "CCONJ" and n + 1 < len(tokens) and tokens[n + 1].ent_type_ in ("LOC", "ORG")


def is_abbreviated(token) -> bool:
    """«им», «г» or an initial, before their dot."""
    return token.lower_ in NAME_ABBREVIATIONS or len(token.text) == 1 and token.text.isupper()


def complement_token(token) -> bool:
    if token.text in QUOTES or token.text == "." and token.i > 0 and is_abbreviated(token.nbor(-1)):
        return True
    if "Part" in token.morph.get("VerbForm") or token.lemma_.lower() in TIME_NOUNS:
        return False
    return token.pos_ in ("NOUN", "PROPN", "ADJ", "ADP", "NUM", "DET", "CCONJ") and token.ent_type_ != "PER"


def merge_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    mentions = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    groups = MentionGroups()
    for mention in sorted(mentions, key=lambda m: -len(m.name.split()) if m.type == "person" else 0):
        groups.add(mention)
    for group in groups.groups:
        group.sort(key=lambda m: m.start)
    return sorted(groups.groups, key=lambda g: g[0].start)


class MentionGroups:
    """Mentions merged into actors: a mention joins the first group sharing a key with it, else a lone
    surname joins the nearest earlier full name; the groups are indexed by key and by surname."""

    def __init__(self) -> None:
        self.groups: list[list[Mention]] = []
        self.by_key: dict[str, int] = {}
        self.by_surname: dict[str, list[int]] = {}

    def add(self, mention: Mention) -> None:
        number = self.find(mention)
        if number is None:
            number = len(self.groups)
            self.groups.append([])
        self.groups[number].append(mention)
        for key in mention.keys:
            self.by_key[key] = min(self.by_key.get(key, number), number)
            if len(key.split()) > 1:
                numbers = self.by_surname.setdefault(key.split()[-1], [])
                if number not in numbers:
                    numbers.append(number)

    def find(self, mention: Mention) -> int | None:
        shared = [self.by_key[key] for key in mention.keys if key in self.by_key]
        if shared:
            return min(shared)
        if mention.type == "person" and len(mention.name.split()) == 1:
            return self.nearest_full_name(mention)
        return None

    def nearest_full_name(self, mention: Mention) -> int | None:
        numbers = sorted({n for key in mention.keys for n in self.by_surname.get(key, ())})
        candidates = [n for n in numbers if self.groups[n][0].type == "person"]
        first = {n: min(m.start for m in self.groups[n]) for n in candidates}
        preceding = [n for n in candidates if first[n] < mention.start]
        chosen = preceding or candidates
        return max(chosen, key=lambda n: first[n]) if chosen else None


def build_actor(actor_id: str, doc, group: list[Mention]) -> Actor:
    kind = Counter(m.type for m in group).most_common(1)[0][0]
    actor = Actor(id=actor_id, name=choose_name(group), type=kind, mentions=[m.span(doc) for m in group])
    return explained(actor, ", ".join(dict.fromkeys(m.rule for m in group)))


def choose_name(group: list[Mention]) -> str:
    longest = max(len(m.name.split()) for m in group)
    names = Counter(m.name for m in group if len(m.name.split()) == longest)
    return names.most_common(1)[0][0]


def attach_roles(doc, actors: list[Actor], morph: Morph) -> None:
    by_token = token_actor_index(doc, actors)
    for person_token, role_head in role_links(doc):
        actor = by_token.get(person_token.i)
        if actor is None or actor.type != "person":
            continue
        role = role_phrase(doc, role_head, morph)
        if role and role not in actor.roles:
            actor.roles.append(role)


def token_actor_index(doc, actors: list[Actor]) -> dict[int, Actor]:
    index = {}
    for actor in actors:
        for mention in actor.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span or []:
                index.setdefault(token.i, actor)
    return index


def role_links(doc):
    """Pairs (token of a person's name, head noun of a role phrase)."""
    for ent in doc.ents:
        if ent.label_ != "PER":
            continue
        for head in (role_before(doc, ent), role_after(doc, ent)):
            if head is not None:
                yield ent[0], head
    yield from appointed_roles(doc)


def role_before(doc, ent):
    """«министр иностранных дел Польши Радослав Сикорский»: the role phrase right before the name."""
    window = []
    for token in reversed(doc[: ent.start]):
        if token.ent_type_ == "PER" or token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            break
        window.append(token)
    heads = [t for t in reversed(window) if is_role_noun(t) and same_case(t, ent[0])]
    return heads[0] if heads else None


def role_after(doc, ent):
    """«Иван Петров, министр юстиции, заявил»: an apposition after the name, closed by punctuation."""
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return None
    head = doc[ent.end + 1]
    if not is_role_noun(head) or not same_case(head, ent[0]):
        return None
    for token in doc[head.i + 1 :]:
        if token.ent_type_ == "PER":
            return None
        if token.is_punct or token.pos_ not in ("NOUN", "PROPN", "ADJ", "ADP"):
            return head
    return head


def same_case(a, b) -> bool:
    return a.morph.get("Case") == b.morph.get("Case")


def appointed_roles(doc):
    for verb in doc:
        if verb.lemma_ not in APPOINTING_LEMMAS:
            continue
        roles = [c for c in verb.children if c.dep_ in ("xcomp", "obl", "obj") and "Ins" in c.morph.get("Case")]
        appointee = next((c for c in verb.children if c.dep_ in ("obj", "nsubj:pass")), None)
        if not roles or appointee is None:
            continue
        if appointee.lemma_ in PRONOUN_RELATIVES and verb.dep_ == "acl:relcl":
            appointee = verb.head
        if appointee.ent_type_ == "PER":
            yield appointee, roles[0]


def is_role_noun(token) -> bool:
    return token.pos_ == "NOUN" and "Anim" in token.morph.get("Animacy")


def role_phrase(doc, head, morph: Morph) -> str:
    """The role head with its adjectives in the nominative, then its complements as written."""
    start = head.i
    while start > 0 and doc[start - 1].pos_ == "ADJ" and same_case(doc[start - 1], head):
        start -= 1
    end = head.i + 1
    while end < len(doc) and role_complement(doc, end):
        end += 1
    while end > head.i + 1 and doc[end - 1].pos_ in ("ADP", "CCONJ"):
        end -= 1
    inflected = inflect_phrase(doc[start : head.i + 1], morph.vocab)
    last = doc[end - 1]
    rest = doc.text[head.idx + len(head.text) : last.idx + len(last.text)] if end > head.i + 1 else ""
    phrase = (inflected + rest).strip()
    return phrase[:1].lower() + phrase[1:] if doc[start].pos_ != "PROPN" else phrase


def role_complement(doc, index: int) -> bool:
    """Genitive complements («иностранных дел Польши») and «по/при» phrases («по вопросам Беларуси»)."""
    token = doc[index]
    if token.ent_type_ == "PER":
        return False
    if token.pos_ == "ADP":
        return token.lower_ in ROLE_PREPOSITIONS and index + 1 < len(doc) and doc[index + 1].pos_ in ("NOUN", "ADJ")
    if token.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return False
    previous = doc[index - 1]
    return "Gen" in token.morph.get("Case") or previous.lower_ in ROLE_PREPOSITIONS or (
        previous.pos_ == "ADJ" and previous.i > 0 and doc[previous.i - 1].lower_ in ROLE_PREPOSITIONS
    )
