from __future__ import annotations

import pytest

from claims.nlp import repair_tree


@pytest.mark.parametrize(
    ("heads", "rels", "poses", "expected"),
    [
        ([2, 0, 2], ["nsubj", "root", "obj"], ["NOUN", "VERB", "NOUN"], [2, 0, 2]),
        ([0, 0, 2], ["root", "root", "obj"], ["NOUN", "VERB", "NOUN"], [0, 1, 2]),
        ([1, 0, 2], ["nsubj", "root", "obj"], ["NOUN", "VERB", "NOUN"], [2, 0, 2]),
        ([2, 1, 2], ["nsubj", "obj", "obj"], ["NOUN", "VERB", "NOUN"], [0, 1, 2]),
        ([2, 3, 2, 0], ["a", "b", "c", "root"], ["NOUN", "NOUN", "NOUN", "VERB"], [2, 4, 2, 0]),
    ],
    ids=["tree", "two roots", "self loop", "no root", "cycle"],
)
def test_repair_tree_makes_one_rooted_tree(heads, rels, poses, expected):
    repaired, _ = repair_tree(heads, rels, poses)
    assert repaired == expected
    assert repaired.count(0) == 1
    for start in range(1, len(repaired) + 1):
        seen, node = set(), start
        while node:
            assert node not in seen
            seen.add(node)
            node = repaired[node - 1]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n ",
        "Заголовок без точки\nПервое предложение. Второе  предложение.\n\n",
        "\tСуд\r\nприговорил двоих.",
        "Лукашенко помиловал 31 украинца",
    ],
)
def test_doc_text_is_input_and_sentences_are_trees(analyse, text):
    doc = analyse(text)
    assert doc.text == text
    for sent in doc.sents:
        assert sum(1 for t in sent if t.head.i == t.i) == 1


@pytest.mark.slow
def test_headline_is_its_own_sentence(analyse):
    doc = analyse("Суд вынес приговор\nВ Минске суд приговорил троих активистов.")
    assert [s.text.strip() for s in doc.sents if not s.text.isspace()][:2] == [
        "Суд вынес приговор",
        "В Минске суд приговорил троих активистов.",
    ]


@pytest.mark.slow
def test_entities_and_morphology_come_through(analyse):
    doc = analyse("Госдепартамент США пригласил Джона Коула в Вашингтон.")
    assert ("Джона Коула", "PER") in [(e.text, e.label_) for e in doc.ents]
    coula = next(t for t in doc if t.text == "Коула")
    assert coula.morph.get("Case") == ["Acc"] or coula.morph.get("Case") == ["Gen"]
    assert coula.lemma_ == "коул"


@pytest.mark.slow
def test_the_vocab_is_renewed_once_it_outgrows_its_limit(analyse):
    from claims.nlp import load_vocab, renewed_vocab

    first = analyse("Суд приговорил троих активистов.")
    assert renewed_vocab(limit=10**9) is first.vocab
    fresh = renewed_vocab(limit=len(first.vocab.strings) - 1)
    assert fresh is not first.vocab and fresh is load_vocab()
    assert len(fresh.strings) < len(first.vocab.strings)
    assert first[1].lemma_ == "приговорить"
    assert analyse("Суд приговорил троих активистов.")[1].lemma_ == "приговорить"
