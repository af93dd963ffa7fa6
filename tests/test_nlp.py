from __future__ import annotations

import re
from pathlib import Path

import pytest

from claims.nlp import Sentence, Word, repair_tree, shortest_first

SOURCE = Path(__file__).resolve().parents[1] / "src" / "claims"


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


def words_of(text: str) -> list:
    from claims.nlp import Word

    position, words = 0, []
    for token in text.split(" "):
        words.append(Word(position, position + len(token), token))
        position += len(token) + 1
    return words


@pytest.mark.parametrize(
    ("text", "limit", "runs"),
    [
        ("a b c", 4, ["a b c"]),
        ("a b c d e f", 3, ["a b c", "d e f"]),
        ("a b , c d e f g", 4, ["a b ,", "c d e f", "g"]),
        ("a , b c d e f", 4, ["a , b c", "d e f"]),  # a comma in the first half is too early a cut
        ("a b c — d e f g h", 5, ["a b c —", "d e f g h"]),
    ],
)
def test_run_on_sentences_are_cut_after_punctuation_into_parser_sized_runs(text, limit, runs):
    from claims.nlp import parser_sized

    assert [" ".join(word.text for word in run) for run in parser_sized(words_of(text), limit)] == runs


def test_a_sentence_without_full_stops_is_segmented_into_bounded_pieces_with_exact_offsets():
    from claims.nlp import MAX_SENTENCE_WORDS, segment

    text = "Задержаны " + "100 заключенных " * 5_000 + "и ещё 7, и 8"
    sentences = segment(text)
    assert max(len(sentence.words) for sentence in sentences) <= MAX_SENTENCE_WORDS
    words = [word for sentence in sentences for word in sentence.words]
    assert all(text[word.start : word.stop] == word.text for word in words)
    assert " ".join(word.text for word in words) == " ".join(text.replace(",", " ,").split())
    assert all(text[s.start : s.stop] == text[s.words[0].start : s.words[-1].stop] for s in sentences)


@pytest.mark.slow
def test_a_long_run_on_sentence_is_analysed_piece_by_piece(analyse):
    text = "Освобождены " + "100 заключенных, " * 1_500
    doc = analyse(text)
    assert doc.text == text
    assert max(len(sentence) for sentence in doc.sents) <= 2 * 200  # words and the spaces between them


def test_taggers_get_sentences_shortest_first():
    sentences = [Sentence(0, 0, [Word(0, 0, "w")] * size) for size in (3, 1, 2)]
    assert [len(sentence.words) for sentence in shortest_first(sentences)] == [1, 2, 3]


@pytest.mark.parametrize(
    ("text", "tags", "entities"),
    [
        ("Иван Петров приехал", ["B-PER", "I-PER", "O"], [(0, 11, "PER")]),
        ("в Москве и Киеве", ["O", "B-LOC", "O", "B-LOC"], [(2, 8, "LOC"), (11, 16, "LOC")]),
        ("МИД России", ["B-ORG", "B-LOC"], [(0, 3, "ORG"), (4, 10, "LOC")]),
        ("суд Москвы", ["O", "I-LOC"], []),  # an I- tag with no B- before it opens nothing
        ("Банк России", ["B-ORG", "I-LOC"], [(0, 11, "ORG")]),  # an I- tag continues whatever is open
    ],
)
def test_bio_tags_become_entity_spans_over_the_words(text, tags, entities):
    from claims.nlp import bio_entities

    assert bio_entities(words_of(text), tags) == entities


@pytest.mark.slow
def test_the_three_taggers_share_one_vocabulary_and_so_one_encoding_of_the_words(models):
    from claims.nlp import ModelInputs, Sentence, Word

    taggers = (models.morph_tagger, models.syntax_parser, models.ner_tagger)
    assert len({id(tagger.infer.encoder.words_vocab) for tagger in taggers}) == 1
    inputs = ModelInputs([Sentence(0, 4, [Word(0, 4, "Суды")])])
    assert inputs.of(models.ner_tagger) is inputs.of(models.morph_tagger)


@pytest.mark.parametrize(
    ("word", "like_num"),
    [("трех", True), ("Двадцать", True), ("12,5", True), ("xiv", True), ("суд", False), ("трёхлетний", False)],
)
def test_russian_number_words_are_like_numbers(word, like_num):
    from claims.nlp import load_vocab

    assert load_vocab()[word].like_num is like_num


def lexical_attributes_read(source: str) -> set[str]:
    """spaCy's lexical attributes that `source` reads, by their attr names: the flags (`.is_digit`, `.like_url`)
    and the strings (`.shape_`, `.suffix_`; a bare `.shape` is more often numpy's or a path's)."""
    from spacy import attrs
    from spacy.lang.lex_attrs import LEX_ATTRS

    names = {attrs.NAMES[key] for key in LEX_ATTRS}
    readers = {name: name.lower() if name.startswith(("IS_", "LIKE_")) else f"{name.lower()}_" for name in names}
    return {name for name, reader in readers.items() if re.search(rf"\.{reader}\b", source)}


def test_the_vocab_computes_every_lexical_attribute_the_library_reads():
    from claims.nlp import READ_LEXICAL_ATTRIBUTES

    source = "\n".join(path.read_text(encoding="utf-8") for path in SOURCE.rglob("*.py"))
    assert lexical_attributes_read(source) <= set(READ_LEXICAL_ATTRIBUTES)


@pytest.mark.parametrize(
    ("source", "read"),
    [
        ("if token.is_digit:", {"IS_DIGIT"}),
        ("token.shape_ == 'Xx'", {"SHAPE"}),
        ("token.lower_", {"LOWER"}),
        ("Path(name).suffix.lower()", set()),
        ("weight.shape", set()),
    ],
)
def test_lexical_attributes_read(source, read):
    assert lexical_attributes_read(source) == read


@pytest.fixture(scope="module")
def natashas_morph_vocab():
    from natasha import MorphVocab

    return MorphVocab()


@pytest.mark.parametrize("word", ["стали", "суда", "Трампа", "мира", "вёл", "ООН", "под", "три", "Ростелекома", "xyz"])
def test_the_morph_vocab_parses_as_natashas_own(word, morph, natashas_morph_vocab):
    natashas = natashas_morph_vocab
    ours = morph.vocab.parse(word)
    theirs = natashas.parse(word)
    assert [(p.normal, p.pos, p.feats, str(p.tag), p.score) for p in ours] == [
        (p.normal, p.pos, p.feats, str(p.tag), p.score) for p in theirs
    ]
    assert morph.vocab.lemmatize(word, "NOUN", {"Case": "Gen"}) == natashas.lemmatize(word, "NOUN", {"Case": "Gen"})
