from __future__ import annotations

import pytest

from claims.extractors.counts import extract_counts
from claims.models import Event, Span

pytestmark = pytest.mark.slow


def counts(analyse, morph, text):
    doc = analyse(text)
    return [(c.text, c.low, c.high, c.qualifier, c.status) for c in extract_counts(doc, events=[], morph=morph)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # released
        ("Минск освободил 18 политических заключенных.",
         [("18 политических заключенных", 18, 18, "exact", "released")]),
        ("Власти отпустили 52 человека.", [("52 человека", 52, 52, "exact", "released")]),
        ("Около 70 человек вышли на свободу после отбытия наказания.",
         [("Около 70 человек", 70, 70, "approx", "released")]),
        ("В прошлом году из колоний досрочно освобождены 2500 осужденных.",
         [("2500 осужденных", 2500, 2500, "exact", "released")]),
        ("После освобождения 52 человек Вашингтон ослабил санкции.", [("52 человек", 52, 52, "exact", "released")]),
        ("Организации удалось добиться освобождения не менее 70 журналистов.",
         [("не менее 70 журналистов", 70, None, "at_least", "released")]),
        # pardoned
        ("22 ноября Лукашенко помиловал 31 украинца.", [("31 украинца", 31, 31, "exact", "pardoned")]),
        ("Президент подписал указ о помиловании 18 осужденных.", [("18 осужденных", 18, 18, "exact", "pardoned")]),
        ("Амнистированы более 2 тысяч человек.", [("более 2 тысяч человек", 2001, None, "more_than", "pardoned")]),
        ("Лукашенко помиловал 16 человек, осужденных за экстремизм.",
         [("16 человек", 16, 16, "exact", "pardoned")]),
        # held
        ("Режим удерживает более 1000 политических заключенных.",
         [("более 1000 политических заключенных", 1001, None, "more_than", "held")]),
        ("ХАМАС удерживает в секторе Газа 59 заложников.", [("59 заложников", 59, 59, "exact", "held")]),
        ("В Китае за решеткой находятся 44 журналиста.", [("44 журналиста", 44, 44, "exact", "held")]),
        ("Сейчас в плену остаются более 8000 украинцев.", [("более 8000 украинцев", 8001, None, "more_than", "held")]),
        ("В СИЗО содержатся 27 обвиняемых по этому делу.", [("27 обвиняемых", 27, 27, "exact", "held")]),
        ("По данным «Вясны», в стране сейчас 1140 политических заключенных.",
         [("1140 политических заключенных", 1140, 1140, "exact", "held")]),
        ("Правозащитники считают политзаключенными более 900 человек.",
         [("более 900 человек", 901, None, "more_than", "held")]),
        ("Власти не освободили 20 задержанных журналистов.", [("20 задержанных журналистов", 20, 20, "exact", "held")]),
        # detained
        ("В ходе акции полиция задержала более 30 человек.", [("более 30 человек", 31, None, "more_than", "detained")]),
        ("По данным ОВД-Инфо, задержано свыше 1 200 участников протестов.",
         [("свыше 1 200 участников", 1201, None, "more_than", "detained")]),
        ("Боевики взяли в заложники 12 туристов.", [("12 туристов", 12, 12, "exact", "detained")]),
        ("Несколько человек были задержаны у здания суда.", [("Несколько человек", 2, 9, "vague", "detained")]),
        ("Десятки тысяч протестующих были арестованы в течение недели.",
         [("Десятки тысяч протестующих", 20000, 99999, "vague", "detained")]),
        ("В акции участвовали несколько сотен человек, из них задержаны 40.", [("40", 40, 40, "exact", "detained")]),
        # sentenced
        ("Суд приговорил пятерых активистов к срокам от трех до семи лет.",
         [("пятерых активистов", 5, 5, "exact", "sentenced")]),
        ("Три года назад 18 человек были осуждены по делу о госизмене.",
         [("18 человек", 18, 18, "exact", "sentenced")]),
        ("Трое фигурантов дела осуждены, двое отпущены.",
         [("Трое фигурантов", 3, 3, "exact", "sentenced"), ("двое", 2, 2, "exact", "released")]),
        ("Суд назначил 19 участникам акции административный арест.",
         [("19 участникам", 19, 19, "exact", "sentenced")]),
        # exchanged
        ("После переговоров стороны обменялись 103 военнопленными.",
         [("103 военнопленными", 103, 103, "exact", "exchanged")]),
        ("В рамках обмена Киев вернул 150 украинских военных.",
         [("150 украинских военных", 150, 150, "exact", "exchanged")]),
        ("Более десятка пленных вернулись домой в ходе обмена.",
         [("Более десятка пленных", 11, None, "more_than", "exchanged")]),
        # planned_release
        ("Правозащитники требуют освободить около 300 политзаключенных.",
         [("около 300 политзаключенных", 300, 300, "approx", "planned_release")]),
        ("Власти могут освободить до 50 заключенных уже на этой неделе.",
         [("до 50 заключенных", None, 50, "up_to", "planned_release")]),
        ("Минск освободит 52 человека, если США снимут санкции.",
         [("52 человека", 52, 52, "exact", "planned_release")]),
        ("Стороны обсуждают освобождение по меньшей мере 100 заключенных.",
         [("по меньшей мере 100 заключенных", 100, None, "at_least", "planned_release")]),
        ("Лидеры ЕС призвали немедленно освободить сотни политзаключенных.",
         [("сотни политзаключенных", 200, 999, "vague", "planned_release")]),
        ("Москва готова освободить 10 граждан США в обмен на смягчение санкций.",
         [("10 граждан", 10, 10, "exact", "planned_release")]),
        ("Амнистия затронет около 9 тысяч заключенных.",
         [("около 9 тысяч заключенных", 9000, 9000, "approx", "planned_release")]),
        ("По указу 600 человек будут досрочно освобождены.", [("600 человек", 600, 600, "exact", "planned_release")]),
        # issue 17: tallies and lists, oblique cases, census, found captives, one of them
        ("Полиция задержала шесть человек: трое — в Казани, двое — в Уфе, один — в Перми.",
         [("шесть человек", 6, 6, "exact", "detained"), ("трое", 3, 3, "exact", "detained"),
          ("двое", 2, 2, "exact", "detained"), ("один", 1, 1, "exact", "detained")]),
        ("Силовики задержали двоих человек у входа и одного — во дворе.",
         [("двоих человек", 2, 2, "exact", "detained"), ("одного", 1, 1, "exact", "detained")]),
        ("Больше всего журналистов за решеткой в Китае — 44, в Иране — 9, в Египте — 7.",
         [("44", 44, 44, "exact", "held"), ("9", 9, 9, "exact", "held"), ("7", 7, 7, "exact", "held")]),
        ("В списке арестованных блогеров (12) есть и иностранцы.",
         [("арестованных блогеров (12)", 12, 12, "exact", "detained")]),
        ("Суд отказал в иске, поданном вместе с 14 активистами, задержанными в марте.",
         [("14 активистами", 14, 14, "exact", "detained")]),
        ("Президент сократил сроки семерым осуждённым.", [("семерым осуждённым", 7, 7, "exact", "pardoned")]),
        ("В докладе названы 35 заключенных журналистов.", [("35 заключенных журналистов", 35, 35, "exact", "held")]),
        ("Двое задержанных студентов находятся на допросе.",
         [("Двое задержанных студентов", 2, 2, "exact", "held")]),
        ("Восемь пленных должны быть освобождены до конца недели.",
         [("Восемь пленных", 8, 8, "exact", "planned_release")]),
        ("Стороны договорились вернуть 40 задержанных моряков.",
         [("40 задержанных моряков", 40, 40, "exact", "planned_release")]),
        ("Освобождены 12 человек, о чем просили их родственники.", [("12 человек", 12, 12, "exact", "released")]),
        ("В лесу обнаружены двое туристов, похищенных неделю назад.", [("двое туристов", 2, 2, "exact", "released")]),
        ("Полиция нашла пятерых детей, пропавших в субботу.", [("пятерых детей", 5, 5, "exact", "released")]),
        ("Один из задержанных был отпущен через час.", [("Один из задержанных", 1, 1, "exact", "released")]),
        ("Одного из подозреваемых задержали в аэропорту.",
         [("Одного из подозреваемых", 1, 1, "exact", "detained")]),
        ("Еще один участник акции был осужден в прошлом году.", [("один участник", 1, 1, "exact", "sentenced")]),
        ("Многие задержанные были отпущены.", [("Многие задержанные", None, None, "vague", "released")]),
        # members of a count share its status
        ("Освобождены 14 человек, в том числе двое граждан США.",
         [("14 человек", 14, 14, "exact", "released"), ("двое граждан", 2, 2, "exact", "released")]),
    ],
)
def test_counts_status_and_bounds(analyse, morph, text, expected):
    assert counts(analyse, morph, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Ему грозит до 10 лет лишения свободы.", id="sentence length"),
        pytest.param("Их приговорили к срокам от двух до 11 лет.", id="sentence range"),
        pytest.param("Обвиняемому 45 лет, он осужден впервые.", id="age"),
        pytest.param("Он осужден по части 2 статьи 280 УК.", id="article of a code"),
        pytest.param("Задержанного оштрафовали на 300 тысяч рублей.", id="money"),
        pytest.param("Каждому освобожденному выдали по 500 евро.", id="money after a release"),
        pytest.param("В результате взрыва погибли 5 человек, еще 12 ранены.", id="dead and injured"),
        pytest.param("В колонии умерли трое заключенных.", id="dead prisoners"),
        pytest.param("Украине передали тела 757 погибших военнослужащих.", id="bodies of the dead"),
        pytest.param("Суд выдал 12 ордеров на арест.", id="warrants"),
        pytest.param("За резолюцию об амнистии проголосовали 120 депутатов.", id="votes"),
        pytest.param("Агентство сообщило об освобождении со ссылкой на трех неназванных собеседников.", id="sources"),
        pytest.param("По словам двух задержанных, их избивали.", id="sources who were detained"),
        pytest.param("Акция прошла 22 ноября 2025 года.", id="dates and years"),
        pytest.param("Свидетелями по делу об арестах проходят более 160 человек.", id="witnesses"),
        pytest.param("На митинг пришли около 5 тысяч человек.", id="people not in custody"),
        pytest.param("Организация помогает 150 семьям политзаключенных.", id="families of prisoners"),
        pytest.param("Белоруссия не освободила ни одного политзаключенного.", id="none at all"),
        pytest.param("Он признан виновным по 10 из 11 пунктов обвинения.", id="charges, partitive"),
        pytest.param("Суд выдал 12 ордеров на арест оппозиционеров.", id="warrants before people"),
        pytest.param("Он перевел $5 млн двум партнерам, которых позже арестовали.", id="money sign"),
        pytest.param("Коллегия, состоящая из трех женщин, приговорила его к пяти годам.", id="what a body is made of"),
        pytest.param("1. Задержанных активистов допросили.", id="list marker"),
        pytest.param("Адвокат одного из осужденных подал жалобу.", id="one person through a noun"),
        pytest.param("Задержанных в тот день не было, суд прошел позже — 15 марта 2024 года.", id="date beside a dash"),
        pytest.param("О колонии ясно одно — порядки там жесткие.", id="one thing after a dash"),
        pytest.param("Полиция нашла у задержанного 12 паспортов.", id="things found"),
        pytest.param("Стороны договорились обменять пленных на 200 тонн зерна.", id="goods"),
    ],
)
def test_not_counts(analyse, morph, text):
    assert counts(analyse, morph, text) == []


