"""The learned judge of actor mentions (`extractors/mention_model.py`) and its training (`claims.training`), on Docs
built by hand and on hand-made labelled sets: no Natasha model, no NEREL."""

from __future__ import annotations

import json

import pytest
from spacy.tokens import Doc

from claims import training
from claims.extractors.actors import (
    Mention,
    candidate_mentions,
    capitalized_tokens,
    latin_words,
    organization_variants,
    person_without_first_word,
    retyped_alternatives,
)
from claims.extractors.mention_model import (
    MentionModel,
    candidate_features,
    head_grammar,
    kept_mentions,
    shipped_model,
    span_head,
)
from claims.nlp import load_vocab

from .handmade import hand_doc

NOUN_NOM = "Animacy=Inan|Case=Nom|Gender=Neut|Number=Sing"
PROPN_GEN = "Animacy=Inan|Case=Gen|Gender=Fem|Number=Sing"
PERSON_NOM = "Animacy=Anim|Case=Nom|Gender=Masc|Number=Sing"
PAST = "Aspect=Perf|Gender=Neut|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin|Voice=Act"


def embassy_doc():
    """«Посольство Кении ответило.», NER marking «Кении» as a place."""
    rows = [
        ("Посольство", "NOUN", "посольство", 3, "nsubj", NOUN_NOM),
        ("Кении", "PROPN", "кения", 1, "nmod", PROPN_GEN),
        ("ответило", "VERB", "ответить", 0, "root", PAST),
        (".", "PUNCT", ".", 3, "punct"),
    ]
    return hand_doc(rows, entities=((1, 2, "LOC"),))


def mention(start, end, kind, rule="named entity", name="x", keys=None, mention_kind="name"):
    return Mention(start, end, kind, name, keys or {name}, mention_kind, rule)


def test_features_of_a_hand_built_candidate(morph):
    doc = embassy_doc()
    mentions = [mention(1, 2, "location", name="Кения"), mention(0, 2, "organization", "descriptor", "посольство")]
    features = candidate_features(doc, mentions, morph)
    place = features[(1, 2, "location")]
    assert {"t=loc", "t=loc|rule=named entity|k=name", "t=loc|ner=LOC", "t=loc|inside=org", "t=loc|prev=NOUN"} <= set(
        place
    )
    embassy = features[(0, 2, "organization")]
    assert {"t=org|hl=посольство", "t=org|holds=loc", "t=org|holds_ner=LOC", "t=org|n=2"} <= set(embassy)


def test_the_judge_keeps_what_scores_above_its_threshold_and_one_type_a_span(morph):
    doc = embassy_doc()
    place, as_person = mention(1, 2, "location"), mention(1, 2, "person", "retyped named entity")
    embassy = mention(0, 2, "organization", "descriptor")
    model = MentionModel({"t=loc": 1.0, "t=per": 0.5, "t=org": -2.0}, 0.0, 0.2)
    assert kept_mentions(doc, [place, as_person, embassy], morph, model) == [place]


def test_the_shipped_model_loads_and_scores(morph):
    model = shipped_model()
    assert model is not None and len(model.weights) > 1000
    doc = embassy_doc()
    features = candidate_features(doc, [mention(1, 2, "location", name="Кения")], morph)[(1, 2, "location")]
    assert isinstance(model.score(features), float)


TINY = [
    training.Article("a", [["t=loc", "gram=Geox"], ["t=per", "gram=Geox"]], [1, 0], 1, [(0, 5), (0, 5)]),
    training.Article("b", [["t=per", "gram=Name"], ["t=loc", "gram=Name"]], [1, 0], 2, [(0, 4), (0, 4)]),
    training.Article("c", [["t=loc", "gram=Geox"], ["t=org", "gram=Orgn"]], [1, 1], 2, [(3, 9), (10, 12)]),
    training.Article("d", [["t=per", "gram=Name"], ["t=org", "gram=Name"]], [1, 0], 1, [(0, 4), (6, 9)]),
]


