"""Training of the mention judge (`extractors/mention_model.py`) on NEREL train: `make train-ner`.

Every train article goes through the pipeline's analysis and the actor rules; each distinct candidate mention
(span and type) is labelled by NEREL's gold (a gold entity of that span and type: 1, else 0; NEREL's adjectival
entities are neither). A logistic regression with an L2 penalty is fitted by full-batch gradient descent in a
fixed order, so the same data give the same weights. The penalty and the threshold are chosen by cross-validation
over folds of train's articles, for the F1 of the whole corpus (gold mentions no candidate reaches count as
misses; the judge keeps one type a span); the final model is fitted on all of train.
Only train is read: dev stays for measuring.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .entity_eval import ACTOR_TYPES
from .extractors.mention_model import MentionModel, candidate_features

PENALTIES = (0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(-1.5 + 0.1 * n, 1) for n in range(31))
FOLDS = 4
EPOCHS = 300
LEARNING_RATE = 0.5
MIN_FEATURE_COUNT = 3
WEIGHT_DIGITS = 3
MIN_WEIGHT = 0.01  # smaller votes are left out of the shipped file


@dataclass
class Article:
    """The candidates of one article (label 1 or 0, None when neutral) and the number of its gold mentions."""

    name: str
    features: list[list[str]]
    labels: list[int | None]
    gold: int
    spans: list[tuple[int, int]]


def article_examples(name: str, doc, mentions: list, morph, gold: set, neutral: set) -> Article:
    """Candidates labelled by the gold (start, end, type) character spans."""
    article = Article(name, [], [], len(gold), [])
    for (start, end, kind), found in candidate_features(doc, mentions, morph).items():
        first, last = doc[start], doc[end - 1]
        span = (first.idx, last.idx + len(last.text))
        article.features.append(found)
        article.labels.append(None if span in neutral else int((*span, ACTOR_TYPES[kind]) in gold))
        article.spans.append(span)
    return article


# ---------------------------------------------------------------- logistic regression


class FeatureIndex:
    def __init__(self, rows: Iterable[list[str]], min_count: int = MIN_FEATURE_COUNT) -> None:
        counts = Counter(feature for row in rows for feature in set(row))
        self.names = sorted(feature for feature, count in counts.items() if count >= min_count)
        self.index = {feature: n for n, feature in enumerate(self.names)}

    def matrix(self, rows: Sequence[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """(row number, column) of every known feature of every row."""
        pairs = [(n, self.index[f]) for n, row in enumerate(rows) for f in sorted(set(row)) if f in self.index]
        array = np.array(pairs, dtype=np.int64).reshape(-1, 2)
        return array[:, 0], array[:, 1]


def fit_logistic(
    rows: Sequence[list[str]], labels: Sequence[int | None], penalty: float, epochs: int = EPOCHS
) -> MentionModel:
    """Weights of a logistic regression (AdaGrad, full batch, zero start: deterministic); unlabelled rows are left
    out."""
    rows = [row for row, label in zip(rows, labels) if label is not None]
    index = FeatureIndex(rows)
    row_ids, columns = index.matrix(rows)
    y = np.asarray([label for label in labels if label is not None], dtype=np.float64)
    size, width = len(rows), len(index.names)
    weights, bias = np.zeros(width), 0.0
    history, bias_history = np.full(width, 1e-8), 1e-8
    for _ in range(epochs):
        scores = np.bincount(row_ids, weights=weights[columns], minlength=size) + bias
        residual = 1.0 / (1.0 + np.exp(-scores)) - y
        gradient = np.bincount(columns, weights=residual[row_ids], minlength=width) / size
        gradient += penalty * weights / size
        bias_gradient = residual.mean()
        history += gradient**2
        bias_history += bias_gradient**2
        weights -= LEARNING_RATE * gradient / np.sqrt(history)
        bias -= LEARNING_RATE * bias_gradient / math.sqrt(bias_history)
    kept = {name: round(float(w), WEIGHT_DIGITS) for name, w in zip(index.names, weights) if abs(w) >= MIN_WEIGHT}
    return MentionModel(kept, round(float(bias), WEIGHT_DIGITS), 0.0)


def fit_articles(articles: list[Article], penalty: float) -> MentionModel:
    return fit_logistic([f for a in articles for f in a.features], [y for a in articles for y in a.labels], penalty)


# ---------------------------------------------------------------- choosing by cross-validation


@dataclass(frozen=True)
class Choice:
    penalty: float
    threshold: float
    f1: float


Scored = tuple[float, int, tuple]


def article_scores(article: Article, scores: list[float]) -> list[Scored]:
    """(score, label, span) of each labelled candidate, its score lowered below any threshold when another type of
    the same span scores higher (the judge keeps one type a span)."""
    best: dict[tuple[int, int], float] = {}
    for span, score in zip(article.spans, scores):
        best[span] = max(score, best.get(span, score))
    return [
        (score if score >= best[span] else -math.inf, label, (article.name, span))
        for score, label, span in zip(scores, article.labels, article.spans)
        if label is not None
    ]


def corpus_f1(scored: list[Scored], gold: int, threshold: float) -> float:
    kept = [label for score, label, _ in scored if score >= threshold]
    true = sum(kept)
    if not kept or not gold or not true:
        return 0.0
    precision, recall = true / len(kept), true / gold
    return 2 * precision * recall / (precision + recall)


def folds(articles: list[Article], count: int = FOLDS) -> list[list[Article]]:
    ordered = sorted(articles, key=lambda a: a.name)
    return [ordered[n::count] for n in range(count)]


def held_out_scores(articles: list[Article], penalty: float) -> list[Scored]:
    """Each fold's candidates scored by a model fitted on the other folds."""
    scored = []
    parts = folds(articles)
    for n, held in enumerate(parts):
        model = fit_articles([a for m, part in enumerate(parts) if m != n for a in part], penalty)
        scored += [item for a in held for item in article_scores(a, [model.score(f) for f in a.features])]
    return scored


def choose(
    articles: list[Article],
    penalties: Sequence[float] = PENALTIES,
    thresholds: Sequence[float] = THRESHOLDS,
    progress: Callable[[str], None] | None = None,
) -> Choice:
    gold = sum(a.gold for a in articles)
    best = Choice(penalties[0], 0.0, -1.0)
    for penalty in penalties:
        scored = held_out_scores(articles, penalty)
        for threshold in thresholds:
            f1 = corpus_f1(scored, gold, threshold)
            if f1 > best.f1:
                best = Choice(penalty, threshold, f1)
        if progress:
            progress(f"penalty {penalty}: best so far {best}")
    return best


def train(articles: list[Article], choice: Choice) -> MentionModel:
    model = fit_articles(articles, choice.penalty)
    return MentionModel(model.weights, model.bias, choice.threshold)
