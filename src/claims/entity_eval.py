"""Exact-span scoring of entity predictors (our actors, raw Natasha NER) against a gold corpus.

A corpus reader (`factru`, `nerel`) turns each gold document into `GoldEntities`: the text, the gold
mentions as (start, end, type) triples with type PER, ORG or LOC, and the neutral spans, which count
neither as a miss nor, when predicted, as a false hit. A predicted mention is a true positive when its
start, end and type equal a gold one's. Every predictor runs on the same texts in the same run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from .evaluate import Score
from .models import Record

ENTITY_TYPES = ("PER", "ORG", "LOC")
ACTOR_TYPES = {"person": "PER", "organization": "ORG", "location": "LOC"}


class EntitySpan(NamedTuple):
    start: int
    end: int
    type: str


PredictFn = Callable[[str], Iterable[EntitySpan]]


@dataclass(frozen=True)
class GoldEntities:
    name: str
    text: str
    mentions: frozenset[EntitySpan]
    neutral: frozenset[tuple[int, int]] = frozenset()


# ---------------------------------------------------------------- predictors


def record_mentions(record: Record, kinds: tuple[str, ...] = ("name",)) -> list[EntitySpan]:
    """The record's actor mentions of the given kinds (name, descriptor), typed PER/ORG/LOC."""
    return sorted(
        {
            EntitySpan(mention.start, mention.end, ACTOR_TYPES[actor.type])
            for actor in record.actors
            for mention in actor.mentions
            if mention.kind in kinds
        }
    )


def claims_predictor(
    models=None, extract_fn: Callable[..., Record] | None = None, kinds: tuple[str, ...] = ("name",)
) -> PredictFn:
    """Our actors: `extract(text)` then the mentions of its actors."""
    if extract_fn is None:
        from .pipeline import extract as extract_fn

    return lambda text: record_mentions(extract_fn(text, models=models), kinds)


def natasha_predictor(models=None) -> PredictFn:
    """Raw Natasha NER on the whole text: natasha.Doc, segmented, tagged with NewsNERTagger."""
    from natasha import Doc, Segmenter

    from .nlp import load_models

    tagger = (models or load_models()).ner_tagger
    segmenter = Segmenter()

    def predict(text: str) -> list[EntitySpan]:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        return [EntitySpan(span.start, span.stop, span.type) for span in doc.spans if span.type in ENTITY_TYPES]

    return predict


# ---------------------------------------------------------------- scores


@dataclass
class PredictorResult:
    name: str
    by_type: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in ENTITY_TYPES})

    @property
    def overall(self) -> Score:
        return sum(self.by_type.values(), Score())


@dataclass
class ActorsReport:
    documents: int
    rule: str
    results: list[PredictorResult]
    corpus: str = "factRuEval-2016"


def score_mentions(
    gold: Iterable[EntitySpan], predicted: Iterable[EntitySpan], neutral: Iterable[tuple[int, int]] = ()
) -> dict[str, Score]:
    """Exact span and type, per type; neutral spans are left out of both sides."""
    neutral = set(neutral)
    gold = {m for m in gold if (m.start, m.end) not in neutral}
    predicted = {m for m in predicted if (m.start, m.end) not in neutral}
    return {
        kind: Score(
            gold=sum(m.type == kind for m in gold),
            predicted=sum(m.type == kind for m in predicted),
            true_positive=sum(m.type == kind for m in gold & predicted),
        )
        for kind in ENTITY_TYPES
    }


def add_scores(result: PredictorResult, scores: dict[str, Score]) -> None:
    for kind, score in scores.items():
        result.by_type[kind] = result.by_type[kind] + score


def score_corpus(
    documents: Iterable[GoldEntities],
    *,
    predict_fn: PredictFn,
    baseline_fn: PredictFn | None = None,
    names: tuple[str, str] = ("claims", "natasha"),
    rule: str,
    corpus: str,
    progress: Callable[[str], None] | None = None,
) -> ActorsReport:
    """`predict_fn`, and `baseline_fn` beside it, on every document, scored against its gold in the same run."""
    predictors = [(names[0], predict_fn)] + ([(names[1], baseline_fn)] if baseline_fn else [])
    results = [PredictorResult(name) for name, _ in predictors]
    count = 0
    for document in documents:
        count += 1
        if progress:
            progress(document.name)
        for result, (_, predict) in zip(results, predictors):
            add_scores(result, score_mentions(document.mentions, predict(document.text), document.neutral))
    return ActorsReport(count, rule, results, corpus)


def actors_report_to_dict(report: ActorsReport) -> dict:
    return {
        "corpus": report.corpus,
        "documents": report.documents,
        "rule": report.rule,
        "predictors": {
            result.name: {
                **{kind: score.to_dict() for kind, score in result.by_type.items()},
                "overall": result.overall.to_dict(),
            }
            for result in report.results
        },
    }
