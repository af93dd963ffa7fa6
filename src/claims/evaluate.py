"""Measure extracted records against gold annotations (ANNOTATION.md): gold loading, matching, scores.

One gold JSON per article names its text (`file`) and its publication date (`published`, handed to the
extractor). Each field is matched per article, one-to-one, best pairs first:

- counts: a predicted count matches a gold one when its number overlaps the gold `number` inside the
  gold `text` occurrence; it is correct when `low` and `high` are equal; status agreement is counted
  over matched counts;
- dated_events: a predicted date span (each event's date, counted once per span) matches when it
  overlaps the gold `date_text` occurrence; correct when `value` is equal;
- sources: names match when at least half of the word stems of the shorter name occur in the other
  (lower-cased, ё→е, stem = first five letters); kind agreement is counted over matched sources.

Strict figures count a true positive as matched and correct; matched-only figures count any match.
The module returns data and never prints.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ClaimsError
from .models import PrisonerCount, Qualifier, Record, Source, SourceKind, Status

FIELDS = ("counts", "dated_events", "sources")
LABELS = {"counts": "status", "dated_events": None, "sources": "kind"}
CONTEXT_CHARS = 40
STEM_LENGTH = 5
NAME_MATCH_SHARE = 0.5
STOP_WORDS = {"в", "во", "на", "по", "и", "с", "со", "из", "при", "для", "о", "об", "от", "к", "у", "за"}
WORD_RE = re.compile(r"\w+")
LINE_BREAKS_RE = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")

ExtractFn = Callable[..., Record]


class GoldError(ClaimsError):
    """A gold annotation that cannot be read or does not fit its article; names the file."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


# ---------------------------------------------------------------- gold format


class GoldModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldCount(GoldModel):
    text: str = Field(min_length=1)
    number: str = Field(min_length=1)
    low: int | None
    high: int | None
    qualifier: Qualifier | None = None
    status: Status
    note: str | None = None
    occurrence: int = Field(default=1, ge=1)


class GoldDatedEvent(GoldModel):
    date_text: str = Field(min_length=1)
    value: str = Field(min_length=1)
    trigger: str | None = None
    note: str | None = None
    occurrence: int = Field(default=1, ge=1)


class GoldSource(GoldModel):
    name: str = Field(min_length=1)
    kind: SourceKind | None = None
    cue: str | None = None
    note: str | None = None


class GoldArticle(GoldModel):
    file: str
    published: dt.date | None = None
    note: str | None = None
    counts: list[GoldCount] = Field(default_factory=list)
    dated_events: list[GoldDatedEvent] = Field(default_factory=list)
    sources: list[GoldSource] = Field(default_factory=list)


@dataclass(frozen=True)
class Item:
    """One gold or predicted item placed in its article.

    `anchor` is the span matched on (the number of a count, a date span); `span` is what error lists
    show; `value` decides correctness; `label` is the attribute whose agreement is reported.
    """

    text: str
    value: str = ""
    label: str | None = None
    anchor: tuple[int, int] | None = None
    span: tuple[int, int] | None = None


@dataclass
class GoldDocument:
    name: str
    text: str
    article: GoldArticle
    items: dict[str, list[Item]]


def load_gold(gold_dir: Path, texts_dir: Path) -> list[GoldDocument]:
    """Read every `*.json` in gold_dir and its article from texts_dir; raise GoldError on any problem."""
    paths = sorted(Path(gold_dir).glob("*.json"))
    if not paths:
        raise GoldError(str(gold_dir), "no gold files (*.json)")
    return [load_gold_document(path, Path(texts_dir)) for path in paths]


def load_gold_document(path: Path, texts_dir: Path) -> GoldDocument:
    article = parse_gold(path)
    text_path = texts_dir / article.file
    if not text_path.is_file():
        raise GoldError(path.name, f"article text {text_path} not found")
    text = text_path.read_text(encoding="utf-8")
    return GoldDocument(path.stem, text, article, gold_items(path.name, text, article))


