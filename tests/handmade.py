"""spaCy Docs built by hand, for rule tests that need no model: each sentence a list of rows
(text, pos, lemma, head, dep, morph), heads 1-based within the sentence and 0 for the root, as in CoNLL-U.

The rows go through the same adapter as Natasha's analysis (`nlp.to_doc`), so the Doc has the shape the
extractors see in production: ROOT labels, whitespace, entities as spans.
"""

from __future__ import annotations

from claims.nlp import Analysis, Sentence, Word, to_doc

NO_SPACE_BEFORE = set(".,:;!?)»")
NO_SPACE_AFTER = set("(«")

Row = tuple  # (text, pos, lemma, head, dep) or (text, pos, lemma, head, dep, morph)


def hand_doc(*sentences: list[Row], entities: tuple[tuple[int, int, str], ...] = ()):
    """A Doc of `sentences`; `entities` are (first word, end word, label) over all the words in order."""
    text, built, spans = "", [], []
    for rows in sentences:
        if text:
            text += " "
        start, words = len(text), []
        for number, row in enumerate(rows):
            form, pos, lemma, head, dep, *morph = row
            if number and form[0] not in NO_SPACE_BEFORE and text[-1] not in NO_SPACE_AFTER:
                text += " "
            words.append(Word(len(text), len(text) + len(form), form, pos, morph[0] if morph else "", head, dep, lemma))
            text += form
        built.append(Sentence(start, len(text), words))
        spans.extend(words)
    entities = [(spans[first].start, spans[last - 1].stop, label) for first, last, label in entities]
    return to_doc(Analysis(text, built, entities))
