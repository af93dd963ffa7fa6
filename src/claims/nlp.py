"""Natasha analysis adapted into a spaCy Doc.

Models load lazily, once per process (`load_models`). `analyse(text)` is two halves:
`natasha_analysis` splits the text at line breaks, segments each line with razdel, runs Natasha's
morphology, syntax and NER batch by batch (the three read one encoding of the words and one lookup of
their vectors; `taggers.py` makes them cheaper without changing what they compute) and repairs each
sentence into a single tree, all as plain data (`Analysis`) that needs no spaCy; `to_doc` builds
from it a spaCy `Doc` whose text equals the input.
"""

from __future__ import annotations

import gc
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import caches, taggers

NER_LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
SURROGATE_RE = re.compile("[\ud800-\udfff]")
LINE_RE = re.compile(r"[^\n\r\u2028\u2029]+")
MAX_SENTENCE_WORDS = 200  # the parser's time and memory grow with the square of a sentence's length
BREAKS = frozenset(",;:—–)»")  # where a run-on sentence is best cut into parser-sized pieces


@dataclass(frozen=True)
class Models:
    morph_vocab: Any
    morph_tagger: Any
    syntax_parser: Any
    ner_tagger: Any


# The lexical attributes the extractors read. spaCy works out every attribute it has a getter for on each new
# word (a vocab is renewed every few dozen articles); shapes, prefixes, suffixes and the URL test alone cost a
# quarter of building a Doc. An attribute left out reads as False (or empty) on every token.
READ_LEXICAL_ATTRIBUTES = ("LOWER", "NORM", "IS_ALPHA", "IS_PUNCT", "IS_SPACE", "IS_TITLE", "IS_UPPER", "LIKE_NUM")


@lru_cache(maxsize=1)
def load_vocab():
    """spaCy's Russian lexical attributes (like_num for «трех») without building a whole blank pipeline."""
    from spacy.lang import ru
    from spacy.lang.lex_attrs import LEX_ATTRS
    from spacy.lang.ru.lex_attrs import LEX_ATTRS as RUSSIAN_LEX_ATTRS
    from spacy.vocab import Vocab

    number_words_as_set(ru.lex_attrs)
    return Vocab(lex_attr_getters=read_attribute_getters({**LEX_ATTRS, **RUSSIAN_LEX_ATTRS}))


def read_attribute_getters(getters: dict) -> dict:
    from spacy import attrs

    read = {attrs.IDS[name] for name in READ_LEXICAL_ATTRIBUTES}
    return {attribute: getter for attribute, getter in getters.items() if attribute in read}


def number_words_as_set(module: Any) -> None:
    """spaCy's Russian like_num looks each new word up in a list of 1,000 number words; a set answers the
    same at once (a fifth of the time a new word costs the vocab)."""
    words = getattr(module, "_num_words", None)
    if isinstance(words, list):
        module._num_words = frozenset(words)


def renewed_vocab(limit: int = caches.VOCAB_STRINGS):
    """The shared vocab, or a new one once it holds over `limit` strings. Every new word of every Doc
    stays in a spaCy vocab for good, so over a long batch it would grow without end; a Doc already
    made keeps the vocab it was made with."""
    if len(load_vocab().strings) > limit:
        load_vocab.cache_clear()
    return load_vocab()


@lru_cache(maxsize=1)
def load_morph_vocab():
    """Natasha's MorphVocab, pymorphy2 with its dictionary: one per process, for lemmas and number words alike."""
    return tag_grammar_once()()


def tag_grammar_once():
    """Natasha's MorphVocab whose parses read the UD part of speech and features of each pymorphy2 tag once: Natasha
    works them out anew for every analysis of every word parsed (about a third of a parse's cost). Same values; the
    features' dict is shared by the analyses of one tag, as nothing writes to it. An analysis put into other UD
    features (Natasha's normalizer asks for the nominative) is cached across articles: pymorphy2 builds the word's
    whole paradigm for each."""
    from natasha import MorphVocab  # natasha before pymorphy2 on Python 3.11
    from natasha.morph.vocab import MorphForm, PymorphyAnalyzer, PymorphyParse, ud_feats, ud_pos

    grammar: dict[str, tuple[str, dict]] = {}

    class TagReadOnceForm(MorphForm):
        def __new__(cls, *args):
            self = PymorphyParse.__new__(cls, *args)
            self.normal = self.normal_form
            tag = self.tag
            known = grammar.get(tag._str)
            if known is None:
                known = grammar[tag._str] = (ud_pos(tag), dict(ud_feats(tag)))
            self.pos, self.feats = known
            return self

        def inflect(self, grams):
            return inflected_form(self, frozenset(grams))

    @lru_cache(maxsize=caches.PHRASES)
    def inflected_form(form: TagReadOnceForm, grams: frozenset[str]):
        return MorphForm.inflect(form, grams)

    class TagReadOnceVocab(MorphVocab):
        def __init__(self) -> None:
            PymorphyAnalyzer.__init__(self, result_type=TagReadOnceForm)

    return TagReadOnceVocab