def parse_gold(path: Path) -> GoldArticle:
    try:
        return GoldArticle.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GoldError(path.name, str(error)) from None
    except ValidationError as error:
        raise GoldError(path.name, validation_message(error)) from None


def validation_message(error: ValidationError) -> str:
    return "; ".join(f"[{'.'.join(map(str, e['loc']))}] {e['msg']}" for e in error.errors())


def gold_items(source: str, text: str, article: GoldArticle) -> dict[str, list[Item]]:
    return {
        "counts": [gold_count(source, text, count) for count in article.counts],
        "dated_events": [gold_date(source, text, event) for event in article.dated_events],
        "sources": [gold_source(text, src) for src in article.sources],
    }


def gold_count(source: str, text: str, count: GoldCount) -> Item:
    span = locate(source, text, count.text, count.occurrence)
    number_start = text.find(count.number, *span)
    if number_start < 0 or number_start + len(count.number) > span[1]:
        raise GoldError(source, f"number {count.number!r} is not inside {count.text!r}")
    anchor = (number_start, number_start + len(count.number))
    return Item(count.text, bounds(count.low, count.high), count.status, anchor, span)


def gold_date(source: str, text: str, event: GoldDatedEvent) -> Item:
    span = locate(source, text, event.date_text, event.occurrence)
    return Item(event.date_text, event.value, None, span, span)


def gold_source(text: str, src: GoldSource) -> Item:
    return Item(src.name, "", src.kind, None, find_name(text, src.name))


def locate(source: str, text: str, phrase: str, occurrence: int) -> tuple[int, int]:
    start = nth_occurrence(text, phrase, occurrence)
    if start is None:
        raise GoldError(source, f"{phrase!r} (occurrence {occurrence}) not found in the article")
    return start, start + len(phrase)


def nth_occurrence(text: str, phrase: str, occurrence: int) -> int | None:
    start = -1
    for _ in range(occurrence):
        start = text.find(phrase, start + 1)
        if start < 0:
            return None
    return start


def find_name(text: str, name: str) -> tuple[int, int] | None:
    """Where a source name first appears as written (case- and ё-insensitive), for error context."""
    start = fold(text).find(fold(name))
    return (start, start + len(name)) if start >= 0 else None


def bounds(low: int | None, high: int | None) -> str:
    return f"{'' if low is None else low}..{'' if high is None else high}"


# ---------------------------------------------------------------- predictions


def predicted_items(record: Record) -> dict[str, list[Item]]:
    return {
        "counts": [predicted_count(count) for count in record.prisoner_counts],
        "dated_events": predicted_dates(record),
        "sources": [predicted_source(src) for src in record.sources],
    }


def predicted_count(count: PrisonerCount) -> Item:
    span = (count.start, count.end)
    return Item(count.text, bounds(count.low, count.high), count.status, number_span(count), span)


def number_span(count: PrisonerCount) -> tuple[int, int]:
    offset = count.text.find(count.number) if count.number else -1
    if offset < 0:
        return count.start, count.end
    return count.start + offset, count.start + offset + len(count.number)


def predicted_dates(record: Record) -> list[Item]:
    """Each distinct date span once, whether one event or several report it (first value wins)."""
    dates = [event.date for event in record.events if event.date is not None]
    seen: dict[tuple[int, int], Item] = {}
    for date in dates:
        span = (date.start, date.end)
        seen.setdefault(span, Item(date.text, date.value, None, span, span))
    return list(seen.values())


def predicted_source(src: Source) -> Item:
    first = src.mentions[0] if src.mentions else None
    span = (first.start, first.end) if first else None
    return Item(src.name, "", src.kind, None, span)


# ---------------------------------------------------------------- matching


def overlap_score(gold: Item, pred: Item) -> float:
    if gold.anchor is None or pred.anchor is None:
        return 0.0
    (gs, ge), (ps, pe) = gold.anchor, pred.anchor
    shared = min(ge, pe) - max(gs, ps)
    return shared / (max(ge, pe) - min(gs, ps)) if shared > 0 else 0.0


def fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def stems(name: str) -> set[str]:
    words = WORD_RE.findall(fold(name))
    return {word[:STEM_LENGTH] for word in words if word not in STOP_WORDS} or {w[:STEM_LENGTH] for w in words}


def name_score(gold: Item, pred: Item) -> float:
    """The share of the shorter name's stems found in the other; 0 below NAME_MATCH_SHARE."""
    a, b = stems(gold.text), stems(pred.text)
    if not a or not b:
        return 0.0
    share = len(a & b) / min(len(a), len(b))
    return share if share >= NAME_MATCH_SHARE else 0.0


MATCHERS: dict[str, Callable[[Item, Item], float]] = {
    "counts": overlap_score,
    "dated_events": overlap_score,
    "sources": name_score,
}


def pair_up(gold: list[Item], pred: list[Item], score: Callable[[Item, Item], float]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index): correct pairs first, then by score, then in order."""
    candidates = [
        (g.value != p.value, -s, gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if (s := score(g, p)) > 0
    ]
    pairs, used_gold, used_pred = [], set(), set()
    for _, _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            pairs.append((gi, pi))
            used_gold.add(gi)
            used_pred.add(pi)
    return sorted(pairs)


# ---------------------------------------------------------------- scores


@dataclass
class Score:
    """Precision, recall and F1 from counts; an empty side counts as perfect (nothing missed or wrong)."""

    gold: int = 0
    predicted: int = 0
    true_positive: int = 0

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.gold + other.gold, self.predicted + other.predicted, self.true_positive + other.true_positive)

    def to_dict(self) -> dict:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "true_positive": self.true_positive,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class FieldCounts:
    """Counts for one field: matched pairs, how many are correct and how many agree on the label."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    correct: int = 0
    same_label: int = 0

    @property
    def strict(self) -> Score:
        return Score(self.gold, self.predicted, self.correct)

    @property
    def lenient(self) -> Score:
        return Score(self.gold, self.predicted, self.matched)

    @property
    def label_accuracy(self) -> float | None:
        return self.same_label / self.matched if self.matched else None

    def __add__(self, other: FieldCounts) -> FieldCounts:
        return FieldCounts(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.matched + other.matched,
            self.correct + other.correct,
            self.same_label + other.same_label,
        )


@dataclass(frozen=True)
class ErrorItem:
    """A miss (gold not found), a false hit (prediction not in gold) or a wrong value on a matched pair."""

    article: str
    field: str
    kind: str  # "miss", "false_hit", "wrong"
    text: str
    before: str = ""
    span_text: str = ""
    after: str = ""
    expected: str | None = None
    predicted: str | None = None
    label: str | None = None  # the item's status or kind (the gold one for a wrong value)


@dataclass
class ArticleResult:
    name: str
    fields: dict[str, FieldCounts]
    errors: list[ErrorItem] = field(default_factory=list)


@dataclass(frozen=True)
class Macro:
    precision: float
    recall: float
    f1: float


@dataclass
class EvalReport:
    articles: list[ArticleResult]
    show_errors: bool = False

    @property
    def fields(self) -> dict[str, FieldCounts]:
        return {name: sum((a.fields[name] for a in self.articles), FieldCounts()) for name in FIELDS}

    @property
    def macro(self) -> Macro:
        scores = [counts.strict for counts in self.fields.values()]
        return Macro(*(mean(getattr(s, m) for s in scores) for m in ("precision", "recall", "f1")))

    @property
    def errors(self) -> list[ErrorItem]:
        return [error for article in self.articles for error in article.errors] if self.show_errors else []


def mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


# ---------------------------------------------------------------- per article


def score_article(name: str, text: str, gold: dict[str, list[Item]], pred: dict[str, list[Item]]) -> ArticleResult:
    result = ArticleResult(name, {})
    for field_name in FIELDS:
        counts, errors = score_field(name, field_name, text, gold[field_name], pred[field_name])
        result.fields[field_name] = counts
        result.errors += errors
    return result


