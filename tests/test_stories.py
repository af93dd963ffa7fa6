"""Stories on hand-made records (no models): which reports go together, figures that disagree, B-cubed."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.models import Actor, ActorMention, Claim, DateSpan, Event, PrisonerCount, Record, Source, Span
from claims.stories import (
    Figure,
    absorb_small,
    actor_key,
    agree,
    article_groups,
    bcubed,
    cluster,
    dateline_place,
    figures_of,
    main_parts,
    reports_of,
    same_group,
    sections,
    specificity_of,
    story_figures,
)


def record(article, published, text, actors=(), events=(), counts=(), sources=()):
    """A record of `text`: actors as (name, type, word), events as (word, kind, date value or None), counts as
    (words, low, high, status, group, event index), sources as (name, kind, words of its claim)."""

    def at(word):
        start = text.index(word)
        return start, start + len(word)

    def span(word, cls=Span, **extra):
        start, end = at(word)
        return cls(start=start, end=end, text=word, **extra)

    return Record(
        id=article,
        published=dt.date.fromisoformat(published),
        text=text,
        actors=[
            Actor(id=f"A{n}", name=name, type=kind, mentions=[span(word, ActorMention)])
            for n, (name, kind, word) in enumerate(actors, 1)
        ],
        events=[
            Event(
                id=f"E{n}",
                trigger=span(word),
                lemma=word,
                kind=kind,
                date=span(value[1], DateSpan, value=value[0], precision=precision(value[0])) if value else None,
            )
            for n, (word, kind, value) in enumerate(events, 1)
        ],
        prisoner_counts=[
            PrisonerCount(**span(words).model_dump(), number=words.split()[-2] if " " in words else words, low=low,
                          high=high, qualifier="exact" if low == high else "approx", status=status, group=group,
                          event=f"E{event}" if event else None)  # fmt: skip
            for words, low, high, status, group, event in counts
        ],
        sources=[
            Source(id=f"S{n}", name=name, kind=kind, cue="сообщил", mentions=[span(name)],
                   claims=[Claim(**span(words).model_dump(), counts=[0])])  # fmt: skip
            for n, (name, kind, words) in enumerate(sources, 1)
        ],
    )


def precision(value: str) -> str:
    return {10: "day", 7: "month", 4: "year"}[len(value)]


REUTERS = record(
    "reuters",
    "2025-11-22",
    "Белоруссия освободила 31 украинца. Освобождение прошло 22 ноября в Минске, сообщил Джон Коул.",
    actors=[("Джон Коул", "person", "Джон Коул"), ("Минск", "location", "Минске")],
    events=[("освободила", "release", None), ("Освобождение", "release", ("2025-11-22", "22 ноября"))],
    counts=[("31 украинца", 31, 31, "released", "украинцы", 1)],
    sources=[("Джон Коул", "person", "31 украинца")],
)
BBC = record(
    "bbc",
    "2025-11-23",
    "Лукашенко помиловал около 30 украинцев в Минске. Коул назвал это шагом вперед.",
    actors=[("Коул", "person", "Коул"), ("Минск", "location", "Минске")],
    events=[("помиловал", "pardon", None)],
    counts=[("около 30 украинцев", 30, 30, "pardoned", "украинцы", 1)],
)
ARREST_IN_MAY = record(
    "may",
    "2025-05-15",
    "В Гродно 14 мая задержан журналист Андрей Ковалевич.",
    actors=[("Андрей Ковалевич", "person", "Андрей Ковалевич"), ("Гродно", "location", "Гродно")],
    events=[("задержан", "detention", ("2025-05-14", "14 мая"))],
)
RELEASE_IN_DECEMBER = record(
    "december",
    "2025-12-12",
    "Журналист Андрей Ковалевич вышел на свободу 11 декабря в Гродно.",
    actors=[("Андрей Ковалевич", "person", "Андрей Ковалевич"), ("Гродно", "location", "Гродно")],
    events=[("вышел", "release", ("2025-12-11", "11 декабря"))],
)


def protest(article: str, published: str, city: str, day: str) -> Record:
    return record(
        article,
        published,
        f"В {city} {day} задержали участников акции, сообщил ОВД-Инфо.",
        actors=[("ОВД-Инфо", "organization", "ОВД-Инфо"), (city, "location", city)],
        events=[("задержали", "detention", (day, day))],
    )


def story_of(clustering, article: str) -> int:
    return clustering.lead[article]


def test_one_happening_reported_as_release_and_as_pardon_is_one_story():
    clustering = cluster([REUTERS, BBC])
    assert story_of(clustering, "reuters") == story_of(clustering, "bbc")
    story = clustering.stories[story_of(clustering, "reuters") - 1]
    assert set(story.articles) == {"reuters", "bbc"}


def test_the_same_person_in_two_events_makes_two_stories():
    clustering = cluster([ARREST_IN_MAY, RELEASE_IN_DECEMBER])
    assert story_of(clustering, "may") != story_of(clustering, "december")


@pytest.mark.parametrize(
    ("second_city", "second_day", "together"),
    [
        ("Петербурге", "2026-01-25", True),
        ("Петербурге", "2026-01-26", True),  # a day apart: within the tolerance of precise dates
        ("Петербурге", "2026-01-27", False),  # two days apart
        ("Екатеринбурге", "2026-01-25", False),  # the same day in another city
    ],
)
def test_dates_and_places_decide(second_city, second_day, together):
    first = protest("first", "2026-01-25", "Петербурге", "2026-01-25")
    second = protest("second", second_day, second_city, second_day)
    clustering = cluster([first, second])
    assert (story_of(clustering, "first") == story_of(clustering, "second")) is together


def test_disagreeing_figures_are_flagged_side_by_side():
    story = cluster([REUTERS, BBC]).stories[0]
    assert [(f.article, f.low) for f in story.figures] == [("reuters", 31), ("bbc", 30)]
    assert [(one.label(), other.label()) for one, other in story.conflicts] == [
        ("31 украинца (Джон Коул, 2025-11-22)", "около 30 украинцев (bbc, 2025-11-23)")
    ]


def test_figures_that_can_both_be_true_are_not_flagged():
    more_than = BBC.model_copy(deep=True)
    more_than.prisoner_counts[0].low, more_than.prisoner_counts[0].high = 31, None
    assert cluster([REUTERS, more_than]).stories[0].conflicts == []


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("украинцы", "украинцев", True),
        (None, "человек", True),
        ("украинцы", "женщины", False),
        ("женщины", None, False),
    ],
)
def test_same_group(one, other, same):
    assert same_group(one, other) is same


@pytest.mark.parametrize(
    ("one", "other", "kind", "same"),
    [
        ("Андрей Ковалевич", "Ковалевич", "person", True),
        ("Тихановская", "Тихановской", "person", True),
        ("Минск", "Минске", "location", True),
        ("Минск", "Гродно", "location", False),
        ("ОВД-Инфо", "ОВД-инфо", "organization", True),
    ],
)
def test_actor_key(one, other, kind, same):
    assert (actor_key(one, kind) == actor_key(other, kind)) is same


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "x", "c": "y"}, (1.0, 1.0)),
        ({"a": "1", "b": "1", "c": "1"}, {"a": "x", "b": "x", "c": "y"}, (5 / 9, 1.0)),
        ({"a": "1", "b": "2", "c": "3"}, {"a": "x", "b": "x", "c": "x"}, (1.0, 1 / 3)),
        ({}, {"a": "x", "b": "y"}, (1.0, 1.0)),
    ],
)
def test_bcubed(predicted, gold, expected):
    scores = bcubed(predicted, gold)
    assert (scores.precision, scores.recall) == pytest.approx(expected)


def test_clustering_is_the_same_whatever_the_order_of_the_records():
    records = [REUTERS, BBC, ARREST_IN_MAY, RELEASE_IN_DECEMBER]
    forward, backward = cluster(records), cluster(list(reversed(records)))
    as_sets = lambda c: sorted(sorted(s.articles) for s in c.stories)  # noqa: E731
    assert as_sets(forward) == as_sets(backward)


# --- the article's main event, its places, how much actors and figures tell -------------------------------------

LONG = " Об этом сообщили в ведомстве, подробности не приводятся, комментариев пока нет."  # a lead, not a dateline
HEADLINE_PARDON = "Президент помиловал журналиста\n\nОн вышел на свободу." + LONG + "\n\n" + "Его задержали. " * 3
HEADLINE_ARREST_BODY_PARDONS = "Журналиста задержали\n\nОн в колонии." + LONG + "\n\n" + "Помилование. " * 4
HEADLINE_FIGURE = "Пятеро получили сроки\n\nСуд вынес приговор." + LONG + "\n\nИх задержали. Задержание. Задержали."


@pytest.mark.parametrize(
    ("text", "events", "counts", "family"),
    [
        # the headline and the lead outweigh more events further down
        (HEADLINE_PARDON, [("помиловал", "pardon"), ("вышел", "release")] + [("задержали", "detention")] * 3, [],
         "release"),
        # but not a lone word in the headline against a body that reports nothing else
        (HEADLINE_ARREST_BODY_PARDONS, [("задержали", "detention")] + [("Помилование", "pardon")] * 4, [], "release"),
        # a figure in the headline is evidence of its event too
        (HEADLINE_FIGURE,
         [("приговор", "sentence"), ("задержали", "detention"), ("Задержание", "detention"),
          ("Задержали", "detention")],
         [("Пятеро", 5, 5, "sentenced", None, None)], "sentence"),
    ],
)  # fmt: skip
def test_the_main_event_is_the_one_the_headline_and_lead_report(text, events, counts, family):
    events = [(word, kind, None) for word, kind in events]
    article = record_at(text, events, counts)
    parts = article_groups(reports_of(article))
    for part in parts:
        part.evidence = story_figures(part, {"x": figures_of(article)})
    assert main_parts(parts)["x"].family == family


def record_at(text: str, events, counts=()) -> Record:
    """A record whose events (and counts) are the n-th occurrences of their words, in the order given."""
    seen: dict[str, int] = {}
    spans = []
    for word, *_ in list(events) + [(c[0],) for c in counts]:
        start = -1
        for _ in range(seen.get(word, 0) + 1):
            start = text.index(word, start + 1)
        seen[word] = seen.get(word, 0) + 1
        spans.append(Span(start=start, end=start + len(word), text=word))
    built = record("x", "2025-12-12", text)
    built.events = [
        Event(id=f"E{n}", trigger=spans[n - 1], lemma=word, kind=kind, date=None)
        for n, (word, kind, _) in enumerate(events, 1)
    ]
    built.prisoner_counts = [
        PrisonerCount(**spans[len(events) + n].model_dump(), number=words, low=low, high=high, qualifier="exact",
                      status=status, group=group)  # fmt: skip
        for n, (words, low, high, status, group, _) in enumerate(counts)
    ]
    return built


@pytest.mark.parametrize(
    ("text", "headline", "lead"),
    [
        ("Заголовок\n\nПервый абзац." + " слово" * 20 + "\n\nВторой.", "Заголовок", "Первый абзац."),
        ("Заголовок\n\nМИНСК, 22 ноября.\n\nПервый абзац." + " слово" * 20, "Заголовок", "МИНСК, 22 ноября."),
        ("Одна строка без заголовка.", "Одна строка без заголовка.", ""),
        ("", "", ""),
    ],
)
def test_sections(text, headline, lead):
    headline_end, lead_end = sections(text)
    assert text[:headline_end] == headline
    assert text[headline_end:lead_end].strip().startswith(lead)


@pytest.mark.parametrize(
    ("lead", "words"),
    [
        ("ДУШАНБЕ, 5 ноября. /ТАСС/. Парламент принял закон.", {"душанб"}),
        ("САНКТ-ПЕТЕРБУРГ, 26 января. /ТАСС/. Полиция составила протоколы.", {"санкт", "петербург"}),
        ("Астана. 12 декабря. INTERFAX.RU - Президент подписал указ.", set()),  # no capitals: the NER's business
        ("В Минске, как сообщили, задержали троих.", set()),
    ],
)
def test_dateline_place(lead, words):
    text = "Заголовок\n\n" + lead
    assert dateline_place(text, sections(text)[0]) == words


@pytest.mark.parametrize(
    ("second_lead", "together"),
    [
        ("Акция прошла в Казани.", True),  # the lead names the same city as the other article's headline
        ("Акция прошла в Самаре.", False),  # another city
    ],
)
def test_places_of_the_lead_place_the_main_event(second_lead, together):
    first = record(
        "first",
        "2026-01-25",
        "Задержания в Казани\n\nВ воскресенье прошла акция. Участников задержали, сообщил ОВД-Инфо.",
        actors=[("ОВД-Инфо", "organization", "ОВД-Инфо"), ("Казань", "location", "Казани")],
        events=[("задержали", "detention", None)],
    )
    city = "Казань" if "Казани" in second_lead else "Самара"
    second = record(
        "second",
        "2026-01-25",
        f"Итоги воскресенья\n\n{second_lead} Участников задержали, сообщил ОВД-Инфо.",
        actors=[("ОВД-Инфо", "organization", "ОВД-Инфо"), (city, "location", second_lead.split()[-1].rstrip("."))],
        events=[("задержали", "detention", None)],
    )
    clustering = cluster([first, second])
    assert (story_of(clustering, "first") == story_of(clustering, "second")) is together


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [("person", "Андрей Ковалевич", 1.0), ("person", "Ковалевич", 0.7), ("organization", "МВД", 0.5),
     ("location", "Россия", 0.5)],
)  # fmt: skip
def test_a_full_name_tells_more_than_a_surname_or_an_organization(kind, name, expected):
    assert specificity_of(kind, name) == expected


def figure(low, high, status="pardoned", group="осужденные", article="one") -> Figure:
    return Figure(article, 0, "", low, high, "exact", status, group, None, None)


@pytest.mark.parametrize(
    ("one", "other", "evidence"),
    [
        (figure(12, 12), figure(11, None, article="two"), True),  # «12 осужденных» and «более десяти осужденных»
        (figure(12, 12), figure(23, 23, article="two"), False),  # bounds that cannot both be true
        (figure(12, 12), figure(12, 12, status="detained", article="two"), False),  # another state
        (figure(12, 12), figure(12, 12, status="released", article="two"), True),  # freed either way
        (figure(30, 30, group="человек"), figure(30, 30, group="человек", article="two"), False),  # anyone
        (figure(30, 30, group="украинцы"), figure(31, None, group="граждан Украины", article="two"), False),
    ],
)
def test_figures_as_evidence_of_one_happening(one, other, evidence):
    assert agree(one, other) is evidence


def pardon_article(article: str, published: str, person: str, event_day: str | None = None) -> Record:
    return record(
        article,
        published,
        f"Помилование\n\nПрезидент помиловал осужденных {'11 декабря' if event_day else ''}, в их числе {person}.",
        actors=[(person, "person", person)],
        events=[("помиловал", "pardon", (event_day, "11 декабря") if event_day else None)],
    )


@pytest.mark.parametrize(
    ("small", "merged"),
    [
        (pardon_article("c", "2025-12-12", "Ирина Лойко"), True),  # the same person, the same days
        (pardon_article("c", "2025-12-12", "Степан Вяль"), False),  # nobody in common
        (pardon_article("c", "2025-12-20", "Ирина Лойко"), False),  # a week later
    ],
)
def test_a_small_story_is_merged_into_a_larger_one_that_fits_it(small, merged):
    larger = [pardon_article("a", "2025-12-11", "Ирина Лойко", "2025-12-11"), pardon_article("b", "2025-12-12",
              "Ирина Лойко")]  # fmt: skip
    parts = article_groups([r for article in [*larger, small] for r in reports_of(article)])
    big, alone = parts[0], parts[2]
    big.id, alone.id = 1, 2
    big.merge(parts[1])
    kept = absorb_small([big, alone], set())
    assert (len(kept) == 1) is merged