def test_training_on_a_tiny_set_is_deterministic():
    rows = [["t=loc", "gram=Geox"]] * 3 + [["t=loc", "gram=Name"]] * 3 + [["t=per", "gram=Name"]] * 3
    labels = [1, 1, 1, 0, 0, 0, 1, 1, 0]
    first, again = (training.fit_logistic(rows, labels, 1.0, 50) for _ in range(2))
    assert json.dumps(first.to_dict()) == json.dumps(again.to_dict())
    assert first.weights["gram=Geox"] > 0 > first.weights["gram=Name"]


def test_choice_by_cross_validation_is_deterministic():
    rows = TINY * 3
    articles = [training.Article(f"{a.name}{n}", a.features, a.labels, a.gold, a.spans) for n, a in enumerate(rows)]
    assert training.choose(articles, penalties=(1.0, 3.0)) == training.choose(articles, penalties=(1.0, 3.0))


@pytest.mark.parametrize(
    ("scored", "gold", "threshold", "f1"),
    [
        ([(1.0, 1, "a"), (0.5, 0, "b"), (-1.0, 1, "c")], 2, 0.0, 0.5),  # one of two kept right, one gold missed
        ([(1.0, 1, "a"), (0.5, 0, "b"), (-1.0, 1, "c")], 4, 0.6, 0.4),  # gold no candidate reached is a miss
        ([(-1.0, 1, "a")], 1, 0.0, 0.0),
    ],
)
def test_corpus_f1_counts_gold_no_candidate_reached(scored, gold, threshold, f1):
    assert training.corpus_f1(scored, gold, threshold) == pytest.approx(f1)


# ---------------------------------------------------------------- candidate generators, on sentences written here


def test_each_ner_name_is_also_a_candidate_of_the_other_types():
    found = retyped_alternatives([mention(1, 2, "location"), mention(0, 2, "organization", "descriptor")])
    assert {(m.start, m.end, m.type, m.rule) for m in found} == {
        (1, 2, "person", "retyped named entity"),
        (1, 2, "organization", "retyped named entity"),
    }


def test_a_person_span_opening_with_a_common_word_has_a_variant_without_it():
    rows = [
        ("Восьмидесятилетний", "ADJ", "восьмидесятилетний", 2, "amod", "Case=Nom|Gender=Masc|Number=Sing"),
        ("Маккейн", "PROPN", "маккейн", 3, "nsubj", PERSON_NOM),
        ("ответил", "VERB", "ответить", 0, "root", PAST),
    ]
    doc = hand_doc(rows, entities=((0, 2, "PER"),))
    (found,) = person_without_first_word(doc, [mention(0, 2, "person")])
    assert (found.start, found.end, doc[found.start : found.end].text) == (1, 2, "Маккейн")


@pytest.mark.parametrize(
    ("rows", "entities", "given", "expected"),
    [
        (  # «МВД по Чувашии»: an organization with the place it serves
            [("МВД", "PROPN", "мвд", 0, "root", "Case=Nom"), ("по", "ADP", "по", 3, "case"),
             ("Чувашии", "PROPN", "чувашия", 1, "nmod", "Case=Dat")],
            ((0, 1, "ORG"), (2, 3, "LOC")),
            [(0, 1, "organization"), (2, 3, "location")],
            {(0, 3, "organization with the next name")},
        ),
        (  # «спецслужбы Норвегии»: a genitive place after the organization
            [("спецслужбы", "NOUN", "спецслужба", 0, "root", "Case=Nom|Number=Plur"),
             ("Норвегии", "PROPN", "норвегия", 1, "nmod", PROPN_GEN)],
            ((1, 2, "LOC"),),
            [(0, 1, "organization"), (1, 2, "location")],
            {(0, 2, "organization with the next name")},
        ),
        (  # «министерство финансов Чили» without its last name
            [("министерство", "NOUN", "министерство", 0, "root", NOUN_NOM),
             ("финансов", "NOUN", "финансы", 1, "nmod", "Case=Gen|Number=Plur"),
             ("Чили", "PROPN", "чили", 1, "nmod", "Case=Gen")],
            ((2, 3, "LOC"),),
            [(0, 3, "organization"), (2, 3, "location")],
            {(0, 2, "organization without its last name")},
        ),
    ],
)
def test_organization_variants(rows, entities, given, expected, morph):
    doc = hand_doc(rows, entities=entities)
    found = organization_variants(doc, [mention(s, e, k, name=f"{s}{e}") for s, e, k in given], morph)
    assert {(m.start, m.end, m.rule) for m in found} == expected


