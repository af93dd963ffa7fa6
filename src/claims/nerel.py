"""NEREL (brat standoff) entities as gold actor mentions.

A document is `<name>.txt` with `<name>.ann` beside it. Every text-bound annotation (`T` line:
`id<TAB>TYPE start end<TAB>text`) of a person, organization or place type is a gold mention, nested ones
included: PERSON → PER, ORGANIZATION → ORG, COUNTRY, CITY, STATE_OR_PROVINCE, DISTRICT, LOCATION → LOC.
Discontinuous entities (`start end;start end`) are skipped. An entity whose words are all adjectives
under pymorphy2 («российский», «иранскую») is neutral: neither a miss nor, when predicted, a false hit.
The reader checks that the offsets give the annotated text and raises GoldError when they do not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .entity_eval import ActorsReport, EntitySpan, GoldEntities, PredictFn, score_corpus
from .evaluate import GoldError

ENTITY_TYPES = {
    "PERSON": "PER",
    "ORGANIZATION": "ORG",
    "COUNTRY": "LOC",
    "CITY": "LOC",
    "STATE_OR_PROVINCE": "LOC",
    "DISTRICT": "LOC",
    "LOCATION": "LOC",
}
ADJECTIVE_POS = {"ADJF", "ADJS"}
MENTION_KINDS = ("name", "descriptor")
WORD_RE = re.compile(r"[^\W\d_]+")

PosFn = Callable[[str], str | None]


@dataclass(frozen=True)
class BratEntity:
    id: str
    type: str
    start: int
    end: int
    text: str


@dataclass
class NerelDocument:
    name: str
    text: str
    entities: list[BratEntity]


def document_names(folder: Path) -> list[str]:
    """Names of the documents that have both a text and an annotation file."""
    return sorted(path.stem for path in Path(folder).glob("*.ann") if path.with_suffix(".txt").is_file())


def read_folder(folder: Path) -> list[NerelDocument]:
    names = document_names(Path(folder))
    if not names:
        raise GoldError(str(folder), "no NEREL documents (.txt with .ann)")
    return [read_document(Path(folder), name) for name in names]


def read_document(folder: Path, name: str) -> NerelDocument:
    base = Path(folder) / name
    text = base.with_suffix(".txt").read_text(encoding="utf-8")
    ann = base.with_suffix(".ann")
    entities = [
        entity
        for number, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), 1)
        if (entity := parse_line(f"{ann.name}:{number}", line, text)) is not None
    ]
    return NerelDocument(name, text, entities)


def parse_line(where: str, line: str, text: str) -> BratEntity | None:
    """A continuous text-bound entity, or None for other lines (relations, events, notes, fragments)."""
    if not line.startswith("T"):
        return None
    try:
        entity_id, body, surface = line.split("\t", 2)
        entity_type, offsets = body.split(" ", 1)
        if ";" in offsets:
            return None
        start, end = map(int, offsets.split())
    except ValueError:
        raise GoldError(where, f"malformed entity line {line!r}") from None
    if text[start:end] != surface:
        raise GoldError(where, f"offsets {start}:{end} give {text[start:end]!r}, expected {surface!r}")
    return BratEntity(entity_id, entity_type, start, end, surface)


def is_adjectival(surface: str, pos: PosFn) -> bool:
    words = WORD_RE.findall(surface)
    return bool(words) and all(pos(word) in ADJECTIVE_POS for word in words)


def gold_entities(document: NerelDocument, pos: PosFn) -> GoldEntities:
    typed = [entity for entity in document.entities if entity.type in ENTITY_TYPES]
    neutral = {(e.start, e.end) for e in typed if is_adjectival(e.text, pos)}
    mentions = {
        EntitySpan(e.start, e.end, ENTITY_TYPES[e.type]) for e in typed if (e.start, e.end) not in neutral
    }
    return GoldEntities(document.name, document.text, frozenset(mentions), frozenset(neutral))


def pymorphy_pos(morph_vocab) -> PosFn:
    """The part of speech of a word's most likely pymorphy2 parse."""

    def pos(word: str) -> str | None:
        parses = morph_vocab.parse(word)
        return parses[0].tag.POS if parses else None

    return pos


def evaluate_actors(
    folder: Path | str,
    *,
    predict_fn: PredictFn,
    baseline_fn: PredictFn | None = None,
    pos: PosFn | None = None,
    rule: str = "every actor mention",
    names: tuple[str, str] = ("claims", "natasha"),
    progress: Callable[[str], None] | None = None,
) -> ActorsReport:
    """Score `predict_fn` (and `baseline_fn`, in the same run) against a folder of NEREL documents."""
    if pos is None:
        from .nlp import load_morph_vocab

        pos = pymorphy_pos(load_morph_vocab())
    documents: Iterable[NerelDocument] = read_folder(Path(folder))
    return score_corpus(
        (gold_entities(document, pos) for document in documents),
        predict_fn=predict_fn,
        baseline_fn=baseline_fn,
        names=names,
        rule=rule,
        corpus="NEREL",
        progress=progress,
    )