def score_field(
    article: str, field_name: str, text: str, gold: list[Item], pred: list[Item]
) -> tuple[FieldCounts, list[ErrorItem]]:
    pairs = pair_up(gold, pred, MATCHERS[field_name])
    counts = FieldCounts(gold=len(gold), predicted=len(pred), matched=len(pairs))
    counts.correct = sum(gold[g].value == pred[p].value for g, p in pairs)
    counts.same_label = sum(gold[g].label == pred[p].label for g, p in pairs)
    return counts, field_errors(article, field_name, text, gold, pred, pairs)


def field_errors(
    article: str, field_name: str, text: str, gold: list[Item], pred: list[Item], pairs: list[tuple[int, int]]
) -> list[ErrorItem]:
    matched_gold, matched_pred = {g for g, _ in pairs}, {p for _, p in pairs}
    errors = [
        error_item(article, field_name, "miss", text, g, expected=g.value)
        for i, g in enumerate(gold)
        if i not in matched_gold
    ]
    errors += [
        error_item(article, field_name, "false_hit", text, p, predicted=p.value)
        for i, p in enumerate(pred)
        if i not in matched_pred
    ]
    errors += [
        error_item(article, field_name, "wrong", text, gold[g], expected=gold[g].value, predicted=pred[p].value)
        for g, p in pairs
        if gold[g].value != pred[p].value
    ]
    return sorted(errors, key=lambda e: (e.kind, e.text))


def error_item(article: str, field_name: str, kind: str, text: str, item: Item, **values) -> ErrorItem:
    before, middle, after = surroundings(text, item.span)
    return ErrorItem(article, field_name, kind, item.text, before, middle, after, label=item.label, **values)


def surroundings(text: str, span: tuple[int, int] | None, width: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """The span and up to `width` characters on each side, on one line."""
    if span is None:
        return "", "", ""
    start, end = span
    before, middle, after = text[max(0, start - width) : start], text[start:end], text[end : end + width]
    return one_line(before), one_line(middle), one_line(after)


def one_line(text: str) -> str:
    return LINE_BREAKS_RE.sub(" ", text)


# ---------------------------------------------------------------- the whole run


def evaluate(
    gold_dir: Path | str,
    texts_dir: Path | str,
    *,
    extract_fn: ExtractFn | None = None,
    show_errors: bool = False,
    progress: Callable[[str], None] | None = None,
) -> EvalReport:
    """Extract every gold article with `extract_fn(text, published=..., id=...)` and score it.

    Gold is validated in full before anything is extracted. `extract_fn` defaults to
    `claims.pipeline.extract` (models load on first use). `progress` receives each article's name.
    """
    documents = load_gold(Path(gold_dir), Path(texts_dir))
    extract_fn = extract_fn or default_extract()
    articles = []
    for document in documents:
        if progress:
            progress(document.name)
        record = extract_fn(document.text, published=document.article.published, id=document.name)
        articles.append(score_article(document.name, document.text, document.items, predicted_items(record)))
    return EvalReport(articles, show_errors=show_errors)


def default_extract() -> ExtractFn:
    from .pipeline import extract

    return extract


# ---------------------------------------------------------------- JSON


def report_to_dict(report: EvalReport) -> dict:
    """A JSON-ready summary: per-field and macro figures, per-article counts, errors when asked for."""
    data = {
        "articles": len(report.articles),
        "fields": {name: field_to_dict(name, counts) for name, counts in report.fields.items()},
        "macro": vars(report.macro),
        "per_article": [
            {"article": a.name, "fields": {n: field_to_dict(n, c) for n, c in a.fields.items()}}
            for a in report.articles
        ],
    }
    if report.show_errors:
        data["errors"] = [vars(error) for error in report.errors]
    return data


def field_to_dict(name: str, counts: FieldCounts) -> dict:
    data = {**counts.strict.to_dict(), "matched": counts.matched, "correct": counts.correct}
    data["matched_only"] = {k: v for k, v in counts.lenient.to_dict().items() if k in ("precision", "recall", "f1")}
    if LABELS[name]:
        data[f"{LABELS[name]}_accuracy"] = counts.label_accuracy
    return data
