"""Stories on hand-made records (no models): which reports go together, figures that disagree, B-cubed."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.models import Actor, ActorMention, Claim, DateSpan, Event, PrisonerCount, Record, Source, Span
from claims.stories import actor_key, bcubed, cluster, same_group


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