@lru_cache(maxsize=1)
def load_natasha_models() -> Models:
    """Natasha's models alone: all that `natasha_analysis` needs, without importing spaCy."""
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser

    with taggers.one_copy_of_each_vocabulary():
        embedding = NewsEmbedding()
        models = Models(
            morph_vocab=load_morph_vocab(),
            morph_tagger=NewsMorphTagger(embedding),
            syntax_parser=NewsSyntaxParser(embedding),
            ner_tagger=NewsNERTagger(embedding),
        )
    taggers.speed_up([models.morph_tagger, models.syntax_parser, models.ner_tagger])
    return models


@lru_cache(maxsize=1)
def load_models() -> Models:
    """Natasha's models and spaCy's vocab, loaded once per process and then kept out of the collector's way."""
    models = load_natasha_models()
    load_vocab()
    gc.collect()
    gc.freeze()
    return models


@dataclass
class Word:
    start: int
    stop: int
    text: str
    pos: str = "X"
    morph: str = ""  # UD features, sorted: «Case=Nom|Gender=Masc|Number=Sing»
    head: int = 0
    rel: str = "dep"
    lemma: str = ""


@dataclass
class Sentence:
    start: int
    stop: int
    words: list[Word]


def segment(text: str) -> list[Sentence]:
    import razdel

    sentences = []
    for line in LINE_RE.finditer(text):
        for sent in razdel.sentenize(line.group()):
            start = line.start() + sent.start
            words = [
                Word(start + tok.start, start + tok.stop, tok.text)
                for tok in razdel.tokenize(sent.text)
            ]
            if len(words) > MAX_SENTENCE_WORDS:
                sentences.extend(Sentence(run[0].start, run[-1].stop, run) for run in parser_sized(words))
            elif words:
                sentences.append(Sentence(start, start + len(sent.text), words))
    return sentences


