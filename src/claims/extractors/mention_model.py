"""A learned judge of actor mentions: the rules over-generate candidates, a logistic regression keeps the likely ones.

Each candidate (a span of tokens with a type) is described by sparse string features: its type, the rules and kinds
that found it, its words' lemmas and shapes, its neighbours, whether Natasha's NER marked the same span, whether it
lies inside or around another candidate, how often its actor recurs. The weights (`mention_model.json`, trained on
NEREL train by `make train-ner`, see `claims.training`) give each feature a vote; a candidate whose summed votes
reach the model's threshold is kept. Without a model file every candidate is kept.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("mention_model.json")
SHAPE_RUNS_RE = re.compile(r"(.)\1+")
MAX_SHAPE = 5
NEIGHBOUR_POS = {"ADP", "CCONJ", "PUNCT", "VERB", "NOUN", "ADJ", "PROPN"}


@dataclass(frozen=True)
class MentionModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def score(self, features: list[str]) -> float:
        weights = self.weights
        return self.bias + sum(weights.get(feature, 0.0) for feature in features)

    def to_dict(self) -> dict:
        return {"bias": self.bias, "threshold": self.threshold, "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_dict(cls, data: dict) -> MentionModel:
        return cls(dict(data["weights"]), float(data["bias"]), float(data["threshold"]))


@lru_cache(maxsize=1)
def shipped_model() -> MentionModel | None:
    if not MODEL_PATH.is_file():
        return None
    return MentionModel.from_dict(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def kept_mentions(doc, mentions: list, morph, model: MentionModel | None = None) -> list:
    """The candidates the model keeps; a span found by several rules is judged once, all its mentions together."""
    model = model or shipped_model()
    if model is None or not mentions:
        return mentions
    scores = {key: model.score(found) for key, found in candidate_features(doc, mentions, morph).items()}
    best: dict[tuple[int, int], float] = {}
    for (start, end, _), score in scores.items():
        best[(start, end)] = max(score, best.get((start, end), score))
    return [m for m in mentions if kept(scores[(m.start, m.end, m.type)], best[(m.start, m.end)], model.threshold)]


def kept(score: float, best_of_span: float, threshold: float) -> bool:
    """Above the threshold, and the likeliest type of its span."""
    return score >= threshold and score >= best_of_span


def candidate_features(doc, mentions: list, morph) -> dict[tuple[int, int, str], list[str]]:
    """The features of each distinct candidate (start, end, type) of an article."""
    context = ArticleContext(doc, mentions, morph)
    by_key: dict[tuple[int, int, str], list] = {}
    for mention in mentions:
        by_key.setdefault((mention.start, mention.end, mention.type), []).append(mention)
    return {key: context.features(key, found) for key, found in by_key.items()}


class ArticleContext:
    """What a candidate's features look at beyond its own words: the other candidates and Natasha's entities."""

    def __init__(self, doc, mentions: list, morph) -> None:
        self.doc = doc
        self.morph = morph
        self.spans = sorted({(m.start, m.end, m.type) for m in mentions})
        self.entities = {(ent.start, ent.end): ent.label_ for ent in doc.ents}
        self.key_counts = Counter(key for m in mentions for key in m.keys)

    def features(self, key: tuple[int, int, str], found: list) -> list[str]:
        start, end, kind = key
        t = kind[:3]
        doc = self.doc
        tokens = doc[start:end]
        head = span_head(tokens)
        size = min(end - start, 6)
        features = [f"t={t}", f"t={t}|n={size}", f"t={t}|hl={head.lemma_.lower()}", f"hl={head.lemma_.lower()}"]
        features += [f"t={t}|rule={m.rule}|k={m.kind}" for m in found]
        features += [f"t={t}|shape={span_shape(tokens)}", f"t={t}|hpos={head.pos_}|dep={head.dep_}"]
        features += [f"t={t}|first={tokens[0].lemma_.lower()}", f"t={t}|last={tokens[-1].lemma_.lower()}"]
        case, number, animacy = ("/".join(head.morph.get(f)) for f in ("Case", "Number", "Animacy"))
        features += [f"t={t}|case={case}", f"t={t}|num={number}", f"t={t}|anim={animacy}|pos={head.pos_}"]
        ner = self.entities.get((start, end), "-")
        for word in {head.text, tokens[-1].text, tokens[0].text}:
            grammemes = "+".join(sorted(self.morph.name_grammemes(word))) or "common"
            features += [f"t={t}|gram={grammemes}", f"t={t}|ner={ner}|gram={grammemes}"]
        features.append(f"t={t}|ner={ner}|suffix={head.lower_[-3:]}")
        features.append(f"t={t}|ner={ner}|prevlemma={doc[start - 1].lemma_.lower() if start else '-'}")
        features += self.neighbour_features(t, start, end)

        features += self.entity_features(t, start, end)
        features += self.nesting_features(t, start, end)
        repeats = max((self.key_counts[k] for m in found for k in m.keys), default=1)
        features.append(f"t={t}|rep={min(repeats, 4)}")
        if tokens[0].is_sent_start:
            features.append(f"t={t}|sent_start|shape={token_shape(tokens[0].text)}")
        if start < 3 and tokens[0].is_upper:
            features.append(f"t={t}|dateline")
        return features

    def neighbour_features(self, t: str, start: int, end: int) -> list[str]:
        doc = self.doc
        before = doc[start - 1] if start > 0 else None
        after = doc[end] if end < len(doc) else None
        features = [
            f"t={t}|prev={neighbour(before)}",
            f"t={t}|next={neighbour(after)}",
        ]
        if before is not None and before.pos_ in ("NOUN", "ADJ"):
            features.append(f"t={t}|prevlemma={before.lemma_.lower()}")
        return features

    def entity_features(self, t: str, start: int, end: int) -> list[str]:
        label = self.entities.get((start, end))
        if label is not None:
            return [f"t={t}|ner={label}"]
        around = next(((s, e, lab) for (s, e), lab in self.entities.items() if s <= start and end <= e), None)
        if around is not None:
            return [f"t={t}|in_ner={around[2]}"]
        inside = [lab for (s, e), lab in self.entities.items() if start <= s and e <= end]
        return [f"t={t}|holds_ner={inside[0]}"] if inside else [f"t={t}|no_ner"]

    def nesting_features(self, t: str, start: int, end: int) -> list[str]:
        features = []
        for s, e, kind in self.spans:
            if s > end:
                break
            if (s, e) == (start, end):
                if kind[:3] != t:
                    features.append(f"t={t}|also={kind[:3]}")
            elif s <= start and end <= e:
                features.append(f"t={t}|inside={kind[:3]}")
            elif start <= s and e <= end:
                features.append(f"t={t}|holds={kind[:3]}")
            elif s < end and start < e:
                features.append(f"t={t}|crosses={kind[:3]}")
        return sorted(set(features))


def span_head(tokens):
    """The token whose head lies outside the span (the last such when several)."""
    inside = range(tokens.start, tokens.end)
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return heads[-1] if heads else tokens[-1]


def token_shape(text: str) -> str:
    shape = "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in text)
    shape = SHAPE_RUNS_RE.sub(r"\1", shape)[:MAX_SHAPE]
    return ("L" if text[:1].isascii() and text[:1].isalpha() else "") + shape


def span_shape(tokens) -> str:
    return " ".join(token_shape(t.text) for t in tokens[:4])


def neighbour(token) -> str:
    if token is None:
        return "END"
    if token.pos_ in ("ADP", "CCONJ", "PUNCT"):
        return token.lower_
    return token.pos_ if token.pos_ in NEIGHBOUR_POS else "OTHER"
