"""Which candidates the actors keep: the learned judge's choice, and the clear cases it may not overrule. Docs built
by hand, judged by a model that keeps nothing, so that only the clear cases are left."""

from __future__ import annotations

import pytest

from claims.extractors.actors import Mention, candidate_mentions, judged_mentions
from claims.extractors.mention_model import MentionModel

from .handmade import hand_doc

KEEPS_NOTHING = MentionModel({}, 0.0, 99.0)
KEEPS_ALL = MentionModel({}, 0.0, -99.0)
INAN_NOM = "Animacy=Inan|Case=Nom|Gender=Masc|Number=Sing"
INAN_GEN = "Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing"
PAST = "Aspect=Perf|Gender=Masc|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin|Voice=Act"


def quoted(noun: str, lemma: str, name: str, dep: str = "nsubj"):
    """«<noun> «<name>» сообщил.»: the noun, the name in quotes after it, a verb."""
    return [
        (noun, "NOUN", lemma, 5, dep, INAN_NOM),
        ("«", "PUNCT", "«", 3, "punct"),
        (name, "PROPN", name.lower(), 1, "appos", INAN_GEN),
        ("»", "PUNCT", "»", 3, "punct"),
        ("сообщил", "VERB", "сообщить", 0, "root", PAST),
    ]


def org(start, end, rule="named entity", kind="name"):
    return Mention(start, end, "organization", "x", {"x"}, kind, rule)


@pytest.mark.parametrize(
    ("noun", "lemma", "candidate", "kept"),
    [
        # an outlet or company in quotes after its class noun
        ("Телеканал", "телеканал", org(2, 3), True),
        ("Газета", "газета", org(2, 3), True),
        ("Компания", "компания", org(2, 3), True),
        # not after another noun: a cinema, a product, a ship are no actors for sure
        ("Кинотеатр", "кинотеатр", org(2, 3), False),
        ("Корабль", "корабль", org(2, 3), False),
        # the board of a company named in quotes
        ("Правление", "правление", org(0, 4, "descriptor", "descriptor"), True),
        ("Президиум", "президиум", org(0, 4, "descriptor", "descriptor"), True),
        # a unit that is no board, or a mention the rules found otherwise, is the judge's to keep
        ("Склад", "склад", org(0, 4, "descriptor", "descriptor"), False),
        ("Телеканал", "телеканал", org(2, 3, "latin words"), False),
    ],
)
def test_clear_cases_are_kept_whatever_the_judge_says(noun, lemma, candidate, kept, morph):
    doc = hand_doc(quoted(noun, lemma, "Заря"), entities=((2, 3, "ORG"),))
    assert (judged_mentions(doc, [candidate], morph, KEEPS_NOTHING) == [candidate]) is kept


def test_a_clear_case_keeps_its_type_against_the_judges_other_type(morph):
    doc = hand_doc(quoted("Телеканал", "телеканал", "Заря"), entities=((2, 3, "ORG"),))
    outlet = org(2, 3)
    as_place = Mention(2, 3, "location", "x", {"x"}, "name", "retyped named entity")
    assert judged_mentions(doc, [outlet, as_place], morph, KEEPS_ALL) == [outlet]


def test_a_side_of_a_named_place_is_a_candidate_place(morph):
    rows = [
        ("Митинг", "NOUN", "митинг", 2, "nsubj", INAN_NOM),
        ("прошёл", "VERB", "пройти", 0, "root", PAST),
        ("в", "ADP", "в", 4, "case"),
        ("центре", "NOUN", "центр", 2, "obl", "Animacy=Inan|Case=Loc|Gender=Masc|Number=Sing"),
        ("Перми", "PROPN", "пермь", 4, "nmod", INAN_GEN),
        (".", "PUNCT", ".", 2, "punct"),
    ]
    doc = hand_doc(rows, entities=((4, 5, "LOC"),))
    found = {(m.start, m.end, m.type, m.rule) for m in candidate_mentions(doc, morph)}
    assert (3, 5, "location", "side of a place") in found