def parser_sized(words: list[Word], limit: int = MAX_SENTENCE_WORDS) -> list[list[Word]]:
    """A run-on sentence as runs of at most `limit` words, each cut after the last comma, dash or the like
    in its second half (else at `limit`)."""
    runs, start = [], 0
    while len(words) - start > limit:
        cut = next(
            (i + 1 for i in range(start + limit - 1, start + limit // 2 - 1, -1) if words[i].text in BREAKS),
            start + limit,
        )
        runs.append(words[start:cut])
        start = cut
    runs.append(words[start:])
    return runs


def shortest_first(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences shortest first, so that each of the models' batches (8 sentences, padded to the
    longest) pads little."""
    return sorted(sentences, key=lambda sentence: len(sentence.words))


class ModelInputs:
    """Word and shape ids of the sentences in the models' batches, made once for every tagger whose
    vocabularies are the same objects (`taggers.one_copy_of_each_vocabulary`)."""

    def __init__(self, sentences: list[Sentence]):
        self.words = [[word.text for word in sentence.words] for sentence in sentences]
        self.made: dict[tuple[int, int], list] = {}

    def of(self, tagger: Any) -> list:
        encoder = tagger.infer.encoder
        key = (id(encoder.words_vocab), id(encoder.shapes_vocab))
        if key not in self.made:
            self.made[key] = list(encoder(self.words))
        return self.made[key]


def tag_sentences(sentences: list[Sentence], inputs: ModelInputs, models: Models) -> list[tuple[int, int, str]]:
    """Morphology, a repaired dependency tree and the entities of each sentence. The three taggers read
    their results sentence by sentence side by side, so each tags a batch in turn with the others
    (`taggers.SharedWords` then looks the batch's words up once) and nothing is kept of a finished batch."""
    morph, syntax, ner = models.morph_tagger.infer, models.syntax_parser.infer, models.ner_tagger.infer
    rel_names = syntax.decoder.rels_vocab.items
    results = zip(
        sentences,
        morph.decoder(morph.process(inputs.of(models.morph_tagger))),
        syntax.process(inputs.of(models.syntax_parser)),
        ner.decoder(ner.process(inputs.of(models.ner_tagger))),
    )
    entities = []
    for sentence, tags, (head_ids, rel_ids), bio in results:
        for word, tag in zip(sentence.words, tags):
            word.pos, word.morph = pos_and_morph(tag)
        set_tree(sentence, head_ids.tolist(), [rel_names[rel] for rel in rel_ids.tolist()])
        entities.extend(bio_entities(sentence.words, bio))
    return sorted(entities)


@lru_cache(maxsize=4096)
def pos_and_morph(tag: str) -> tuple[str, str]:
    """«NOUN|Case=Nom|Animacy=Inan» as the part of speech and its features sorted, both interned."""
    pos, _, feats = tag.partition("|")
    return sys.intern(pos), sys.intern(format_morph(parse_morph(feats)))


def set_tree(sentence: Sentence, heads: list[int], rels: list[str]) -> None:
    heads, rels = repair_tree(heads, rels, [w.pos for w in sentence.words])
    for word, head, rel in zip(sentence.words, heads, rels):
        word.head, word.rel = head, rel


def choose_root(heads: list[int], rels: list[str], poses: list[str]) -> int:
    claimants = [i for i, h in enumerate(heads, 1) if h in (0, i)]
    for pick in (
        lambda i: heads[i - 1] == 0 and rels[i - 1] == "root",
        lambda i: poses[i - 1] in ("VERB", "AUX"),
        lambda i: True,
    ):
        chosen = [i for i in claimants if pick(i)]
        if chosen:
            return chosen[0]
    return 1


def repair_tree(heads: list[int], rels: list[str], poses: list[str]) -> tuple[list[int], list[str]]:
    """Make one tree of a sentence: one root, no self-loops, no cycles (1-based heads)."""
    heads, rels = list(heads), list(rels)
    root = choose_root(heads, rels, poses)
    for i in range(1, len(heads) + 1):
        if i == root:
            heads[i - 1], rels[i - 1] = 0, "root"
        elif heads[i - 1] in (0, i) or not 0 < heads[i - 1] <= len(heads):
            heads[i - 1], rels[i - 1] = root, "dep" if rels[i - 1] == "root" else rels[i - 1]
    for i in range(1, len(heads) + 1):
        seen, node = set(), i
        while node != 0 and node not in seen:
            seen.add(node)
            node = heads[node - 1]
        if node != 0:
            heads[node - 1] = root
    return heads, rels


def lemmatize(sentences: list[Sentence], models: Models) -> None:
    for sentence in sentences:
        for word in sentence.words:
            word.lemma = lemma_of(models.morph_vocab, word.text, word.pos, word.morph)


@lru_cache(maxsize=caches.TAGGED_WORDS)
def lemma_of(morph_vocab: Any, text: str, pos: str, morph: str) -> str:
    """The lemma of a tagged word; cached with the features as one interned string, a small key."""
    if pos in ("PUNCT", "NUM", "SYM", "X") or not any(c.isalpha() for c in text):
        return text.lower()
    try:
        return morph_vocab.lemmatize(text, pos, parse_morph(morph))
    except ValueError:  # pymorphy2 asks unicodedata for names that some letters lack
        return text.lower()


def bio_entities(words: list[Word], tags: list[str]) -> list[tuple[int, int, str]]:
    """«B-PER I-PER O B-LOC» over the words as (start, stop, label) spans; an I- tag with no B- before
    it opens nothing."""
    spans: list[tuple[int, int, str]] = []
    open_span = None
    for word, tag in zip(words, tags):
        part, _, kind = tag.partition("-")
        if open_span and part != "I":
            spans.append(open_span)
            open_span = None
        if part == "B":
            open_span = (word.start, word.stop, NER_LABELS.get(kind, kind))
        elif part == "I" and open_span:
            open_span = (open_span[0], word.stop, open_span[2])
    if open_span:
        spans.append(open_span)
    return spans


@dataclass
class Analysis:
    """Natasha's analysis of a text as plain data, all that the spaCy Doc is built from: it pickles."""

    text: str
    sentences: list[Sentence]
    entities: list[tuple[int, int, str]]


def natasha_analysis(text: str, models: Models) -> Analysis:
    """Segmentation, morphology, lemmas, a repaired dependency tree per sentence, and entities."""
    text = SURROGATE_RE.sub("\ufffd", text)
    sentences = segment(text)
    if not sentences:
        return Analysis(text, sentences, [])
    ordered = shortest_first(sentences)
    entities = tag_sentences(ordered, ModelInputs(ordered), models)
    lemmatize(sentences, models)
    return Analysis(text, sentences, entities)


def analyse(text: str, models: Models | None = None):
    """Analyse `text` and return a spaCy Doc with tags, lemmas, a dependency tree and entities."""
    return to_doc(natasha_analysis(text, models or load_models()))


def text_doc_class():
    """A spaCy Doc that keeps its text: Doc.text rebuilds the whole string on every access."""
    from spacy.tokens import Doc

    class TextDoc(Doc):
        @property
        def text(self) -> str:
            try:
                return self._claims_text
            except AttributeError:
                self._claims_text = Doc.text.__get__(self)
                return self._claims_text

    return TextDoc


@lru_cache(maxsize=1)
def cached_text_doc_class():
    return text_doc_class()


def to_doc(analysis: Analysis):
    """The spaCy Doc of an analysis; its text is the analysed text, whitespace included."""
    from spacy.util import filter_spans

    Doc = cached_text_doc_class()
    text, vocab = analysis.text, renewed_vocab()
    columns = DocColumns()
    for sentence in analysis.sentences:
        columns.add_sentence(text, sentence)
    columns.add_gap(text, len(text), attach_to=columns.last_root)
    doc = Doc(
        vocab,
        words=columns.words,
        spaces=columns.spaces,
        pos=columns.pos,
        morphs=columns.morphs,
        lemmas=columns.lemmas,
        heads=columns.heads,
        deps=columns.deps,
    ) if columns.words else Doc(vocab, words=[])
    spans = [doc.char_span(s, e, label=label, alignment_mode="expand") for s, e, label in analysis.entities]
    doc.ents = filter_spans([span for span in spans if span is not None and len(span)])
    return doc


class DocColumns:
    """Token columns for spaCy's Doc constructor; whitespace gaps become SPACE tokens."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.spaces: list[bool] = []
        self.pos: list[str] = []
        self.morphs: list[str] = []
        self.lemmas: list[str] = []
        self.heads: list[int] = []
        self.deps: list[str] = []
        self.cursor = 0
        self.last_root: int | None = None

    def append(self, word: str, pos: str, morph: str, lemma: str, head: int | None, dep: str) -> int:
        index = len(self.words)
        self.words.append(word)
        self.spaces.append(False)
        self.pos.append(pos)
        self.morphs.append(morph)
        self.lemmas.append(lemma)
        self.heads.append(index if head is None else head)
        self.deps.append(dep)
        return index

    def add_gap(self, text: str, until: int, attach_to: int | None) -> None:
        gap = text[self.cursor : until]
        if gap == " " and self.words and not self.spaces[-1]:
            self.spaces[-1] = True
        elif gap:
            self.append(gap, "SPACE", "", gap, attach_to, "dep")
        self.cursor = until

    def add_sentence(self, text: str, sentence: Sentence) -> None:
        offset = len(self.words)
        root = None
        for number, word in enumerate(sentence.words):
            self.add_gap(text, word.start, attach_to=self.last_root if number == 0 else None)
            index = len(self.words)
            if word.head == 0:
                root = index
            self.append(word.text, word.pos, word.morph, word.lemma, None, word.rel)
            self.cursor = word.stop
        self.resolve_heads(sentence, offset, root)

    def resolve_heads(self, sentence: Sentence, offset: int, root: int | None) -> None:
        indices = [i for i in range(offset, len(self.words)) if self.pos[i] != "SPACE"]
        for index, word in zip(indices, sentence.words):
            self.heads[index] = index if word.head == 0 else indices[word.head - 1]
            self.deps[index] = "ROOT" if word.head == 0 else word.rel
        for index in range(offset, len(self.words)):
            if self.pos[index] == "SPACE" and self.heads[index] == index:
                self.heads[index] = root
        self.last_root = root


def format_morph(feats: dict | None) -> str:
    return "|".join(f"{key}={value}" for key, value in sorted((feats or {}).items()))


def parse_morph(morph: str) -> dict[str, str]:
    return dict(pair.split("=", 1) for pair in morph.split("|")) if morph else {}