def test_count_carries_number_substring_offsets_and_group(analyse, morph):
    text = "Минск удерживает более 1 000 политических заключенных."
    (count,) = extract_counts(analyse(text), events=[], morph=morph)
    assert text[count.start : count.end] == count.text == "более 1 000 политических заключенных"
    assert count.number == "1 000"
    assert count.group == "политические заключенные"


def test_count_is_tied_to_the_event_of_its_trigger(analyse, morph):
    text = "22 ноября Лукашенко помиловал 31 украинца."
    start = text.index("помиловал")
    event = Event(
        id="E1",
        trigger=Span(start=start, end=start + len("помиловал"), text="помиловал"),
        lemma="помиловать",
        kind="pardon",
    )
    (count,) = extract_counts(analyse(text), events=[event], morph=morph)
    assert count.event == "E1"
    assert count.group == "украинцы"


def test_count_without_events_has_no_event(analyse, morph):
    (count,) = extract_counts(analyse("Лукашенко помиловал 31 украинца."), events=[], morph=morph)
    assert count.event is None


def test_empty_text_has_no_counts(analyse, morph):
    assert extract_counts(analyse(""), events=[], morph=morph) == []


SEED_COUNTS = [
    ("по меньшей мере 100 политических заключенных", "100", 100, None, "at_least", "planned_release"),
    ("десятки заключенных", "десятки", 20, 99, "vague", "released"),
    ("более 100 заключенных", "100", 101, None, "more_than", "planned_release"),
    ("52 человека", "52", 52, 52, "exact", "released"),
    ("более 1000 политических заключенных", "1000", 1001, None, "more_than", "held"),
    ("31 украинца", "31", 31, 31, "exact", "pardoned"),
]


def test_seed_article_has_exactly_the_six_counts(seed_record, seed_text):
    found = [(c.text, c.number, c.low, c.high, c.qualifier, c.status) for c in seed_record.prisoner_counts]
    assert found == SEED_COUNTS
    for count in seed_record.prisoner_counts:
        assert seed_text[count.start : count.end] == count.text
    texts = " ".join(c.text for c in seed_record.prisoner_counts)
    assert "собеседник" not in texts and "лет" not in texts
