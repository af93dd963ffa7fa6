"""Rules of the count, date, event and source extractors on Docs built by hand (`handmade.hand_doc`):
each test fixes the parse, so it tests one rule and not the model. None of them loads Natasha's models;
`morph` is pymorphy2's dictionary alone."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.extractors.counts import extract_counts
from claims.extractors.dates import extract_dates
from claims.extractors.events import extract_events
from claims.extractors.sources import extract_sources
from claims.models import Actor, ActorMention, rule_of

from .handmade import hand_doc

PUBLISHED = dt.date(2025, 11, 24)
PLURAL_PAST = "Aspect=Perf|Mood=Ind|Number=Plur|Tense=Past|VerbForm=Fin|Voice=Act"
MASC_PAST = "Aspect=Perf|Gender=Masc|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin|Voice=Act"
PEOPLE_GEN = "Animacy=Anim|Case=Gen|Gender=Masc|Number=Plur"


def count_sentence(verb: str, lemma: str, noun: str = "заключенных", noun_lemma: str = "заключенный"):
    """«Власти <verb> 18 <noun>.»: the verb governs the counted noun as its object."""
    return [
        ("Власти", "NOUN", "власть", 2, "nsubj", "Animacy=Inan|Case=Nom|Gender=Fem|Number=Plur"),
        (verb, "VERB", lemma, 0, "root", PLURAL_PAST),
        ("18", "NUM", "18", 4, "nummod"),
        (noun, "NOUN", noun_lemma, 2, "obj", PEOPLE_GEN),
        (".", "PUNCT", ".", 2, "punct"),
    ]


@pytest.mark.parametrize(
    ("verb", "lemma", "status"),
    [
        ("освободили", "освободить", "released"),
        ("помиловали", "помиловать", "pardoned"),
        ("задержали", "задержать", "detained"),
        ("осудили", "осудить", "sentenced"),
        ("обменяли", "обменять", "exchanged"),
        ("удерживают", "удерживать", "held"),
    ],
)
def test_count_takes_the_status_of_the_verb_that_governs_it(verb, lemma, status, morph):
    (count,) = extract_counts(hand_doc(count_sentence(verb, lemma)), events=[], morph=morph)
    assert (count.text, count.low, count.status, count.group) == ("18 заключенных", 18, status, "заключенные")


def test_a_custody_noun_without_a_trigger_is_held(morph):
    doc = hand_doc(count_sentence("назвали", "назвать"))
    assert [c.status for c in extract_counts(doc, events=[], morph=morph)] == ["held"]


@pytest.mark.parametrize(("verb", "lemma"), [("погибли", "погибнуть"), ("ранили", "ранить")])
def test_the_dead_and_injured_are_no_count(verb, lemma, morph):
    doc = hand_doc(count_sentence(verb, lemma, "человек", "человек"))
    assert extract_counts(doc, events=[], morph=morph) == []


def test_people_without_a_trigger_are_no_count(morph):
    doc = hand_doc(count_sentence("встретили", "встретить", "человек", "человек"))
    assert extract_counts(doc, events=[], morph=morph) == []


def test_a_negated_release_leaves_them_held(morph):
    rows = [
        ("Власти", "NOUN", "власть", 3, "nsubj", "Case=Nom|Number=Plur"),
        ("не", "PART", "не", 3, "advmod"),
        ("освободили", "VERB", "освободить", 0, "root", PLURAL_PAST),
        ("18", "NUM", "18", 5, "nummod"),
        ("заключенных", "NOUN", "заключенный", 3, "obj", PEOPLE_GEN),
        (".", "PUNCT", ".", 3, "punct"),
    ]
    assert [c.status for c in extract_counts(hand_doc(rows), events=[], morph=morph)] == ["held"]


def test_a_count_belongs_to_the_event_of_its_trigger(morph):
    doc = hand_doc(count_sentence("помиловали", "помиловать"))
    events = extract_events(doc, dates=[], actors=[])
    (count,) = extract_counts(doc, events=events, morph=morph)
    assert [(e.id, e.kind) for e in events] == [("E1", "pardon")]
    assert count.event == "E1"


def dated_sentence(*date_rows):
    """«<date> суд арестовал активистов.», the date rows attached to the verb (word 1 of the rest)."""
    size = len(date_rows)
    return [
        *date_rows,
        ("суд", "NOUN", "суд", size + 2, "nsubj", "Animacy=Inan|Case=Nom|Gender=Masc|Number=Sing"),
        ("арестовал", "VERB", "арестовать", 0, "root", MASC_PAST),
        ("активистов", "NOUN", "активист", size + 2, "obj", PEOPLE_GEN),
        (".", "PUNCT", ".", size + 2, "punct"),
    ]


@pytest.mark.parametrize(
    ("date_rows", "published", "expected"),
    [
        ([("Вчера", "ADV", "вчера", 2, "advmod")], PUBLISHED, ("Вчера", "2025-11-23", "day")),
        ([("Вчера", "ADV", "вчера", 2, "advmod")], None, ("Вчера", "XXXX-XX-XX", "day")),
        ([("В", "ADP", "в", 2, "case"), ("декабре", "NOUN", "декабрь", 3, "obl", "Case=Loc")], PUBLISHED,
         ("В декабре", "2024-12", "month")),
        ([("22", "ADJ", "22", 3, "obl"), ("ноября", "NOUN", "ноябрь", 1, "flat", "Case=Gen")], PUBLISHED,
         ("22 ноября", "2025-11-22", "day")),
        ([("В", "ADP", "в", 3, "case"), ("2019", "ADJ", "2019", 3, "amod"), ("году", "NOUN", "год", 4, "obl")],
         PUBLISHED, ("В 2019 году", "2019", "year")),
    ],
)
def test_dates_resolve_against_the_publication_date(date_rows, published, expected, morph):
    (date,) = extract_dates(hand_doc(dated_sentence(*date_rows)), published=published)
    assert (date.text, date.value, date.precision) == expected


def test_a_month_after_publication_in_a_future_clause_is_next_year():
    rows = [
        ("В", "ADP", "в", 2, "case"), ("марте", "NOUN", "март", 4, "obl", "Case=Loc"),
        ("выборы", "NOUN", "выбор", 4, "nsubj", "Case=Nom|Number=Plur"),
        ("пройдут", "VERB", "пройти", 0, "root", "Aspect=Perf|Number=Plur|Tense=Fut|VerbForm=Fin"),
        (".", "PUNCT", ".", 4, "punct"),
    ]
    (date,) = extract_dates(hand_doc(rows), published=PUBLISHED)
    assert (date.text, date.value) == ("В марте", "2026-03")


def actor(number: int, doc, word: str, type_: str = "person") -> Actor:
    start = doc.text.index(word)
    mention = ActorMention(start=start, end=start + len(word), text=word)
    return Actor(id=f"A{number}", name=word, type=type_, mentions=[mention])


def test_an_event_takes_its_date_and_its_subject_as_agent():
    rows = dated_sentence(("Вчера", "ADV", "вчера", 2, "advmod"))
    doc = hand_doc(rows, entities=((1, 2, "ORG"),))
    dates = extract_dates(doc, published=PUBLISHED)
    (event,) = extract_events(doc, dates=dates, actors=[actor(1, doc, "суд", "organization")])
    assert (event.trigger.text, event.kind, event.agents, event.date.value) == (
        "арестовал", "arrest", ["A1"], "2025-11-23"
    )


@pytest.mark.parametrize(
    ("verb", "lemma", "kind"),
    [("схватили", "схватить", "detention"), ("помиловали", "помиловать", "pardon"), ("встретили", "встретить", None)],
)
def test_event_kinds_come_from_the_trigger_table(verb, lemma, kind):
    events = extract_events(hand_doc(count_sentence(verb, lemma)), dates=[], actors=[])
    assert [e.kind for e in events] == ([kind] if kind else [])


REUTERS = [
    ("Об", "ADP", "о", 2, "case"), ("этом", "PRON", "это", 3, "obl", "Case=Loc"),
    ("сообщило", "VERB", "сообщить", 0, "root", "Aspect=Perf|Gender=Neut|Number=Sing|Tense=Past|VerbForm=Fin"),
    ("агентство", "NOUN", "агентство", 3, "nsubj", "Animacy=Inan|Case=Nom|Gender=Neut|Number=Sing"),
    ("Reuters", "PROPN", "reuters", 4, "appos", "Case=Nom"),
    (".", "PUNCT", ".", 3, "punct"),
]
RELEASE = count_sentence("освободили", "освободить")
DECLINED = [
    ("Представитель", "NOUN", "представитель", 3, "nsubj", "Animacy=Anim|Case=Nom|Gender=Masc|Number=Sing"),
    ("МИД", "PROPN", "мид", 1, "nmod", "Case=Gen"),
    ("отказался", "VERB", "отказаться", 0, "root", MASC_PAST),
    ("от", "ADP", "от", 5, "case"), ("комментариев", "NOUN", "комментарий", 3, "obl", "Case=Gen|Number=Plur"),
    (".", "PUNCT", ".", 3, "punct"),
]


def test_a_reporting_verb_with_about_this_cites_the_sentence_before(morph):
    doc = hand_doc(RELEASE, REUTERS, entities=((9, 10, "ORG"),))
    (source,) = extract_sources(doc, actors=[actor(1, doc, "Reuters", "organization")], morph=morph)
    assert (source.name, source.kind, source.actor, source.cue, source.stance) == (
        "Reuters", "media", "A1", "сообщило", "stated"
    )
    assert [claim.text for claim in source.claims] == ["Власти освободили 18 заключенных"]


def test_a_non_answer_is_a_declined_source(morph):
    doc = hand_doc(DECLINED, entities=((1, 2, "ORG"),))
    (source,) = extract_sources(doc, actors=[actor(1, doc, "МИД", "organization")], morph=morph)
    assert (source.name, source.kind, source.cue, source.stance) == (
        "представитель МИД", "official", "отказался от комментариев", "declined"
    )


def test_no_cue_no_source(morph):
    assert extract_sources(hand_doc(RELEASE), actors=[], morph=morph) == []


def test_items_remember_the_rule_that_found_them_outside_the_record(morph):
    doc = hand_doc(dated_sentence(("Вчера", "ADV", "вчера", 2, "advmod")))
    (date,) = extract_dates(doc, published=PUBLISHED)
    (event,) = extract_events(doc, dates=[date], actors=[])
    rows = count_sentence("освободили", "освободить")
    (count,) = extract_counts(hand_doc(rows), events=[], morph=morph)
    assert (rule_of(date), rule_of(event), rule_of(count)) == (
        "day_word", "trigger table", "clause_trigger «освободили»"
    )
    assert "rule" not in count.model_dump_json()


LIST_IN_PRISON = [
    ("В", "ADP", "в", 2, "case"),
    ("тюрьмах", "NOUN", "тюрьма", 0, "root", "Animacy=Inan|Case=Loc|Gender=Fem|Number=Plur"),
    ("—", "PUNCT", "—", 4, "punct"),
    ("44", "NUM", "44", 2, "nsubj"),
    (".", "PUNCT", ".", 2, "punct"),
]


@pytest.mark.parametrize(
    ("rows", "status", "rule"),
    [
        (LIST_IN_PRISON, "held", "list held «44»"),
        (count_sentence("освободили", "освободить"), "released", "clause_trigger «освободили»"),
    ],
)
def test_a_count_names_the_rule_that_gave_its_status(rows, status, rule, morph):
    (count,) = extract_counts(hand_doc(rows), events=[], morph=morph)
    assert (count.status, rule_of(count)) == (status, rule)
