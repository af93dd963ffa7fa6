"""Sources: cues, kinds, counts, citation chains, non-answers and quoted claims, as tables."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def sources_of(extract, text: str) -> dict:
    return {source.name: source for source in extract(text).sources}


CUES = [
    ("Задержания продолжались всю ночь, сообщила пресс-служба МВД.", "пресс-служба МВД", "сообщила"),
    ("Министр юстиции Ирина Петрова заявила, что суд рассмотрит жалобу в декабре.", "Ирина Петрова", "заявила"),
    ("По словам адвоката Сергея Орлова, его подзащитного перевели в другую колонию.", "Сергей Орлов", "По словам"),
    ("По данным правозащитного центра «Вясна», за решеткой остаются около 1200 человек.", "Вясна", "По данным"),
    ("Как сообщает агентство Интерфакс, приговор вступил в силу.", "Интерфакс", "сообщает"),
    ("Согласно докладу Amnesty International, в тюрьмах находятся сотни журналистов.", "Amnesty International",
     "Согласно докладу"),
    ("Эксперты считают, что амнистия затронет не более трети заключенных.", "эксперты", "считают"),
    ("Аналитики полагают, что переговоры затянутся.", "аналитики", "полагают"),
    ("В докладе Human Rights Watch говорится, что задержанных пытали.", "Human Rights Watch", "говорится"),
    ("Приговор смягчат уже в январе, пишет газета «Коммерсант».", "Коммерсант", "пишет"),
]


# One sentence for each finder: non-answer, reporting verb, phrasal cue, citing verb, attribution noun,
# impersonal cue, publication.
FINDER_SENTENCES = [
    "Представитель ведомства отказался от комментариев.",
    "Задержания продолжались всю ночь, сообщила пресс-служба МВД.",
    "Посол дал понять, что переговоры продолжатся.",
    "Журналисты ссылаются на анонимные источники в полиции.",
    "По словам адвоката Сергея Орлова, его подзащитного перевели в другую колонию.",
    "В докладе Human Rights Watch говорится, что задержанных пытали.",
    "Статья, опубликованная в The New York Times, вызвала споры.",
]


@pytest.mark.parametrize("text", FINDER_SENTENCES)
def test_finders_start_only_at_cue_lemmas(analyse, text):
    """`find_attributions` skips tokens whose lemma is not in CUE_LEMMAS: no finder finds anything at them."""
    from claims.extractors.sources.cues import CUE_LEMMAS, FINDERS

    doc = analyse(text)
    starts = [token for token in doc for finder in FINDERS if finder(doc, token, [])]
    assert starts
    assert all(token.lemma_ in CUE_LEMMAS for token in starts)


@pytest.mark.parametrize(("text", "name", "cue"), CUES)
def test_sources_cue(extract, text, name, cue):
    sources = sources_of(extract, text)
    assert name in sources, sorted(sources)
    assert sources[name].cue == cue


KINDS = [
    ("Задержания продолжались всю ночь, сообщила пресс-служба МВД.", "пресс-служба МВД", "government"),
    ("Как сообщает агентство Интерфакс, приговор вступил в силу.", "Интерфакс", "media"),
    ("Согласно докладу Amnesty International, в тюрьмах находятся сотни журналистов.", "Amnesty International",
     "ngo"),
    ("Правозащитники утверждают, что число политзаключенных растет.", "правозащитники", "ngo"),
    ("«Мы не видим оснований для освобождения», — заявил пресс-секретарь суда.", "пресс-секретарь суда",
     "official"),
    ("Министр юстиции Ирина Петрова заявила, что суд рассмотрит жалобу в декабре.", "Ирина Петрова", "official"),
    ("По словам адвоката Сергея Орлова, его подзащитного перевели в другую колонию.", "Сергей Орлов", "person"),
    ("Эксперты считают, что амнистия затронет не более трети заключенных.", "эксперты", "anonymous"),
    ("В заявлении говорится, что освобождение стало возможным благодаря переговорам.", "заявление", "document"),
    ("Кремль отказался от комментариев.", "Кремль", "government"),
]


@pytest.mark.parametrize(("text", "name", "kind"), KINDS)
def test_sources_kind(extract, text, name, kind):
    sources = sources_of(extract, text)
    assert name in sources, sorted(sources)
    assert sources[name].kind == kind


COUNTS = [
    ("Три неназванных источника сообщили агентству Bloomberg, что сделка близка.", "неназванные источники", 3),
    ("Издание Politico ссылается на пятерых осведомленных источников.", "осведомленные источники", 5),
    ("Газета The New York Times со ссылкой на двух высокопоставленных чиновников пишет, что обмен готовится.",
     "высокопоставленные чиновники", 2),
    ("Аналитики полагают, что переговоры затянутся.", "аналитики", None),
]


@pytest.mark.parametrize(("text", "name", "count"), COUNTS)
def test_sources_count(extract, text, name, count):
    sources = sources_of(extract, text)
    assert name in sources, sorted(sources)
    assert sources[name].count == count


CHAINS = [
    ("Газета The New York Times со ссылкой на двух высокопоставленных чиновников пишет, что обмен готовится.",
     "The New York Times", "высокопоставленные чиновники"),
    ("Издание Politico ссылается на пятерых осведомленных источников.", "Politico", "осведомленные источники"),
    ("«Мы готовы к диалогу», — цитирует агентство ТАСС министра иностранных дел Сергея Лаврова.", "ТАСС",
     "Сергей Лавров"),
]


@pytest.mark.parametrize(("text", "citing", "cited"), CHAINS)
def test_sources_via(extract, text, citing, cited):
    sources = sources_of(extract, text)
    assert {citing, cited} <= set(sources), sorted(sources)
    assert sources[citing].via == [sources[cited].id]
    assert sources[cited].via == []


STANCES = [
    ("Кремль отказался от комментариев.", "Кремль", "declined", "отказался от комментариев"),
    ("Министерство иностранных дел Франции не ответило на запрос о комментарии.",
     "Министерство иностранных дел Франции", "no_response", "не ответило на запрос"),
    ("Прокуратура не прокомментировала эти сообщения.", "Прокуратура", "no_response", "не прокомментировала"),
    ("Пресс-секретарь президента отказался комментировать эту информацию.", "пресс-секретарь президента",
     "declined", "отказался комментировать"),
    ("Задержания продолжались всю ночь, сообщила пресс-служба МВД.", "пресс-служба МВД", "stated", "сообщила"),
    ("Представители полиции отказались давать комментарии.", "представители полиции", "declined",
     "отказались давать комментарии"),
    ("Подробностей следователи не распространяют.", "следователи", "declined", "Подробностей следователи не "
     "распространяют"),
    ("Пресс-служба колонии не подтверждает эти сведения.", "Пресс-служба колонии", "declined", "не подтверждает"),
    ("Прокуратура не сообщает подробностей задержания.", "Прокуратура", "declined", "не сообщает подробностей"),
]


NOT_NON_ANSWERS = ["Полиция пока не раскрыла преступление.", "Министерство не сообщает о новых арестах."]


@pytest.mark.parametrize("text", NOT_NON_ANSWERS)
def test_negated_disclosure_without_withheld_content_cites_no_one(extract, text):
    assert extract(text).sources == []


@pytest.mark.parametrize(("text", "name", "stance", "cue"), STANCES)
def test_sources_stance(extract, text, name, stance, cue):
    sources = sources_of(extract, text)
    assert name in sources, sorted(sources)
    assert (sources[name].stance, sources[name].cue) == (stance, cue)


CLAIMS = [
    ("«Мы не видим оснований для освобождения», — заявил пресс-секретарь суда.", "пресс-секретарь суда",
     "Мы не видим оснований для освобождения"),
    ("Представитель посольства сказал: «Консул посетил задержанного и продолжит следить за делом».",
     "представитель посольства", "Консул посетил задержанного и продолжит следить за делом"),
    ("Министр юстиции Ирина Петрова заявила, что суд рассмотрит жалобу в декабре.", "Ирина Петрова",
     "суд рассмотрит жалобу в декабре"),
    ("По словам адвоката Сергея Орлова, его подзащитного перевели в другую колонию.", "Сергей Орлов",
     "его подзащитного перевели в другую колонию"),
    ("Задержания продолжались всю ночь, сообщила пресс-служба МВД.", "пресс-служба МВД",
     "Задержания продолжались всю ночь"),
    ("Колонию посетили наблюдатели. Об этом сообщило агентство Reuters.", "Reuters",
     "Колонию посетили наблюдатели"),
]


@pytest.mark.parametrize(("text", "name", "claim"), CLAIMS)
def test_sources_claim(extract, text, name, claim):
    sources = sources_of(extract, text)
    assert name in sources, sorted(sources)
    claims = sources[name].claims
    assert [c.text for c in claims] == [claim]
    assert all(text[c.start : c.end] == c.text for c in claims)


MERGES = [
    ("Два источника сообщили Reuters, что сделка близка. Позже источники добавили, что подписание отложено.",
     ["источники"]),
    ("Министр юстиции Ирина Петрова заявила, что жалобу рассмотрят. Петрова добавила, что срок не изменится.",
     ["Ирина Петрова"]),
]


@pytest.mark.parametrize(("text", "names"), MERGES)
def test_sources_merge_mentions(extract, text, names):
    sources = extract(text).sources
    assert [s.name for s in sources] == names
    assert len(sources[0].mentions) == 2


def test_sources_empty_text(extract):
    assert extract("").sources == []


def test_sources_no_cue(extract):
    assert extract("Суд приговорил активиста к пяти годам колонии.").sources == []


def test_sources_seed_acceptance(seed_record):
    sources = {s.name: s for s in seed_record.sources}
    actors = {a.id: a.name for a in seed_record.actors}
    expected = {
        "Reuters": "media", "неназванные собеседники": "anonymous", "западные правозащитные организации": "ngo",
        "Белый дом": "government", "посольство Беларуси в Вашингтоне": "government",
        "американские чиновники": "official", "Государственный департамент": "government",
        "спикер ведомства": "official",
    }
    assert {name: sources[name].kind for name in expected if name in sources} == expected
    assert sources["неназванные собеседники"].count == 3
    assert sources["Reuters"].via == [sources["неназванные собеседники"].id]
    assert actors[sources["Reuters"].actor] == "Reuters"
    assert sources["Белый дом"].stance == "declined"
    assert sources["посольство Беларуси в Вашингтоне"].stance == "no_response"
    assert actors[sources["спикер ведомства"].actor] == "Государственный департамент"
    assert sources["спикер ведомства"].claims[0].text.startswith("Штаты готовы к дополнительному взаимодействию")
    assert len(sources["неназванные собеседники"].mentions) == 3


def test_sources_seed_offsets(seed_record, seed_text):
    for source in seed_record.sources:
        for span in source.mentions + source.claims:
            assert seed_text[span.start : span.end] == span.text