def test_a_place_after_a_venue_noun_is_a_candidate_the_judge_sees(morph):
    rows = [
        ("В", "ADP", "в", 2, "case"),
        ("аэропорту", "NOUN", "аэропорт", 4, "obl", "Animacy=Inan|Case=Loc|Gender=Masc|Number=Sing"),
        ("Лимы", "PROPN", "лима", 2, "nmod", PROPN_GEN),
        ("приземлился", "VERB", "приземлиться", 0, "root", PAST),
    ]
    doc = hand_doc(rows, entities=((2, 3, "LOC"),))
    rules = {(m.start, m.type, m.rule) for m in candidate_mentions(doc, morph)}
    assert (2, "location", "named entity by a venue") in rules


# ---------------------------------------------------------------- what the features read, the quick way


@pytest.mark.parametrize(
    "features",
    ["", NOUN_NOM, PAST, "Case=Acc,Nom|Number=Sing", "Animacy=Anim,Inan|Case=Gen", "Number=Plur"],
)
def test_the_head_grammar_is_what_spacy_morph_get_reads(features):
    token = Doc(load_vocab(), words=["слово"], morphs=[features])[0]
    expected = tuple("/".join(token.morph.get(name)) for name in ("Case", "Number", "Animacy"))
    assert head_grammar(str(token.morph)) == expected


@pytest.mark.parametrize(
    ("start", "end", "head"),
    [
        (0, 2, 0),  # «Посольство Кении»: its noun, the genitive hangs on it
        (1, 2, 1),
        (0, 3, 2),  # the whole sentence: its root
        (1, 3, 2),  # «Кении ответило»: both heads lie outside or on itself, the last wins
    ],
)
def test_a_span_head_is_its_last_token_whose_head_lies_outside(start, end, head):
    assert span_head(embassy_doc(), start, end) == head


@pytest.mark.parametrize(
    ("words", "capitalized"),
    [
        (["Посольство", "Кении", "ответило", "."], [0, 1]),
        (["в", "«", "The", "Beatles", "»", "\n", "iPhone", "Ёлка", "МВД", "42"], [2, 3, 7, 8]),
        ([], []),
    ],
)
def test_capitalized_tokens(words, capitalized):
    assert capitalized_tokens(Doc(load_vocab(), words=words)) == capitalized


@pytest.mark.parametrize(
    ("words", "taken", "runs"),
    [
        (["группа", "The", "Rolling", "Stones", "выступила"], set(), [(1, 4)]),
        (["в", "Melbourne", "and", "Sydney", "and"], set(), [(1, 4)]),  # a link inside stays, at the end goes
        (["в", "Melbourne", "и", "Sydney"], set(), [(1, 2), (3, 4)]),
        (["в", "Melbourne", "Park"], {2}, [(1, 2)]),  # a token another rule took ends the run
        (["The", "and"], set(), []),  # only links once the first word is left alone
        (["A", "B", "C", "D", "E", "F", "G"], set(), [(0, 6), (6, 7)]),  # six words at most
    ],
)
def test_latin_words_are_runs_of_capitalized_latin_words(words, taken, runs):
    doc = Doc(load_vocab(), words=words)
    found = latin_words(doc, capitalized_tokens(doc), taken)
    assert sorted({(m.start, m.end) for m in found}) == runs
    assert len(found) == 3 * len(runs)
