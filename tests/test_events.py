from __future__ import annotations

import datetime as dt
import re

import pytest

from claims.extractors.dates import extract_dates
from claims.extractors.events import extract_events
from claims.models import Actor, ActorMention

pytestmark = pytest.mark.slow

PUBLISHED = dt.date(2025, 11, 24)  # a Monday


def actors_named(text: str, *names: str) -> list[Actor]:
    """Actors built by hand, one per name, with every mention of the name's stem."""
    actors = []
    for number, name in enumerate(names, 1):
        stem = name[:-1] if len(name) > 4 else name
        mentions = [
            ActorMention(start=m.start(), end=m.end(), text=m.group())
            for m in re.finditer(rf"{re.escape(stem)}\w*", text)
        ]
        actors.append(Actor(id=f"A{number}", name=name, type="person", mentions=mentions))
    return actors


@pytest.fixture(scope="module")
def events_of(analyse):
    def run(text, published=PUBLISHED, actors=()):
        doc = analyse(text)
        dates = extract_dates(doc, published=published)
        return extract_events(doc, dates=dates, actors=actors_named(text, *actors))

    return run


def dated(events):
    return [(e.trigger.text, e.kind, e.date.value) for e in events if e.date]


@pytest.mark.parametrize(
    ("sentence", "trigger", "kind", "value"),
    [
        ("22 ноября Лукашенко помиловал 31 украинца.", "помиловал", "pardon", "2025-11-22"),
        ("В сентябре Беларусь отпустила 52 человека.", "отпустила", "release", "2025-09"),
        ("Вчера полиция задержала 40 участников акции.", "задержала", "detention", "2025-11-23"),
        ("В 2021 году его арестовали.", "арестовали", "arrest", "2021"),
        ("Во вторник суд приговорил активиста к пяти годам колонии.", "приговорил", "sentence", "2025-11-18"),
        ("В пятницу стороны обменялись пленными.", "обменялись", "exchange", "2025-11-21"),
        ("Трамп назначил Коула посланником в начале этого месяца.", "назначил", "appointment", "2025-11"),
        ("На прошлой неделе в Абу-Даби прошли переговоры.", "переговоры", "talks", "2025-11-17/2025-11-23"),
        ("В среду министры встретились в Женеве.", "встретились", "meeting", "2025-11-19"),
        ("В январе Трамп вступил в должность.", "вступил", "inauguration", "2025-01"),
        ("В понедельник МИД заявил о готовности к диалогу.", "заявил", "statement", "2025-11-24"),
        ("Закон вступил в силу 1 января.", "вступил", "law", "2025-01-01"),
        ("Он родился в 1965 году.", "родился", "birth", "1965"),
        ("В июле 2024 года суд признал его виновным.", "признал", "conviction", "2024-07"),
        # a light verb hands its date to the event it names, as a participle too
        ("Суд огласил приговор 12 марта.", "приговор", "sentence", "2025-03-12"),
        ("Во вторник суд вынес приговор трем активистам.", "приговор", "sentence", "2025-11-18"),
        ("Полиция задержала 50 участников акции, прошедшей в воскресенье.", "акции", "protest", "2025-11-23"),
        ("Митинг, состоявшийся 3 июня, закончился задержаниями.", "Митинг", "protest", "2025-06-03"),
        ("Ей удалось добиться перевода в прошлом году.", "добиться", "other", "2024"),
        ("В 2010 году он переехал в Вильнюс.", "переехал", "other", "2010"),
        ("Он вступил в партию в 2010 году.", "вступил", "other", "2010"),
        ("Освобожденные в сентябре заключенные вернулись домой.", "Освобожденные", "release", "2025-09"),
    ],
)
def test_event_trigger_kind_and_date(events_of, sentence, trigger, kind, value):
    assert (trigger, kind, value) in dated(events_of(sentence))


@pytest.mark.parametrize(
    ("sentence", "triggers"),
    [
        ("Власти освободили 18 политзаключенных.", [("освободили", "release")]),
        ("Заключенные остаются в колонии.", []),
        ("Выборы прошли спокойно, но выбор был невелик.", [("Выборы", "election")]),
        ("Он выпустил новый альбом.", []),
    ],
)
def test_undated_triggers(events_of, sentence, triggers):
    events = events_of(sentence)
    assert [(e.trigger.text, e.kind) for e in events] == triggers
    assert all(e.date is None for e in events)


@pytest.mark.parametrize(
    ("sentence", "actors", "trigger", "agents"),
    [
        ("22 ноября Лукашенко помиловал 31 украинца.", ["Лукашенко"], "помиловал", ["A1"]),
        ("Активист был задержан полицией в среду.", ["полиция"], "задержан", ["A1"]),
        ("Посланником стал Коул, которого Трамп назначил в начале месяца.", ["Трамп", "Коул"], "назначил", ["A1"]),
        ("После вступления Трампа в должность Минск освободил 14 человек.", ["Трамп", "Минск"], "вступления", ["A1"]),
        ("Беларусь отпустила 52 человека, освободив больше всего заключенных.", ["Беларусь"], "освободив", ["A1"]),
        ("Власти Беларуси освободили заключенных.", ["Беларусь"], "освободили", ["A1"]),
        ("Освобождение заключенных обсуждали США и Беларусь.", ["США", "Беларусь"], "обсуждали", ["A1", "A2"]),
    ],
)
def test_event_agents(events_of, sentence, actors, trigger, agents):
    [event] = [e for e in events_of(sentence, actors=actors) if e.trigger.text == trigger]
    assert event.agents == agents


def test_events_are_numbered_in_text_order(events_of):
    events = events_of("Вчера полицию задержали, а сегодня всех освободили. Об этом сообщил адвокат.")
    assert [e.id for e in events] == ["E1", "E2", "E3"]
    assert [e.trigger.text for e in events] == ["задержали", "освободили", "сообщил"]
    assert [e.trigger.start for e in events] == sorted(e.trigger.start for e in events)


def test_a_trigger_dated_twice_is_reported_per_date(events_of):
    events = events_of("Его задержали 5 марта 2020 года и, по данным правозащитников, в 2021 году.")
    assert [(e.trigger.text, e.date.value) for e in events if e.date] == [
        ("задержали", "2020-03-05"),
        ("задержали", "2021"),
    ]


def test_no_events_in_empty_text(events_of):
    assert events_of("") == []


@pytest.mark.parametrize(
    ("date_text", "value", "trigger"),
    [
        ("в январе", "2025-01", "вступления"),
        ("В сентябре", "2025-09", "отпустила"),
        ("в начале этого месяца", "2025-11", "назначил"),
        ("в этом году", "2025", "обсуждали"),
        ("22 ноября", "2025-11-22", "помиловал"),
    ],
)
def test_seed_dated_events(events_of, seed_text, date_text, value, trigger):
    events = events_of(seed_text)
    assert (date_text, value, trigger) in [(e.date.text, e.date.value, e.trigger.text) for e in events if e.date]


def test_seed_record_carries_the_dated_events(seed_record):
    assert ("22 ноября", "2025-11-22", "pardon") in [
        (e.date.text, e.date.value, e.kind) for e in seed_record.events if e.date
    ]
