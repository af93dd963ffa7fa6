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
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from .. import caches

MODEL_PATH = Path(__file__).with_name("mention_model.json")
Key = tuple[int, int, str]
SHAPE_RUNS_RE = re.compile(r"(.)\1+")
MAX_SHAPE = 5
ALSO_FEATURES = {kind: f"also={kind[:3]}" for kind in ("person", "organization", "location")}
REPEAT_FEATURES = tuple(f"rep={n}" for n in range(5))
NEIGHBOUR_POS = {"ADP", "CCONJ", "PUNCT", "VERB", "NOUN", "ADJ", "PROPN"}


@dataclass(frozen=True)
class MentionModel:
    """Weights of a logistic regression and the score a candidate needs. A feature is named «t=<type>|<what>»;
    the weights are also kept by type, so that the judge scores a span's types from one list of what it sees."""

    weights: dict[str, float]
    bias: float
    threshold: float
    by_type: dict[str, dict[str, float]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_type: dict[str, dict[str, float]] = {}
        for feature, weight in self.weights.items():
            kind, _, what = feature.partition("|")
            by_type.setdefault(kind, {})[what] = weight
        object.__setattr__(self, "by_type", by_type)

    def score(self, features: list[str]) -> float:
        weights = self.weights
        return self.bias + sum(weights.get(feature, 0.0) for feature in features)

    def score_typed(self, kind: str, features: list[str]) -> float:
        """The score of `features` named without their «t=<type>|» (and the type's own weight, named «t=<type>»)."""
        weights = self.by_type.get(f"t={kind}", {})
        return self.bias + weights.get("", 0.0) + sum(map(weights.get, features, repeat(0.0)))

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
    scores = {key: model.score_typed(key[2][:3], found) for key, found in candidate_views(doc, mentions, morph).items()}
    best: dict[tuple[int, int], float] = {}
    for (start, end, _), score in scores.items():
        best[(start, end)] = max(score, best.get((start, end), score))
    threshold = model.threshold
    return [m for m in mentions if kept(scores[(m.start, m.end, m.type)], best[(m.start, m.end)], threshold)]


def kept(score: float, best_of_span: float, threshold: float) -> bool:
    """Above the threshold, and the likeliest type of its span."""
    return score >= threshold and score >= best_of_span


def candidate_features(doc, mentions: list, morph) -> dict[Key, list[str]]:
    """The features of each distinct candidate (start, end, type) of an article, named with their type."""
    return {
        key: [f"t={key[2][:3]}", *(f"t={key[2][:3]}|{what}" for what in found)]
        for key, found in candidate_views(doc, mentions, morph).items()
    }


def candidate_views(doc, mentions: list, morph) -> dict[Key, list[str]]:
    """What the judge sees of each distinct candidate, without its type: its span's features, then its own."""
    context = ArticleContext(doc, mentions, morph)
    return {
        key: context.span_features(key[0], key[1]) + context.own_features(key, found)
        for key, found in context.by_key.items()
    }


class ArticleContext:
    """What a candidate's features look at beyond its own words: the other candidates and Natasha's entities."""

    def __init__(self, doc, mentions: list, morph) -> None:
        self.doc = doc
        self.morph = morph
        self.by_key: dict[Key, list] = {}
        for m in mentions:
            self.by_key.setdefault((m.start, m.end, m.type), []).append(m)
        self.spans = sorted(self.by_key)
        self.longest = max((e - s for s, e, _ in self.spans), default=0)
        self.types: dict[tuple[int, int], list[str]] = {}
        for start, end, kind in self.spans:
            self.types.setdefault((start, end), []).append(kind)
        self.entities = {(ent.start, ent.end): ent.label_ for ent in doc.ents}
        self.entity_list = [(start, end, label) for (start, end), label in self.entities.items()]
        self.entity_starts = [start for start, _, _ in self.entity_list]
        self.key_counts = Counter(key for m in mentions for key in m.keys)
        self.by_span: dict[tuple[int, int], list[str]] = {}

    def kinds(self, key: Key) -> str:
        return "+".join(sorted({m.kind for m in self.by_key[key]}))

    def own_features(self, key: Key, found: list) -> list[str]:
        """The rules and kinds that found the candidate, another type of its span, how often its name recurs."""
        start, end, kind = key
        features = [rule_feature(m.rule, m.kind) for m in found]
        features += [ALSO_FEATURES[k] for k in self.types[(start, end)] if k != kind]
        counts = self.key_counts
        repeats = max((counts[k] for m in found for k in m.keys), default=1)
        features.append(REPEAT_FEATURES[min(repeats, 4)])
        return features

    def span_features(self, start: int, end: int) -> list[str]:
        found = self.by_span.get((start, end))
        if found is None:
            found = self.by_span[(start, end)] = self.words_features(start, end) + self.context_features(start, end)
        return found

    def words_features(self, start: int, end: int) -> list[str]:
        doc = self.doc
        first, last = doc[start], doc[end - 1]
        head = doc[span_head(doc, start, end)]
        size = min(end - start, 6) if end - start <= 6 else 8 if end - start <= 10 else 11
        head_pos = head.pos_
        case, number, animacy = head_grammar(str(head.morph))
        features = [
            f"n={size}", f"hl={head.lemma_.lower()}", f"shape={span_shape(doc, start, end)}",
            f"hpos={head_pos}|dep={head.dep_}", f"first={first.lemma_.lower()}", f"last={last.lemma_.lower()}",
            f"case={case}", f"num={number}", f"anim={animacy}|pos={head_pos}",
        ]
        ner = self.entities.get((start, end), "-")
        for word in dict.fromkeys((head.text, last.text, first.text)):
            grammemes = name_grammemes_key(self.morph, word)
            features += [f"gram={grammemes}", f"ner={ner}|gram={grammemes}"]
        features.append(f"ner={ner}|suffix={head.lower_[-3:]}")
        features.append(f"ner={ner}|prevlemma={doc[start - 1].lemma_.lower() if start else '-'}")
        if first.is_sent_start:
            features.append(f"sent_start|shape={token_shape(first.text)}")
        if start < 3 and first.is_upper:
            features.append("dateline")
        return features

    def context_features(self, start: int, end: int) -> list[str]:
        around = self.entity_features(start, end) + self.nesting_features(start, end)
        return self.neighbour_features(start, end) + around

    def neighbour_features(self, start: int, end: int) -> list[str]:
        doc = self.doc
        before = doc[start - 1] if start > 0 else None
        after = doc[end] if end < len(doc) else None
        features = [f"prev={neighbour(before)}", f"next={neighbour(after)}"]
        if before is not None and before.pos_ in ("NOUN", "ADJ"):
            features.append(f"prevlemma={before.lemma_.lower()}")
        return features

    def entity_features(self, start: int, end: int) -> list[str]:
        label = self.entities.get((start, end))
        if label is not None:
            return [f"ner={label}"]
        entities, starts = self.entity_list, self.entity_starts
        before = bisect_right(starts, start) - 1  # NER's spans are sorted and never overlap: one at most holds it
        if before >= 0 and end <= entities[before][1]:
            return [f"in_ner={entities[before][2]}"]
        after = bisect_left(starts, start)
        if after < len(entities) and entities[after][1] <= end:
            return [f"holds_ner={entities[after][2]}"]
        return ["no_ner"]

    def nesting_features(self, start: int, end: int) -> list[str]:
        features = set()
        low = bisect_left(self.spans, (start - self.longest,))
        for s, e, kind in self.spans[low : bisect_left(self.spans, (end,))]:
            if e <= start or (s, e) == (start, end):
                continue
            other = kind[:3]
            if s <= start and end <= e:
                features.update(
                    (f"inside={other}", f"inside={other}@{edge(s == start, e == end)}",
                     f"inside={other}|kinds={self.kinds((s, e, kind))}")
                )
            elif start <= s and e <= end:
                features.update((f"holds={other}", f"holds={other}@{edge(s == start, e == end)}"))
            else:
                features.add(f"crosses={other}")
        return sorted(features)


@lru_cache(maxsize=256)
def rule_feature(rule: str, kind: str) -> str:
    return f"rule={rule}|k={kind}"


def edge(at_start: bool, at_end: bool) -> str:
    return "start" if at_start else "end" if at_end else "middle"


def span_head(doc, start: int, end: int) -> int:
    """The index of the token whose head lies outside the span (the last such when several)."""
    for index in range(end - 1, start - 1, -1):
        head = doc[index].head.i
        if head == index or not start <= head < end:
            return index
    return end - 1


@lru_cache(maxsize=caches.WORDS)
def head_grammar(features: str) -> tuple[str, str, str]:
    """Case, number and animacy of UD features («Animacy=Anim|Case=Nom|...»), several values joined by «/»."""
    fields = dict(pair.partition("=")[::2] for pair in features.split("|"))
    return tuple(fields.get(name, "").replace(",", "/") for name in ("Case", "Number", "Animacy"))


@lru_cache(maxsize=caches.WORDS)
def name_grammemes_key(morph, word: str) -> str:
    return "+".join(sorted(morph.name_grammemes(word))) or "common"


@lru_cache(maxsize=caches.WORDS)
def token_shape(text: str) -> str:
    shape = "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in text)
    shape = SHAPE_RUNS_RE.sub(r"\1", shape)[:MAX_SHAPE]
    return ("L" if text[:1].isascii() and text[:1].isalpha() else "") + shape


def span_shape(doc, start: int, end: int) -> str:
    if end - start == 1:
        return token_shape(doc[start].text)
    return " ".join([token_shape(doc[i].text) for i in range(start, min(end, start + 4))])


def neighbour(token) -> str:
    if token is None:
        return "END"
    if token.pos_ in ("ADP", "CCONJ", "PUNCT"):
        return token.lower_
    return token.pos_ if token.pos_ in NEIGHBOUR_POS else "OTHER"
